/**
 * The elementary files of the LDS1 eMRTD application that cardline knows: file identifier, short file
 * identifier and outer tag (ICAO 9303-10 section 4.6, table "Data Groups" and section 3.11 for EF.COM/EF.SOD).
 */

/** Identification of one elementary file. */
export interface LdsFileId {
  /** "EF.COM", "DG1", ..., "EF.SOD". */
  readonly name: string;
  /** File identifier (FID). */
  readonly fid: number;
  /** Short file identifier (SFI), used by READ BINARY with P1 = 80 | SFI. */
  readonly sfi: number;
  /** The outer tag that every copy of the file starts with. */
  readonly tag: number;
  /** Data group number, or undefined for EF.COM and EF.SOD. */
  readonly dataGroup?: number;
}

/** EF.COM: LDS version, Unicode version and the list of data groups present. */
export const EF_COM: LdsFileId = { name: 'EF.COM', fid: 0x011e, sfi: 0x1e, tag: 0x60 };
/** EF.SOD: the Document Security Object. */
export const EF_SOD: LdsFileId = { name: 'EF.SOD', fid: 0x011d, sfi: 0x1d, tag: 0x77 };

/**
 * Outer tags of DG1-DG16 (ICAO 9303-10 section 4.6.1). The FID of DGn is 0x0100 + n and its SFI is n.
 */
const DATA_GROUP_TAGS: readonly number[] = [
  0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70,
];

/** File identification of data group `n` (1-16). Throws a RangeError for other numbers. */
export function dataGroupFile(n: number): LdsFileId {
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new RangeError(`there is no data group ${n} in LDS1`);
  return { name: `DG${n}`, fid: 0x0100 + n, sfi: n, tag: DATA_GROUP_TAGS[n - 1]!, dataGroup: n };
}

/** The data group whose outer tag is `tag`, or undefined when the tag is no data group's. */
export function dataGroupOfTag(tag: number): number | undefined {
  const i = DATA_GROUP_TAGS.indexOf(tag);
  return i < 0 ? undefined : i + 1;
}
