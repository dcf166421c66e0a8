/**
 * Login throttling: after 5 failed sign-ins for one name, or 20 from one address, within 15 minutes, further
 * attempts for it are refused for 15 minutes (HTTP 429 with Retry-After), whatever the password. A success clears
 * the name's failures. Counting per name stops guessing one account from many places; per address, guessing many
 * accounts from one place.
 */

/** Limits of {@link LoginThrottle}. */
export const LOGIN_THROTTLE = { perName: 5, perAddress: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** Failed sign-ins by name and by address. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until a sign-in for `name` from `address` may be tried, or 0 when it may be tried now. */
  retryAfterMs(name: string, address: string): number {
    const at = this.now();
    const until = Math.max(this.lockedUntil.get(`name:${name}`) ?? 0, this.lockedUntil.get(`addr:${address}`) ?? 0);
    return until > at ? until - at : 0;
  }

  /** Notes a failed sign-in. */
  failed(name: string, address: string): void {
    this.count(`name:${name}`, LOGIN_THROTTLE.perName);
    this.count(`addr:${address}`, LOGIN_THROTTLE.perAddress);
  }

  /** Notes a successful sign-in: the name's failures are forgotten. */
  succeeded(name: string): void {
    this.failures.delete(`name:${name}`);
    this.lockedUntil.delete(`name:${name}`);
  }

  private count(key: string, limit: number): void {
    const at = this.now();
    const recent = (this.failures.get(key) ?? []).filter((t) => at - t < LOGIN_THROTTLE.windowMs);
    recent.push(at);
    this.failures.set(key, recent);
    if (recent.length >= limit) this.lockedUntil.set(key, at + LOGIN_THROTTLE.lockMs);
  }
}
