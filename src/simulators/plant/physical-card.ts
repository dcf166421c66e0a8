/**
 * A physical card in a simulated plant: the blank as it moves through the line, what its chip holds and what has
 * been printed on it. The plant (plant.ts) owns every card; device simulators move cards and act on them, so a
 * fault is physical: a card swapped in transit carries its own chip and its own print to the next station.
 *
 * The cards a plant hands out are live views of its records: assigning `location`, `damage` or `printed` (or a
 * side of `printed`) writes through to the plant at once, and the chip journals its own writes (PLANT.md).
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
  /** A line's reject box (or a printer's); `reason` is the slip that goes in with the card, when one was given. */
  | { kind: 'reject-box'; station: string; reason?: string }
  /** A line's output stacker; `sequence` is the place in the output order the controller asked for. */
  | { kind: 'stacker'; station: string; sequence?: number }
  | { kind: 'jammed'; station: string }
  | { kind: 'removed' };

/**
 * One printed side: a 300-dpi panel as the printer laid it down (RGB, 3 bytes per pixel, rows top to bottom). A
 * plant keeps sides compressed and decompresses `rgb` on demand (printed-side.ts); `digest` identifies what was
 * printed even after the plant dropped the pixels of a card that left the line.
 */
export interface PrintedSide {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
  /** SHA-256 (hex) of the side as stored by the plant; set on sides a plant hands out. */
  readonly digest?: string;
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
