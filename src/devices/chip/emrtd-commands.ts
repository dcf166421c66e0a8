/**
 * The commands of the eMRTD application: the ICAO 9303-11 reading commands (SELECT, READ BINARY, GET
 * CHALLENGE, EXTERNAL AUTHENTICATE, INTERNAL AUTHENTICATE) and the personalization commands of the JMRTD
 * reference applet (CREATE FILE, UPDATE BINARY, PUT DATA, LOCK). Builders return command fields; the
 * virtual chip decodes the same constants, so both sides share one definition.
 */
import { hexToBytes } from '../../identity/bac/bytes';
import type { BacKeyInput } from '../../identity/lds/chip-image';
import type { CommandApdu } from './apdu';

/** Application identifier of the LDS1 eMRTD application (ICAO 9303-10). */
export const EMRTD_AID = hexToBytes('A0000002471001');

/** Instruction bytes (ISO/IEC 7816-4; JMRTD for CREATE FILE and PUT DATA use). */
export const INS = {
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  UPDATE_BINARY: 0xd6,
  CREATE_FILE: 0xe0,
  PUT_DATA: 0xda,
  GET_CHALLENGE: 0x84,
  EXTERNAL_AUTHENTICATE: 0x82,
  INTERNAL_AUTHENTICATE: 0x88,
  GET_RESPONSE: 0xc0,
  GET_DATA: 0xca,
} as const;

/** PUT DATA P1P2 for the BAC key material (JMRTD reference applet: data object '62'). */
export const PUT_DATA_BAC_KEYS = 0x0062;
/**
 * PUT DATA P1P2 for the Active Authentication private key, chosen by cardline (the JMRTD applet uses other
 * tags for RSA key parts): the command data is the PKCS#8 DER of an ECDSA P-256 key.
 */
export const PUT_DATA_AA_PRIVATE_KEY = 0x0063;
/** PUT DATA P1P2 = DE AD ends personalization (JMRTD reference applet). */
export const PUT_DATA_LOCK = 0xdead;
/** Tag of the file control parameters in CREATE FILE (JMRTD: `63 04 <size:2> <FID:2>`). */
export const CREATE_FILE_TAG = 0x63;
/** Tag of the BAC key template in PUT DATA, and of each of its three elements. */
export const BAC_KEY_TEMPLATE_TAG = 0x62;
/** Tag of one BAC key element (document number, date of birth, date of expiry). */
export const BAC_KEY_ELEMENT_TAG = 0x04;
/** Largest elementary file the applet allows: offsets are 15 bits in UPDATE/READ BINARY P1P2. */
export const MAX_FILE_SIZE = 0x7fff;

const NO_DATA = new Uint8Array(0);

function fidBytes(fid: number): [number, number] {
  if (!Number.isInteger(fid) || fid < 0 || fid > 0xffff) throw new RangeError(`file identifier must be 0000-FFFF, got ${fid}`);
  return [fid >> 8, fid & 0xff];
}

function offsetP1P2(offset: number): [number, number] {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_FILE_SIZE) throw new RangeError(`offset must be 0-${MAX_FILE_SIZE}, got ${offset}`);
  return [offset >> 8, offset & 0xff];
}

/** SELECT the eMRTD application by AID, no response data: `00 A4 04 0C 07 A0000002471001`. */
export function selectApplication(aid: Uint8Array = EMRTD_AID): CommandApdu {
  return { cla: 0x00, ins: INS.SELECT, p1: 0x04, p2: 0x0c, data: aid, ne: 0 };
}

/** SELECT an elementary file of the current application by FID: `00 A4 02 0C 02 <FID>`. */
export function selectEf(fid: number): CommandApdu {
  return { cla: 0x00, ins: INS.SELECT, p1: 0x02, p2: 0x0c, data: Uint8Array.from(fidBytes(fid)), ne: 0 };
}

/** READ BINARY of the current EF: `00 B0 <offset:2> <Le>`. */
export function readBinary(offset: number, ne: number): CommandApdu {
  const [p1, p2] = offsetP1P2(offset);
  return { cla: 0x00, ins: INS.READ_BINARY, p1, p2, data: NO_DATA, ne };
}

/** READ BINARY by short file identifier, which also selects the file: `00 B0 <80|SFI> <offset:1> <Le>`. */
export function readBinaryBySfi(sfi: number, offset: number, ne: number): CommandApdu {
  if (!Number.isInteger(sfi) || sfi < 1 || sfi > 30) throw new RangeError(`SFI must be 1-30, got ${sfi}`);
  if (!Number.isInteger(offset) || offset < 0 || offset > 0xff) throw new RangeError(`READ BINARY by SFI: offset must be 0-255, got ${offset}`);
  return { cla: 0x00, ins: INS.READ_BINARY, p1: 0x80 | sfi, p2: offset, data: NO_DATA, ne };
}

