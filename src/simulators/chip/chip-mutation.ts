/**
 * What changes in a virtual chip's non-volatile memory, one small record per change: the journal a persistent plant
 * keeps for each card (simulators/plant) so that a chip can be rebuilt after a crash by replaying it onto a fresh
 * chip made from the same seed and faults. Only EEPROM changes are journalled: sessions, selections and challenges
 * live in RAM and a real chip loses them too when the power goes.
 */
import type { BacKeyInput } from '../../identity/lds/chip-image';

/** One change to a chip's non-volatile memory. */
export type ChipMutation =
  /** CREATE FILE: `fid` made with `size` zero bytes. */
  | { readonly op: 'create'; readonly fid: number; readonly size: number }
  /**
   * UPDATE BINARY stored `data` at `offset` of `fid`. A torn write journals the part that reached the EEPROM,
   * so a replay gives the same half-written file.
   */
  | { readonly op: 'write'; readonly fid: number; readonly offset: number; readonly data: Uint8Array }
  /** A write-failure fault (index `fault` of the chip's faults) fired and left a defective cell at `fid`/`offset`. */
  | { readonly op: 'defect'; readonly fault: number; readonly fid: number; readonly offset: number }
  /** A tearing fault (index `fault`) fired: the card left the field during a write. */
  | { readonly op: 'torn'; readonly fault: number }
  /** PUT DATA of the BAC key material. */
  | { readonly op: 'bac-keys'; readonly input: BacKeyInput }
  /** PUT DATA of the Active Authentication private key (PKCS#8 DER). */
  | { readonly op: 'aa-key'; readonly pkcs8: Uint8Array }
  /** LOCK: the application is closed for personalization. */
  | { readonly op: 'lock' };

/** Hears every mutation, synchronously, before the command that caused it is answered. */
export type ChipMutationListener = (mutation: ChipMutation) => void;
