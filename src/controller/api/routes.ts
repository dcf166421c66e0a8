/**
 * The routes of the API (see route-table.ts for what each entry means). Reading routes are open to every role;
 * the audit log to QA, supervisors and admins; importing orders to supervisors and admins; the account list to
 * admins. Every state-changing request is audited with who, what, when and from where.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Store } from '../store';
import { LoginThrottle, SessionStore, verifyPassword, ROLES, MAX_PASSWORD_LENGTH, type Session } from '../auth';
import { ApiError } from './api-error';
import type { RouteSpec } from './route-table';
import type { ConsoleLine } from './console-line';

/** The session cookie's name. */
export const SESSION_COOKIE = 'cardline_session';

/** What the routes need. */
export interface RouteDeps {
  store: Store;
  sessions: SessionStore;
  throttle: LoginThrottle;
  /** Today (YYYY-MM-DD) for validating imported records. */
  today(): string;
  /** Set the cookie's Secure attribute (the server is behind TLS). */
  secureCookies: boolean;
  /** The line the console drives. */
  line: ConsoleLine;
}

const ALL = ROLES;
const OVERSIGHT = ['qa', 'supervisor', 'admin'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;
/** Who runs the line and answers its stations: operators, and supervisors and admins standing in. */
const LINE_CREW = ['operator', 'supervisor', 'admin'] as const;
const FAULT_REASONS = ['feeder-empty', 'ribbon-ended', 'card-jam', 'cover-open', 'reject-box-full'] as const;

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

function orderNamed(store: Store, name: string) {
  const order = store.listOrders().find((o) => o.name === name);
  if (order === undefined) throw new ApiError(404, `no order named "${name}"`);
  return order;
}

/** The route table over `deps`. */
export function apiRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, sessions, throttle } = deps;
  return [
    {
      method: 'POST',
      url: '/api/login',
      access: 'public',
      summary: 'sign in: sets the session cookie and returns the CSRF token to send as x-csrf-token',
      bodyLimit: 4096,
      body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }).strict(),
      handler: ({ body, origin }: { body: { name: string; password: string }; origin: string }) => {
        const wait = throttle.retryAfterMs(body.name, origin);
        if (wait > 0) {
          store.audit({ action: 'session.login', object: `operator:${body.name}`, outcome: 'refused', detail: { reason: 'throttled' }, actor: 'anonymous', origin });
          throw new ApiError(429, 'too many failed sign-ins: try again later', undefined, { 'retry-after': String(Math.ceil(wait / 1000)) });
        }
        const operator = store.findOperator(body.name);
        const ok = operator !== undefined && operator.disabledAt === null && verifyPassword(body.password, operator.passwordHash);
        if (!ok) {
          throttle.failed(body.name, origin);
          store.audit({ action: 'session.login', object: `operator:${body.name}`, outcome: 'refused', detail: { reason: 'wrong name or password' }, actor: 'anonymous', origin });
          throw new ApiError(401, 'wrong name or password');
        }
        throttle.succeeded(body.name);
        const session = sessions.create({ operatorId: operator.id, name: operator.name, role: operator.role, origin });
        store.audit({ action: 'session.login', object: `operator:${operator.name}`, actor: operator.name, origin });
        return {
          json: { name: session.name, role: session.role, csrfToken: session.csrfToken },
          headers: { 'set-cookie': sessionCookie(session.id, 12 * 3600, deps.secureCookies) },
        };
      },
    },
    {
      method: 'POST',
      url: '/api/logout',
      access: ALL,
      summary: 'sign out: ends the session',
      handler: ({ session, origin }: { session: Session; origin: string }) => {
        sessions.destroy(session.id);
        store.audit({ action: 'session.logout', object: `operator:${session.name}`, actor: session.name, origin });
        return { json: { ok: true }, headers: { 'set-cookie': sessionCookie('', 0, deps.secureCookies) } };
      },
    },
    {
      method: 'GET',
      url: '/api/me',
      access: ALL,
      summary: 'who is signed in, with the CSRF token',
      handler: ({ session }: { session: Session }) => ({ json: { name: session.name, role: session.role, csrfToken: session.csrfToken } }),
    },
    {
      method: 'GET',
      url: '/api/orders',
      access: ALL,
      summary: 'the orders with their records counted by status',
      handler: () => ({
        json: store.listOrders().map((o) => ({ name: o.name, product: o.product, createdAt: o.createdAt, status: o.status, counts: o.counts, total: o.total })),
      }),
    },
    {
      method: 'GET',
      url: '/api/orders/:name',
      access: ALL,
      summary: "one order's progress: records by status and its card ledger",
      handler: ({ params }: { params: Record<string, string> }) => {
        const order = orderNamed(store, params.name!);
        const ledger = store.stockLedger({ orderId: order.id });
        return { json: { name: order.name, product: order.product, status: order.status, counts: order.counts, total: order.total, stock: ledger.orders[0] ?? ledger.overall } };
      },
    },
    {
      method: 'POST',
      url: '/api/orders/:name/records',
      access: SUPERVISORS,
      summary: 'import records into an order (created if new): good records are imported, bad ones reported with row, field and reason',
      bodyLimit: 32 * 1024 * 1024,
      body: z.object({ records: z.array(z.record(z.string(), z.unknown())).min(1).max(100_000) }).strict(),
      handler: async ({ params, body, session, origin }: { params: Record<string, string>; body: { records: unknown[] }; session: Session; origin: string }) => {
        const name = params.name!;
        if (!/^[\p{L}\p{N}][\p{L}\p{N}._ -]{0,127}$/u.test(name)) throw new ApiError(400, 'an order name is letters, digits, ".", "_", "-" and spaces', 'name');
        const dir = mkdtempSync(join(tmpdir(), 'cardline-api-import-'));
        try {
          const file = join(dir, 'records.ndjson');
          writeFileSync(file, body.records.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
          const report = await store.importFile(file, { order: name, today: deps.today(), actor: session.name });
          store.audit({ action: 'api.import', object: `order:${name}`, actor: session.name, origin, detail: { imported: report.imported, invalid: report.invalid } });
          return { status: report.imported > 0 ? 200 : 422, json: report };
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
    {
      method: 'GET',
      url: '/api/orders/:name/rejects',
      access: ALL,
      summary: "the order's spoiled cards (the reject box) with their reasons, newest first",
      handler: ({ params }: { params: Record<string, string> }) => ({ json: store.spoiledCards(orderNamed(store, params.name!).id) }),
    },
    {
      method: 'GET',
      url: '/api/orders/:name/throughput',
      access: ALL,
      summary: 'good cards per minute over the last hour of the order (the last hour before its last card)',
      handler: ({ params }: { params: Record<string, string> }) => {
        const facts = store.orderFacts(orderNamed(store, params.name!).id);
        const end = Math.max(facts.lastJobAt ?? 0, ...facts.goodTimes, 0);
        const minutes = new Array<number>(60).fill(0);
        for (const t of facts.goodTimes) {
          const ago = Math.floor((end - t) / 60_000);
          if (ago >= 0 && ago < 60) minutes[59 - ago]! += 1;
        }
        return { json: { end: end > 0 ? new Date(end).toISOString() : null, perMinute: minutes } };
      },
    },
    {
      method: 'GET',
      url: '/api/stock',
      access: ALL,
      summary: 'the card ledger: issued = good + spoiled + in doubt + returned + on the line, overall and per order',
      handler: () => ({ json: store.stockLedger() }),
    },
    {
      method: 'GET',
      url: '/api/audit',
      access: OVERSIGHT,
      summary: 'the audit log, newest first, paged and filtered by action and actor; with the chain verification',
      query: z
        .object({
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          action: z.string().max(64).optional(),
          actor: z.string().max(64).optional(),
        })
        .strict(),
      handler: ({ query }: { query: { page: number; pageSize: number; action?: string; actor?: string } }) => {
        const page = store.auditPage(query);
        const verification = store.verifyAudit();
        return { json: { ...page, verified: verification.ok } };
      },
    },
    {
      method: 'GET',
      url: '/api/reports/:name',
      access: ALL,
      summary: "the order's production report as PDF",
      handler: async ({ params }: { params: Record<string, string> }) => {
        const order = orderNamed(store, params.name!);
        const { gatherReportData, renderReportPdf } = await import('../report');
        const pdf = await renderReportPdf(gatherReportData(store, order.id, new Date()));
        return { bytes: pdf, contentType: 'application/pdf', headers: { 'content-disposition': `attachment; filename="${encodeURIComponent(order.name)}-report.pdf"` } };
      },
    },
    {
      method: 'GET',
      url: '/api/operators',
      access: ['admin'],
      summary: 'the console accounts (names and roles)',
      handler: () => ({ json: store.listOperators().map((o) => ({ name: o.name, role: o.role, createdAt: o.createdAt, disabled: o.disabledAt !== null })) }),
    },
    {
      method: 'GET',
      url: '/api/line',
      access: ALL,
      summary: 'the line: its state and order, every station, the cards in flight, the cards held for a decision',
      handler: () => ({ json: { ...deps.line.status(), stations: deps.line.stations(), jobs: deps.line.jobs(), held: deps.line.held() } }),
    },
    {
      method: 'POST',
      url: '/api/line/start',
      access: LINE_CREW,
      summary: 'start the line on an order',
      body: z.object({ order: z.string().min(1).max(128) }).strict(),
      handler: ({ body, session, origin }: { body: { order: string }; session: Session; origin: string }) => {
        orderNamed(store, body.order);
        deps.line.start(body.order, session.name);
        store.audit({ action: 'line.start', object: `order:${body.order}`, actor: session.name, origin });
        return { status: 202, json: deps.line.status() };
      },
    },
    {
      method: 'POST',
      url: '/api/line/control',
      access: LINE_CREW,
      summary: 'pause (finish the cards in flight), resume, drain (finish the order, feed no more) or stop the line',
      body: z.object({ action: z.enum(['pause', 'resume', 'drain', 'stop']) }).strict(),
      handler: ({ body, session, origin }: { body: { action: 'pause' | 'resume' | 'drain' | 'stop' }; session: Session; origin: string }) => {
        deps.line.control(body.action.toUpperCase() as 'PAUSE');
        store.audit({ action: `line.${body.action}`, object: deps.line.status().order ? `order:${deps.line.status().order}` : null, actor: session.name, origin });
        return { json: deps.line.status() };
      },
    },
    {
      method: 'GET',
      url: '/api/stations',
      access: ALL,
      summary: 'every station: state, and what it waits for with the action that clears it',
      handler: () => ({ json: deps.line.stations() }),
    },
    {
      method: 'POST',
      url: '/api/stations/:id/actions',
      access: LINE_CREW,
      summary: 'report the action that clears a station fault as done (ribbon replaced, jam cleared, feeder refilled, cover closed, reject box emptied)',
      body: z.object({ reason: z.enum(FAULT_REASONS) }).strict(),
      handler: async ({ params, body, session, origin }: { params: Record<string, string>; body: { reason: (typeof FAULT_REASONS)[number] }; session: Session; origin: string }) => {
        await deps.line.operatorAction(params.id!, body.reason, session.name, origin);
        return { json: deps.line.stations().find((s) => s.id === params.id) ?? null };
      },
    },
    {
      method: 'GET',
      url: '/api/held',
      access: ALL,
      summary: 'the cards held for a decision, with what the devices said',
      handler: () => ({ json: deps.line.held() }),
    },
    {
      method: 'POST',
      url: '/api/held/:recordId/decision',
      access: ['supervisor'],
      summary: 'decide on a held card: verify (it is fine, go on) or destroy (needs a second, different supervisor to make the same decision)',
      body: z.object({ decision: z.enum(['verify', 'destroy']) }).strict(),
      handler: async ({ params, body, session, origin }: { params: Record<string, string>; body: { decision: 'verify' | 'destroy' }; session: Session; origin: string }) => {
        const recordId = Number(params.recordId);
        if (!Number.isInteger(recordId) || recordId < 1) throw new ApiError(400, 'recordId is a positive integer', 'recordId');
        const result = await deps.line.decide(recordId, body.decision, session.name);
        store.audit({ action: `card.decision.${result.outcome}`, object: `record:${recordId}`, actor: session.name, origin, detail: { decision: body.decision, by: result.by } });
        return { status: result.outcome === 'proposed' ? 202 : 200, json: result };
      },
    },
  ] as RouteSpec[];
}
