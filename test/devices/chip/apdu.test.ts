/** ISO/IEC 7816-4 command and response APDU encoding. */
import fc from 'fast-check';
import {
  type CommandApdu,
  apduCase,
  decodeCommandApdu,
  decodeResponseApdu,
  encodeCommandApdu,
  encodeResponseApdu,
} from '../../../src/devices/chip/apdu';
import { ApduFormatError } from '../../../src/devices/chip/errors';
import { hex } from './helpers';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const cmd = (data: string, ne: number, extended?: boolean): CommandApdu => ({
  cla: 0x00,
  ins: 0xb0,
  p1: 0x01,
  p2: 0x02,
  data: hex(data),
  ne,
  ...(extended !== undefined ? { extended } : {}),
});

describe('encodeCommandApdu, hand-written encodings of each case', () => {
  test.each([
    ['case 1', cmd('', 0), '00B00102', '1'],
    ['case 2S, Le 01', cmd('', 1), '00B0010201', '2S'],
    ['case 2S, Le 256 as 00', cmd('', 256), '00B0010200', '2S'],
    ['case 3S', cmd('AABB', 0), '00B0010202AABB', '3S'],
    ['case 4S, Le 256 as 00', cmd('AABB', 256), '00B0010202AABB00', '4S'],
    ['case 2E, Le 257', cmd('', 257), '00B00102000101', '2E'],
    ['case 2E, Le 65536 as 0000', cmd('', 65536), '00B00102000000', '2E'],
    ['case 2E forced, Le 5', cmd('', 5, true), '00B00102000005', '2E'],
    ['case 3E forced', cmd('AA', 0, true), '00B0010200' + '0001AA', '3E'],
    ['case 4E, Le 65536', cmd('AA', 65536), '00B0010200' + '0001AA0000', '4E'],
  ])('%s', (_name, c, bytes, apduCaseName) => {
    expect(toHex(encodeCommandApdu(c))).toBe(bytes);
    expect(apduCase(c)).toBe(apduCaseName);
  });

  test('256 bytes of data need extended Lc 0100', () => {
    const data = new Uint8Array(256).fill(0x11);
    const b = encodeCommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data, ne: 0 });
    expect(toHex(b.subarray(0, 7))).toBe('00D60000000100');
    expect(b.length).toBe(7 + 256);
  });

  test('extended: false does not stop the extended form when the lengths need it', () => {
    expect(toHex(encodeCommandApdu(cmd('', 300, false)))).toBe('00B0010200012C');
  });

  test('fields out of range are RangeErrors', () => {
    expect(() => encodeCommandApdu({ ...cmd('', 0), p1: 256 })).toThrow(RangeError);
    expect(() => encodeCommandApdu(cmd('', 65537))).toThrow(RangeError);
    expect(() => encodeCommandApdu({ ...cmd('', 0), data: new Uint8Array(65536) })).toThrow(RangeError);
  });
});

describe('decodeCommandApdu', () => {
  test('the D.4 SELECT EF.COM is case 3S', () => {
    expect(decodeCommandApdu(hex('00A4020C02011E'))).toEqual({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: hex('011E'), ne: 0, extended: false });
  });
  test('a protected SELECT with Le 00 is case 4S with Ne 256', () => {
    const c = decodeCommandApdu(hex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800'));
    expect(c.data.length).toBe(0x15);
    expect(c.ne).toBe(256);
  });
  test.each([
    ['3 bytes', '00B000', 3],
    ['Lc larger than the data', '00D6000005AABB', 4],
    ['Lc smaller than the data by 2', '00D6000001AABBCC', 4],
    ['extended marker then one byte', '00B000000005', 5],
    ['extended Lc 0000 with data', '00D60000000000AA', 5],
    ['extended Lc too large', '00D6000000000AAABB', 5],
  ])('%s is an ApduFormatError with the offset', (_n, bytes, offset) => {
    let error: unknown;
    try {
      decodeCommandApdu(hex(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApduFormatError);
    expect((error as ApduFormatError).offset).toBe(offset);
  });
});

const arbCommand: fc.Arbitrary<CommandApdu> = fc
  .record({
    cla: fc.integer({ min: 0, max: 255 }),
    ins: fc.integer({ min: 0, max: 255 }),
    p1: fc.integer({ min: 0, max: 255 }),
    p2: fc.integer({ min: 0, max: 255 }),
    data: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 1, maxLength: 255 }), fc.uint8Array({ minLength: 256, maxLength: 700 })),
    ne: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 256 }), fc.integer({ min: 257, max: 65536 }), fc.constant(65536)),
    extended: fc.boolean(),
  })
  .map((c) => (c.data.length === 0 && c.ne === 0 ? { ...c, extended: false } : c));

describe('round trip properties', () => {
  test('decode(encode(c)) gives c back, extended exactly when forced or needed', () => {
    fc.assert(
      fc.property(arbCommand, (c) => {
        const forced = c.extended || c.data.length > 255 || c.ne > 256;
        const d = decodeCommandApdu(encodeCommandApdu(c));
        expect(d.cla).toBe(c.cla);
        expect(d.ins).toBe(c.ins);
        expect(d.p1).toBe(c.p1);
        expect(d.p2).toBe(c.p2);
        expect(d.data).toEqual(c.data);
        expect(d.ne).toBe(c.ne);
        if (c.data.length > 0 || c.ne > 0) expect(d.extended).toBe(forced);
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes decode to an APDU that re-encodes to the same bytes, or to an ApduFormatError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ maxLength: 300 })), (bytes) => {
        let decoded: CommandApdu;
        try {
          decoded = decodeCommandApdu(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ApduFormatError);
          return;
        }
        expect(encodeCommandApdu(decoded)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  test('well-formed extended APDUs built by hand always decode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.integer({ min: 0, max: 0xffff }), (data, le) => {
        const bytes = Uint8Array.from([0x00, 0xd6, 0, 0, 0x00, data.length >> 8, data.length & 0xff, ...data, le >> 8, le & 0xff]);
        const d = decodeCommandApdu(bytes);
        expect(d.data).toEqual(data);
        expect(d.ne).toBe(le === 0 ? 65536 : le);
      }),
    );
  });
});

describe('response APDUs', () => {
  test('data and status word', () => {
    expect(decodeResponseApdu(hex('60145F019000'))).toEqual({ data: hex('60145F01'), sw: 0x9000 });
    expect(toHex(encodeResponseApdu(hex('AB'), 0x6a82))).toBe('AB6A82');
  });
  test('fewer than two bytes is an ApduFormatError', () => {
    expect(() => decodeResponseApdu(hex('90'))).toThrow(ApduFormatError);
    expect(() => decodeResponseApdu(new Uint8Array(0))).toThrow(ApduFormatError);
  });
});
