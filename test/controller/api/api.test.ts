/**
 * The API over a real socket (fetch against the server listening on a free loopback port): every route times every role against
 * the role matrix written out here, sign-in and its throttle, CSRF, request validation, and error bodies without
 * internals.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../../src/controller/api';
import { hashPassword, LoginThrottle, SessionStore, LOGIN_THROTTLE } from '../../../src/controller/auth';
import type { Store } from '../../../src/controller/store';
import { sampleRecords, storeWithRecords, TODAY, workspace } from '../store/store-fixtures';

const PASSWORD = 'correct horse battery staple';
const ROLES = ['operator', 'qa', 'supervisor', 'admin'] as const;
type Who = (typeof ROLES)[number] | 'anonymous';

const ws = workspace('api');
let store: Store;
let app: FastifyInstance;
let clock = Date.parse('2026-01-15T08:00:00Z');
const now = () => clock;
const logins = new Map<string, { cookie: string; csrf: string }>();
let base = '';

interface Reply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  rawPayload: Buffer;
  json(): unknown;
}

/** One HTTP request to the server (light-my-request's inject needs ESM-only modules jest cannot load on Node 20). */
async function request(o: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: object | string }): Promise<Reply> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  let body: string | undefined;
  if (o.payload !== undefined) {
    body = typeof o.payload === 'string' ? o.payload : JSON.stringify(o.payload);
    headers['content-type'] ??= 'application/json';
  }
  const r = await fetch(base + o.url, { method: o.method, headers, ...(body !== undefined ? { body } : {}) });
  const raw = Buffer.from(await r.arrayBuffer());
  const text = raw.toString('utf8');
  return {
    statusCode: r.status,
    headers: Object.fromEntries(r.headers.entries()),
    body: text,
    rawPayload: raw,
    json: () => JSON.parse(text) as unknown,
  };
}

beforeAll(async () => {
  ({ store } = await storeWithRecords(join(ws.dir, 'api.db'), ws.dir, 3, 'api', 'ORDER-1'));
  const hash = hashPassword(PASSWORD);
  for (const role of ROLES) store.addOperator({ name: `${role}-1`, role, passwordHash: hash });
  store.addOperator({ name: 'supervisor-2', role: 'supervisor', passwordHash: hash });
  app = buildApi({ store, sessions: new SessionStore(now), throttle: new LoginThrottle(now), today: () => TODAY });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  for (const role of ROLES) logins.set(role, await login(`${role}-1`));
}, 60_000);

afterAll(async () => {
  await app.close();
  store.close();
  ws.cleanup();
});

async function login(name: string, password = PASSWORD) {
  const r = await request({ method: 'POST', url: '/api/login', payload: { name, password } });
  if (r.statusCode !== 200) throw new Error(`login ${name}: ${r.statusCode} ${r.body}`);
  const cookie = /^(cardline_session=[^;]+)/.exec(String(r.headers['set-cookie']))![1]!;
  return { cookie, csrf: (r.json() as { csrfToken: string }).csrfToken };
}

function headersOf(who: Who): Record<string, string> {
  const l = who === 'anonymous' ? undefined : logins.get(who);
  return l ? { cookie: l.cookie, 'x-csrf-token': l.csrf } : {};
}

/**
 * The role matrix: for each route, the roles that may call it. A route not listed here fails the test below, so
 * a new route needs a decision here.
 */
