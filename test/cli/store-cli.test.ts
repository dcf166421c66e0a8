/**
 * End to end through the compiled CLI: import, orders, stock and audit verify on real SQLite files, all
 * honouring the global --db. Cards are issued through the store's API (the line will do that; the CLI has no
 * command for it yet).
 */
import fs from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempDir, STACK_TRACE } from '../helpers/cli';
import { Store } from '../../src/controller/store';
import { ndjson, sampleRecords, TODAY } from '../controller/store/store-fixtures';

const ws = tempDir('store-cli');
afterAll(() => ws.cleanup());
const env = { CARDLINE_TODAY: TODAY, CARDLINE_DATA_KEY: '' };
let n = 0;
const newDb = () => join(ws.dir, `db-${++n}`, 'cardline.db');
const write = (name: string, text: string) => {
  const path = join(ws.dir, name);
  fs.writeFileSync(path, text);
  return path;
};

const recs = sampleRecords(6, 'cli');
const good = write('good.ndjson', ndjson(recs.slice(0, 4)));
const mixed = write('mixed.ndjson', ndjson([recs[4]!, { ...recs[5]!, sex: 'X' }, '{broken', recs[0]!]));

describe('cardline import', () => {
  it('imports good records, reports each bad one, exits 1, and seals personal data in the file', () => {
    const db = newDb();
    const first = runCli(['--db', db, 'import', good, '--order', 'HN-2026-01'], { env });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`${good}: imported 4 records into new order "HN-2026-01" (positions 1-4); 0 bad records\n`);

    const second = runCli(['--db', db, 'import', mixed, '--order', 'HN-2026-01'], { env });
    expect(second.code).toBe(1);
    expect(second.stdout).toBe(`${mixed}: imported 1 records into order "HN-2026-01" (positions 5-5); 3 bad records\n`);
    expect(second.stderr).toContain(`error: ${mixed}: row 2, sex:`);
    expect(second.stderr).toContain(`error: ${mixed}: row 3, record: invalid JSON`);
    expect(second.stderr).toContain(`error: ${mixed}: row 4, personalId: this person is already in order "HN-2026-01"`);
    expect(second.stderr).not.toMatch(STACK_TRACE);

    // The key file was created beside the database, owner-only; no name or ID is in the database files.
    expect(fs.statSync(join(db, '..', 'data.key')).mode & 0o777).toBe(0o600);
    for (const file of [db, `${db}-wal`].filter((f) => fs.existsSync(f))) {
      const bytes = fs.readFileSync(file);
      for (const r of recs) {
        expect(bytes.includes(Buffer.from(r.personalId))).toBe(false);
        expect(bytes.includes(Buffer.from(r.fullName))).toBe(false);
      }
    }
  });

  it('prints the report as JSON', () => {
    const db = newDb();
    const r = runCli(['--db', db, 'import', mixed, '--order', 'J', '--json'], { env });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ order: 'J', orderCreated: true, imported: 2, invalid: 2, firstSeq: 1, lastSeq: 2, product: null });
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
  });

  it('uses var/cardline.db under the working directory without --db', () => {
    const cwd = join(ws.dir, 'default-db');
    fs.mkdirSync(cwd);
    expect(runCli(['import', good, '--order', 'DEFAULT'], { env, cwd }).code).toBe(0);
    expect(fs.existsSync(join(cwd, 'var', 'cardline.db'))).toBe(true);
    expect(fs.existsSync(join(cwd, 'var', 'data.key'))).toBe(true);
  });

  it('takes the key from CARDLINE_DATA_KEY, refuses a malformed one and a wrong one clearly', () => {
    const db = newDb();
    const key = 'ab'.repeat(32);
    expect(runCli(['--db', db, 'import', good, '--order', 'K'], { env: { ...env, CARDLINE_DATA_KEY: key } }).code).toBe(0);
    expect(fs.existsSync(join(db, '..', 'data.key'))).toBe(false);
    const short = runCli(['--db', db, 'import', good, '--order', 'K2'], { env: { ...env, CARDLINE_DATA_KEY: 'ab'.repeat(16) } });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/CARDLINE_DATA_KEY holds 32 hex digits: a data key is 64 hex digits/);
    const wrong = runCli(['--db', db, 'import', good, '--order', 'K3'], { env: { ...env, CARDLINE_DATA_KEY: 'cd'.repeat(32) } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/does not match the one this database was sealed with/);
    expect(wrong.stderr).not.toMatch(STACK_TRACE);
  });

  it('rejects bad usage with exit 2, and a missing file with exit 1', () => {
    const db = newDb();
    expect(runCli(['--db', db, 'import', good], { env }).code).toBe(2);
    expect(runCli(['--db', db, 'import', good, '--order', 'X', '--product', 'passport'], { env }).code).toBe(2);
    const missing = runCli(['--db', db, 'import', join(ws.dir, 'nope.ndjson'), '--order', 'X'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.ndjson: cannot read \(ENOENT\)/);
  });
});

