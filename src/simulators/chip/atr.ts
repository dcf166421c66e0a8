/**
 * The answer to reset of the virtual chip (ISO/IEC 7816-3, answer to reset), in the form PC/SC readers give
 * contactless ICAO chips (PC/SC part 3): `3B 8n 80 01 <historical bytes> TCK`.
 */

/** Historical bytes: category 80 (COMPACT-TLV follows), then pre-issuing data (tag 6, 10 bytes) "cardlineVC". */
const HISTORICAL = Uint8Array.from([0x80, 0x6a, ...Buffer.from('cardlineVC', 'latin1')]);

/** Builds the ATR; TCK makes the XOR of T0 to TCK zero, as ISO/IEC 7816-3 requires when T=1 is offered. */
export function virtualChipAtr(): Uint8Array {
  const body = [0x80 | HISTORICAL.length, 0x80, 0x01, ...HISTORICAL];
  const tck = body.reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([0x3b, ...body, tck]);
}
