/**
 * Typed failures of Basic Access Control and secure messaging. Each names what failed and, for parsing
 * failures, the byte offset where it was found, so a QC report can say more than "crypto error".
 */

/** Why a secure messaging message was rejected. */
export type SecureMessagingFailure =
  /** DO'8E' did not match the MAC computed over the message (wrong keys, wrong SSC or tampering). */
  | 'mac-mismatch'
  /** A data object is truncated, has a bad length or is not allowed at that place. */
  | 'malformed'
  /** A mandatory data object (DO'8E', DO'99') is missing. */
  | 'missing-object'
  /** The decrypted DO'87'/'85' does not end with ISO/IEC 9797-1 padding method 2, or DO'87' has no indicator 01. */
  | 'bad-padding'
  /** The response carried only a status word: the other side answered outside secure messaging. */
  | 'unprotected-response'
  /** DO'99' and the trailing status word disagree. */
  | 'status-mismatch'
  /** The command does not carry the secure messaging indication in its class byte. */
  | 'not-protected';

/** Base class of every BAC and secure messaging failure. */
export class BacError extends Error {
  override name = 'BacError';
}

/**
 * Mutual authentication failed (ICAO 9303-11 section 4.3): the cryptogram's MAC does not verify, or the
 * decrypted nonces are not the ones sent. On the terminal side this usually means the MRZ used for the keys
 * is not the one the chip was personalized with.
 */
export class MutualAuthenticationError extends BacError {
  override name = 'MutualAuthenticationError';
  /** `'mac'`: the MAC over the cryptogram is wrong; `'nonce'`: the MAC is right but a nonce is not; `'length'`: not 40 bytes. */
  constructor(
    readonly reason: 'mac' | 'nonce' | 'length',
    message: string,
  ) {
    super(message);
  }
}

/** A secure messaging command or response could not be accepted (ICAO 9303-11 section 9.8). */
export class SecureMessagingError extends BacError {
  override name = 'SecureMessagingError';
  /**
   * @param failure what was wrong
   * @param message human-readable detail naming the data object
   * @param offset byte offset in the command or response data where the problem was found, when known
   * @param sw the status word of the message, when it had one (e.g. an unprotected `6988`)
   */
  constructor(
    readonly failure: SecureMessagingFailure,
    message: string,
    readonly offset?: number,
    readonly sw?: number,
  ) {
    super(message);
  }
}
