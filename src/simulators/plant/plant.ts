import type Database from 'better-sqlite3';
import { type Clock, systemClock } from '../../devices/clock';
import type { ChipFault } from '../chip/faults';
import { VirtualChip } from '../chip/virtual-chip';
import { journalMutation, journalRow, type ChipJournalRow } from './chip-journal';
import type { CardLocation, PhysicalCard, PrintedSide } from './physical-card';
import { type CardBackend, PlantCard } from './plant-card';
import { openPlantDatabase } from './plant-database';
import { DecodedSideCache, StoredPrintedSide } from './printed-side';
import { storedFromRgb, storedPrintDigest, type StoredPrint, type StoredPrintEncoding } from './stored-print';

/** One move of a card, for the plant's history. */
export interface CardMove {
  cardId: string;
  from: CardLocation;
  to: CardLocation;
}

/** What happens to the pixels of a card that left the line (stacked, rejected or removed). */
export type PrintRetention = 'drop' | 'keep';

/** Options of a {@link Plant}. */
export interface PlantOptions {
  /** The plant file (SQLite). Default: an in-memory plant, gone when the process ends. */
  file?: string;
  /** Clock of the chips' slow faults. Default: the system clock. Can be changed later ({@link Plant.clock}). */
  clock?: Clock;
  /**
   * `drop` (default): when a card reaches a stacker, a reject box or leaves the line, the pixels of its printed
   * sides are deleted and their digests kept. `keep`: never (tests, short runs).
   */
  printRetention?: PrintRetention;
  /** Printed sides kept decoded in memory at once (2 MB each). Default 4. */
  decodedSides?: number;
}

/** Options of {@link Plant.addBlanks}. */
export interface AddBlanksOptions {
  /** The faults the chip of the blank with this serial number carries (drawn by the caller, e.g. per card seed). */
  chipFaults?: (serial: number) => readonly ChipFault[];
}

/** A device's own saved state in the plant file. */
export interface DeviceStateSlot<T> {
  /** The state saved last, or undefined when the device has never saved one. */
  load(): T | undefined;
  /** Saves the state (write-through: it is in the file when this returns). */
  save(state: T): void;
}

/** Figures for tests and benchmarks. */
export interface PlantFigures {
  cards: number;
  /** Card objects alive in memory (held by the plant or by anyone else). */
  cardsInMemory: number;
  /** Card objects the plant itself holds: the cards on the line. */
  cardsHeld: number;
  /** Printed sides decoded in memory now. */
  decodedSides: number;
  /** Sides stored with their pixels, and the bytes those take. */
  printedSidesStored: number;
  printBytesStored: number;
  /** Sides whose pixels were dropped (digest kept). */
  printedSidesDropped: number;
  chipJournalRows: number;
  chipJournalBytes: number;
}

interface CardRow {
  id: string;
  serial: number;
  chip_seed: string | null;
  chip_faults: string;
  location: string;
  damage: string | null;
}

interface SideRow {
  side: 'front' | 'back';
  encoding: StoredPrintEncoding;
  width: number;
  height: number;
  digest: string;
  stored_bytes: number;
  dropped: number;
}

/** Locations whose cards have left the line: their print data falls under the retention policy. */
const LEFT_THE_LINE: ReadonlySet<CardLocation['kind']> = new Set(['stacker', 'reject-box', 'removed']);

/** The key a location is indexed under: its kind and station. */
export function locationKey(location: CardLocation): string {
  return 'station' in location ? `${location.kind}:${location.station}` : location.kind;
}

/** True when a location is off the line (stacked, rejected, removed). */
export function hasLeftTheLine(location: CardLocation): boolean {
  return LEFT_THE_LINE.has(location.kind);
}

/**
 * The plant: owns every physical card of a simulated line. Device simulators take cards from it and move them;
 * nothing else creates or destroys a card, so every blank is accounted for.
 *
 * Every card lives in a SQLite database (a file, or memory): where it is, its chip's journal, what was printed on it.
 * Every change is written through before the call that made it returns, so a process killed at any point leaves a
 * file that gives every card back where it was. In memory the plant holds only the cards on the line; cards in stock
 * or off the line are read back when asked for, so a 10,000-card run does not grow the heap. See PLANT.md.
 */
