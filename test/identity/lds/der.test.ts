import fc from 'fast-check';
import {
  decodeInteger,
  decodeOid,
  decodeString,
  DER_TAG,
  derInteger,
  derOid,
  derPrintableString,
  derSetOf,
  derTime,
  derUnsignedInteger,
  derUtf8String,
} from '../../../src/identity/lds/der';
import { LdsFormatError } from '../../../src/identity/lds/lds-error';
import { readSingleTlv } from '../../../src/identity/lds/tlv';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

describe('DER primitives (X.690, hand-encoded expectations)', () => {
  test.each([
    [0, '020100'],
    [127, '02017F'],
    [128, '02020080'],
    [256, '02020100'],
    [-1, '0201FF'],
    [-128, '020180'],
    [-129, '0202FF7F'],
  ])('INTEGER %d = %s', (n, expected) => {
    expect(toHex(derInteger(n))).toBe(expected);
    expect(decodeInteger(readSingleTlv(hex(expected)), 'x', 'y')).toBe(BigInt(n));
  });

  test('unsigned magnitudes get a leading zero when the top bit is set, leading zeros are dropped', () => {
    expect(toHex(derUnsignedInteger(hex('80')))).toBe('02020080');
    expect(toHex(derUnsignedInteger(hex('000012')))).toBe('020112');
  });

  test.each([
    ['2.23.136.1.1.1', '0606678108010101'],
    ['1.2.840.113549.1.7.2', '06092A864886F70D010702'],
    ['1.3.36.3.3.2.8.1.1.5', '06092B2403030208010105'],
    ['2.16.840.1.101.3.4.2.1', '0609608648016503040201'],
  ])('OID %s = %s', (oid, expected) => {
    expect(toHex(derOid(oid))).toBe(expected);
    expect(decodeOid(readSingleTlv(hex(expected)), 'x', 'y')).toBe(oid);
  });

  test('OID round trip (property)', () => {
    const arc = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(arc, { maxLength: 10 }), (a, b, rest) => {
        const oid = [a, b, ...rest].join('.');
        expect(decodeOid(readSingleTlv(derOid(oid)), 'x', 'y')).toBe(oid);
      }),
    );
  });

  test('an OID that ends inside a sub-identifier is an LdsFormatError', () => {
    expect(() => decodeOid(readSingleTlv(hex('06022A86')), 'x', 'y')).toThrow(LdsFormatError);
  });

  test('strings: UTF8String bytes, PrintableString alphabet', () => {
    expect(toHex(derUtf8String('Nữ'))).toBe('0C044EE1BBAF');
    expect(toHex(derPrintableString('15/03/1999'))).toBe('130A31352F30332F31393939');
    expect(() => derPrintableString('a_b')).toThrow(RangeError);
    expect(() => decodeString(readSingleTlv(hex('1301')), DER_TAG.PRINTABLE_STRING, 'x', 'y')).toThrow();
    expect(() => decodeString(readSingleTlv(hex('13015F')), DER_TAG.PRINTABLE_STRING, 'x', 'y')).toThrow(LdsFormatError);
  });

  test('Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5)', () => {
    expect(toHex(derTime(new Date('2049-12-31T23:59:59Z')))).toBe('170D' + Buffer.from('491231235959Z').toString('hex').toUpperCase());
    expect(toHex(derTime(new Date('2050-01-01T00:00:00Z')))).toBe('180F' + Buffer.from('20500101000000Z').toString('hex').toUpperCase());
  });

  test('SET OF is sorted by encoding', () => {
    expect(toHex(derSetOf([hex('0402FFFF'), hex('040100'), hex('0401FF')]))).toBe('310A' + '040100' + '0401FF' + '0402FFFF');
  });
});
