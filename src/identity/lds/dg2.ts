/**
 * DG2, the encoded face (ICAO 9303-10 section 4.7.2), a CBEFF structure (ISO/IEC 7816-11 annex C):
 *
 * ```
 * 75 L                                   DG2
 *   7F61 L                               biometric information group template
 *     02 01 n                            number of instances
 *     7F60 L                             biometric information template (one per instance)
 *       A1 L                             biometric header template
 *         80 02 0101                     ICAO header version 1.1
 *         81 01 02                       biometric type: facial features
 *         82 01 00                       biometric subtype: no information
 *         87 02 0101                     format owner: ISO/IEC JTC 1/SC 37
 *         88 02 0008                     format type: ISO/IEC 19794-5 face image
 *       5F2E L <ISO/IEC 19794-5 facial record>   biometric data block
 * ```
 * The optional creation date (83), validity period (85) and creator (86) are not written: they would need a
 * clock or an identity the data preparation does not have, and ICAO 9303-10 marks them optional.
 */
import { dataGroupFile } from './lds-files';
import { LdsFormatError } from './lds-error';
import {
  COLOUR_SPACE,
  FACE_IMAGE_TYPE,
  GENDER,
  IMAGE_DATA_TYPE,
  encodeFacialRecord,
  parseFacialRecord,
  type FaceImage,
} from './facial-record';
import { readJpegInfo } from './jpeg-info';
import { children, encodeTlv, readSingleTlv, tagHex, type Tlv } from './tlv';

const TAG_DG2 = dataGroupFile(2).tag;
const TAG_GROUP = 0x7f61;
const TAG_COUNT = 0x02;
const TAG_TEMPLATE = 0x7f60;
const TAG_HEADER = 0xa1;
const TAG_DATA_BLOCK = 0x5f2e;
const TAG_ENCIPHERED_DATA_BLOCK = 0x7f2e;
const TAG_FORMAT_OWNER = 0x87;
const TAG_FORMAT_TYPE = 0x88;
/** Format owner 0101 (SC 37) with format type 0008 (19794-5 face). */
const FORMAT_OWNER_SC37 = 0x0101;
const FORMAT_TYPE_FACE = 0x0008;

/** What the chip's face record says about the holder and the photo. */
export interface Dg2Input {
  /** The portrait, a baseline or progressive JPEG. */
  jpeg: Uint8Array;
  /** Holder's sex, written as the 19794-5 gender; omitted = unspecified. */
  sex?: 'M' | 'F';
}

/** Builds DG2 for one JPEG portrait. Throws an LdsFormatError (file "JPEG") when the bytes are not a JPEG. */
export function buildDg2(input: Dg2Input): Uint8Array {
  const info = readJpegInfo(input.jpeg);
  const face: FaceImage = {
    gender: input.sex === 'M' ? GENDER.male : input.sex === 'F' ? GENDER.female : GENDER.unspecified,
    eyeColour: 0,
    hairColour: 0,
    propertyMask: 0,
    expression: 0,
    poseAngle: [0, 0, 0],
    poseAngleUncertainty: [0, 0, 0],
    featurePoints: [],
    faceImageType: FACE_IMAGE_TYPE.fullFrontal,
    imageDataType: IMAGE_DATA_TYPE.jpeg,
    width: info.width,
    height: info.height,
    colourSpace: info.components === 1 ? COLOUR_SPACE.grey8 : info.components === 3 ? COLOUR_SPACE.rgb24 : COLOUR_SPACE.other,
    // 0 = unspecified for source type, device type and quality: data preparation does not know how the
    // photo was captured (19794-5 tables 10, 11).
    sourceType: 0,
    deviceType: 0,
    quality: 0,
    imageData: input.jpeg,
  };
  const header = encodeTlv(TAG_HEADER, [
    encodeTlv(0x80, Uint8Array.of(0x01, 0x01)),
    encodeTlv(0x81, Uint8Array.of(0x02)),
    encodeTlv(0x82, Uint8Array.of(0x00)),
    encodeTlv(TAG_FORMAT_OWNER, Uint8Array.of(FORMAT_OWNER_SC37 >> 8, FORMAT_OWNER_SC37 & 0xff)),
    encodeTlv(TAG_FORMAT_TYPE, Uint8Array.of(FORMAT_TYPE_FACE >> 8, FORMAT_TYPE_FACE & 0xff)),
  ]);
  const template = encodeTlv(TAG_TEMPLATE, [header, encodeTlv(TAG_DATA_BLOCK, encodeFacialRecord([face]))]);
  return encodeTlv(TAG_DG2, encodeTlv(TAG_GROUP, [encodeTlv(TAG_COUNT, Uint8Array.of(1)), template]));
}

