/**
 * A reader (PC/SC slot, printer contact station, or a simulator) that hands out a {@link CardChannel} when
 * a card is present (DESIGN.md, "Interfaces").
 */
import type { CardChannel } from './card-channel';

/** A card reader. */
export interface CardReader {
  /** Reader name as the system shows it, e.g. "Virtual PCD 00 00". */
  readonly name: string;
  /**
   * Resolves with a channel to the card once one is present and answered reset. Rejects with a
   * `NoCardError` when no card came within the reader's wait time-out or `signal` aborted, and with a
   * `NoAtrError` when the card present does not answer reset.
   */
  waitForCard(signal?: AbortSignal): Promise<CardChannel>;
}
