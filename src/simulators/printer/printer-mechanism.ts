/**
 * The physical state of a simulated card printer, without protocol or time: the feeder (physical cards from the
 * plant), the card inside and where it is, the ribbon, the cover, the reject box and output hopper, the counters
 * and the latched conditions that wait for an operator. The simulator (printer-simulator.ts) drives it from
 * commands; the operator (printer-operator.ts) from a person's actions.
 *
 * Persistence: the cards are the plant's, so the feeder, the card inside, the reject box and the output hopper are a
 * view of the plant's locations at this printer, kept up to date from the plant's moves (whoever moves a card: this
 * printer, a card handler feeding it, a mix-up). Everything else (ribbon, cover, latches, counters) is saved in the
 * plant file on every change, under the device id `printer:<station>`, and read back when a printer is made again on
 * the same plant: a crash kills the software, not the printer.
 */
import type { StatusFlag } from '../../devices/printer/status';
import type { CardLocation, PhysicalCard } from '../plant/physical-card';
import { type CardMove, type DeviceStateSlot, type Plant, locationKey } from '../plant/plant';

/** Ribbon panels one YMCKO card side uses (y, m, c, k, o). */
export const PANELS_PER_SIDE = 5;

/** Where the card inside the printer is. */
export type CardPlace = 'transport' | 'contact-station' | 'print-head' | 'jammed';

/** Capacities and starting supplies. */
export interface MechanismOptions {
  plant: Plant;
  /** The printer's name in card locations, e.g. `printer-1`. */
  station: string;
  /** When the plant's stock runs out, make new blank cards (a simulator running alone) rather than load fewer. */
  createBlanks: boolean;
  /** Seed for blanks made here (their chips). */
  seed: string;
  feederCapacity: number;
  rejectCapacity: number;
  /** Cards printed between cleanings before WAR_CLEANING_DUE. */
  cleaningInterval: number;
}

/** Thresholds of the warnings. */
export const WARNING_THRESHOLDS = { feederNearEmpty: 10, ribbonLow: 50, rejectNearFull: 5 } as const;

/** The counters the printer keeps. */
export interface MechanismCounters {
  inserted: number;
  printed: number;
  rejected: number;
  ejected: number;
}

/** What the plant file keeps of a printer beyond its cards. */
export interface SavedMechanismState {
  ribbonPanels: number;
  coverOpen: boolean;
  pickFailure: boolean;
  jam: 'insert' | 'print-head' | null;
  rejectFullLatched: boolean;
  counters: MechanismCounters;
  printedSinceCleaning: number;
  /** Pick numbers of the cards still inside the printer. */
  numbers: Record<string, number>;
}

/** The places inside a printer, by location kind. */
const INSIDE: Readonly<Partial<Record<CardLocation['kind'], CardPlace>>> = {
  transport: 'transport',
  'contact-station': 'contact-station',
  'print-head': 'print-head',
  jammed: 'jammed',
};

/** The state; see the module comment. Fields are public for the simulator and operator in this folder. */
export class PrinterMechanism {
  /** The cards in the feeder, the next to be picked first. */
  readonly feeder: PhysicalCard[] = [];
  /** The card inside the printer, if any. */
  card: PhysicalCard | undefined;
  /** Where that card is. */
  place: CardPlace | undefined;
  readonly rejectBox: PhysicalCard[] = [];
  readonly outputHopper: PhysicalCard[] = [];
  /** The counters; assigning a counter saves it. */
  readonly counters: MechanismCounters;
  /** True when this printer's state was read back from the plant file rather than started fresh. */
  readonly restored: boolean;
  private readonly state: SavedMechanismState;
  private readonly slot: DeviceStateSlot<SavedMechanismState>;
  /** Pick order of each card inside (1 = first of the run): the "Nth card" of scripted faults. */
  private readonly numbers = new Map<string, number>();
  private readonly keys: Readonly<Record<'feeder' | 'output-hopper' | 'reject-box', string>>;
  private readonly unsubscribe: () => void;

  constructor(readonly options: MechanismOptions) {
    this.slot = options.plant.deviceState<SavedMechanismState>(`printer:${options.station}`);
    const saved = this.slot.load();
    this.restored = saved !== undefined;
    this.state = saved ?? {
      ribbonPanels: 0,
      coverOpen: false,
      pickFailure: false,
      jam: null,
      rejectFullLatched: false,
      counters: { inserted: 0, printed: 0, rejected: 0, ejected: 0 },
      printedSinceCleaning: 0,
      numbers: {},
    };
    for (const [id, n] of Object.entries(this.state.numbers)) this.numbers.set(id, n);
    this.counters = this.persistentCounters();
    this.keys = { feeder: locationKey(this.at('feeder')), 'output-hopper': locationKey(this.at('output-hopper')), 'reject-box': locationKey(this.at('reject-box')) };
    const plant = options.plant;
    this.feeder.push(...plant.at(this.at('feeder')));
    this.outputHopper.push(...plant.at(this.at('output-hopper')));
    this.rejectBox.push(...plant.at(this.at('reject-box')));
    for (const place of Object.values(INSIDE)) {
      const inside = plant.at(this.at(place));
      if (inside.length > 0) {
        this.card = inside[inside.length - 1];
        this.place = place;
      }
    }
    this.unsubscribe = plant.onMove((move) => this.follow(move));
    if (saved === undefined) this.save();
  }

