/**
 * The simulated devices of a whole line on one plant and one clock, built from a plain description: for each station
 * what a controller needs to build its drivers (a byte transport to each printer, a chip reader at each encoder,
 * printer-encoder and QC station, a scanner at each QC station), the card handler, and the operator's actions. See
 * SIMULATED-LINE.md.
 *
 * Built on a plant that already holds this line (a plant file reopened after a crash), every device goes on from
 * its saved state and no blanks are made: the line is where the crash left it.
 */
import type { ByteTransport } from '../../devices/transport/byte-transport';
import { createMemoryLink } from '../../devices/transport/memory-link';
import type { Clock } from '../../devices/clock';
import { chipFaultForCard, type ChipFault, type ChipFaultDrawOptions } from '../chip/faults';
import type { PhysicalCard } from '../plant/physical-card';
import type { Plant } from '../plant/plant';
import { PrinterSimulator } from '../printer/printer-simulator';
import { SimulatedScanner } from '../scanner/simulated-scanner';
import {
  checkLineDescription,
  isPrinterKind,
  LineDescriptionError,
  readerPositionOf,
  type SimulatedLineDescription,
  type SimulatedStationKind,
} from './line-description';
import { type LineFaultSpec, parseLineFaultSpec, resolveLineFaults, type ResolvedLineFaults } from './line-fault-spec';
import { LineOperator } from './line-operator';
import { lineTimings, type LineTimingOptions, type LineTimings } from './line-timings';
import { PlantCardReader } from './plant-card-reader';
import { SimulatedCardHandler } from './simulated-card-handler';

/** Options of {@link buildSimulatedLine}. */
export interface BuildSimulatedLineOptions {
  plant: Plant;
  /** Every device's time, and the plant's chips' (the plant's clock is set to it). */
  clock: Clock;
  /** Seed of every fault draw and of the blanks' chips. Default `line`. */
  seed?: string | number;
  /** A line fault spec (line-fault-spec.ts), parsed or as text. Default: no faults. */
  faults?: string | LineFaultSpec;
  timings?: LineTimingOptions;
  /**
   * Device ends for printer stations, by station id: e.g. a serial transport on the device end of a socat pty pair
   * the caller made, so the controller's driver opens the other end. Stations not listed get an in-memory link.
   */
  printerTransports?: Readonly<Record<string, ByteTransport>>;
  /** Default time-out of handler calls. */
  handlerTimeoutMs?: number;
  /** How long a station's reader waits for a card. Default 10 s. */
  readerWaitMs?: number;
  /** Where drawn chip write faults may fall, and how slow a slow chip is (chip/faults.ts). */
  chipFaults?: Pick<ChipFaultDrawOptions, 'writeWindowBytes' | 'slowDelayMs'>;
}

/** One station's devices. */
export type SimulatedStation =
  | {
      id: string;
      kind: 'printer-encoder';
      printer: PrinterSimulator;
      /** The host end of the in-memory link to the printer (absent when the caller gave the device end). */
      transport?: ByteTransport;
      reader: PlantCardReader;
    }
  | { id: string; kind: 'printer'; printer: PrinterSimulator; transport?: ByteTransport }
  | { id: string; kind: 'encoder'; reader: PlantCardReader }
  | { id: string; kind: 'qc'; reader: PlantCardReader; scanner: SimulatedScanner };

/** Faults injected so far, to compare with what the controller detected. */
export interface InjectedFaults {
  total: number;
  /** `handler:feed|jam|mixup`, `chip:<fault kind>` (blanks fed into the line carrying it), `printer:<kind>`. */
  byKind: Record<string, number>;
  /** By device: `handler`, `chips`, and each printer station id. */
  byDevice: Record<string, Record<string, number>>;
}

/** What the plant file keeps about the line itself. */
interface SavedLine {
  stations: { id: string; kind: SimulatedStationKind }[];
  seed: string;
}

