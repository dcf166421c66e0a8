import type { CitizenRecord } from '../../identity/record';
import type { ProductId } from '../../identity/products';

/** One card to render: a validated record, its product and its photo bytes (already loaded). */
export interface RenderTask {
  record: CitizenRecord;
  product: ProductId;
  photo?: Uint8Array;
  /** Folder to write `<personalId>.pdf` (and the PNG panels) into. */
  outDir: string;
  /** Also write the 300-dpi printer panels `<personalId>-front.png` / `-back.png`. */
  raster: boolean;
}

/** What rendering one card produced: the files written, in order. */
export interface RenderResult {
  personalId: string;
  files: string[];
}
