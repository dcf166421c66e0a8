/**
 * A real chip image for the QC tests: a synthetic citizen, a small JPEG portrait, a test PKI issued at a
 * fixed moment, an AA key, and identity/lds's buildChipImage.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import type { ChipImage } from '../../../src/identity/lds/chip-image';
import { buildChipImage } from '../../../src/identity/lds/chip-image-builder';
import type { ProductId } from '../../../src/identity/products';
import { createSoftwareDocumentSigner } from '../../../src/identity/pki/document-signer';
import { issueTestPki } from '../../../src/identity/pki/test-pki';
import type { CitizenRecord } from '../../../src/identity/record';
import { qcExpectationForRecord, type QcExpectation } from '../../../src/devices/chip/qc-reader';
import { newAaKey } from './helpers';

/** The moment the test PKI is issued and QC verifies at. */
export const PKI_NOW = new Date('2025-03-10T08:00:00Z');
export const QC_AT = new Date('2025-03-11T09:30:00Z');
export const PRODUCT: ProductId = 'vn-cccd-2021';

/** Synthetic people (made-up data; the first is the MRZ specimen of the identity tests). */
export const MAI: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Phú Lương, Hà Đông, Hà Nội',
  placeOfResidence: 'Số 1, phố Giả Định, phường Mẫu, quận Thử, Hà Nội',
  identifyingMarks: 'Nốt ruồi cách 2cm dưới mép phải',
  issueDate: '2021-06-22',
  fatherName: 'Nguyễn Văn Ba',
  motherName: 'Lê Thị Tư',
};
export const BINH: CitizenRecord = {
  personalId: '079088001234',
  fullName: 'Trần Văn Bình',
  dateOfBirth: '1988-11-02',
  sex: 'M',
  nationality: 'Việt Nam',
  issueDate: '2022-01-10',
};

function portrait(): Uint8Array {
  const canvas = createCanvas(90, 120);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#dde4ee';
  ctx.fillRect(0, 0, 90, 120);
  ctx.fillStyle = '#7a5c44';
  ctx.fillRect(25, 20, 40, 60);
  return new Uint8Array(canvas.encodeSync('jpeg', 80));
}

/** One test PKI and what QC needs to trust it. */
export interface QcWorld {
  csca: Uint8Array;
  otherCsca: Uint8Array;
  imageFor(record: CitizenRecord, aaPkcs8?: Uint8Array): Promise<ChipImage>;
}

function issue(): { csca: Uint8Array; signer: ReturnType<typeof createSoftwareDocumentSigner> } {
  const cscaKey = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
  const dsKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const pki = issueTestPki({ cscaPrivateKey: cscaKey, documentSignerPrivateKey: dsKey, now: PKI_NOW, cscaSerial: 0x0a11n, documentSignerSerial: 0x0d51n });
  return { csca: pki.csca, signer: createSoftwareDocumentSigner(dsKey, pki.documentSigner) };
}

/** A PKI, plus a second CSCA that signed nothing of ours. */
export function makeQcWorld(): QcWorld {
  const { csca, signer } = issue();
  const photo = portrait();
  return {
    csca,
    otherCsca: issue().csca,
    imageFor: (record, aaPkcs8 = newAaKey().pkcs8) =>
      buildChipImage({ record, product: PRODUCT, photoJpeg: photo, aaPrivateKeyPkcs8: aaPkcs8, signer }),
  };
}

/** What QC should find on the card of `record`. */
export function expectationFor(record: CitizenRecord): QcExpectation {
  return qcExpectationForRecord(record, PRODUCT);
}
