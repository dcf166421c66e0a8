import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tiny but real JPEG header (SOI + APP0 start): enough for the magic-byte check. */
export const JPEG_BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const TODAY = '2025-06-01';

/** A synthetic valid 2021 card record (Hà Nội prefix, G=1 female born 1999). */
export function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personalId: '001199012345',
    fullName: 'Nguyễn Thị Mai',
    dateOfBirth: '1999-03-15',
    sex: 'F',
    issueDate: '2021-06-22',
    placeOfOrigin: 'Xã Xuân Thủy, Huyện Thọ Xuân, Tỉnh Thanh Hóa',
    placeOfResidence: 'Số 12 Phố Huế, Phường Phạm Đình Hổ, Quận Hai Bà Trưng, Thành phố Hà Nội',
    photo: 'photos/mai.jpg',
    ...overrides,
  };
}

/** A temporary folder with photos/mai.jpg (a JPEG) and photos/not.jpg (a PNG); removed by `cleanup`. */
export function makeWorkspace(): { dir: string; write: (name: string, content: string | Uint8Array) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cardline-import-'));
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'mai.jpg'), JPEG_BYTES);
  writeFileSync(join(dir, 'photos', 'not.jpg'), PNG_BYTES);
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** CSV text of records over the given columns, quoting every cell (commas live in the addresses). */
export function csvOf(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>, eol = '\n'): string {
  const cell = (v: unknown): string => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join(eol) + eol;
}
