import { generateKeyPairSync } from 'node:crypto';
import { buildDg15, parseDg15 } from '../../../src/identity/lds/dg15';
import { LdsError } from '../../../src/identity/lds/lds-error';
import { describeWithSamples, sample } from './emrtd-samples';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('DG15', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  test('is 6F L + SubjectPublicKeyInfo with id-ecPublicKey and prime256v1 (RFC 5480, hand-encoded prefix)', () => {
    const dg15 = buildDg15(privateKey);
    // 6F 5B | 30 59 30 13 06 07 2A8648CE3D0201 06 08 2A8648CE3D030107 03 42 00 04 <x> <y>
    expect(toHex(dg15.subarray(0, 2))).toBe('6F5B');
    expect(toHex(dg15.subarray(2, 28))).toBe('3059301306072A8648CE3D020106082A8648CE3D030107034200');
    expect(dg15[28]).toBe(0x04);
    expect(dg15.length).toBe(2 + 91);
  });

  test('round trip gives the same public key', () => {
    const parsed = parseDg15(buildDg15(publicKey));
    expect(parsed.publicKey.equals(publicKey)).toBe(true);
    expect(toHex(parsed.spki)).toBe(toHex(publicKey.export({ type: 'spki', format: 'der' })));
  });

  test('wrong tag, garbage key and truncation are LdsErrors', () => {
    const good = buildDg15(publicKey);
    const wrongTag = Uint8Array.from(good);
    wrongTag[0] = 0x6e;
    expect(() => parseDg15(wrongTag)).toThrow(LdsError);
    const garbage = Uint8Array.from(good);
    garbage[40] = garbage[40]! ^ 0xff; // inside the EC point: not on the curve
    expect(() => parseDg15(garbage)).toThrow(LdsError);
    for (let cut = 0; cut < good.length; cut += 4) expect(() => parseDg15(good.subarray(0, cut))).toThrow(LdsError);
  });
});

describeWithSamples('DG15 of the BSI 2008 test passport', () => {
  test('holds a 1024-bit RSA Active Authentication key', () => {
    const { publicKey } = parseDg15(sample('bsi2008_Datagroup15.bin'));
    expect(publicKey.asymmetricKeyType).toBe('rsa');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
  });
});
