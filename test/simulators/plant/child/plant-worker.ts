/**
 * The crash test's child: opens the plant file given as argv[2], builds the churn line on it and churns until it is
 * killed, printing one line per completed step (after the step's promise resolved, so after the plant wrote it).
 */
import { buildSimulatedLine } from '../../../../src/simulators/line/build-simulated-line';
import { Plant } from '../../../../src/simulators/plant/plant';
import { VirtualClock } from '../../../../src/simulators/virtual-clock';
import { CHURN_FAULTS, CHURN_LINE, churn } from './churn';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: plant-worker PLANT_FILE');
  const clock = new VirtualClock();
  const plant = Plant.open(file, { clock });
  const line = buildSimulatedLine(CHURN_LINE, { plant, clock, seed: 'crash', faults: CHURN_FAULTS });
  process.stdout.write('ready\n');
  for (;;) await churn(line, clock, 1_000_000, (text) => process.stdout.write(`${text}\n`));
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
