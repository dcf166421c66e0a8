/** Where the data key comes from: the environment, or a 0600 key file next to the database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DATA_KEY_ENV,
  DataKeyError,
  dataKeyFileFor,
  loadDataKey,
  parseDataKey,
  readKeyFile,
} from '../../../src/controller/crypto';

const HEX = '0123456789abcdef'.repeat(4);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardline-key-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('parseDataKey', () => {
  it('accepts 64 hex digits and the base64 of 32 bytes, with surrounding whitespace', () => {
    const bytes = Buffer.from(HEX, 'hex');
    expect(parseDataKey(HEX, 'X')).toEqual(bytes);
    expect(parseDataKey(` ${HEX.toUpperCase()}\n`, 'X')).toEqual(bytes);
    expect(parseDataKey(bytes.toString('base64'), 'X')).toEqual(bytes);
  });

  it('refuses wrong lengths with a clear message that never echoes the value', () => {
    const cases: [string, RegExp][] = [
      ['abcd'.repeat(15), /60 hex digits: a data key is 64 hex digits/],
      [Buffer.alloc(16, 7).toString('base64'), /decodes from base64 to 16 bytes/],
      ['not a key at all!', /neither 64 hex digits nor base64/],
      ['', /is empty/],
    ];
    for (const [value, message] of cases) {
      let error: unknown;
      try {
        parseDataKey(value, DATA_KEY_ENV);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataKeyError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(DATA_KEY_ENV);
      if (value.length > 0) expect((error as Error).message).not.toContain(value);
    }
  });
});

describe('loadDataKey', () => {
  it('prefers CARDLINE_DATA_KEY and creates no file then', () => {
    const db = path.join(dir, 'cardline.db');
    const loaded = loadDataKey({ dbPath: db, env: { [DATA_KEY_ENV]: HEX } });
    expect(loaded.source).toBe('env');
    expect(fs.existsSync(dataKeyFileFor(db))).toBe(false);
  });

  it('reports a malformed CARDLINE_DATA_KEY', () => {
    expect(() => loadDataKey({ dbPath: path.join(dir, 'x.db'), env: { [DATA_KEY_ENV]: 'abc' } })).toThrow(DataKeyError);
  });

  it('creates data.key next to the database on first use, mode 0600, and reuses it', () => {
    const db = path.join(dir, 'cardline.db');
    const first = loadDataKey({ dbPath: db, env: {} });
    expect(first).toMatchObject({ source: 'file', created: true, file: path.join(dir, 'data.key') });
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(first.file!, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    const second = loadDataKey({ dbPath: db, env: {} });
    expect(second.created).toBe(false);
    expect(second.keyring.fingerprint()).toBe(first.keyring.fingerprint());
  });

  it('refuses a key file readable by group or others, saying how to fix it', () => {
    const file = path.join(dir, 'data.key');
    fs.writeFileSync(file, `${HEX}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => readKeyFile(file)).toThrow(/accessible by group or others \(mode 0644\).*chmod 600/);
    expect(() => loadDataKey({ dbPath: path.join(dir, 'x.db'), env: {} })).toThrow(DataKeyError);
    fs.chmodSync(file, 0o600);
    expect(readKeyFile(file)).toEqual(Buffer.from(HEX, 'hex'));
  });

  it('refuses a damaged key file', () => {
    const file = path.join(dir, 'data.key');
    fs.writeFileSync(file, 'abc\n', { mode: 0o600 });
    expect(() => readKeyFile(file)).toThrow(/3 hex digits/);
  });
});
