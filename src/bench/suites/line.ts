import { join } from 'node:path';
import { runChild, type BenchResult } from '../measure';

const CARDS = Number(process.env.CARDLINE_BENCH_LINE_CARDS ?? 1000);
/** 3% mixed faults, spread over the kinds the line meets. */
const MIXED = 'chip=0.01,jam=0.005,ribbon=0.002,mixup=0.005,feed=0.008';

/**
 * The line in virtual time on the industrial topology (12 encoders, 4 printers, 2 QC stations): efficiency (good
 * cards per hour over what the bottleneck stations allow) without faults and with 3% mixed faults, the wall time
 * including data preparation, and the controller's cost per card. The target is stated for 10,000 cards;
 * CARDLINE_BENCH_LINE_CARDS=10000 runs that size (the default is smaller so the suite takes minutes, not an hour),
 * and the wall-time target is scaled to the size run.
 */
export const lineBench = {
  name: 'line',
  async run(): Promise<BenchResult[]> {
    const child = join(__dirname, '..', 'line-child.js');
    const clean = await runChild(child, [String(CARDS), 'industrial', '']);
    const faulty = await runChild(child, [String(CARDS), 'industrial', MIXED]);
    const wallTarget = (120 * CARDS) / 10_000;
    return [
      { name: `industrial, ${CARDS} cards, no faults: efficiency`, value: clean.efficiency!, unit: '', target: '>= 0.97', met: clean.efficiency! >= 0.97, note: `${clean.cardsPerHour!.toFixed(0)} of ${clean.boundCardsPerHour!.toFixed(0)} cards/h` },
      { name: `industrial, ${CARDS} cards, 3% mixed faults: efficiency`, value: faulty.efficiency!, unit: '', target: '>= 0.93', met: faulty.efficiency! >= 0.93, note: `${faulty.spoiled} cards spoiled` },
      { name: `industrial, ${CARDS} cards, no faults: wall time`, value: clean.wallSeconds, unit: 's', target: `< ${wallTarget.toFixed(0)} (2 min per 10,000)`, met: clean.wallSeconds < wallTarget, note: `${(CARDS / clean.wallSeconds).toFixed(1)} cards/s, peak RSS ${clean.maxRssMb.toFixed(0)} MB` },
      { name: 'controller cost per card (store + job handling)', value: clean.controllerMsPerCard!, unit: 'ms', target: '< 1', met: clean.controllerMsPerCard! < 1 },
    ];
  },
};
