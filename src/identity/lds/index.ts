/**
 * The ICAO 9303 LDS1 encoders and parsers: what goes on the chip (EF.COM, DG1, DG2, DG13, DG15, EF.SOD),
 * how it is read back, and Active Authentication. See LDS.md for the choices made.
 */
export type { BacKeyInput, ChipFile, ChipImage } from './chip-image';
export { buildChipImage, CHIP_DATA_GROUPS, type ChipImageInput } from './chip-image-builder';
export { ACTIVE_AUTH_HASH, ActiveAuthKeyError, signActiveAuthChallenge, verifyActiveAuthSignature } from './active-auth';
export { buildEfCom, parseEfCom, LDS_VERSION, UNICODE_VERSION, type EfCom } from './ef-com';
export { buildDg1, parseDg1, type Dg1 } from './dg1';
export { buildDg2, parseDg2, type Dg2, type Dg2Biometric, type Dg2Input } from './dg2';
export { buildDg13, dg13FromRecord, parseDg13, DG13_LAST_FIELD, type Dg13Data } from './dg13';
export { buildDg15, parseDg15, type Dg15 } from './dg15';
export type { FaceImage, FacialRecord, FeaturePoint } from './facial-record';
export { readJpegInfo, isJpeg, isJpeg2000, type JpegInfo } from './jpeg-info';
export { EF_COM, EF_SOD, dataGroupFile, dataGroupOfTag, type LdsFileId } from './lds-files';
export { LdsError, LdsFormatError } from './lds-error';
export { buildSod, parseSod, sodContentInfo, type SodInput, type SodHashAlgorithm } from './sod';
export type { ParsedSod, SodSignerInfo, SignedAttribute } from './sod-parser';
export type { LdsSecurityObject } from './lds-security-object';
export { TlvError, readTlv, readTlvs, readSingleTlv, children, encodeTlv, type Tlv, type TlvErrorReason } from './tlv';
