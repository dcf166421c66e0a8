/**
 * `cardline report` end to end through the compiled CLI, on a database built through the Store API: the PDF
 * written (A4, the order's figures), --json equal to what gatherReportData gives in-process, the same bytes for
 * the same --generated-at, the global --db honoured, no data key needed or created, and exit codes 1 for an
 * unknown order or a missing database and 2 for usage errors.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import { gatherReportData } from '../../src/controller/report';
import { runCli, tempDir, STACK_TRACE } from '../helpers/cli';
import { HAVE_POPPLER, poppler } from '../helpers/poppler';
import { TODAY } from '../controller/store/store-fixtures';
import { GENERATED_AT, ORDER, buildScenario } from '../controller/report/report-fixtures';

const ws = tempDir('report-cli');
afterAll(() => ws.cleanup());
// No data key anywhere: the report must not need one.
const env = { CARDLINE_TODAY: TODAY, CARDLINE_DATA_KEY: '' };
const dbDir = join(ws.dir, 'db');
const db = join(dbDir, 'cardline.db');
let expected: ReturnType<typeof gatherReportData>;

beforeAll(async () => {
  fs.mkdirSync(dbDir);
  const s = await buildScenario(db, ws.dir);
  expected = gatherReportData(s.store, s.orderId, GENERATED_AT);
  s.store.close();
});

describe('cardline report', () => {
  it('writes the PDF (folders created), prints a one-line summary, and needs no data key', () => {
    const out = join(ws.dir, 'reports', 'nested', 'order.pdf');
    const r = runCli(['--db', db, 'report', '--order', ORDER, '--out', out], { env });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      `order "${ORDER}": 9 of 12 records produced, first-pass yield 88.9 %, nothing unaccounted, audit chain verified; report written to ${out}\n`,
    );
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(join(ws.dir, 'reports', 'nested'))).toEqual(['order.pdf']); // no temporary file left
    expect(fs.existsSync(join(dbDir, 'data.key'))).toBe(false);
    if (!HAVE_POPPLER) {
      console.warn('skipped the PDF checks of "cardline report": poppler-utils not installed');
      return;
    }
    expect(poppler('pdfinfo', [out])).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = poppler('pdftotext', ['-layout', out, '-']).replace(/\s+/g, ' ');
    expect(text).toContain(`Order ${ORDER}`);
    expect(text).toContain('First-pass yield 88.9 %');
    expect(text).toContain('Nothing unaccounted.');
    expect(text).toContain(expected.audit.head!.hash);
  });

  it('prints with --json what gatherReportData gives, and the same PDF bytes for the same --generated-at', () => {
    const at = GENERATED_AT.toISOString();
    const json = runCli(['--db', db, 'report', '--order', ORDER, '--json', '--generated-at', at], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);

    const a = join(ws.dir, 'a.pdf');
    const b = join(ws.dir, 'b.pdf');
    const both = runCli(['--db', db, 'report', '--order', ORDER, '--out', a, '--json', '--generated-at', '2026-01-16T00:45:00+07:00'], { env });
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout)).toEqual(expected); // the same instant written with its offset
    expect(runCli(['--db', db, 'report', '--order', ORDER, '--out', b, '--generated-at', at], { env }).code).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  });

  it('uses the clock when --generated-at is not given', () => {
    const before = Date.now();
    const r = runCli(['--db', db, 'report', '--order', ORDER, '--json'], { env });
    const at = Date.parse(JSON.parse(r.stdout).generatedAt);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('exits 1 with a clear message for an unknown order or a missing database', () => {
    const out = join(ws.dir, 'never.pdf');
    const unknown = runCli(['--db', db, 'report', '--order', 'NOPE', '--out', out], { env });
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: `cardline: no order named "NOPE" (orders: "${ORDER}")\n` });
    expect(fs.existsSync(out)).toBe(false);
    const missing = join(ws.dir, 'none', 'cardline.db');
    const noDb = runCli(['--db', missing, 'report', '--order', ORDER, '--json'], { env });
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain(`no database at ${missing}`);
    expect(noDb.stderr).not.toMatch(STACK_TRACE);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('exits 2 for usage errors: no output asked for, no order, a time without an offset', () => {
    expect(runCli(['--db', db, 'report', '--order', ORDER], { env })).toMatchObject({
      code: 2,
      stderr: 'cardline: report: give --out FILE.pdf, --json, or both\n',
    });
    expect(runCli(['--db', db, 'report', '--json'], { env }).code).toBe(2);
    const noOffset = runCli(['--db', db, 'report', '--order', ORDER, '--json', '--generated-at', '2026-01-15T17:45:00'], { env });
    expect(noOffset.code).toBe(2);
    expect(noOffset.stderr).toContain('is not a time like 2026-01-15T17:45:00Z');
    expect(runCli(['report', '--help']).code).toBe(0);
  });
});
