import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { verifyPassiveAuthentication, type PassiveAuthReport } from '../../../src/identity/passive-auth';
import { buildChipImage } from '../../../src/identity/lds/chip-image-builder';
import type { ChipImage } from '../../../src/identity/lds/chip-image';
import { buildCscaCertificate } from '../../../src/identity/pki/certificate-builder';
import { parseSod } from '../../../src/identity/lds/sod-parser';
import { TEST_CSCA_SUBJECT } from '../../../src/identity/pki/test-pki';
import type { CitizenRecord } from '../../../src/identity/record';
import { BSI_TR_DG1_HEX, describeWithSamples, flipByte, pemCertificates, sample } from '../lds/emrtd-samples';
import { makeJpeg } from '../lds/jpeg-fixture';
import { makeTestPki, PKI_NOW } from '../pki/pki-fixture';

/** name -> status of every check. */
function statuses(r: PassiveAuthReport): Record<string, string> {
  return Object.fromEntries(r.checks.map((c) => [c.name, c.status]));
}
function failedChecks(r: PassiveAuthReport): string[] {
  return r.checks.filter((c) => c.status === 'failed').map((c) => c.name);
}

describeWithSamples('passive authentication of the BSI 2008 test passport', () => {
  const sod = sample('bsi2008_EF_SOD.bin');
  const groups = new Map([1, 2, 3, 14].map((n) => [n, sample(`bsi2008_Datagroup${n}.bin`)] as const));
  const at = new Date('2008-06-01T00:00:00Z');

  test('DG1, DG2, DG3, DG14 hashes, messageDigest and the ecdsa-with-SHA1 signature (explicit brainpool key) verify', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [], at });
    expect(statuses(r)).toEqual({
      'sod-parse': 'passed',
      'dg1-hash': 'passed',
      'dg2-hash': 'passed',
      'dg3-hash': 'passed',
      'dg14-hash': 'passed',
      'content-type': 'passed',
      'message-digest': 'passed',
      'sod-signature': 'passed',
      'ds-certificate-validity': 'passed',
      'ds-certificate-chain': 'not-checked',
    });
    expect(r.checks.find((c) => c.name === 'ds-certificate-chain')!.detail).toMatch(/no CSCA given/);
    expect(r.ok).toBe(false); // nothing vouches for the Document Signer
    expect(r.hashAlgorithm).toBe('sha1');
    expect(r.signatureAlgorithm).toBe('ecdsa-with-SHA1');
    expect(Buffer.from(r.dsCertificate!.der).equals(Buffer.from(pemCertificates('bsi2008_certs.pem')[0]!))).toBe(true);
    expect(r.dsCertificate!.issuer).toBe('CN=CSCA BDR TEST 19.09.07');
  });

  test('the DS certificate is out of its validity (2008-01-28 to 2009-01-27) in 2010', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [], at: new Date('2010-01-01T00:00:00Z') });
    expect(failedChecks(r)).toEqual(['ds-certificate-validity']);
  });

  test('one changed byte in DG2 fails exactly the DG2 hash check', () => {
    const changed = new Map(groups);
    changed.set(2, flipByte(groups.get(2)!, 5000));
    expect(failedChecks(verifyPassiveAuthentication({ sod, dataGroups: changed, cscaCertificates: [], at }))).toEqual(['dg2-hash']);
  });

  test('one changed byte in the SOD signature fails exactly the signature check', () => {
    // The SignerInfo signature is the last element of the file: 04 40 30 3E 02 1D 00 A1 ... (r, then s).
    const bad = flipByte(sod, sod.length - 10);
    expect(failedChecks(verifyPassiveAuthentication({ sod: bad, dataGroups: groups, cscaCertificates: [], at }))).toEqual(['sod-signature']);
  });

  test('a changed DG hash inside eContent fails that DG and the messageDigest, the signature still verifies', () => {
    // DG1's hash FB1BC192... sits in eContent; the signature covers the signed attributes only.
    const at1 = Buffer.from(sod).indexOf(Buffer.from('FB1BC1921F4DC079', 'hex'));
    const bad = flipByte(sod, at1);
    expect(failedChecks(verifyPassiveAuthentication({ sod: bad, dataGroups: groups, cscaCertificates: [], at }))).toEqual([
      'dg1-hash',
      'message-digest',
    ]);
  });

  test('a changed messageDigest attribute fails messageDigest and the signature', () => {
    const atMd = Buffer.from(sod).indexOf(Buffer.from('111CB0211C65B480', 'hex'));
    const bad = flipByte(sod, atMd + 3);
    expect(failedChecks(verifyPassiveAuthentication({ sod: bad, dataGroups: groups, cscaCertificates: [], at }))).toEqual([
      'message-digest',
      'sod-signature',
    ]);
  });

  test('DG4 read but not in the SOD fails; DGs in the SOD that were not read are "not checked" and ok', () => {
    const r = verifyPassiveAuthentication({
      sod,
      dataGroups: new Map([[1, groups.get(1)!], [4, sample('bsi2008_Datagroup4.bin')]]),
      cscaCertificates: [],
      at,
    });
    expect(failedChecks(r)).toEqual(['dg4-hash']);
    const dg2 = r.checks.find((c) => c.name === 'dg2-hash')!;
    expect(dg2).toMatchObject({ status: 'not-checked', ok: true });
  });

  test('an unrelated CSCA is not accepted as the issuer', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [makeTestPki().csca], at });
    expect(r.checks.find((c) => c.name === 'ds-certificate-chain')).toMatchObject({ status: 'failed' });
  });
});

