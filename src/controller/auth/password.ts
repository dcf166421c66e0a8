/**
 * Password hashing with scrypt (node:crypto): a random 16-byte salt per password and parameters stored with the
 * hash, so they can be raised later without breaking existing accounts. Stored form:
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`. Verification compares in constant time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest (a bound on the work a login request can cause). */
export const MAX_PASSWORD_LENGTH = 256;

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** scrypt needs 128 * N * r bytes: 32 MiB with these parameters, above Node's default limit. */
const MAX_MEM = 64 * 1024 * 1024;

/** A password that does not meet the policy. */
export class PasswordPolicyError extends Error {
  override name = 'PasswordPolicyError';
}

/** Throws {@link PasswordPolicyError} when `password` is too short or too long. */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new PasswordPolicyError(`a password has at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length})`);
  if (length > MAX_PASSWORD_LENGTH) throw new PasswordPolicyError(`a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

/** The stored form of `password` (checked against the policy first). */
export function hashPassword(password: string): string {
  checkPasswordPolicy(password);
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEM });
  return ['scrypt', N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for a malformed stored value. */
export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(n) || !Number.isInteger(r) || !Number.isInteger(p) || n! > 2 ** 20) return false;
  if ([...password].length > MAX_PASSWORD_LENGTH) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const actual = scryptSync(password.normalize('NFC'), salt, expected.length, { N: n!, r: r!, p: p!, maxmem: 256 * 1024 * 1024 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
