/**
 * The real stack: pcsclite -> pcscd -> vpcd -> VpcdBridge -> VirtualChip. Five cards are personalized and
 * verified one after another through PC/SC, then every chip fault must surface over PC/SC as the same typed
 * error it gives in-process, and nothing may hang. Skips (saying why) where pcscd or vpcd are missing.
 */
import { ChipAlreadyPersonalizedError, ChipTimeoutError, ChipTornError, ChipWriteError, NoAtrError, NoCardError } from '../../../../src/devices/chip/errors';
import { PcscCardReader } from '../../../../src/devices/chip/pcsc/pcsc-card-reader';
import { PcscContext } from '../../../../src/devices/chip/pcsc/pcsc-context';
import { JmrtdPersonalizer } from '../../../../src/devices/chip/personalizer';
import { QcReader } from '../../../../src/devices/chip/qc-reader';
import { cryptoRandom } from '../../../../src/devices/chip/random';
import { ApduCounter } from '../../../../src/devices/chip/apdu-trace';
import type { ChipImage } from '../../../../src/identity/lds/chip-image';
import type { CitizenRecord } from '../../../../src/identity/record';
import type { ChipFault } from '../../../../src/simulators/chip/faults';
import { VirtualChip } from '../../../../src/simulators/chip/virtual-chip';
import { VpcdBridge } from '../../../../src/simulators/chip/vpcd-bridge';
import { acquireVpcdSlot, describeWithPcscd, VPCD_READERS } from '../../../helpers/pcscd';
import { MAI, QC_AT, expectationFor, makeQcWorld, type QcWorld } from '../qc-fixture';

const { name: READER, port: PORT } = VPCD_READERS[0];
/** Per-command time-out of the channel in these tests: far above a healthy APDU (a few ms), far below jest's. */
const APDU_TIMEOUT_MS = 1500;

