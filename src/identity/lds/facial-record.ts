/**
 * The ISO/IEC 19794-5:2005 face image record that ICAO 9303-10 (DG2) carries in its biometric data block:
 *
 * ```
 * general header (14)   "FAC\0" "010\0" record length (4) number of faces (2)
 * per face:
 *   facial information (20)  record data length (4) feature points (2) gender (1) eye colour (1)
 *                            hair colour (1) property mask (3) expression (2) pose angle y/p/r (3)
 *                            pose angle uncertainty (3)
 *   feature points (8 each)  type (1) major/minor code (1) x (2) y (2) reserved (2)
 *   image information (12)   face image type (1) image data type (1) width (2) height (2)
 *                            colour space (1) source type (1) device type (2) quality (2)
 *   image data
 * ```
 * All integers big-endian. "record data length" counts the whole face block from its first byte.
 */
import { LdsFormatError } from './lds-error';

const FORMAT_ID = [0x46, 0x41, 0x43, 0x00]; // "FAC\0"
const VERSION_010 = [0x30, 0x31, 0x30, 0x00]; // "010\0"
const GENERAL_HEADER = 14;
const FACIAL_INFORMATION = 20;
const FEATURE_POINT = 8;
const IMAGE_INFORMATION = 12;

/** 19794-5 gender codes. */
export const GENDER = { unspecified: 0x00, male: 0x01, female: 0x02, unknown: 0xff } as const;
/** 19794-5 face image types. */
export const FACE_IMAGE_TYPE = { basic: 0x00, fullFrontal: 0x01, tokenFrontal: 0x02 } as const;
/** 19794-5 image data types. */
export const IMAGE_DATA_TYPE = { jpeg: 0x00, jpeg2000: 0x01 } as const;
/** 19794-5 image colour spaces. */
export const COLOUR_SPACE = { unspecified: 0x00, rgb24: 0x01, yuv422: 0x02, grey8: 0x03, other: 0x04 } as const;

/** One feature point (19794-5 section 5.5.6). */
export interface FeaturePoint {
  type: number;
  /** Major code in the high nibble, minor code in the low nibble (MPEG-4 feature point numbering). */
  code: number;
  x: number;
  y: number;
}

/** One face of a facial record: its facial information, feature points and image information and data. */
export interface FaceImage {
  gender: number;
  eyeColour: number;
  hairColour: number;
  /** 24-bit property mask. */
  propertyMask: number;
  expression: number;
  /** Yaw, pitch, roll (encoded as in the standard; 0 = unspecified). */
  poseAngle: [number, number, number];
  poseAngleUncertainty: [number, number, number];
  featurePoints: FeaturePoint[];
  faceImageType: number;
  imageDataType: number;
  width: number;
  height: number;
  colourSpace: number;
  sourceType: number;
  deviceType: number;
  quality: number;
  /** The JPEG or JPEG 2000 bytes. */
  imageData: Uint8Array;
}

/** A parsed facial record. */
export interface FacialRecord {
  /** The version field without its terminating NUL, e.g. "010". */
  version: string;
  faces: FaceImage[];
}

