/**
 * A place of the plant (a contact station, a QC station) wired to a real PC/SC reader through pcscd's vpcd driver:
 * whenever a physical card arrives at the place, its chip is inserted into the vpcd reader (a {@link VpcdBridge});
 * when the card leaves, it is taken out. The line's PC/SC driver then talks to the simulated chips through pcscd,
 * exactly as to cards in a real reader, so a simulated line exercises the real PC/SC stack end to end.
 */
import type { CardLocation, PhysicalCard } from '../plant/physical-card';
import { type Plant, sameLocation } from '../plant/plant';
import { VpcdBridge, type VpcdBridgeEvent } from '../chip/vpcd-bridge';

/** Options of {@link PlantVpcdSlot}. */
export interface PlantVpcdSlotOptions {
  plant: Plant;
  /** The place whose card goes into the reader. */
  position: CardLocation;
  /** vpcd's TCP port for the reader (35963 is "Virtual PCD 00 00", 35964 "Virtual PCD 00 01"). */
  port: number;
  host?: string;
  /** How long to keep trying to reach vpcd for each card (pcscd starting). Default 10000 ms. */
  connectWithinMs?: number;
  onEvent?: (event: VpcdBridgeEvent & { cardId: string }) => void;
}

/** One plant place in one vpcd reader; see the module comment. */
export class PlantVpcdSlot {
  private bridge: { cardId: string; bridge: VpcdBridge } | undefined;
  /** Inserts and removals run one after the other, in the order the cards moved. */
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private closed = false;
  private failure: unknown;

  constructor(private readonly options: PlantVpcdSlotOptions) {
    this.unsubscribe = options.plant.onMove((move) => {
      if (sameLocation(move.to, options.position)) this.enqueue(() => this.insert(move.cardId));
      else if (this.bridge?.cardId === move.cardId) this.enqueue(() => this.remove());
    });
    const here = options.plant.at(options.position);
    const present = here[here.length - 1];
    if (present !== undefined) this.enqueue(() => this.insert(present.id));
  }

  /** Waits until every insert and removal asked for so far is done; rejects with the first that failed. */
  async settled(): Promise<void> {
    await this.chain;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Takes any card out of the reader and stops following the plant. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await this.chain;
    await this.remove();
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((e: unknown) => {
      this.failure ??= e;
    });
  }

  private async insert(cardId: string): Promise<void> {
    if (this.closed) return;
    await this.remove();
    let card: PhysicalCard;
    try {
      card = this.options.plant.card(cardId);
    } catch {
      return;
    }
    // The card may have moved on while the previous one was being taken out.
    if (!sameLocation(card.location, this.options.position) || card.chip === undefined) return;
    const bridge = await VpcdBridge.attach(card.chip, {
      port: this.options.port,
      ...(this.options.host !== undefined ? { host: this.options.host } : {}),
      connectWithinMs: this.options.connectWithinMs ?? 10_000,
      ...(this.options.onEvent ? { onEvent: (e: VpcdBridgeEvent) => this.options.onEvent!({ ...e, cardId }) } : {}),
    });
    this.bridge = { cardId, bridge };
  }

  private async remove(): Promise<void> {
    const current = this.bridge;
    this.bridge = undefined;
    if (current !== undefined) await current.bridge.close();
  }
}
