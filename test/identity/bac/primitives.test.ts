/** DES parity, ISO/IEC 9797-1 padding method 2, BER lengths, and secure messaging round trips. */
import fc from 'fast-check';
import {
  SecureMessagingSession,
  adjustDesParity,
  bytesToHex,
  encodeBerLength,
  hexToBytes,
  padIso9797Method2,
  protectCommand,
  protectResponse,
  unpadIso9797Method2,
  unprotectCommand,
  unprotectResponse,
  type CommandFields,
} from '../../../src/identity/bac';

const popcount = (b: number) => [...b.toString(2)].filter((c) => c === '1').length;

describe('adjustDesParity', () => {
  test('hand-checked bytes', () => {
    expect(bytesToHex(adjustDesParity(Uint8Array.of(0x00, 0x01, 0x03, 0x80, 0xfe, 0xff)))).toBe('01010280FEFE');
  });
  test('every byte gets odd parity and only bit 0 changes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 24 }), (key) => {
        const out = adjustDesParity(key);
        out.forEach((b, i) => {
          expect(popcount(b) % 2).toBe(1);
          expect(b & 0xfe).toBe(key[i]! & 0xfe);
        });
      }),
    );
  });
});

describe('ISO/IEC 9797-1 padding method 2', () => {
  test('hand-derived paddings', () => {
    expect(bytesToHex(padIso9797Method2(new Uint8Array(0)))).toBe('8000000000000000');
    expect(bytesToHex(padIso9797Method2(hexToBytes('01020304050607')))).toBe('0102030405060780');
    expect(bytesToHex(padIso9797Method2(hexToBytes('0102030405060708')))).toBe('01020304050607088000000000000000');
  });
  test('unpad inverts pad', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        expect(unpadIso9797Method2(padIso9797Method2(data))).toEqual(data);
      }),
    );
  });
  test('wrong padding is a typed bad-padding error', () => {
    for (const bad of ['0102030405060700', '0102030405060781', '8000000000000000' + '0000000000000000', '010203', '']) {
      expect(() => unpadIso9797Method2(hexToBytes(bad))).toThrow(expect.objectContaining({ name: 'SecureMessagingError', failure: 'bad-padding' }));
    }
  });
});

describe('BER lengths', () => {
  test('short, 81 and 82 forms', () => {
    expect(bytesToHex(encodeBerLength(0x7f))).toBe('7F');
    expect(bytesToHex(encodeBerLength(0x80))).toBe('8180');
    expect(bytesToHex(encodeBerLength(0xff))).toBe('81FF');
    expect(bytesToHex(encodeBerLength(0x100))).toBe('820100');
    expect(bytesToHex(encodeBerLength(0xffff))).toBe('82FFFF');
  });
});

const key16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const ssc = fc.uint8Array({ minLength: 8, maxLength: 8 });
const command: fc.Arbitrary<CommandFields> = fc.record({
  cla: fc.integer({ min: 0, max: 0xff }).map((c) => c & ~0x0c & 0xff),
  ins: fc.integer({ min: 0, max: 0xff }),
  p1: fc.integer({ min: 0, max: 0xff }),
  p2: fc.integer({ min: 0, max: 0xff }),
  data: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1000, maxLength: 1100 })),
  ne: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 256 }), fc.integer({ min: 257, max: 65536 })),
});

describe('secure messaging round trips (terminal <-> chip share keys and SSC)', () => {
  test('protect then unprotect a command gives the command back, and the sides stay in step', () => {
    fc.assert(
      fc.property(key16, key16, ssc, command, fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 0, max: 0xffff }), (enc, mac, s0, cmd, data, sw) => {
        const terminal = new SecureMessagingSession({ enc, mac }, s0);
        const chip = new SecureMessagingSession({ enc, mac }, s0);
        const wire = protectCommand(terminal, cmd);
        expect(wire.cla & 0x0c).toBe(0x0c);
        expect(wire.extended).toBe(wire.data.length > 255 || cmd.ne > 256 || (cmd.ne > 231 && cmd.ne < 256));
        const plain = unprotectCommand(chip, wire);
        expect(plain).toEqual({ cla: cmd.cla, ins: cmd.ins, p1: cmd.p1, p2: cmd.p2, data: cmd.data, ne: cmd.ne });
        expect(unprotectResponse(terminal, protectResponse(chip, data, sw))).toEqual({ data, sw });
        expect(terminal.ssc).toEqual(chip.ssc);
      }),
      { numRuns: 60 },
    );
  });

  test('any single flipped bit in a protected response is detected', () => {
    fc.assert(
      fc.property(key16, key16, ssc, fc.uint8Array({ maxLength: 40 }), fc.nat(), (enc, mac, s0, data, bitSeed) => {
        const wire = protectResponse(new SecureMessagingSession({ enc, mac }, s0), data, 0x9000);
        const bit = bitSeed % ((wire.length - 2) * 8);
        const bad = Uint8Array.from(wire);
        bad[bit >> 3] = bad[bit >> 3]! ^ (1 << (bit & 7));
        expect(() => unprotectResponse(new SecureMessagingSession({ enc, mac }, s0), bad)).toThrow(
          expect.objectContaining({ name: 'SecureMessagingError' }),
        );
      }),
      { numRuns: 100 },
    );
  });

  test('the SSC wraps from FFFFFFFFFFFFFFFF to 0000000000000000', () => {
    const s = new SecureMessagingSession({ enc: new Uint8Array(16), mac: new Uint8Array(16) }, hexToBytes('FFFFFFFFFFFFFFFF'));
    expect(bytesToHex(s.nextSsc())).toBe('0000000000000000');
  });
});
