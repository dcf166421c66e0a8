/**
 * A BAC secure messaging session (ICAO 9303-11 section 9.8): the session keys KS_enc and KS_mac and the
 * send sequence counter (SSC), incremented before every protected command and every protected response.
 */
import { xorBytes } from './bytes';
import { deriveKeyPair, type TdesKeyPair } from './key-derivation';

const SSC_MASK = (1n << 64n) - 1n;

/** Session keys and the SSC. Mutable: each protect/unprotect call advances the SSC. */
export class SecureMessagingSession {
  private counter: bigint;

  /**
   * @param keys KS_enc and KS_mac
   * @param ssc the initial 8-byte send sequence counter
   */
  constructor(
    readonly keys: TdesKeyPair,
    ssc: Uint8Array,
  ) {
    if (ssc.length !== 8) throw new RangeError(`SSC must be 8 bytes, got ${ssc.length}`);
    this.counter = new DataView(ssc.buffer, ssc.byteOffset, 8).getBigUint64(0, false);
  }

  /** The current SSC, 8 bytes big endian (a copy). */
  get ssc(): Uint8Array {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, this.counter, false);
    return out;
  }

  /** Increments the SSC (modulo 2^64, the counter is 64 bits wide) and returns the new value. */
  nextSsc(): Uint8Array {
    this.counter = (this.counter + 1n) & SSC_MASK;
    return this.ssc;
  }
}

/**
 * Derives the session (ICAO 9303-11 section 9.7 for BAC): KS_enc and KS_mac by the KDF from
 * K.IFD XOR K.IC, SSC = the last 4 bytes of RND.IC || the last 4 bytes of RND.IFD.
 */
export function deriveSession(kIfd: Uint8Array, kIc: Uint8Array, rndIc: Uint8Array, rndIfd: Uint8Array): SecureMessagingSession {
  const ssc = new Uint8Array(8);
  ssc.set(rndIc.subarray(4, 8), 0);
  ssc.set(rndIfd.subarray(4, 8), 4);
  return new SecureMessagingSession(deriveKeyPair(xorBytes(kIfd, kIc)), ssc);
}
