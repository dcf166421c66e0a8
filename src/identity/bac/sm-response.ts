/**
 * Secure messaging of response APDUs (ICAO 9303-11 section 9.8, example in Appendix D.4): the chip
 * protects, the terminal unprotects. The MAC covers SSC || DO'87' || DO'99'.
 */
import { bytesEqual, concatBytes } from './bytes';
import { tdesCbcDecrypt, tdesCbcEncrypt } from './des';
import { SecureMessagingError } from './errors';
import { padIso9797Method2, retailMac, unpadIso9797Method2 } from './iso9797';
import type { SecureMessagingSession } from './session';
import {
  DO_CRYPTOGRAM,
  DO_MAC,
  DO_PADDED_CRYPTOGRAM,
  DO_STATUS,
  PADDING_INDICATOR_ISO9797_M2,
  encodeBerLength,
  encodeTlv,
  hex1,
  readSmObjects,
} from './sm-objects';

/** A response after unprotection. */
export interface PlainResponse {
  data: Uint8Array;
  /** SW1 SW2 as one number, e.g. 0x9000. */
  sw: number;
}

function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Chip side: the protected response bytes (data objects, then SW1 SW2) for `data` and `sw`. Advances the
 * SSC. Data goes into DO'87' with padding-content indicator 01; DO'99' always carries the status.
 */
export function protectResponse(session: SecureMessagingSession, data: Uint8Array, sw: number): Uint8Array {
  const cryptogram =
    data.length > 0
      ? encodeTlv(
          DO_PADDED_CRYPTOGRAM,
          concatBytes(Uint8Array.of(PADDING_INDICATOR_ISO9797_M2), tdesCbcEncrypt(session.keys.enc, padIso9797Method2(data))),
        )
      : new Uint8Array(0);
  const status = encodeTlv(DO_STATUS, Uint8Array.of(sw >> 8, sw & 0xff));
  const mac = retailMac(session.keys.mac, concatBytes(session.nextSsc(), cryptogram, status));
  return concatBytes(cryptogram, status, encodeTlv(DO_MAC, mac), Uint8Array.of(sw >> 8, sw & 0xff));
}

/**
 * Terminal side: checks and opens a protected response (data objects followed by SW1 SW2). Advances the SSC.
 * Throws a {@link SecureMessagingError}: `unprotected-response` (with `sw`) when the chip answered with a bare
 * status word, which it does when it rejected the secure messaging itself and dropped the session.
 */
export function unprotectResponse(session: SecureMessagingSession, response: Uint8Array): PlainResponse {
  if (response.length < 2) {
    throw new SecureMessagingError('malformed', `response of ${response.length} bytes has no status word`, 0);
  }
  const outerSw = (response[response.length - 2]! << 8) | response[response.length - 1]!;
  const body = response.subarray(0, response.length - 2);
  if (body.length === 0) {
    throw new SecureMessagingError('unprotected-response', `chip answered ${swHex(outerSw)} without secure messaging`, 0, outerSw);
  }
  const found = readSmObjects(body, [DO_CRYPTOGRAM, DO_PADDED_CRYPTOGRAM, DO_STATUS, DO_MAC], 'response');
  const status = found.get(DO_STATUS);
  const macObject = found.get(DO_MAC);
  if (status === undefined) throw new SecureMessagingError('missing-object', "response has no DO'99' (status)", 0, outerSw);
  if (macObject === undefined) throw new SecureMessagingError('missing-object', "response has no DO'8E' (MAC)", body.length, outerSw);
  if (macObject.value.length !== 8) {
    throw new SecureMessagingError('malformed', `response DO'8E' at offset ${macObject.offset} holds ${macObject.value.length} bytes, expected 8`, macObject.offset, outerSw);
  }
  if (status.value.length !== 2) {
    throw new SecureMessagingError('malformed', `response DO'99' at offset ${status.offset} holds ${status.value.length} bytes, expected 2`, status.offset, outerSw);
  }
  const crypto = found.get(DO_PADDED_CRYPTOGRAM) ?? found.get(DO_CRYPTOGRAM);
  if (found.has(DO_CRYPTOGRAM) && found.has(DO_PADDED_CRYPTOGRAM)) {
    throw new SecureMessagingError('malformed', "response carries both DO'85' and DO'87'", found.get(DO_PADDED_CRYPTOGRAM)!.offset, outerSw);
  }
  const covered = concatBytes(session.nextSsc(), crypto?.raw ?? new Uint8Array(0), status.raw);
  if (!bytesEqual(retailMac(session.keys.mac, covered), macObject.value)) {
    throw new SecureMessagingError('mac-mismatch', `response MAC (DO'8E' at offset ${macObject.offset}) does not verify`, macObject.offset, outerSw);
  }
  const sw = (status.value[0]! << 8) | status.value[1]!;
  if (sw !== outerSw) {
    throw new SecureMessagingError('status-mismatch', `response DO'99' says ${swHex(sw)} but the status word is ${swHex(outerSw)}`, status.offset, outerSw);
  }
  let data: Uint8Array = new Uint8Array(0);
  if (crypto !== undefined) {
    let encrypted = crypto.value;
    if (crypto.tag === DO_PADDED_CRYPTOGRAM) {
      if (encrypted[0] !== PADDING_INDICATOR_ISO9797_M2) {
        throw new SecureMessagingError(
          'bad-padding',
          `response DO'87' at offset ${crypto.offset}: padding-content indicator is ${encrypted.length === 0 ? 'missing' : hex1(encrypted[0]!)}, expected '01'`,
          crypto.offset,
          sw,
        );
      }
      encrypted = encrypted.subarray(1);
    }
    if (encrypted.length === 0 || encrypted.length % 8 !== 0) {
      throw new SecureMessagingError('malformed', `response ${hex1(crypto.tag)} at offset ${crypto.offset}: cryptogram of ${encrypted.length} bytes is not whole 8-byte blocks`, crypto.offset, sw);
    }
    data = unpadIso9797Method2(tdesCbcDecrypt(session.keys.enc, encrypted), `response ${hex1(crypto.tag)} at offset ${crypto.offset}`);
  }
  return { data, sw };
}

/**
 * Length of the data field of a protected response carrying `dataLength` plain bytes (status word not
 * counted): DO'87' (if any data) + DO'99' (4 bytes) + DO'8E' (10 bytes). Lets a chip check the response fits
 * the Ne of the command before it advances the SSC, and a reader pick a READ BINARY Le that fits.
 */
export function protectedResponseLength(dataLength: number): number {
  if (dataLength === 0) return 14;
  const value = 1 + (Math.floor(dataLength / 8) + 1) * 8;
  return 1 + encodeBerLength(value).length + value + 14;
}
