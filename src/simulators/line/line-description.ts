/**
 * The plain description of a simulated line: its stations (id and kind) and its input feeder, output stacker and
 * reject box. `buildSimulatedLine` turns it into devices; `stationCycleTimes` into capacity figures.
 */
import type { CardLocation } from '../plant/physical-card';

/** What a simulated station is. */
export type SimulatedStationKind =
  /** A desktop printer with a contact encoder: PrinterSimulator plus a reader wired to its contact station. */
  | 'printer-encoder'
  /** A stand-alone encoder module: a contact station and its reader. */
  | 'encoder'
  /** An industrial printer module, fed by the handler, without an encoder. */
  | 'printer'
  /** A QC station: a reader to the card in front of it and a scanner looking at it. */
  | 'qc';

/** The station kinds, for messages and validation. */
export const SIMULATED_STATION_KINDS: readonly SimulatedStationKind[] = ['printer-encoder', 'encoder', 'printer', 'qc'];

/** Options of a printer station's simulator. */
export interface SimulatedPrinterSettings {
  /** Ribbon panels at start and of each new ribbon. Default 1000. */
  ribbonPanels?: number;
  /** Cards the printer's own feeder holds (the handler fills it). Default 100. */
  feederCapacity?: number;
  /** The printer's own reject box. Default 50. */
  rejectCapacity?: number;
  /** Cards printed between cleanings. Default 1000. */
  cleaningInterval?: number;
  /** `Rtp` answer. */
  model?: string;
  /** `Rsn` answer. Default: derived from the line's seed and the station id. */
  serialNumber?: string;
}

/** One station. */
export interface SimulatedStationDescription {
  /** Unique on the line; letters, digits, `-` and `_`. Not `input`, `output`, `reject` or `handler`. */
  id: string;
  kind: SimulatedStationKind;
  /** For printer kinds only. */
  printer?: SimulatedPrinterSettings;
}

/** A whole line. */
export interface SimulatedLineDescription {
  stations: readonly SimulatedStationDescription[];
  /** Blanks made and loaded into the input feeder when the line is first built. */
  blanks: number;
  /** Blanks the input feeder holds. Default: `blanks`, at least 100. */
  inputCapacity?: number;
  /** Cards the line's reject box holds. Default 100. */
  rejectCapacity?: number;
}

/** Ids taken by the line's own devices. */
export const RESERVED_IDS = ['input', 'output', 'reject', 'handler'] as const;

/** Where the line's own devices keep cards. */
export const LINE_PLACES = {
  input: { kind: 'feeder', station: 'input' },
  output: { kind: 'stacker', station: 'output' },
  reject: { kind: 'reject-box', station: 'reject' },
  transit: { kind: 'transport', station: 'handler' },
  jammed: { kind: 'jammed', station: 'handler' },
} as const satisfies Record<string, CardLocation>;

/** A description that cannot be built, with what is wrong. */
export class LineDescriptionError extends Error {
  override name = 'LineDescriptionError';
}

/** True for the kinds with a printer. */
export function isPrinterKind(kind: SimulatedStationKind): kind is 'printer' | 'printer-encoder' {
  return kind === 'printer' || kind === 'printer-encoder';
}

/** Where the handler puts cards for a station. */
export function entryOf(station: Pick<SimulatedStationDescription, 'id' | 'kind'>): CardLocation {
  if (isPrinterKind(station.kind)) return { kind: 'feeder', station: station.id };
  return station.kind === 'qc' ? { kind: 'scanner', station: station.id } : { kind: 'contact-station', station: station.id };
}

/** Where the handler takes cards from a station. */
export function exitOf(station: Pick<SimulatedStationDescription, 'id' | 'kind'>): CardLocation {
  return isPrinterKind(station.kind) ? { kind: 'output-hopper', station: station.id } : entryOf(station);
}

/** Where the station's chip reader reaches the card (undefined for a printer without encoder). */
export function readerPositionOf(station: Pick<SimulatedStationDescription, 'id' | 'kind'>): CardLocation | undefined {
  switch (station.kind) {
    case 'printer-encoder':
    case 'encoder':
      return { kind: 'contact-station', station: station.id };
    case 'qc':
      return { kind: 'scanner', station: station.id };
    case 'printer':
      return undefined;
  }
}

function wholeNumber(value: unknown, what: string, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new LineDescriptionError(`${what} must be a whole number from ${min}, got ${String(value)}`);
}

/**
 * Checks a description.
 * @throws LineDescriptionError naming the station and the problem (duplicate or reserved id, unknown kind, printer
 *   settings on a station without a printer, bad numbers, no stations)
 */
export function checkLineDescription(description: SimulatedLineDescription): void {
  if (!Array.isArray(description.stations) || description.stations.length === 0) throw new LineDescriptionError('a line needs at least one station');
  wholeNumber(description.blanks, 'blanks', 0);
  if (description.inputCapacity !== undefined) wholeNumber(description.inputCapacity, 'inputCapacity', 1);
  if (description.rejectCapacity !== undefined) wholeNumber(description.rejectCapacity, 'rejectCapacity', 1);
  const seen = new Set<string>();
  for (const [i, s] of description.stations.entries()) {
    const where = `station ${i + 1}${typeof s.id === 'string' ? ` ("${s.id}")` : ''}`;
    if (typeof s.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(s.id)) throw new LineDescriptionError(`${where}: the id must be 1-40 letters, digits, "-" or "_"`);
    if ((RESERVED_IDS as readonly string[]).includes(s.id)) throw new LineDescriptionError(`${where}: "${s.id}" is the id of the line's own ${s.id}; choose another`);
    if (seen.has(s.id)) throw new LineDescriptionError(`${where}: the id "${s.id}" is used twice`);
    seen.add(s.id);
    if (!SIMULATED_STATION_KINDS.includes(s.kind)) throw new LineDescriptionError(`${where}: unknown kind "${String(s.kind)}"; kinds: ${SIMULATED_STATION_KINDS.join(', ')}`);
    if (s.printer !== undefined && !isPrinterKind(s.kind)) throw new LineDescriptionError(`${where}: printer settings on a ${s.kind} station`);
    const p = s.printer ?? {};
    if (p.ribbonPanels !== undefined) wholeNumber(p.ribbonPanels, `${where}: ribbonPanels`, 0);
    if (p.feederCapacity !== undefined) wholeNumber(p.feederCapacity, `${where}: feederCapacity`, 1);
    if (p.rejectCapacity !== undefined) wholeNumber(p.rejectCapacity, `${where}: rejectCapacity`, 1);
    if (p.cleaningInterval !== undefined) wholeNumber(p.cleaningInterval, `${where}: cleaningInterval`, 1);
  }
}