describeWithSamples('passive authentication of the RSASSA-PSS samples', () => {
  const dg1 = Uint8Array.from(Buffer.from(BSI_TR_DG1_HEX, 'hex'));

  test('BSI TR-03105 reference SOD: DG1 hash and RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) signature verify', () => {
    const r = verifyPassiveAuthentication({ sod: sample('bsi_ef_sod.bin'), dataGroups: new Map([[1, dg1]]), cscaCertificates: [], at: new Date('2014-06-01T00:00:00Z') });
    expect(failedChecks(r)).toEqual([]);
    expect(statuses(r)['dg1-hash']).toBe('passed');
    expect(statuses(r)['sod-signature']).toBe('passed');
    expect(r.signatureAlgorithm).toBe('rsassa-pss (sha256, MGF1-sha256, salt 32)');
  });

  test('BSI TR-03105 SOD with a changed signature byte or DG1 byte fails the right check', () => {
    const sod = sample('bsi_ef_sod.bin');
    const at = new Date('2014-06-01T00:00:00Z');
    expect(failedChecks(verifyPassiveAuthentication({ sod: flipByte(sod, sod.length - 100), dataGroups: new Map([[1, dg1]]), cscaCertificates: [], at }))).toEqual(['sod-signature']);
    expect(failedChecks(verifyPassiveAuthentication({ sod, dataGroups: new Map([[1, flipByte(dg1, 20)]]), cscaCertificates: [], at }))).toEqual(['dg1-hash']);
  });

  test('ETSI SOD (no 77 wrapper) verifies with DG1 = bsi2008_Datagroup1.bin', () => {
    const r = verifyPassiveAuthentication({
      sod: sample('etsi_sod_cms.der'),
      dataGroups: new Map([[1, sample('bsi2008_Datagroup1.bin')]]),
      cscaCertificates: [],
      at: new Date('2012-01-01T00:00:00Z'),
    });
    expect(failedChecks(r)).toEqual([]);
    expect(statuses(r)['sod-signature']).toBe('passed');
  });
});

