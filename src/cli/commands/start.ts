import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { positiveInteger, timeScale } from '../options';
import { dbPath } from './store-command';

/**
 * `cardline start` (what `npm start` runs): the main job. Runs a simulated workstation line (two desktop printers
 * with contact encoders, a QC station) on a fresh sample order in real time, with a progress bar, then writes the
 * order's production report and ends with its path. The order, its cards and the audit log stay in the database
 * (var/cardline.db by default) for `cardline orders`, `stock`, `audit verify` and `report`.
 */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run a simulated workstation line on a sample order in real time and write its report (what `npm start` runs)')
    .option('--count <n>', 'records in the sample order', positiveInteger(10_000), 6)
    .option('--seed <seed>', 'sample seed (default: a new one each start, so each start is a new order)')
    .option('--faults <spec>', 'faults to inject, as for cardline run', '')
    .option('--time-scale <factor>', 'multiply every simulated device duration (1 = real printer and conveyor times)', timeScale, 1)
    .option('--out <dir>', 'folder for the report', 'var/out')
    .action(async (opts: { count: number; seed?: string; faults: string; timeScale: number; out: string }, cmd: Command) => {
      const db = dbPath(cmd);
      const seed = opts.seed ?? `start-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
      process.stdout.write(
        `cardline: a simulated workstation line (2 printers with contact encoders, 1 QC station) produces a sample order of ` +
          `${opts.count} synthetic records in real time; database ${relative(process.cwd(), resolve(db)) || db}\n`,
      );
      const { runLine } = await import('../run/run-line');
      const summary = await runLine({
        db,
        config: 'workstation',
        sample: opts.count,
        speed: 'realtime',
        faults: opts.faults,
        seed,
        operatorMinutes: 0.5,
        progress: process.stderr.isTTY === true,
        ...(opts.timeScale !== 1 ? { timeScale: opts.timeScale } : {}),
      });
      const r = summary.records;
      const c = summary.cards;
      process.stdout.write(
        `order ${summary.order}: ${r.produced} of ${r.total} produced, ${r.failed} failed; cards ${c.good} good, ${c.spoiled} spoiled, ` +
          `${c.unaccounted === 0 ? 'nothing unaccounted' : `${c.unaccounted} UNACCOUNTED`}; audit chain ${summary.audit.verified ? 'verified' : 'BROKEN'}\n`,
      );
      const { gatherReportData, renderReportPdf } = await import('../../controller/report');
      const { Store } = await import('../../controller/store');
      const store = Store.open(resolve(db), { mustExist: true });
      let pdf: Buffer;
      try {
        const order = store.findOrder(summary.order)!;
        pdf = await renderReportPdf(gatherReportData(store, order.id, new Date()));
      } finally {
        store.close();
      }
      const outDir = resolve(opts.out);
      mkdirSync(outDir, { recursive: true });
      const file = join(outDir, `${summary.order}-report.pdf`);
      writeFileSync(file, pdf);
      process.stdout.write(`report: ${relative(process.cwd(), file)}\n`);
      if (r.held > 0 || c.unaccounted !== 0 || !summary.audit.verified) process.exitCode = 1;
    });
}

