/**
 * The cards waiting at each station's exit, in the order they came out.
 *
 * A printer ejects a card to its exit and is free for the next card at once; the handler then takes "the card at the
 * exit", and when several wait there it takes the one that came out first. So the jobs must take their cards from an
 * exit in the order the cards came out: if a job whose transfer failed (the handler stopped for a jam elsewhere) let
 * a later job go first, the handler would carry the first job's card for the later job, a mix-up the line made
 * itself. Each job joins its station's queue when its card comes out and waits for its turn before asking the
 * handler to take it.
 */

/** Per-station queues of record ids, oldest first. */
export class ExitQueues {
  private readonly queues = new Map<string, number[]>();
  private readonly waiters: { station: string; recordId: number; resolve: () => void }[] = [];

  /** The card of `recordId` came out at `station`'s exit (no effect if it is already in the queue). */
  join(station: string, recordId: number): void {
    const q = this.queues.get(station) ?? [];
    if (!q.includes(recordId)) q.push(recordId);
    this.queues.set(station, q);
  }

  /** The card of `recordId` left `station`'s exit (taken by the handler, or by a person clearing a jam). */
  leave(station: string, recordId: number): void {
    const q = this.queues.get(station);
    if (!q) return;
    const i = q.indexOf(recordId);
    if (i < 0) return;
    q.splice(i, 1);
    this.serve();
  }

  /** Record ids waiting at `station`'s exit, oldest first. */
  waiting(station: string): readonly number[] {
    return this.queues.get(station) ?? [];
  }

  /** Resolves when the card of `recordId` is the oldest at `station`'s exit; rejects when `signal` aborts. */
  turn(station: string, recordId: number, signal: AbortSignal): Promise<void> {
    if (this.isTurn(station, recordId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { station, recordId, resolve };
      this.waiters.push(waiter);
      signal.addEventListener(
        'abort',
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new Error('exit wait aborted'));
        },
        { once: true },
      );
    });
  }

  private isTurn(station: string, recordId: number): boolean {
    const q = this.queues.get(station);
    return q === undefined || q.length === 0 || q[0] === recordId || !q.includes(recordId);
  }

  private serve(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (this.isTurn(w.station, w.recordId)) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}
