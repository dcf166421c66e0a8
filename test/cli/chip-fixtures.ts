/**
 * What the chip CLI tests share: running the built CLI (`npm test` builds first; run `npm run build` when
 * calling jest directly), a temporary work folder, and a record file with an adult (photo as a file next to
 * the records), a Căn cước child under 6 (no photo) and an invalid record.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';

/** The built CLI entry point. */
export const CLI = path.resolve(__dirname, '../../dist/cli/main.js');

/** A passphrase for the test PKIs (at least 12 characters). */
export const PASSPHRASE = 'chip cli test passphrase';

/** Today for the validator, pinned so the fixture records stay valid. */
export const TODAY = '2026-01-15';

/** Fails clearly when the CLI was not built. */
export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it)`);
}

/** The environment of a CLI run: pinned date, the passphrase unless `passphrase: null`. */
export function cliEnv(extra: { passphrase?: string | null } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CARDLINE_TODAY: TODAY };
  delete env.CARDLINE_DS_PASSPHRASE;
  if (extra.passphrase !== null) env.CARDLINE_DS_PASSPHRASE = extra.passphrase ?? PASSPHRASE;
  return env;
}

/** The result of a finished CLI run. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion (with a time-out, so a hang fails the test instead of jest). */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env ?? cliEnv(), encoding: 'utf8', timeout: options.timeoutMs ?? 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI in the background (for `sim chip`); lines of stdout are collected. */
export function startCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env ?? cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    const parts = (partial + d).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => lines.push(`stderr: ${d.trim()}`));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

/** Waits until a line matching `pattern` appeared, or throws after `timeoutMs`. */
export async function waitForLine(lines: string[], pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = lines.find((l) => pattern.test(l));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A temporary folder. */
export function workDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A small JPEG portrait. */
export function portraitJpeg(): Buffer {
  const canvas = createCanvas(90, 120);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#dde4ee';
  ctx.fillRect(0, 0, 90, 120);
  ctx.fillStyle = '#7a5c44';
  ctx.fillRect(25, 20, 40, 60);
  return canvas.encodeSync('jpeg', 80);
}

/** Synthetic people (made-up data). */
export const ADULT = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Phú Lương, Hà Đông, Hà Nội',
  placeOfResidence: 'Số 1, phố Giả Định, phường Mẫu, quận Thử, Hà Nội',
  identifyingMarks: 'Nốt ruồi cách 2cm dưới mép phải',
  issueDate: '2021-06-22',
  fatherName: 'Nguyễn Văn Ba',
  motherName: 'Lê Thị Tư',
  photo: 'mai.jpg',
};
/** A Căn cước holder aged 3 on the issue date: no photo on the card. */
export const CHILD = {
  personalId: '079221004567',
  fullName: 'Trần Minh An',
  dateOfBirth: '2021-05-10',
  sex: 'M',
  placeOfBirthRegistration: 'Phường Bến Nghé, Quận 1, TP Hồ Chí Minh',
  placeOfResidence: 'Số 9, đường Thử, Quận 1, TP Hồ Chí Minh',
  issueDate: '2025-01-15',
};
/** Invalid: the date of birth does not exist. */
export const BROKEN = { ...ADULT, personalId: '001199054321', dateOfBirth: '1999-02-30' };

/** Writes `records` as NDJSON (and the adult's photo) into `dir`; returns the file path. */
export function writeRecords(dir: string, records: readonly object[], name = 'records.ndjson'): string {
  fs.writeFileSync(path.join(dir, 'mai.jpg'), portraitJpeg());
  const file = path.join(dir, name);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}
