/** Opening the database: pragmas, versioned migrations on fresh and existing files, refusals. */
import fs from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  APPLICATION_ID,
  MIGRATIONS,
  StoreError,
  checkMigrationList,
  schemaVersion,
  type Migration,
} from '../../../src/controller/store';
import { openStore, workspace } from './store-fixtures';

const ws = workspace('migrations');
afterAll(() => ws.cleanup());
let n = 0;
const fresh = () => join(ws.dir, `db-${++n}`, 'cardline.db');

const v2: Migration = {
  version: 2,
  name: 'test-extra-column',
  up(db) {
    db.exec("ALTER TABLE orders ADD COLUMN customer TEXT NOT NULL DEFAULT 'unknown'");
  },
};

describe('a fresh file', () => {
  it('is created (with its folder), mode 0600, migrated to the latest version, with the pragmas the store relies on', () => {
    const path = fresh();
    const store = openStore(path);
    expect(store.migration).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.name) });
    expect(fs.statSync(path).mode & 0o777).toBe(0o600);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['audit_log', 'cards', 'data_keys', 'device_steps', 'jobs', 'operators', 'orders', 'records', 'runs', 'schema_migrations', 'stock_movements']),
    );
    store.close();
  });

  it('enforces foreign keys', () => {
    const store = openStore(fresh());
    expect(() =>
      store.db.prepare("INSERT INTO cards (id, order_id, state, issued_at, updated_at) VALUES ('C1', 999, 'issued', 'x', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });
});

describe('an existing file', () => {
  it('reopens without migrating and keeps its data', () => {
    const path = fresh();
    const a = openStore(path);
    a.createOrder({ name: 'KEEP' });
    a.close();
    const b = openStore(path);
    expect(b.migration).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length, applied: [] });
    expect(b.findOrder('KEEP')?.name).toBe('KEEP');
    b.close();
  });

  it('is upgraded by a newer migration list, data kept, each step recorded', () => {
    const path = fresh();
    const a = openStore(path);
    a.createOrder({ name: 'OLD' });
    a.close();
    const b = openStore(path, { migrations: [...MIGRATIONS, v2] });
    expect(b.migration).toEqual({ from: 1, to: 2, applied: ['test-extra-column'] });
    expect(b.db.prepare("SELECT customer FROM orders WHERE name = 'OLD'").pluck().get()).toBe('unknown');
    expect(b.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'test-extra-column' },
    ]);
    b.close();
  });

  it('is refused when its schema is newer than the code', () => {
    const path = fresh();
    openStore(path, { migrations: [...MIGRATIONS, v2] }).close();
    expect(() => openStore(path)).toThrow(/schema is version 2, newer than this cardline \(up to 1\)/);
    try {
      openStore(path);
    } catch (e) {
      expect((e as StoreError).code).toBe('schema');
    }
  });

  it('rolls back a failing migration whole, leaving the previous version', () => {
    const path = fresh();
    openStore(path).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openStore(path, { migrations: [...MIGRATIONS, broken] })).toThrow('boom');
    const raw = new Database(path);
    expect(schemaVersion(raw)).toBe(1);
    expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    raw.close();
  });

  it('is refused when it is some other SQLite database, or not SQLite at all', () => {
    const other = fresh();
    fs.mkdirSync(join(other, '..'), { recursive: true });
    const raw = new Database(other);
    raw.exec('CREATE TABLE customers (id INTEGER)');
    raw.close();
    expect(() => openStore(other)).toThrow(/not a cardline one/);
    const text = join(ws.dir, 'notes.db');
    fs.writeFileSync(text, 'this is not a database, just text that is long enough to look like a header....'.repeat(20));
    expect(() => openStore(text)).toThrow(/not an SQLite database/);
  });

  it('with mustExist, a missing file is not created', () => {
    const path = fresh();
    expect(() => openStore(path, { mustExist: true })).toThrow(/no database at/);
    expect(fs.existsSync(path)).toBe(false);
  });
});

describe('checkMigrationList', () => {
  it('accepts the released list and refuses gaps or disorder', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    expect(() => checkMigrationList([...MIGRATIONS, { ...v2, version: 3 }])).toThrow(/expected 2/);
  });
});
