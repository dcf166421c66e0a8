import type { CardLocation, PhysicalCard } from './physical-card';
import { VirtualChip } from '../chip/virtual-chip';

/** One move of a card, for the plant's history. */
export interface CardMove {
  cardId: string;
  from: CardLocation;
  to: CardLocation;
}

/**
 * The plant: owns every physical card of a simulated line. Device simulators take cards from it and move them;
 * nothing else creates or destroys a card, so every blank is accounted for. Issue 5 extends it (persistence with
 * the run, transport between stations, mix-up faults).
 */
export class Plant {
  private readonly cards = new Map<string, PhysicalCard>();
  private nextSerial = 1;
  private readonly listeners: ((move: CardMove) => void)[] = [];

  /** Makes `count` blank cards in stock, each with a fresh virtual chip seeded from `seed` and its serial. */
  addBlanks(count: number, seed: string | number = 'plant'): PhysicalCard[] {
    const made: PhysicalCard[] = [];
    for (let i = 0; i < count; i++) {
      const id = `C${String(this.nextSerial++).padStart(7, '0')}`;
      const card: PhysicalCard = { id, location: { kind: 'stock' }, chip: new VirtualChip({ seed: `${seed}:${id}` }), printed: {} };
      this.cards.set(id, card);
      made.push(card);
    }
    return made;
  }

  /** The card with this id; throws for an unknown id (a bug, not a fault). */
  card(id: string): PhysicalCard {
    const card = this.cards.get(id);
    if (!card) throw new RangeError(`no card ${id} in the plant`);
    return card;
  }

  /** Every card, in serial order. */
  all(): PhysicalCard[] {
    return [...this.cards.values()];
  }

  /** The cards at a location (same kind and station). */
  at(location: CardLocation): PhysicalCard[] {
    return this.all().filter((c) => sameLocation(c.location, location));
  }

  /**
   * Up to `count` cards from stock, oldest serial first, without moving them: the caller (a feeder being loaded)
   * moves each where it goes, so the move is recorded with its real destination.
   */
  takeFromStock(count: number): PhysicalCard[] {
    const taken: PhysicalCard[] = [];
    for (const card of this.cards.values()) {
      if (taken.length >= count) break;
      if (card.location.kind === 'stock') taken.push(card);
    }
    return taken;
  }

  /** Moves a card and tells the listeners. */
  move(card: PhysicalCard, to: CardLocation): void {
    const from = card.location;
    card.location = to;
    for (const l of this.listeners) l({ cardId: card.id, from, to });
  }

  /** Subscribes to card moves. */
  onMove(listener: (move: CardMove) => void): void {
    this.listeners.push(listener);
  }
}

/** True when two locations are the same place. */
export function sameLocation(a: CardLocation, b: CardLocation): boolean {
  if (a.kind !== b.kind) return false;
  return !('station' in a) || a.station === (b as { station: string }).station;
}
