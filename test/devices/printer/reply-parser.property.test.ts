/**
 * Property tests of the reply parser: any bytes, cut anywhere, give only well-formed replies or typed protocol
 * errors, never another exception, one item per CR, and the same items however the stream is cut.
 */
import fc from 'fast-check';
import { PrinterProtocolError } from '../../../src/devices/printer/errors';
import { encodeReply } from '../../../src/devices/printer/frame';
import { type ReplyItem, ReplyParser } from '../../../src/devices/printer/reply-parser';

const MAX = 64;

/** Splits `bytes` at the given cut points. */
function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(at, p));
    at = p;
  }
  chunks.push(bytes.subarray(at));
  return chunks;
}

function parseAll(chunks: Uint8Array[]): ReplyItem[] {
  const parser = new ReplyParser(MAX);
  return chunks.flatMap((c) => parser.push(c));
}

/** Bytes biased towards the interesting ones: CR, LF, ESC, high bytes, printable text. */
const streamByte = fc.oneof(fc.constantFrom(0x0d, 0x0a, 0x1b, 0x00, 0xff, 0x80), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 255 }));
const stream = fc.array(streamByte, { maxLength: 800 }).map((a) => Uint8Array.from(a));

test('any bytes cut anywhere: only valid replies or PrinterProtocolErrors, one per CR (LF after CR excepted)', () => {
  fc.assert(
    fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
      const items = parseAll(cut(bytes, cuts));
      let lines = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0d) lines++;
      expect(items.length).toBe(lines);
      for (const item of items) {
        if (item.kind === 'reply') {
          expect(item.text.length).toBeGreaterThan(0);
          expect(item.text.length).toBeLessThanOrEqual(MAX);
          expect(/^[\x20-\x7e]+$/.test(item.text)).toBe(true);
        } else {
          expect(item.error).toBeInstanceOf(PrinterProtocolError);
          expect(item.error.raw[item.error.raw.length - 1]).toBe(0x0d);
          expect(item.error.raw.length).toBeLessThanOrEqual(MAX + 2);
        }
      }
    }),
    { numRuns: 500 },
  );
});

test('the items do not depend on how the stream is cut', () => {
  fc.assert(
    fc.property(stream, fc.array(fc.nat(), { maxLength: 30 }), (bytes, cuts) => {
      const whole = parseAll([bytes]);
      const pieces = parseAll(cut(bytes, cuts));
      const oneByOne = parseAll(Array.from(bytes, (b) => Uint8Array.of(b)));
      const view = (items: ReplyItem[]) => items.map((i) => (i.kind === 'reply' ? i.text : Array.from(i.error.raw)));
      expect(view(pieces)).toEqual(view(whole));
      expect(view(oneByOne)).toEqual(view(whole));
    }),
    { numRuns: 300 },
  );
});

test('valid replies, concatenated and cut anywhere, come back exactly', () => {
  const replyText = fc.stringMatching(/^[\x20-\x7e]{1,64}$/);
  fc.assert(
    fc.property(fc.array(replyText, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 20 }), (texts, cuts) => {
      const bytes = Uint8Array.from(texts.flatMap((t) => Array.from(encodeReply(t))));
      expect(parseAll(cut(bytes, cuts))).toEqual(texts.map((text) => ({ kind: 'reply', text })));
    }),
  );
});
