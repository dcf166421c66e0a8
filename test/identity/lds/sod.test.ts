import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildSod, parseSod, sodContentInfo } from '../../../src/identity/lds/sod';
import { LdsError } from '../../../src/identity/lds/lds-error';
import { encodeTlv } from '../../../src/identity/lds/tlv';
import { describeWithSamples, pemCertificates, sample } from './emrtd-samples';
import { epochSeconds, makeTestPki, openssl, tempDir, testWithOpenssl, toPem } from '../pki/pki-fixture';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const pki = makeTestPki();
const groups = new Map<number, Uint8Array>([
  [1, encodeTlv(0x61, encodeTlv(0x5f1f, Buffer.from('I'.repeat(90))))],
  [2, encodeTlv(0x75, new Uint8Array(300).fill(7))],
  [13, encodeTlv(0x6d, Buffer.from('DG13'))],
  [15, encodeTlv(0x6f, Buffer.from('DG15'))],
]);

describe('EF.SOD building', () => {
  let sod: Uint8Array;
  beforeAll(async () => {
    sod = await buildSod({ dataGroups: groups, signer: pki.signer });
  });

  test('is 77 L around a ContentInfo (signedData)', () => {
    expect(sod[0]).toBe(0x77);
    const ci = sodContentInfo(sod);
    // ContentInfo: 30 82 xxxx 06 09 2A864886F70D010702 (id-signedData, RFC 5652).
    expect(toHex(ci.subarray(4, 15))).toBe('06092A864886F70D010702');
  });

  test('LDS Security Object v0: SHA-256 (absent parameters) of each whole DG file, ascending', () => {
    const p = parseSod(sod);
    expect(p.version).toBe(3);
    expect(p.eContentType).toBe('2.23.136.1.1.1');
    // 30 81 L, 02 01 00 (v0), 30 0B 06 09 608648016503040201: sha256 with no parameters (RFC 5754).
    expect(toHex(p.eContent.subarray(0, 19))).toMatch(/^3081..020100300B0609608648016503040201$/);
    const lso = p.ldsSecurityObject;
    expect(lso.version).toBe(0);
    expect([...lso.dataGroupHashes.keys()]).toEqual([1, 2, 13, 15]);
    for (const [n, bytes] of groups) {
      expect(toHex(lso.dataGroupHashes.get(n)!)).toBe(createHash('sha256').update(bytes).digest('hex').toUpperCase());
    }
  });

  test('one SignerInfo v1 naming the DS certificate by issuer and serial; contentType and messageDigest signed', () => {
    const { signerInfo: si, certificates } = parseSod(sod);
    expect(si.version).toBe(1);
    const cert = new X509Certificate(Buffer.from(pki.ds));
    expect('issuer' in si.sid && toHex(si.sid.serialNumber)).toBe(cert.serialNumber);
    expect(si.digestAlgorithm).toEqual({ oid: '2.16.840.1.101.3.4.2.1' });
    expect(si.signatureAlgorithm).toEqual({ oid: '1.2.840.10045.4.3.2' });
    expect(si.signedAttributeList.map((a) => a.type)).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4']);
    const md = si.signedAttributeList[1]!.values[0]!;
    expect(toHex(md)).toBe('0420' + createHash('sha256').update(parseSod(sod).eContent).digest('hex').toUpperCase());
    expect(certificates).toHaveLength(1);
    expect(toHex(certificates[0]!)).toBe(toHex(pki.ds));
  });

  testWithOpenssl('openssl cms -verify accepts it with the CSCA as trust anchor and outputs the LDS Security Object', () => {
    const dir = tempDir('cardline-sod-');
    fs.writeFileSync(path.join(dir, 'csca.pem'), toPem(pki.csca));
    fs.writeFileSync(path.join(dir, 'sod.der'), sodContentInfo(sod));
    const out = path.join(dir, 'content.der');
    const r = openssl([
      'cms', '-verify', '-inform', 'DER', '-in', path.join(dir, 'sod.der'), '-CAfile', path.join(dir, 'csca.pem'),
      '-purpose', 'any', '-attime', epochSeconds(new Date('2025-04-01T00:00:00Z')), '-out', out,
    ]);
    expect(r.out).toMatch(/Verification successful/);
    expect(r.status).toBe(0);
    expect(toHex(fs.readFileSync(out))).toBe(toHex(parseSod(sod).eContent));
  });

  testWithOpenssl('openssl cms -verify rejects it when a byte of the signature changes', () => {
    const dir = tempDir('cardline-sod-');
    fs.writeFileSync(path.join(dir, 'csca.pem'), toPem(pki.csca));
    const ci = Uint8Array.from(sodContentInfo(sod));
    ci[ci.length - 3] = ci[ci.length - 3]! ^ 0x01; // inside the last INTEGER of the ECDSA signature
    fs.writeFileSync(path.join(dir, 'sod.der'), ci);
    const r = openssl([
      'cms', '-verify', '-inform', 'DER', '-in', path.join(dir, 'sod.der'), '-CAfile', path.join(dir, 'csca.pem'),
      '-purpose', 'any', '-attime', epochSeconds(new Date('2025-04-01T00:00:00Z')), '-out', path.join(dir, 'c.der'),
    ]);
    expect(r.status).not.toBe(0);
  });

  test('a signingTime attribute is added only when asked, in DER SET OF order', async () => {
    const withTime = parseSod(await buildSod({ dataGroups: groups, signer: pki.signer, signingTime: new Date('2025-03-11T09:30:00Z') }));
    const types = withTime.signerInfo.signedAttributeList.map((a) => a.type);
    // Sorted by encoding: contentType (30 15...), signingTime (30 1C...), messageDigest (30 2F...).
    expect(types).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.4']);
    expect(Buffer.from(withTime.signerInfo.signedAttributeList[1]!.values[0]!).toString('latin1')).toContain('250311093000Z');
  });

  test('refuses a single data group (the LDS Security Object needs two)', async () => {
    await expect(buildSod({ dataGroups: new Map([[1, groups.get(1)!]]), signer: pki.signer })).rejects.toThrow(RangeError);
  });

  test('parses with or without the 77 wrapper', () => {
    expect(parseSod(sodContentInfo(sod)).ldsSecurityObject.dataGroupHashes.size).toBe(4);
  });

  test('every truncation and any changed byte gives an LdsError or a parse, never another exception (property)', () => {
    for (let cut = 0; cut < sod.length; cut += 11) expect(() => parseSod(sod.subarray(0, cut))).toThrow(LdsError);
    fc.assert(
      fc.property(fc.nat(sod.length - 1), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const copy = Uint8Array.from(sod);
        copy[at] = copy[at]! ^ mask;
        try {
          parseSod(copy);
        } catch (e) {
          if (!(e instanceof LdsError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describeWithSamples('EF.SOD samples', () => {
  test('BSI 2008: SHA-1 hashes of DG1, DG2, DG3, DG14, ecdsa-with-SHA1, the DS certificate of bsi2008_certs.pem', () => {
    const p = parseSod(sample('bsi2008_EF_SOD.bin'));
    expect(p.ldsSecurityObject.hashAlgorithm.oid).toBe('1.3.14.3.2.26');
    expect([...p.ldsSecurityObject.dataGroupHashes.keys()]).toEqual([1, 2, 3, 14]);
    expect(toHex(p.ldsSecurityObject.dataGroupHashes.get(1)!)).toBe(createHash('sha1').update(sample('bsi2008_Datagroup1.bin')).digest('hex').toUpperCase());
    expect(p.signerInfo.signatureAlgorithm.oid).toBe('1.2.840.10045.4.1');
    expect(p.certificates).toHaveLength(1);
    expect(toHex(p.certificates[0]!)).toBe(toHex(pemCertificates('bsi2008_certs.pem')[0]!));
    // The messageDigest attribute as openssl asn1parse shows it.
    const md = p.signerInfo.signedAttributeList.find((a) => a.type === '1.2.840.113549.1.9.4')!;
    expect(toHex(md.values[0]!)).toBe('0414111CB0211C65B480C369EE7059636C4C1D93B573');
  });

  test('BSI TR-03105 reference SOD: RSASSA-PSS with parameters; DG1 hash as its README says', () => {
    const p = parseSod(sample('bsi_ef_sod.bin'));
    expect(p.signerInfo.signatureAlgorithm.oid).toBe('1.2.840.113549.1.1.10');
    expect(p.signerInfo.signatureAlgorithm.parameters).toBeDefined();
    expect(toHex(p.ldsSecurityObject.dataGroupHashes.get(1)!)).toBe('4170CA879FCE6A22FFEF1567FF88079F415C66EAD250AB5F23781AC2CDBF42B6');
  });

  test('ETSI SOD without the 77 wrapper parses; its contentInfo is the whole file', () => {
    const bytes = sample('etsi_sod_cms.der');
    const p = parseSod(bytes);
    expect(p.contentInfo.length).toBe(bytes.length);
    expect([...p.ldsSecurityObject.dataGroupHashes.keys()]).toEqual([1, 2, 3, 14, 15, 4]);
  });
});
