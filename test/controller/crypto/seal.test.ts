/** AES-256-GCM sealing: round trip, and every kind of tampering refused. */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { DataKeyring, SealError, SEAL_OVERHEAD_BYTES, sealedHeader } from '../../../src/controller/crypto';

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const ring = new DataKeyring({ id: 1, key: keyA });

describe('seal / open', () => {
  it('round-trips any bytes bound to any AAD', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (plain, aad) => {
        const sealed = ring.seal(plain, aad);
        expect(sealed.length).toBe(plain.length + SEAL_OVERHEAD_BYTES);
        expect(new Uint8Array(ring.open(sealed, aad))).toEqual(plain);
      }),
    );
  });

  it('writes format version 1 and the key id, and a fresh nonce every time', () => {
    const a = ring.seal(Buffer.from('same'), 'x');
    const b = ring.seal(Buffer.from('same'), 'x');
    expect(sealedHeader(a)).toEqual({ version: 1, keyId: 1 });
    expect(a.subarray(2, 14).equals(b.subarray(2, 14))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a value moved to another row (different AAD)', () => {
    const sealed = ring.seal(Buffer.from('Nguyễn Thị Mai'), 'cardline/records/A/payload');
    expect(() => ring.open(sealed, 'cardline/records/B/payload')).toThrow(SealError);
  });

  it('refuses any flipped bit, in header, nonce, body or tag', () => {
    const sealed = ring.seal(randomBytes(40), 'row');
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] ^= 0x01;
      expect(() => ring.open(bad, 'row')).toThrow(SealError);
    }
  });

  it('refuses a truncated value and an unknown format version', () => {
    const sealed = ring.seal(Buffer.from('x'), 'row');
    expect(() => ring.open(sealed.subarray(0, 10), 'row')).toThrow(/too short/);
    const v2 = Buffer.from(sealed);
    v2[0] = 2;
    expect(() => ring.open(v2, 'row')).toThrow(/format version 2/);
  });

  it('refuses a value sealed under another key, and says when the key id is not loaded', () => {
    const other = new DataKeyring({ id: 1, key: keyB });
    expect(() => other.open(ring.seal(Buffer.from('x'), 'r'), 'r')).toThrow(/failed authentication/);
    const id2 = new DataKeyring({ id: 2, key: keyB });
    expect(() => ring.open(id2.seal(Buffer.from('x'), 'r'), 'r')).toThrow(/data key 2, which is not loaded/);
  });

  it('opens values sealed under an older key after rotation, and seals under the new one', () => {
    const old = ring.seal(Buffer.from('before rotation'), 'r');
    const rotated = new DataKeyring({ id: 2, key: keyB }, [{ id: 1, key: keyA }]);
    expect(rotated.open(old, 'r').toString()).toBe('before rotation');
    expect(sealedHeader(rotated.seal(Buffer.from('after'), 'r')).keyId).toBe(2);
  });

  it('never contains the plaintext', () => {
    const plain = Buffer.from('001199012345 Nguyễn Thị Mai');
    expect(ring.seal(plain, 'r').includes(plain)).toBe(false);
    expect(ring.seal(plain, 'r').includes(Buffer.from('001199012345'))).toBe(false);
  });
});

describe('personal ID hash and fingerprint', () => {
  it('is deterministic per key, differs between IDs and between keys, and hides the ID', () => {
    const other = new DataKeyring({ id: 1, key: keyB });
    const h = ring.personalIdHash('001199012345');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(ring.personalIdHash('001199012345')).toBe(h);
    expect(ring.personalIdHash('001199012346')).not.toBe(h);
    expect(other.personalIdHash('001199012345')).not.toBe(h);
    expect(h).not.toContain('001199012345');
  });

  it('fingerprints keys without revealing them (32 hex digits, per key)', () => {
    const fp = ring.fingerprint()!;
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    expect(new DataKeyring({ id: 1, key: keyB }).fingerprint()).not.toBe(fp);
    expect(fp).not.toContain(keyA.toString('hex').slice(0, 8));
  });

  it('rejects bad key ids and wrong key lengths', () => {
    expect(() => new DataKeyring({ id: 0, key: keyA })).toThrow(/1..255/);
    expect(() => new DataKeyring({ id: 1, key: Buffer.alloc(16) })).toThrow(/32 bytes/);
    expect(() => new DataKeyring({ id: 1, key: keyA }, [{ id: 1, key: keyB }])).toThrow(/twice/);
  });
});
