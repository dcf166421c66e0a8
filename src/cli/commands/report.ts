/**
 * `cardline report --order NAME [--out FILE.pdf] [--json] [--generated-at TIME]`: the production report of an
 * order, for operators and auditors (controller/report). Read-only: it never needs the data key, because the
 * report holds no personal data, so an auditor can run it on a copy of the database alone.
 *
 * It exits 0 whenever the report was made, even when the report shows cards unaccounted or a broken audit chain:
 * it is a document, and those findings are in it, in red. `cardline stock` and `cardline audit verify` are the
 * checks that fail a script.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ReportData } from '../../controller/report';
import { InputError, UsageError } from '../cli-errors';
import { withStore } from './store-command';

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$/;

/** Commander parser for `--generated-at`: an ISO 8601 time with its offset (a time without one is ambiguous). */
export function parseInstant(value: string): Date {
  const ms = INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a time like 2026-01-15T17:45:00Z`);
  return new Date(ms);
}

/** Writes through a temporary file and a rename, so a reader never sees half a report. */
function writeAtomically(path: string, bytes: Buffer): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new InputError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** The one line printed after the PDF is written: the figures an operator looks at first. */
function summaryLine(data: ReportData, out: string): string {
  const r = data.records;
  const fpy = data.yield.firstPassYield === null ? 'n/a' : `${(data.yield.firstPassYield * 100).toFixed(1)} %`;
  const stock = data.stock.unaccounted === 0 ? 'nothing unaccounted' : `${data.stock.unaccounted} cards UNACCOUNTED`;
  const audit = data.audit.ok ? 'audit chain verified' : 'audit chain BROKEN';
  return `order "${data.order.name}": ${r.produced} of ${r.total} records produced, first-pass yield ${fpy}, ${stock}, ${audit}; report written to ${out}\n`;
}

/** Registers `cardline report`. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('the production report of an order as an A4 PDF: yield, rejects, throughput, stations, card ledger, audit chain')
    .requiredOption('--order <name>', 'the order to report on')
    .option('--out <file>', 'write the PDF to FILE (folders created if missing)')
    .option('--json', 'print the report data as JSON (the PDF is still written when --out is given)')
    .option('--generated-at <time>', 'the report time, ISO 8601 with offset (default: now); the same time and data give the same PDF', parseInstant)
    .action(async (opts: { order: string; out?: string; json?: boolean; generatedAt?: Date }, cmd: Command) => {
      if (opts.out === undefined && !opts.json) throw new UsageError('report: give --out FILE.pdf, --json, or both');
      const generatedAt = opts.generatedAt ?? new Date();
      // Loaded here, not at the top: pdfkit and fontkit would slow every other command's start (see render.ts).
      const { gatherReportData, renderReportPdf } = await import('../../controller/report');
      const data = await withStore(cmd, { mustExist: true }, (store) => {
        const order = store.findOrder(opts.order);
        if (order === undefined) {
          const names = store.listOrders().map((o) => `"${o.name}"`);
          const known = names.length === 0 ? 'the database has no orders' : `orders: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}`;
          throw new InputError(`no order named "${opts.order}" (${known})`);
        }
        return gatherReportData(store, order.id, generatedAt);
      });
      if (opts.out !== undefined) writeAtomically(opts.out, await renderReportPdf(data));
      if (opts.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else if (opts.out !== undefined) process.stdout.write(summaryLine(data, opts.out));
    });
}
