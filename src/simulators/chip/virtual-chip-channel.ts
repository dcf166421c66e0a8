/**
 * In-process attachment of a virtual chip: a {@link CardChannel} straight onto {@link VirtualChip.process}
 * (through the same chaining/time-out wrapper a PC/SC channel uses), and a reader into which a chip can be
 * inserted and from which it can be removed.
 */
import { type CardChannel, type CardChannelOptions, createCardChannel } from '../../devices/chip/card-channel';
import type { CardReader } from '../../devices/chip/card-reader';
import { type Clock, systemClock } from '../../devices/clock';
import { NoCardError } from '../../devices/chip/errors';
import type { VirtualChip } from './virtual-chip';

/**
 * Powers `chip` on and returns a channel to it. Throws `NoAtrError` for a dead chip and `NoCardError` when
 * the chip is out of the field.
 */
export function virtualChipChannel(chip: VirtualChip, options: CardChannelOptions = {}): CardChannel {
  chip.powerOn();
  return createCardChannel((apdu) => chip.process(apdu), options);
}

/** Options of {@link VirtualCardReader}. */
export interface VirtualCardReaderOptions extends CardChannelOptions {
  /** Reader name. Default "cardline virtual reader". */
  name?: string;
  /** How long {@link VirtualCardReader.waitForCard} waits for a card. Default 30000 ms. */
  waitTimeoutMs?: number;
}

/** A reader slot for virtual chips. */
export class VirtualCardReader implements CardReader {
  readonly name: string;
  private chip: VirtualChip | undefined;
  private waiters: (() => void)[] = [];
  private readonly clock: Clock;

  constructor(private readonly options: VirtualCardReaderOptions = {}) {
    this.name = options.name ?? 'cardline virtual reader';
    this.clock = options.clock ?? systemClock;
  }

  /** The chip in the slot, if any. */
  get card(): VirtualChip | undefined {
    return this.chip;
  }

  /** Puts `chip` in the slot (it enters the field) and wakes anyone waiting. */
  insert(chip: VirtualChip): void {
    if (this.chip !== undefined) throw new RangeError(`${this.name}: a card is already inserted`);
    chip.enterField();
    this.chip = chip;
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((wake) => wake());
  }

  /** Takes the chip out; channels to it then fail with `NoCardError`. */
  remove(): VirtualChip | undefined {
    const chip = this.chip;
    this.chip = undefined;
    chip?.leaveField();
    return chip;
  }

  waitForCard(signal?: AbortSignal): Promise<CardChannel> {
    if (this.chip !== undefined) return Promise.resolve().then(() => this.connect());
    const timeoutMs = this.options.waitTimeoutMs ?? 30_000;
    return new Promise<CardChannel>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters = this.waiters.filter((w) => w !== wake);
        f();
      };
      const wake = () =>
        finish(() => {
          try {
            resolve(this.connect());
          } catch (e) {
            reject(e);
          }
        });
      const onAbort = () => finish(() => reject(new NoCardError(`${this.name}: waiting for a card was aborted`)));
      const timer = this.clock.setTimeout(
        () => finish(() => reject(new NoCardError(`${this.name}: no card within ${timeoutMs} ms`))),
        timeoutMs,
      );
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      this.waiters.push(wake);
    });
  }

  /** Resets the chip in the slot and returns a channel bound to it; the channel fails once the chip is removed. */
  private connect(): CardChannel {
    const chip = this.chip;
    if (chip === undefined) throw new NoCardError(`${this.name}: no card`);
    chip.powerOn();
    return createCardChannel((apdu) => {
      if (this.chip !== chip) throw new NoCardError(`${this.name}: the card was removed`);
      return chip.process(apdu);
    }, this.options);
  }
}