  /** YMCKO panels left on the ribbon. */
  get ribbonPanels(): number {
    return this.state.ribbonPanels;
  }

  set ribbonPanels(n: number) {
    this.update(() => (this.state.ribbonPanels = n));
  }

  get coverOpen(): boolean {
    return this.state.coverOpen;
  }

  set coverOpen(open: boolean) {
    this.update(() => (this.state.coverOpen = open));
  }

  /** The last pick failed (fault `feed`): the feeder reports empty until the stack is reseated or refilled. */
  get pickFailure(): boolean {
    return this.state.pickFailure;
  }

  set pickFailure(failed: boolean) {
    this.update(() => (this.state.pickFailure = failed));
  }

  /** Where the jam is, while there is one. */
  get jam(): 'insert' | 'print-head' | undefined {
    return this.state.jam ?? undefined;
  }

  set jam(where: 'insert' | 'print-head' | undefined) {
    this.update(() => (this.state.jam = where ?? null));
  }

  /** The reject box sensor reports full (fault `rejectfull`) until the box is emptied. */
  get rejectFullLatched(): boolean {
    return this.state.rejectFullLatched;
  }

  set rejectFullLatched(latched: boolean) {
    this.update(() => (this.state.rejectFullLatched = latched));
  }

  /** Cards printed since the last cleaning (WAR_CLEANING_DUE at the interval). */
  get printedSinceCleaning(): number {
    return this.state.printedSinceCleaning;
  }

  set printedSinceCleaning(n: number) {
    this.update(() => (this.state.printedSinceCleaning = n));
  }

  /** Stops following the plant's moves (the printer is being discarded). */
  detach(): void {
    this.unsubscribe();
  }

  /** The number the next picked card gets. */
  get nextCardNumber(): number {
    return this.counters.inserted + 1;
  }

  /** The pick number of a card of this printer. */
  numberOf(card: PhysicalCard): number {
    return this.numbers.get(card.id) ?? 0;
  }

  /** Full by count or by its sensor (fault `rejectfull`). */
  get rejectBoxFull(): boolean {
    return this.rejectFullLatched || this.rejectBox.length >= this.options.rejectCapacity;
  }

  /** Fewer panels left than one side needs. */
  get ribbonEnded(): boolean {
    return this.ribbonPanels < PANELS_PER_SIDE;
  }

  /** No card to give: none left, or the last pick failed. */
  get feederEmpty(): boolean {
    return this.pickFailure || this.feeder.length === 0;
  }

  /** A location at this printer. */
  at(kind: 'feeder' | 'transport' | 'contact-station' | 'print-head' | 'output-hopper' | 'reject-box' | 'jammed'): CardLocation {
    return { kind, station: this.options.station };
  }

  /**
   * Loads up to `count` cards from the plant's stock into the feeder (making blanks when allowed), within the
   * feeder's capacity. Returns the cards loaded.
   */
  load(count: number): PhysicalCard[] {
    const room = Math.max(0, Math.min(count, this.options.feederCapacity - this.feeder.length));
    const { plant } = this.options;
    return plant.atomically(() => {
      const cards = plant.takeFromStock(room);
      if (cards.length < room && this.options.createBlanks) cards.push(...plant.addBlanks(room - cards.length, this.options.seed));
      for (const card of cards) plant.move(card, this.at('feeder'));
      return cards;
    });
  }

  /** Takes the first card of the feeder into the transport. */
  pick(): PhysicalCard {
    const card = this.feeder[0];
    if (card === undefined) throw new Error('pick from an empty feeder (the simulator checks first)');
    this.options.plant.atomically(() => {
      const n = this.counters.inserted + 1;
      this.numbers.set(card.id, n);
      this.counters.inserted = n;
      this.moveInside(card, 'transport');
    });
    return card;
  }

  /** Moves the card inside the printer. */
  moveInside(card: PhysicalCard, place: CardPlace): void {
    this.options.plant.move(card, this.at(place));
    // The move's echo sets these too; set them here as well for a plant whose listeners someone else disturbed.
    this.card = card;
    this.place = place;
  }

