/**
 * Basic Access Control from the terminal side over a card channel (ICAO 9303-11 section 4.3): GET
 * CHALLENGE, EXTERNAL AUTHENTICATE with E_IFD || M_IFD, check of the chip's answer, then a secure messaging
 * channel under the session keys.
 */
import { MutualAuthenticationError } from '../../identity/bac/errors';
import { deriveBacKeys } from '../../identity/bac/key-derivation';
import { buildTerminalCryptogram, verifyChipCryptogram } from '../../identity/bac/mutual-authentication';
import type { BacKeyInput } from '../../identity/lds/chip-image';
import { sendCommand, sendExpectingOk, type CardChannel } from './card-channel';
import { externalAuthenticate, getChallenge } from './emrtd-commands';
import { BacFailedError, ChipDataError, ChipStatusError } from './errors';
import type { RandomSource } from './random';
import { SecureMessagingChannel } from './secure-channel';
import { SW, swHex } from './status-words';

/**
 * Runs BAC with the keys of `bac` and returns the secure channel. Throws {@link BacFailedError} when the
 * chip rejects the cryptogram (6300, as ICAO 9303-11 section 4.3 asks; 6982 from chips that answer so) or
 * when its answer does not verify: both mean the chip was not personalized with this MRZ. Any other status
 * (6985: the chip has no BAC keys, or no challenge) is a {@link ChipStatusError}; other failures keep their
 * own types.
 */
export async function performBac(channel: CardChannel, bac: BacKeyInput, random: RandomSource): Promise<SecureMessagingChannel> {
  const keys = deriveBacKeys(bac);
  const rndIc = await sendExpectingOk(channel, getChallenge(), 'GET CHALLENGE');
  if (rndIc.length !== 8) throw new ChipDataError(`GET CHALLENGE returned ${rndIc.length} bytes, expected 8`);
  const pending = buildTerminalCryptogram(keys, rndIc, random(8), random(16));
  const r = await sendCommand(channel, externalAuthenticate(pending.commandData));
  if (r.sw === SW.AUTHENTICATION_FAILED || r.sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
    throw new BacFailedError(`the chip rejected the BAC cryptogram with ${swHex(r.sw)}: it does not answer to these MRZ keys`, r.sw);
  }
  if (r.sw !== SW.OK) throw new ChipStatusError(r.sw, '00820000', 'EXTERNAL AUTHENTICATE');
  try {
    return new SecureMessagingChannel(channel, verifyChipCryptogram(keys, pending, r.data));
  } catch (e) {
    if (e instanceof MutualAuthenticationError) {
      throw new BacFailedError(`the chip's BAC answer does not verify (${e.reason}): ${e.message}`, undefined, { cause: e });
    }
    throw e;
  }
}
