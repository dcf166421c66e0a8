/**
 * importFile: good rows imported and bad rows reported in one go, re-imports refused per person, photos sealed
 * with their record, and no personal data in clear anywhere in the database files.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataKeyError, DataKeyring, SealError, maskPersonalId } from '../../../src/controller/crypto';
import { Store } from '../../../src/controller/store';
import { TINY_JPEG, TODAY, ndjson, openStore, sampleRecords, workspace } from './store-fixtures';

const ws = workspace('import');
afterAll(() => ws.cleanup());
let n = 0;
const dbPath = () => join(ws.dir, `import-${++n}.db`);

describe('importFile', () => {
  it('imports the good rows in file order and reports each bad one with row, field and reason', async () => {
    const [a, b, c] = sampleRecords(3, 'mixed');
    const file = ws.file(
      'mixed.ndjson',
      ndjson([a!, { ...b!, dateOfBirth: '2001-02-31' }, '{"personalId": ', c!, { ...a!, fullName: 'Same Person Again' }]),
    );
    const store = openStore(dbPath());
    const report = await store.importFile(file, { order: 'MIXED', today: TODAY });
    expect(report).toMatchObject({ order: 'MIXED', orderCreated: true, imported: 2, invalid: 3, firstSeq: 1, lastSeq: 2 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'dateOfBirth'],
      [3, 'record'],
      [5, 'personalId'],
    ]);
    const queued = store.nextQueued(10);
    expect(queued.map((r) => [r.seq, r.sourceRow, r.maskedId, r.status, r.attempts])).toEqual([
      [1, 1, maskPersonalId(a!.personalId), 'queued', 0],
      [2, 4, maskPersonalId(c!.personalId), 'queued', 0],
    ]);
    const audit = store.db.prepare("SELECT outcome, detail FROM audit_log WHERE action = 'records.import'").get() as { outcome: string; detail: string };
    expect(audit.outcome).toBe('partial');
    expect(JSON.parse(audit.detail)).toMatchObject({ file: 'mixed.ndjson', imported: 2, invalid: 3, orderCreated: true });
    store.close();
  });

  it('decrypts a record back exactly, with its photo bytes and expiry date', async () => {
    const [rec] = sampleRecords(1, 'roundtrip');
    const store = openStore(dbPath());
    await store.importFile(ws.file('one.ndjson', ndjson([rec!])), { order: 'ONE', today: TODAY });
    const [row] = store.nextQueued(1);
    const payload = store.openRecordPayload(row!.id);
    const { photo: _uri, ...withoutPhoto } = rec!;
    expect(payload.record).toEqual(withoutPhoto); // sample records already carry the default nationality
    expect(payload.photo === undefined ? undefined : Buffer.from(payload.photo)).toEqual(rec!.photo ? TINY_JPEG : undefined);
    expect(payload.expiryDate === null || /^\d{4}-\d\d-\d\d$/.test(payload.expiryDate)).toBe(true);
    expect(store.findRecordsByPersonalId(rec!.personalId).map((r) => r.id)).toEqual([row!.id]);
    store.close();
  });

  it('loads photo files relative to the records file and seals them', async () => {
    const [rec] = sampleRecords(1, 'photo-file');
    fs.mkdirSync(join(ws.dir, 'photos'), { recursive: true });
    const jpeg = Buffer.concat([TINY_JPEG, Buffer.from('a photo file')]);
    fs.writeFileSync(join(ws.dir, 'photos', 'p1.jpg'), jpeg);
    const store = openStore(dbPath());
    await store.importFile(ws.file('photo-file.ndjson', ndjson([{ ...rec!, photo: 'photos/p1.jpg' }])), { order: 'P', today: TODAY });
    expect(Buffer.from(store.openRecordPayload(store.nextQueued(1)[0]!.id).photo!)).toEqual(jpeg);
    store.close();
  });

  it('refuses, row by row, people already in the order, and appends new ones after the existing positions', async () => {
    const recs = sampleRecords(4, 'reimport');
    const store = openStore(dbPath());
    const first = await store.importFile(ws.file('first.ndjson', ndjson(recs.slice(0, 3))), { order: 'RE', today: TODAY });
    expect(first).toMatchObject({ imported: 3, invalid: 0, errors: [] });
    const again = await store.importFile(ws.file('again.ndjson', ndjson([recs[1]!, recs[3]!, recs[0]!])), { order: 'RE', today: TODAY });
    expect(again).toMatchObject({ orderCreated: false, imported: 1, invalid: 2, firstSeq: 4, lastSeq: 4 });
    expect(again.errors).toEqual([
      { row: 1, field: 'personalId', message: 'this person is already in order "RE"' },
      { row: 3, field: 'personalId', message: 'this person is already in order "RE"' },
    ]);
    // The same person may be in another order (a re-issue is a new order).
    const other = await store.importFile(ws.file('other.ndjson', ndjson([recs[0]!])), { order: 'OTHER', today: TODAY });
    expect(other.imported).toBe(1);
    expect(store.listOrders().map((o) => [o.name, o.total])).toEqual([
      ['RE', 4],
      ['OTHER', 1],
    ]);
    store.close();
  });

  it('creates no order when nothing in the file is good, and audits the failed import', async () => {
    const store = openStore(dbPath());
    const report = await store.importFile(ws.file('bad.ndjson', ndjson(['{oops'])), { order: 'NONE', today: TODAY });
    expect(report).toMatchObject({ imported: 0, invalid: 1, orderCreated: false });
    expect(store.findOrder('NONE')).toBeUndefined();
    expect(store.db.prepare("SELECT outcome FROM audit_log WHERE action = 'records.import'").pluck().get()).toBe('failed');
    store.close();
  });

  it('validates for the order\'s product and refuses a conflicting one', async () => {
    const recs = sampleRecords(2, 'product');
    const store = openStore(dbPath());
    store.createOrder({ name: 'CC', product: 'vn-cancuoc-2024' });
    const report = await store.importFile(ws.file('p.ndjson', ndjson(recs)), { order: 'CC', today: TODAY });
    expect(store.nextQueued(5).every((r) => r.product === 'vn-cancuoc-2024')).toBe(true);
    expect(report.imported + report.invalid).toBe(2);
    await expect(store.importFile(ws.file('p2.ndjson', ndjson(recs)), { order: 'CC', product: 'vn-cccd-2021', today: TODAY })).rejects.toThrow(
      /order "CC" is for vn-cancuoc-2024, not vn-cccd-2021/,
    );
    store.close();
  });

  it('leaves nothing behind when the file cannot be read at all', async () => {
    const store = openStore(dbPath());
    const report = await store.importFile(join(ws.dir, 'missing.ndjson'), { order: 'X', today: TODAY });
    expect(report).toMatchObject({ imported: 0, invalid: 0 });
    expect(report.errors[0]).toMatchObject({ row: 0, field: 'file' });
    expect(store.db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(0);
    store.close();
  });
});

describe('personal data at rest', () => {
  it('never appears in clear in the database file or its WAL: names, IDs, places, dates of birth', async () => {
    const recs = sampleRecords(40, 'at-rest');
    const path = dbPath();
    const store = openStore(path);
    const report = await store.importFile(ws.file('at-rest.ndjson', ndjson(recs)), { order: 'AT-REST', today: TODAY });
    expect(report.imported).toBe(40);
    // Exercise the other writers too: a job, a step, an audit entry.
    const [first] = store.nextQueued(1);
    store.issueBlanks([{ id: 'SER-0001' }]);
    const job = store.startJob({ recordId: first!.id, cardId: 'SER-0001' });
    store.endStep(store.beginStep({ jobId: job.id, station: 'printer-1', step: 'print', detail: { record: recs[0] } }).id, 'ok');

    const files = [path, `${path}-wal`].filter((f) => fs.existsSync(f));
    expect(files).toContain(`${path}-wal`);
    const needles = recs.flatMap((r) => [r.personalId, r.fullName, r.dateOfBirth, r.placeOfResidence!, r.fatherName, r.motherName].filter((x): x is string => !!x));
    const check = () => {
      for (const f of files.filter((x) => fs.existsSync(x))) {
        const bytes = fs.readFileSync(f);
        expect(bytes.length).toBeGreaterThan(0);
        for (const needle of needles) {
          // UTF-8 (what JSON and SQLite TEXT would hold) and the NFD form (decomposed diacritics).
          expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
          expect(bytes.includes(Buffer.from(needle.normalize('NFD'), 'utf8'))).toBe(false);
        }
      }
    };
    check(); // while open, most data sits in the WAL
    store.close(); // the checkpoint moves it into the main file
    check();
    // Sanity check of the test itself: the same grep finds a masked ID that is stored in clear.
    expect(fs.readFileSync(path).includes(Buffer.from(maskPersonalId(recs[0]!.personalId)))).toBe(true);
  });

  it('refuses a row\'s payload swapped into another row', async () => {
    const path = dbPath();
    const store = openStore(path);
    await store.importFile(ws.file('swap.ndjson', ndjson(sampleRecords(2, 'swap'))), { order: 'SWAP', today: TODAY });
    const [r1, r2] = store.nextQueued(2);
    const raw = new Database(path);
    const p2 = raw.prepare('SELECT payload FROM records WHERE id = ?').pluck().get(r2!.id);
    raw.prepare('UPDATE records SET payload = ? WHERE id = ?').run(p2, r1!.id);
    raw.close();
    expect(() => store.openRecordPayload(r1!.id)).toThrow(SealError);
    expect(() => store.openRecordPayload(r2!.id)).not.toThrow();
    store.close();
  });

  it('refuses to open a database with another data key, before touching any record', async () => {
    const path = dbPath();
    const store = openStore(path);
    await store.importFile(ws.file('k.ndjson', ndjson(sampleRecords(1, 'key'))), { order: 'K', today: TODAY });
    store.close();
    const wrong = new DataKeyring({ id: 1, key: Buffer.alloc(32, 9) });
    expect(() => Store.open(path, { keyring: wrong })).toThrow(DataKeyError);
    expect(() => Store.open(path, { keyring: wrong })).toThrow(/does not match the one this database was sealed with/);
  });

  it('creates data.key beside the database only when personal data is first sealed or read', async () => {
    const dir = join(ws.dir, 'lazy-key');
    const path = join(dir, 'cardline.db');
    const store = Store.open(path, { env: {} });
    store.listOrders();
    store.stockLedger();
    expect(fs.existsSync(join(dir, 'data.key'))).toBe(false);
    await store.importFile(ws.file('lazy.ndjson', ndjson(sampleRecords(1, 'lazy'))), { order: 'L', today: TODAY });
    expect(fs.statSync(join(dir, 'data.key')).mode & 0o777).toBe(0o600);
    expect(store.keySource).toMatchObject({ source: 'file', created: true });
    store.close();
  });
});
