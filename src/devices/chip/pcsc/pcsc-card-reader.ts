/**
 * A PC/SC reader as a {@link CardReader}: the personalizer and the QC reader get a channel from it without
 * knowing whether a real card or a virtual chip behind vpcd answers. Adds what a station needs around
 * `waitForCard`: card events, waiting for the card to be taken out, and one connection at a time.
 */
import type { CardReader } from '../card-reader';
import { NoCardError } from '../errors';
import { CardStillPresentError, PcscUnavailableError, ReaderGoneError } from './pcsc-errors';
import { PcscConnection, type PcscCardChannel, type PcscConnectionOptions } from './pcsc-connection';
import type { PcscContext } from './pcsc-context';
import type { PcscCardEvent, ReaderSlot, SlotEvent } from './reader-slot';

/** Options of {@link PcscCardReader}. */
export interface PcscCardReaderOptions extends PcscConnectionOptions {
  /** How long {@link PcscCardReader.waitForCard} waits for a card. Default 30000 ms. */
  waitTimeoutMs?: number;
}

/** Default of {@link PcscCardReaderOptions.waitTimeoutMs}. */
export const DEFAULT_CARD_WAIT_MS = 30_000;

/** A reader of a {@link PcscContext}. */
export class PcscCardReader implements CardReader {
  private current: PcscConnection | undefined;

  constructor(
    private readonly context: PcscContext,
    private readonly slot: ReaderSlot,
    private readonly options: PcscCardReaderOptions = {},
  ) {}

  /**
   * The reader named `name` in `context`, waiting up to `discoveryMs` for pcsclite to report it. Rejects
   * with `ReaderNotFoundError` (listing the readers there are) or `PcscUnavailableError`.
   */
  static async open(context: PcscContext, name: string, options: PcscCardReaderOptions & { discoveryMs?: number } = {}): Promise<PcscCardReader> {
    const slot = await context.waitForReader(name, options.discoveryMs);
    return new PcscCardReader(context, slot, options);
  }

  get name(): string {
    return this.slot.name;
  }

  /** True when the last reported state shows a card; undefined before the first report. */
  get cardPresent(): boolean | undefined {
    return this.slot.state?.present;
  }

  /** Subscribes to card-inserted / card-removed / reader-gone events; returns the unsubscribe function. */
  onCardEvent(listener: (event: PcscCardEvent) => void): () => void {
    return this.slot.subscribe((e) => {
      if (e.kind === 'card-inserted' || e.kind === 'card-removed' || e.kind === 'reader-gone') listener(e);
    });
  }

  /**
   * Resolves with a channel to the card once one is present and connected. A previous connection of this
   * reader is disconnected first (card powered down). Rejects with `NoCardError` when no card came within the
   * wait time-out or `signal` aborted, `NoAtrError` for a card that does not answer reset, `ReaderGoneError`,
   * `PcscUnavailableError`, `ReaderBusyError`.
   */
  async waitForCard(signal?: AbortSignal): Promise<PcscCardChannel> {
    if (this.current !== undefined) {
      const previous = this.current;
      this.current = undefined;
      await previous.disconnect('unpower');
    }
    const timeoutMs = this.options.waitTimeoutMs ?? DEFAULT_CARD_WAIT_MS;
    await this.waitFor((s) => s.state?.present === true, timeoutMs, signal, () => new NoCardError(`${this.name}: no card within ${timeoutMs} ms`));
    const connection = await PcscConnection.connect(this.slot, this.options);
    this.current = connection;
    return connection;
  }

  /**
   * Resolves once the reader reports no card (the operator or the machine took it out). Rejects with
   * `CardStillPresentError` when the card is still there after `timeoutMs`, `NoCardError` when `signal`
   * aborted, `ReaderGoneError` or `PcscUnavailableError`.
   */
  async waitForRemoval(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    await this.waitFor((s) => s.state !== undefined && !s.state.present, timeoutMs, signal, () => new CardStillPresentError(this.name, timeoutMs));
  }

  /** Disconnects the current connection, if any. */
  async disconnect(): Promise<void> {
    const c = this.current;
    this.current = undefined;
    await c?.disconnect('unpower');
  }

  private waitFor(ready: (s: ReaderSlot) => boolean, timeoutMs: number, signal: AbortSignal | undefined, onTimeout: () => Error): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        f();
      };
      const check = (e?: SlotEvent): void => {
        if (this.slot.daemonDown || e?.kind === 'daemon-down') {
          return finish(() => reject(this.context.error ?? new PcscUnavailableError()));
        }
        if (this.slot.gone) return finish(() => reject(new ReaderGoneError(this.name)));
        if (this.context.isClosed) return finish(() => reject(new NoCardError(`${this.name}: the PC/SC context was closed`)));
        if (ready(this.slot)) finish(resolve);
      };
      const onAbort = (): void => finish(() => reject(new NoCardError(`${this.name}: waiting was aborted`)));
      const timer = setTimeout(() => finish(() => reject(onTimeout())), timeoutMs);
      const unsubscribe = this.slot.subscribe(check);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      check();
    });
  }
}
