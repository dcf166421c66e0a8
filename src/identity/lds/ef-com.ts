/**
 * EF.COM (ICAO 9303-10 section 4.6.1): `60 L { 5F01 04 <LDS version "aabb"> 5F36 06 <Unicode version
 * "aabbcc"> 5C n <outer tags of the data groups present> }`.
 *
 * cardline writes LDS version 1.7 ("0107") and Unicode 4.0.0 ("040000") and lists exactly the data groups the
 * chip image carries (see LDS.md: DG1, DG2, DG13, DG15), never groups a reader would then fail to find.
 */
import { EF_COM, dataGroupFile, dataGroupOfTag } from './lds-files';
import { LdsFormatError } from './lds-error';
import { children, encodeTlv, readSingleTlv, tagHex, type Tlv } from './tlv';

/** LDS version written by cardline: 1.7. */
export const LDS_VERSION = '0107';
/** Unicode version written by cardline: 4.0.0. */
export const UNICODE_VERSION = '040000';

const TAG_LDS_VERSION = 0x5f01;
const TAG_UNICODE_VERSION = 0x5f36;
const TAG_TAG_LIST = 0x5c;

/** The content of EF.COM. */
export interface EfCom {
  /** Four digits "aabb" (version aa, release bb). */
  ldsVersion: string;
  /** Six digits "aabbcc". */
  unicodeVersion: string;
  /** Data group numbers in the order the tag list names them. */
  dataGroups: number[];
}

/**
 * Builds EF.COM listing `dataGroups` (numbers 1-16, ascending order is conventional; duplicates are refused
 * with a RangeError).
 */
export function buildEfCom(dataGroups: readonly number[], versions: { lds?: string; unicode?: string } = {}): Uint8Array {
  if (new Set(dataGroups).size !== dataGroups.length) throw new RangeError('EF.COM: a data group is listed twice');
  const lds = versions.lds ?? LDS_VERSION;
  const unicode = versions.unicode ?? UNICODE_VERSION;
  if (!/^\d{4}$/.test(lds)) throw new RangeError('EF.COM: the LDS version is four digits');
  if (!/^\d{6}$/.test(unicode)) throw new RangeError('EF.COM: the Unicode version is six digits');
  const tags = Uint8Array.from(dataGroups.map((n) => dataGroupFile(n).tag));
  return encodeTlv(EF_COM.tag, [
    encodeTlv(TAG_LDS_VERSION, Buffer.from(lds, 'latin1')),
    encodeTlv(TAG_UNICODE_VERSION, Buffer.from(unicode, 'latin1')),
    encodeTlv(TAG_TAG_LIST, tags),
  ]);
}

function digits(t: Tlv, count: number, what: string): string {
  const s = Buffer.from(t.value).toString('latin1');
  if (!new RegExp(`^\\d{${count}}$`).test(s)) {
    throw new LdsFormatError('EF.COM', what, `expected ${count} ASCII digits`, t.valueOffset);
  }
  return s;
}

/** Parses EF.COM. Throws {@link LdsFormatError} or `TlvError` on anything malformed. */
export function parseEfCom(bytes: Uint8Array): EfCom {
  const outer = readSingleTlv(bytes);
  if (outer.tag !== EF_COM.tag) {
    throw new LdsFormatError('EF.COM', 'outer tag', `expected 60, found ${tagHex(outer.tag)}`, 0);
  }
  let ldsVersion: string | undefined;
  let unicodeVersion: string | undefined;
  let dataGroups: number[] | undefined;
  for (const t of children(outer)) {
    if (t.tag === TAG_LDS_VERSION) ldsVersion = digits(t, 4, '5F01 LDS version');
    else if (t.tag === TAG_UNICODE_VERSION) unicodeVersion = digits(t, 6, '5F36 Unicode version');
    else if (t.tag === TAG_TAG_LIST) {
      dataGroups = [...t.value].map((tag, i) => {
        const n = dataGroupOfTag(tag);
        if (n === undefined) {
          throw new LdsFormatError('EF.COM', '5C tag list', `${tagHex(tag)} is not a data group tag`, t.valueOffset + i);
        }
        return n;
      });
    }
  }
  if (ldsVersion === undefined) throw new LdsFormatError('EF.COM', '5F01', 'LDS version missing', 0);
  if (unicodeVersion === undefined) throw new LdsFormatError('EF.COM', '5F36', 'Unicode version missing', 0);
  if (dataGroups === undefined) throw new LdsFormatError('EF.COM', '5C', 'tag list missing', 0);
  return { ldsVersion, unicodeVersion, dataGroups };
}