const MATRIX: Record<string, { allowed: readonly Who[]; payload?: unknown }> = {
  'GET /api/me': { allowed: ROLES },
  'GET /api/orders': { allowed: ROLES },
  'GET /api/orders/ORDER-1': { allowed: ROLES },
  'GET /api/orders/ORDER-1/rejects': { allowed: ROLES },
  'GET /api/orders/ORDER-1/throughput': { allowed: ROLES },
  'GET /api/stock': { allowed: ROLES },
  'GET /api/reports/ORDER-1': { allowed: ROLES },
  'GET /api/audit': { allowed: ['qa', 'supervisor', 'admin'] },
  'GET /api/operators': { allowed: ['admin'] },
  'POST /api/orders/ORDER-2/records': { allowed: ['supervisor', 'admin'], payload: { records: sampleRecords(1, 'api-import') } },
  'GET /api/line': { allowed: ROLES },
  'GET /api/stations': { allowed: ROLES },
  'GET /api/held': { allowed: ROLES },
  // This server drives no line: an allowed caller gets 501 or 409 (no line running), never 401 or 403.
  'POST /api/line/start': { allowed: ['operator', 'supervisor', 'admin'], payload: { order: 'ORDER-1' } },
  'POST /api/line/control': { allowed: ['operator', 'supervisor', 'admin'], payload: { action: 'pause' } },
  'POST /api/stations/printer-1/actions': { allowed: ['operator', 'supervisor', 'admin'], payload: { reason: 'ribbon-ended' } },
  'POST /api/held/1/decision': { allowed: ['supervisor'], payload: { decision: 'destroy' } },
};

