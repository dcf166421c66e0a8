/**
 * Helpers for tests that check rendered output with poppler-utils (pdftoppm, pdftotext, pdffonts, pdfinfo)
 * and decode QR codes with jsqr. Output files go under the OS temp directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** True when poppler-utils are installed. */
export const HAVE_POPPLER = ['pdftoppm', 'pdftotext', 'pdffonts', 'pdfinfo'].every(
  (tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined,
);

/** Says why a poppler test does nothing here; returns true when the test should skip. */
export function skipWithoutPoppler(what: string): boolean {
  if (!HAVE_POPPLER) console.warn(`skipped "${what}": poppler-utils (pdftoppm, pdftotext, pdffonts) not installed`);
  return !HAVE_POPPLER;
}

const created: string[] = [];

/** A fresh directory under the OS temp directory (removed by {@link removeTempDirs}). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cardline-templates-'));
  created.push(dir);
  return dir;
}

/** Removes the directories {@link tempDir} made. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `pdf` to a temp file and returns its path. */
export function writePdf(pdf: Buffer, name = 'card.pdf'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, pdf);
  return path;
}

/** Runs a poppler tool and returns its stdout as UTF-8. */
export function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

/** Rasterises one page (1-based) at `dpi` with pdftoppm and returns the PNG. */
export function rasterisePage(pdfPath: string, page: number, dpi = 300): Buffer {
  const prefix = join(tempDir(), 'page');
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', pdfPath, prefix]);
  return readFileSync(`${prefix}.png`);
}

/** Decodes the QR code in a PNG with jsqr; null when none is found. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  return result === null ? null : result.data;
}

/** Width and height of a PNG. */
export function pngSize(png: Buffer): [number, number] {
  const image = PNG.sync.read(png);
  return [image.width, image.height];
}

/** The RGB of one pixel of a PNG. */
export function pngPixel(png: Buffer, x: number, y: number): [number, number, number] {
  const image = PNG.sync.read(png);
  const i = (y * image.width + x) * 4;
  return [image.data[i] ?? -1, image.data[i + 1] ?? -1, image.data[i + 2] ?? -1];
}