describe('passive authentication of a cardline chip image', () => {
  const pki = makeTestPki();
  const record: CitizenRecord = {
    personalId: '079088001234',
    fullName: 'Trần Văn Hùng',
    dateOfBirth: '1988-11-02',
    sex: 'M',
    nationality: 'Việt Nam',
    ethnicity: 'Kinh',
    issueDate: '2024-08-01',
  };
  const at = new Date('2025-04-01T00:00:00Z');
  let image: ChipImage;
  let groups: Map<number, Uint8Array>;
  let sod: Uint8Array;
  beforeAll(async () => {
    const aa = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'der' }));
    image = await buildChipImage({ record, product: 'vn-cancuoc-2024', photoJpeg: makeJpeg(120, 160), aaPrivateKeyPkcs8: aa, signer: pki.signer });
    groups = new Map(image.files.filter((f) => f.name.startsWith('DG')).map((f) => [Number(f.name.slice(2)), f.bytes] as const));
    sod = image.files.find((f) => f.name === 'EF.SOD')!.bytes;
  });

  test('passes every check with the issuing CSCA', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [pki.csca], at });
    expect(r.checks.every((c) => c.status === 'passed')).toBe(true);
    expect(r.ok).toBe(true);
    expect(r.csca).toBe('C=VN, O=cardline test PKI, CN=cardline TEST CSCA Viet Nam');
    expect(r.hashAlgorithm).toBe('sha256');
    expect(r.signatureAlgorithm).toBe('ecdsa-with-SHA256');
  });

  test('flipping a byte of DG2 fails exactly the DG2 hash check', () => {
    const changed = new Map(groups);
    changed.set(2, flipByte(groups.get(2)!, groups.get(2)!.length - 40));
    const r = verifyPassiveAuthentication({ sod, dataGroups: changed, cscaCertificates: [pki.csca], at });
    expect(failedChecks(r)).toEqual(['dg2-hash']);
    expect(r.ok).toBe(false);
  });

  test('another CSCA with the same name but another key is not the issuer', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [makeTestPki().csca], at });
    expect(failedChecks(r)).toEqual(['ds-certificate-chain']);
  });

  test('with several CSCAs the right one is found', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [makeTestPki().csca, pki.csca], at });
    expect(r.ok).toBe(true);
  });

  test('a CSCA that has expired at the moment of the check fails the chain (shell model)', () => {
    // Same key and name as the issuing CSCA, but valid for one day only: the DS signature verifies under it.
    const shortLived = buildCscaCertificate({
      subject: TEST_CSCA_SUBJECT,
      privateKey: pki.cscaKey,
      serialNumber: 99n,
      notBefore: PKI_NOW,
      notAfter: new Date(PKI_NOW.getTime() + 86_400_000),
    });
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [shortLived], at });
    expect(failedChecks(r)).toEqual(['ds-certificate-chain']);
    expect(r.checks.find((c) => c.name === 'ds-certificate-chain')!.detail).toMatch(/not valid at/);
  });

  test('before the DS certificate starts, its validity check fails', () => {
    const r = verifyPassiveAuthentication({ sod, dataGroups: groups, cscaCertificates: [pki.csca], at: new Date('2025-03-01T00:00:00Z') });
    expect(failedChecks(r)).toContain('ds-certificate-validity');
  });

  test('garbage instead of an SOD is a failed sod-parse check, not an exception', () => {
    const r = verifyPassiveAuthentication({ sod: Uint8Array.from([0x77, 0x03, 0x30, 0x01]), dataGroups: groups, cscaCertificates: [pki.csca], at });
    expect(r.ok).toBe(false);
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]).toMatchObject({ name: 'sod-parse', status: 'failed' });
    expect(r.checks[0]!.detail).toMatch(/TLV/);
  });

  test('random corruption of the SOD never throws (property)', () => {
    fc.assert(
      fc.property(fc.nat(sod.length - 1), fc.integer({ min: 1, max: 255 }), (i, mask) => {
        verifyPassiveAuthentication({ sod: flipByte(sod, i, mask), dataGroups: groups, cscaCertificates: [pki.csca], at });
      }),
      { numRuns: 300 },
    );
  });

  test('any change to eContent, the signed attributes or the signature is caught (property)', () => {
    const p = parseSod(sod);
    const offsetOf = (part: Uint8Array) => Buffer.from(sod).indexOf(Buffer.from(part));
    const signedAttrsBody = p.signerInfo.signedAttributes!.subarray(2); // skip the re-tagged header
    const regions = [p.eContent, signedAttrsBody, p.signerInfo.signature].map((part) => [offsetOf(part), part.length] as const);
    for (const [start] of regions) expect(start).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...regions), fc.nat(), fc.integer({ min: 1, max: 255 }), ([start, length], k, mask) => {
        const r = verifyPassiveAuthentication({ sod: flipByte(sod, start + (k % length), mask), dataGroups: groups, cscaCertificates: [pki.csca], at });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
