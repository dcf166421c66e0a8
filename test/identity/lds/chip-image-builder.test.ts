import { generateKeyPairSync } from 'node:crypto';
import { buildChipImage } from '../../../src/identity/lds/chip-image-builder';
import type { ChipImage } from '../../../src/identity/lds/chip-image';
import { signActiveAuthChallenge, verifyActiveAuthSignature } from '../../../src/identity/lds/active-auth';
import { parseDg1 } from '../../../src/identity/lds/dg1';
import { parseDg13 } from '../../../src/identity/lds/dg13';
import { parseDg15 } from '../../../src/identity/lds/dg15';
import { parseDg2 } from '../../../src/identity/lds/dg2';
import { parseEfCom } from '../../../src/identity/lds/ef-com';
import { parseSod } from '../../../src/identity/lds/sod';
import { LdsFormatError } from '../../../src/identity/lds/lds-error';
import type { CitizenRecord } from '../../../src/identity/record';
import { makeJpeg } from './jpeg-fixture';
import { makeTestPki } from '../pki/pki-fixture';

const SPECIMEN: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  placeOfResidence: 'Số 1, phố Giả Định, Hà Nội',
  issueDate: '2021-06-22',
};
const pki = makeTestPki();
const photo = makeJpeg(240, 320);
const aaKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const aaPkcs8 = new Uint8Array(aaKey.export({ type: 'pkcs8', format: 'der' }));

describe('buildChipImage', () => {
  let image: ChipImage;
  beforeAll(async () => {
    image = await buildChipImage({ record: SPECIMEN, product: 'vn-cccd-2021', photoJpeg: photo, aaPrivateKeyPkcs8: aaPkcs8, signer: pki.signer });
  });
  const file = (name: string) => image.files.find((f) => f.name === name)!.bytes;

  test('files in write order with their ICAO 9303-10 FIDs and SFIs', () => {
    expect(image.files.map((f) => [f.name, f.fid, f.sfi])).toEqual([
      ['EF.COM', 0x011e, 0x1e],
      ['DG1', 0x0101, 0x01],
      ['DG2', 0x0102, 0x02],
      ['DG13', 0x010d, 0x0d],
      ['DG15', 0x010f, 0x0f],
      ['EF.SOD', 0x011d, 0x1d],
    ]);
  });

  test('EF.COM lists exactly the data groups present; the SOD hashes exactly those', () => {
    expect(parseEfCom(file('EF.COM')).dataGroups).toEqual([1, 2, 13, 15]);
    expect([...parseSod(file('EF.SOD')).ldsSecurityObject.dataGroupHashes.keys()]).toEqual([1, 2, 13, 15]);
  });

  test('DG1 holds the REFERENCE specimen MRZ; BAC keys are its document number, DOB and expiry', () => {
    expect(parseDg1(file('DG1')).lines).toEqual([
      'IDVNM1990123456001199012345<<7',
      '9903159F2403155VNM<<<<<<<<<<<0',
      'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<',
    ]);
    expect(image.bac).toEqual({ documentNumber: '199012345', dateOfBirth: '990315', dateOfExpiry: '240315' });
  });

  test('DG2 carries the photo, DG13 the record, DG15 the AA public key', () => {
    expect(Buffer.from(parseDg2(file('DG2')).image).equals(Buffer.from(photo))).toBe(true);
    expect(parseDg13(file('DG13'))).toEqual({
      personalId: '001199012345',
      fullName: 'Nguyễn Thị Mai',
      dateOfBirth: '1999-03-15',
      sex: 'F',
      nationality: 'Việt Nam',
      placeOfResidence: 'Số 1, phố Giả Định, Hà Nội',
      issueDate: '2021-06-22',
      dateOfExpiry: '2024-03-15',
    });
    const challenge = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const sig = signActiveAuthChallenge(image.aaPrivateKeyPkcs8, challenge);
    expect(verifyActiveAuthSignature(parseDg15(file('DG15')).publicKey, challenge, sig)).toBe(true);
  });

  test('refuses an AA key that is not P-256 and a photo that is not a JPEG', async () => {
    const p384 = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'der' }));
    await expect(
      buildChipImage({ record: SPECIMEN, product: 'vn-cccd-2021', photoJpeg: photo, aaPrivateKeyPkcs8: p384, signer: pki.signer }),
    ).rejects.toThrow(/P-256/);
    await expect(
      buildChipImage({ record: SPECIMEN, product: 'vn-cccd-2021', photoJpeg: new Uint8Array(10), aaPrivateKeyPkcs8: aaPkcs8, signer: pki.signer }),
    ).rejects.toThrow(LdsFormatError);
  });

  test('a card that never expires gets 991231 as BAC expiry', async () => {
    const old: CitizenRecord = { ...SPECIMEN, personalId: '001160012345', dateOfBirth: '1960-01-01', fullName: 'Lê Văn An', sex: 'M' };
    const img = await buildChipImage({ record: old, product: 'vn-cccd-2021', photoJpeg: photo, aaPrivateKeyPkcs8: aaPkcs8, signer: pki.signer });
    expect(img.bac).toEqual({ documentNumber: '160012345', dateOfBirth: '600101', dateOfExpiry: '991231' });
  });

  test('a card without a photo (Căn cước, holder under 6) has no DG2: EF.COM and the SOD cover DG1, DG13, DG15', async () => {
    const child: CitizenRecord = {
      ...SPECIMEN,
      personalId: '001222012345',
      dateOfBirth: '2022-05-01',
      issueDate: '2025-02-03',
      placeOfBirthRegistration: 'Phường Phúc Xá, Ba Đình, Hà Nội',
    };
    const img = await buildChipImage({ record: child, product: 'vn-cancuoc-2024', aaPrivateKeyPkcs8: aaPkcs8, signer: pki.signer });
    expect(img.files.map((f) => f.name)).toEqual(['EF.COM', 'DG1', 'DG13', 'DG15', 'EF.SOD']);
    const com = img.files.find((f) => f.name === 'EF.COM')!.bytes;
    const sod = img.files.find((f) => f.name === 'EF.SOD')!.bytes;
    expect(parseEfCom(com).dataGroups).toEqual([1, 13, 15]);
    expect([...parseSod(sod).ldsSecurityObject.dataGroupHashes.keys()]).toEqual([1, 13, 15]);
  });
});
