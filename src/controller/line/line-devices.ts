/**
 * The drivers of a line, as the line service sees them: per station the printer, the contact reader and the
 * scanner it has, and the card handler that moves cards between stations. Built from real hardware, from
 * simulators on real transports, or from simulators in memory: the line service cannot tell which.
 */
import type { Printer, CardPosition, PrinterCounters } from '../../devices/printer';
import type { CardReader } from '../../devices/chip/card-reader';
import type { Scanner } from '../../devices/scanner';
import type { CardHandler } from '../../devices/handling';
import type { PrinterStatus } from '../../devices/printer/status';
import type { StationKind } from './config';

/** A printer as the line uses it: the Printer interface plus the reads recovery asks. */
export interface LinePrinter extends Printer {
  cardPosition(): Promise<CardPosition>;
  counters(): Promise<PrinterCounters>;
  status(): Promise<PrinterStatus>;
  ribbonPanelsLeft(): Promise<number>;
}

/** The devices of one station. */
export interface StationDevices {
  id: string;
  kind: StationKind;
  printer?: LinePrinter;
  reader?: CardReader;
  scanner?: Scanner;
}

/** Operator actions a station's devices accept (a simulated operator, or the console through the simulators). */
export interface StationOperator {
  /**
   * Carries out the action that clears `reason`; resolves when done. A refill names the blanks it loaded (new stock
   * issued to the line), in the order they will be fed.
   */
  clear(reason: string, by: string): Promise<{ loadedBlanks?: string[] } | void>;
  /** Takes the card held at the station out by hand (it is destroyed after a decision), where a person can. */
  takeOut?(by: string): Promise<void>;
}

/** Everything the line service drives. */
export interface LineDevices {
  stations: Map<string, StationDevices>;
  handler: CardHandler;
  /**
   * The blank serial numbers in each feeder, in the order they will be fed (the stock issued to the line). The
   * line tracks cards by position: the next card out of a feeder is the next serial of its stack.
   */
  feederStacks: Map<string, string[]>;
  /** For simulated lines: hands that clear station faults (the console's buttons, or an automatic operator). */
  operators?: Map<string, StationOperator>;
  close(): Promise<void>;
}
