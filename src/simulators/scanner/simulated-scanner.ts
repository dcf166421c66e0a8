/**
 * A simulated QR scanner at a station of a simulated plant. It "looks at" the physical card at its location and
 * decodes the QR from what the printer actually printed on it (PhysicalCard.printed -> RGBA -> jsQR), so a
 * misprint, a blank or a card swapped in transit is caught the way a real scanner would catch it: no code, or the
 * other card's code.
 *
 * Like a scanner in presentation mode, it reads each card `readTimeMs` after the card arrives at its location
 * (Plant.onMove); {@link SimulatedScanner.trigger} reads on demand (a card already there, or a manual trigger).
 * A read that finds no code sends nothing (or the configured no-read message), so the station's
 * `nextScan(timeout)` times out exactly as with a real scanner.
 */
import { type Clock, systemClock } from '../../devices/clock';
import { ScanQueue } from '../../devices/scanner/scan-queue';
import type { Scanner } from '../../devices/scanner/scanner';
import { InvalidUtf8ScanError } from '../../devices/scanner/scanner-errors';
import { createRng, type Rng } from '../../identity/sample/rng';
import type { CardLocation, PhysicalCard } from '../plant/physical-card';
import { type Plant, sameLocation } from '../plant/plant';
import { PRODUCT_QR_REGIONS, type PixelBox, type QrRegions } from './qr-regions';
import { fullPanel, readPrintedQr } from './read-printed-qr';
import { DEFAULT_READ_TIME_MS, type ScannerFaults, checkScannerFaults } from './scanner-faults';

/** A side of a card. */
export type CardSide = 'front' | 'back';

/** What one read saw. */
export type ScannerRead =
  | { readonly kind: 'code'; readonly cardId: string; readonly side: CardSide; readonly text: string; readonly region: PixelBox | 'full-panel' }
  /** A code whose bytes are not UTF-8: delivered as InvalidUtf8ScanError, as the HID POS driver would. */
  | { readonly kind: 'invalid-utf8'; readonly cardId: string; readonly side: CardSide; readonly bytes: Uint8Array }
  | {
      readonly kind: 'no-code';
      /**
       * `no-card`: nothing at the location; `blank`: no side looked at is printed; `unreadable`: printed, but no
       * QR decodes; `no-read`: a readable code missed (the no-read fault).
       */
      readonly reason: 'no-card' | 'blank' | 'unreadable' | 'no-read';
      readonly cardId?: string;
    };

/** Options of {@link SimulatedScanner}. */
export interface SimulatedScannerOptions {
  plant: Plant;
  /** The station name: the scanner looks at location `{ kind: 'scanner', station }`. */
  station?: string;
  /** Any location to look at instead (e.g. a printer's output hopper). */
  location?: CardLocation;
  clock?: Clock;
  /** Time from a card's arrival (or a trigger) to the scan (default {@link DEFAULT_READ_TIME_MS}). */
  readTimeMs?: number;
  faults?: ScannerFaults;
  /** The sides the scanner sees, in the order it decodes them (default front, then back). */
  sides?: readonly CardSide[];
  /** Where to look for the QR first (default: where the products print it). */
  regions?: QrRegions;
  /** Scan each card when it arrives (default true). With false, only {@link SimulatedScanner.trigger} reads. */
  presentationMode?: boolean;
  /** Sent as the scan when a read finds no code, like scanners' "NR" setting; by default nothing is sent. */
  noReadMessage?: string;
}

/** A simulated scanner: implements {@link Scanner} over a plant location. */
export class SimulatedScanner implements Scanner {
  /** The location the scanner looks at. */
  readonly location: CardLocation;
  private readonly plant: Plant;
  private readonly clock: Clock;
  private readonly readTimeMs: number;
  private readonly noReadRate: number;
  private readonly rng: Rng;
  private readonly sides: readonly CardSide[];
  private readonly regions: QrRegions;
  private readonly noReadMessage: string | undefined;
  private readonly queue: ScanQueue;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private lastArrived: string | undefined;
  private readonly readTimers = new Set<unknown>();
  private closed = false;

