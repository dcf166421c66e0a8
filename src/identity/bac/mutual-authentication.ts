/**
 * BAC mutual authentication, both sides (ICAO 9303-11 section 4.3, worked example in Appendix D.3):
 * the terminal sends E_IFD || M_IFD in EXTERNAL AUTHENTICATE, the chip answers E_IC || M_IC, and both derive
 * the same secure messaging session. Randomness (RND.IFD, K.IFD, RND.IC, K.IC) is passed in by the caller.
 */
import { bytesEqual, concatBytes } from './bytes';
import { tdesCbcDecrypt, tdesCbcEncrypt } from './des';
import { MutualAuthenticationError } from './errors';
import { retailMac } from './iso9797';
import type { TdesKeyPair } from './key-derivation';
import { deriveSession, type SecureMessagingSession } from './session';

/** Length of the EXTERNAL AUTHENTICATE data and of its response: 32 bytes cryptogram + 8 bytes MAC. */
export const MUTUAL_AUTH_LENGTH = 40;

function check(value: Uint8Array, length: number, what: string): void {
  if (value.length !== length) throw new RangeError(`${what} must be ${length} bytes, got ${value.length}`);
}

function encryptAndMac(keys: TdesKeyPair, plain: Uint8Array): Uint8Array {
  const e = tdesCbcEncrypt(keys.enc, plain);
  return concatBytes(e, retailMac(keys.mac, e));
}

/** Verifies M over E and returns the decrypted 32 bytes; throws {@link MutualAuthenticationError}. */
function verifyAndDecrypt(keys: TdesKeyPair, message: Uint8Array, who: string): Uint8Array {
  if (message.length !== MUTUAL_AUTH_LENGTH) {
    throw new MutualAuthenticationError('length', `${who} cryptogram must be ${MUTUAL_AUTH_LENGTH} bytes (E || M), got ${message.length}`);
  }
  const e = message.subarray(0, 32);
  if (!bytesEqual(retailMac(keys.mac, e), message.subarray(32, 40))) {
    throw new MutualAuthenticationError('mac', `${who} cryptogram MAC (bytes 33-40) does not verify under K_mac: wrong access keys`);
  }
  return tdesCbcDecrypt(keys.enc, e);
}

/** What the terminal keeps between sending EXTERNAL AUTHENTICATE and checking the answer. */
export interface TerminalChallenge {
  /** E_IFD || M_IFD: the EXTERNAL AUTHENTICATE command data. */
  commandData: Uint8Array;
  rndIc: Uint8Array;
  rndIfd: Uint8Array;
  kIfd: Uint8Array;
}

/**
 * Terminal step 1: S = RND.IFD || RND.IC || K.IFD, E_IFD = 3DES(K_enc, S), M_IFD = MAC(K_mac, E_IFD).
 * @param rndIc the 8 bytes GET CHALLENGE returned
 * @param rndIfd 8 fresh random bytes
 * @param kIfd 16 fresh random bytes
 */
export function buildTerminalCryptogram(keys: TdesKeyPair, rndIc: Uint8Array, rndIfd: Uint8Array, kIfd: Uint8Array): TerminalChallenge {
  check(rndIc, 8, 'RND.IC');
  check(rndIfd, 8, 'RND.IFD');
  check(kIfd, 16, 'K.IFD');
  return { commandData: encryptAndMac(keys, concatBytes(rndIfd, rndIc, kIfd)), rndIc, rndIfd, kIfd };
}

/**
 * Terminal step 2: checks the chip's E_IC || M_IC (MAC, then RND.IC and RND.IFD echoed in R = RND.IC ||
 * RND.IFD || K.IC) and derives the session. Throws {@link MutualAuthenticationError}.
 */
export function verifyChipCryptogram(keys: TdesKeyPair, pending: TerminalChallenge, response: Uint8Array): SecureMessagingSession {
  const r = verifyAndDecrypt(keys, response, 'chip');
  if (!bytesEqual(r.subarray(0, 8), pending.rndIc) || !bytesEqual(r.subarray(8, 16), pending.rndIfd)) {
    throw new MutualAuthenticationError('nonce', 'chip cryptogram does not echo RND.IC || RND.IFD');
  }
  return deriveSession(pending.kIfd, r.subarray(16, 32), pending.rndIc, pending.rndIfd);
}

/** What the chip answers to a correct EXTERNAL AUTHENTICATE. */
export interface ChipAnswer {
  /** E_IC || M_IC: the response data. */
  responseData: Uint8Array;
  session: SecureMessagingSession;
}

/**
 * Chip side: checks the terminal's E_IFD || M_IFD against the challenge it issued (RND.IC), then answers
 * R = RND.IC || RND.IFD || K.IC encrypted and MACed, and derives the session.
 * @param rndIc the challenge this chip returned to GET CHALLENGE
 * @param kIc 16 fresh random bytes
 */
export function answerTerminalCryptogram(keys: TdesKeyPair, rndIc: Uint8Array, kIc: Uint8Array, commandData: Uint8Array): ChipAnswer {
  check(rndIc, 8, 'RND.IC');
  check(kIc, 16, 'K.IC');
  const s = verifyAndDecrypt(keys, commandData, 'terminal');
  const rndIfd = s.subarray(0, 8);
  if (!bytesEqual(s.subarray(8, 16), rndIc)) {
    throw new MutualAuthenticationError('nonce', 'terminal cryptogram does not carry the RND.IC this chip issued');
  }
  const kIfd = s.subarray(16, 32);
  return {
    responseData: encryptAndMac(keys, concatBytes(rndIc, rndIfd, kIc)),
    session: deriveSession(kIfd, kIc, rndIc, rndIfd),
  };
}
