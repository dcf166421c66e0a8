/**
 * The reader state bits PC/SC reports through `SCardGetStatusChange` (pcsc-lite `pcsclite.h`,
 * `SCARD_STATE_*`), and what they mean for a station. The upper 16 bits of the state word are an event
 * counter (pcsc-lite), not flags: {@link decodeReaderState} ignores them.
 */

/** State bits (dwEventState). */
export const SCARD_STATE = {
  UNAWARE: 0x0000,
  IGNORE: 0x0001,
  CHANGED: 0x0002,
  UNKNOWN: 0x0004,
  UNAVAILABLE: 0x0008,
  EMPTY: 0x0010,
  PRESENT: 0x0020,
  ATRMATCH: 0x0040,
  EXCLUSIVE: 0x0080,
  INUSE: 0x0100,
  MUTE: 0x0200,
} as const;

/** A reader state word, decoded. */
export interface ReaderState {
  /** A card is in the reader (powered or not). */
  present: boolean;
  /** The card did not answer reset (dead chip, or not a chip card). */
  mute: boolean;
  /** Another connection uses the card. */
  inUse: boolean;
  /** Another connection holds the card exclusively. */
  exclusive: boolean;
  /** The reader is not (or no longer) usable: unknown to pcscd, or its driver reports it unavailable. */
  unavailable: boolean;
}

/** Decodes a state word as pcsclite reports it in its 'status' events. */
export function decodeReaderState(state: number): ReaderState {
  const flags = state & 0xffff;
  return {
    present: (flags & SCARD_STATE.PRESENT) !== 0,
    mute: (flags & SCARD_STATE.MUTE) !== 0,
    inUse: (flags & SCARD_STATE.INUSE) !== 0,
    exclusive: (flags & SCARD_STATE.EXCLUSIVE) !== 0,
    unavailable: (flags & (SCARD_STATE.UNKNOWN | SCARD_STATE.UNAVAILABLE)) !== 0,
  };
}
