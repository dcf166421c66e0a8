/**
 * How long the simulated line's devices take, on the line's clock, and what that means for capacity. Defaults are
 * those of real equipment of the kind: a feeder picks and carries a blank in about 1.5 s, a conveyor segment takes
 * 1.5 s, a contact encoder module pulls a card onto its contacts and pushes it out again in about 1 s together, a
 * YMCKO side prints in about 12 s, a QC camera inspects in about 2 s. Chip personalization takes no device time:
 * the host does it over the reader, so its time is the host's (in a virtual-time run, none).
 */
import { DEFAULT_PRINTER_TIMINGS, type PrinterTimings } from '../printer/timings';
import { isPrinterKind, type SimulatedLineDescription, type SimulatedStationKind } from './line-description';

/** Durations in ms. */
export interface LineTimings {
  /** A blank from the input feeder to a station's entry (the feeder takes one blank at a time). */
  feedMs: number;
  /** A card from one station's exit to another station's entry (conveyor segments run side by side). */
  transferMs: number;
  /** A card from a station's exit to the output stacker (one at a time). */
  stackMs: number;
  /** A card from a station's exit to the reject box (one at a time). */
  rejectMs: number;
  /** An encoder or QC module pulling a card in from its entry onto its contacts. */
  moduleLoadMs: number;
  /** ...and pushing it out again. */
  moduleUnloadMs: number;
  /** A QC camera's inspection: the scanner reads this long after the card arrives. */
  qcInspectMs: number;
  /** A sensor or counter read. */
  senseMs: number;
  /** A misfeed is noticed this long after the pick started. */
  misfeedMs: number;
  /** The printers' own timings (see printer/SIMULATOR.md). */
  printer: PrinterTimings;
}

/** Default durations. */
export const DEFAULT_LINE_TIMINGS: Readonly<LineTimings> = Object.freeze({
  feedMs: 1_500,
  transferMs: 1_500,
  stackMs: 1_000,
  rejectMs: 1_000,
  moduleLoadMs: 500,
  moduleUnloadMs: 500,
  qcInspectMs: 2_000,
  senseMs: 50,
  misfeedMs: 500,
  printer: { ...DEFAULT_PRINTER_TIMINGS },
});

/** Timing overrides: any field, a printer field, and `scale` multiplying every duration not given. */
export type LineTimingOptions = Partial<Omit<LineTimings, 'printer'>> & { printer?: Partial<PrinterTimings>; scale?: number };

/**
 * The timings for `options`.
 * @throws RangeError for a negative or non-finite duration or a scale that is not above 0
 */
export function lineTimings(options: LineTimingOptions = {}): LineTimings {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`timing scale must be a number above 0, got ${scale}`);
  const { scale: _scale, printer, ...explicit } = options;
  const scaled = (v: number) => v * scale;
  const base = DEFAULT_LINE_TIMINGS;
  const out: LineTimings = {
    feedMs: scaled(base.feedMs),
    transferMs: scaled(base.transferMs),
    stackMs: scaled(base.stackMs),
    rejectMs: scaled(base.rejectMs),
    moduleLoadMs: scaled(base.moduleLoadMs),
    moduleUnloadMs: scaled(base.moduleUnloadMs),
    qcInspectMs: scaled(base.qcInspectMs),
    senseMs: scaled(base.senseMs),
    misfeedMs: scaled(base.misfeedMs),
    ...stripUndefined(explicit),
    printer: {
      insertMs: scaled(base.printer.insertMs),
      printSideMs: scaled(base.printer.printSideMs),
      ejectMs: scaled(base.printer.ejectMs),
      rejectMs: scaled(base.printer.rejectMs),
      readMs: scaled(base.printer.readMs),
      ...stripUndefined(printer ?? {}),
    },
  };
  for (const [k, v] of [...Object.entries(out), ...Object.entries(out.printer)]) {
    if (typeof v === 'number' && !(v >= 0 && Number.isFinite(v))) throw new RangeError(`timing ${k} must be a finite number of ms >= 0, got ${v}`);
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One station's time per card, and what it is made of (seconds). */
export interface StationCycleTime {
  /** The station id; `input` and `output` for the line's feeder and stacker. */
  station: string;
  kind: SimulatedStationKind | 'feeder' | 'stacker';
  /** Seconds the station is busy with one card: at most 1 / seconds cards a second pass through it. */
  seconds: number;
  /** The parts, in seconds. */
  parts: Record<string, number>;
}

/** Options of {@link stationCycleTimes}. */
export interface CycleTimeOptions {
  timings?: LineTimingOptions;
  /** Sides printed per card. Default 2. */
  sides?: 1 | 2;
  /**
   * Host time to personalize one chip over the reader, in seconds: the station waits for it. Default 0, which is
   * what a virtual-time run sees; pass a measured figure (a contact encoder writing an eMRTD image takes a few
   * seconds) to plan a real line.
   */
  chipSeconds?: number;
  /** Host time of the QC chip read-back, in seconds; it overlaps the camera's inspection. Default 0. */
  qcChipSeconds?: number;
}

/**
 * Seconds per card at each station of a line (and at the input feeder and output stacker, which pass one card at a
 * time). The line's capacity is set by its bottleneck: group stations by what they do (printing, encoding, QC);
 * a group of n stations of cycle time t passes n / t cards a second; the slowest group, or the feeder or stacker,
 * limits the line. Transfers between stations run side by side on their own segments and add latency, not cycle
 * time, except the module load and unload, which keep an encoder or QC module busy and are counted in its cycle.
 */
export function stationCycleTimes(description: SimulatedLineDescription, options: CycleTimeOptions = {}): StationCycleTime[] {
  const t = lineTimings(options.timings);
  const sides = options.sides ?? 2;
  const chip = options.chipSeconds ?? 0;
  const qcChip = options.qcChipSeconds ?? 0;
  const s = (ms: number) => ms / 1000;
  const out: StationCycleTime[] = [{ station: 'input', kind: 'feeder', seconds: s(t.feedMs), parts: { feed: s(t.feedMs) } }];
  for (const station of description.stations) {
    let parts: Record<string, number>;
    if (isPrinterKind(station.kind)) {
      parts = { insert: s(t.printer.insertMs) };
      if (station.kind === 'printer-encoder') parts.chip = chip;
      parts.print = sides * s(t.printer.printSideMs);
      parts.eject = s(t.printer.ejectMs);
    } else if (station.kind === 'encoder') {
      parts = { load: s(t.moduleLoadMs), chip, unload: s(t.moduleUnloadMs) };
    } else {
      parts = { load: s(t.moduleLoadMs), inspect: Math.max(s(t.qcInspectMs), qcChip), unload: s(t.moduleUnloadMs) };
    }
    out.push({ station: station.id, kind: station.kind, seconds: round(Object.values(parts).reduce((a, b) => a + b, 0)), parts });
  }
  out.push({ station: 'output', kind: 'stacker', seconds: s(t.stackMs), parts: { stack: s(t.stackMs) } });
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