describe('cardline orders', () => {
  it('lists orders with their records counted by status, as text and JSON', () => {
    const db = newDb();
    runCli(['--db', db, 'import', good, '--order', 'A-1'], { env });
    runCli(['--db', db, 'import', mixed, '--order', 'B-2', '--product', 'vn-cancuoc-2024'], { env });
    const text = runCli(['--db', db, 'orders'], { env });
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ORDER\s+PRODUCT\s+STATUS\s+QUEUED\s+IN-PROGRESS\s+PRODUCED\s+FAILED\s+HELD\s+TOTAL$/);
    expect(lines[1]).toMatch(/^A-1\s+by issue date\s+open\s+4\s+0\s+0\s+0\s+0\s+4$/);
    expect(lines[2]).toMatch(/^B-2\s+vn-cancuoc-2024\s+open\s+\d\s+0\s+0\s+0\s+0\s+\d$/);
    const json = JSON.parse(runCli(['--db', db, 'orders', '--json'], { env }).stdout);
    expect(json[0]).toMatchObject({ name: 'A-1', product: null, status: 'open', total: 4, counts: { queued: 4, produced: 0 } });
  });

  it('exits 1 without creating anything when the database does not exist', () => {
    const db = newDb();
    const r = runCli(['--db', db, 'orders'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no database at .*cardline\.db/);
    expect(fs.existsSync(db)).toBe(false);
  });
});

describe('cardline stock', () => {
  it('reports the ledger and says nothing is unaccounted, then names the difference after tampering', async () => {
    const db = newDb();
    runCli(['--db', db, 'import', good, '--order', 'S-1'], { env });
    const store = Store.open(db, { env: {} });
    const order = store.findOrder('S-1')!;
    store.issueBlanks(['S1', 'S2', 'S3', 'S4'].map((id) => ({ id, orderId: order.id })));
    const [rec] = store.nextQueued(1);
    const job = store.startJob({ recordId: rec!.id, cardId: 'S1' });
    store.completeJob(job.id);
    store.spoilBlank('S2', 'bent in hopper');
    store.returnBlank('S4');
    store.close();

    const ok = runCli(['--db', db, 'stock'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/issued to the line\s+4\n\s+good\s+1\n\s+spoiled\s+1\n\s+in doubt\s+0\n\s+returned to vault\s+1\n\s+still on the line\s+1\n\s+nothing unaccounted/);
    const json = JSON.parse(runCli(['--db', db, 'stock', '--order', 'S-1', '--json'], { env }).stdout);
    expect(json.orders).toEqual([expect.objectContaining({ order: 'S-1', issued: 4, good: 1, spoiled: 1, returned: 1, onLine: 1, unaccounted: 0 })]);

    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("DELETE FROM cards WHERE id = 'S3'").run();
    raw.close();
    const bad = runCli(['--db', db, 'stock', '--order', 'S-1'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/UNACCOUNTED: 1 cards issued but not in any category/);
    expect(bad.stdout).toMatch(/disagrees with their movements: S3/);
  });

  it('exits 1 for an unknown order', () => {
    const db = newDb();
    runCli(['--db', db, 'import', good, '--order', 'S-2'], { env });
    const r = runCli(['--db', db, 'stock', '--order', 'NOPE'], { env });
    expect(r).toMatchObject({ code: 1, stderr: 'cardline: no order named "NOPE"\n' });
  });
});

describe('cardline audit verify', () => {
  it('passes an intact log and prints its head', () => {
    const db = newDb();
    runCli(['--db', db, 'import', good, '--order', 'AU'], { env });
    const r = runCli(['--db', db, 'audit', 'verify'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^audit log intact: \d+ entries\nhead: entry \d+, sha256 [0-9a-f]{64}\n$/);
    expect(JSON.parse(runCli(['--db', db, 'audit', 'verify', '--json'], { env }).stdout)).toMatchObject({ ok: true, firstBreak: null });
  });

  it('exits 1 naming the entry an intruder altered through raw SQLite with the triggers dropped', () => {
    const db = newDb();
    runCli(['--db', db, 'import', good, '--order', 'AU2'], { env });
    runCli(['--db', db, 'import', mixed, '--order', 'AU2'], { env });
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const seq = raw.prepare("SELECT min(seq) FROM audit_log WHERE action = 'records.import'").pluck().get() as number;
    raw.prepare("UPDATE audit_log SET outcome = 'ok', actor = 'nobody' WHERE seq = ?").run(seq);
    raw.exec(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    raw.close();
    const r = runCli(['--db', db, 'audit', 'verify'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`audit log BROKEN at entry ${seq}: its content does not match its hash (altered)`);
    const json = JSON.parse(runCli(['--db', db, 'audit', 'verify', '--json'], { env }).stdout);
    expect(json).toMatchObject({ ok: false, firstBreak: { seq } });
  });

  it('exits 1 when the triggers are gone, even with every entry intact', () => {
    const db = newDb();
    runCli(['--db', db, 'import', good, '--order', 'AU3'], { env });
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.close();
    const r = runCli(['--db', db, 'audit', 'verify'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('trigger(s) audit_log_no_delete missing');
  });

  it('has help and refuses unknown subcommands with exit 2', () => {
    expect(runCli(['audit', 'verify', '--help']).code).toBe(0);
    expect(runCli(['audit', 'rewrite']).code).toBe(2);
  });
});