/** One biometric information template of DG2. */
export interface Dg2Biometric {
  /** The biometric header template's data objects, tag -> value bytes (e.g. 0x87 -> 01 01). */
  header: Map<number, Uint8Array>;
  formatOwner: number;
  formatType: number;
  /** The 19794-5 facial record's version, e.g. "010". */
  recordVersion: string;
  faces: FaceImage[];
}

/** Parsed DG2. */
export interface Dg2 {
  biometrics: Dg2Biometric[];
  /** Shortcut to the first face's image (JPEG or JPEG 2000 bytes, see `imageDataType`). */
  image: Uint8Array;
  /** 0 = JPEG, 1 = JPEG 2000 (19794-5). */
  imageDataType: number;
}

function fail(path: string, problem: string, at: number): never {
  throw new LdsFormatError('DG2', path, problem, at);
}

function one(list: Tlv[], tag: number, path: string, at: number): Tlv {
  const found = list.filter((t) => t.tag === tag);
  if (found.length !== 1) fail(path, `expected one ${tagHex(tag)} element, found ${found.length}`, at);
  return found[0]!;
}

function u16Value(t: Tlv, path: string): number {
  if (t.value.length !== 2) fail(path, `expected 2 bytes, found ${t.value.length}`, t.offset);
  return (t.value[0]! << 8) | t.value[1]!;
}

/**
 * Parses DG2. Checks that the instance count matches the templates present, that every template is an
 * ISO/IEC 19794-5 face record (format owner 0101, type 0008) and that every declared length agrees with
 * the bytes. Throws {@link LdsFormatError} or `TlvError`.
 */
export function parseDg2(bytes: Uint8Array): Dg2 {
  const outer = readSingleTlv(bytes);
  if (outer.tag !== TAG_DG2) fail('outer tag', `expected 75, found ${tagHex(outer.tag)}`, 0);
  const group = one(children(outer), TAG_GROUP, '7F61', outer.valueOffset);
  const items = children(group);
  const countTlv = one(items, TAG_COUNT, '7F61/02 instance count', group.valueOffset);
  if (countTlv.value.length !== 1) fail('7F61/02', 'instance count is not one byte', countTlv.offset);
  const count = countTlv.value[0]!;
  const templates = items.filter((t) => t.tag === TAG_TEMPLATE);
  if (templates.length !== count) {
    fail('7F61', `instance count says ${count}, found ${templates.length} 7F60 templates`, countTlv.offset);
  }
  const biometrics = templates.map((tpl, i): Dg2Biometric => {
    const path = `7F61/7F60[${i}]`;
    const parts = children(tpl);
    if (parts.some((t) => t.tag === TAG_ENCIPHERED_DATA_BLOCK)) {
      fail(path, 'enciphered biometric data block (7F2E) is not supported', tpl.offset);
    }
    const headerTlv = one(parts, TAG_HEADER, `${path}/A1`, tpl.valueOffset);
    const header = new Map<number, Uint8Array>();
    for (const t of children(headerTlv)) header.set(t.tag, t.value);
    const headerItems = children(headerTlv);
    const formatOwner = u16Value(one(headerItems, TAG_FORMAT_OWNER, `${path}/A1/87`, headerTlv.offset), `${path}/A1/87`);
    const formatType = u16Value(one(headerItems, TAG_FORMAT_TYPE, `${path}/A1/88`, headerTlv.offset), `${path}/A1/88`);
    if (formatOwner !== FORMAT_OWNER_SC37 || formatType !== FORMAT_TYPE_FACE) {
      fail(`${path}/A1`, `format ${formatOwner.toString(16)}/${formatType.toString(16)} is not ISO/IEC 19794-5 (0101/0008)`, headerTlv.offset);
    }
    const block = one(parts, TAG_DATA_BLOCK, `${path}/5F2E`, tpl.valueOffset);
    const record = parseFacialRecord(block.value, block.valueOffset);
    return { header, formatOwner, formatType, recordVersion: record.version, faces: record.faces };
  });
  const first = biometrics[0]?.faces[0];
  if (first === undefined) fail('7F61', 'no face image', group.offset);
  return { biometrics, image: first.imageData, imageDataType: first.imageDataType };
}
