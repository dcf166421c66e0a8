/**
 * The simulated card handler: the conveyors (or the operator carrying cards) of a simulated line, moving the plant's
 * physical cards between the input feeder, the stations, the output stacker and the reject box, taking its time on
 * the line's clock and injecting its faults from a seeded generator:
 *
 * - `feed`: a misfeed. The feeder picks nothing; nothing moves; HandlingFeedError (feeding again may work).
 * - `jam`: the card jams half-way through a move. It goes to the handler's jam position (spoiled), the handler
 *   stops (every move fails with HandlingJamError) until an operator clears it.
 * - `mixup`: as a transferred card arrives, it is swapped with another card within reach: one being fed or
 *   transferred on another segment, or one waiting in a printer's output hopper; failing those, the top blank of the
 *   input feeder (the operator picked up the wrong card). Cards being worked on in a module and cards on their way
 *   out of the line are never taken. The two physical cards exchange places (chips and prints go with them), so the
 *   controller's tracking is wrong and only QC can tell.
 *
 * Moves run side by side (each on its own segment), except that the feeder, the stacker and the reject box take one
 * card at a time. State (counters, cards in transit, the jam, the generator's position, the faults injected) is saved
 * in the plant file with every move, atomically with the card's own move, under the device id `handler`. A handler
 * made again on the same plant after a crash first completes the moves that were under way (the conveyor ran on
 * while the software was down), so recovery finds each card at its destination and the counters saying so.
 */
import {
  type CardHandler,
  DEFAULT_HANDLING_TIMEOUT_MS,
  type FedCard,
  type HandlingCallOptions,
  type HandlingCounters,
  type HandlingPosition,
  type SensedCard,
} from '../../devices/handling/card-handler';
import {
  HandlingAbortedError,
  HandlingFeedError,
  HandlingJamError,
  HandlingRefusedError,
  HandlingTimeoutError,
  NoBlankError,
} from '../../devices/handling/handling-errors';
import type { Clock } from '../../devices/clock';
import type { CardLocation, PhysicalCard } from '../plant/physical-card';
import { type DeviceStateSlot, type Plant, locationKey } from '../plant/plant';
import { createResumableRng, type ResumableRng } from '../plant/resumable-rng';
import { entryOf, exitOf, isPrinterKind, LINE_PLACES, type SimulatedStationDescription } from './line-description';
import type { HandlerFaultKind, HandlerFaultSpec } from './line-fault-spec';
import { DEFAULT_LINE_TIMINGS, type LineTimings } from './line-timings';

/** Options of {@link SimulatedCardHandler}. */
export interface SimulatedCardHandlerOptions {
  plant: Plant;
  clock: Clock;
  /** The stations it serves. */
  stations: readonly Pick<SimulatedStationDescription, 'id' | 'kind'>[];
  /** Cards a printer station's entry (its feeder) holds, by station id. Default 100. */
  printerFeederCapacity?: Readonly<Record<string, number>>;
  /** Blanks the input feeder holds. Default 100. */
  inputCapacity?: number;
  /** Cards the reject box holds. Default 100. */
  rejectCapacity?: number;
  timings?: LineTimings;
  faults?: HandlerFaultSpec;
  /** Seed of the fault draws. Default `line`. */
  seed?: string | number;
  /** Default time-out of a call. Default {@link DEFAULT_HANDLING_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Makes `count` new blanks in the plant's stock, when loading asks for more than the stock has. */
  makeBlanks?: (count: number) => PhysicalCard[];
}

/** Something the handler did, for consoles and tests. */
export interface HandlerEvent {
  kind: 'fed' | 'moved' | 'stacked' | 'rejected' | 'fault' | 'operator' | 'restored';
  text: string;
  cardId?: string;
  /** For a mix-up: the card the moved card was swapped with. */
  otherCardId?: string;
  fault?: HandlerFaultKind;
}

type Operation = 'feed' | 'transfer' | 'stack' | 'reject';

/** A card on its way. */
interface TransitEntry {
  id: number;
  cardId: string;
  op: Operation;
  from: string;
  toStation: string;
  to: CardLocation;
}