  /** The card jams where it is. */
  jamCard(where: 'insert' | 'print-head'): void {
    const card = this.card!;
    this.options.plant.atomically(() => {
      this.jam = where;
      card.damage = where === 'insert' ? 'jammed between the feeder and the contact station' : 'jammed at the print head';
      this.moveInside(card, 'jammed');
    });
  }

  /** The card leaves the printer to the output hopper or the reject box. */
  release(to: 'output-hopper' | 'reject-box'): PhysicalCard {
    const card = this.card!;
    this.options.plant.atomically(() => {
      this.options.plant.move(card, this.at(to));
      if (to === 'output-hopper') this.counters.ejected++;
      else this.counters.rejected++;
    });
    return card;
  }

  /** The `Rlr;p` answer. */
  positionReply(): 'OK' | 'CARD' | 'SMART CARD' | 'CONTACTLESS CARD' {
    if (this.card === undefined) return 'OK';
    return this.place === 'contact-station' ? 'SMART CARD' : 'CARD';
  }

  /** The `Sk;f` answer: 0 cards, 1 empty, 2 pick failure. */
  feederReply(): '0' | '1' | '2' {
    if (this.pickFailure) return '2';
    return this.feeder.length === 0 ? '1' : '0';
  }

  /** Every status flag that holds now. */
  flags(): StatusFlag[] {
    const flags: StatusFlag[] = [];
    const { feederNearEmpty, ribbonLow, rejectNearFull } = WARNING_THRESHOLDS;
    if (this.feeder.length > 0) flags.push('INF_CARD_FEEDER');
    if (this.place === 'contact-station') flags.push('INF_CARD_SMART_STATION');
    if (this.place === 'print-head') flags.push('INF_CARD_PRINT_HEAD');
    if (this.feeder.length > 0 && this.feeder.length <= feederNearEmpty) flags.push('WAR_FEEDER_NEAR_EMPTY');
    if (!this.ribbonEnded && this.ribbonPanels <= ribbonLow) flags.push('WAR_RIBBON_LOW');
    if (!this.rejectBoxFull && this.rejectBox.length >= this.options.rejectCapacity - rejectNearFull) flags.push('WAR_REJECT_BOX_NEAR_FULL');
    if (this.printedSinceCleaning >= this.options.cleaningInterval) flags.push('WAR_CLEANING_DUE');
    if (this.feederEmpty) flags.push('ERR_FEEDER_EMPTY');
    if (this.ribbonEnded) flags.push('ERR_RIBBON_ENDED');
    if (this.coverOpen) flags.push('ERR_COVER_OPEN');
    if (this.jam !== undefined) flags.push('ERR_CARD_JAM');
    if (this.rejectBoxFull) flags.push('ERR_REJECT_BOX_FULL');
    return flags;
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Keeps the feeder, the card inside, the reject box and the output hopper equal to the plant's locations. */
  private follow(move: CardMove): void {
    const station = this.options.station;
    const mine = (l: CardLocation) => 'station' in l && l.station === station;
    if (!mine(move.from) && !mine(move.to)) return;
    const card = this.options.plant.card(move.cardId);
    if (mine(move.from)) {
      const list = this.listAt(move.from);
      if (list !== undefined) {
        const i = list.indexOf(card);
        if (i >= 0) list.splice(i, 1);
      } else if (INSIDE[move.from.kind] !== undefined && this.card === card && !(mine(move.to) && INSIDE[move.to.kind] !== undefined)) {
        this.card = undefined;
        this.place = undefined;
        if (this.numbers.delete(card.id)) this.save();
      }
    }
    if (mine(move.to)) {
      const list = this.listAt(move.to);
      const place = INSIDE[move.to.kind];
      if (list !== undefined) {
        if (!list.includes(card)) list.push(card);
      } else if (place !== undefined) {
        this.card = card;
        this.place = place;
      }
    }
  }

  private listAt(location: CardLocation): PhysicalCard[] | undefined {
    const key = locationKey(location);
    if (key === this.keys.feeder) return this.feeder;
    if (key === this.keys['output-hopper']) return this.outputHopper;
    if (key === this.keys['reject-box']) return this.rejectBox;
    return undefined;
  }

  private update(change: () => void): void {
    change();
    this.save();
  }

  private save(): void {
    this.state.numbers = Object.fromEntries(this.numbers);
    this.slot.save(this.state);
  }

  /** The counters object: plain numbers to read, and every assignment (`counters.printed++`) saved. */
  private persistentCounters(): MechanismCounters {
    const counters = {} as MechanismCounters;
    for (const key of ['inserted', 'printed', 'rejected', 'ejected'] as const) {
      Object.defineProperty(counters, key, {
        enumerable: true,
        get: () => this.state.counters[key],
        set: (n: number) => this.update(() => (this.state.counters[key] = n)),
      });
    }
    return counters;
  }
}