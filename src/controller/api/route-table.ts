/**
 * Every route of the API in one table: method, path, who may call it, what it takes and what it does. The server
 * (server.ts) enforces the roles, the CSRF token and the body schema from this table for every route, so a route
 * cannot be added without a place in the role matrix, and the OpenAPI document is generated from it.
 */
import type { z } from 'zod';
import type { Role } from '../auth';
import type { Session } from '../auth';

/** Who may call a route: nobody signed in needed, or the roles listed. */
export type Access = 'public' | readonly Role[];

/** What a handler gets. */
export interface RouteContext<B = unknown, Q = unknown> {
  session: Session | undefined;
  params: Record<string, string>;
  query: Q;
  body: B;
  /** The client's address, for the audit log. */
  origin: string;
}

/** What a handler answers: JSON, or bytes with a content type. */
export type RouteResult = { status?: number; json: unknown; headers?: Record<string, string> } | { status?: number; bytes: Buffer; contentType: string; headers?: Record<string, string> };

/** One route. */
export interface RouteSpec {
  method: 'GET' | 'POST';
  /** fastify path, e.g. `/api/orders/:name`. */
  url: string;
  access: Access;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Largest request body accepted, in bytes (default 64 KiB). */
  bodyLimit?: number;
  handler(ctx: RouteContext<never, never>): Promise<RouteResult> | RouteResult;
}
