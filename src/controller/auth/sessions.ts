/**
 * Sessions of signed-in people: a random 32-byte id (the HttpOnly cookie) and a separate random CSRF token (sent by
 * the console in a header on every state-changing request). Sessions end after 30 minutes without a request or 12
 * hours in all, and at sign-out. They live in memory: a restart of the server signs everyone out, which a factory
 * floor accepts and which keeps session ids out of the database.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles';

/** One session. */
export interface Session {
  id: string;
  csrfToken: string;
  operatorId: number;
  name: string;
  role: Role;
  createdAt: number;
  lastSeenAt: number;
  /** Where the person signed in from (the client address). */
  origin: string;
}

/** Session lifetimes in ms. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;

/** The sessions of one server. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a session for a person who just proved who they are. */
  create(who: { operatorId: number; name: string; role: Role; origin: string }): Session {
    const at = this.now();
    const session: Session = { ...who, id: token(), csrfToken: token(), createdAt: at, lastSeenAt: at };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with `id` (its idle timer restarts), or undefined. */
  touch(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const s = this.sessions.get(id);
    if (s === undefined) return undefined;
    const at = this.now();
    if (at - s.lastSeenAt > SESSION_IDLE_MS || at - s.createdAt > SESSION_MAX_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    s.lastSeenAt = at;
    return s;
  }

  /** Ends a session. */
  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** True when `given` is the session's CSRF token (constant-time comparison). */
  static csrfMatches(session: Session, given: string | undefined): boolean {
    if (given === undefined) return false;
    const a = Buffer.from(session.csrfToken);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function token(): string {
  return randomBytes(32).toString('base64url');
}