/** A built line; see the module comment. */
export class SimulatedLine {
  /** True when the line went on from a plant file that already held it. */
  readonly restored: boolean;
  readonly operator: LineOperator;
  private closed = false;

  /** @internal use {@link buildSimulatedLine} */
  constructor(
    readonly description: SimulatedLineDescription,
    readonly plant: Plant,
    readonly clock: Clock,
    readonly timings: LineTimings,
    readonly faults: ResolvedLineFaults,
    readonly handler: SimulatedCardHandler,
    readonly stations: ReadonlyMap<string, SimulatedStation>,
    restored: boolean,
  ) {
    this.restored = restored;
    this.operator = new LineOperator(
      handler,
      new Map([...stations].map(([id, s]) => [id, { id, kind: s.kind, ...('printer' in s ? { printer: s.printer } : {}) }])),
    );
  }

  /** A station's devices; throws a RangeError for an unknown id. */
  station(id: string): SimulatedStation {
    const s = this.stations.get(id);
    if (s === undefined) throw new RangeError(`no station "${id}" on this line; stations: ${[...this.stations.keys()].join(', ')}`);
    return s;
  }

  /** Every fault injected so far, by kind and by device. */
  injectedFaults(): InjectedFaults {
    const byDevice: Record<string, Record<string, number>> = { handler: { ...this.handler.injectedFaults() }, chips: this.handler.chipFaultsFed() };
    const byKind: Record<string, number> = {};
    const add = (prefix: string, counts: Record<string, number | undefined>) => {
      for (const [k, n] of Object.entries(counts)) if (n !== undefined && n > 0) byKind[`${prefix}:${k}`] = (byKind[`${prefix}:${k}`] ?? 0) + n;
    };
    add('handler', byDevice.handler!);
    add('chip', byDevice.chips!);
    for (const s of this.stations.values()) {
      if (!('printer' in s)) continue;
      const struck = Object.fromEntries(Object.entries(s.printer.faults.struck).filter(([, n]) => n !== undefined)) as Record<string, number>;
      byDevice[s.id] = struck;
      add('printer', struck);
    }
    return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, byDevice };
  }

  /**
   * Stops every device: handler calls are refused, readers and scanners stop, printer links close. The plant stays
   * open: it belongs to the caller, who closes it (or, in a crash test, does not).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handler.close();
    for (const s of this.stations.values()) {
      if ('reader' in s) s.reader.close();
      if (s.kind === 'qc') await s.scanner.close();
      if ('printer' in s) await s.printer.close();
    }
  }
}

/**
 * Builds the simulated devices of a line (see the module comment).
 * @throws LineDescriptionError for a bad description, or a plant file that holds a different line;
 *   LineFaultSpecError for a bad fault spec
 */
