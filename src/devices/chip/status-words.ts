/**
 * ISO/IEC 7816-4 status words as typed, operator-readable results, with the
 * meanings the eMRTD application gives them (ICAO 9303-11) where that is more specific.
 */

/** Well-known status words. */
export const SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  AUTHENTICATION_FAILED: 0x6300,
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  SM_NOT_SUPPORTED: 0x6882,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED_NO_EF: 0x6986,
  SM_OBJECTS_MISSING: 0x6987,
  SM_OBJECTS_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  NOT_ENOUGH_MEMORY: 0x6a84,
  INCORRECT_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  FILE_ALREADY_EXISTS: 0x6a89,
  WRONG_P1P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

/** How a status word should be treated. */
export type StatusKind =
  /** 9000: done. */
  | 'ok'
  /** 61xx: done, xx more bytes wait for GET RESPONSE. */
  | 'more-data'
  /** 6Cxx: not done, resend with Le = xx. */
  | 'wrong-le'
  /** 62xx, 63xx: done or partly done, with a warning. */
  | 'warning'
  /** Everything else: not done. */
  | 'error';

/** A status word explained. */
export interface StatusWordInfo {
  sw: number;
  /** Four upper-case hex digits, e.g. "6982". */
  hex: string;
  kind: StatusKind;
  /** Short name, e.g. "security status not satisfied". */
  name: string;
  /** What it means on a personalization or QC station, for an operator. */
  meaning: string;
}

const TABLE: ReadonlyMap<number, [StatusKind, string, string]> = new Map([
  [0x9000, ['ok', 'success', 'The command completed normally.']],
  [0x6282, ['warning', 'end of file reached', 'Fewer bytes were available than asked for; the file is shorter than expected.']],
  [0x6300, ['warning', 'authentication failed', 'The chip rejected the access cryptogram: the MRZ keys do not match this chip (wrong card or wrong record).']],
  [0x6581, ['error', 'memory failure', 'The chip could not write its memory. The card is defective: reject it.']],
  [0x6700, ['error', 'wrong length', 'The command length (Lc or Le) is not accepted by the chip.']],
  [0x6882, ['error', 'secure messaging not supported', 'The chip does not accept secure messaging in this state.']],
  [0x6982, ['error', 'security status not satisfied', 'Access denied: the chip needs Basic Access Control and secure messaging first (or it is locked).']],
  [0x6983, ['error', 'authentication method blocked', 'The chip blocked authentication after too many attempts.']],
  [0x6985, ['error', 'conditions of use not satisfied', 'The chip refuses the command in its current state (for example a write after personalization was locked).']],
  [0x6986, ['error', 'command not allowed (no current EF)', 'No file is selected.']],
  [0x6987, ['error', 'secure messaging objects missing', 'The protected command lacked a data object; the chip dropped the secure session.']],
  [0x6988, ['error', 'secure messaging objects incorrect', 'The chip could not verify a protected command (wrong MAC or keys); it dropped the secure session.']],
  [0x6a80, ['error', 'incorrect data', 'The command data field is malformed.']],
  [0x6a81, ['error', 'function not supported', 'The chip does not support this function.']],
  [0x6a82, ['error', 'file or application not found', 'The file (or the eMRTD application) is not on the chip.']],
  [0x6a84, ['error', 'not enough memory', 'The file or the chip memory is full: the data does not fit.']],
  [0x6a86, ['error', 'incorrect P1 P2', 'The command parameters P1 P2 are not valid for this instruction.']],
  [0x6a88, ['error', 'referenced data not found', 'The key or data object referenced is not on the chip (for example no Active Authentication key).']],
  [0x6a89, ['error', 'file already exists', 'A file with this identifier was already created on the chip.']],
  [0x6b00, ['error', 'wrong parameters P1 P2', 'The offset is outside the file.']],
  [0x6d00, ['error', 'instruction not supported', 'The chip does not know this command.']],
  [0x6e00, ['error', 'class not supported', 'The chip does not accept this command class.']],
  [0x6f00, ['error', 'no precise diagnosis', 'The chip failed internally without saying why.']],
]);

function hex4(sw: number): string {
  return (sw & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** Explains `sw` (SW1 << 8 | SW2). Unknown words get a generic explanation by their SW1 class, never an error. */
export function describeStatusWord(sw: number): StatusWordInfo {
  const hex = hex4(sw);
  const known = TABLE.get(sw);
  if (known !== undefined) return { sw, hex, kind: known[0], name: known[1], meaning: known[2] };
  const sw1 = (sw >> 8) & 0xff;
  const sw2 = sw & 0xff;
  if (sw1 === 0x61) {
    return { sw, hex, kind: 'more-data', name: 'more data available', meaning: `${sw2 === 0 ? 256 : sw2} more response bytes are waiting for GET RESPONSE.` };
  }
  if (sw1 === 0x6c) {
    return { sw, hex, kind: 'wrong-le', name: 'wrong Le', meaning: `The chip has exactly ${sw2 === 0 ? 256 : sw2} bytes; the command must be sent again with that Le.` };
  }
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) {
    return { sw, hex, kind: 'warning', name: 'verification failed', meaning: `Verification failed; ${sw2 & 0x0f} tries left.` };
  }
  if (sw1 === 0x62 || sw1 === 0x63) return { sw, hex, kind: 'warning', name: 'warning', meaning: `The chip completed the command with warning ${hex}.` };
  return { sw, hex, kind: 'error', name: 'error', meaning: `The chip refused the command with status ${hex}.` };
}

/** True for 9000. */
export function isOk(sw: number): boolean {
  return sw === SW.OK;
}

/** Four upper-case hex digits of a status word. */
export function swHex(sw: number): string {
  return hex4(sw);
}