export class Plant {
  /** The plant file, or undefined for an in-memory plant. */
  readonly file: string | undefined;
  private readonly db: Database.Database;
  private readonly retention: PrintRetention;
  private readonly decoded: DecodedSideCache;
  private currentClock: Clock;
  /** Every card object alive, held weakly: the same card is always the same object. */
  private readonly live = new Map<string, WeakRef<PlantCard>>();
  /** Cards the plant keeps in memory: those on the line. */
  private readonly held = new Map<string, PlantCard>();
  private readonly gone = new FinalizationRegistry<string>((id) => {
    if (this.live.get(id)?.deref() === undefined) this.live.delete(id);
  });
  /** Loaded printed sides of cards in memory. */
  private readonly sides = new WeakMap<PlantCard, { front?: StoredPrintedSide; back?: StoredPrintedSide }>();
  private readonly listeners: ((move: CardMove) => void)[] = [];
  private nextSerial: number;
  private seq: number;
  private closed = false;
  private readonly backend: CardBackend;
  private readonly sql: ReturnType<typeof prepare>;
  /** The clock chips see: always the plant's current clock. */
  private readonly chipClock: Clock = {
    now: () => this.currentClock.now(),
    setTimeout: (fn, ms) => this.currentClock.setTimeout(fn, ms),
    clearTimeout: (id) => this.currentClock.clearTimeout(id),
  };

  constructor(options: PlantOptions = {}) {
    this.file = options.file;
    this.db = openPlantDatabase(options.file ?? ':memory:');
    this.retention = options.printRetention ?? 'drop';
    this.decoded = new DecodedSideCache(options.decodedSides ?? 4);
    this.currentClock = options.clock ?? systemClock;
    this.sql = prepare(this.db);
    this.nextSerial = ((this.db.prepare('SELECT max(serial) FROM card').pluck().get() as number | null) ?? 0) + 1;
    this.seq = (this.db.prepare('SELECT max(loc_seq) FROM card').pluck().get() as number | null) ?? 0;
    this.backend = {
      move: (card, to) => this.move(card, to),
      setDamage: (card, damage) => this.setDamage(card, damage),
      chipOf: (card) => this.chipOf(card),
      sideOf: (card, side) => this.sidesOf(card)[side],
      setSide: (card, side, value) => this.setSide(card, side, value),
    };
  }

  /** Opens (or creates) a plant file. */
  static open(file: string, options: Omit<PlantOptions, 'file'> = {}): Plant {
    return new Plant({ ...options, file });
  }

  /** The clock chips use for their slow faults. Setting it affects every chip, loaded or not. */
  get clock(): Clock {
    return this.currentClock;
  }

  set clock(clock: Clock) {
    this.currentClock = clock;
  }