export function buildSimulatedLine(description: SimulatedLineDescription, options: BuildSimulatedLineOptions): SimulatedLine {
  checkLineDescription(description);
  const { plant, clock } = options;
  const seed = String(options.seed ?? 'line');
  const faults = resolveLineFaults(typeof options.faults === 'string' || options.faults === undefined ? parseLineFaultSpec(options.faults ?? '') : options.faults, description);
  const timings = lineTimings(options.timings);
  plant.clock = clock;

  const lineSlot = plant.deviceState<SavedLine>('line');
  const saved = lineSlot.load();
  const stationsNow = description.stations.map((s) => ({ id: s.id, kind: s.kind }));
  if (saved !== undefined) {
    const was = saved.stations.map((s) => `${s.id} (${s.kind})`).join(', ');
    const now = stationsNow.map((s) => `${s.id} (${s.kind})`).join(', ');
    if (was !== now) throw new LineDescriptionError(`the plant file holds a line with stations ${was}; this description has ${now}`);
  }

  const chipDraw: ChipFaultDrawOptions = { rates: faults.chips.rates, ...options.chipFaults };
  const chipFaultsOf = (serial: number): ChipFault[] => {
    const scripted = faults.chips.scripted.find((s) => s.serial === serial);
    if (scripted !== undefined) return [drawnAs(scripted.kind, serial)];
    const drawn = chipFaultForCard(`line:${seed}`, serial, chipDraw);
    return drawn === undefined ? [] : [drawn];
  };
  const drawnAs = (kind: ChipFault['kind'], serial: number): ChipFault => {
    // A scripted write fault falls where a drawn one would (a per-card draw at rate 1 for that kind).
    const key = ({ 'write-failure': 'writeFailure', tearing: 'tearing', dead: 'dead', slow: 'slow', 'already-personalized': 'alreadyPersonalized' } as const)[kind];
    return chipFaultForCard(`line:${seed}/scripted`, serial, { ...chipDraw, rates: { [key]: 1 } })!;
  };
  const makeBlanks = (count: number): PhysicalCard[] => plant.addBlanks(count, `line:${seed}`, { chipFaults: chipFaultsOf });

  const inputCapacity = description.inputCapacity ?? Math.max(description.blanks, 100);
  const handler = new SimulatedCardHandler({
    plant,
    clock,
    stations: stationsNow,
    printerFeederCapacity: Object.fromEntries(description.stations.filter((s) => isPrinterKind(s.kind)).map((s) => [s.id, s.printer?.feederCapacity ?? 100])),
    inputCapacity,
    rejectCapacity: description.rejectCapacity ?? 100,
    timings,
    faults: faults.handler,
    seed,
    ...(options.handlerTimeoutMs === undefined ? {} : { timeoutMs: options.handlerTimeoutMs }),
    makeBlanks,
  });

  const stations = new Map<string, SimulatedStation>();
  for (const s of description.stations) {
    const reader = (): PlantCardReader =>
      new PlantCardReader({ plant, position: readerPositionOf(s)!, clock, name: `${s.id} reader`, waitTimeoutMs: options.readerWaitMs });
    if (isPrinterKind(s.kind)) {
      const given = options.printerTransports?.[s.id];
      const [host, device] = given === undefined ? createMemoryLink({ clock, names: [`memory:host:${s.id}`, `memory:${s.id}`] }) : [undefined, given];
      const p = s.printer ?? {};
      const printer = new PrinterSimulator({
        transport: device,
        clock,
        plant,
        station: s.id,
        cards: 0,
        feederCapacity: p.feederCapacity ?? 100,
        ...(p.ribbonPanels === undefined ? {} : { ribbonPanels: p.ribbonPanels }),
        ...(p.rejectCapacity === undefined ? {} : { rejectCapacity: p.rejectCapacity }),
        ...(p.cleaningInterval === undefined ? {} : { cleaningInterval: p.cleaningInterval }),
        ...(p.model === undefined ? {} : { model: p.model }),
        ...(p.serialNumber === undefined ? {} : { serialNumber: p.serialNumber }),
        faults: faults.printers[s.id],
        seed: `${seed}/${s.id}`,
        timings: timings.printer,
      });
      const base = { id: s.id, printer, ...(host === undefined ? {} : { transport: host }) };
      stations.set(s.id, s.kind === 'printer-encoder' ? { ...base, kind: 'printer-encoder', reader: reader() } : { ...base, kind: 'printer' });
    } else if (s.kind === 'encoder') {
      stations.set(s.id, { id: s.id, kind: 'encoder', reader: reader() });
    } else {
      const scanner = new SimulatedScanner({ plant, station: s.id, clock, readTimeMs: timings.qcInspectMs, presentationMode: false });
      stations.set(s.id, { id: s.id, kind: 'qc', reader: reader(), scanner });
    }
  }

  if (saved === undefined) {
    plant.atomically(() => {
      const missing = description.blanks - plant.count({ kind: 'stock' });
      if (missing > 0) makeBlanks(missing);
      handler.loadBlanks(Math.min(description.blanks, inputCapacity));
      lineSlot.save({ stations: stationsNow, seed });
    });
  }
  return new SimulatedLine(description, plant, clock, timings, faults, handler, stations, saved !== undefined);
}

