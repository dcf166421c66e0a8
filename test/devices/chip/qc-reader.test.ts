/**
 * End to end in-process: data preparation (identity/lds) -> JMRTD personalization of a virtual chip ->
 * QC read-back with BAC, secure messaging, passive and active authentication, and record comparison.
 */
import { JmrtdPersonalizer } from '../../../src/devices/chip/personalizer';
import { BAC_WRONG_CARD_MESSAGE, QcReader, type QcReaderOptions } from '../../../src/devices/chip/qc-reader';
import type { ChipImage } from '../../../src/identity/lds/chip-image';
import { VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { virtualChipChannel } from '../../../src/simulators/chip/virtual-chip-channel';
import { AutoAdvanceClock, newAaKey } from './helpers';
import { BINH, MAI, QC_AT, expectationFor, makeQcWorld, type QcWorld } from './qc-fixture';
import type { CardChannel } from '../../../src/devices/chip/card-channel';

let world: QcWorld;
let maiImage: ChipImage;

beforeAll(async () => {
  world = makeQcWorld();
  maiImage = await world.imageFor(MAI);
});

/** A counter-based random source: deterministic, different bytes on every call. */
function counterRandom(): (n: number) => Uint8Array {
  let c = 0;
  return (n) => Uint8Array.from({ length: n }, () => (c = (c * 31 + 7) & 0xff));
}

function qc(extra: Partial<QcReaderOptions> = {}): QcReader {
  return new QcReader({ cscaCertificates: [world.csca], at: QC_AT, random: counterRandom(), ...extra });
}

async function personalized(image: ChipImage, seed = 'qc-chip', lock = true): Promise<VirtualChip> {
  const chip = new VirtualChip({ seed });
  await new JmrtdPersonalizer({ lock }).personalize(virtualChipChannel(chip), image);
  chip.powerOff();
  return chip;
}

function withFile(image: ChipImage, fid: number, edit: (b: Uint8Array) => void): ChipImage {
  return {
    ...image,
    files: image.files.map((f) => {
      if (f.fid !== fid) return f;
      const bytes = Uint8Array.from(f.bytes);
      edit(bytes);
      return { ...f, bytes };
    }),
  };
}

describe('QC of a good card', () => {
  test('personalize then read back: every check passes', async () => {
    const chip = await personalized(maiImage);
    const apdusBefore = chip.inspect().apdus;
    const report = await qc().read(virtualChipChannel(chip), expectationFor(MAI));
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({
      passed: true,
      locked: true,
      bac: true,
      passiveAuthentication: true,
      activeAuthentication: true,
      dataMatchesRecord: true,
      chipUid: chip.inspect().uid,
      dataGroupsRead: [1, 2, 13, 15],
    });
    const names = report.checks.map((c) => c.name);
    for (const n of ['locked', 'bac', 'read EF.COM', 'read DG2', 'read EF.SOD', 'passive authentication: sod-signature', 'passive authentication: ds-certificate-chain', 'passive authentication: dg13-hash', 'active authentication', 'dg1', 'dg13']) {
      expect(names).toContain(n);
    }
    // APDUs, counted by hand: GET DATA, SELECT app, plain SELECT probe, GET CHALLENGE, EXTERNAL AUTHENTICATE,
    // per file SELECT + READ 5 bytes + ceil((size - 5) / 223) reads, INTERNAL AUTHENTICATE.
    const reads = maiImage.files.reduce((n, f) => n + 2 + Math.ceil((f.bytes.length - 5) / 223), 0);
    expect(report.apdus).toBe(5 + reads + 1);
    expect(chip.inspect().apdus - apdusBefore).toBe(report.apdus);
  });

  test('the report carries no personal data', async () => {
    const chip = await personalized(maiImage);
    const text = JSON.stringify(await qc().read(virtualChipChannel(chip), expectationFor(MAI)));
    for (const secret of [MAI.personalId, MAI.personalId.slice(3), 'Nguyễn', 'NGUYEN', '990315', MAI.placeOfResidence!, 'Mai']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('QC failures, each reported with its reason', () => {
  test('a mixed-up card (another record\'s data) fails BAC, clearly', async () => {
    const chip = await personalized(maiImage);
    const report = await qc().read(virtualChipChannel(chip), expectationFor(BINH));
    expect(report).toMatchObject({ passed: false, locked: true, bac: false, passiveAuthentication: false, activeAuthentication: false, dataMatchesRecord: false, dataGroupsRead: [] });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.check).toBe('bac');
    expect(report.errors[0]!.message.startsWith(BAC_WRONG_CARD_MESSAGE)).toBe(true);
    expect(BAC_WRONG_CARD_MESSAGE).toBe("BAC failed: the chip does not answer to this record's MRZ (wrong card?)");
  });

  test('a tampered DG2 (one byte of the portrait) is caught by passive authentication, nothing else fails', async () => {
    const dg2 = maiImage.files.find((f) => f.name === 'DG2')!;
    const tampered = withFile(maiImage, dg2.fid, (b) => {
      b[b.length - 10] = b[b.length - 10]! ^ 0x01; // inside the JPEG, before its end marker
    });
    const report = await qc().read(virtualChipChannel(await personalized(tampered)), expectationFor(MAI));
    expect(report).toMatchObject({ passed: false, bac: true, passiveAuthentication: false, activeAuthentication: true, dataMatchesRecord: true });
    expect(report.errors.map((e) => e.check)).toEqual(['passive authentication: dg2-hash']);
  });

  test('a tampered DG13 fails PA and the comparison names the field, not its value', async () => {
    const dg13 = maiImage.files.find((f) => f.name === 'DG13')!;
    const at = Buffer.from(dg13.bytes).indexOf(Buffer.from('Không', 'utf8')); // religion
    expect(at).toBeGreaterThan(0);
    const tampered = withFile(maiImage, dg13.fid, (b) => {
      b[at] = 'C'.charCodeAt(0);
    });
    const report = await qc().read(virtualChipChannel(await personalized(tampered)), expectationFor(MAI));
    expect(report.passiveAuthentication).toBe(false);
    expect(report.dataMatchesRecord).toBe(false);
    expect(report.errors.map((e) => e.check).sort()).toEqual(['dg13 religion', 'passive authentication: dg13-hash']);
    expect(JSON.stringify(report.errors)).not.toContain('Không');
  });

  test('a chip keyed with another AA private key fails Active Authentication only', async () => {
    const wrongKey = { ...maiImage, aaPrivateKeyPkcs8: newAaKey().pkcs8 };
    const report = await qc().read(virtualChipChannel(await personalized(wrongKey)), expectationFor(MAI));
    expect(report).toMatchObject({ passed: false, bac: true, passiveAuthentication: true, activeAuthentication: false, dataMatchesRecord: true });
    expect(report.errors.map((e) => e.check)).toEqual(['active authentication']);
    expect(report.errors[0]!.message).toMatch(/does not verify with the DG15 key/);
  });

  test('a Document Signer not issued by the trusted CSCA fails the chain check', async () => {
    const report = await qc({ cscaCertificates: [world.otherCsca] }).read(virtualChipChannel(await personalized(maiImage)), expectationFor(MAI));
    expect(report.passiveAuthentication).toBe(false);
    expect(report.errors.map((e) => e.check)).toContain('passive authentication: ds-certificate-chain');
    expect(report.activeAuthentication).toBe(true);
  });

  test('a chip that was never locked is readable in plain: QC fails "locked"', async () => {
    const report = await qc().read(virtualChipChannel(await personalized(maiImage, 'open', false)), expectationFor(MAI));
    expect(report).toMatchObject({ passed: false, locked: false, bac: true, passiveAuthentication: true, activeAuthentication: true, dataMatchesRecord: true });
    expect(report.errors.map((e) => e.check)).toEqual(['locked']);
  });

  test('a DG13 expectation that differs in one field is reported by field name', async () => {
    const expected = expectationFor(MAI);
    const report = await qc().read(virtualChipChannel(await personalized(maiImage)), { ...expected, dg13: { ...expected.dg13!, fatherName: 'Nguyễn Văn Bốn' } });
    expect(report.dataMatchesRecord).toBe(false);
    expect(report.errors.map((e) => e.check)).toEqual(['dg13 fatherName']);
  });

  test('an image whose EF.COM omits a signed data group fails (the SOD signs DG15, EF.COM lists only 1, 2, 13)', async () => {
    const com = maiImage.files.find((f) => f.name === 'EF.COM')!;
    // EF.COM ends with 5C 04 61 75 6D 6F; shorten the tag list to 61 75 6D by rewriting the lengths.
    const bytes = Uint8Array.from(com.bytes);
    expect(Buffer.from(bytes.subarray(bytes.length - 6)).toString('hex')).toBe('5c0461756d6f');
    const shorter = Uint8Array.from([0x60, bytes[1]! - 1, ...bytes.subarray(2, bytes.length - 6), 0x5c, 0x03, 0x61, 0x75, 0x6d]);
    const image = { ...maiImage, files: maiImage.files.map((f) => (f === com ? { ...f, bytes: shorter } : f)) };
    const report = await qc().read(virtualChipChannel(await personalized(image)), expectationFor(MAI));
    expect(report.passiveAuthentication).toBe(false);
    expect(report.activeAuthentication).toBe(false);
    expect(report.errors.map((e) => e.check)).toEqual(['passive authentication: dg15-hash', 'active authentication']);
  });

  test('a card pulled out mid-read gives a report, not an exception', async () => {
    const chip = await personalized(maiImage);
    const ch = virtualChipChannel(chip);
    let n = 0;
    const pulling: CardChannel = {
      transmit: (a) => {
        if (++n === 9) chip.leaveField();
        return ch.transmit(a);
      },
    };
    const report = await qc().read(pulling, expectationFor(MAI));
    expect(report.passed).toBe(false);
    expect(report.bac).toBe(true);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.message).toMatch(/not in the field/);
    expect(report.apdus).toBe(9);
  });

  test('a torn chip (re-inserted) is unlocked and has no BAC keys: QC fails locked and BAC', async () => {
    const chip = new VirtualChip({ seed: 'torn', faults: [{ kind: 'tearing', atByte: 300 }] });
    await expect(new JmrtdPersonalizer().personalize(virtualChipChannel(chip), maiImage)).rejects.toThrow(/left the field/);
    chip.enterField();
    const report = await qc().read(virtualChipChannel(chip), expectationFor(MAI));
    expect(report).toMatchObject({ passed: false, locked: false, bac: false });
    expect(report.errors.map((e) => e.check)).toEqual(['locked', 'bac']);
    // no keys on the chip is not a "wrong card": the chip refuses EXTERNAL AUTHENTICATE with 6985
    expect(report.errors[1]!.message).toMatch(/^BAC could not be completed: .*6985/);
  });
});

describe('QC of a slow chip', () => {
  test('a chip slower than the time-out gives a report naming the time-out, in virtual time', async () => {
    const clock = new AutoAdvanceClock();
    const chip = new VirtualChip({ seed: 'slow-qc', faults: [{ kind: 'slow', delayMs: 8000 }], clock });
    chip.preload(maiImage);
    const report = await qc().read(virtualChipChannel(chip, { clock, timeoutMs: 2000 }), expectationFor(MAI));
    expect(report).toMatchObject({ passed: false, bac: false, apdus: 1 });
    expect(report.errors).toEqual([{ check: 'uid', message: 'the chip did not answer FFCA0000 within 2000 ms' }]);
    expect(clock.now()).toBe(2000);
  });
});

describe('QC options', () => {
  test('extended-length reads (maxRead 1000) pass with fewer APDUs', async () => {
    const chip = await personalized(maiImage);
    const short = await qc().read(virtualChipChannel(chip), expectationFor(MAI));
    chip.powerOff();
    const long = await qc({ maxRead: 1000 }).read(virtualChipChannel(chip), expectationFor(MAI));
    expect(long.passed).toBe(true);
    expect(long.apdus).toBeLessThan(short.apdus);
  });
});
