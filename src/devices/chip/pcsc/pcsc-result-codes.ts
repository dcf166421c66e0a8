/**
 * PC/SC result codes (pcsc-lite `pcsclite.h`, the same values as Windows `winscard.h`). The pcsclite binding
 * reports failures as `Error` objects whose message ends in the code, e.g.
 * "SCardTransmit error: Card was removed.(0x80100069)": {@link pcscResultCode} recovers the number, so the
 * driver maps codes, not wording, to typed errors.
 */

/** The result codes the driver tells apart. */
export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  E_NOT_READY: 0x80100010,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNSUPPORTED_CARD: 0x80100065,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/**
 * The message of a thrown value. Duck-typed, not `instanceof Error`: the native binding creates its errors in
 * the main V8 context, and code running in another context (a vm sandbox, as jest uses) sees a foreign Error.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** The PC/SC result code at the end of a pcsclite error message, or undefined when there is none. */
export function pcscResultCode(error: unknown): number | undefined {
  const message = errorMessage(error);
  const m = /\(0x([0-9a-f]{1,8})\)\s*$/i.exec(message);
  return m === null ? undefined : Number.parseInt(m[1]!, 16);
}

/** Eight hex digits of a result code, as pcsc-lite logs print it. */
export function pcscResultHex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
}
