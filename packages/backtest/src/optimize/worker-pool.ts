import { Worker } from 'node:worker_threads';
import type { Params } from './parameter-space';
import { TrialError, TrialModuleError } from './trial-errors';
import { moduleUrl } from './trial-module';
import type { TrialModule, TrialOutcome } from './trial-types';

/**
 * The code each worker runs, as a CommonJS script (evaluated, so it works
 * whether this package runs from TypeScript sources or a bundle): call the
 * loader's `register()` if one is given, import the trial module, then
 * answer `{ id, params, trial, seed }` requests one at a time.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const describe = (e) => ({ name: e && e.name ? String(e.name) : 'Error', message: e && e.message ? String(e.message) : String(e) });
(async () => {
  if (workerData.loader) {
    const loader = await import(workerData.loader);
    if (typeof loader.register === 'function') loader.register();
  }
  const mod = await import(workerData.module);
  const fn = mod[workerData.exportName];
  if (typeof fn !== 'function') throw new Error('no function export named ' + workerData.exportName);
  parentPort.on('message', async (request) => {
    try {
      const value = await fn(request.params, { trial: request.trial, seed: request.seed });
      parentPort.postMessage({ id: request.id, ok: true, value });
    } catch (error) {
      parentPort.postMessage({ id: request.id, ok: false, error: describe(error) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((error) => parentPort.postMessage({ fatal: describe(error) }));
`;

interface Pending {
  readonly trial: number;
  readonly params: Params;
  resolve(value: TrialOutcome): void;
  reject(error: unknown): void;
}

interface Slot {
  readonly worker: Worker;
  pending: Pending | undefined;
}

type WorkerMessage =
  | { readonly ready: true }
  | { readonly fatal: { readonly name: string; readonly message: string } }
  | { readonly id: number; readonly ok: true; readonly value: TrialOutcome }
  | { readonly id: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

/** Options of a {@link WorkerPool}. */
export interface WorkerPoolOptions {
  readonly size: number;
  /** Module whose `register()` each worker calls first (a TypeScript loader), as a URL. */
  readonly loader: string | undefined;
  /** Node options of the workers (default: the process's own). */
  readonly execArgv: readonly string[] | undefined;
}

/** Worker threads that each load a trial module once and run trials on request. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  private constructor(private readonly ref: TrialModule) {}

  /** Starts `size` workers and waits until each has loaded the module; throws {@link TrialModuleError} if one cannot. */
  static async start(ref: TrialModule, options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(ref);
    try {
      await Promise.all(Array.from({ length: options.size }, () => pool.spawn(options)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Runs one trial on an idle worker (the caller never has more trials in flight than workers). */
  run(params: Params, trial: number, seed: number): Promise<TrialOutcome> {
    const slot = this.slots.find((s) => s.pending === undefined);
    if (slot === undefined) return Promise.reject(new TrialError(trial, params, 'no idle worker'));
    return new Promise<TrialOutcome>((resolve, reject) => {
      slot.pending = { trial, params, resolve, reject };
      slot.worker.postMessage({ id: this.nextId++, params, trial, seed });
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(options: WorkerPoolOptions): Promise<void> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: moduleUrl(this.ref.module), exportName: this.ref.export, loader: options.loader },
      ...(options.execArgv === undefined ? {} : { execArgv: [...options.execArgv] }),
    });
    const slot: Slot = { worker, pending: undefined };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const fail = (reason: string, cause?: unknown): void => {
        if (!ready) {
          reject(new TrialModuleError(this.ref.module, this.ref.export, reason));
          return;
        }
        const pending = slot.pending;
        slot.pending = undefined;
        pending?.reject(new TrialError(pending.trial, pending.params, reason, cause));
      };
      worker.on('message', (message: WorkerMessage) => {
        if ('ready' in message) {
          ready = true;
          resolve();
        } else if ('fatal' in message) fail(message.fatal.message);
        else {
          const pending = slot.pending;
          slot.pending = undefined;
          if (pending === undefined) return;
          if (message.ok) pending.resolve(message.value);
          else pending.reject(new TrialError(pending.trial, pending.params, `${message.error.name}: ${message.error.message}`));
        }
      });
      worker.on('error', (error) => fail(`worker crashed: ${error.message}`, error));
      worker.on('exit', (code) => {
        if (slot.pending !== undefined || !ready) fail(`worker exited with code ${code}`);
      });
    });
  }
}
