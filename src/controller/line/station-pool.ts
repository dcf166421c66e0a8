/**
 * The stations a card job can use, handed out one card at a time. A job asks for a station of some kind and gets
 * the free one that has waited longest (so work spreads evenly and utilisation figures stay meaningful); a station
 * that needs an operator or is offline is not handed out, and the line goes on with the others.
 */
import type { StationKind } from './config';

interface Waiter {
  kinds: readonly StationKind[];
  resolve: (id: string) => void;
  reject: (error: Error) => void;
}

/** A pool of stations; see the module comment. */
export class StationPool {
  private readonly kindOf = new Map<string, StationKind>();
  private readonly busy = new Set<string>();
  private readonly stopped = new Set<string>();
  private readonly freeSince = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private tick = 0;

  constructor(stations: readonly { id: string; kind: StationKind }[]) {
    for (const s of stations) {
      this.kindOf.set(s.id, s.kind);
      this.freeSince.set(s.id, this.tick++);
    }
  }

  /** Waits for a free station of one of `kinds` and takes it. Rejects when `signal` aborts. */
  acquire(kinds: readonly StationKind[], signal?: AbortSignal): Promise<string> {
    const free = this.pick(kinds);
    if (free !== undefined) return Promise.resolve(this.take(free));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { kinds, resolve, reject };
      this.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new Error('station wait aborted'));
        },
        { once: true },
      );
    });
  }

  /** Takes a specific station now (recovery: the card is already there). */
  claim(id: string): void {
    this.busy.add(id);
  }

  /** Gives a station back. */
  release(id: string): void {
    if (!this.busy.delete(id)) return;
    this.freeSince.set(id, this.tick++);
    this.serve();
  }

  /** Marks a station as taking cards or not (an operator is needed, or it is offline). */
  setAccepting(id: string, accepting: boolean): void {
    if (accepting) {
      this.stopped.delete(id);
      this.serve();
    } else {
      this.stopped.add(id);
    }
  }

  /** True when the station is taking cards. */
  accepting(id: string): boolean {
    return !this.stopped.has(id);
  }

  /** Stations currently holding a card. */
  busyCount(): number {
    return this.busy.size;
  }

  private take(id: string): string {
    this.busy.add(id);
    return id;
  }

  private pick(kinds: readonly StationKind[]): string | undefined {
    let best: string | undefined;
    for (const [id, kind] of this.kindOf) {
      if (!kinds.includes(kind) || this.busy.has(id) || this.stopped.has(id)) continue;
      if (best === undefined || this.freeSince.get(id)! < this.freeSince.get(best)!) best = id;
    }
    return best;
  }

  private serve(): void {
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i]!;
      const id = this.pick(w.kinds);
      if (id === undefined) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      w.resolve(this.take(id));
    }
  }
}
