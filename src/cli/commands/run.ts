import { Command, InvalidArgumentError } from 'commander';
import { positiveInteger, timeScale } from '../options';
import { dbPath } from './store-command';
import { InputError } from '../cli-errors';

/** `cardline run`: produce an order on a line (simulated in virtual time by default). */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('produce an order on a line: feed, personalize, print, QC, output; resumable after a crash')
    .option('--config <line>', 'workstation, industrial, or a line configuration JSON file', 'workstation')
    .option('--order <name>', 'an imported order (cardline import FILE --order NAME)')
    .option('--sample <n>', 'produce a sample order of N synthetic records instead', positiveInteger(1_000_000))
    .option('--speed <speed>', 'virtual (simulated time, as fast as the CPU allows) or realtime', parseSpeed, 'virtual')
    .option('--faults <spec>', 'faults to inject, e.g. chip=0.02,jam=0.005,ribbon=0.001,mixup=0.002,feed=0.005', '')
    .option('--seed <seed>', 'seed of the sample, the chips and the faults (default: random, printed)')
    .option('--print <content>', 'full (the whole face, YMCKO) or variable (pre-printed stock: the QR only); default: variable in virtual time, else full', parsePrint)
    .option('--operator-minutes <n>', 'line time a simulated operator takes to clear a station fault', Number, 2)
    .option('--time-scale <factor>', 'simulated lines: multiply every device duration (0.02 runs a realtime line 50 times faster)', timeScale)
    .option('--resume', 'continue the last run (after a crash, kill -9 included) with its order, line, seed and faults')
    .option('--pki <dir>', 'the Document Signer PKI (default: pki/ next to the database; created for simulated lines)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runLine } = await import('../run/run-line');
      const summary = await runLine({
        db: dbPath(cmd),
        config: String(opts.config),
        ...(opts.order !== undefined ? { order: String(opts.order) } : {}),
        ...(opts.sample !== undefined ? { sample: Number(opts.sample) } : {}),
        speed: opts.speed as 'virtual' | 'realtime',
        faults: String(opts.faults ?? ''),
        ...(opts.seed !== undefined ? { seed: String(opts.seed) } : {}),
        resume: opts.resume === true,
        ...(opts.pki !== undefined ? { pki: String(opts.pki) } : {}),
        ...(opts.print !== undefined ? { print: opts.print as 'full' | 'variable' } : {}),
        operatorMinutes: Number(opts.operatorMinutes),
        ...(opts.timeScale !== undefined ? { timeScale: Number(opts.timeScale) } : {}),
        json: opts.json === true,
        progress: opts.json !== true && process.stderr.isTTY === true,
      }).catch((e: unknown) => {
        if (e instanceof Error && (e.name === 'LineConfigError' || e.name === 'LineFaultSpecError' || e.name === 'LineDescriptionError')) throw new InputError(e.message);
        throw e;
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      } else {
        const r = summary.records;
        const c = summary.cards;
        const t = summary.timing;
        process.stdout.write(
          [
            `order ${summary.order}: ${r.produced} of ${r.total} records produced, ${r.failed} failed, ${r.held} held for a decision, ${r.queued} queued`,
            `cards: ${c.consumed} consumed = ${c.good} good + ${c.spoiled} spoiled + ${c.inDoubt} in doubt; ${c.unaccounted === 0 ? 'nothing unaccounted' : `${c.unaccounted} UNACCOUNTED`}`,
            `faults injected: ${JSON.stringify(summary.faults.injected)}; detected: ${JSON.stringify(summary.faults.detected)}`,
            `time: ${(t.makespanSeconds / 3600).toFixed(2)} h of line time, ${t.cardsPerHour} good cards/h of a bound of ${t.boundCardsPerHour} (bottleneck ${t.bottleneck}): efficiency ${t.efficiency}`,
            `audit: ${summary.audit.entries} entries, chain ${summary.audit.verified ? 'verified' : 'BROKEN'}`,
            `report: cardline report --order ${summary.order} --out report.pdf`,
          ].join('\n') + '\n',
        );
      }
      if (summary.records.held > 0 || summary.cards.unaccounted !== 0 || !summary.audit.verified) process.exitCode = 1;
    });
}

function parseSpeed(v: string): 'virtual' | 'realtime' {
  if (v !== 'virtual' && v !== 'realtime') throw new InvalidArgumentError('virtual or realtime');
  return v;
}


function parsePrint(v: string): 'full' | 'variable' {
  if (v !== 'full' && v !== 'variable') throw new InvalidArgumentError('full or variable');
  return v;
}
