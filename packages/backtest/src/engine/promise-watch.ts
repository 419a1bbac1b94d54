import { promiseHooks } from 'node:v8';

/**
 * Notices whether any promise was created between {@link reset} and a read
 * of {@link created}: the sign that the pipeline went asynchronous while
 * handling an event, so the engine must let its continuations run before
 * virtual time moves on. Uses V8's promise hooks while started; the check
 * itself costs nothing on events that create no promise.
 */
export class PromiseWatch {
  /** Whether a promise was created since the last {@link reset}. */
  created = false;
  private stopHook: (() => void) | undefined;

  start(): void {
    // @types/node types the returned stop function as a bare `Function`.
    this.stopHook ??= promiseHooks.onInit(() => {
      this.created = true;
    }) as () => void;
  }

  reset(): void {
    this.created = false;
  }

  stop(): void {
    this.stopHook?.();
    this.stopHook = undefined;
  }
}
