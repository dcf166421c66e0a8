/**
 * Data preparation for the chip commands: the chip image of one validated record, with a fresh Active
 * Authentication key per card and the photo from the record (a data: URI or a file next to the records).
 *
 * The Căn cước of a child under 6 carries no photo (2023 Law on Identification, Art. 21; REFERENCE.md
 * section 3), and `buildChipImage` of identity/lds requires one. Choice: such a chip has **no DG2 at all**
 * (EF.COM lists DG1, DG13, DG15 and the SOD signs those three) rather than an empty or placeholder face
 * record: ICAO 9303-10 makes DG2 mandatory for passports, but an empty 19794-5 record would be a claim of a
 * face that is not there, and a reader that finds DG2 missing says so plainly. The no-photo image is built
 * from the same identity/lds builders as `buildChipImage`; it belongs there once that module takes an
 * optional photo.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { loadPhoto, PhotoError } from '../../controller/import';
import { ageOn, requireIsoDate } from '../../identity/calendar';
import type { ChipFile, ChipImage } from '../../identity/lds/chip-image';
import { buildChipImage } from '../../identity/lds/chip-image-builder';
import { buildDg1 } from '../../identity/lds/dg1';
import { buildDg13, dg13FromRecord } from '../../identity/lds/dg13';
import { buildDg15 } from '../../identity/lds/dg15';
import { buildEfCom } from '../../identity/lds/ef-com';
import { EF_COM, EF_SOD, dataGroupFile } from '../../identity/lds/lds-files';
import { buildSod } from '../../identity/lds/sod';
import { buildMrz } from '../../identity/mrz';
import type { DocumentSigner } from '../../identity/pki/document-signer';
import type { ProductId } from '../../identity/products';
import type { CitizenRecord } from '../../identity/record';
import { NO_PHOTO_BELOW_AGE } from '../../identity/validate';
import { InputError } from '../cli-errors';

/** A prepared chip. */
export interface PreparedChip {
  image: ChipImage;
  /** False for a card without a photo: the image has no DG2. */
  hasPhoto: boolean;
}

/** True when the card of `record` carries no photo: a Căn cước whose holder is under 6 on the issue date. */
export function cardCarriesNoPhoto(record: CitizenRecord, product: ProductId): boolean {
  if (product !== 'vn-cancuoc-2024') return false;
  const age = ageOn(requireIsoDate(record.dateOfBirth, 'dateOfBirth'), requireIsoDate(record.issueDate, 'issueDate'));
  return age < NO_PHOTO_BELOW_AGE;
}

/** A new ECDSA P-256 private key, PKCS#8 DER: each card gets its own Active Authentication key. */
export function newActiveAuthKey(): Uint8Array {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
}

/**
 * The chip image of a validated record. `baseDir` is the folder of the records file (photo paths are
 * relative to it). Throws an {@link InputError} naming the row when the photo cannot be used.
 */
export async function chipImageForRecord(input: {
  record: CitizenRecord;
  product: ProductId;
  row: number;
  baseDir: string;
  signer: DocumentSigner;
}): Promise<PreparedChip> {
  const { record, product, signer } = input;
  const aaPrivateKeyPkcs8 = newActiveAuthKey();
  if (cardCarriesNoPhoto(record, product)) {
    return { image: await buildImageWithoutPhoto(record, product, aaPrivateKeyPkcs8, signer), hasPhoto: false };
  }
  let photoJpeg: Uint8Array | undefined;
  try {
    photoJpeg = await loadPhoto(record, input.baseDir);
  } catch (e) {
    if (e instanceof PhotoError) throw new InputError(`row ${input.row}, photo: ${e.message}`);
    throw e;
  }
  if (photoJpeg === undefined) throw new InputError(`row ${input.row}, photo: the record has no photo and the card needs one`);
  return { image: await buildChipImage({ record, product, photoJpeg, aaPrivateKeyPkcs8, signer }), hasPhoto: true };
}

/** EF.COM, DG1, DG13, DG15 and EF.SOD: the image of a card without a photo. */
async function buildImageWithoutPhoto(record: CitizenRecord, product: ProductId, aaPkcs8: Uint8Array, signer: DocumentSigner): Promise<ChipImage> {
  const aaKey = createPrivateKey({ key: Buffer.from(aaPkcs8), format: 'der', type: 'pkcs8' });
  const mrz = buildMrz(record, product);
  const groupsPresent = [1, 13, 15] as const;
  const groups = new Map<number, Uint8Array>([
    [1, buildDg1(mrz)],
    [13, buildDg13(dg13FromRecord(record, product))],
    [15, buildDg15(aaKey)],
  ]);
  const sod = await buildSod({ dataGroups: groups, signer });
  const file = (id: { name: string; fid: number; sfi: number }, bytes: Uint8Array): ChipFile => ({ fid: id.fid, sfi: id.sfi, name: id.name, bytes });
  const [line1, line2] = mrz;
  return {
    files: [file(EF_COM, buildEfCom(groupsPresent)), ...groupsPresent.map((n) => file(dataGroupFile(n), groups.get(n)!)), file(EF_SOD, sod)],
    bac: { documentNumber: line1.slice(5, 14).padEnd(9, '<'), dateOfBirth: line2.slice(0, 6), dateOfExpiry: line2.slice(8, 14) },
    aaPrivateKeyPkcs8: aaPkcs8,
  };
}
