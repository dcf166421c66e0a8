/**
 * A node-style callback call turned into a promise that settles within a time-out. PC/SC calls run on
 * libuv's thread pool and cannot be cancelled, so a call that outlives its time-out still completes later:
 * `onLate` receives that late success so the caller can release what it acquired (a card handle).
 */
import type { Clock } from '../../clock';

/**
 * Starts `start` and resolves with its callback's value, rejects with its error, or rejects with
 * `onTimeout()` after `timeoutMs` on `clock`. A synchronous throw from `start` rejects too.
 */
export function callWithTimeout<T>(
  start: (callback: (error: unknown, value: T) => void) => void,
  timeoutMs: number,
  clock: Clock,
  onTimeout: () => Error,
  onLate?: (value: T) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = clock.setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(onTimeout());
    }, timeoutMs);
    try {
      start((error, value) => {
        if (settled) {
          if (!error) onLate?.(value);
          return;
        }
        settled = true;
        clock.clearTimeout(timer);
        if (error) reject(error);
        else resolve(value);
      });
    } catch (e) {
      if (!settled) {
        settled = true;
        clock.clearTimeout(timer);
        reject(e);
      }
    }
  });
}
