/**
 * A simulated Evolis-style card printer on any {@link ByteTransport}: it reads command frames, carries them out one
 * at a time on its {@link PrinterMechanism} (physical cards of a {@link Plant}), takes the time each operation takes
 * on its clock, and answers as the printer would, faults included. See SIMULATOR.md.
 */
import { type Clock, systemClock } from '../../devices/clock';
import { CommandParser, type CommandFrame } from '../../devices/printer/command-parser';
import { encodeReply } from '../../devices/printer/frame';
import { decodePanelData, PanelDataError } from '../../devices/printer/panel-download';
import { PANEL_HEIGHT, PANEL_WIDTH, type SidePlanes, YMCKO, type RibbonPanel } from '../../devices/printer/panels';
import { nackText } from '../../devices/printer/reply';
import { statusReplyText } from '../../devices/printer/status';
import type { ByteTransport } from '../../devices/transport/byte-transport';
import { createRng } from '../../identity/sample/rng';
import type { PhysicalCard } from '../plant/physical-card';
import { type DeviceStateSlot, Plant } from '../plant/plant';
import { type ReceivedPlane, type ReceivedPlanes, storedFromPlanes } from '../plant/stored-print';
import { parseFaultSpec, type PrinterFaultKind, type PrinterFaultSpec } from './fault-spec';
import { type FaultPlanState, PrinterFaultPlan } from './fault-plan';
import { PANELS_PER_SIDE, PrinterMechanism } from './printer-mechanism';
import { PrinterOperator } from './printer-operator';
import { DEFAULT_PRINTER_TIMINGS, type PrinterTimings } from './timings';

/** Options of {@link PrinterSimulator}. */
export interface PrinterSimulatorOptions {
  transport: ByteTransport;
  /** Default: the system clock. */
  clock?: Clock;
  /** The plant whose stock feeds the printer. Default: a plant of its own that makes blank cards as needed. */
  plant?: Plant;
  /** The printer's name in card locations. Default `printer-1`. */
  station?: string;
  /** Cards loaded at start. Default 100. */
  cards?: number;
  /** Default: 100, or `cards` when more. */
  feederCapacity?: number;
  /** Ribbon panels at start, and of each new ribbon. Default 1000 (200 YMCKO sides). */
  ribbonPanels?: number;
  /** Default 50. */
  rejectCapacity?: number;
  /** Cards printed between cleanings. Default 1000. */
  cleaningInterval?: number;
  /** A parsed spec or `--faults` text. Default: none. */
  faults?: PrinterFaultSpec | string;
  /** Seed of the fault draws, the serial number and blank cards. Default `printer`. */
  seed?: string | number;
  /** `Rtp` answer. */
  model?: string;
  /** `Rsn` answer. Default: derived from the seed. */
  serialNumber?: string;
  /** `Rfv` answer. */
  firmware?: string;
  timings?: Partial<PrinterTimings>;
}

/** Defaults of {@link PrinterSimulatorOptions}. */
export const PRINTER_SIM_DEFAULTS = {
  station: 'printer-1',
  cards: 100,
  feederCapacity: 100,
  ribbonPanels: 1000,
  rejectCapacity: 50,
  cleaningInterval: 1000,
  model: 'Evolis Primacy 2 (cardline simulator)',
  firmware: 'SIM-1.0.0',
} as const;

/** Something the simulator did, for its console. */
export interface PrinterSimEvent {
  kind: 'card' | 'fault' | 'refused' | 'link';
  text: string;
  cardId?: string;
}

interface Job {
  side: 'front' | 'back' | undefined;
  front: Partial<SidePlanes>;
  back: Partial<SidePlanes>;
  /** The downloads as they came over the link (compressed): what the plant keeps of the print. */
  received: { front: Partial<Record<RibbonPanel, ReceivedPlane>>; back: Partial<Record<RibbonPanel, ReceivedPlane>> };
}

/** Printer-side refusal: the reply is `ERR;code;text`. */
class Refusal {
  constructor(
    readonly code: string,
    readonly text: string,
  ) {}
}

