/**
 * Data preparation for the chip commands: the chip image of one validated record, with a fresh Active
 * Authentication key per card and the photo from the record (a data: URI or a file next to the records).
 *
 * The Căn cước of a child under 6 carries no photo (2023 Law on Identification, Art. 21): its chip has no DG2
 * (see identity/lds/chip-image-builder.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadPhoto, PhotoError } from '../../controller/import/photo';
import { ageOn, requireIsoDate } from '../../identity/calendar';
import type { ChipImage } from '../../identity/lds/chip-image';
import { buildChipImage } from '../../identity/lds/chip-image-builder';
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
    return { image: await buildChipImage({ record, product, aaPrivateKeyPkcs8, signer }), hasPhoto: false };
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
