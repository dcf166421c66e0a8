/**
 * Secure messaging of command APDUs (ICAO 9303-11 section 9.8, example in Appendix D.4): the terminal
 * protects, the chip unprotects. The MAC covers SSC || padded header || DO'87'/'85' || DO'97'.
 */
import { bytesEqual, bytesToHex, concatBytes } from './bytes';
import type { CommandFields } from './command-fields';
import { tdesCbcDecrypt, tdesCbcEncrypt } from './des';
import { SecureMessagingError } from './errors';
import { padIso9797Method2, retailMac, unpadIso9797Method2 } from './iso9797';
import type { SecureMessagingSession } from './session';
import { protectedResponseLength } from './sm-response';
import {
  DO_CRYPTOGRAM,
  DO_LE,
  DO_MAC,
  DO_PADDED_CRYPTOGRAM,
  PADDING_INDICATOR_ISO9797_M2,
  encodeTlv,
  hex1,
  readSmObjects,
} from './sm-objects';

/** Class byte bits b4 b3 = 11: "secure messaging, command header authenticated" (ISO/IEC 7816-4). */
export const CLA_SM = 0x0c;

/** Le of a short / extended APDU as it appears in DO'97': 1 byte (256 -> 00) or 2 bytes (65536 -> 0000). */
function encodeLe(ne: number): Uint8Array {
  return ne <= 256 ? Uint8Array.of(ne & 0xff) : Uint8Array.of((ne >> 8) & 0xff, ne & 0xff);
}

function decodeLe(value: Uint8Array, offset: number): number {
  if (value.length === 1) return value[0] === 0 ? 256 : value[0]!;
  if (value.length === 2) {
    const n = (value[0]! << 8) | value[1]!;
    return n === 0 ? 65536 : n;
  }
  throw new SecureMessagingError('malformed', `command DO'97' at offset ${offset} must hold 1 or 2 bytes of Le, holds ${value.length}`, offset);
}

function macInput(ssc: Uint8Array, cla: number, cmd: CommandFields, dataObjects: Uint8Array): Uint8Array {
  return concatBytes(ssc, padIso9797Method2(Uint8Array.of(cla, cmd.ins, cmd.p1, cmd.p2)), dataObjects);
}

/**
 * Terminal side: the protected form of `cmd`. Advances the SSC. Command data goes into DO'87' (even INS,
 * with padding-content indicator 01) or DO'85' (odd INS); a present Le into DO'97'; the protected command
 * asks for Le = 00 (0000 when it must be extended: command data over 255 bytes, Ne over 256, or an exact Ne
 * of 232-255 whose protected response exceeds 256 bytes) so the chip may return the whole protected response.
 */
export function protectCommand(session: SecureMessagingSession, cmd: CommandFields): CommandFields {
  if ((cmd.cla & CLA_SM) === CLA_SM) throw new RangeError(`command CLA ${hex1(cmd.cla)} already indicates secure messaging`);
  const cla = cmd.cla | CLA_SM;
  let cryptogram: Uint8Array = new Uint8Array(0);
  if (cmd.data.length > 0) {
    const encrypted = tdesCbcEncrypt(session.keys.enc, padIso9797Method2(cmd.data));
    cryptogram =
      (cmd.ins & 1) === 1
        ? encodeTlv(DO_CRYPTOGRAM, encrypted)
        : encodeTlv(DO_PADDED_CRYPTOGRAM, concatBytes(Uint8Array.of(PADDING_INDICATOR_ISO9797_M2), encrypted));
  }
  const le = cmd.ne > 0 ? encodeTlv(DO_LE, encodeLe(cmd.ne)) : new Uint8Array(0);
  const objects = concatBytes(cryptogram, le);
  const mac = retailMac(session.keys.mac, macInput(session.nextSsc(), cla, cmd, objects));
  const data = concatBytes(objects, encodeTlv(DO_MAC, mac));
  // Extended when the command data needs it, when Ne needs it, or when an exact Ne of 232-255 plain bytes
  // would give a protected response over the 256 bytes of a short Le = 00. Ne = 256 (plain Le = 00) means
  // "whatever is there" and stays short, as ICAO 9303-11 readers send INTERNAL AUTHENTICATE.
  const extended =
    cmd.extended === true || data.length > 255 || cmd.ne > 256 || (cmd.ne < 256 && protectedResponseLength(cmd.ne) > 256);
  return { cla, ins: cmd.ins, p1: cmd.p1, p2: cmd.p2, data, ne: extended ? 65536 : 256, extended };
}

