/**
 * des.ts keeps one OpenSSL cipher per key object and carries the CBC state across calls; every call must still
 * equal a fresh cipher with the given IV. The reference here is a new createCipheriv per call.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { desCbcDecrypt, desCbcEncrypt, tdesCbcDecrypt, tdesCbcEncrypt } from '../../../src/identity/bac/des';

function fresh(decrypt: boolean, key16: Uint8Array, data: Uint8Array, iv: Uint8Array): Uint8Array {
  const c = decrypt ? createDecipheriv('des-ede-cbc', key16, iv) : createCipheriv('des-ede-cbc', key16, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

const blocks = fc.integer({ min: 1, max: 6 }).chain((n) => fc.uint8Array({ minLength: 8 * n, maxLength: 8 * n }));
const iv = fc.uint8Array({ minLength: 8, maxLength: 8 });
const op = fc.record({ decrypt: fc.boolean(), single: fc.boolean(), data: blocks, iv });

test('any sequence of calls on the same key objects equals fresh ciphers', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.array(op, { minLength: 1, maxLength: 12 }), (key16, ops) => {
      const key8 = key16.slice(0, 8);
      const doubled = new Uint8Array([...key8, ...key8]);
      for (const o of ops) {
        const got = o.single
          ? (o.decrypt ? desCbcDecrypt : desCbcEncrypt)(key8, o.data, o.iv)
          : (o.decrypt ? tdesCbcDecrypt : tdesCbcEncrypt)(key16, o.data, o.iv);
        expect(Buffer.from(got).toString('hex')).toBe(Buffer.from(fresh(o.decrypt, o.single ? doubled : key16, o.data, o.iv)).toString('hex'));
      }
    }),
    { numRuns: 200 },
  );
});