/** What the plant file keeps of the handler. */
interface HandlerState {
  counters: HandlingCounters;
  transit: TransitEntry[];
  jam: { cardId: string; between: string } | null;
  draws: number;
  fired: number[];
  opportunities: { feeds: number; moves: number; transfers: number };
  injected: Partial<Record<HandlerFaultKind, number>>;
  /** Chip faults of the blanks fed into the line, by fault kind: the chip faults the line was given. */
  chipFaultsFed: Record<string, number>;
  nextTransitId: number;
}

/** A one-at-a-time resource (the feeder, the stacker, the reject box). */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** The simulated handler; see the module comment. */
export class SimulatedCardHandler implements CardHandler {
  readonly name = 'simulated card handler';
  /** True when the handler went on from state saved in the plant file. */
  readonly restored: boolean;
  private readonly plant: Plant;
  private readonly clock: Clock;
  private readonly timings: LineTimings;
  private readonly stations: Map<string, Pick<SimulatedStationDescription, 'id' | 'kind'>>;
  private readonly faults: HandlerFaultSpec;
  private readonly rng: ResumableRng;
  private readonly slot: DeviceStateSlot<HandlerState>;
  private readonly state: HandlerState;
  private readonly timeoutMs: number;
  private readonly feeder = new Mutex();
  private readonly stacker = new Mutex();
  private readonly rejectBox = new Mutex();
  private readonly listeners: ((e: HandlerEvent) => void)[] = [];
  private closed = false;

  constructor(private readonly options: SimulatedCardHandlerOptions) {
    this.plant = options.plant;
    this.clock = options.clock;
    this.timings = options.timings ?? DEFAULT_LINE_TIMINGS;
    this.stations = new Map(options.stations.map((s) => [s.id, s]));
    this.faults = options.faults ?? { rates: {}, scripted: [] };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_HANDLING_TIMEOUT_MS;
    this.rng = createResumableRng(`handler:${String(options.seed ?? 'line')}`);
    this.slot = this.plant.deviceState<HandlerState>('handler');
    const saved = this.slot.load();
    this.restored = saved !== undefined;
    this.state = saved ?? {
      counters: { fed: 0, stacked: 0, rejected: 0 },
      transit: [],
      jam: null,
      draws: 0,
      fired: [],
      opportunities: { feeds: 0, moves: 0, transfers: 0 },
      injected: {},
      chipFaultsFed: {},
      nextTransitId: 1,
    };
    this.rng.skipTo(this.state.draws);
    if (saved === undefined) this.save();
    else this.finishInterruptedMoves();
  }

  // --- CardHandler -------------------------------------------------------------------------------------------

  feed(toStation: string, options?: HandlingCallOptions): Promise<FedCard> {
    return this.call('feed', options, () => this.doFeed(toStation));
  }

  transfer(from: string, to: string, options?: HandlingCallOptions): Promise<void> {
    return this.call('transfer', options, () => this.doTransfer(from, to));
  }

  stack(from: string, sequence: number, options?: HandlingCallOptions): Promise<void> {
    return this.call('stack', options, () => this.stacker.run(() => this.doLeave('stack', from, { kind: 'stacker', station: LINE_PLACES.output.station, sequence })));
  }

  reject(from: string, reason: string, options?: HandlingCallOptions): Promise<void> {
    return this.call('reject', options, () => this.rejectBox.run(() => this.doLeave('reject', from, { kind: 'reject-box', station: LINE_PLACES.reject.station, reason })));
  }

  sense(position: HandlingPosition, options?: HandlingCallOptions): Promise<SensedCard> {
    return this.call('sense', options, async () => {
      await this.sleep(this.timings.senseMs);
      return this.look(position) ? 'card' : 'empty';
    });
  }

  counters(options?: HandlingCallOptions): Promise<HandlingCounters> {
    return this.call('counters', options, async () => {
      await this.sleep(this.timings.senseMs);
      return { ...this.state.counters };
    });
  }

  // --- figures and operator actions ------------------------------------------------------------------------------

