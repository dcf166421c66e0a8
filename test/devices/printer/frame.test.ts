/** Command frames: the bytes on the wire, and what the framing refuses to carry. */
import { commandLabel, encodeCommand, encodeReply } from '../../../src/devices/printer/frame';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

test('ESC, the text with ;-separated parameters, CR', () => {
  expect(Array.from(encodeCommand('Rlr', ['p']))).toEqual([0x1b, 0x52, 0x6c, 0x72, 0x3b, 0x70, 0x0d]);
  expect(text(encodeCommand('Sis'))).toBe('\x1bSis\r');
  expect(text(encodeCommand('Pem', ['2']))).toBe('\x1bPem;2\r');
});

test('a download puts the data length before the data, so CR bytes inside are data', () => {
  const data = Uint8Array.of(0x0d, 0x1b, 0x00, 0x0d);
  expect(text(encodeCommand('Db', ['y', 'raw'], data))).toBe('\x1bDb;y;raw;4;\r\x1b\x00\r\r');
  expect(commandLabel('Db', ['y', 'raw'], data)).toBe('Db;y;raw;4');
});

test('the framing refuses what it cannot carry', () => {
  expect(() => encodeCommand('Rlr', ['a;b'])).toThrow(RangeError);
  expect(() => encodeCommand('Rlr', ['\r'])).toThrow(RangeError);
  expect(() => encodeCommand('R lr')).toThrow(RangeError);
  expect(() => encodeCommand('Db', ['y', 'raw'])).toThrow(/needs binary data/);
  expect(() => encodeCommand('Sis', [], Uint8Array.of(1))).toThrow(/takes no binary data/);
  expect(() => encodeCommand('Db', ['y'], Uint8Array.of(1))).toThrow(/takes 2 parameters/);
  expect(() => encodeCommand('Db', ['y', 'raw'], new Uint8Array(4 * 1024 * 1024 + 1))).toThrow(/limit/);
  expect(() => encodeCommand('Rlr', ['x'.repeat(600)])).toThrow(/over 512/);
});

test('a reply is its text and CR', () => {
  expect(text(encodeReply('SMART CARD'))).toBe('SMART CARD\r');
});
