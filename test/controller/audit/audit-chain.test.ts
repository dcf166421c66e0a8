/**
 * The audit log: append-only by triggers, hash-chained, and verified entry by entry. Tampering is done the way
 * an intruder would: through a raw SQLite connection, dropping the triggers first.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  AUDIT_GENESIS_HASH,
  auditEntryHash,
  canonicalJson,
  verifyAuditChain,
} from '../../../src/controller/audit';
import type { Store } from '../../../src/controller/store';
import { openStore, workspace } from '../store/store-fixtures';

const ws = workspace('audit');
afterAll(() => ws.cleanup());

let n = 0;
/** A store at a fresh path with `entries` audit entries (plus the ones the store writes itself). */
function storeWithEntries(entries: number): { store: Store; path: string } {
  const path = join(ws.dir, `audit-${++n}.db`);
  const store = openStore(path, { now: () => Date.UTC(2026, 0, 15, 8, 0, 0) + n });
  for (let i = 1; i <= entries; i++) {
    store.audit({ action: 'test.event', object: `thing:${i}`, detail: { i, note: `entry ${i}` } });
  }
  return { store, path };
}

/** A raw connection with the append-only triggers dropped, as an intruder would have it. */
function intruder(path: string): Database.Database {
  const raw = new Database(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  return raw;
}

/** Puts the triggers back, so that only the chain can tell. */
function restoreTriggers(raw: Database.Database): void {
  raw.exec(`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
}

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined fields and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  });
  it('refuses what JSON cannot hold faithfully', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(new Date())).toThrow(/plain objects/);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
  });
});

describe('appending', () => {
  it('chains entries: seq from 1, prev_hash = previous hash, hash = SHA-256(prev bytes || canonical entry)', () => {
    const { store } = storeWithEntries(3);
    const rows = store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, string | number>[];
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(AUDIT_GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    // Recomputed here independently of auditEntryHash, from the documented formula.
    const last = rows.at(-1)!;
    const body = `{"action":${JSON.stringify(last.action)},"actor":${JSON.stringify(last.actor)},"at":${JSON.stringify(last.at)},` +
      `"detail":${last.detail},"object":${JSON.stringify(last.object)},"origin":${JSON.stringify(last.origin)},` +
      `"outcome":${JSON.stringify(last.outcome)},"seq":${last.seq}}`;
    const expected = createHash('sha256').update(Buffer.from(String(last.prev_hash), 'hex')).update(body).digest('hex');
    expect(last.hash).toBe(expected);
    expect(last).toMatchObject({ action: 'test.event', actor: 'tester', origin: 'test-host/jest', outcome: 'ok' });
    store.close();
  });

  it('keeps personal data out: IDs masked, names dropped, in detail, object and actor', () => {
    const { store } = storeWithEntries(0);
    const entry = store.audit({
      actor: 'operator 001199012345',
      action: 'test.leak',
      object: 'person:079203001234',
      detail: { personalId: '001199012345', fullName: 'Nguyễn Thị Mai', note: 'about 001199012345' },
    });
    expect(entry.actor).toBe('operator 001******45');
    expect(entry.object).toBe('person:079******34');
    expect(entry.detail).toEqual({ personalId: '001******45', fullName: '[removed]', note: 'about 001******45' });
    const raw = JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all());
    expect(raw).not.toContain('001199012345');
    expect(raw).not.toContain('Nguyễn Thị Mai');
    store.close();
  });

  it('the triggers refuse UPDATE and DELETE', () => {
    const { store } = storeWithEntries(2);
    expect(() => store.db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    store.close();
  });

  it('two connections appending in turn keep one chain', () => {
    const { store, path } = storeWithEntries(1);
    const other = openStore(path);
    for (let i = 0; i < 10; i++) {
      (i % 2 === 0 ? store : other).audit({ action: 'test.turn', detail: { i } });
    }
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: true, firstBreak: null });
    other.close();
    store.close();
  });
});

describe('verifyAuditChain', () => {
  it('passes an intact log and reports its head', () => {
    const { store } = storeWithEntries(5);
    const v = store.verifyAudit();
    const last = store.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(v).toEqual({ ok: true, entries: v.entries, head: last, firstBreak: null, missingTriggers: [] });
    expect(v.entries).toBeGreaterThanOrEqual(5);
    store.close();
  });

  it('names the entry whose content was altered, even with the triggers restored', () => {
    const { store, path } = storeWithEntries(6);
    const raw = intruder(path);
    raw.prepare(`UPDATE audit_log SET detail = '{"i":4,"note":"nothing happened"}' WHERE seq = 4`).run();
    restoreTriggers(raw);
    raw.close();
    expect(store.verifyAudit()).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: expect.stringMatching(/does not match its hash/) }, missingTriggers: [] });
    store.close();
  });

  it('detects a deleted entry in the middle', () => {
    const { store, path } = storeWithEntries(6);
    const raw = intruder(path);
    raw.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    restoreTriggers(raw);
    raw.close();
    expect(store.verifyAudit().firstBreak).toEqual({ seq: 4, reason: 'entry 3 is missing before it (deleted)' });
    store.close();
  });

  it('detects an entry whose hash was recomputed but whose successor still points at the old one', () => {
    const { store, path } = storeWithEntries(6);
    const raw = intruder(path);
    const row = raw.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, string | number>;
    const fields = { seq: 2, at: row.at as string, actor: 'someone else', action: row.action as string, object: row.object as string, outcome: 'ok' as const, detail: JSON.parse(row.detail as string), origin: row.origin as string };
    raw.prepare("UPDATE audit_log SET actor = 'someone else', hash = ? WHERE seq = 2").run(auditEntryHash(row.prev_hash as string, fields));
    raw.close();
    const v = store.verifyAudit();
    expect(v.firstBreak).toEqual({ seq: 3, reason: 'its prev_hash does not match the hash of entry 2' });
    expect(v.missingTriggers).toEqual(['audit_log_no_update', 'audit_log_no_delete']);
    store.close();
  });

  it('detects a detail rewritten into another JSON form, and dropped triggers on their own', () => {
    const { store, path } = storeWithEntries(3);
    const raw = intruder(path);
    raw.prepare(`UPDATE audit_log SET detail = '{ "i": 1, "note": "entry 1" }' WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'test.event')`).run();
    raw.close();
    const v = store.verifyAudit();
    expect(v.ok).toBe(false);
    expect(v.firstBreak?.reason).toMatch(/canonical form/);
    expect(v.missingTriggers).toHaveLength(2);
    store.close();
  });
});
