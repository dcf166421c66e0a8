/**
 * `cardline start`, what `npm start` runs: the console with a simulated workstation line producing a fresh sample
 * order in real time (device times scaled down here so the tests take seconds), a first supervisor account with a
 * password printed once, and the report's path when the order is done; with --no-serve, the same line in the
 * terminal, ending with the report's path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, runCli, tempDir } from '../helpers/cli';
import { poppler, skipWithoutPoppler } from '../helpers/poppler';

const ws = tempDir('start');
afterAll(() => ws.cleanup());

it('runs the line on a sample order and ends with the path of its report', () => {
  const r = runCli(['--db', 'var/line.db', 'start', '--no-serve', '--count', '3', '--time-scale', '0.02', '--out', 'reports'], { cwd: ws.dir, timeoutMs: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/3 of 3 produced, 0 failed; cards 3 good, 0 spoiled, nothing unaccounted; audit chain verified/);
  const last = r.stdout.trim().split('\n').pop()!;
  const match = /^report: (reports\/sample-start-\d{8}T\d{6}-3-report\.pdf)$/.exec(last);
  expect(match).not.toBeNull();
  const pdf = join(ws.dir, match![1]!);
  expect(existsSync(pdf)).toBe(true);
  if (skipWithoutPoppler('the report text')) return;
  const text = poppler('pdftotext', [pdf, '-']);
  expect(text).toContain(match![1]!.slice('reports/'.length, -'-report.pdf'.length));
});

it('a second start is a new order in the same database', () => {
  const r = runCli(['--db', 'var/line.db', 'start', '--no-serve', '--count', '1', '--seed', 'second', '--time-scale', '0.02', '--out', 'reports'], { cwd: ws.dir, timeoutMs: 120_000 });
  expect(r.code).toBe(0);
  const orders = runCli(['--db', 'var/line.db', 'orders', '--json'], { cwd: ws.dir });
  const names = (JSON.parse(orders.stdout) as { name: string }[]).map((o) => o.name);
  expect(names).toHaveLength(2);
  expect(names).toContain('sample-second-1');
});

it('starts the console with the line producing a sample order, a first supervisor, and the report at the end', async () => {
  const child = spawn(process.execPath, [CLI, '--db', 'var/console.db', 'start', '--count', '2', '--time-scale', '0.02', '--port', '0', '--out', 'reports'], {
    cwd: ws.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const seen = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = re.exec(out);
        if (m) resolve(m);
      };
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        check();
      });
      check();
      child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${out}`)));
    });
  try {
    const password = (await seen(/created the account "supervisor" with the password (\S+)/))[1]!;
    const url = (await seen(/cardline console: (http:\/\/\S+)\//))[1]!;
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'supervisor', password }) });
    expect(login.status).toBe(200);
    const report = (await seen(/report: (reports\/\S+\.pdf)/))[1]!;
    expect(existsSync(join(ws.dir, report))).toBe(true);
    const cookie = /^(cardline_session=[^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const orders = (await (await fetch(`${url}/api/orders`, { headers: { cookie } })).json()) as { counts: { produced: number } }[];
    expect(orders.map((o) => o.counts.produced)).toEqual([2]);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}, 90_000);
