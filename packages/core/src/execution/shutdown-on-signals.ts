import type { Executor, ShutdownSummary } from './executor';

/**
 * Anything signals can be listened on: `process`, or an `EventEmitter` in tests.
 *
 * @example
 * ```ts
 * const target: SignalTarget = new EventEmitter();
 * ```
 */
export interface SignalTarget {
  /** Adds a listener for a signal (as `process.on`). */
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  /** Removes a listener added with `on` (as `process.off`). */
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Options of {@link shutdownOnSignals}.
 *
 * @example
 * ```ts
 * const options: ShutdownOnSignalsOptions = { timeoutMs: 15_000, target: process, onShutdown: () => process.exit(0) };
 * ```
 */
export interface ShutdownOnSignalsOptions {
  /** How long in-flight executions may take to finish, clock time. */
  readonly timeoutMs: number;
  /** Signals to handle (default `SIGINT` and `SIGTERM`). */
  readonly signals?: readonly string[];
  /** Where to listen (default `process`). */
  readonly target?: SignalTarget;
  /** Called once the executor has shut down and the journal is flushed, e.g. to exit the process. */
  readonly onShutdown?: (summary: ShutdownSummary, signal: string) => void | Promise<void>;
}

/**
 * A graceful-shutdown handle returned by {@link shutdownOnSignals}.
 *
 * @example
 * ```ts
 * const handle: ShutdownHandle = shutdownOnSignals(executor, { timeoutMs: 10_000 });
 * ```
 */
export interface ShutdownHandle {
  /** Resolves after the first handled signal's shutdown has finished. */
  readonly done: Promise<{ readonly signal: string; readonly summary: ShutdownSummary }>;
  /** Removes the listeners without shutting down. */
  dispose(): void;
}

/**
 * Wires SIGINT/SIGTERM (opt-in) to a graceful {@link Executor.shutdown}: on
 * the first signal it stops listening (a second Ctrl-C then gets Node's
 * default, an immediate exit), refuses new opportunities, lets in-flight
 * executions finish or time out (then cancels their orders), journals the
 * halt and flushes the journal, then calls `onShutdown`. The target is
 * injectable so the wiring is testable without real signals.
 *
 * @example
 * ```ts
 * shutdownOnSignals(executor, { timeoutMs: 15_000, onShutdown: () => process.exit(0) });
 * ```
 */
export function shutdownOnSignals(executor: Executor, options: ShutdownOnSignalsOptions): ShutdownHandle {
  const target: SignalTarget = options.target ?? (process as unknown as SignalTarget);
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const listeners = new Map<string, () => void>();
  const dispose = (): void => {
    for (const [signal, listener] of listeners) target.off(signal, listener);
    listeners.clear();
  };
  const done = new Promise<{ signal: string; summary: ShutdownSummary }>((resolve, reject) => {
    for (const signal of signals) {
      const listener = (): void => {
        dispose();
        executor
          .shutdown({ timeoutMs: options.timeoutMs, reason: `received ${signal}` })
          .then(async (summary) => {
            await options.onShutdown?.(summary, signal);
            resolve({ signal, summary });
          })
          .catch(reject);
      };
      listeners.set(signal, listener);
      target.on(signal, listener);
    }
  });
  return { done, dispose };
}
