/**
 * `cardline chip`: data preparation and the chip station.
 * - `chip build FILE --out DIR`: the chip image of every valid record, one folder per person, one file per
 *   elementary file named by its FID (011E.bin, 0101.bin, ...).
 * - `chip personalize --reader NAME --record FILE`: writes the first record's image onto the card in a PC/SC
 *   reader (JMRTD-style personalization).
 * - `chip verify --reader NAME --record FILE`: the QC read-back (BAC, passive and active authentication,
 *   data against the record).
 */
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import type { ValidRecord } from '../../controller/import';
import { ApduCounter } from '../../devices/chip/apdu-trace';
import { ChipError, fidHex } from '../../devices/chip/errors';
import { JmrtdPersonalizer } from '../../devices/chip/personalizer';
import { QcReader, qcExpectationForRecord } from '../../devices/chip/qc-reader';
import { cryptoRandom } from '../../devices/chip/random';
import { InputError } from '../cli-errors';
import { positiveInteger } from '../options';
import { formatIssue, processRecordFile, reportIssues } from '../record-file';
import { chipImageForRecord } from './chip-image-for-record';
import { DEFAULT_PKI_DIR, cscaCertificatesFrom, documentSignerFor } from './chip-pki';
import { firstRecordOf, maskPersonalId } from './chip-record';
import { withCardInReader } from './chip-station';

/** Default time to wait for a card. */
const DEFAULT_CARD_TIMEOUT_MS = 30_000;
/** Default time-out of one APDU. */
const DEFAULT_APDU_TIMEOUT_MS = 5000;

/** Commander parser for the UPDATE BINARY chunk size (1-65535 bytes). */
const parseChunk = positiveInteger(65_535);

/** The message of a failed chip step, for the operator; the error's class name says what kind of fault it is. */
function chipFailure(step: string, e: unknown): never {
  if (e instanceof ChipError) throw new InputError(`${step} failed: ${e.message} [${e.name}]`);
  throw e;
}

/** Prints a JSON document. */
function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

interface BuildOptions {
  out: string;
  pki: string;
  json?: boolean;
}

async function buildCommand(file: string, opts: BuildOptions): Promise<void> {
  const signer = documentSignerFor(opts.pki);
  const valid: ValidRecord[] = [];
  const summary = await processRecordFile(file, { onValid: (r) => void valid.push(r) });
  reportIssues(file, summary, { warnings: false });
  const baseDir = path.dirname(file);
  const seen = new Map<string, number>();
  const built: unknown[] = [];
  let withoutPhoto = 0;
  for (const { row, record, product } of valid) {
    const earlier = seen.get(record.personalId);
    if (earlier !== undefined) {
      process.stderr.write(`error: ${formatIssue(file, { row, field: 'personalId', message: `the same person as row ${earlier}: not built twice` })}\n`);
      process.exitCode = 1;
      continue;
    }
    seen.set(record.personalId, row);
    let prepared;
    try {
      prepared = await chipImageForRecord({ record, product, row, baseDir, signer });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`error: ${file}: ${e.message}\n`);
      process.exitCode = 1;
      continue;
    }
    const dir = path.join(opts.out, record.personalId);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of prepared.image.files) fs.writeFileSync(path.join(dir, `${fidHex(f.fid)}.bin`), f.bytes);
    if (!prepared.hasPhoto) {
      withoutPhoto++;
      process.stderr.write(`note: ${file}: row ${row}: holder under 6, the card carries no photo: no DG2 (0102.bin) on this chip\n`);
    }
    built.push({
      row,
      personalId: record.personalId,
      product,
      dir,
      dg2: prepared.hasPhoto,
      files: prepared.image.files.map((f) => ({ fid: fidHex(f.fid), name: f.name, size: f.bytes.length })),
    });
  }
  const csca = path.join(opts.pki, 'csca.pem');
  if (opts.json) {
    printJson({ built: built.length, withoutPhoto, invalid: summary.invalid, out: opts.out, csca, cards: built });
    return;
  }
  process.stdout.write(
    `built ${built.length} chip image(s) in ${opts.out}${withoutPhoto > 0 ? ` (${withoutPhoto} without DG2)` : ''}; ` +
      `verify the SODs with the CSCA certificate ${csca}\n`,
  );
}

interface StationCliOptions {
  reader: string;
  record: string;
  pki: string;
  timeout: number;
  apduTimeout: number;
  json?: boolean;
}

async function personalizeCommand(opts: StationCliOptions & { chunk: number }): Promise<void> {
  const { row, record, product, recordsInFile } = await firstRecordOf(opts.record);
  if (recordsInFile > 1) process.stderr.write(`note: ${opts.record} holds ${recordsInFile} records; personalizing the first\n`);
  const signer = documentSignerFor(opts.pki);
  // Prepare before touching the card: a bad photo must not cost a blank.
  const { image, hasPhoto } = await chipImageForRecord({ record, product, row, baseDir: path.dirname(opts.record), signer });
  const counter = new ApduCounter();
  const started = performance.now();
  let result;
  try {
    result = await withCardInReader(
      {
        reader: opts.reader,
        timeoutMs: opts.timeout,
        apduTimeoutMs: opts.apduTimeout,
        trace: counter,
        onWaiting: (name) => process.stderr.write(`waiting up to ${Math.round(opts.timeout / 1000)} s for a card in "${name}"...\n`),
      },
      (channel) => new JmrtdPersonalizer({ maxChunk: opts.chunk }).personalize(channel, image),
    );
  } catch (e) {
    return chipFailure('personalization', e);
  }
  const ms = Math.round(performance.now() - started);
  const files = result.files.map((f) => ({ fid: fidHex(f.fid), name: f.name, size: f.size }));
  if (opts.json) {
    printJson({
      reader: opts.reader,
      personalId: maskPersonalId(record.personalId),
      product,
      apdus: result.apdus,
      apdusOnWire: counter.commands,
      bytesWritten: result.bytesWritten,
      files,
      locked: result.locked,
      dg2: hasPhoto,
      ms,
    });
    return;
  }
  process.stdout.write(
    `personalized ${maskPersonalId(record.personalId)} (${product}) in "${opts.reader}": ${files.length} files, ` +
      `${result.bytesWritten} bytes, ${result.apdus} APDUs, ${ms} ms${result.locked ? ', locked' : ''}\n`,
  );
  for (const f of files) process.stdout.write(`  ${f.fid} ${f.name.padEnd(6)} ${f.size} bytes\n`);
}

