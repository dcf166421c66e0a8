/**
 * A promise raced against a time-out on the injected clock. Native calls (node-hid's thread-pool work) cannot be
 * cancelled, so a value that arrives after the time-out goes to `onLate`, for the caller to release it.
 */
import type { Clock } from '../clock';

/** Resolves or rejects as `promise` does, or rejects with `onTimeout()` after `ms` on `clock`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock, onTimeout: () => Error, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = clock.setTimeout(() => {
      if (done) return;
      done = true;
      reject(onTimeout());
    }, ms);
    promise.then(
      (value) => {
        if (done) {
          onLate?.(value);
          return;
        }
        done = true;
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
