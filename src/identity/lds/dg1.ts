/**
 * DG1, the MRZ data group (ICAO 9303-10 section 4.7.1): `61 L { 5F1F L <MRZ characters, lines concatenated
 * without separators> }`. A TD1 card has 90 characters (`61 5D 5F1F 5A`); the parser also accepts the TD2
 * (72) and TD3 (88) layouts so that QC can read foreign test documents.
 */
import { dataGroupFile } from './lds-files';
import { LdsFormatError } from './lds-error';
import { children, encodeTlv, readSingleTlv, tagHex } from './tlv';

const TAG_MRZ = 0x5f1f;
const MRZ_CHARS = /^[A-Z0-9<]*$/;
/** Total characters -> [lines, characters per line] (ICAO 9303-4/-5/-6). */
const LAYOUTS: ReadonlyMap<number, [number, number]> = new Map([
  [90, [3, 30]],
  [72, [2, 36]],
  [88, [2, 44]],
]);

/** Builds DG1 from the three TD1 lines (each 30 characters of [A-Z0-9<]); throws a RangeError otherwise. */
export function buildDg1(lines: readonly string[]): Uint8Array {
  if (lines.length !== 3 || lines.some((l) => l.length !== 30 || !MRZ_CHARS.test(l))) {
    throw new RangeError('DG1: expected three TD1 lines of 30 characters [A-Z0-9<]');
  }
  return encodeTlv(dataGroupFile(1).tag, encodeTlv(TAG_MRZ, Buffer.from(lines.join(''), 'latin1')));
}

/** Parsed DG1. */
export interface Dg1 {
  /** The MRZ split into its lines (3 for TD1, 2 for TD2/TD3). */
  lines: string[];
}

/** Parses DG1. Throws {@link LdsFormatError} or `TlvError` on anything malformed. */
export function parseDg1(bytes: Uint8Array): Dg1 {
  const outer = readSingleTlv(bytes);
  if (outer.tag !== 0x61) throw new LdsFormatError('DG1', 'outer tag', `expected 61, found ${tagHex(outer.tag)}`, 0);
  const mrz = children(outer).find((t) => t.tag === TAG_MRZ);
  if (mrz === undefined) throw new LdsFormatError('DG1', '5F1F', 'MRZ data element missing', outer.valueOffset);
  const text = Buffer.from(mrz.value).toString('latin1');
  const layout = LAYOUTS.get(text.length);
  if (layout === undefined) {
    throw new LdsFormatError('DG1', '5F1F', `${text.length} MRZ characters fit no document layout (90, 72 or 88)`, mrz.offset);
  }
  if (!MRZ_CHARS.test(text)) {
    throw new LdsFormatError('DG1', '5F1F', 'the MRZ holds characters outside [A-Z0-9<]', mrz.valueOffset);
  }
  const [count, width] = layout;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(text.slice(i * width, (i + 1) * width));
  return { lines };
}
