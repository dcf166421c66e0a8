import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/** Message a pool worker receives: a task id and its input. */
export interface PoolRequest<In> {
  id: number;
  input: In;
}

/** Message a pool worker answers with: the task id and either its output or an error message. */
export type PoolResponse<Out> = { id: number; output: Out } | { id: number; error: string };

interface Pending<Out> {
  resolve: (value: Out) => void;
  reject: (err: Error) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  busy: Map<number, Pending<Out>>;
}

/**
 * A fixed pool of worker threads running one script, for CPU-bound data preparation (rendering, signing) on all
 * cores. Tasks go to the least-loaded worker; at most `inFlightPerWorker` tasks are posted to a worker at once so
 * that a producer awaiting `run()` gets back-pressure instead of queueing a whole order in memory.
 *
 * The worker script must answer every {@link PoolRequest} with one {@link PoolResponse} (see `serveTasks`).
 * If a worker dies, its pending tasks fail with the worker's error and the pool replaces it.
 */
export class WorkerPool<In, Out> {
  private readonly slots: Slot<In, Out>[] = [];
  private nextId = 1;
  private closed = false;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly script: string,
    readonly size: number = availableParallelism(),
    private readonly inFlightPerWorker = 4,
    private readonly workerData: unknown = undefined,
  ) {
    if (size < 1) throw new RangeError('worker pool size must be at least 1');
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Runs one task; resolves with the worker's output. Waits for capacity when every worker is full. */
  async run(input: In): Promise<Out> {
    if (this.closed) throw new Error('worker pool is closed');
    let slot = this.leastLoaded();
    while (slot.busy.size >= this.inFlightPerWorker) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.closed) throw new Error('worker pool is closed');
      slot = this.leastLoaded();
    }
    const id = this.nextId++;
    return new Promise<Out>((resolve, reject) => {
      slot.busy.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, input } satisfies PoolRequest<In>);
    });
  }

  /** Stops every worker; tasks still running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private leastLoaded(): Slot<In, Out> {
    let best = this.slots[0]!;
    for (const s of this.slots) if (s.busy.size < best.busy.size) best = s;
    return best;
  }

  private spawn(): Slot<In, Out> {
    const worker = new Worker(this.script, { workerData: this.workerData });
    const slot: Slot<In, Out> = { worker, busy: new Map() };
    worker.on('message', (msg: PoolResponse<Out>) => {
      const pending = slot.busy.get(msg.id);
      if (!pending) return;
      slot.busy.delete(msg.id);
      if ('error' in msg) pending.reject(new Error(msg.error));
      else pending.resolve(msg.output);
      if (slot.busy.size === 0) worker.unref();
      this.waiters.shift()?.();
    });
    const fail = (err: Error) => {
      for (const p of slot.busy.values()) p.reject(err);
      slot.busy.clear();
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.waiters.shift()?.();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) fail(new Error(`worker exited with code ${code}`));
    });
    // An idle pool must not keep the process alive on its own; a busy worker is ref'd while it has tasks.
    worker.unref();
    return slot;
  }
}
