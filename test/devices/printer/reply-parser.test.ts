/** The reply parser on hand-made byte streams: one item per CR, whatever the chunking; bad lines carry their bytes. */
import { PrinterProtocolError } from '../../../src/devices/printer/errors';
import { type ReplyItem, ReplyParser } from '../../../src/devices/printer/reply-parser';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function texts(items: ReplyItem[]): string[] {
  return items.map((i) => (i.kind === 'reply' ? i.text : `!${i.error.reason}`));
}

test('replies end at CR; chunks may split a reply or hold several', () => {
  const p = new ReplyParser();
  expect(p.push(bytes('O'))).toEqual([]);
  expect(p.pendingBytes).toBe(1);
  expect(texts(p.push(bytes('K\rSMART CA')))).toEqual(['OK']);
  expect(texts(p.push(bytes('RD\rERR;F;FEEDER EMPTY\r1245\r')))).toEqual(['SMART CARD', 'ERR;F;FEEDER EMPTY', '1245']);
  expect(p.pendingBytes).toBe(0);
});

test('one LF right after a CR is dropped; an LF anywhere else is a stray byte', () => {
  const p = new ReplyParser();
  expect(texts(p.push(bytes('OK\r\nCARD\r')))).toEqual(['OK', 'CARD']);
  // The LF may come in the next chunk.
  expect(texts(p.push(bytes('\nOK\r')))).toEqual(['OK']);
  const [item] = p.push(bytes('O\nK\r'));
  expect(item?.kind).toBe('error');
});

test('a non-ASCII byte makes the whole line a protocol error carrying its raw bytes', () => {
  const p = new ReplyParser();
  const [bad, good] = p.push(Uint8Array.from([0xcf, 0x4b, 0x0d, 0x4f, 0x4b, 0x0d]));
  expect(bad?.kind).toBe('error');
  const error = (bad as { error: PrinterProtocolError }).error;
  expect(error).toBeInstanceOf(PrinterProtocolError);
  expect(Array.from(error.raw)).toEqual([0xcf, 0x4b, 0x0d]);
  expect(error.reason).toBe('reply is not ASCII text: byte 0xcf at offset 0 is not printable ASCII');
  expect(error.message).toContain('raw bytes "\\xcfK\\r"');
  expect(good).toEqual({ kind: 'reply', text: 'OK' });
});

test('control bytes (ESC, NUL, TAB) inside a reply are rejected too', () => {
  for (const b of [0x1b, 0x00, 0x09, 0x7f]) {
    const [item] = new ReplyParser().push(Uint8Array.from([0x41, b, 0x42, 0x0d]));
    expect(item?.kind).toBe('error');
  }
});

test('an over-long line is one error, its stored bytes bounded, and the parser goes on', () => {
  const p = new ReplyParser(16);
  const items = p.push(new Uint8Array(10_000).fill(0x41));
  expect(items).toEqual([]);
  expect(p.pendingBytes).toBe(10_000);
  const [long, next] = p.push(bytes('\rOK\r'));
  expect(long?.kind).toBe('error');
  const error = (long as { error: PrinterProtocolError }).error;
  expect(error.reason).toBe('reply of 10000 bytes is longer than the 16-byte limit');
  expect(error.raw.length).toBe(18); // 17 kept bytes and the CR
  expect(next).toEqual({ kind: 'reply', text: 'OK' });
});

test('a line of exactly the limit is a reply', () => {
  const [item] = new ReplyParser(4).push(bytes('ABCD\r'));
  expect(item).toEqual({ kind: 'reply', text: 'ABCD' });
});

test('an empty line (CR alone) is a protocol error', () => {
  const [item] = new ReplyParser().push(bytes('\r'));
  expect(item?.kind === 'error' && item.error.reason).toBe('empty reply');
});

test('reset drops an unfinished line', () => {
  const p = new ReplyParser();
  p.push(bytes('GARB'));
  p.reset();
  expect(texts(p.push(bytes('OK\r')))).toEqual(['OK']);
});
