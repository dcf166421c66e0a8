/**
 * Cards as a printer prints them, for the scanner tests: real sample records, their card views, the 300-dpi print
 * panels (PRINT_LAYERS) as packed RGB, placed on blanks made by a Plant.
 */
import { sampleRecords } from '../../../src/identity/sample/generate-sample';
import type { ProductId } from '../../../src/identity/products';
import type { CitizenRecord } from '../../../src/identity/record';
import type { PhysicalCard, PrintedSide } from '../../../src/simulators/plant/physical-card';
import { toCardView } from '../../../src/templates/card-view';
import { PRINT_LAYERS } from '../../../src/templates/paint-face';
import { canvasToRgb, renderCardCanvases } from '../../../src/templates/render-raster';

/** A record, its QR payload and both printed sides. */
export interface PrintedRecord {
  record: CitizenRecord;
  payload: string;
  front: PrintedSide;
  back: PrintedSide;
}

/** The first sample record of a product for a seed, rendered. */
export function printedRecord(product: ProductId, seed: string): PrintedRecord {
  const [record] = sampleRecords({ count: 1, seed, today: '2026-06-30', product });
  if (record === undefined) throw new Error('no sample record');
  const view = toCardView(record, product);
  const canvases = renderCardCanvases(view, { layers: PRINT_LAYERS });
  const side = (c: (typeof canvases)['front']): PrintedSide => ({ width: c.width, height: c.height, rgb: canvasToRgb(c) });
  return { record, payload: view.qrPayload, front: side(canvases.front), back: side(canvases.back) };
}

/** Prints both sides of `printed` on `card`, as the printer simulator would. */
export function printOn(card: PhysicalCard, printed: PrintedRecord): void {
  card.printed = { front: printed.front, back: printed.back };
}

/** A copy of a side moved right and down by (dx, dy) pixels (a misregistered print), white where nothing lands. */
export function shifted(side: PrintedSide, dx: number, dy: number): PrintedSide {
  const rgb = new Uint8Array(side.rgb.length).fill(255);
  for (let y = 0; y < side.height; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= side.height) continue;
    for (let x = 0; x < side.width; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= side.width) continue;
      const s = (y * side.width + x) * 3;
      const t = (ty * side.width + tx) * 3;
      rgb[t] = side.rgb[s] as number;
      rgb[t + 1] = side.rgb[s + 1] as number;
      rgb[t + 2] = side.rgb[s + 2] as number;
    }
  }
  return { width: side.width, height: side.height, rgb };
}
