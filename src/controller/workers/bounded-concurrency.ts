/**
 * Keeps at most `limit` asynchronous tasks in flight: `add` returns once there is room again, so a producer that
 * awaits it is paced by its consumers instead of queueing a whole file of work. Failures are collected, not
 * thrown from `add`, so one bad card does not abandon the others; `drain` waits for the rest.
 */
export class BoundedConcurrency<T> {
  private readonly running = new Set<Promise<void>>();
  readonly results: T[] = [];
  readonly failures: { key: string; error: Error }[] = [];

  constructor(private readonly limit: number) {
    if (limit < 1) throw new RangeError('concurrency limit must be at least 1');
  }

  /** Starts a task under `key` (used to name it in failures); waits while `limit` tasks are running. */
  async add(key: string, start: () => Promise<T>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    const task: Promise<void> = start().then(
      (value) => {
        this.results.push(value);
      },
      (err: unknown) => {
        this.failures.push({ key, error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
    const tracked = task.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Waits until every started task has settled. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
  }
}
