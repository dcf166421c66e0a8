/**
 * `cardline serve --line workstation`: the console's API driving a simulated line in real time (device times scaled
 * down), through a real socket: an operator starts an order, watches the event stream, sees a printer ask for a new
 * ribbon, reports it replaced, and the order completes. Station faults wait for a person here: there is no
 * simulated operator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CLI, runCli, tempDir } from '../helpers/cli';

const ws = tempDir('serve-line');
const db = join(ws.dir, 'console.db');
const PASSWORD = 'correct horse battery staple';
let server: ChildProcess | undefined;
let base = '';
let records: { personalId: string }[] = [];

beforeAll(async () => {
  const file = join(ws.dir, 'order.ndjson');
  expect(runCli(['sample', '--count', '4', '--seed', 'serve-line', '--out', file]).code).toBe(0);
  expect(runCli(['--db', db, 'import', file, '--order', 'L1']).code).toBe(0);
  records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { personalId: string });
  expect(runCli(['--db', db, 'user', 'add', '--name', 'op1', '--role', 'operator'], { input: `${PASSWORD}\n` }).code).toBe(0);
  expect(runCli(['--db', db, 'user', 'add', '--name', 'qa1', '--role', 'qa'], { input: `${PASSWORD}\n` }).code).toBe(0);
  server = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0', '--line', 'workstation', '--time-scale', '0.02', '--faults', 'printer-1.ribbon@1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving the API at (http:\/\/[^\s/]+)\/api/.exec(out);
      if (m) resolve(m[1]!);
    });
    server!.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    server!.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  ws.cleanup();
});

async function login(name: string) {
  const r = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
  expect(r.status).toBe(200);
  const cookie = /^(cardline_session=[^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]!;
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, withinMs = 60_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('runs an order from the API: start, a ribbon fault the operator clears, completion, all streamed', async () => {
  const op = await login('op1');
  const get = async (url: string) => (await fetch(base + url, { headers: { cookie: op.cookie } })).json() as Promise<any>;
  const post = (url: string, body: unknown, who = op) =>
    fetch(base + url, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const events: { type: string; [k: string]: unknown }[] = [];
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, { headers: { cookie: op.cookie } });
  // Listen before the socket opens: the server's hello can arrive in the same read as the handshake.
  socket.on('message', (m) => events.push(JSON.parse(String(m)) as { type: string }));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });

  // A QA account watches but may not drive the line.
  const qa = await login('qa1');
  expect((await post('/api/line/start', { order: 'L1' }, qa)).status).toBe(403);

  const started = await post('/api/line/start', { order: 'L1' });
  expect(started.status).toBe(202);
  expect((await post('/api/line/start', { order: 'L1' })).status).toBe(409);

  const waiting = await until('printer-1 to ask for a ribbon', async () => {
    const line = (await get('/api/line')) as { error: string | null };
    if (line.error) throw new Error(`the line failed: ${line.error}`);
    const stations = (await get('/api/stations')) as { id: string; state: string; faults: { reason: string; action: string }[] }[];
    return stations.find((s) => s.id === 'printer-1' && s.state === 'needsOperator');
  });
  expect(waiting.faults[0]).toMatchObject({ reason: 'ribbon-ended', action: 'replace the ribbon' });
  // Clearing a fault the station does not have is refused.
  expect((await post('/api/stations/printer-1/actions', { reason: 'card-jam' })).status).toBe(409);
  expect((await post('/api/stations/printer-1/actions', { reason: 'ribbon-ended' })).status).toBe(200);

  const order = await until('the order to complete', async () => {
    const o = (await get('/api/orders/L1')) as { counts: { produced: number; failed: number } };
    const line = (await get('/api/line')) as { state: string };
    return o.counts.produced + o.counts.failed === 4 && line.state === 'idle' ? o : undefined;
  });
  expect(order.counts.produced).toBe(4);

  await until('the run-ended event', async () => (events.some((e) => e.type === 'run' && e.state === 'ended') ? true : undefined), 10_000);
  socket.close();
  expect(events[0]).toMatchObject({ type: 'hello', name: 'op1', role: 'operator' });
  expect(events.some((e) => e.type === 'station' && e.station === 'printer-1' && e.state === 'needsOperator' && e.reason === 'ribbon-ended')).toBe(true);
  expect(events.filter((e) => e.type === 'job' && e.to === 'output')).toHaveLength(4);
  // Events carry masked IDs only.
  for (const r of records) expect(JSON.stringify(events)).not.toContain(r.personalId);

  const audit = (await (await fetch(`${base}/api/audit?action=station.operator-action`, { headers: { cookie: qa.cookie } })).json()) as { entries: { actor: string; object: string }[] };
  expect(audit.entries[0]).toMatchObject({ actor: 'op1', object: 'station:printer-1' });
}, 120_000);

it('refuses the event stream without a session', async () => {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`);
  const code = await new Promise<number>((resolve) => socket.once('close', (c) => resolve(c)));
  expect(code).toBe(4401);
});
