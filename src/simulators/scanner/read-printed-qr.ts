/**
 * The optics of the simulated scanner: find and decode the QR code in what a printer printed on one side of a
 * card (a 300-dpi RGB panel), with jsQR. The symbol's raw bytes are returned, as a HID POS scanner would send
 * them; turning them into text is the caller's business.
 */
import jsQR from 'jsqr';
import type { PrintedSide } from '../plant/physical-card';
import type { PixelBox } from './qr-regions';

/** What the optics saw on one side. */
export type PrintedQrRead =
  | { readonly found: true; readonly bytes: Uint8Array; readonly region: PixelBox | 'full-panel' }
  | { readonly found: false };

/** The crop of an RGB panel as RGBA, for jsQR. */
function cropToRgba(side: PrintedSide, box: PixelBox): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(box.width * box.height * 4);
  for (let y = 0; y < box.height; y++) {
    let src = ((box.y + y) * side.width + box.x) * 3;
    let dst = y * box.width * 4;
    for (let x = 0; x < box.width; x++, src += 3, dst += 4) {
      rgba[dst] = side.rgb[src] as number;
      rgba[dst + 1] = side.rgb[src + 1] as number;
      rgba[dst + 2] = side.rgb[src + 2] as number;
      rgba[dst + 3] = 255;
    }
  }
  return rgba;
}

function inside(side: PrintedSide, box: PixelBox): boolean {
  return box.x >= 0 && box.y >= 0 && box.width > 0 && box.height > 0 && box.x + box.width <= side.width && box.y + box.height <= side.height;
}

function decode(side: PrintedSide, box: PixelBox): Uint8Array | undefined {
  // Printed codes are dark on light: skipping the inverted pass halves jsQR's work.
  const code = jsQR(cropToRgba(side, box), box.width, box.height, { inversionAttempts: 'dontInvert' });
  return code === null ? undefined : Uint8Array.from(code.binaryData);
}

/** True when the panel's pixel buffer matches its size (a garbled panel is unreadable, not a crash). */
export function isWellFormedPanel(side: PrintedSide): boolean {
  return Number.isInteger(side.width) && Number.isInteger(side.height) && side.width > 0 && side.height > 0 && side.rgb.length === side.width * side.height * 3;
}

/** The whole panel as a region. */
export function fullPanel(side: PrintedSide): PixelBox {
  return { x: 0, y: 0, width: side.width, height: side.height };
}

/**
 * Decodes the first QR found in `regions` of a printed side, trying them in order and skipping those that do not
 * fit the panel. Pass `[fullPanel(side)]` to search everywhere (slow: see SCANNER.md for the figures).
 */
export function readPrintedQr(side: PrintedSide, regions: readonly PixelBox[]): PrintedQrRead {
  if (!isWellFormedPanel(side)) return { found: false };
  for (const region of regions) {
    if (!inside(side, region)) continue;
    const bytes = decode(side, region);
    if (bytes !== undefined) return { found: true, bytes, region: isFull(side, region) ? 'full-panel' : region };
  }
  return { found: false };
}

function isFull(side: PrintedSide, box: PixelBox): boolean {
  return box.x === 0 && box.y === 0 && box.width === side.width && box.height === side.height;
}
