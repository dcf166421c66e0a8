/**
 * A chip reader wired to a place of the plant: a printer's contact station, an encoder module, a QC station. It
 * connects to the chip of whatever card is physically there, so a card swapped in transit answers with its own chip
 * (its own UID, its own files), exactly as a real reader would.
 */
import type { CardChannel, CardChannelOptions } from '../../devices/chip/card-channel';
import type { CardReader } from '../../devices/chip/card-reader';
import { NoAtrError, NoCardError } from '../../devices/chip/errors';
import { type Clock, systemClock } from '../../devices/clock';
import { virtualChipChannel } from '../chip/virtual-chip-channel';
import type { CardLocation, PhysicalCard } from '../plant/physical-card';
import { type Plant, sameLocation } from '../plant/plant';

/** Options of {@link PlantCardReader}. */
export interface PlantCardReaderOptions extends CardChannelOptions {
  plant: Plant;
  /** The place whose card the reader reaches. */
  position: CardLocation;
  /** Reader name. Default `plant reader <kind>:<station>`. */
  name?: string;
  /** How long {@link PlantCardReader.waitForCard} waits for a card to arrive. Default 10000 ms. */
  waitTimeoutMs?: number;
}

/** Default of {@link PlantCardReaderOptions.waitTimeoutMs}. */
export const PLANT_READER_WAIT_MS = 10_000;

/** A reader at a plant location; see the module comment. */
export class PlantCardReader implements CardReader {
  readonly name: string;
  readonly position: CardLocation;
  private readonly plant: Plant;
  private readonly clock: Clock;
  private readonly waitTimeoutMs: number;
  private readonly arrivals = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private connected: PhysicalCard | undefined;
  private closed = false;

  constructor(private readonly options: PlantCardReaderOptions) {
    this.plant = options.plant;
    this.position = options.position;
    this.clock = options.clock ?? systemClock;
    this.waitTimeoutMs = options.waitTimeoutMs ?? PLANT_READER_WAIT_MS;
    const where = 'station' in this.position ? `${this.position.kind}:${this.position.station}` : this.position.kind;
    this.name = options.name ?? `plant reader ${where}`;
    this.unsubscribe = this.plant.onMove((move) => {
      if (sameLocation(move.to, this.position)) for (const wake of [...this.arrivals]) wake();
      // A card leaving the reader leaves its field: a command in flight then fails as on a real reader.
      if (this.connected !== undefined && move.cardId === this.connected.id && !sameLocation(move.to, this.position)) {
        this.connected.chip?.leaveField();
        this.connected = undefined;
      }
    });
  }

  /** The card at the reader now (the last to arrive), if any. */
  get card(): PhysicalCard | undefined {
    const here = this.plant.at(this.position);
    return here[here.length - 1];
  }

  waitForCard(signal?: AbortSignal): Promise<CardChannel> {
    if (this.closed) return Promise.reject(new NoCardError(`${this.name}: the reader was closed`));
    if (this.card !== undefined) return Promise.resolve().then(() => this.connect());
    return new Promise<CardChannel>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.arrivals.delete(wake);
        f();
      };
      // The card arrives inside the mover's call: connect on a microtask, once the move is complete.
      const wake = () =>
        queueMicrotask(() =>
          finish(() => {
            try {
              if (this.closed) throw new NoCardError(`${this.name}: the reader was closed`);
              resolve(this.connect());
            } catch (e) {
              reject(e);
            }
          }),
        );
      const onAbort = () => finish(() => reject(new NoCardError(`${this.name}: waiting for a card was aborted`)));
      const timer = this.clock.setTimeout(() => finish(() => reject(new NoCardError(`${this.name}: no card within ${this.waitTimeoutMs} ms`))), this.waitTimeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      this.arrivals.add(wake);
    });
  }

  /** Stops following the plant; waits in progress fail with NoCardError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const wake of [...this.arrivals]) wake();
  }

  /**
   * Seats the card on the contacts and resets its chip. The channel fails with NoCardError once the card has left
   * the reader. Throws NoCardError when no card is there (it left again), NoAtrError for a card without chip or a
   * dead chip.
   */
  private connect(): CardChannel {
    const card = this.card;
    if (card === undefined) throw new NoCardError(`${this.name}: no card`);
    const chip = card.chip;
    if (chip === undefined) throw new NoAtrError(`${this.name}: card ${card.id} has no chip`);
    // A torn card is back on the contacts: seating it again puts it in the field.
    chip.enterField();
    const inner = virtualChipChannel(chip, { timeoutMs: this.options.timeoutMs, trace: this.options.trace, maxGetResponses: this.options.maxGetResponses, clock: this.clock });
    this.connected = card;
    return {
      transmit: (apdu) => {
        if (!sameLocation(card.location, this.position)) return Promise.reject(new NoCardError(`${this.name}: card ${card.id} has left the reader`));
        return inner.transmit(apdu);
      },
    };
  }
}
