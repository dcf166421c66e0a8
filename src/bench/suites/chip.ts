import { join } from 'node:path';
import { runChild, type BenchResult } from '../measure';

const CARDS = Number(process.env.CARDLINE_BENCH_CHIPS ?? 300);

/**
 * Chip station work per card through the in-process channel: JMRTD-style personalization of a virtual chip, then
 * the QC read-back (BAC, every file over secure messaging, passive and active authentication), with a 20 KB DG2.
 * Short APDUs (255-byte chunks) against extended-length ones (4096) in the same run. The virtual chip's own
 * crypto (3DES secure messaging, the AA signature) runs on the same core, as it would not on a real line.
 */
export const chipBench = {
  name: 'chip',
  async run(): Promise<BenchResult[]> {
    const child = join(__dirname, '..', 'chip-child.js');
    const short = await runChild(child, [String(CARDS), '255']);
    const extended = await runChild(child, [String(CARDS), '4096']);
    return [
      {
        name: `personalize + verify, DG2 ${short.dg2Bytes} B, short APDUs`,
        value: short.cardsPerSecond!,
        unit: 'cards/s',
        note: `${short.apdusPerCard} APDUs/card`,
      },
      {
        name: `personalize + verify, DG2 ${extended.dg2Bytes} B, extended APDUs`,
        value: extended.cardsPerSecond!,
        unit: 'cards/s',
        target: '>= 200',
        met: extended.cardsPerSecond! >= 200,
        note: `${extended.apdusPerCard} APDUs/card`,
      },
    ];
  },
};
