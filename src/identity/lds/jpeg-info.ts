/**
 * Width, height and component count of a JPEG, read from its start-of-frame marker (ITU-T T.81 section B.2.2).
 * The ISO/IEC 19794-5 image information block must state the image size, and the size must be the JPEG's
 * own, so it is read from the file rather than trusted from a caller.
 */
import { LdsFormatError } from './lds-error';

/** What the facial record needs to know about a JPEG. */
export interface JpegInfo {
  width: number;
  height: number;
  /** 1 = greyscale, 3 = YCbCr/RGB, 4 = CMYK. */
  components: number;
}

/** True when `bytes` starts with the JPEG SOI marker FFD8 followed by another marker. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** True when `bytes` starts with a JPEG 2000 signature box (ISO/IEC 15444-1 annex I) or codestream SOC+SIZ. */
export function isJpeg2000(bytes: Uint8Array): boolean {
  const box = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
  const codestream = [0xff, 0x4f, 0xff, 0x51];
  const startsWith = (sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  return startsWith(box) || startsWith(codestream);
}

/** SOFn markers that carry frame dimensions: C0-CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * Reads the frame header of a JPEG. Throws {@link LdsFormatError} (file "JPEG") when the bytes are not a JPEG,
 * are truncated, or reach the scan data without a frame header.
 */
export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  const fail = (problem: string, at: number): never => {
    throw new LdsFormatError('JPEG', 'markers', problem, at);
  };
  if (!isJpeg(bytes)) fail('does not start with the SOI marker FFD8', 0);
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) fail('expected a marker (FF xx)', pos);
    // Any number of FF fill bytes may precede a marker (T.81 B.1.1.2).
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    if (pos >= bytes.length) break;
    const marker = bytes[pos++]!;
    // Markers without a length field: TEM and RST0-RST7 (and a stray SOI).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) fail('no frame header (SOF) before the scan data', pos - 2);
    if (pos + 2 > bytes.length) fail('segment length truncated', pos);
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2 || pos + length > bytes.length) fail(`segment length ${length} runs past the end`, pos);
    if (isStartOfFrame(marker)) {
      if (length < 8) fail('frame header too short', pos);
      const height = (bytes[pos + 3]! << 8) | bytes[pos + 4]!;
      const width = (bytes[pos + 5]! << 8) | bytes[pos + 6]!;
      const components = bytes[pos + 7]!;
      if (width === 0 || height === 0) fail('frame header gives a zero width or height', pos);
      return { width, height, components };
    }
    pos += length;
  }
  return fail('ends before a frame header (SOF)', bytes.length);
}