/** Five made-up people: the same birth data as MAI (so the ID number stays consistent), other serials and names. */
const PEOPLE: CitizenRecord[] = ['Nguyễn Thị Mai', 'Lê Thị Hoa', 'Phạm Thị Lan', 'Võ Thị Cúc', 'Đỗ Thị Hằng'].map((fullName, i) => ({
  ...MAI,
  personalId: `0011990${String(12345 + i * 1111).padStart(5, '0')}`,
  fullName,
}));

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describeWithPcscd('PC/SC driver over pcscd + vpcd', () => {
  let world: QcWorld;
  let context: PcscContext;
  let reader: PcscCardReader;
  let releaseSlot: () => void = () => undefined;
  let bridge: VpcdBridge | undefined;

  beforeAll(async () => {
    releaseSlot = await acquireVpcdSlot(PORT);
    world = makeQcWorld();
    context = PcscContext.open();
    reader = await PcscCardReader.open(context, READER, { waitTimeoutMs: 5000, channel: { timeoutMs: APDU_TIMEOUT_MS } });
    // A card left in the reader by an earlier, interrupted run would be taken for ours.
    await reader.waitForRemoval(3000);
  }, 30_000);

  afterEach(async () => {
    await reader?.disconnect();
    if (bridge !== undefined) {
      await bridge.close();
      bridge = undefined;
      await reader.waitForRemoval(3000);
    }
  }, 10_000);

  afterAll(async () => {
    await context?.close();
    releaseSlot();
  }, 10_000);

  /** Inserts a virtual chip into the reader and waits until pcscd has seen it. */
  async function insert(chip: VirtualChip): Promise<VpcdBridge> {
    bridge = await VpcdBridge.attach(chip, { port: PORT, connectWithinMs: 3000 });
    return bridge;
  }

  test('lists the vpcd reader by name', () => {
    expect(context.readerNames()).toContain(READER);
  });

  test('personalizes and verifies five cards one after another, each passing QC', async () => {
    const personalizer = new JmrtdPersonalizer();
    for (const [i, person] of PEOPLE.entries()) {
      const chip = new VirtualChip({ seed: `pcscd-five/${i}` });
      await insert(chip);
      const channel = await reader.waitForCard();
      expect(channel.atr).toEqual(chip.atr);
      const image: ChipImage = await world.imageFor(person);
      const result = await personalizer.personalize(channel, image);
      expect(result.locked).toBe(true);
      expect(result.bytesWritten).toBe(image.files.reduce((n, f) => n + f.bytes.length, 0));

      // QC on a fresh session, as a separate station would: reset, then read everything back.
      await channel.reset();
      const report = await new QcReader({ cscaCertificates: [world.csca], at: QC_AT, random: cryptoRandom }).read(channel, expectationFor(person));
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ passed: true, locked: true, bac: true, passiveAuthentication: true, activeAuthentication: true, dataMatchesRecord: true });
      expect(report.chipUid).toBe(chip.inspect().uid);
      // The chip holds exactly the image, written through PC/SC.
      expect(chip.inspect().files.map((f) => f.data)).toEqual([...image.files].sort((a, b) => a.fid - b.fid).map((f) => f.bytes));

      await channel.disconnect();
      await bridge!.close();
      bridge = undefined;
      await reader.waitForRemoval(3000);
      expect(reader.cardPresent).toBe(false);
    }
  }, 90_000);

  test('a QC read of the wrong person fails BAC over PC/SC', async () => {
    const chip = new VirtualChip({ seed: 'pcscd-wrong' });
    await insert(chip);
    const channel = await reader.waitForCard();
    await new JmrtdPersonalizer().personalize(channel, await world.imageFor(PEOPLE[0]!));
    await channel.reset();
    const report = await new QcReader({ cscaCertificates: [world.csca], at: QC_AT, random: cryptoRandom }).read(channel, expectationFor(PEOPLE[1]!));
    expect(report.passed).toBe(false);
    expect(report.bac).toBe(false);
  }, 20_000);

  describe('faults surface as typed errors over PC/SC', () => {
    let image: ChipImage;
    beforeAll(async () => {
      image = await world.imageFor(PEOPLE[0]!);
    });

    async function personalizeWith(faults: ChipFault[]): Promise<{ error: unknown; chip: VirtualChip }> {
      const chip = new VirtualChip({ seed: `pcscd-fault/${faults[0]?.kind}`, faults });
      await insert(chip);
      const channel = await reader.waitForCard();
      return { error: await failureOf(new JmrtdPersonalizer().personalize(channel, image)), chip };
    }

    test('write failure: ChipWriteError (memory failure) naming the file and offset', async () => {
      const { error } = await personalizeWith([{ kind: 'write-failure', atByte: 700 }]);
      expect(error).toBeInstanceOf(ChipWriteError);
      expect(error).toMatchObject({ failure: 'memory-failure', sw: 0x6581 });
      expect((error as ChipWriteError).fid).toBe(0x0102); // byte 700 of the stream falls in DG2
    }, 20_000);

    test('tearing: ChipTornError caused by NoCardError, and pcscd sees the card gone', async () => {
      const { error, chip } = await personalizeWith([{ kind: 'tearing', atByte: 300 }]);
      expect(error).toBeInstanceOf(ChipTornError);
      expect((error as ChipTornError).cause).toBeInstanceOf(NoCardError);
      expect(chip.inspect().present).toBe(false);
      expect(await bridge!.removed).toBe('card-left-field');
      await reader.waitForRemoval(3000);
    }, 20_000);

    test('already personalized: ChipAlreadyPersonalizedError at the first CREATE FILE', async () => {
      const { error } = await personalizeWith([{ kind: 'already-personalized' }]);
      expect(error).toBeInstanceOf(ChipAlreadyPersonalizedError);
      expect(error).toMatchObject({ sw: 0x6985 });
    }, 20_000);

    test('dead chip: the card is seen but connecting fails with NoAtrError', async () => {
      await insert(new VirtualChip({ seed: 'pcscd-dead', faults: [{ kind: 'dead' }] }));
      const error = await failureOf(reader.waitForCard());
      expect(error).toBeInstanceOf(NoAtrError);
      expect(reader.cardPresent).toBe(true);
    }, 20_000);

    test('slow chip beyond the time-out: ChipTimeoutError within the time-out, and the reader recovers', async () => {
      const trace = new ApduCounter();
      const slowReader = new PcscCardReader(context, context.slot(READER)!, { waitTimeoutMs: 5000, channel: { timeoutMs: 400, trace } });
      await insert(new VirtualChip({ seed: 'pcscd-slow', faults: [{ kind: 'slow', delayMs: 5000 }] }));
      const channel = await slowReader.waitForCard();
      const started = Date.now();
      const error = await failureOf(new JmrtdPersonalizer().personalize(channel, image));
      expect(error).toBeInstanceOf(ChipTimeoutError);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(trace.commands).toBe(1);
      // The command still waits in pcscd for the chip; taking the card out ends it, and the reader is usable again.
      await slowReader.disconnect();
      await bridge!.close();
      bridge = undefined;
      await reader.waitForRemoval(3000);
      await insert(new VirtualChip({ seed: 'pcscd-after-slow' }));
      const next = await reader.waitForCard();
      const result = await new JmrtdPersonalizer().personalize(next, image);
      expect(result.locked).toBe(true);
    }, 30_000);

    test('no card: waitForCard gives up with NoCardError after its time-out', async () => {
      const quick = new PcscCardReader(context, context.slot(READER)!, { waitTimeoutMs: 300 });
      await expect(quick.waitForCard()).rejects.toBeInstanceOf(NoCardError);
    }, 10_000);
  });
});
