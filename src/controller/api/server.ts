/**
 * The HTTP API (fastify): every route of route-table.ts/routes.ts behind the same gate. For each request the gate
 * finds the session from its HttpOnly cookie, checks the route's roles (401 without a session, 403 for a role the
 * route does not allow), checks the CSRF token on state-changing requests, and validates the query and body with
 * the route's schema (400 naming the field). Errors answer `{ "error", "field"? }` and never carry a stack trace.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Store } from '../store';
import { LoginThrottle, SessionStore } from '../auth';
import { ApiError } from './api-error';
import { apiRoutes, SESSION_COOKIE } from './routes';
import { openApiDocument } from './openapi';
import type { RouteSpec } from './route-table';
import { ConsoleLine, type LineStarter } from './console-line';
import websocket from '@fastify/websocket';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The console's files (console/ at the top of the project, beside src/ and dist/). */
const CONSOLE_DIR = join(__dirname, '..', '..', '..', 'console');
const CONSOLE_FILES: readonly (readonly [string, string, string])[] = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/console/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ['/console/style.css', 'style.css', 'text/css; charset=utf-8'],
];

/** Options of {@link buildApi}. */
export interface ApiOptions {
  store: Store;
  sessions?: SessionStore;
  throttle?: LoginThrottle;
  /** Today, YYYY-MM-DD, for validating imported records (default: the date now). */
  today?: () => string;
  /** Mark cookies Secure (when served over TLS or behind a TLS proxy). */
  secureCookies?: boolean;
  /** Starts the line the console drives (absent: the server shows the store only). */
  startLine?: LineStarter;
  /** The console's line, when the caller drives it too (npm start starts the sample order itself). */
  consoleLine?: ConsoleLine;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue && issue.path.length > 0 ? issue.path.join('.') : '(body)', message: issue?.message ?? 'invalid' };
}

/** Builds the API server (not listening yet). */
export function buildApi(o: ApiOptions): FastifyInstance {
  const sessions = o.sessions ?? new SessionStore();
  const throttle = o.throttle ?? new LoginThrottle();
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, return503OnClosing: true });
  const line = o.consoleLine ?? new ConsoleLine(o.startLine);
  const routes = apiRoutes({
    store: o.store,
    sessions,
    throttle,
    today: o.today ?? (() => new Date().toISOString().slice(0, 10)),
    secureCookies: o.secureCookies ?? false,
    line,
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('content-security-policy', "default-src 'self'; frame-ancestors 'none'");
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    if (error instanceof ApiError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return reply.status(error.statusCode).send({ error: error.message, ...(error.field ? { field: error.field } : {}) });
    }
    const status = error.statusCode ?? 500;
    // fastify's own client errors (malformed JSON, body too large, wrong content type) keep their status and text.
    if (status >= 400 && status < 500) return reply.status(status).send({ error: error.message });
    process.stderr.write(`cardline serve: internal error: ${error.name}: ${error.message}\n`);
    return reply.status(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: 'no such route' }));

  for (const route of routes) register(app, route, sessions);
  app.get('/api/openapi.json', async () => openApiDocument(routes));
  // The console: three static files, read once (no directory listing, no path from the request reaches the disk).
  for (const [url, file, type] of CONSOLE_FILES) {
    const bytes = readFileSync(join(CONSOLE_DIR, file));
    app.get(url, async (_req, reply) => reply.type(type).send(bytes));
  }
  // The event stream: line, station and card events as they happen, for every signed-in role.
  void app.register(websocket, { options: { maxPayload: 4096 } });
  void app.register(async (scope) => {
    scope.get('/api/events', { websocket: true }, (socket, req) => {
      const session = sessions.touch(cookieValue(req.headers.cookie, SESSION_COOKIE));
      if (session === undefined) {
        socket.close(4401, 'sign in first');
        return;
      }
      socket.send(JSON.stringify({ type: 'hello', name: session.name, role: session.role, line: line.status() }));
      const unsubscribe = line.subscribe((e) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(e));
      });
      socket.on('close', unsubscribe);
    });
  });
  return app;
}

function register(app: FastifyInstance, route: RouteSpec, sessions: SessionStore): void {
  app.route({
    method: route.method,
    url: route.url,
    bodyLimit: route.bodyLimit ?? 64 * 1024,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const session = sessions.touch(cookieValue(req.headers.cookie, SESSION_COOKIE));
      if (route.access !== 'public') {
        if (session === undefined) throw new ApiError(401, 'sign in first');
        if (!route.access.includes(session.role)) throw new ApiError(403, `a ${session.role} may not ${route.method} ${route.url}`);
        if (route.method !== 'GET') {
          const given = req.headers['x-csrf-token'];
          if (!SessionStore.csrfMatches(session, typeof given === 'string' ? given : undefined)) throw new ApiError(403, 'missing or wrong CSRF token (x-csrf-token)');
        }
      }
      let query: unknown = req.query;
      if (route.query) {
        const parsed = route.query.safeParse(req.query ?? {});
        if (!parsed.success) {
          const { field, message } = firstIssue(parsed.error);
          throw new ApiError(400, `invalid query: ${field}: ${message}`, field);
        }
        query = parsed.data;
      }
      let body: unknown = req.body;
      if (route.body) {
        const parsed = route.body.safeParse(req.body);
        if (!parsed.success) {
          const { field, message } = firstIssue(parsed.error);
          throw new ApiError(400, `invalid body: ${field}: ${message}`, field);
        }
        body = parsed.data;
      }
      const result = await route.handler({ session, params: req.params as Record<string, string>, query, body, origin: req.ip } as never);
      for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
      reply.status(result.status ?? 200);
      if ('bytes' in result) return reply.type(result.contentType).send(result.bytes);
      return reply.send(result.json);
    },
  });
}