  constructor(options: SimulatedScannerOptions) {
    if (options.location === undefined && options.station === undefined) throw new RangeError('a simulated scanner needs a station or a location');
    this.location = options.location ?? { kind: 'scanner', station: options.station as string };
    this.plant = options.plant;
    this.clock = options.clock ?? systemClock;
    this.readTimeMs = options.readTimeMs ?? DEFAULT_READ_TIME_MS;
    if (!Number.isFinite(this.readTimeMs) || this.readTimeMs < 0) throw new RangeError(`readTimeMs must be a finite number >= 0, got ${this.readTimeMs}`);
    const faults = options.faults ?? {};
    checkScannerFaults(faults);
    this.noReadRate = faults.noReadRate ?? 0;
    this.rng = createRng(`scanner:${String(faults.seed ?? 'scanner')}`);
    this.sides = options.sides ?? ['front', 'back'];
    this.regions = options.regions ?? PRODUCT_QR_REGIONS;
    this.noReadMessage = options.noReadMessage;
    this.queue = new ScanQueue(this.clock);
    const presentation = options.presentationMode ?? true;
    // Plant.onMove has no unsubscribe: after close() the listener stays and does nothing.
    this.plant.onMove((move) => {
      if (this.closed || !sameLocation(move.to, this.location)) return;
      this.lastArrived = move.cardId;
      if (presentation) void this.trigger();
    });
  }

  scans(): AsyncIterable<string> {
    return this.queue.iterate();
  }

  nextScan(timeoutMs: number): Promise<string> {
    return this.queue.next(timeoutMs);
  }

  discardPending(): number {
    return this.queue.discard();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.readTimers) this.clock.clearTimeout(t);
    this.readTimers.clear();
    this.queue.close();
  }

  /**
   * Reads now: waits the read time on the clock, looks at the card then at the location, applies the no-read
   * fault, sends the scan (if any) and returns what was seen. After close() it resolves with no card and sends
   * nothing.
   */
  async trigger(): Promise<ScannerRead> {
    if (this.closed) return { kind: 'no-code', reason: 'no-card' };
    await new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.readTimers.delete(timer);
        resolve();
      }, this.readTimeMs);
      this.readTimers.add(timer);
    });
    if (this.closed) return { kind: 'no-code', reason: 'no-card' };
    let read = this.look();
    if (read.kind === 'code' && this.noReadRate > 0 && this.rng.chance(this.noReadRate)) {
      read = { kind: 'no-code', reason: 'no-read', cardId: read.cardId };
    }
    this.send(read);
    return read;
  }

  /**
   * What the optics see at the location right now, without faults and without sending anything. The QR crops of
   * every side seen come first, then whole panels: a card whose code is on the back costs one missed crop on the
   * front, not a whole-panel search.
   */
  look(): ScannerRead {
    const card = this.cardInView();
    if (card === undefined) return { kind: 'no-code', reason: 'no-card' };
    const printed = this.sides.flatMap((side) => {
      const panel = card.printed[side];
      return panel === undefined ? [] : [{ side, panel }];
    });
    if (printed.length === 0) return { kind: 'no-code', reason: 'blank', cardId: card.id };
    for (const pass of ['crops', 'full-panel'] as const) {
      for (const { side, panel } of printed) {
        const qr = readPrintedQr(panel, pass === 'crops' ? this.regions[side] : [fullPanel(panel)]);
        if (!qr.found) continue;
        try {
          return { kind: 'code', cardId: card.id, side, text: this.utf8.decode(qr.bytes), region: qr.region };
        } catch {
          return { kind: 'invalid-utf8', cardId: card.id, side, bytes: qr.bytes };
        }
      }
    }
    return { kind: 'no-code', reason: 'unreadable', cardId: card.id };
  }

  /** The card the scanner sees: the last to arrive if it is still there, else any card at the location. */
  private cardInView(): PhysicalCard | undefined {
    const here = this.plant.at(this.location);
    return here.find((c) => c.id === this.lastArrived) ?? here[here.length - 1];
  }

  private send(read: ScannerRead): void {
    if (read.kind === 'code') this.queue.deliver({ ok: true, text: read.text });
    else if (read.kind === 'invalid-utf8') this.queue.deliver({ ok: false, error: new InvalidUtf8ScanError(read.bytes, ']Q1') });
    else if (this.noReadMessage !== undefined) this.queue.deliver({ ok: true, text: this.noReadMessage });
  }
}