  /** True once {@link close} ran. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Makes `count` blank cards in stock, each with a fresh virtual chip seeded from `seed` and its serial (and the
   * faults `options.chipFaults` gives it).
   */
  addBlanks(count: number, seed: string | number = 'plant', options: AddBlanksOptions = {}): PhysicalCard[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`addBlanks: count must be a whole number >= 0, got ${count}`);
    const made: PlantCard[] = [];
    const stock: CardLocation = { kind: 'stock' };
    this.atomically(() => {
      for (let i = 0; i < count; i++) {
        const serial = this.nextSerial;
        const id = `C${String(serial).padStart(7, '0')}`;
        const chipSeed = `${seed}:${id}`;
        const faults = options.chipFaults?.(serial) ?? [];
        this.sql.insertCard.run(id, serial, chipSeed, JSON.stringify(faults), locationKey(stock), JSON.stringify(stock), ++this.seq);
        this.nextSerial++;
        made.push(this.remember(new PlantCard(id, serial, stock, undefined, chipSeed, this.backend)));
      }
    });
    return made;
  }

  /** The card with this id; throws for an unknown id (a bug, not a fault). */
  card(id: string): PhysicalCard {
    const card = this.find(id);
    if (card === undefined) throw new RangeError(`no card ${id} in the plant`);
    return card;
  }

  /** True when the plant has a card with this id. */
  has(id: string): boolean {
    return this.find(id) !== undefined;
  }

  /** Every card, in serial order. Reads every card into memory: for tests and small plants. */
  all(): PhysicalCard[] {
    return (this.sql.allIds.all() as string[]).map((id) => this.card(id));
  }

  /** The cards at a location (same kind and station), in the order they arrived there. */
  at(location: CardLocation): PhysicalCard[] {
    return (this.sql.idsAt.all(locationKey(location)) as string[]).map((id) => this.card(id));
  }

  /** How many cards are at a location, without reading them. */
  count(location?: CardLocation): number {
    return (location === undefined ? this.sql.countAll.get() : this.sql.countAt.get(locationKey(location))) as number;
  }

  /** Card counts by location key (`stock`, `feeder:printer-1`, ...): the plant's census. */
  census(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.sql.census.all() as { loc_key: string; n: number }[]) out[row.loc_key] = row.n;
    return out;
  }

  /**
   * Up to `count` cards from stock, in the order they entered it (new blanks by serial; a card returned to stock
   * goes to the back), without moving them: the caller (a feeder being loaded) moves each where it goes, so the
   * move is recorded with its real destination.
   */
  takeFromStock(count: number): PhysicalCard[] {
    return (this.sql.stockIds.all(Math.max(0, count)) as string[]).map((id) => this.card(id));
  }

  /** The faults a card's chip was made with (without building the chip). */
  chipFaults(card: PhysicalCard): ChipFault[] {
    return JSON.parse((this.sql.faultsOf.get(this.own(card).id) as string | undefined) ?? '[]') as ChipFault[];
  }

  /** Moves a card and tells the listeners. The move is in the plant file when this returns. */
  move(card: PhysicalCard, to: CardLocation): void {
    const c = this.own(card);
    const from = c.currentLocation;
    const target = freeze(to);
    const drop = this.retention === 'drop' && hasLeftTheLine(target) && !hasLeftTheLine(from);
    const write = () => this.sql.moveCard.run(locationKey(target), JSON.stringify(target), ++this.seq, c.id);
    // One statement commits on its own; a transaction only when the print data goes with the move.
    if (drop) {
      this.atomically(() => {
        write();
        this.dropPrints(c);
      });
    } else write();
    c.currentLocation = target;
    this.hold(c);
    for (const l of this.listeners) l({ cardId: c.id, from, to: target });
  }

  /**
   * Exchanges two cards' places, each taking the other's place in its location's order: a mix-up. Listeners hear
   * two moves, `a` first.
   */
  swap(a: PhysicalCard, b: PhysicalCard): void {
    const ca = this.own(a);
    const cb = this.own(b);
    if (ca === cb) return;
    const la = ca.currentLocation;
    const lb = cb.currentLocation;
    this.atomically(() => {
      const seqA = this.sql.seqOf.get(ca.id) as number;
      const seqB = this.sql.seqOf.get(cb.id) as number;
      this.sql.moveCard.run(locationKey(lb), JSON.stringify(lb), seqB, ca.id);
      this.sql.moveCard.run(locationKey(la), JSON.stringify(la), seqA, cb.id);
      if (this.retention === 'drop') {
        if (hasLeftTheLine(lb) && !hasLeftTheLine(la)) this.dropPrints(ca);
        if (hasLeftTheLine(la) && !hasLeftTheLine(lb)) this.dropPrints(cb);
      }
    });
    ca.currentLocation = lb;
    cb.currentLocation = la;
    this.hold(ca);
    this.hold(cb);
    for (const l of this.listeners) l({ cardId: ca.id, from: la, to: lb });
    for (const l of this.listeners) l({ cardId: cb.id, from: lb, to: la });
  }

  /** Subscribes to card moves. Returns an unsubscribe. */
  onMove(listener: (move: CardMove) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Runs `fn` as one transaction of the plant file: a process killed inside it leaves none of its writes. For a
   * device whose one physical step changes several records (a card leaves the feeder and the pick counter goes up).
   * `fn` must be synchronous. Nested calls join the outer transaction.
   */
  atomically<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn)();
  }

  /** Stores what was printed on one side of a card (a printer calls it when the side is done). */
  recordPrint(card: PhysicalCard, side: 'front' | 'back', print: StoredPrint): void {
    const c = this.own(card);
    const digest = storedPrintDigest(print);
    const loaded = this.sidesOf(c);
    const old = loaded[side];
    if (old !== undefined && !old.dropped && old.digest === digest) return;
    this.sql.putSide.run(c.id, side, print.encoding, print.width, print.height, digest, print.data.length, asBuffer(print.data));
    // Whoever still holds the old side object must not see the old pixels as this card's print.
    if (old !== undefined) old.markDropped();
    loaded[side] = this.sideObject(c, side, print.width, print.height, digest, print.data.length, false);
  }

  /** The saved state of a device (a printer, the handler, the line), by the device's id. */
  deviceState<T>(device: string): DeviceStateSlot<T> {
    return {
      load: () => {
        const text = this.sql.getState.get(device) as string | undefined;
        return text === undefined ? undefined : (JSON.parse(text) as T);
      },
      save: (state) => {
        this.sql.putState.run(device, JSON.stringify(state));
      },
    };
  }

  /** Card objects the plant holds in memory itself: the cards on the line (cheap; {@link figures} has the rest). */
  get cardsHeld(): number {
    return this.held.size;
  }

  /** Figures about the plant's size, in memory and in the file (scans the file's tables: not for every move). */
  figures(): PlantFigures {
    let inMemory = 0;
    for (const ref of this.live.values()) if (ref.deref() !== undefined) inMemory++;
    const prints = this.sql.printFigures.get() as { stored: number; bytes: number | null; dropped: number | null };
    const journal = this.sql.journalFigures.get() as { rows: number; bytes: number | null };
    return {
      cards: this.count(),
      cardsInMemory: inMemory,
      cardsHeld: this.held.size,
      decodedSides: this.decoded.size,
      printedSidesStored: prints.stored,
      printBytesStored: prints.bytes ?? 0,
      printedSidesDropped: prints.dropped ?? 0,
      chipJournalRows: journal.rows,
      chipJournalBytes: journal.bytes ?? 0,
    };
  }

  /** Closes the plant file. Cards of a closed plant can still be read but no longer changed. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private find(id: string): PlantCard | undefined {
    const alive = this.live.get(id)?.deref();
    if (alive !== undefined) return alive;
    const row = this.sql.cardById.get(id) as CardRow | undefined;
    if (row === undefined) return undefined;
    const card = new PlantCard(row.id, row.serial, freeze(JSON.parse(row.location) as CardLocation), row.damage ?? undefined, row.chip_seed ?? undefined, this.backend);
    return this.remember(card);
  }

  private remember(card: PlantCard): PlantCard {
    this.live.set(card.id, new WeakRef(card));
    this.gone.register(card, card.id);
    this.hold(card);
    return card;
  }

  /** Cards on the line stay in memory; in stock or off the line, only as long as someone else holds them. */
  private hold(card: PlantCard): void {
    const kind = card.currentLocation.kind;
    if (kind === 'stock' || LEFT_THE_LINE.has(kind)) this.held.delete(card.id);
    else this.held.set(card.id, card);
  }

  /** The plant's own object for a card given by a caller (which may be a stale object of another plant: refused). */
  private own(card: PhysicalCard): PlantCard {
    const mine = card instanceof PlantCard ? this.live.get(card.id)?.deref() : undefined;
    if (mine !== card) throw new RangeError(`card ${card.id} does not belong to this plant`);
    return mine;
  }

  private setDamage(card: PlantCard, damage: string | undefined): void {
    this.sql.setDamage.run(damage ?? null, card.id);
    card.currentDamage = damage;
  }

  private chipOf(card: PlantCard): VirtualChip | undefined {
    if (card.loadedChip !== undefined || card.chipSeed === undefined) return card.loadedChip;
    const faults = JSON.parse((this.sql.faultsOf.get(card.id) as string | undefined) ?? '[]') as ChipFault[];
    const chip = new VirtualChip({ seed: card.chipSeed, faults, clock: this.chipClock });
    const rows = this.sql.journalOf.all(card.id) as (ChipJournalRow & { seq: number })[];
    for (const row of rows) chip.applyMutation(journalMutation(row));
    const seq = { next: rows.length === 0 ? 1 : rows[rows.length - 1]!.seq + 1 };
    chip.onMutation((m) => {
      const row = journalRow(m);
      this.sql.appendJournal.run(card.id, seq.next, row.op, row.a, row.b, row.data === null ? null : asBuffer(row.data));
      seq.next++;
    });
    card.loadedChip = chip;
    return chip;
  }

  private sidesOf(card: PlantCard): { front?: StoredPrintedSide; back?: StoredPrintedSide } {
    let loaded = this.sides.get(card);
    if (loaded === undefined) {
      loaded = {};
      for (const r of this.sql.sidesOf.all(card.id) as SideRow[]) {
        loaded[r.side] = this.sideObject(card, r.side, r.width, r.height, r.digest, r.stored_bytes, r.dropped === 1);
      }
      this.sides.set(card, loaded);
    }
    return loaded;
  }

  private sideObject(card: PlantCard, side: 'front' | 'back', width: number, height: number, digest: string, bytes: number, dropped: boolean): StoredPrintedSide {
    const load = (): StoredPrint | undefined => {
      const r = this.sql.sideData.get(card.id, side) as { encoding: StoredPrintEncoding; width: number; height: number; data: Uint8Array | null } | undefined;
      return r === undefined || r.data === null ? undefined : { encoding: r.encoding, width: r.width, height: r.height, data: r.data };
    };
    return new StoredPrintedSide(width, height, digest, bytes, load, this.decoded, dropped);
  }

  private setSide(card: PlantCard, side: 'front' | 'back', value: PrintedSide | undefined): void {
    if (value === undefined) {
      this.sql.deleteSide.run(card.id, side);
      const loaded = this.sidesOf(card);
      loaded[side]?.markDropped();
      delete loaded[side];
      return;
    }
    const stored = value instanceof StoredPrintedSide ? value.stored() : undefined;
    this.recordPrint(card, side, stored ?? storedFromRgb(value));
  }

  private dropPrints(card: PlantCard): void {
    if (this.sql.dropSides.run(card.id).changes === 0) return;
    const loaded = this.sides.get(card);
    loaded?.front?.markDropped();
    loaded?.back?.markDropped();
  }
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays: a view over the same bytes, no copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function freeze(location: CardLocation): CardLocation {
  return Object.freeze({ ...location });
}

