/**
 * Font files for the card faces: the one module in templates/ that touches the file system. Text uses DejaVu
 * Sans and Sans Condensed from the `dejavu-fonts-ttf` npm package (full Vietnamese coverage, so output does not
 * depend on the machine); the MRZ uses OCR-B when Debian's `fonts-ocr-b` is installed, otherwise DejaVu Sans
 * Mono set to the ICAO pitch. Files are read once and the bytes cached for the life of the process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FontRole } from './layout';
import { mmToPt } from './units';

/** Where Debian's `fonts-ocr-b` package installs OCR-B. */
export const OCR_B_DEBIAN_PATH = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';

/** The MRZ typefaces cardline can use. */
export type MrzTypeface = 'ocr-b' | 'dejavu-sans-mono';

/** The MRZ typeface in use and the metrics needed to set it on the ICAO grid. */
export interface MrzFont {
  readonly typeface: MrzTypeface;
  readonly path: string;
  /** Advance width of every glyph (both faces are monospaced), in ems. */
  readonly advanceEm: number;
  /** Height of the capital H, in ems. */
  readonly capHeightEm: number;
}

// Metrics read from the font files (OCRB.otf: 1000 units/em, advance 723, H top 713; DejaVuSansMono.ttf:
// 2048 units/em, advance 1233, H top 1493); test/templates/fonts.test.ts checks them against the files.
const MRZ_METRICS: Record<MrzTypeface, { advanceEm: number; capHeightEm: number }> = {
  'ocr-b': { advanceEm: 0.723, capHeightEm: 0.713 },
  'dejavu-sans-mono': { advanceEm: 1233 / 2048, capHeightEm: 1493 / 2048 },
};

const DEJAVU_FILES: Record<Exclude<FontRole, 'mrz'>, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  'condensed-bold': 'DejaVuSansCondensed-Bold.ttf',
};

/** Every font role, in a fixed order. */
export const FONT_ROLES: readonly FontRole[] = ['regular', 'bold', 'condensed', 'condensed-bold', 'mrz'];

let dejavuDir: string | undefined;
let mrzPreference: 'auto' | MrzTypeface = 'auto';
let resolvedMrz: MrzFont | undefined;
const bytesCache = new Map<string, Buffer>();

function dejavuDirectory(): string {
  dejavuDir ??= join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return dejavuDir;
}

/**
 * Chooses the MRZ typeface: `auto` (the default) takes OCR-B when its file exists, else DejaVu Sans Mono.
 * Forcing one makes output identical across machines with and without `fonts-ocr-b`; forcing `ocr-b` where
 * it is not installed throws.
 */
export function setMrzTypeface(preference: 'auto' | MrzTypeface): void {
  if (preference === 'ocr-b' && !isOcrBInstalled()) {
    throw new Error(`OCR-B is not installed (${OCR_B_DEBIAN_PATH} missing); install fonts-ocr-b or use 'auto'`);
  }
  mrzPreference = preference;
  resolvedMrz = undefined;
}

/** File and metrics of an MRZ typeface, installed or not. */
export function mrzFontFor(typeface: MrzTypeface): MrzFont {
  const path = typeface === 'ocr-b' ? OCR_B_DEBIAN_PATH : join(dejavuDirectory(), 'DejaVuSansMono.ttf');
  return { typeface, path, ...MRZ_METRICS[typeface] };
}

/** True when OCR-B is installed where Debian puts it. */
export function isOcrBInstalled(): boolean {
  return existsSync(OCR_B_DEBIAN_PATH);
}

/** The MRZ typeface in use (resolved once per preference). */
export function mrzFont(): MrzFont {
  if (resolvedMrz === undefined) {
    const typeface: MrzTypeface =
      mrzPreference === 'auto' ? (isOcrBInstalled() ? 'ocr-b' : 'dejavu-sans-mono') : mrzPreference;
    resolvedMrz = mrzFontFor(typeface);
  }
  return resolvedMrz;
}

/** Absolute path of the file for a font role. */
export function fontPath(role: FontRole): string {
  return role === 'mrz' ? mrzFont().path : join(dejavuDirectory(), DEJAVU_FILES[role]);
}

/** The bytes of a role's font file, read on first use and cached. */
export function fontBytes(role: FontRole): Buffer {
  return bytesOf(fontPath(role));
}

/** The bytes of an MRZ typeface's file, whether or not it is the one in use (cached). */
export function mrzFontBytes(typeface: MrzTypeface): Buffer {
  return bytesOf(mrzFontFor(typeface).path);
}

function bytesOf(path: string): Buffer {
  let bytes = bytesCache.get(path);
  if (bytes === undefined) {
    bytes = readFileSync(path);
    bytesCache.set(path, bytes);
  }
  return bytes;
}

/** How to set the MRZ: the font size giving `capHeightMm` capitals, and the letter spacing giving `pitchMm`. */
export interface MrzSetting {
  readonly sizePt: number;
  /** Millimetres added after each character so that advance + spacing = pitch. */
  readonly letterSpacing: number;
}

/** The MRZ font size and spacing for the typeface in use (see {@link mrzFont}). */
export function mrzSetting(capHeightMm: number, pitchMm: number): MrzSetting {
  const font = mrzFont();
  const sizeMm = capHeightMm / font.capHeightEm;
  return { sizePt: mmToPt(sizeMm), letterSpacing: pitchMm - font.advanceEm * sizeMm };
}
