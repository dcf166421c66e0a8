/**
 * QR code modules as horizontal runs. Drawing one rectangle per run of dark modules instead of one per module
 * halves the rectangles of a card's QR (about 870 dark modules make about 440 runs in a version-8 code), which
 * keeps PDFs smaller and faster to write and read.
 */
import { create } from 'qrcode';

/** A horizontal run of dark modules: row `y`, columns `x` to `x + length - 1`. */
export interface ModuleRun {
  readonly x: number;
  readonly y: number;
  readonly length: number;
}

/** A QR symbol as runs of dark modules. */
export interface QrRuns {
  /** Modules per side (21 for version 1, +4 per version). */
  readonly modules: number;
  readonly version: number;
  readonly runs: readonly ModuleRun[];
}

/** The last few symbols: the PDF proof and the printer panels of one card encode the same payload. */
const recent = new Map<string, QrRuns>();
const RECENT_LIMIT = 8;

/**
 * Encodes `payload` as one byte-mode segment (UTF-8) at error correction level M, the level the Vietnamese cards'
 * QR codes are read at, and returns its dark modules merged into horizontal runs. One byte segment rather than
 * the library's optimal segmentation: the payloads are mostly non-ASCII text, so the symbol comes out the same
 * size, and the segment search cost a quarter of the encoding time.
 */
export function qrRuns(payload: string): QrRuns {
  const cached = recent.get(payload);
  if (cached !== undefined) return cached;
  const result = encodeRuns(payload);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(payload, result);
  return result;
}

function encodeRuns(payload: string): QrRuns {
  const qr = create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const runs: ModuleRun[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (data[y * n + x]) {
        let end = x + 1;
        while (end < n && data[y * n + end]) end++;
        runs.push({ x, y, length: end - x });
        x = end;
      } else {
        x++;
      }
    }
  }
  return { modules: n, version: qr.version, runs };
}
