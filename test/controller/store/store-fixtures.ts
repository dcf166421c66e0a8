/**
 * Fixtures for the store tests: a temporary folder per suite, synthetic records written as NDJSON (names with
 * diacritics, IDs consistent with birth date and sex, from identity/sample), and stores opened on real SQLite
 * files with a fixed test key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleRecords } from '../../../src/identity/sample';
import type { CitizenRecord } from '../../../src/identity/record';
import { DataKeyring } from '../../../src/controller/crypto';
import { Store, type StoreOptions } from '../../../src/controller/store';
import { ageOn, requireIsoDate } from '../../../src/identity/calendar';
import { productForIssueDate } from '../../../src/identity/products';
import { NO_PHOTO_BELOW_AGE } from '../../../src/identity/validate';

/** "Today" for every store test. */
export const TODAY = '2026-01-15';

/** A fixed test data key (never use outside tests). */
export const TEST_KEY_HEX = '6b'.repeat(32);

/** A keyring over {@link TEST_KEY_HEX}. */
export function testKeyring(): DataKeyring {
  return new DataKeyring({ id: 1, key: Buffer.from(TEST_KEY_HEX, 'hex') });
}

/** Bytes that pass the JPEG magic check. */
export const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
export const TINY_JPEG_URI = `data:image/jpeg;base64,${TINY_JPEG.toString('base64')}`;

/** False for a Căn cước holder under 6 on the issue date: that card carries no photo. */
function photoExpected(r: CitizenRecord): boolean {
  const age = ageOn(requireIsoDate(r.dateOfBirth, 'dateOfBirth'), requireIsoDate(r.issueDate, 'issueDate'));
  return !(productForIssueDate(r.issueDate) === 'vn-cancuoc-2024' && age < NO_PHOTO_BELOW_AGE);
}

/** `count` synthetic valid records for `seed`, with a tiny JPEG where the card carries a photo. */
export function sampleRecords(count: number, seed: string): CitizenRecord[] {
  return [...generateSampleRecords({ count, seed, today: TODAY })].map((r) =>
    photoExpected(r) ? { ...r, photo: TINY_JPEG_URI } : r,
  );
}

/** NDJSON text of records (strings are written as they are, for broken lines). */
export function ndjson(rows: ReadonlyArray<CitizenRecord | Record<string, unknown> | string>): string {
  return rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
}

/** A temporary folder; `cleanup` removes it. */
export function workspace(prefix: string): { dir: string; file: (name: string, content: string | Buffer) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `cardline-${prefix}-`));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Opens a store on `path` with the test key and a fixed actor/origin. */
export function openStore(path: string, opts: StoreOptions = {}): Store {
  return Store.open(path, { keyring: testKeyring(), actor: 'tester', origin: 'test-host/jest', ...opts });
}

/** A store with one order of `n` imported records; returns the store and the record ids in order. */
export async function storeWithRecords(
  path: string,
  dir: string,
  n: number,
  seed = 'store',
  order = 'ORDER-1',
): Promise<{ store: Store; recordIds: number[]; orderId: number }> {
  const store = openStore(path);
  const file = join(dir, `${seed}-${order}.ndjson`);
  writeFileSync(file, ndjson(sampleRecords(n, seed)));
  const report = await store.importFile(file, { order, today: TODAY });
  if (report.imported !== n) throw new Error(`fixture import: ${JSON.stringify(report.errors)}`);
  const orderId = store.findOrder(order)!.id;
  const recordIds = store.nextQueued(n, { orderId }).map((r) => r.id);
  return { store, recordIds, orderId };
}
