/**
 * Child of the line benchmark: one order on a simulated line in virtual time, through the same code as
 * `cardline run`. Reports the wall time (data preparation included, as the target counts it), the line's
 * efficiency from the run summary, and the controller's own cost per card: the time spent in the store and in the
 * line service's handling of job state changes (the XState transitions they run inside included), measured by
 * wrapping those methods; the simulated devices, the chip cryptography and the data preparation are not in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLine } from '../cli/run/run-line';
import { Store } from '../controller/store';
import { LineRun } from '../controller/line/line-run';
import { reportToParent, secondsSince } from './measure';

const [cardsArg = '500', configArg = 'industrial', faultsArg = ''] = process.argv.slice(2);

let depth = 0;
let controllerNs = 0n;
const byMethod = new Map<string, bigint>();

/** Counts the time of the outermost call of every wrapped method (calls nested in another are not counted twice). */
function meter(proto: object, names: readonly string[]): void {
  const target = proto as Record<string, unknown>;
  for (const name of names) {
    // Getters are left alone (reading them here would run them on the prototype).
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor === undefined || typeof descriptor.value !== 'function') continue;
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (depth > 0) return (original as (...a: unknown[]) => unknown).apply(this, args);
      depth++;
      const start = process.hrtime.bigint();
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        const spent = process.hrtime.bigint() - start;
        controllerNs += spent;
        byMethod.set(name, (byMethod.get(name) ?? 0n) + spent);
        depth--;
      }
    };
  }
}

async function main(): Promise<void> {
  const storeMethods = Object.getOwnPropertyNames(Store.prototype).filter((n) => !['constructor', 'close', 'importFile'].includes(n));
  meter(Store.prototype, storeMethods);
  meter(LineRun.prototype, ['onJobState', 'fill', 'progress', 'stationFault', 'stationBusy']);
  const dir = mkdtempSync(join(tmpdir(), 'cardline-bench-line-'));
  const start = process.hrtime.bigint();
  try {
    const summary = await runLine({
      db: join(dir, 'bench.db'),
      config: configArg,
      sample: Number(cardsArg),
      speed: 'virtual',
      faults: faultsArg,
      seed: 'bench',
      operatorMinutes: 2,
      progress: false,
    });
    const wall = secondsSince(start);
    if (process.env.CARDLINE_BENCH_DETAIL) {
      for (const [name, ns] of [...byMethod].sort((a, b) => Number(b[1] - a[1])).slice(0, 12)) console.error(`  ${name}: ${(Number(ns) / 1e6).toFixed(0)} ms`);
    }
    reportToParent(
      {
        produced: summary.records.produced,
        efficiency: summary.timing.efficiency,
        cardsPerHour: summary.timing.cardsPerHour,
        boundCardsPerHour: summary.timing.boundCardsPerHour,
        controllerMsPerCard: Number(controllerNs) / 1e6 / Math.max(1, summary.cards.consumed),
        spoiled: summary.cards.spoiled,
      },
      wall,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