  /** Faults injected so far, by kind (a mix-up with no card within reach is not injected, so not counted). */
  injectedFaults(): Record<HandlerFaultKind, number> {
    return { feed: this.state.injected.feed ?? 0, jam: this.state.injected.jam ?? 0, mixup: this.state.injected.mixup ?? 0 };
  }

  /** Chip faults carried by the blanks fed into the line so far, by chip fault kind. */
  chipFaultsFed(): Record<string, number> {
    return { ...this.state.chipFaultsFed };
  }

  /** The jam the handler waits on, if any. */
  get jam(): { cardId: string; between: string } | undefined {
    return this.state.jam ?? undefined;
  }

  /** Cards in transit now. */
  get inTransit(): number {
    return this.state.transit.length;
  }

  /** Subscribes to what the handler does. */
  onEvent(listener: (e: HandlerEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Loads up to `count` blanks (default: fill it) from the plant's stock into the input feeder, within its capacity,
   * making new blanks when the stock runs short and the line can make them. Returns the line it prints.
   */
  loadBlanks(count?: number): string {
    const capacity = this.options.inputCapacity ?? 100;
    const here = this.plant.count(LINE_PLACES.input);
    const wanted = count ?? capacity - here;
    const room = Math.max(0, Math.min(wanted, capacity - here));
    const loaded = this.plant.atomically(() => {
      const cards = this.plant.takeFromStock(room);
      if (cards.length < room && this.options.makeBlanks !== undefined) cards.push(...this.options.makeBlanks(room - cards.length));
      for (const card of cards) this.plant.move(card, LINE_PLACES.input);
      return cards.length;
    });
    const short = loaded >= wanted ? '' : here + loaded >= capacity ? ` of ${wanted} (the feeder is full)` : ` of ${wanted} (the stock ran out)`;
    return this.operator(`load-blanks: loaded ${loaded} blank(s)${short}; input feeder ${here + loaded}/${capacity}`);
  }

  /** Takes the jammed card(s) out by hand (they leave the line, spoiled) and restarts the handler. */
  clearJam(): string {
    const cards = this.plant.at(LINE_PLACES.jammed);
    if (this.state.jam === null && cards.length === 0) return this.operator('clear-jam: the handler has no jam');
    this.plant.atomically(() => {
      for (const card of cards) this.plant.move(card, { kind: 'removed' });
      this.state.jam = null;
      this.save();
    });
    const what = cards.map((c) => `${c.id} (${c.damage ?? 'jammed'})`).join(', ');
    return this.operator(`clear-jam: took card ${what} off the handler; the handler runs again`);
  }

  /** Takes every card out of the line's reject box (they leave the line). */
  emptyRejectBox(): string {
    const cards = this.plant.at(LINE_PLACES.reject);
    this.plant.atomically(() => {
      for (const card of cards) this.plant.move(card, { kind: 'removed' });
    });
    return this.operator(`empty-reject: took ${cards.length} card(s) out of the line's reject box`);
  }

  /** One line with what a person at the handler would look at. */
  status(): string {
    const c = this.state.counters;
    return [
      `handler: ${this.state.jam === null ? 'running' : `JAMMED (card ${this.state.jam.cardId} ${this.state.jam.between})`}`,
      `input feeder ${this.plant.count(LINE_PLACES.input)}/${this.options.inputCapacity ?? 100}`,
      `in transit ${this.state.transit.length}`,
      `reject box ${this.plant.count(LINE_PLACES.reject)}/${this.options.rejectCapacity ?? 100}`,
      `output stacker ${this.plant.count(LINE_PLACES.output)}`,
      `fed ${c.fed}, stacked ${c.stacked}, rejected ${c.rejected}`,
    ].join('; ');
  }

  /** Refuses every call from now on; moves under way finish. */
  close(): void {
    this.closed = true;
  }

  // --- the mechanics -------------------------------------------------------------------------------------------

  private async doFeed(toStation: string): Promise<FedCard> {
    const station = this.station('feed', toStation);
    const to = entryOf(station);
    return this.feeder.run(async () => {
      this.checkRunning('feed');
      this.checkRoom('feed', station, to);
      const top = this.plant.at(LINE_PLACES.input)[0];
      if (top === undefined) throw new NoBlankError();
      const misfeed = this.decide('feed', ++this.state.opportunities.feeds);
      if (misfeed) {
        this.count('feed');
        this.save();
        await this.sleep(this.timings.misfeedMs);
        this.emit({ kind: 'fault', fault: 'feed', text: `misfeed at the input feeder (feeding ${toStation}); nothing moved` });
        throw new HandlingFeedError();
      }
      const jams = this.decide('jam', ++this.state.opportunities.moves);
      const entry = this.begin(top, 'feed', 'input', station.id, to, () => {
        this.state.counters.fed++;
        for (const f of this.plant.chipFaults(top)) this.state.chipFaultsFed[f.kind] = (this.state.chipFaultsFed[f.kind] ?? 0) + 1;
      });
      await this.carry(entry, this.timings.feedMs, 0, this.isModule(station) ? this.timings.moduleLoadMs : 0, jams);
      this.arrive(entry);
      this.emit({ kind: 'fed', cardId: top.id, text: `fed blank ${top.id} to ${toStation}` });
      return { cardId: top.id };
    });
  }

  private async doTransfer(fromStation: string, toStation: string): Promise<void> {
    const from = this.station('transfer', fromStation);
    const station = this.station('transfer', toStation);
    if (from.id === station.id) throw new HandlingRefusedError(`transfer from ${fromStation} to itself`, 'transfer', 'occupied');
    this.checkRunning('transfer');
    const card = this.cardAtExit('transfer', from);
    const to = entryOf(station);
    this.checkRoom('transfer', station, to);
    const jams = this.decide('jam', ++this.state.opportunities.moves);
    const mixup = this.decide('mixup', ++this.state.opportunities.transfers);
    const entry = this.begin(card, 'transfer', from.id, station.id, to);
    await this.carry(entry, this.timings.transferMs, this.isModule(from) ? this.timings.moduleUnloadMs : 0, this.isModule(station) ? this.timings.moduleLoadMs : 0, jams);
    if (mixup) this.mixUp(entry);
    const arrived = entry.cardId;
    this.arrive(entry);
    this.emit({ kind: 'moved', cardId: arrived, text: `moved card ${arrived} from ${fromStation} to ${toStation}` });
  }

  /** Stack or reject: the card leaves the line. */
  private async doLeave(op: 'stack' | 'reject', fromStation: string, to: CardLocation): Promise<void> {
    const from = this.station(op, fromStation);
    this.checkRunning(op);
    const card = this.cardAtExit(op, from);
    if (op === 'reject') {
      const capacity = this.options.rejectCapacity ?? 100;
      if (this.plant.count(LINE_PLACES.reject) >= capacity) {
        throw new HandlingRefusedError(`the line's reject box is full (${capacity} cards): empty it`, op, 'full');
      }
    }
    const jams = this.decide('jam', ++this.state.opportunities.moves);
    const entry = this.begin(card, op, from.id, op === 'stack' ? 'output' : 'reject', to);
    await this.carry(entry, op === 'stack' ? this.timings.stackMs : this.timings.rejectMs, this.isModule(from) ? this.timings.moduleUnloadMs : 0, 0, jams);
    this.arrive(entry);
    const text = op === 'stack' ? `stacked card ${card.id} from ${fromStation}` : `rejected card ${card.id} from ${fromStation}`;
    this.emit({ kind: op === 'stack' ? 'stacked' : 'rejected', cardId: card.id, text });
  }

  /**
   * The card travels: `before` ms of the source module pushing it out, the move itself (a jam strikes half-way), then
   * `after` ms of the destination module pulling it in.
   */
  private async carry(entry: TransitEntry, moveMs: number, before: number, after: number, jams: boolean): Promise<void> {
    await this.sleep(before + moveMs / 2);
    if (jams) {
      this.jamInTransit(entry);
      const j = this.state.jam!;
      throw new HandlingJamError(
        `card ${j.cardId} jammed on the handler ${j.between}`,
        entry.op,
        `clear the jam on the handler ${j.between} (take card ${j.cardId} out)`,
        j.cardId,
      );
    }
    await this.sleep(moveMs / 2 + after);
  }

  /** A card leaves its place for the handler: saved together with the handler's record of the move. */
  private begin(card: PhysicalCard, op: Operation, from: string, toStation: string, to: CardLocation, alsoDo?: () => void): TransitEntry {
    const entry: TransitEntry = { id: this.state.nextTransitId++, cardId: card.id, op, from, toStation, to };
    this.plant.atomically(() => {
      this.plant.move(card, LINE_PLACES.transit);
      this.state.transit.push(entry);
      alsoDo?.();
      this.save();
    });
    return entry;
  }

  /** The card (whichever the entry names now: a mix-up may have changed it) reaches its destination. */
  private arrive(entry: TransitEntry): void {
    const card = this.plant.card(entry.cardId);
    this.plant.atomically(() => {
      this.plant.move(card, entry.to);
      this.state.transit = this.state.transit.filter((t) => t.id !== entry.id);
      if (entry.op === 'stack') this.state.counters.stacked++;
      if (entry.op === 'reject') this.state.counters.rejected++;
      this.save();
    });
  }

  private jamInTransit(entry: TransitEntry): void {
    const card = this.plant.card(entry.cardId);
    const between = `between ${entry.from} and ${entry.toStation}`;
    this.plant.atomically(() => {
      card.damage = `jammed on the handler ${between}`;
      this.plant.move(card, LINE_PLACES.jammed);
      this.state.transit = this.state.transit.filter((t) => t.id !== entry.id);
      this.state.jam = { cardId: card.id, between };
      this.count('jam');
      this.save();
    });
    this.emit({ kind: 'fault', fault: 'jam', cardId: card.id, text: `card ${card.id} jammed on the handler ${between}` });
  }

  /**
   * The mix-up: the arriving card changes places with another card within reach (see the module comment). When no
   * other card is within reach, nothing happens and nothing is counted.
   */
  private mixUp(entry: TransitEntry): void {
    const moving = this.plant.card(entry.cardId);
    const inTransit = this.state.transit.filter((t) => t.id !== entry.id && (t.op === 'feed' || t.op === 'transfer'));
    const waiting = [...this.stations.values()].filter((s) => isPrinterKind(s.kind)).flatMap((s) => this.plant.at(exitOf(s)));
    const candidates: ({ entry: TransitEntry } | { card: PhysicalCard })[] = [...inTransit.map((t) => ({ entry: t })), ...waiting.map((card) => ({ card }))];
    // Never a blank still in the input feeder: the feeder reads serials, so such a swap would be caught as a wrong
    // blank at the next feed rather than at QC, and the line's stock tracking is not what this fault tests.
    if (candidates.length === 0) {
      this.emit({ kind: 'fault', fault: 'mixup', cardId: moving.id, text: `mix-up drawn for card ${moving.id}, but no other card within reach: none injected` });
      return;
    }
    const partner = candidates[this.rng.int(0, candidates.length - 1)]!;
    let other: string;
    this.plant.atomically(() => {
      if ('entry' in partner) {
        // Two cards on the handler at once: each ends up on the other's segment.
        other = partner.entry.cardId;
        partner.entry.cardId = moving.id;
        entry.cardId = other;
      } else {
        other = partner.card.id;
        this.plant.swap(moving, partner.card);
        entry.cardId = other;
      }
      this.count('mixup');
      this.save();
    });
    this.emit({ kind: 'fault', fault: 'mixup', cardId: moving.id, otherCardId: other!, text: `mix-up: card ${moving.id} was swapped with card ${other!} on its way to ${entry.toStation}` });
  }

  /** Completes the moves a crash interrupted (see the module comment). */
  private finishInterruptedMoves(): void {
    for (const entry of [...this.state.transit]) {
      this.arrive(entry);
      this.emit({ kind: 'restored', cardId: entry.cardId, text: `restart: card ${entry.cardId} completed its ${entry.op} to ${entry.toStation}` });
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private call<T>(operation: string, options: HandlingCallOptions | undefined, work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new HandlingRefusedError('the card handler is closed', operation, 'stopped'));
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;
    const signal = options?.signal;
    let running: Promise<T>;
    try {
      running = work();
    } catch (e) {
      running = Promise.reject(e);
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = () => finish(() => reject(new HandlingAbortedError(operation)));
      // The mechanics do not stop when the caller gives up: the move may still complete (the caller is in doubt).
      const timer = this.clock.setTimeout(() => finish(() => reject(new HandlingTimeoutError(operation, timeoutMs))), timeoutMs);
      running.then(
        (v) => finish(() => resolve(v)),
        (e: unknown) => finish(() => reject(e)),
      );
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort);
    });
  }

  private station(operation: string, id: string): Pick<SimulatedStationDescription, 'id' | 'kind'> {
    const s = this.stations.get(id);
    if (s === undefined) throw new HandlingRefusedError(`no station "${id}" on this line; stations: ${[...this.stations.keys()].join(', ')}`, operation, 'unknown-station');
    return s;
  }

  private isModule(station: Pick<SimulatedStationDescription, 'kind'>): boolean {
    return !isPrinterKind(station.kind);
  }

  private checkRunning(operation: string): void {
    if (this.closed) throw new HandlingRefusedError('the card handler is closed', operation, 'stopped');
    const jam = this.state.jam;
    if (jam !== null) {
      throw new HandlingJamError(
        `the handler is stopped: card ${jam.cardId} is jammed ${jam.between}`,
        operation,
        `clear the jam on the handler ${jam.between} (take card ${jam.cardId} out)`,
        jam.cardId,
      );
    }
  }

  /** The destination must have room, counting cards already on their way there. */
  private checkRoom(operation: string, station: Pick<SimulatedStationDescription, 'id' | 'kind'>, to: CardLocation): void {
    const key = locationKey(to);
    const coming = this.state.transit.filter((t) => locationKey(t.to) === key).length;
    const capacity = isPrinterKind(station.kind) ? (this.options.printerFeederCapacity?.[station.id] ?? 100) : 1;
    if (this.plant.count(to) + coming >= capacity) {
      const what = capacity === 1 ? `${station.id} already has a card` : `${station.id}'s feeder is full (${capacity} cards)`;
      throw new HandlingRefusedError(`cannot ${operation} to ${station.id}: ${what}`, operation, 'occupied');
    }
  }

  /** The card waiting longest at a station's exit. */
  private cardAtExit(operation: string, station: Pick<SimulatedStationDescription, 'id' | 'kind'>): PhysicalCard {
    const card = this.plant.at(exitOf(station))[0];
    if (card === undefined) throw new HandlingRefusedError(`no card at the exit of ${station.id}`, operation, 'no-card');
    return card;
  }

  private look(position: HandlingPosition): boolean {
    switch (position.kind) {
      case 'input':
        return this.plant.count(LINE_PLACES.input) > 0;
      case 'output':
        return this.plant.count(LINE_PLACES.output) > 0;
      case 'reject':
        return this.plant.count(LINE_PLACES.reject) > 0;
      case 'transit':
        return this.state.transit.length > 0 || this.state.jam !== null;
      case 'entry':
      case 'exit': {
        const station = this.station('sense', position.station);
        return this.plant.count(position.kind === 'entry' ? entryOf(station) : exitOf(station)) > 0;
      }
    }
  }

  /** Whether a fault of `kind` strikes at opportunity `n`: scripted (once, at or after n) or drawn at its rate. */
  private decide(kind: HandlerFaultKind, n: number): boolean {
    const i = this.faults.scripted.findIndex((s, j) => s.kind === kind && s.at <= n && !this.state.fired.includes(j));
    if (i >= 0) {
      this.state.fired.push(i);
      return true;
    }
    const rate = this.faults.rates[kind];
    return rate !== undefined && rate > 0 && this.rng.chance(rate);
  }

  private count(kind: HandlerFaultKind): void {
    this.state.injected[kind] = (this.state.injected[kind] ?? 0) + 1;
  }

  private save(): void {
    this.state.draws = this.rng.draws;
    this.slot.save(this.state);
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  private operator(text: string): string {
    this.emit({ kind: 'operator', text });
    return text;
  }

  private emit(e: HandlerEvent): void {
    for (const l of this.listeners) l(e);
  }
}