function u16(n: number, out: number[]): void {
  out.push((n >>> 8) & 0xff, n & 0xff);
}
function u24(n: number, out: number[]): void {
  out.push((n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
function u32(n: number, out: number[]): void {
  out.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** Encodes a facial record holding `faces` (usually one). Throws a RangeError when a field is out of range. */
export function encodeFacialRecord(faces: readonly FaceImage[]): Uint8Array {
  if (faces.length < 1 || faces.length > 0xffff) throw new RangeError('a facial record holds 1 to 65535 faces');
  const blocks = faces.map((f) => {
    for (const [name, v, max] of [
      ['width', f.width, 0xffff],
      ['height', f.height, 0xffff],
      ['propertyMask', f.propertyMask, 0xffffff],
      ['expression', f.expression, 0xffff],
      ['deviceType', f.deviceType, 0xffff],
      ['quality', f.quality, 0xffff],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`facial record: ${name} ${v} out of range`);
    }
    const head: number[] = [];
    const length = FACIAL_INFORMATION + FEATURE_POINT * f.featurePoints.length + IMAGE_INFORMATION + f.imageData.length;
    u32(length, head);
    u16(f.featurePoints.length, head);
    head.push(f.gender, f.eyeColour, f.hairColour);
    u24(f.propertyMask, head);
    u16(f.expression, head);
    head.push(...f.poseAngle, ...f.poseAngleUncertainty);
    for (const p of f.featurePoints) {
      head.push(p.type, p.code);
      u16(p.x, head);
      u16(p.y, head);
      u16(0, head);
    }
    head.push(f.faceImageType, f.imageDataType);
    u16(f.width, head);
    u16(f.height, head);
    head.push(f.colourSpace, f.sourceType);
    u16(f.deviceType, head);
    u16(f.quality, head);
    return { head: Uint8Array.from(head), data: f.imageData };
  });
  const total = GENERAL_HEADER + blocks.reduce((s, b) => s + b.head.length + b.data.length, 0);
  if (total > 0xffffffff) throw new RangeError('facial record too long');
  const header: number[] = [...FORMAT_ID, ...VERSION_010];
  u32(total, header);
  u16(faces.length, header);
  const out = new Uint8Array(total);
  out.set(header, 0);
  let at = GENERAL_HEADER;
  for (const b of blocks) {
    out.set(b.head, at);
    at += b.head.length;
    out.set(b.data, at);
    at += b.data.length;
  }
  return out;
}

/**
 * Parses a facial record. `base` is the offset of `bytes` inside the file being read, so that errors give
 * absolute offsets. Throws {@link LdsFormatError} (file "DG2") when a header is wrong or a declared length
 * disagrees with the bytes present.
 */
export function parseFacialRecord(bytes: Uint8Array, base = 0): FacialRecord {
  const fail = (path: string, problem: string, at: number): never => {
    throw new LdsFormatError('DG2', `facial record ${path}`, problem, base + at);
  };
  const need = (at: number, n: number, path: string): void => {
    if (at + n > bytes.length) fail(path, `needs ${n} bytes, ${Math.max(0, bytes.length - at)} remain`, at);
  };
  const r16 = (at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
  const r24 = (at: number) => (bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!;
  const r32 = (at: number) => bytes[at]! * 0x1000000 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);

  need(0, GENERAL_HEADER, 'general header');
  if (!FORMAT_ID.every((b, i) => bytes[i] === b)) fail('general header', 'format identifier is not "FAC\\0"', 0);
  if (bytes[7] !== 0) fail('general header', 'version is not NUL-terminated', 7);
  const version = Buffer.from(bytes.subarray(4, 7)).toString('latin1');
  const recordLength = r32(8);
  if (recordLength !== bytes.length) {
    fail('general header', `record length says ${recordLength} bytes, the data block has ${bytes.length}`, 8);
  }
  const count = r16(12);
  if (count === 0) fail('general header', 'number of faces is 0', 12);

  const faces: FaceImage[] = [];
  let at = GENERAL_HEADER;
  for (let i = 0; i < count; i++) {
    const path = `face ${i + 1}`;
    need(at, FACIAL_INFORMATION, `${path} facial information`);
    const length = r32(at);
    const points = r16(at + 4);
    const fixed = FACIAL_INFORMATION + FEATURE_POINT * points + IMAGE_INFORMATION;
    if (length < fixed) fail(path, `facial record data length ${length} is shorter than its headers (${fixed})`, at);
    need(at, length, path);
    const featurePoints: FeaturePoint[] = [];
    for (let p = 0; p < points; p++) {
      const q = at + FACIAL_INFORMATION + FEATURE_POINT * p;
      featurePoints.push({ type: bytes[q]!, code: bytes[q + 1]!, x: r16(q + 2), y: r16(q + 4) });
    }
    const ii = at + FACIAL_INFORMATION + FEATURE_POINT * points;
    faces.push({
      gender: bytes[at + 6]!,
      eyeColour: bytes[at + 7]!,
      hairColour: bytes[at + 8]!,
      propertyMask: r24(at + 9),
      expression: r16(at + 12),
      poseAngle: [bytes[at + 14]!, bytes[at + 15]!, bytes[at + 16]!],
      poseAngleUncertainty: [bytes[at + 17]!, bytes[at + 18]!, bytes[at + 19]!],
      featurePoints,
      faceImageType: bytes[ii]!,
      imageDataType: bytes[ii + 1]!,
      width: r16(ii + 2),
      height: r16(ii + 4),
      colourSpace: bytes[ii + 6]!,
      sourceType: bytes[ii + 7]!,
      deviceType: r16(ii + 8),
      quality: r16(ii + 10),
      imageData: bytes.subarray(ii + IMAGE_INFORMATION, at + length),
    });
    at += length;
  }
  if (at !== bytes.length) fail('end', `${bytes.length - at} bytes follow the last face`, at);
  return { version, faces };
}