/** CREATE FILE (JMRTD): `00 E0 00 00 06 63 04 <size:2> <FID:2>`. */
export function createFile(fid: number, size: number): CommandApdu {
  if (!Number.isInteger(size) || size < 1 || size > MAX_FILE_SIZE) throw new RangeError(`file size must be 1-${MAX_FILE_SIZE}, got ${size}`);
  return {
    cla: 0x00,
    ins: INS.CREATE_FILE,
    p1: 0x00,
    p2: 0x00,
    data: Uint8Array.of(CREATE_FILE_TAG, 0x04, size >> 8, size & 0xff, ...fidBytes(fid)),
    ne: 0,
  };
}

/** UPDATE BINARY of the current EF: `00 D6 <offset:2> Lc <chunk>`. */
export function updateBinary(offset: number, chunk: Uint8Array): CommandApdu {
  const [p1, p2] = offsetP1P2(offset);
  return { cla: 0x00, ins: INS.UPDATE_BINARY, p1, p2, data: chunk, ne: 0 };
}

function element(text: string): number[] {
  const bytes = Buffer.from(text, 'latin1');
  if (bytes.length > 0x7f) throw new RangeError('BAC key element longer than 127 characters');
  return [BAC_KEY_ELEMENT_TAG, bytes.length, ...bytes];
}

/**
 * PUT DATA of the BAC key material (JMRTD): `00 DA 00 62 Lc 62 L {04 L docNo}{04 L DOB}{04 L expiry}`.
 * The values are sent exactly as given: the caller pads the document number (see the personalizer).
 */
export function putDataBacKeys(bac: BacKeyInput): CommandApdu {
  const body = [...element(bac.documentNumber), ...element(bac.dateOfBirth), ...element(bac.dateOfExpiry)];
  return {
    cla: 0x00,
    ins: INS.PUT_DATA,
    p1: PUT_DATA_BAC_KEYS >> 8,
    p2: PUT_DATA_BAC_KEYS & 0xff,
    data: Uint8Array.of(BAC_KEY_TEMPLATE_TAG, body.length, ...body),
    ne: 0,
  };
}

/**
 * Reads the data of {@link putDataBacKeys} back. Returns undefined when it is not exactly the template of
 * three elements (the chip answers 6A80 then).
 */
export function decodeBacKeyData(data: Uint8Array): BacKeyInput | undefined {
  if (data.length < 2 || data[0] !== BAC_KEY_TEMPLATE_TAG || data[1] !== data.length - 2) return undefined;
  const values: string[] = [];
  let at = 2;
  while (at < data.length) {
    if (data[at] !== BAC_KEY_ELEMENT_TAG || at + 1 >= data.length) return undefined;
    const len = data[at + 1]!;
    if (len > 0x7f || at + 2 + len > data.length) return undefined;
    values.push(Buffer.from(data.subarray(at + 2, at + 2 + len)).toString('latin1'));
    at += 2 + len;
  }
  if (values.length !== 3) return undefined;
  return { documentNumber: values[0]!, dateOfBirth: values[1]!, dateOfExpiry: values[2]! };
}

/** PUT DATA of the Active Authentication private key (cardline's choice): `00 DA 00 63 Lc <PKCS#8 DER>`. */
export function putDataAaPrivateKey(pkcs8: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: INS.PUT_DATA, p1: PUT_DATA_AA_PRIVATE_KEY >> 8, p2: PUT_DATA_AA_PRIVATE_KEY & 0xff, data: pkcs8, ne: 0 };
}

/** LOCK, the end of personalization (JMRTD): `00 DA DE AD`. */
export function lockApplication(): CommandApdu {
  return { cla: 0x00, ins: INS.PUT_DATA, p1: PUT_DATA_LOCK >> 8, p2: PUT_DATA_LOCK & 0xff, data: NO_DATA, ne: 0 };
}

/** GET CHALLENGE for BAC (ICAO 9303-11 section 4.3): `00 84 00 00 08`. */
export function getChallenge(): CommandApdu {
  return { cla: 0x00, ins: INS.GET_CHALLENGE, p1: 0x00, p2: 0x00, data: NO_DATA, ne: 8 };
}

/** EXTERNAL AUTHENTICATE with E_IFD || M_IFD: `00 82 00 00 28 <40 bytes> 28`. */
export function externalAuthenticate(cryptogram: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: INS.EXTERNAL_AUTHENTICATE, p1: 0x00, p2: 0x00, data: cryptogram, ne: 0x28 };
}

/** INTERNAL AUTHENTICATE for Active Authentication (ICAO 9303-11 section 6.1): `00 88 00 00 08 <RND.IFD> 00`. */
export function internalAuthenticate(challenge: Uint8Array): CommandApdu {
  return { cla: 0x00, ins: INS.INTERNAL_AUTHENTICATE, p1: 0x00, p2: 0x00, data: challenge, ne: 256 };
}

/** The PC/SC GET DATA pseudo-APDU for the card UID (PC/SC part 3): `FF CA 00 00 00`. */
export function getUid(): CommandApdu {
  return { cla: 0xff, ins: INS.GET_DATA, p1: 0x00, p2: 0x00, data: NO_DATA, ne: 256 };
}
