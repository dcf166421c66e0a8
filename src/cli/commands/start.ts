import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { positiveInteger, tcpPort, timeScale } from '../options';
import { dbPath } from './store-command';

/**
 * `cardline start` (what `npm start` runs): the main job. Starts the console (`cardline serve`) with a simulated
 * workstation line (two desktop printers with contact encoders, a QC station) running a fresh sample order in real
 * time; on the first start it creates a supervisor account and prints its random password once. When the order is
 * done it writes the production report and prints its path; the server keeps running until Ctrl-C. With
 * `--no-serve` it runs the line in the terminal instead (progress bar) and ends with the report's path. The order,
 * its cards and the audit log stay in the database (var/cardline.db by default).
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
    .option('--no-serve', 'run the line in the terminal and end with the report, without the console')
    .option('--port <n>', 'the console\'s TCP port', tcpPort, 8080)
    .option('--host <address>', 'the console\'s address', '127.0.0.1')
    .action(async (opts: { count: number; seed?: string; faults: string; timeScale: number; out: string; serve: boolean; port: number; host: string }, cmd: Command) => {
      const db = dbPath(cmd);
      const seed = opts.seed ?? `start-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
      if (opts.serve) {
        await startConsole(db, seed, opts);
        return;
      }
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
      const file = await writeReport(db, summary.order, opts.out);
      process.stdout.write(`report: ${relative(process.cwd(), file)}\n`);
      if (r.held > 0 || c.unaccounted !== 0 || !summary.audit.verified) process.exitCode = 1;
    });
}


/** Writes the order's production report to `<out>/<order>-report.pdf`; returns the path. */
async function writeReport(db: string, order: string, out: string): Promise<string> {
  const { gatherReportData, renderReportPdf } = await import('../../controller/report');
  const { Store } = await import('../../controller/store');
  const store = Store.open(resolve(db), { mustExist: true });
  let pdf: Buffer;
  try {
    pdf = await renderReportPdf(gatherReportData(store, store.findOrder(order)!.id, new Date()));
  } finally {
    store.close();
  }
  const outDir = resolve(out);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${order}-report.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The console with the sample order running on the simulated line (see the module comment). */
async function startConsole(
  db: string,
  seed: string,
  opts: { count: number; faults: string; timeScale: number; out: string; port: number; host: string },
): Promise<void> {
  const { Store } = await import('../../controller/store');
  const { buildApi, ConsoleLine } = await import('../../controller/api');
  const { hashPassword } = await import('../../controller/auth');
  const { writeSampleFile } = await import('../../controller/sample/write-sample');
  const { simulatedLineStarter } = await import('../run/line-starter');
  const { sampleAsOf } = await import('./sample');
  const { todayIso } = await import('../today');
  const store = Store.open(resolve(db));
  // The sample order: synthetic records, imported like any order file.
  const outDir = resolve(opts.out);
  mkdirSync(outDir, { recursive: true });
  const sampleFile = join(outDir, `sample-${seed}.ndjson`);
  let text = '';
  await writeSampleFile({ count: opts.count, seed, today: sampleAsOf(), photos: true, format: 'ndjson' }, (t) => {
    text += t;
  });
  writeFileSync(sampleFile, text);
  const order = `sample-${seed}-${opts.count}`;
  await store.importFile(sampleFile, { order, today: todayIso() });
  // The first start makes a supervisor; the password is shown this once and stored only as a scrypt hash.
  if (store.listOperators().length === 0) {
    const password = randomBytes(15).toString('base64url');
    store.addOperator({ name: 'supervisor', role: 'supervisor', passwordHash: hashPassword(password) });
    process.stdout.write(`first start: created the account "supervisor" with the password ${password} (shown once; add people with cardline user add)\n`);
  }
  const line = new ConsoleLine(simulatedLineStarter(db, 'workstation', opts.faults, opts.timeScale !== 1 ? opts.timeScale : undefined));
  const app = buildApi({ store, consoleLine: line });
  const address = await app.listen({ port: opts.port, host: opts.host });
  process.stdout.write(`cardline console: ${address}/  (sign in; the simulated workstation line is producing order ${order} of ${opts.count} records in real time)\n`);
  line.subscribe((e) => {
    if (e.type !== 'run' || (e.state !== 'ended' && e.state !== 'failed')) return;
    if (e.state === 'failed') {
      process.stdout.write(`the line stopped: ${e.error ?? 'unknown error'}\n`);
      return;
    }
    void writeReport(db, order, opts.out).then((file) => process.stdout.write(`order ${order} done; report: ${relative(process.cwd(), file)} (the console stays up: Ctrl-C to stop)\n`));
  });
  line.start(order, 'cardline start');
  const stop = () => {
    try {
      line.control('STOP');
    } catch {
      // The order is done: nothing runs.
    }
    void app.close().then(() => {
      store.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
