/**
 * A {@link CardChannel} that runs every command through BAC secure messaging (ICAO 9303-11 section 9.8):
 * callers send plain APDUs and get plain responses; on the wire they are protected. A secure messaging
 * failure closes the channel, as the chip also drops the session (ICAO 9303-11 section 9.8).
 */
import { SecureMessagingError } from '../../identity/bac/errors';
import type { SecureMessagingSession } from '../../identity/bac/session';
import { protectCommand } from '../../identity/bac/sm-command';
import { unprotectResponse } from '../../identity/bac/sm-response';
import { commandHeaderHex, decodeCommandApdu, encodeCommandApdu, encodeResponseApdu } from './apdu';
import type { CardChannel } from './card-channel';
import { ChipSecureMessagingError } from './errors';

/** A channel whose session has ended cannot be used again: BAC must be run anew. */
export class SecureMessagingChannel implements CardChannel {
  private closedBecause: string | undefined;

  /**
   * @param inner the plain channel to the card (handles 61xx/6Cxx and time-outs)
   * @param session the session established by BAC
   */
  constructor(
    private readonly inner: CardChannel,
    private readonly session: SecureMessagingSession,
  ) {}

  /** False once a secure messaging failure ended the session. */
  get open(): boolean {
    return this.closedBecause === undefined;
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const header = commandHeaderHex(apdu);
    if (this.closedBecause !== undefined) {
      throw new ChipSecureMessagingError(`secure messaging session is closed (${this.closedBecause}): run BAC again`, header);
    }
    const wire = encodeCommandApdu(protectCommand(this.session, decodeCommandApdu(apdu)));
    let response: Uint8Array;
    try {
      response = await this.inner.transmit(wire);
    } catch (e) {
      // The SSC advanced on the terminal side only; the session cannot be resynchronised.
      this.closedBecause = 'transport failure';
      throw e;
    }
    try {
      const plain = unprotectResponse(this.session, response);
      return encodeResponseApdu(plain.data, plain.sw);
    } catch (e) {
      if (!(e instanceof SecureMessagingError)) throw e;
      this.closedBecause = e.failure;
      const what =
        e.failure === 'unprotected-response' && e.sw !== undefined
          ? `the chip rejected the protected command ${header} with ${e.sw.toString(16).toUpperCase().padStart(4, '0')} and dropped the session`
          : `protected response to ${header} rejected: ${e.message}`;
      throw new ChipSecureMessagingError(what, header, e.sw, { cause: e });
    }
  }
}
