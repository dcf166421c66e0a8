/** JMRTD-style personalization onto the virtual chip, and every fault as its typed error. */
import fc from 'fast-check';
import { createCardChannel } from '../../../src/devices/chip/card-channel';
import {
  ChipAlreadyPersonalizedError,
  ChipTimeoutError,
  ChipTornError,
  ChipWriteError,
  NoAtrError,
  NoCardError,
} from '../../../src/devices/chip/errors';
import { performBac } from '../../../src/devices/chip/perform-bac';
import { JmrtdPersonalizer } from '../../../src/devices/chip/personalizer';
import { encodeCommandApdu } from '../../../src/devices/chip/apdu';
import { selectApplication } from '../../../src/devices/chip/emrtd-commands';
import type { ChipFault } from '../../../src/simulators/chip/faults';
import { VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { VirtualCardReader, virtualChipChannel } from '../../../src/simulators/chip/virtual-chip-channel';
import { AutoAdvanceClock, FAKE_IMAGE_AA_SPKI, fakeImage } from './helpers';

/** The image's file sizes: EF.COM 24, DG1 95, DG2 3000, DG13 600, DG15 94, EF.SOD 1400. */
const image = fakeImage();
const TOTAL = 24 + 95 + 3000 + 600 + 94 + 1400;

function chipWith(faults: ChipFault[] = [], extra: Partial<ConstructorParameters<typeof VirtualChip>[0]> = {}): VirtualChip {
  return new VirtualChip({ seed: 'perso', faults, ...extra });
}

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('a good personalization', () => {
  test('writes every file, the BAC keys and the AA key, then locks; counts APDUs and bytes', async () => {
    const chip = chipWith();
    const result = await new JmrtdPersonalizer().personalize(virtualChipChannel(chip), image);
    // SELECT app; per file CREATE + SELECT + ceil(size/255) UPDATEs; PUT DATA BAC, PUT DATA AA, LOCK
    const updates = [24, 95, 3000, 600, 94, 1400].reduce((n, size) => n + Math.ceil(size / 255), 0);
    expect(updates).toBe(1 + 1 + 12 + 3 + 1 + 6);
    expect(result.apdus).toBe(1 + 6 * 2 + updates + 3);
    expect(result.bytesWritten).toBe(TOTAL);
    expect(result.locked).toBe(true);
    expect(result.files.map((f) => f.name)).toEqual(['EF.COM', 'DG1', 'DG2', 'DG13', 'DG15', 'EF.SOD']);
    const snap = chip.inspect();
    expect(snap.locked).toBe(true);
    expect(snap.files.map((f) => [f.fid, f.data])).toEqual(
      [...image.files].sort((a, b) => a.fid - b.fid).map((f) => [f.fid, f.bytes]),
    );
    expect(snap.aaPublicKeySpki).toEqual(FAKE_IMAGE_AA_SPKI);
    expect(snap.bytesWritten).toBe(TOTAL);
    expect(chip.inspect().apdus).toBe(result.apdus);
  });

  test('larger chunks with extended length take fewer APDUs', async () => {
    const chip = chipWith();
    const result = await new JmrtdPersonalizer({ maxChunk: 1024 }).personalize(virtualChipChannel(chip), image);
    const updates = [24, 95, 3000, 600, 94, 1400].reduce((n, size) => n + Math.ceil(size / 1024), 0);
    expect(result.apdus).toBe(1 + 12 + updates + 3);
    expect(chip.inspect().files.find((f) => f.fid === 0x0102)!.data).toEqual(image.files[2]!.bytes);
  });

  test('a chip without extended length refuses a 1024-byte chunk: ChipWriteError with FID and offset', async () => {
    const chip = chipWith([], { extendedLength: false });
    const e = await failureOf(new JmrtdPersonalizer({ maxChunk: 1024 }).personalize(virtualChipChannel(chip), image));
    expect(e).toBeInstanceOf(ChipWriteError);
    expect(e).toMatchObject({ failure: 'status', fid: 0x0102, offset: 0, sw: 0x6700 });
  });

  test('the document number is <-padded to 9 before PUT DATA (else no reader could do BAC)', async () => {
    const chip = chipWith();
    const unpadded = { ...image, bac: { ...image.bac, documentNumber: 'L898902C' } };
    await new JmrtdPersonalizer().personalize(virtualChipChannel(chip), unpadded);
    expect(chip.inspect().bacKeyInput).toEqual({ documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' });
    chip.powerOff();
    const ch = virtualChipChannel(chip);
    await ch.transmit(encodeCommandApdu(selectApplication()));
    await expect(performBac(ch, { documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' }, (n) => new Uint8Array(n))).resolves.toBeDefined();
  });

  test('lock: false leaves the chip open', async () => {
    const chip = chipWith();
    const result = await new JmrtdPersonalizer({ lock: false }).personalize(virtualChipChannel(chip), image);
    expect(result.locked).toBe(false);
    expect(chip.inspect().locked).toBe(false);
  });
});

describe('faults become typed errors', () => {
  // Stream positions: EF.COM bytes 0-23, DG1 24-118, DG2 119-3118. Byte 500 is DG2 offset 381,
  // inside the UPDATE BINARY chunk at offset 255 (chunks of 255: 0, 255, 510, ...).
  test('memory write failure at byte 500: ChipWriteError memory-failure, DG2, offset 255; nothing of that chunk stored', async () => {
    const chip = chipWith([{ kind: 'write-failure', atByte: 500 }]);
    const e = await failureOf(new JmrtdPersonalizer().personalize(virtualChipChannel(chip), image));
    expect(e).toBeInstanceOf(ChipWriteError);
    expect(e).toMatchObject({ failure: 'memory-failure', fid: 0x0102, offset: 255, sw: 0x6581 });
    const dg2 = chip.inspect().files.find((f) => f.fid === 0x0102)!.data;
    expect(dg2.subarray(0, 255)).toEqual(image.files[2]!.bytes.subarray(0, 255));
    expect(dg2.subarray(255, 510).every((b) => b === 0)).toBe(true);
    expect(chip.inspect().locked).toBe(false);
  });

  test('tearing at byte 500: ChipTornError DG2 offset 255; the chunk is stored up to DG2 offset 381; the card is gone', async () => {
    const chip = chipWith([{ kind: 'tearing', atByte: 500 }]);
    const e = await failureOf(new JmrtdPersonalizer().personalize(virtualChipChannel(chip), image));
    expect(e).toBeInstanceOf(ChipTornError);
    expect(e).toBeInstanceOf(ChipWriteError);
    expect(e).toMatchObject({ failure: 'torn', fid: 0x0102, offset: 255 });
    expect((e as Error).cause).toBeInstanceOf(NoCardError);
    const snap = chip.inspect();
    expect(snap.present).toBe(false);
    expect(snap.bytesWritten).toBe(500);
    const dg2 = snap.files.find((f) => f.fid === 0x0102)!.data;
    expect(dg2.subarray(0, 381)).toEqual(image.files[2]!.bytes.subarray(0, 381));
    expect(dg2.subarray(381).every((b) => b === 0)).toBe(true);
    expect(() => virtualChipChannel(chip)).toThrow(NoCardError);
    chip.enterField();
    expect(() => virtualChipChannel(chip)).not.toThrow();
  });

  test('a dead chip: connecting fails with NoAtrError, directly or through the reader', async () => {
    const chip = chipWith([{ kind: 'dead' }]);
    expect(() => virtualChipChannel(chip)).toThrow(NoAtrError);
    const reader = new VirtualCardReader();
    reader.insert(chip);
    await expect(reader.waitForCard()).rejects.toBeInstanceOf(NoAtrError);
  });

  test('a slow chip beyond the time-out: ChipTimeoutError on the first command, in virtual time', async () => {
    const clock = new AutoAdvanceClock();
    const chip = chipWith([{ kind: 'slow', delayMs: 10_000 }], { clock });
    const e = await failureOf(new JmrtdPersonalizer().personalize(virtualChipChannel(chip, { clock, timeoutMs: 3000 }), image));
    expect(e).toBeInstanceOf(ChipTimeoutError);
    expect(e).toMatchObject({ timeoutMs: 3000, command: '00A4040C' });
    expect(clock.now()).toBe(3000);
  });

  test('a slow chip within the time-out personalizes normally, taking virtual time', async () => {
    const clock = new AutoAdvanceClock();
    const chip = chipWith([{ kind: 'slow', delayMs: 100 }], { clock });
    const result = await new JmrtdPersonalizer().personalize(virtualChipChannel(chip, { clock, timeoutMs: 3000 }), image);
    expect(clock.now()).toBe(100 * result.apdus);
  });

  test('a chip already personalized: ChipAlreadyPersonalizedError (6985 at the first CREATE FILE)', async () => {
    const chip = chipWith([{ kind: 'already-personalized' }]);
    expect(chip.inspect().locked).toBe(true);
    const e = await failureOf(new JmrtdPersonalizer().personalize(virtualChipChannel(chip), image));
    expect(e).toBeInstanceOf(ChipAlreadyPersonalizedError);
    expect(e).toMatchObject({ sw: 0x6985, command: '00E00000' });
  });

  test('a chip too small for the image: ChipWriteError capacity at the CREATE FILE that does not fit', async () => {
    const chip = chipWith([], { capacityBytes: 2000 });
    const e = await failureOf(new JmrtdPersonalizer().personalize(virtualChipChannel(chip), image));
    expect(e).toBeInstanceOf(ChipWriteError);
    expect(e).toMatchObject({ failure: 'capacity', fid: 0x0102, sw: 0x6a84 });
  });

  test('a card pulled out between commands: NoCardError (not a tear: no write was in progress)', async () => {
    const reader = new VirtualCardReader();
    reader.insert(chipWith());
    const ch = await reader.waitForCard();
    let n = 0;
    const pulling = {
      transmit: (apdu: Uint8Array) => {
        if (++n === 5) reader.remove(); // before the second CREATE FILE
        return ch.transmit(apdu);
      },
    };
    const e = await failureOf(new JmrtdPersonalizer().personalize(pulling, image));
    expect(e).toBeInstanceOf(NoCardError);
    expect(e).not.toBeInstanceOf(ChipTornError);
  });

  test('an image file over 32767 bytes is refused before anything is sent', async () => {
    const big = { ...image, files: [{ fid: 0x0102, sfi: 2, name: 'DG2', bytes: new Uint8Array(40_000) }] };
    let sent = 0;
    const ch = createCardChannel(() => {
      sent++;
      return Uint8Array.of(0x90, 0x00);
    });
    await expect(new JmrtdPersonalizer().personalize(ch, big)).rejects.toMatchObject({ failure: 'capacity', fid: 0x0102 });
    expect(sent).toBe(1); // only SELECT application
  });
});

describe('the virtual reader', () => {
  test('waitForCard resolves when a card is inserted later', async () => {
    const clock = new AutoAdvanceClock();
    const reader = new VirtualCardReader({ clock, waitTimeoutMs: 5000 });
    const waiting = reader.waitForCard();
    clock.setTimeout(() => reader.insert(chipWith()), 1000);
    await expect(waiting).resolves.toBeDefined();
    expect(clock.now()).toBe(1000);
  });

  test('waitForCard times out with NoCardError, and honours an abort signal', async () => {
    const clock = new AutoAdvanceClock();
    const reader = new VirtualCardReader({ clock, waitTimeoutMs: 5000 });
    await expect(reader.waitForCard()).rejects.toBeInstanceOf(NoCardError);
    expect(clock.now()).toBe(5000);
    const abort = new AbortController();
    const waiting = reader.waitForCard(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow(/aborted/);
  });
});

describe('personalization property', () => {
  test('any file sizes and chunk size: the chip holds exactly the image, APDU count as derived', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          dg2: fc.integer({ min: 300, max: 9000 }),
          dg13: fc.integer({ min: 140, max: 2000 }),
          sod: fc.integer({ min: 300, max: 3000 }),
        }),
        fc.integer({ min: 1, max: 2000 }),
        async (sizes, maxChunk) => {
          const img = fakeImage(sizes);
          const chip = chipWith();
          const result = await new JmrtdPersonalizer({ maxChunk }).personalize(virtualChipChannel(chip), img);
          const fileSizes = img.files.map((f) => f.bytes.length);
          expect(result.apdus).toBe(1 + 2 * fileSizes.length + fileSizes.reduce((n, s) => n + Math.ceil(s / maxChunk), 0) + 3);
          for (const f of img.files) expect(chip.inspect().files.find((s) => s.fid === f.fid)!.data).toEqual(f.bytes);
        },
      ),
      { numRuns: 25 },
    );
  });
});
