/** Reading whole TLV files: length from the first bytes, the rest in chunks, typed errors for bad content. */
import { createCardChannel, type CardChannel } from '../../../src/devices/chip/card-channel';
import { ChipDataError, ChipStatusError } from '../../../src/devices/chip/errors';
import { readTlvFile } from '../../../src/devices/chip/read-file';
import { encodeCommandApdu } from '../../../src/devices/chip/apdu';
import { createFile, selectApplication, selectEf, updateBinary } from '../../../src/devices/chip/emrtd-commands';
import { VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { ApduCounter } from '../../../src/devices/chip/apdu-trace';
import { fakeTlv } from './helpers';

/** An unlocked virtual chip holding `content` in file 0101, and a plain channel to it with a counter. */
function chipWithFile(content: Uint8Array, size = content.length): { ch: CardChannel; counter: ApduCounter } {
  const chip = new VirtualChip({ seed: 'read-file' });
  chip.powerOn();
  const run = (c: Parameters<typeof encodeCommandApdu>[0]) => chip.process(encodeCommandApdu(c));
  run(selectApplication());
  run(createFile(0x0101, size));
  run(selectEf(0x0101));
  for (let at = 0; at < content.length; at += 255) run(updateBinary(at, content.subarray(at, at + 255)));
  const counter = new ApduCounter();
  return { ch: createCardChannel((a) => chip.process(a), { trace: counter }), counter };
}

test('a 3000-byte file (82 length form) is read in 5 + 223-byte chunks', async () => {
  const content = fakeTlv(0x75, 2996);
  expect(content.length).toBe(3000);
  const { ch, counter } = chipWithFile(content);
  expect(await readTlvFile(ch, 0x0101, { expectedTag: 0x75 })).toEqual(content);
  expect(counter.byInstruction.get('B0')).toBe(1 + Math.ceil(2995 / 223));
});

test('larger reads with extended length take fewer commands', async () => {
  const content = fakeTlv(0x75, 2996);
  const { ch, counter } = chipWithFile(content);
  expect(await readTlvFile(ch, 0x0101, { maxRead: 1000 })).toEqual(content);
  expect(counter.byInstruction.get('B0')).toBe(1 + 3);
});

test('a two-byte tag and a tiny file', async () => {
  const content = Uint8Array.of(0x5f, 0x1f, 0x02, 0x41, 0x42);
  const { ch } = chipWithFile(content);
  expect(await readTlvFile(ch, 0x0101)).toEqual(content);
});

test('the wrong outer tag is a ChipDataError naming the file', async () => {
  const { ch } = chipWithFile(fakeTlv(0x99, 10));
  await expect(readTlvFile(ch, 0x0101, { expectedTag: 0x61, name: 'DG1' })).rejects.toThrow(ChipDataError);
  await expect(readTlvFile(ch, 0x0101, { expectedTag: 0x61, name: 'DG1' })).rejects.toThrow(/DG1: starts with tag 99, expected 61/);
});

test('a TLV longer than its file ends in a typed error, not a hang', async () => {
  const content = Uint8Array.of(0x61, 0x20, 1, 2, 3, 4, 5, 6);
  const { ch } = chipWithFile(content);
  await expect(readTlvFile(ch, 0x0101)).rejects.toBeInstanceOf(ChipStatusError); // 6B00 at offset 8
});

test('an invalid length byte is a ChipDataError', async () => {
  const { ch } = chipWithFile(Uint8Array.of(0x61, 0x85, 1, 2, 3, 4, 5, 6));
  await expect(readTlvFile(ch, 0x0101)).rejects.toThrow(/invalid length byte/);
});

test('a missing file is a ChipStatusError 6A82', async () => {
  const { ch } = chipWithFile(fakeTlv(0x61, 4));
  await expect(readTlvFile(ch, 0x0102)).rejects.toMatchObject({ sw: 0x6a82 });
});