/** The simulated printer; see the module comment. */
export class PrinterSimulator {
  readonly mechanism: PrinterMechanism;
  /** What a person at the printer can do (tests call it directly; the CLI from stdin lines). */
  readonly operator: PrinterOperator;
  readonly faults: PrinterFaultPlan;
  readonly plant: Plant;
  readonly info: { model: string; serialNumber: string; firmware: string };
  readonly timings: PrinterTimings;
  /** Command frames received so far (the "Nth command" of link faults). */
  commandsReceived = 0;
  private readonly clock: Clock;
  private readonly parser = new CommandParser();
  private readonly listeners: ((e: PrinterSimEvent) => void)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private job: Job | undefined;
  private closed = false;
  private readonly faultSlot: DeviceStateSlot<FaultPlanState>;

  constructor(private readonly options: PrinterSimulatorOptions) {
    const seed = String(options.seed ?? 'printer');
    const cards = options.cards ?? PRINTER_SIM_DEFAULTS.cards;
    this.clock = options.clock ?? systemClock;
    this.plant = options.plant ?? new Plant();
    this.timings = { ...DEFAULT_PRINTER_TIMINGS, ...options.timings };
    const spec = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? { rates: {}, scripted: [] });
    this.faults = new PrinterFaultPlan(spec, seed);
    this.info = {
      model: options.model ?? PRINTER_SIM_DEFAULTS.model,
      serialNumber: options.serialNumber ?? `E${String(createRng(`printer-serial:${seed}`).int(0, 9_999_999)).padStart(7, '0')}`,
      firmware: options.firmware ?? PRINTER_SIM_DEFAULTS.firmware,
    };
    const ribbonPanels = options.ribbonPanels ?? PRINTER_SIM_DEFAULTS.ribbonPanels;
    const station = options.station ?? PRINTER_SIM_DEFAULTS.station;
    this.faultSlot = this.plant.deviceState<FaultPlanState>(`printer-faults:${station}`);
    this.mechanism = new PrinterMechanism({
      plant: this.plant,
      station,
      createBlanks: options.plant === undefined,
      seed,
      feederCapacity: options.feederCapacity ?? Math.max(PRINTER_SIM_DEFAULTS.feederCapacity, cards),
      rejectCapacity: options.rejectCapacity ?? PRINTER_SIM_DEFAULTS.rejectCapacity,
      cleaningInterval: options.cleaningInterval ?? PRINTER_SIM_DEFAULTS.cleaningInterval,
    });
    // A printer made again on a plant that kept its state (after a crash) goes on from that state: its feeder,
    // ribbon, counters and faults are where they were, and no new cards are loaded.
    if (!this.mechanism.restored) {
      this.mechanism.ribbonPanels = ribbonPanels;
      this.mechanism.load(cards);
    } else if (this.mechanism.card !== undefined && this.mechanism.place === 'transport') {
      // The host crashed while the printer was carrying a card to its contact station: the printer's own firmware
      // finished that motion, as a real printer does when only the host goes down.
      this.mechanism.moveInside(this.mechanism.card, 'contact-station');
    }
    const savedFaults = this.faultSlot.load();
    if (savedFaults !== undefined) this.faults.restoreState(savedFaults);
    this.operator = new PrinterOperator(this.mechanism, { ribbonPanels });
    options.transport.onData((chunk) => this.onChunk(chunk));
    options.transport.onClose((error) => {
      this.closed = true;
      this.emit({ kind: 'link', text: `link ${options.transport.name} closed${error ? `: ${error.message}` : ''}` });
    });
  }

  /** Subscribes to what the printer does. */
  onEvent(listener: (e: PrinterSimEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Arms a fault for its next opportunity (QA's `fault KIND`). */
  armFault(kind: PrinterFaultKind): void {
    this.faults.arm(kind);
    this.saveFaults();
  }

  /** True when this printer went on from a state saved in the plant file rather than starting fresh. */
  get restored(): boolean {
    return this.mechanism.restored;
  }

  /** Resolves when every command received so far has been answered. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Closes the transport and stops following the plant. */
  async close(): Promise<void> {
    this.closed = true;
    this.mechanism.detach();
    await this.options.transport.close();
  }

  /** The fault plan's position goes to the plant file with every answer, so a restart neither repeats nor skips faults. */
  private saveFaults(): void {
    if (!this.plant.isClosed) this.faultSlot.save(this.faults.exportState());
  }

  private emit(e: PrinterSimEvent): void {
    for (const l of this.listeners) l(e);
  }

  private onChunk(chunk: Uint8Array): void {
    for (const frame of this.parser.push(chunk)) {
      // One failing frame (a throwing event listener, say) must not stop the frames behind it being served.
      this.chain = this.chain.then(() => this.serve(frame)).catch(() => undefined);
    }
  }

  private async serve(frame: CommandFrame): Promise<void> {
    if (this.closed) return;
    const n = ++this.commandsReceived;
    let reply: string;
    try {
      reply = await this.execute(frame);
    } catch (e) {
      // A bug in the simulator must not stop it answering: it becomes a refusal the host can see.
      const refusal = e instanceof Refusal ? e : new Refusal('1', printable(`SIMULATOR ERROR ${(e as Error).message}`.toUpperCase()));
      reply = nackText(refusal.code, refusal.text);
      this.emit({ kind: 'refused', text: `${frameLabel(frame)} refused: ${reply}` });
    }
    if (this.closed) return;
    // Link faults strike the reply, after the command was carried out (the worst case for the host).
    if (this.faults.strikes('silent', n)) {
      this.saveFaults();
      this.emit({ kind: 'fault', text: `command ${n} (${frameLabel(frame)}): reply lost (silent)` });
      return;
    }
    let bytes = encodeReply(reply);
    if (this.faults.strikes('garble', n)) {
      bytes = this.garble(bytes);
      this.emit({ kind: 'fault', text: `command ${n} (${frameLabel(frame)}): reply garbled` });
    }
    this.saveFaults();
    await this.options.transport.write(bytes).catch(() => undefined);
  }

  /** Corrupts a reply as line noise would: the high bit set on its first byte and on others at random. CR stays. */
  private garble(bytes: Uint8Array): Uint8Array {
    const out = new Uint8Array(bytes);
    for (let i = 0; i < out.length - 1; i++) {
      if (i === 0 || this.faults.randomByte() < 64) out[i] = out[i]! | 0x80;
    }
    return out;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  private async execute(frame: CommandFrame): Promise<string> {
    if (frame.kind === 'bad') throw new Refusal('1', printable(frame.reason.toUpperCase()));
    const { name, params } = frame;
    const m = this.mechanism;
    const p0 = params[0];
    switch (name) {
      case 'Pem':
        if (p0 !== '2') throw new Refusal('2', 'ONLY PEM;2 IS SUPPORTED');
        return this.read('OK');
      case 'Rtp':
        return this.read(this.info.model);
      case 'Rsn':
        return this.read(this.info.serialNumber);
      case 'Rfv':
        return this.read(this.info.firmware);
      case 'Rst':
        return this.read(statusReplyText(m.flags()));
      case 'Sk':
        if (p0 !== 'f') throw new Refusal('2', 'SK TAKES F');
        return this.read(m.feederReply());
      case 'Rrt':
        if (p0 === 'count') return this.read(String(m.ribbonPanels));
        if (p0 === 'type') return this.read('YMCKO');
        throw new Refusal('2', 'RRT TAKES COUNT OR TYPE');
      case 'Rco': {
        const counters: Record<string, number> = { c: m.counters.inserted, p: m.counters.printed, r: m.counters.rejected };
        const value = p0 === undefined ? undefined : counters[p0];
        if (value === undefined) throw new Refusal('2', 'RCO TAKES C, P OR R');
        return this.read(String(value));
      }
      case 'Rlr':
        if (p0 !== 'p') throw new Refusal('2', 'RLR TAKES P');
        return this.read(m.positionReply());
      case 'Rse':
        if (p0 !== 'o') throw new Refusal('2', 'RSE TAKES O');
        return this.read(m.coverOpen ? 'OPEN' : 'CLOSED');
      case 'Sis':
        return this.insertToContactStation();
      case 'Ss':
        this.job = { side: undefined, front: {}, back: {}, received: { front: {}, back: {} } };
        return this.read('OK');
      case 'Sr':
      case 'Sv':
        if (this.job === undefined) throw new Refusal('2', 'NO JOB: SEND Ss FIRST');
        this.job.side = name === 'Sr' ? 'front' : 'back';
        return this.read('OK');
      case 'Db':
        return this.download(params, frame.payload!);
      case 'Sp':
        return this.print();
      case 'Se':
        return this.eject('output-hopper');
      case 'Ser':
        return this.eject('reject-box');
      default:
        throw new Refusal('1', `UNKNOWN COMMAND ${name.toUpperCase()}`);
    }
  }

  private async read(value: string): Promise<string> {
    await this.sleep(this.timings.readMs);
    return value;
  }

  /** Cover and jam stop every move. */
  private checkMovesAllowed(): void {
    if (this.mechanism.coverOpen) throw new Refusal('C', 'COVER OPEN');
    if (this.mechanism.jam !== undefined) throw new Refusal('T', 'CARD JAM');
  }

  /**
   * Takes the next card from the feeder into the transport, with the faults that strike at a pick. The card
   * number is the one the picked card gets.
   */
  private pickCard(): PhysicalCard {
    const m = this.mechanism;
    const n = m.nextCardNumber;
    if (this.faults.strikes('cover', n)) {
      m.coverOpen = true;
      this.emit({ kind: 'fault', text: `card ${n}: cover opened` });
    }
    this.checkMovesAllowed();
    if (this.faults.strikes('rejectfull', n)) {
      m.rejectFullLatched = true;
      this.emit({ kind: 'fault', text: `card ${n}: reject box reports full` });
    }
    if (m.rejectBoxFull) throw new Refusal('B', 'REJECT BOX FULL');
    if (!m.feederEmpty && this.faults.strikes('feed', n)) {
      m.pickFailure = true;
      this.emit({ kind: 'fault', text: `card ${n}: pick failure, feeder reports empty` });
    }
    if (m.feederEmpty) throw new Refusal('F', 'FEEDER EMPTY');
    return m.pick();
  }

  private async insertToContactStation(): Promise<string> {
    const m = this.mechanism;
    this.checkMovesAllowed();
    if (m.card !== undefined) throw new Refusal('2', 'CARD ALREADY IN PRINTER');
    const card = await this.feedCard();
    m.moveInside(card, 'contact-station');
    this.emit({ kind: 'card', text: `card ${m.numberOf(card)} ${card.id}: at the contact station`, cardId: card.id });
    return 'OK';
  }

  /** Picks a card and carries it through the transport (where it may jam), taking the insert time. */
  private async feedCard(): Promise<PhysicalCard> {
    const m = this.mechanism;
    const card = this.pickCard();
    const n = m.numberOf(card);
    if (this.faults.strikes('jam-insert', n)) {
      await this.sleep(this.timings.insertMs / 2);
      m.jamCard('insert');
      this.emit({ kind: 'fault', text: `card ${n} ${card.id}: jammed on its way from the feeder`, cardId: card.id });
      throw new Refusal('T', 'CARD JAM');
    }
    await this.sleep(this.timings.insertMs);
    return card;
  }

  private async download(params: string[], payload: Uint8Array): Promise<string> {
    const [panel = '', encoding = ''] = params;
    if (this.job?.side === undefined) throw new Refusal('2', this.job === undefined ? 'NO JOB: SEND Ss FIRST' : 'NO SIDE: SEND Sr OR Sv FIRST');
    if (!(YMCKO as readonly string[]).includes(panel)) throw new Refusal('2', `UNKNOWN PANEL ${printable(panel.toUpperCase())}`);
    let plane: Uint8Array;
    try {
      plane = decodePanelData(payload, encoding);
    } catch (e) {
      if (e instanceof PanelDataError) throw new Refusal('2', printable(`BAD PANEL DATA: ${e.message}`.toUpperCase()));
      throw e;
    }
    this.job[this.job.side][panel as RibbonPanel] = plane;
    this.job.received[this.job.side][panel as RibbonPanel] = { encoding, data: payload };
    return this.read('OK');
  }

  private completeSide(planes: Partial<SidePlanes>): SidePlanes | undefined {
    return YMCKO.every((p) => planes[p] !== undefined) ? (planes as SidePlanes) : undefined;
  }

  private async print(): Promise<string> {
    const m = this.mechanism;
    const job = this.job;
    const front = job === undefined ? undefined : this.completeSide(job.front);
    if (job === undefined || front === undefined) throw new Refusal('2', 'NO COMPLETE FRONT: DOWNLOAD Y M C K O');
    const backGiven = Object.keys(job.back).length > 0;
    const back = this.completeSide(job.back);
    if (backGiven && back === undefined) throw new Refusal('2', 'INCOMPLETE BACK: DOWNLOAD Y M C K O');
    this.checkMovesAllowed();
    const n = m.card === undefined ? m.nextCardNumber : m.numberOf(m.card);
    if (this.faults.strikes('ribbon', n)) {
      m.ribbonPanels = 0;
      this.emit({ kind: 'fault', text: `card ${n}: ribbon ended` });
    }
    if (m.ribbonEnded) throw new Refusal('R', 'RIBBON ENDED');
    // A print without a card in the printer feeds one first, as Evolis printers do.
    const card = m.card ?? (await this.feedCard());
    m.moveInside(card, 'print-head');
    if (this.faults.strikes('jam-print', n)) {
      await this.sleep(this.timings.printSideMs / 2);
      m.jamCard('print-head');
      this.emit({ kind: 'fault', text: `card ${n} ${card.id}: jammed at the print head`, cardId: card.id });
      throw new Refusal('T', 'CARD JAM');
    }
    await this.printSide(card, 'front', job.received.front as ReceivedPlanes);
    if (back !== undefined) {
      if (m.ribbonEnded) throw new Refusal('R', 'RIBBON ENDED');
      await this.printSide(card, 'back', job.received.back as ReceivedPlanes);
    }
    this.plant.atomically(() => {
      m.counters.printed++;
      m.printedSinceCleaning++;
    });
    this.job = undefined;
    this.emit({ kind: 'card', text: `card ${n} ${card.id}: printed ${back === undefined ? 'front' : 'front and back'}`, cardId: card.id });
    return 'OK';
  }

  /**
   * Lays down one side. The plant keeps the planes as they were downloaded (compressed) and composes the RGB only
   * when someone looks at the card; the side and the ribbon it used are saved together.
   */
  private async printSide(card: PhysicalCard, side: 'front' | 'back', planes: ReceivedPlanes): Promise<void> {
    await this.sleep(this.timings.printSideMs);
    this.plant.atomically(() => {
      this.mechanism.ribbonPanels -= PANELS_PER_SIDE;
      this.plant.recordPrint(card, side, storedFromPlanes(planes, PANEL_WIDTH, PANEL_HEIGHT));
    });
  }

  private async eject(to: 'output-hopper' | 'reject-box'): Promise<string> {
    const m = this.mechanism;
    this.checkMovesAllowed();
    if (m.card === undefined) throw new Refusal('2', 'NO CARD');
    if (to === 'reject-box' && m.rejectBoxFull) throw new Refusal('B', 'REJECT BOX FULL');
    await this.sleep(to === 'output-hopper' ? this.timings.ejectMs : this.timings.rejectMs);
    const n = m.numberOf(m.card);
    const card = m.release(to);
    this.emit({ kind: 'card', text: `card ${n} ${card.id}: ${to === 'output-hopper' ? 'ejected to the output hopper' : 'rejected to the reject box'}`, cardId: card.id });
    return 'OK';
  }
}

function frameLabel(frame: CommandFrame): string {
  if (frame.kind === 'bad') return `bad frame "${printable(frame.text.slice(0, 40))}"`;
  return [frame.name, ...frame.params, ...(frame.payload === undefined ? [] : [String(frame.payload.length)])].join(';');
}

/** Reply text must be printable ASCII: anything else becomes '?'. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
