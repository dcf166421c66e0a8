import fc from 'fast-check';
import {
  TlvError,
  children,
  encodeLength,
  encodeTag,
  encodeTlv,
  readSingleTlv,
  readTlv,
  readTlvs,
  type Tlv,
} from '../../../src/identity/lds/tlv';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** A well-formed tag of 1 to 3 bytes: the number and its bytes. */
const arbTag = fc.oneof(
  fc.integer({ min: 0, max: 255 }).filter((b) => (b & 0x1f) !== 0x1f),
  fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 0x7f })).map(([cls, n]) => (((cls << 5) | 0x1f) << 8) | n),
  fc
    .tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0x7f }))
    .map(([cls, mid, last]) => (((((cls << 5) | 0x1f) << 8) | mid) << 8) | last),
);

function decodeTree(t: Tlv, depth = 0): void {
  if (t.constructed && depth < 20) for (const c of children(t)) decodeTree(c, depth + 1);
}

describe('BER-TLV decoding', () => {
  test('reads one- and two-byte tags and short, 81 and 82 lengths (hand-encoded)', () => {
    const dg1 = readSingleTlv(hex('61 05 5F1F 02 4142'));
    expect(dg1.tag).toBe(0x61);
    expect(dg1.constructed).toBe(true);
    const [mrz] = children(dg1);
    expect(mrz!.tag).toBe(0x5f1f);
    expect(mrz!.offset).toBe(2);
    expect(toHex(mrz!.value)).toBe('4142');

    const long81 = readSingleTlv(hex('04 81 80' + '00'.repeat(128)));
    expect(long81.value.length).toBe(128);
    expect(long81.valueOffset).toBe(3);
    const long82 = readSingleTlv(hex('7F61 82 0100' + 'AA'.repeat(256)));
    expect(long82.tag).toBe(0x7f61);
    expect(long82.value.length).toBe(256);
    expect(long82.valueOffset).toBe(5);
    const long83 = readSingleTlv(hex('04 83 010000' + '00'.repeat(65536)));
    expect(long83.value.length).toBe(65536);
  });

  test('reads a three-byte tag', () => {
    const t = readSingleTlv(hex('5F8101 01 FF'));
    expect(t.tag).toBe(0x5f8101);
    expect(t.value).toEqual(Uint8Array.of(0xff));
  });

  test.each([
    ['empty input', '', 'empty', 0],
    ['tag cut after the first byte', '5F', 'truncated-tag', 1],
    ['no length byte', '61', 'truncated-length', 1],
    ['long length cut', '61 82 01', 'truncated-length', 1],
    ['value shorter than its length', '61 05 0102', 'truncated-value', 1],
    ['overlong 81 length', '04 81 FF 00', 'truncated-value', 1],
    ['indefinite length', '30 80 0000', 'indefinite-length', 1],
    ['length of five bytes', '04 85 0000000001 00', 'length-too-long', 1],
    ['tag of four bytes', '5F 81 81 01 00', 'tag-too-long', 0],
    ['bytes after the TLV', '04 01 00 FF', 'trailing-bytes', 3],
  ])('%s (%s) -> TlvError %s at offset %d', (_what, input, reason, offset) => {
    let err: unknown;
    try {
      readSingleTlv(hex(input));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TlvError);
    expect((err as TlvError).reason).toBe(reason);
    expect((err as TlvError).offset).toBe(offset);
  });

  test('errors inside nested values carry the absolute offset', () => {
    // 30 07 { 04 02 0102, 04 05 01 }: the second element claims 5 bytes, 1 remains; its length byte is at 7.
    const outer = readSingleTlv(hex('30 07 04 02 0102 04 05 01'));
    expect(() => children(outer)).toThrow(TlvError);
    try {
      children(outer);
    } catch (e) {
      expect((e as TlvError).offset).toBe(7);
    }
  });

  test('a child never reads past its parent, even when the buffer continues', () => {
    // Parent 30 03 holds 04 05 ... : the child would fit in the buffer but not in the parent.
    const bytes = hex('30 03 04 05 00 0000000000');
    const parent = readTlv(bytes, 0);
    expect(() => children(parent)).toThrow(TlvError);
  });

  test('random bytes never throw anything but TlvError (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          for (const t of readTlvs(bytes)) decodeTree(t);
        } catch (e) {
          if (!(e instanceof TlvError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('structured-looking random input (constructed tags, long lengths) too (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(0x30, 0x31, 0x61, 0x7f, 0x5f, 0x81, 0x82, 0x83, 0x84, 0x80, 0xa0, 0x04),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 48 }), (arr) => {
        try {
          for (const t of readTlvs(Uint8Array.from(arr))) decodeTree(t);
        } catch (e) {
          if (!(e instanceof TlvError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('BER-TLV encoding', () => {
  test('lengths: short form, then 81, 82, 83 (X.690 8.1.3)', () => {
    expect(toHex(encodeLength(0))).toBe('00');
    expect(toHex(encodeLength(0x7f))).toBe('7F');
    expect(toHex(encodeLength(0x80))).toBe('8180');
    expect(toHex(encodeLength(0xff))).toBe('81FF');
    expect(toHex(encodeLength(0x100))).toBe('820100');
    expect(toHex(encodeLength(0xffff))).toBe('82FFFF');
    expect(toHex(encodeLength(0x10000))).toBe('83010000');
  });

  test('tags: 61, 5F1F, 7F61; malformed tag numbers are refused', () => {
    expect(toHex(encodeTag(0x61))).toBe('61');
    expect(toHex(encodeTag(0x5f1f))).toBe('5F1F');
    expect(toHex(encodeTag(0x7f61))).toBe('7F61');
    expect(() => encodeTag(0x1f)).toThrow(RangeError); // announces a second byte that is not there
    expect(() => encodeTag(0x6161)).toThrow(RangeError); // two bytes without the 1F marker
    expect(() => encodeTag(0x5f8f)).toThrow(RangeError); // last byte has bit 8 set
  });

  test('DG1 header for TD1 is 61 5D 5F1F 5A', () => {
    const dg1 = encodeTlv(0x61, encodeTlv(0x5f1f, new Uint8Array(90)));
    expect(toHex(dg1.subarray(0, 5))).toBe('615D5F1F5A');
  });

  test('encode/decode round trip (property)', () => {
    fc.assert(
      fc.property(arbTag, fc.uint8Array({ maxLength: 600 }), (tag, value) => {
        const encoded = encodeTlv(tag, value);
        const t = readSingleTlv(encoded);
        expect(t.tag).toBe(tag);
        expect(Buffer.from(t.value).equals(Buffer.from(value))).toBe(true);
        expect(t.end).toBe(encoded.length);
      }),
      { numRuns: 500 },
    );
  });

  test('nested round trip keeps every child (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbTag, fc.uint8Array({ maxLength: 200 })), { maxLength: 8 }), (items) => {
        const outer = encodeTlv(0x7f61, items.map(([t, v]) => encodeTlv(t, v)));
        const kids = children(readSingleTlv(outer));
        expect(kids.map((k) => k.tag)).toEqual(items.map(([t]) => t));
        kids.forEach((k, i) => expect(Buffer.from(k.value).equals(Buffer.from(items[i]![1]))).toBe(true));
      }),
      { numRuns: 300 },
    );
  });
});
