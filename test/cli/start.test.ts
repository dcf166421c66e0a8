/**
 * `cardline start`, what `npm start` runs: a simulated workstation line produces a fresh sample order in real time
 * (device times scaled down here so the test takes seconds) and the command ends with the report's path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { poppler, skipWithoutPoppler } from '../helpers/poppler';

const ws = tempDir('start');
afterAll(() => ws.cleanup());

it('runs the line on a sample order and ends with the path of its report', () => {
  const r = runCli(['--db', 'var/line.db', 'start', '--count', '3', '--time-scale', '0.02', '--out', 'reports'], { cwd: ws.dir, timeoutMs: 120_000 });
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
  const r = runCli(['--db', 'var/line.db', 'start', '--count', '1', '--seed', 'second', '--time-scale', '0.02', '--out', 'reports'], { cwd: ws.dir, timeoutMs: 120_000 });
  expect(r.code).toBe(0);
  const orders = runCli(['--db', 'var/line.db', 'orders', '--json'], { cwd: ws.dir });
  const names = (JSON.parse(orders.stdout) as { name: string }[]).map((o) => o.name);
  expect(names).toHaveLength(2);
  expect(names).toContain('sample-second-1');
});