describe('role matrix', () => {
  for (const [route, { allowed, payload }] of Object.entries(MATRIX)) {
    const [method, url] = route.split(' ') as ['GET' | 'POST', string];
    for (const who of ['anonymous', ...ROLES] as const) {
      const expected = who === 'anonymous' ? 401 : allowed.includes(who) ? 'allowed' : 403;
      it(`${route} as ${who}: ${expected}`, async () => {
        const r = await request({ method, url, headers: headersOf(who), ...(payload ? { payload: payload as object } : {}) });
        if (expected === 'allowed') expect([401, 403]).not.toContain(r.statusCode);
        else expect(r.statusCode).toBe(expected);
        if (expected !== 'allowed') expect(Object.keys(r.json() as object)).toEqual(['error']);
      }, 30_000);
    }
  }

  it('covers every route of the OpenAPI document', async () => {
    const doc = (await request({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const tested = Object.keys(MATRIX).map((k) =>
      k.replace('ORDER-1', '{name}').replace('ORDER-2', '{name}').replace('printer-1', '{id}').replace('/held/1/', '/held/{recordId}/'),
    );
    const exempt = ['POST /api/login', 'POST /api/logout', 'GET /api/openapi.json'];
    expect(documented.filter((d) => !exempt.includes(d)).sort()).toEqual([...new Set(tested)].sort());
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and audits who signed in from where', async () => {
    const r = await request({ method: 'POST', url: '/api/login', payload: { name: 'qa-1', password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const last = store.auditPage({ page: 1, pageSize: 1, action: 'session.login' }).entries[0]!;
    expect(last).toMatchObject({ actor: 'qa-1', outcome: 'ok', origin: '127.0.0.1', object: 'operator:qa-1' });
  });

  it('refuses a wrong password with 401 and the same words as an unknown name', async () => {
    const wrong = await request({ method: 'POST', url: '/api/login', payload: { name: 'qa-1', password: 'not the password' } });
    const unknown = await request({ method: 'POST', url: '/api/login', payload: { name: 'nobody', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it(`locks a name for ${LOGIN_THROTTLE.lockMs / 60_000} minutes after ${LOGIN_THROTTLE.perName} failures, even for the right password`, async () => {
    for (let i = 0; i < LOGIN_THROTTLE.perName; i++) {
      await request({ method: 'POST', url: '/api/login', payload: { name: 'supervisor-2', password: 'guess number ' + i } });
    }
    const locked = await request({ method: 'POST', url: '/api/login', payload: { name: 'supervisor-2', password: PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    clock += LOGIN_THROTTLE.lockMs + 1000;
    const later = await request({ method: 'POST', url: '/api/login', payload: { name: 'supervisor-2', password: PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('ends the session at sign-out: the cookie no longer works', async () => {
    const l = await login('operator-1');
    const out = await request({ method: 'POST', url: '/api/logout', headers: { cookie: l.cookie, 'x-csrf-token': l.csrf } });
    expect(out.statusCode).toBe(200);
    expect((await request({ method: 'GET', url: '/api/me', headers: { cookie: l.cookie } })).statusCode).toBe(401);
  });

  it('expires a session after 30 idle minutes', async () => {
    const l = await login('operator-1');
    clock += 31 * 60_000;
    expect((await request({ method: 'GET', url: '/api/me', headers: { cookie: l.cookie } })).statusCode).toBe(401);
    for (const role of ROLES) logins.set(role, await login(`${role}-1`));
  });
});

describe('requests', () => {
  it('refuses a state-changing request without the CSRF token, or with another session\'s', async () => {
    const sup = logins.get('supervisor')!;
    const payload = { records: sampleRecords(1, 'csrf') };
    const none = await request({ method: 'POST', url: '/api/orders/ORDER-3/records', headers: { cookie: sup.cookie }, payload });
    const other = await request({ method: 'POST', url: '/api/orders/ORDER-3/records', headers: { cookie: sup.cookie, 'x-csrf-token': logins.get('admin')!.csrf }, payload });
    expect(none.statusCode).toBe(403);
    expect(other.statusCode).toBe(403);
    expect(store.findOrder('ORDER-3')).toBeUndefined();
  });

  it('names the field of an invalid body or query with 400', async () => {
    const bad = await request({ method: 'POST', url: '/api/login', payload: { name: 'qa-1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'password' });
    const extra = await request({ method: 'POST', url: '/api/login', payload: { name: 'qa-1', password: 'x', admin: true } });
    expect(extra.statusCode).toBe(400);
    const page = await request({ method: 'GET', url: '/api/audit?pageSize=5000', headers: headersOf('qa') });
    expect(page.statusCode).toBe(400);
    expect(page.json()).toMatchObject({ field: 'pageSize' });
  });

  it('answers malformed JSON and oversized bodies with 4xx and no stack trace', async () => {
    const broken = await request({ method: 'POST', url: '/api/login', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(broken.statusCode).toBe(400);
    const big = await request({ method: 'POST', url: '/api/login', payload: { name: 'qa-1', password: 'x'.repeat(10_000) } });
    expect(big.statusCode).toBe(413);
    for (const r of [broken, big]) expect(r.body).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('imports records under a supervisor, reports bad rows with their field, and audits who did it', async () => {
    const good = sampleRecords(2, 'import-ok');
    const bad = { ...sampleRecords(1, 'import-bad')[0]!, personalId: '12345' };
    const r = await request({ method: 'POST', url: '/api/orders/ORDER-4/records', headers: headersOf('supervisor'), payload: { records: [...good, bad] } });
    expect(r.statusCode).toBe(200);
    const report = r.json() as { imported: number; invalid: number; errors: { row: number; field: string }[] };
    expect(report).toMatchObject({ imported: 2, invalid: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, field: 'personalId' });
    const entry = store.auditPage({ page: 1, pageSize: 1, action: 'api.import' }).entries[0]!;
    expect(entry).toMatchObject({ actor: 'supervisor-1', object: 'order:ORDER-4' });
  });

  it('pages and filters the audit log, newest first', async () => {
    const r = await request({ method: 'GET', url: '/api/audit?page=1&pageSize=2&action=session.', headers: headersOf('qa') });
    const body = r.json() as { entries: { seq: number; action: string }[]; total: number; verified: boolean };
    expect(body.entries).toHaveLength(2);
    expect(body.entries[0]!.seq).toBeGreaterThan(body.entries[1]!.seq);
    expect(body.entries.every((e) => e.action.startsWith('session.'))).toBe(true);
    expect(body.total).toBeGreaterThan(2);
    expect(body.verified).toBe(true);
  });

  it('serves the report as a PDF and unknown things as 404', async () => {
    const pdf = await request({ method: 'GET', url: '/api/reports/ORDER-1', headers: headersOf('operator') });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await request({ method: 'GET', url: '/api/reports/NOPE', headers: headersOf('operator') })).statusCode).toBe(404);
    expect((await request({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
  });

  it('never puts a personal ID or a name in a response about an order', async () => {
    const records = sampleRecords(3, 'api');
    for (const url of ['/api/orders', '/api/orders/ORDER-1', '/api/stock']) {
      const body = (await request({ method: 'GET', url, headers: headersOf('admin') })).body;
      for (const r of records) {
        expect(body).not.toContain(r.personalId);
        expect(body).not.toContain(r.fullName);
      }
    }
  });
});
