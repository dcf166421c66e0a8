/**
 * A physical card in a simulated plant: the blank as it moves through the line, what its chip holds and what has
 * been printed on it. The plant (plant.ts) owns every card; device simulators move cards and act on them, so a
 * fault is physical: a card swapped in transit carries its own chip and its own print to the next station.
 */
import type { VirtualChip } from '../chip/virtual-chip';

/** Where a card is. Stations are named by the simulator that holds them, e.g. `printer-1`. */
export type CardLocation =
  | { kind: 'stock' }
  | { kind: 'feeder'; station: string }
  | { kind: 'transport'; station: string }
  | { kind: 'contact-station'; station: string }
  | { kind: 'print-head'; station: string }
  | { kind: 'scanner'; station: string }
  | { kind: 'output-hopper'; station: string }
  | { kind: 'reject-box'; station: string }
  | { kind: 'jammed'; station: string }
  | { kind: 'removed' };

/** One printed side: a 300-dpi panel as the printer received it (RGB, 3 bytes per pixel, rows top to bottom). */
export interface PrintedSide {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** A physical card. */
export interface PhysicalCard {
  /** The blank's serial number (from the card stock), unique in the plant. */
  readonly id: string;
  location: CardLocation;
  /** The chip embedded in the card body; absent for a card without chip. */
  readonly chip?: VirtualChip;
  /** What was printed on each side; undefined while that side is blank. */
  printed: { front?: PrintedSide; back?: PrintedSide };
  /** Physical damage: a misprint or a bent card is visible to QC; a jammed card may be damaged. */
  damage?: string;
}