/**
 * Chip side: checks and opens a protected command. Advances the SSC. The MAC is verified before anything is
 * decrypted, so a forged command learns nothing from the padding check. Throws a
 * {@link SecureMessagingError} naming the data object and offset.
 */
export function unprotectCommand(session: SecureMessagingSession, cmd: CommandFields): CommandFields {
  if ((cmd.cla & CLA_SM) !== CLA_SM) {
    throw new SecureMessagingError('not-protected', `command CLA ${hex1(cmd.cla)} does not indicate secure messaging (bits '0C')`);
  }
  const found = readSmObjects(cmd.data, [DO_CRYPTOGRAM, DO_PADDED_CRYPTOGRAM, DO_LE, DO_MAC], 'command');
  if (found.has(DO_CRYPTOGRAM) && found.has(DO_PADDED_CRYPTOGRAM)) {
    throw new SecureMessagingError('malformed', "command carries both DO'85' and DO'87'", found.get(DO_PADDED_CRYPTOGRAM)!.offset);
  }
  const macObject = found.get(DO_MAC);
  if (macObject === undefined) throw new SecureMessagingError('missing-object', "command has no DO'8E' (MAC)", cmd.data.length);
  if (macObject.value.length !== 8) {
    throw new SecureMessagingError('malformed', `command DO'8E' at offset ${macObject.offset} holds ${macObject.value.length} bytes, expected 8`, macObject.offset);
  }
  const crypto = found.get(DO_PADDED_CRYPTOGRAM) ?? found.get(DO_CRYPTOGRAM);
  const leObject = found.get(DO_LE);
  const covered = concatBytes(crypto?.raw ?? new Uint8Array(0), leObject?.raw ?? new Uint8Array(0));
  const expected = retailMac(session.keys.mac, macInput(session.nextSsc(), cmd.cla, cmd, covered));
  if (!bytesEqual(expected, macObject.value)) {
    throw new SecureMessagingError('mac-mismatch', `command MAC (DO'8E' at offset ${macObject.offset}) does not verify`, macObject.offset);
  }
  let data: Uint8Array = new Uint8Array(0);
  if (crypto !== undefined) {
    let encrypted = crypto.value;
    if (crypto.tag === DO_PADDED_CRYPTOGRAM) {
      if (encrypted[0] !== PADDING_INDICATOR_ISO9797_M2) {
        throw new SecureMessagingError(
          'bad-padding',
          `command DO'87' at offset ${crypto.offset}: padding-content indicator is ${encrypted.length === 0 ? 'missing' : hex1(encrypted[0]!)}, expected '01'`,
          crypto.offset,
        );
      }
      encrypted = encrypted.subarray(1);
    }
    if (encrypted.length === 0 || encrypted.length % 8 !== 0) {
      throw new SecureMessagingError('malformed', `command ${hex1(crypto.tag)} at offset ${crypto.offset}: cryptogram of ${encrypted.length} bytes is not whole 8-byte blocks`, crypto.offset);
    }
    data = unpadIso9797Method2(tdesCbcDecrypt(session.keys.enc, encrypted), `command ${hex1(crypto.tag)} at offset ${crypto.offset}`);
  }
  const ne = leObject === undefined ? 0 : decodeLe(leObject.value, leObject.offset);
  return { cla: cmd.cla & ~CLA_SM & 0xff, ins: cmd.ins, p1: cmd.p1, p2: cmd.p2, data, ne };
}

/** Hex of a command header, for messages: `0CA4020C`. */
export function headerHex(cmd: CommandFields): string {
  return bytesToHex(Uint8Array.of(cmd.cla, cmd.ins, cmd.p1, cmd.p2));
}
