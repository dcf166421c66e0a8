import type { Clock } from '../devices/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock whose time moves only when told to: simulated shifts of thousands of cards run in seconds of wall time,
 * deterministically (timers due at the same moment fire in the order they were set).
 *
 * Two ways to drive it:
 * - `advance(ms)` / `advanceTo(t)`: fire every timer due up to that time, letting promise callbacks settle after
 *   each one, as tests of time-outs want;
 * - `runUntilIdle()`: whenever the program has nothing left to do but wait (no microtask, no pending I/O
 *   callback), jump straight to the next timer. That is how a virtual-time production run proceeds.
 */
export class VirtualClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    const timer = { id, at: this.time + Math.max(0, ms), fn };
    // Keep the list sorted by due time, then by creation: a stable insertion after equal due times.
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    return id;
  }

  clearTimeout(id: unknown): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** The due time of the next timer, or undefined. */
  get nextDue(): number | undefined {
    return this.timers[0]?.at;
  }

  /** Moves time forward by `ms`, firing the timers that fall due on the way. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.time + ms);
  }

  /** Moves time forward to `t`, firing due timers in order and letting the program react after each. */
  async advanceTo(t: number): Promise<void> {
    await settle();
    while (this.timers.length > 0 && this.timers[0]!.at <= t) {
      const timer = this.timers.shift()!;
      this.time = Math.max(this.time, timer.at);
      timer.fn();
      await settle();
    }
    this.time = Math.max(this.time, t);
  }

  /**
   * Waits for `work` while moving time on whenever the program goes quiet: for a caller that must wait for something
   * that itself waits on this clock (a driver connecting to a simulated device). Rejects with the work's error, or
   * when every timer has fired and the work is still pending (it waits on something this clock cannot move).
   */
  async drive<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    await settle();
    while (!settled) {
      const timer = this.timers.shift();
      if (timer === undefined) {
        await settle();
        if (!settled && this.timers.length === 0) throw new Error('virtual clock: the work waits on something other than this clock');
        continue;
      }
      this.time = Math.max(this.time, timer.at);
      timer.fn();
      await settle();
    }
    return work;
  }

  /**
   * Runs until `done()` is true or no timer is left: each time the program goes quiet, time jumps to the next
   * timer. `maxTimers` guards against a program that re-arms timers forever.
   */
  async runUntilIdle(done: () => boolean = () => false, maxTimers = 10_000_000): Promise<void> {
    let fired = 0;
    await settle();
    while (!done() && this.timers.length > 0) {
      if (++fired > maxTimers) throw new Error(`virtual clock: more than ${maxTimers} timers fired; is something re-arming forever?`);
      const timer = this.timers.shift()!;
      this.time = Math.max(this.time, timer.at);
      timer.fn();
      await settle();
    }
  }
}

/**
 * Lets pending promise callbacks and already-queued I/O callbacks run: a macrotask turn (setImmediate) after the
 * microtasks. Two turns, because a callback of the first may queue another immediate.
 */
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}
