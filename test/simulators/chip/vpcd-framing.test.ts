/** vpcd framing: length-prefixed messages reassembled from reads split anywhere. */
import fc from 'fast-check';
import { VPCD_CONTROL, VpcdFrameDecoder, encodeVpcdFrame, type VpcdMessage } from '../../../src/simulators/chip/vpcd-framing';

const frame = (payload: readonly number[]): Buffer => {
  const b = Buffer.alloc(2 + payload.length);
  b.writeUInt16BE(payload.length, 0);
  Buffer.from(payload).copy(b, 2);
  return b;
};

describe('encodeVpcdFrame', () => {
  test('2-byte big-endian length, then the payload', () => {
    expect(encodeVpcdFrame(Uint8Array.of(0x90, 0x00))).toEqual(Buffer.from([0x00, 0x02, 0x90, 0x00]));
    expect(encodeVpcdFrame(new Uint8Array(300)).subarray(0, 2)).toEqual(Buffer.from([0x01, 0x2c]));
  });

  test('refuses what a 2-byte length cannot announce', () => {
    expect(() => encodeVpcdFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });
});

describe('VpcdFrameDecoder', () => {
  test('1-byte messages are control codes, longer ones APDUs', () => {
    const d = new VpcdFrameDecoder();
    const msgs = d.push(Buffer.concat([frame([VPCD_CONTROL.GET_ATR]), frame([0x00, 0xa4, 0x04, 0x0c]), frame([VPCD_CONTROL.POWER_OFF])]));
    expect(msgs).toEqual([
      { kind: 'control', code: 4 },
      { kind: 'apdu', apdu: Uint8Array.of(0x00, 0xa4, 0x04, 0x0c) },
      { kind: 'control', code: 0 },
    ]);
    expect(d.buffered).toBe(0);
  });

  test('a header split over two reads, and a body arriving byte by byte', () => {
    const d = new VpcdFrameDecoder();
    const bytes = frame([0x00, 0xb0, 0x00, 0x00, 0x05]);
    const out: VpcdMessage[] = [];
    for (const b of bytes) out.push(...d.push(Uint8Array.of(b)));
    expect(out).toEqual([{ kind: 'apdu', apdu: Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x05) }]);
  });

  test('a zero-length message is skipped', () => {
    expect(new VpcdFrameDecoder().push(Buffer.concat([frame([]), frame([1])]))).toEqual([{ kind: 'control', code: 1 }]);
  });

  test('any split of any message sequence yields the same messages', () => {
    const payload = fc.oneof(fc.constantFrom([0], [1], [2], [4]), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 300 }));
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 30 }), (payloads, cuts) => {
        const stream = Buffer.concat(payloads.map(frame));
        const d = new VpcdFrameDecoder();
        const got: VpcdMessage[] = [];
        let at = 0;
        for (let i = 0; at < stream.length; i++) {
          const n = cuts[i % cuts.length]!;
          got.push(...d.push(stream.subarray(at, at + n)));
          at += n;
        }
        const expected = payloads.map((p): VpcdMessage => (p.length === 1 ? { kind: 'control', code: p[0]! } : { kind: 'apdu', apdu: Uint8Array.from(p) }));
        expect(got).toEqual(expected);
        expect(d.buffered).toBe(0);
      }),
    );
  });
});
