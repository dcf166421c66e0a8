/**
 * The card object a {@link Plant} hands out: a live view of one card's record. Reading is from memory; every
 * assignment goes through the plant, which writes it to the plant file before returning (write-through), so no
 * simulator can change a card in a way the file does not know.
 */
import type { VirtualChip } from '../chip/virtual-chip';
import type { CardLocation, PhysicalCard, PrintedSide } from './physical-card';

/** The plant's side of a card: what the card calls to change itself. @internal */
export interface CardBackend {
  move(card: PlantCard, to: CardLocation): void;
  setDamage(card: PlantCard, damage: string | undefined): void;
  chipOf(card: PlantCard): VirtualChip | undefined;
  sideOf(card: PlantCard, side: 'front' | 'back'): PrintedSide | undefined;
  setSide(card: PlantCard, side: 'front' | 'back', value: PrintedSide | undefined): void;
}

/** The `printed` object of a plant card: assigning a side stores it. */
export class CardPrints {
  constructor(
    private readonly card: PlantCard,
    private readonly backend: CardBackend,
  ) {}

  get front(): PrintedSide | undefined {
    return this.backend.sideOf(this.card, 'front');
  }

  set front(side: PrintedSide | undefined) {
    this.backend.setSide(this.card, 'front', side);
  }

  get back(): PrintedSide | undefined {
    return this.backend.sideOf(this.card, 'back');
  }

  set back(side: PrintedSide | undefined) {
    this.backend.setSide(this.card, 'back', side);
  }
}

/** A card of a plant; see the module comment. */
export class PlantCard implements PhysicalCard {
  /** @internal the plant's copy of the location; change it with `location =` or `Plant.move`. */
  currentLocation: CardLocation;
  /** @internal */
  currentDamage: string | undefined;
  /** @internal the chip, once someone asked for it. */
  loadedChip: VirtualChip | undefined;
  private readonly prints: CardPrints;

  constructor(
    readonly id: string,
    /** The blank's serial number (the number in its id). */
    readonly serial: number,
    location: CardLocation,
    damage: string | undefined,
    /** Seed of the chip, undefined for a card without one. @internal */
    readonly chipSeed: string | undefined,
    private readonly backend: CardBackend,
  ) {
    this.currentLocation = location;
    this.currentDamage = damage;
    this.prints = new CardPrints(this, backend);
  }

  get location(): CardLocation {
    return this.currentLocation;
  }

  /** Moves the card (same as `Plant.move`). */
  set location(to: CardLocation) {
    this.backend.move(this, to);
  }

  /** The chip, rebuilt from its journal the first time it is asked for. */
  get chip(): VirtualChip | undefined {
    return this.backend.chipOf(this);
  }

  get printed(): CardPrints {
    return this.prints;
  }

  /** Replaces both sides (a side left out becomes blank). */
  set printed(sides: { front?: PrintedSide; back?: PrintedSide }) {
    this.backend.setSide(this, 'front', sides.front);
    this.backend.setSide(this, 'back', sides.back);
  }

  get damage(): string | undefined {
    return this.currentDamage;
  }

  set damage(damage: string | undefined) {
    this.backend.setDamage(this, damage);
  }
}