async function verifyCommand(opts: StationCliOptions & { csca?: string }): Promise<void> {
  const { record, product, recordsInFile } = await firstRecordOf(opts.record);
  if (recordsInFile > 1) process.stderr.write(`note: ${opts.record} holds ${recordsInFile} records; verifying against the first\n`);
  const cscaCertificates = cscaCertificatesFrom(opts.csca ?? path.join(opts.pki, 'csca.pem'));
  const started = performance.now();
  let report;
  try {
    report = await withCardInReader(
      {
        reader: opts.reader,
        timeoutMs: opts.timeout,
        apduTimeoutMs: opts.apduTimeout,
        onWaiting: (name) => process.stderr.write(`waiting up to ${Math.round(opts.timeout / 1000)} s for a card in "${name}"...\n`),
      },
      (channel) => new QcReader({ cscaCertificates, at: new Date(), random: cryptoRandom }).read(channel, qcExpectationForRecord(record, product)),
    );
  } catch (e) {
    return chipFailure('QC read-back', e);
  }
  const ms = Math.round(performance.now() - started);
  if (!report.passed) process.exitCode = 1;
  if (opts.json) {
    printJson({
      reader: opts.reader,
      personalId: maskPersonalId(record.personalId),
      passed: report.passed,
      locked: report.locked,
      bac: report.bac,
      passiveAuthentication: report.passiveAuthentication,
      activeAuthentication: report.activeAuthentication,
      dataMatchesRecord: report.dataMatchesRecord,
      ...(report.chipUid === undefined ? {} : { chipUid: report.chipUid }),
      dataGroupsRead: report.dataGroupsRead,
      errors: report.errors,
      checks: report.checks,
      apdus: report.apdus,
      ms,
    });
    return;
  }
  const mark = (ok: boolean) => (ok ? 'pass' : 'FAIL');
  process.stdout.write(
    `QC of ${maskPersonalId(record.personalId)} in "${opts.reader}": ${report.passed ? 'PASSED' : 'FAILED'} (${report.apdus} APDUs, ${ms} ms)\n` +
      `  locked                 ${mark(report.locked)}\n` +
      `  BAC                    ${mark(report.bac)}\n` +
      `  passive authentication ${mark(report.passiveAuthentication)}\n` +
      `  active authentication  ${mark(report.activeAuthentication)}\n` +
      `  data matches record    ${mark(report.dataMatchesRecord)}\n`,
  );
  for (const e of report.errors) process.stdout.write(`  error: ${e.check}: ${e.message}\n`);
}

function stationOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--reader <name>', 'PC/SC reader name, e.g. "Virtual PCD 00 00" (see pcsc_scan or cardline devices)')
    .requiredOption('--record <file>', 'record file (JSON, NDJSON or CSV); its first record is used')
    .option('--pki <dir>', 'PKI directory', DEFAULT_PKI_DIR)
    .option('--timeout <ms>', 'how long to wait for a card', positiveInteger(3_600_000), DEFAULT_CARD_TIMEOUT_MS)
    .option('--apdu-timeout <ms>', 'time-out of each command to the card', positiveInteger(600_000), DEFAULT_APDU_TIMEOUT_MS)
    .option('--json', 'print the result as JSON');
}

/** Registers `cardline chip` and its subcommands. */
export function registerChip(program: Command): void {
  const chip = program.command('chip').description('chip data preparation, personalization and QC read-back');

  chip
    .command('build')
    .description('build the chip image of every valid record: DIR/<personalId>/<FID>.bin; exit 1 if any record is invalid')
    .argument('<file>', 'record file (JSON, NDJSON or CSV)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--pki <dir>', 'PKI directory (Document Signer key, passphrase from CARDLINE_DS_PASSPHRASE)', DEFAULT_PKI_DIR)
    .option('--json', 'print what was built as JSON')
    .action((file: string, opts: BuildOptions) => buildCommand(file, opts));

  stationOptions(
    chip
      .command('personalize')
      .description('wait for a card in a PC/SC reader and write the record\'s chip image onto it (JMRTD applet commands)'),
  )
    .option('--chunk <bytes>', 'largest UPDATE BINARY chunk; above 255 needs extended-length support', parseChunk, 255)
    .action((opts: StationCliOptions & { chunk: number }) => personalizeCommand(opts));

  stationOptions(
    chip
      .command('verify')
      .description('QC read-back of the card in a PC/SC reader against the record; exit 1 when a check fails'),
  )
    .option('--csca <pem>', 'CSCA certificate(s) to trust (default: <pki>/csca.pem)')
    .action((opts: StationCliOptions & { csca?: string }) => verifyCommand(opts));

  for (const sub of chip.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
}

