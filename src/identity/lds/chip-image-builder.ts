/**
 * Data preparation for one chip: everything a personalizer writes, from a validated record, its photo, a
 * fresh Active Authentication key and the Document Signer.
 *
 * Files, in write order: EF.COM, DG1 (MRZ), DG2 (face), DG13 (Vietnamese details), DG15 (AA public key),
 * EF.SOD (hashes of DG1, DG2, DG13, DG15, signed). EF.COM lists exactly DG1, DG2, DG13 and DG15: no DG3 (no
 * EAC-protected fingerprints) and no DG14 (no Chip Authentication / PACE info), see LDS.md.
 *
 * A card without a photo (the Căn cước of a child under 6: the 2023 Law on Identification takes no photo) has
 * **no DG2 at all**: EF.COM lists DG1, DG13 and DG15 and the SOD signs those three. An empty or placeholder
 * ISO 19794-5 record would claim a face that is not there; a reader that finds no DG2 says so plainly.
 */
import { createPrivateKey } from 'node:crypto';
import type { CitizenRecord } from '../record';
import type { ProductId } from '../products';
import { buildMrz } from '../mrz';
import type { DocumentSigner } from '../pki/document-signer';
import type { ChipFile, ChipImage } from './chip-image';
import { buildDg1 } from './dg1';
import { buildDg13, dg13FromRecord } from './dg13';
import { buildDg15 } from './dg15';
import { buildDg2 } from './dg2';
import { buildEfCom } from './ef-com';
import { EF_COM, EF_SOD, dataGroupFile } from './lds-files';
import { buildSod } from './sod';

/** The data groups cardline puts on a chip, in write order. */
export const CHIP_DATA_GROUPS = [1, 2, 13, 15] as const;

/** Input of {@link buildChipImage}. */
export interface ChipImageInput {
  /** A validated record (see validate.ts). */
  record: CitizenRecord;
  product: ProductId;
  /** The portrait, JPEG; absent for a card that carries no photo (then the chip has no DG2). */
  photoJpeg?: Uint8Array;
  /** The card's Active Authentication private key, PKCS#8 DER, ECDSA P-256. */
  aaPrivateKeyPkcs8: Uint8Array;
  signer: DocumentSigner;
  /** Optional signingTime attribute for EF.SOD (none when absent: identity/ reads no clock). */
  signingTime?: Date;
}

/**
 * Builds the chip image for one card. Throws a RangeError for an invalid record or an AA key that is not
 * ECDSA P-256, an LdsFormatError when the photo is not a JPEG; the promise rejects if the signer fails.
 */
export async function buildChipImage(input: ChipImageInput): Promise<ChipImage> {
  const aaKey = createPrivateKey({ key: Buffer.from(input.aaPrivateKeyPkcs8), format: 'der', type: 'pkcs8' });
  if (aaKey.asymmetricKeyType !== 'ec' || aaKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new RangeError('the Active Authentication key must be ECDSA P-256');
  }
  const mrz = buildMrz(input.record, input.product);
  const present = input.photoJpeg === undefined ? CHIP_DATA_GROUPS.filter((n) => n !== 2) : CHIP_DATA_GROUPS;
  const groups = new Map<number, Uint8Array>([[1, buildDg1(mrz)]]);
  if (input.photoJpeg !== undefined) groups.set(2, buildDg2({ jpeg: input.photoJpeg, sex: input.record.sex }));
  groups.set(13, buildDg13(dg13FromRecord(input.record, input.product)));
  groups.set(15, buildDg15(aaKey));
  const sodInput = input.signingTime === undefined
    ? { dataGroups: groups, signer: input.signer }
    : { dataGroups: groups, signer: input.signer, signingTime: input.signingTime };
  const sod = await buildSod(sodInput);

  const file = (id: { name: string; fid: number; sfi: number }, bytes: Uint8Array): ChipFile => ({
    fid: id.fid,
    sfi: id.sfi,
    name: id.name,
    bytes,
  });
  const files: ChipFile[] = [
    file(EF_COM, buildEfCom(present)),
    ...present.map((n) => file(dataGroupFile(n), groups.get(n)!)),
    file(EF_SOD, sod),
  ];
  const [line1, line2] = mrz;
  return {
    files,
    bac: {
      // The MRZ document number field (TD1 line 1, positions 6-14), `<`-padded to 9 (ICAO 9303-11 4.3.2):
      // the PUT DATA trap of JMRTD-style applets.
      documentNumber: line1.slice(5, 14).padEnd(9, '<'),
      dateOfBirth: line2.slice(0, 6),
      dateOfExpiry: line2.slice(8, 14),
    },
    aaPrivateKeyPkcs8: Uint8Array.from(input.aaPrivateKeyPkcs8),
  };
}
