/**
 * What a person at the printer does: each action changes the physical state and says, in one line, what was done.
 * These are the only way out of the conditions that need a person (a jam, an empty feeder, an ended ribbon, an open
 * cover, a full reject box): the printer never clears them by itself.
 */
import { PANELS_PER_SIDE, type PrinterMechanism } from './printer-mechanism';
import { statusReplyText } from '../../devices/printer/status';

/** Options of {@link PrinterOperator}. */
export interface PrinterOperatorOptions {
  /** Panels of a new ribbon when none is given. */
  ribbonPanels: number;
}

/** The operator's actions; each returns the line it prints. */
export class PrinterOperator {
  constructor(
    private readonly m: PrinterMechanism,
    private readonly options: PrinterOperatorOptions,
  ) {}

  /**
   * Puts `count` cards in the feeder (default: fill it) and reseats the stack, which clears a pick failure.
   * Cards come from the plant's stock; a printer running alone makes blanks.
   */
  refill(count?: number): string {
    const m = this.m;
    const wanted = count ?? m.options.feederCapacity - m.feeder.length;
    const reseated = m.pickFailure;
    const loaded = m.options.plant.atomically(() => {
      m.pickFailure = false;
      return m.load(wanted);
    });
    const short =
      loaded.length >= wanted ? '' : m.feeder.length >= m.options.feederCapacity ? ` of ${wanted} (the feeder is full)` : ` of ${wanted} (the plant's stock ran out)`;
    return `refill: loaded ${loaded.length} card(s)${short}${reseated ? ', stack reseated' : ''}; feeder ${m.feeder.length}/${m.options.feederCapacity}`;
  }

  /**
   * Opens the cover, takes the jammed card out by hand and closes the cover. The card leaves the line (location
   * `removed`, its damage recorded): a jammed card is spoiled, never put back.
   */
  clearJam(): string {
    const m = this.m;
    if (m.jam === undefined || m.card === undefined) return 'clear-jam: there is no jam';
    const card = m.card;
    m.options.plant.atomically(() => {
      m.options.plant.move(card, { kind: 'removed' });
      m.card = undefined;
      m.place = undefined;
      m.jam = undefined;
      m.coverOpen = false;
    });
    return `clear-jam: opened the cover, removed card ${card.id} (${card.damage ?? 'jammed'}) by hand, closed the cover`;
  }

  /**
   * Takes the card inside the printer out by hand (a card held in doubt and destroyed under dual control): it leaves
   * the line (location `removed`).
   */
  takeCardOut(): string {
    const m = this.m;
    if (m.card === undefined) return 'take-out: there is no card inside';
    const card = m.card;
    m.options.plant.atomically(() => {
      m.options.plant.move(card, { kind: 'removed' });
      m.card = undefined;
      m.place = undefined;
      m.jam = undefined;
    });
    return `take-out: removed card ${card.id} by hand`;
  }

  /** Puts in a new YMCKO ribbon of `panels` panels. */
  replaceRibbon(panels = this.options.ribbonPanels): string {
    this.m.ribbonPanels = panels;
    return `replace-ribbon: new YMCKO ribbon, ${panels} panels (${Math.floor(panels / PANELS_PER_SIDE)} card sides)`;
  }

  /** Opens the cover. */
  openCover(): string {
    const was = this.m.coverOpen;
    this.m.coverOpen = true;
    return was ? 'open-cover: the cover was already open' : 'open-cover: cover open';
  }

  /** Closes the cover. */
  closeCover(): string {
    const was = this.m.coverOpen;
    this.m.coverOpen = false;
    return was ? 'close-cover: cover closed' : 'close-cover: the cover was already closed';
  }

  /** Takes every card out of the reject box (they leave the line: location `removed`) and resets its sensor. */
  emptyReject(): string {
    const m = this.m;
    // The plant's moves take the cards out of the mechanism's view of the box.
    const cards = [...m.rejectBox];
    const sensor = m.rejectFullLatched;
    m.options.plant.atomically(() => {
      for (const card of cards) m.options.plant.move(card, { kind: 'removed' });
      m.rejectFullLatched = false;
    });
    const ids = cards.length === 0 ? '' : ` (${cards.map((c) => c.id).join(', ')})`;
    return `empty-reject: took ${cards.length} card(s) out of the reject box${ids}${sensor ? ', sensor reset' : ''}`;
  }

  /** Cleans the printer (clears WAR_CLEANING_DUE). */
  clean(): string {
    this.m.printedSinceCleaning = 0;
    return 'clean: printer cleaned';
  }

  /** One line with everything a person at the printer would look at. */
  status(): string {
    const m = this.m;
    const card = m.card === undefined ? 'no card inside' : `card ${m.card.id} ${m.place === 'contact-station' ? 'at the contact station' : m.place === 'print-head' ? 'at the print head' : m.place === 'jammed' ? 'jammed' : 'in transport'}`;
    return [
      `status: ${statusReplyText(m.flags())}`,
      `feeder ${m.feeder.length}/${m.options.feederCapacity}`,
      `ribbon ${m.ribbonPanels} panels`,
      card,
      `reject box ${m.rejectBox.length}/${m.options.rejectCapacity}`,
      `output hopper ${m.outputHopper.length}`,
      `cover ${m.coverOpen ? 'open' : 'closed'}`,
      `inserted ${m.counters.inserted}, printed ${m.counters.printed}, rejected ${m.counters.rejected}`,
    ].join('; ');
  }
}
