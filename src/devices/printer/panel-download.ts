/**
 * The data of one `Db;<panel>;<encoding>;<length>;<data>` download: one ribbon plane of {@link PANEL_DOTS} bytes,
 * row by row from the top-left, either as is (`raw`) or as a zlib stream (`zlib`, RFC 1950: deflate plus an
 * Adler-32 checksum, so data damaged in transit is refused rather than printed).
 *
 * Compression is synchronous on purpose: under a virtual clock, work in libuv's thread pool would let virtual time
 * jump while a panel is being compressed, and a simulated shift would stop being deterministic. Level 1 keeps it at
 * a few milliseconds a plane (measured in the printer benchmark).
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PANEL_DOTS } from './panels';

/** The encodings of panel data. */
export const PANEL_ENCODINGS = ['raw', 'zlib'] as const;
/** One of {@link PANEL_ENCODINGS}. */
export type PanelEncoding = (typeof PANEL_ENCODINGS)[number];

/** True for a known encoding name. */
export function isPanelEncoding(name: string): name is PanelEncoding {
  return (PANEL_ENCODINGS as readonly string[]).includes(name);
}

/** Encodes one plane for download. */
export function encodePanelData(plane: Uint8Array, encoding: PanelEncoding): Uint8Array {
  return encoding === 'raw' ? plane : deflateSync(plane, { level: 1 });
}

/** Panel data the printer refuses (the simulator answers `ERR;2`). */
export class PanelDataError extends Error {
  override name = 'PanelDataError';
}

/**
 * Decodes downloaded data back into a plane of exactly {@link PANEL_DOTS} bytes.
 * @throws PanelDataError for an unknown encoding, a bad zlib stream (checksum, truncation) or a wrong size
 */
export function decodePanelData(data: Uint8Array, encoding: string): Uint8Array {
  let plane: Uint8Array;
  if (encoding === 'raw') {
    plane = data;
  } else if (encoding === 'zlib') {
    try {
      // The output limit stops a small stream from inflating into gigabytes.
      plane = inflateSync(data, { maxOutputLength: PANEL_DOTS + 1 });
    } catch (e) {
      throw new PanelDataError(`zlib data does not inflate to a panel: ${(e as Error).message}`);
    }
  } else {
    throw new PanelDataError(`unknown encoding "${encoding}"`);
  }
  if (plane.length !== PANEL_DOTS) throw new PanelDataError(`panel data is ${plane.length} bytes, expected ${PANEL_DOTS}`);
  return plane;
}
