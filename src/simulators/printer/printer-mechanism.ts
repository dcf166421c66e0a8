/**
 * The physical state of a simulated card printer, without protocol or time: the feeder (physical cards from the
 * plant), the card inside and where it is, the ribbon, the cover, the reject box and output hopper, the counters
 * and the latched conditions that wait for an operator. The simulator (printer-simulator.ts) drives it from
 * commands; the operator (printer-operator.ts) from a person's actions.
 */
import type { StatusFlag } from '../../devices/printer/status';
import type { CardLocation, PhysicalCard } from '../plant/physical-card';
import type { Plant } from '../plant/plant';

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

/** The state; see the module comment. Fields are public for the simulator and operator in this folder. */
export class PrinterMechanism {
  /** The cards in the feeder, the next to be picked first. */
  readonly feeder: PhysicalCard[] = [];
  /** The card inside the printer, if any. */
  card: PhysicalCard | undefined;
  /** Where that card is. */
  place: CardPlace | undefined;
  /** YMCKO panels left on the ribbon. */
  ribbonPanels = 0;
  coverOpen = false;
  /** The last pick failed (fault `feed`): the feeder reports empty until the stack is reseated or refilled. */
  pickFailure = false;
  /** Where the jam is, while there is one. */
  jam: 'insert' | 'print-head' | undefined;
  /** The reject box sensor reports full (fault `rejectfull`) until the box is emptied. */
  rejectFullLatched = false;
  readonly rejectBox: PhysicalCard[] = [];
  readonly outputHopper: PhysicalCard[] = [];
  readonly counters: MechanismCounters = { inserted: 0, printed: 0, rejected: 0, ejected: 0 };
  /** Cards printed since the last cleaning (WAR_CLEANING_DUE at the interval). */
  printedSinceCleaning = 0;
  /** Pick order of each card (1 = first of the run): the "Nth card" of scripted faults. */
  private readonly numbers = new Map<string, number>();

  constructor(readonly options: MechanismOptions) {}

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
    const cards = plant.takeFromStock(room);
    if (cards.length < room && this.options.createBlanks) cards.push(...plant.addBlanks(room - cards.length, this.options.seed));
    for (const card of cards) {
      plant.move(card, this.at('feeder'));
      this.feeder.push(card);
    }
    return cards;
  }

  /** Takes the first card of the feeder into the transport. */
  pick(): PhysicalCard {
    const card = this.feeder.shift();
    if (card === undefined) throw new Error('pick from an empty feeder (the simulator checks first)');
    this.counters.inserted++;
    this.numbers.set(card.id, this.counters.inserted);
    this.moveInside(card, 'transport');
    return card;
  }

  /** Moves the card inside the printer. */
  moveInside(card: PhysicalCard, place: CardPlace): void {
    this.card = card;
    this.place = place;
    this.options.plant.move(card, this.at(place));
  }

  /** The card jams where it is. */
  jamCard(where: 'insert' | 'print-head'): void {
    this.jam = where;
    const card = this.card!;
    card.damage = where === 'insert' ? 'jammed between the feeder and the contact station' : 'jammed at the print head';
    this.moveInside(card, 'jammed');
  }

  /** The card leaves the printer to the output hopper or the reject box. */
  release(to: 'output-hopper' | 'reject-box'): PhysicalCard {
    const card = this.card!;
    this.card = undefined;
    this.place = undefined;
    this.options.plant.move(card, this.at(to));
    if (to === 'output-hopper') {
      this.outputHopper.push(card);
      this.counters.ejected++;
    } else {
      this.rejectBox.push(card);
      this.counters.rejected++;
    }
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
}
