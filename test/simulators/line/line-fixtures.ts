/**
 * Test fixtures for simulated lines: a line on a virtual clock with a way to run calls to completion in virtual time,
 * small chip images, and chip reads through a reader.
 */
import { generateKeyPairSync } from 'node:crypto';
import { bytesToHex } from '../../../src/identity/bac/bytes';
import type { ChipImage } from '../../../src/identity/lds/chip-image';
import { sendCommand, type CardChannel } from '../../../src/devices/chip/card-channel';
import { getUid } from '../../../src/devices/chip/emrtd-commands';
import { Plant } from '../../../src/simulators/plant/plant';
import { buildSimulatedLine, type BuildSimulatedLineOptions, type SimulatedLine } from '../../../src/simulators/line/build-simulated-line';
import type { SimulatedLineDescription } from '../../../src/simulators/line/line-description';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { failureOf, inVirtualTime } from '../printer/world';

export { failureOf, inVirtualTime };

/** A line, its plant and clock. */
export interface LineWorld {
  clock: VirtualClock;
  plant: Plant;
  line: SimulatedLine;
  run<T>(p: Promise<T>): Promise<T>;
  fail(p: Promise<unknown>): Promise<Error>;
}

/** A desk line: one printer with a contact encoder, then QC. */
export const DESK_LINE: SimulatedLineDescription = {
  stations: [
    { id: 'pe-1', kind: 'printer-encoder' },
    { id: 'qc-1', kind: 'qc' },
  ],
  blanks: 10,
};

/** An industrial line: two encoder modules, one printer module, QC. */
export const MODULE_LINE: SimulatedLineDescription = {
  stations: [
    { id: 'enc-1', kind: 'encoder' },
    { id: 'enc-2', kind: 'encoder' },
    { id: 'prn-1', kind: 'printer' },
    { id: 'qc-1', kind: 'qc' },
  ],
  blanks: 10,
};

/** Builds a line on a fresh in-memory plant (or the plant given) and a virtual clock. */
export function lineWorld(description: SimulatedLineDescription, options: Partial<BuildSimulatedLineOptions> = {}): LineWorld {
  const clock = (options.clock as VirtualClock | undefined) ?? new VirtualClock();
  const plant = options.plant ?? new Plant({ printRetention: 'keep' });
  const line = buildSimulatedLine(description, { seed: 'test', ...options, plant, clock });
  return { clock, plant, line, run: (p) => inVirtualTime(clock, p), fail: (p) => failureOf(clock, p) };
}

let aaKey: Uint8Array | undefined;

/** An ECDSA P-256 PKCS#8 key, made once per test file. */
export function testAaKey(): Uint8Array {
  aaKey ??= new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'der' }));
  return aaKey;
}

/** Deterministic bytes for a file of a test image. */
export function fileBytes(tag: string, fid: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let h = 2166136261;
  for (const ch of `${tag}/${fid}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  for (let i = 0; i < size; i++) {
    h = Math.imul(h ^ i, 16777619);
    out[i] = (h >>> 24) | 1; // never 0, so written bytes differ from erased EEPROM
  }
  return out;
}

/** A small chip image: two files, BAC keys and an AA key. */
export function smallImage(tag: string, sizes: readonly [number, number] = [600, 900]): ChipImage {
  return {
    files: [
      { fid: 0x011e, sfi: 0x1e, name: 'EF.COM', bytes: fileBytes(tag, 0x011e, sizes[0]) },
      { fid: 0x0101, sfi: 0x01, name: 'DG1', bytes: fileBytes(tag, 0x0101, sizes[1]) },
    ],
    bac: { documentNumber: '123456789', dateOfBirth: '900101', dateOfExpiry: '300101' },
    aaPrivateKeyPkcs8: testAaKey(),
  };
}

/** The UID of the card on a channel (the reader's GET DATA). */
export async function uidOn(channel: CardChannel): Promise<string> {
  const r = await sendCommand(channel, getUid());
  return bytesToHex(r.data);
}