function prepare(db: Database.Database) {
  return {
    insertCard: db.prepare('INSERT INTO card (id, serial, chip_seed, chip_faults, loc_key, location, loc_seq) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    cardById: db.prepare('SELECT id, serial, chip_seed, chip_faults, location, damage FROM card WHERE id = ?'),
    allIds: db.prepare('SELECT id FROM card ORDER BY serial').pluck(),
    idsAt: db.prepare('SELECT id FROM card WHERE loc_key = ? ORDER BY loc_seq').pluck(),
    stockIds: db.prepare("SELECT id FROM card WHERE loc_key = 'stock' ORDER BY loc_seq LIMIT ?").pluck(),
    countAll: db.prepare('SELECT count(*) FROM card').pluck(),
    countAt: db.prepare('SELECT count(*) FROM card WHERE loc_key = ?').pluck(),
    census: db.prepare('SELECT loc_key, count(*) AS n FROM card GROUP BY loc_key ORDER BY loc_key'),
    seqOf: db.prepare('SELECT loc_seq FROM card WHERE id = ?').pluck(),
    moveCard: db.prepare('UPDATE card SET loc_key = ?, location = ?, loc_seq = ? WHERE id = ?'),
    setDamage: db.prepare('UPDATE card SET damage = ? WHERE id = ?'),
    faultsOf: db.prepare('SELECT chip_faults FROM card WHERE id = ?').pluck(),
    journalOf: db.prepare('SELECT seq, op, a, b, data FROM chip_journal WHERE card_id = ? ORDER BY seq'),
    appendJournal: db.prepare('INSERT INTO chip_journal (card_id, seq, op, a, b, data) VALUES (?, ?, ?, ?, ?, ?)'),
    putSide: db.prepare(
      'INSERT INTO print_side (card_id, side, encoding, width, height, digest, stored_bytes, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (card_id, side) DO UPDATE SET encoding = excluded.encoding, width = excluded.width, height = excluded.height, ' +
        'digest = excluded.digest, stored_bytes = excluded.stored_bytes, data = excluded.data',
    ),
    sidesOf: db.prepare('SELECT side, encoding, width, height, digest, stored_bytes, data IS NULL AS dropped FROM print_side WHERE card_id = ?'),
    sideData: db.prepare('SELECT encoding, width, height, data FROM print_side WHERE card_id = ? AND side = ?'),
    deleteSide: db.prepare('DELETE FROM print_side WHERE card_id = ? AND side = ?'),
    dropSides: db.prepare('UPDATE print_side SET data = NULL WHERE card_id = ? AND data IS NOT NULL'),
    getState: db.prepare('SELECT state FROM device_state WHERE device = ?').pluck(),
    putState: db.prepare('INSERT INTO device_state (device, state) VALUES (?, ?) ON CONFLICT (device) DO UPDATE SET state = excluded.state'),
    printFigures: db.prepare(
      'SELECT count(data) AS stored, sum(length(data)) AS bytes, sum(data IS NULL) AS dropped FROM print_side',
    ),
    journalFigures: db.prepare('SELECT count(*) AS rows, sum(length(data)) AS bytes FROM chip_journal'),
  };
}

/** True when two locations are the same place. */
export function sameLocation(a: CardLocation, b: CardLocation): boolean {
  if (a.kind !== b.kind) return false;
  return !('station' in a) || a.station === (b as { station: string }).station;
}
