/**
 * `npm run bench`: measures the figures the issues set targets for and prints them with the machine. Each
 * measurement runs in a fresh child process (so peak RSS is its own); baselines are measured in the same run, since
 * these machines are shared and noisy. `npm run bench -- NAME...` runs only the suites whose name contains NAME.
 * Results also go to var/bench/results.json; BENCHMARKS.md records them by hand with the date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineDescription, type BenchResult } from './measure';
import { BENCH_DIR } from './bench-data';
import { recordsBench } from './suites/records';
import { facesBench } from './suites/faces';
import { chipBench } from './suites/chip';
import { printerBench } from './suites/printer';
import { lineBench } from './suites/line';

/** A named group of measurements. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchResult[]>;
}

const SUITES: BenchSuite[] = [recordsBench, facesBench, chipBench, printerBench, lineBench];

function format(r: BenchResult): string {
  const value = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
  const verdict = r.met === undefined ? '' : r.met ? '  ok' : '  BELOW TARGET';
  const target = r.target ? `  (target ${r.target})` : '';
  const note = r.note ? `  - ${r.note}` : '';
  return `  ${r.name.padEnd(58)} ${value.padStart(10)} ${r.unit}${target}${verdict}${note}`;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const suites = filters.length ? SUITES.filter((s) => filters.some((f) => s.name.includes(f))) : SUITES;
  console.log(`cardline benchmarks, ${new Date().toISOString()}\nmachine: ${machineDescription()}\n`);
  const all: Record<string, BenchResult[]> = {};
  for (const suite of suites) {
    console.log(`${suite.name}:`);
    const results = await suite.run();
    for (const r of results) console.log(format(r));
    all[suite.name] = results;
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify({ machine: machineDescription(), date: new Date().toISOString(), results: all }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
