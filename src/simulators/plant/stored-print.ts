/**
 * How a plant keeps what was printed on a card side: compressed, never as the 2 MB of RGB a side composes to.
 *
 * - `planes-zlib`: what a printer received, as it received it: the five ribbon planes (y, m, c, k, o) as zlib
 *   streams, one after the other behind a header of their five lengths (4 bytes each, big-endian). The printer
 *   protocol already ships planes compressed (about 350 KB a side for a rendered ID card), so keeping them costs no
 *   compression at print time; a plane downloaded `raw` is deflated here (level 1).
 * - `rgb-deflate`: a side given as RGB (a test, or a side copied from elsewhere), deflated at level 1.
 *
 * Decoding composes the RGB a printer lays down from the planes (`composeRgb`): the same pixels as before.
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { composeRgb, PANEL_HEIGHT, PANEL_WIDTH, YMCKO, type RibbonPanel, type SidePlanes } from '../../devices/printer/panels';
import type { PrintedSide } from './physical-card';

/** The storage encodings of a printed side. */
export type StoredPrintEncoding = 'planes-zlib' | 'rgb-deflate';

/** A printed side as the plant stores it. */
export interface StoredPrint {
  readonly encoding: StoredPrintEncoding;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** One ribbon plane as a printer received it in a `Db` download. */
export interface ReceivedPlane {
  /** `zlib` (RFC 1950) or `raw`. */
  readonly encoding: string;
  /** The download's bytes, as they came over the link. */
  readonly data: Uint8Array;
}

/** The five planes of one side as received. */
export type ReceivedPlanes = Readonly<Record<RibbonPanel, ReceivedPlane>>;

/** A stored side whose bytes do not decode (a damaged plant file). */
export class StoredPrintError extends Error {
  override name = 'StoredPrintError';
}

const HEADER_BYTES = 4 * YMCKO.length;

/** Packs the planes a printer received; raw planes are deflated (level 1, as the printer driver does). */
export function storedFromPlanes(planes: ReceivedPlanes, width = PANEL_WIDTH, height = PANEL_HEIGHT): StoredPrint {
  const streams = YMCKO.map((p) => {
    const plane = planes[p];
    return plane.encoding === 'zlib' ? plane.data : deflateSync(plane.data, { level: 1 });
  });
  const total = HEADER_BYTES + streams.reduce((n, s) => n + s.length, 0);
  const data = new Uint8Array(total);
  const view = new DataView(data.buffer);
  let at = HEADER_BYTES;
  streams.forEach((s, i) => {
    view.setUint32(4 * i, s.length);
    data.set(s, at);
    at += s.length;
  });
  return { encoding: 'planes-zlib', width, height, data };
}

/** Packs a side given as RGB. */
export function storedFromRgb(side: Pick<PrintedSide, 'width' | 'height' | 'rgb'>): StoredPrint {
  return { encoding: 'rgb-deflate', width: side.width, height: side.height, data: deflateSync(side.rgb, { level: 1 }) };
}

/** SHA-256 (hex) of a stored side: its encoding and bytes. Two prints of the same data the same way agree. */
export function storedPrintDigest(print: StoredPrint): string {
  return createHash('sha256').update(print.encoding).update(print.data).digest('hex');
}

/** The ribbon planes of a `planes-zlib` side. */
export function decodePlanes(print: StoredPrint): SidePlanes {
  if (print.encoding !== 'planes-zlib') throw new StoredPrintError(`a ${print.encoding} side has no ribbon planes`);
  const data = print.data;
  if (data.length < HEADER_BYTES) throw new StoredPrintError('stored planes: header truncated');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const planes: Partial<SidePlanes> = {};
  let at = HEADER_BYTES;
  YMCKO.forEach((p, i) => {
    const length = view.getUint32(4 * i);
    if (at + length > data.length) throw new StoredPrintError(`stored planes: plane ${p} truncated`);
    try {
      planes[p] = inflateSync(data.subarray(at, at + length));
    } catch (e) {
      throw new StoredPrintError(`stored planes: plane ${p} does not inflate: ${(e as Error).message}`);
    }
    at += length;
  });
  return planes as SidePlanes;
}

/** The RGB of a stored side. */
export function decodeStoredPrint(print: StoredPrint): Uint8Array {
  if (print.encoding === 'rgb-deflate') {
    try {
      return new Uint8Array(inflateSync(print.data));
    } catch (e) {
      throw new StoredPrintError(`stored RGB does not inflate: ${(e as Error).message}`);
    }
  }
  return composeRgb(decodePlanes(print));
}
