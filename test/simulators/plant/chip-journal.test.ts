/**
 * The chip journal: every change to a chip's memory becomes a row, and replaying the rows onto a fresh chip of the
 * same seed and faults gives the same chip, whatever commands were sent (including refused, failed and torn ones).
 */
import fc from 'fast-check';
import { encodeCommandApdu } from '../../../src/devices/chip/apdu';
import {
  createFile,
  lockApplication,
  putDataAaPrivateKey,
  putDataBacKeys,
  selectApplication,
  selectEf,
  updateBinary,
} from '../../../src/devices/chip/emrtd-commands';
import type { ChipMutation } from '../../../src/simulators/chip/chip-mutation';
import type { ChipFault } from '../../../src/simulators/chip/faults';
import { VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { journalMutation, journalRow } from '../../../src/simulators/plant/chip-journal';
import { testAaKey } from '../line/line-fixtures';

type Op =
  | { op: 'create'; fid: number; size: number }
  | { op: 'write'; fid: number; offset: number; length: number; byte: number }
  | { op: 'bac' }
  | { op: 'aa' }
  | { op: 'lock' };

const FIDS = [0x0101, 0x0102, 0x011e];
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), fid: fc.constantFrom(...FIDS), size: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ op: fc.constant('write' as const), fid: fc.constantFrom(...FIDS), offset: fc.integer({ min: 0, max: 500 }), length: fc.integer({ min: 1, max: 200 }), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.constant({ op: 'bac' as const }),
  fc.constant({ op: 'aa' as const }),
  fc.constant({ op: 'lock' as const }),
);
const fault: fc.Arbitrary<ChipFault[]> = fc.oneof(
  fc.constant<ChipFault[]>([]),
  fc.integer({ min: 0, max: 900 }).map((atByte) => [{ kind: 'write-failure' as const, atByte }]),
  fc.integer({ min: 0, max: 900 }).map((atByte) => [{ kind: 'tearing' as const, atByte }]),
);

function send(chip: VirtualChip, o: Op): void {
  const apdus =
    o.op === 'create'
      ? [createFile(o.fid, o.size)]
      : o.op === 'write'
        ? [selectEf(o.fid), updateBinary(o.offset, new Uint8Array(o.length).fill(o.byte))]
        : o.op === 'bac'
          ? [putDataBacKeys({ documentNumber: '123456789', dateOfBirth: '900101', dateOfExpiry: '300101' })]
          : o.op === 'aa'
            ? [putDataAaPrivateKey(testAaKey())]
            : [lockApplication()];
  for (const apdu of apdus) {
    try {
      chip.process(encodeCommandApdu(apdu));
    } catch {
      // Torn: the card left the field. Put it back, as a plant reader re-seating it would.
      chip.enterField();
      chip.powerOn();
      chip.process(encodeCommandApdu(selectApplication()));
    }
  }
}

/** What survives a power cycle, comparable with toEqual. */
function memory(chip: VirtualChip) {
  const s = chip.inspect();
  return { uid: s.uid, locked: s.locked, files: s.files, bac: s.bacKeyInput, aa: s.aaPublicKeySpki, bytesWritten: s.bytesWritten, eepromUsed: s.eepromUsed };
}

test('replaying the journal rows of any command sequence rebuilds the same chip, faults included', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 25 }), fault, (ops, faults) => {
      const chip = new VirtualChip({ seed: 'journal', faults });
      const rows: ReturnType<typeof journalRow>[] = [];
      chip.onMutation((m) => rows.push(journalRow(m)));
      chip.powerOn();
      chip.process(encodeCommandApdu(selectApplication()));
      for (const o of ops) send(chip, o);
      const copy = new VirtualChip({ seed: 'journal', faults });
      for (const row of rows) copy.applyMutation(journalMutation(row));
      expect(memory(copy)).toEqual(memory(chip));
      // A fault that fired is not fired again by the copy: writing the same bytes again behaves the same on both.
      for (const c of [chip, copy]) {
        c.enterField();
        c.powerOn();
        c.process(encodeCommandApdu(selectApplication()));
      }
      const again: Op = { op: 'write', fid: 0x0101, offset: 0, length: 50, byte: 9 };
      send(chip, again);
      send(copy, again);
      expect(memory(copy)).toEqual(memory(chip));
    }),
    { numRuns: 150 },
  );
});

test('a torn write journals the bytes that reached the chip, then the tear', () => {
  const chip = new VirtualChip({ seed: 't', faults: [{ kind: 'tearing', atByte: 30 }] });
  const seen: ChipMutation[] = [];
  chip.onMutation((m) => seen.push(m));
  chip.powerOn();
  chip.process(encodeCommandApdu(selectApplication()));
  chip.process(encodeCommandApdu(createFile(0x0101, 100)));
  expect(() => chip.process(encodeCommandApdu(updateBinary(0, new Uint8Array(64).fill(5))))).toThrow();
  expect(seen.map((m) => m.op)).toEqual(['create', 'write', 'torn']);
  expect(seen[1]).toMatchObject({ op: 'write', fid: 0x0101, offset: 0, data: new Uint8Array(30).fill(5) });
  expect(() => journalMutation({ op: 'erase', a: null, b: null, data: null })).toThrow('chip journal: unknown operation "erase"');
});
