/**
 * The card printer as the line sees it (DESIGN.md "Interfaces"): status, the chip step's park-at-contact-station,
 * print, and the two ways out. {@link EvolisPrinter} implements it over the Evolis-style command language; other
 * vendors' drivers would implement the same shape.
 */
import type { PrintPanels } from './panels';
import type { PrinterStatus } from './status';

/** A card printer with a contact station for the chip step. */
export interface Printer {
  /** Information, warnings and errors at once, and the major state; `offline` when the printer does not answer. */
  status(): Promise<PrinterStatus>;
  /** Takes a card from the feeder and parks it at the contact station, confirmed by the printer. */
  feedToContactStation(): Promise<void>;
  /** Prints the front (and the back) on the card in the printer. The card stays at the print head. */
  print(job: PrintPanels): Promise<void>;
  /** Moves the card to the output hopper. */
  eject(): Promise<void>;
  /** Moves the card to the reject box. */
  reject(): Promise<void>;
}

/** What the printer says it is, read at connect. */
export interface PrinterInfo {
  model: string;
  serialNumber: string;
  firmware: string;
}

/** Where the printer says the card is (`Rlr;p`): none (`OK`), `CARD`, `SMART CARD`, `CONTACTLESS CARD`. */
export type CardPosition = 'none' | 'card' | 'smart-card' | 'contactless-card';

/** The feeder as `Sk;f` reports it. */
export interface FeederState {
  /** 0 not empty; 1 empty; 2 pick failure (cards present, none taken); 3 feeder missing. */
  code: 0 | 1 | 2 | 3;
  empty: boolean;
  meaning: string;
}

/** The printer's counters (`Rco;c`, `Rco;p`, `Rco;r`). */
export interface PrinterCounters {
  /** Cards taken from the feeder. */
  inserted: number;
  /** Cards printed (a two-sided card counts once). */
  printed: number;
  /** Cards put in the reject box. */
  rejected: number;
}
