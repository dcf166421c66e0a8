/**
 * Wires a simulated line (simulators/line) to the drivers the line service uses: each printer simulator is reached
 * through the real Evolis driver over its in-memory link (or a pty), each encoder and QC station through its plant
 * card reader, each QC scanner through the simulated scanner, and the handler as it is. Operator actions for
 * station faults come from the simulated line's operator. This is the CLI's composition: the controller never
 * imports simulators.
 */
import { EvolisPrinter } from '../../devices/printer';
import type { Clock } from '../../devices/clock';
import type { LineConfig, StationKind } from '../../controller/line/config';
import type { LineDevices, StationDevices, StationOperator } from '../../controller/line/line-devices';
import type { CycleTimes } from '../../controller/line/run-summary';
import { buildSimulatedLine, stationCycleTimes, LINE_PLACES, type SimulatedLine, type SimulatedLineDescription } from '../../simulators/line';
import type { Plant } from '../../simulators/plant';
import type { ByteTransport } from '../../devices/transport/byte-transport';
import type { VirtualClock } from '../../simulators/virtual-clock';
import type { CardReader } from '../../devices/chip/card-reader';

/** Options of {@link simulatedLineDevices}. */
export interface SimulatedLineOptions {
  plant: Plant;
  clock: Clock;
  seed: string;
  faults: string;
  /** Blanks made for the line's input feeder the first time the plant holds this line. */
  blanks: number;
  /** Set for virtual-time runs: connecting to a simulated printer needs its clock to move. */
  virtualClock?: VirtualClock;
  /** Device ends of pty pairs for printers on real serial transports, by station id. */
  printerTransports?: Record<string, ByteTransport>;
  /** Host ends of those pty pairs, for the drivers. */
  hostTransports?: Record<string, ByteTransport>;
  /** Readers that replace the in-process plant readers (PC/SC readers reaching the chips through vpcd), by station. */
  readers?: Record<string, CardReader>;
  /** Multiplies every simulated device duration (a realtime demo or test of a line at 1/50 of its real times). */
  timeScale?: number;
}

/** What a simulated run needs. */
export interface SimulatedLineDevices {
  devices: LineDevices;
  line: SimulatedLine;
  cycle: CycleTimes;
}

/** The simulated line's description from a line configuration. */
export function describeLine(config: LineConfig, blanks: number): SimulatedLineDescription {
  return {
    stations: config.stations.map((s) => ({ id: s.id, kind: s.kind })),
    blanks,
    inputCapacity: Math.max(blanks, 100),
    rejectCapacity: 10_000,
  };
}

/** Builds the simulated devices and the drivers over them. */
export async function simulatedLineDevices(config: LineConfig, o: SimulatedLineOptions): Promise<SimulatedLineDevices> {
  const description = describeLine(config, o.blanks);
  const line = buildSimulatedLine(description, {
    plant: o.plant,
    clock: o.clock,
    seed: o.seed,
    faults: o.faults,
    ...(o.printerTransports ? { printerTransports: o.printerTransports } : {}),
    ...(o.timeScale !== undefined ? { timings: { scale: o.timeScale } } : {}),
  });
  const stations = new Map<string, StationDevices>();
  for (const s of config.stations) {
    const sim = line.station(s.id);
    const devices: StationDevices = { id: s.id, kind: s.kind };
    if ('printer' in sim) {
      const transport = o.hostTransports?.[s.id] ?? sim.transport;
      if (!transport) throw new Error(`no transport to the printer of ${s.id}`);
      const connecting = EvolisPrinter.connect(transport, { clock: o.clock });
      devices.printer = o.virtualClock ? await o.virtualClock.drive(connecting) : await connecting;
    }
    if ('reader' in sim) devices.reader = o.readers?.[s.id] ?? sim.reader;
    if (sim.kind === 'qc') devices.scanner = sim.scanner;
    stations.set(s.id, devices);
  }
  const input = () => o.plant.at(LINE_PLACES.input).map((c) => c.id);
  const feederStacks = new Map<string, string[]>([['feeder', input()]]);
  const operators = new Map<string, StationOperator>();
  const op = line.operator;
  for (const s of config.stations) {
    if (s.kind !== 'printer-encoder' && s.kind !== 'printer') continue;
    operators.set(s.id, {
      clear: async (reason) => {
        if (reason === 'ribbon-ended') op.replaceRibbon(s.id);
        else if (reason === 'card-jam') op.clearJam(s.id);
        else if (reason === 'cover-open') op.closeCover(s.id);
        else if (reason === 'reject-box-full') op.emptyRejectBox(s.id);
        else if (reason === 'feeder-empty') op.refill(s.id);
      },
      takeOut: async () => {
        op.takeOut(s.id);
      },
    });
  }
  operators.set('handler', {
    clear: async (reason) => {
      if (reason === 'card-jam') op.clearJam('handler');
      if (reason === 'reject-box-full') op.emptyRejectBox('reject');
    },
  });
  operators.set('feeder', {
    clear: async () => {
      const before = new Set(input());
      op.loadBlanks();
      return { loadedBlanks: input().filter((id) => !before.has(id)) };
    },
  });
  const cycle: CycleTimes = {};
  for (const row of stationCycleTimes(description, o.timeScale !== undefined ? { timings: { scale: o.timeScale } } : {})) {
    if (config.stations.some((s) => s.kind === row.kind)) cycle[row.kind as StationKind] = Math.max(cycle[row.kind as StationKind] ?? 0, row.seconds);
  }
  return {
    line,
    cycle,
    devices: {
      stations,
      handler: line.handler,
      feederStacks,
      operators,
      close: async () => {
        await line.close();
      },
    },
  };
}
