/**
 * The store: cardline's single source of truth (DESIGN.md principle 1). A thin class over the repository
 * functions: every public method is one transaction (IMMEDIATE, so a method that reads then writes cannot be
 * overtaken by another process between the two), except `importFile`, which stages as it reads and commits once
 * (import-stage.ts). The connection is synchronous, so in-process callers cannot interleave inside a method.
 */
import os from 'node:os';
import type { Database } from 'better-sqlite3';
import type { ProductId } from '../../identity/products';
import { loadDataKey, type DataKeyring, type LoadedDataKey } from '../crypto';
import { verifyAuditChain, type AuditEntry, type AuditEvent, type AuditVerification } from '../audit';
import { audit, statementCache, type StoreContext } from './store-context';
import { openDatabase } from './open-database';
import { migrate, type MigrationResult } from './migrate';
import type { Migration } from './migrations';
import { MIGRATIONS } from './migrations';
import { findOrder, getOrderById, insertOrder, listOrderSummaries } from './orders';
import { findRecordsByIdHash, getRecord, nextQueued, readSealedPayload } from './records';
import { decodeRecordPayload, recordPayloadAad, type RecordPayload } from './record-payload';
import { auditPage, type AuditPage } from './audit-page';
import { addOperator, findOperator, getOperator, listOperators, type OperatorRow } from './operators';
import { applyCardEvent, getCard, issueCards, reissueCards, setCardLocation, type IssueCard } from './cards';
import { getJob, requireJobState, updateJob } from './jobs';
import { getStep, insertStepIntent, insertStepOutcome, stepsOfJob, type StepIntent } from './device-steps';
import {
  completeJob,
  failJob,
  holdRecord,
  markJobRecovering,
  resumeJob,
  releaseRecord,
  resolveInDoubt,
  startJob,
  type FailedCardFate,
  type InDoubtDecision,
} from './job-lifecycle';
import { stockLedger, type StockLedger } from './stock-ledger';
import { orderFacts, spoiledCards, type OrderFacts, type SpoiledCard } from './order-facts';
import { toRun, type SqlRow } from './row-mapping';
import { inFlight, type InFlight } from './in-flight';
import { endRun, runningRuns, startRun } from './runs';
import { importRecordFile, type ImportOptions, type ImportReport } from './import-records';
import { checkDataKey } from './key-check';
import type {
  CardRow,
  DeviceStepRow,
  JobRow,
  OrderRow,
  OrderSummary,
  RecordRow,
  RunRow,
  RunStatus,
  StepOutcome,
} from './types';
import { StoreError } from './store-error';

/** Default for {@link StoreOptions.maxAttempts}. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Options of {@link Store.open}. */
export interface StoreOptions {
  /**
   * The data keys. By default loaded on first need from CARDLINE_DATA_KEY or `<db dir>/data.key`
   * (crypto/load-data-key.ts): commands that never touch personal data (orders, stock, audit verify) never
   * load or create a key.
   */
  keyring?: DataKeyring;
  /** Environment to read CARDLINE_DATA_KEY from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock, in ms since the epoch (DESIGN.md principle 5); default Date.now. */
  now?: () => number;
  /** Default actor of audit entries and stock movements; default `os:<user name>`. */
  actor?: string;
  /** Origin of audit entries; default `<host name>/pid <pid>`. */
  origin?: string;
  /** Attempts after which a record whose card was spoiled is failed (default {@link DEFAULT_MAX_ATTEMPTS}). */
  maxAttempts?: number;
  /** Refuse to create a database that does not exist (read-only commands). */
  mustExist?: boolean;
  /** See OpenDatabaseOptions.durability: FULL fsyncs by default, NORMAL for simulated virtual-time runs. */
  durability?: 'power-loss' | 'process-crash';
  /** The schema's migrations (tests supply their own lists). */
  migrations?: readonly Migration[];
}

function defaultActor(): string {
  try {
    return `os:${os.userInfo().username}`;
  } catch {
    return 'os:unknown';
  }
}

/** The production store over one SQLite file. */
export class Store {
  private loadedKey: LoadedDataKey | undefined;
  private readonly ctx: StoreContext;
  private readonly maxAttempts: number;

  private constructor(
    /** The underlying connection (for tests, the verifier and read-only tools; prefer the methods). */
    readonly db: Database,
    /** The database path. */
    readonly path: string,
    /** What opening did to the schema. */
    readonly migration: MigrationResult,
    private readonly opts: StoreOptions,
    now: () => number,
  ) {
    this.ctx = {
      db,
      at: () => new Date(now()).toISOString(),
      actor: opts.actor ?? defaultActor(),
      origin: opts.origin ?? `${os.hostname()}/pid ${process.pid}`,
      sql: statementCache(db),
    };
    this.maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (opts.keyring !== undefined) this.useKeyring({ keyring: opts.keyring, source: 'caller', created: false });
  }

  /** Opens (creating and migrating as needed) the store at `file`. */
  static open(file: string, opts: StoreOptions = {}): Store {
    const now = opts.now ?? Date.now;
    const db = openDatabase(file, { mustExist: opts.mustExist ?? false, ...(opts.durability ? { durability: opts.durability } : {}) });
    try {
      const migration = migrate(db, () => new Date(now()).toISOString(), opts.migrations ?? MIGRATIONS);
      return new Store(db, file, migration, opts, now);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Closes the connection (SQLite checkpoints the WAL into the main file when the last connection closes). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private actor(actor: string | undefined): string {
    return actor ?? this.ctx.actor;
  }

  private useKeyring(loaded: LoadedDataKey): DataKeyring {
    this.tx(() => checkDataKey(this.ctx, loaded.keyring));
    this.loadedKey = loaded;
    return loaded.keyring;
  }

  /** The data keys, loaded (and checked against the database) on first use. */
  get keyring(): DataKeyring {
    if (this.loadedKey !== undefined) return this.loadedKey.keyring;
    return this.useKeyring(loadDataKey({ dbPath: this.path, ...(this.opts.env ? { env: this.opts.env } : {}) }));
  }

  /** Where the data key came from (loads it if needed). */
  get keySource(): Omit<LoadedDataKey, 'keyring'> {
    void this.keyring;
    const { keyring: _k, ...rest } = this.loadedKey!;
    return rest;
  }

  // ---- orders and import -------------------------------------------------------------------------------

  /** Creates an order; conflict when the name exists. */
  createOrder(opts: { name: string; product?: ProductId | null; actor?: string }): OrderRow {
    return this.tx(() => insertOrder(this.ctx, { ...opts, actor: this.actor(opts.actor) }));
  }

  /** The order named `name`, if any. */
  findOrder(name: string): OrderRow | undefined {
    return findOrder(this.ctx, name);
  }

  /** The order with id `id`. */
  getOrder(id: number): OrderRow {
    return getOrderById(this.ctx, id);
  }

  /** Every order with its records counted by status. */
  listOrders(): OrderSummary[] {
    return this.tx(() => listOrderSummaries(this.ctx));
  }

  /** Imports a record file into an order (created if needed); see import-records.ts. */
  importFile(file: string, opts: ImportOptions): Promise<ImportReport> {
    return importRecordFile(this.ctx, this.keyring, file, { ...opts, actor: this.actor(opts.actor) });
  }

  // ---- records -------------------------------------------------------------------------------------------

  /** A record without its payload. */
  getRecord(id: number): RecordRow {
    return getRecord(this.ctx, id);
  }

  /** Up to `limit` queued records in production order (optionally of one order). */
  nextQueued(limit: number, opts: { orderId?: number } = {}): RecordRow[] {
    return nextQueued(this.ctx, limit, opts.orderId);
  }

  /**
   * Decrypts a record's personal data for data preparation. Throws SealError when the payload was altered or
   * moved from another row.
   */
  openRecordPayload(id: number): RecordPayload {
    const { uid, payload } = readSealedPayload(this.ctx, id);
    return decodeRecordPayload(this.keyring.open(payload, recordPayloadAad(uid)));
  }

  /** Records, in order, whose personal ID is `personalId` (found by its keyed hash). */
  findRecordsByPersonalId(personalId: string): RecordRow[] {
    return findRecordsByIdHash(this.ctx, this.keyring.personalIdHash(personalId));
  }

  /** Holds a queued record back (audited). */
  holdRecord(id: number, reason: string, actor?: string): RecordRow {
    return this.tx(() => holdRecord(this.ctx, id, reason, this.actor(actor)));
  }

  /** Releases a held record to the queue (audited); refused while one of its cards is in doubt. */
  releaseRecord(id: number, actor?: string): RecordRow {
    return this.tx(() => releaseRecord(this.ctx, id, this.actor(actor)));
  }

  // ---- cards ---------------------------------------------------------------------------------------------

  /** Registers blanks issued to the line (one `issue` movement each; audited as one entry). */
  issueBlanks(cards: readonly IssueCard[], actor?: string): CardRow[] {
    return this.tx(() => {
      const issued = issueCards(this.ctx, cards, this.actor(actor));
      const orders = [...new Set(cards.map((c) => c.orderId ?? null))];
      audit(this.ctx, {
        actor: this.actor(actor),
        action: 'cards.issue',
        object: orders.length === 1 && orders[0] !== null ? `order:${getOrderById(this.ctx, orders[0]!).name}` : null,
        detail: { count: cards.length, first: cards[0]?.id ?? null, last: cards.at(-1)?.id ?? null },
      });
      return issued;
    });
  }

  /** A card by serial. */
  getCard(id: string): CardRow {
    return getCard(this.ctx, id);
  }

  /** Records where a card is (no ledger effect). */
  moveCard(id: string, location: string | null): CardRow {
    return this.tx(() => setCardLocation(this.ctx, id, location));
  }

  /** Returns an unused blank to the vault (audited). */
  /** The order's spoiled cards with their reasons, newest first (the reject box view). */
  spoiledCards(orderId: number): SpoiledCard[] {
    return spoiledCards(this.ctx, orderId);
  }

  /** A page of the audit log, newest first, filtered by action (exact, or a prefix ending in '.') and actor. */
  auditPage(q: { page: number; pageSize: number; action?: string | undefined; actor?: string | undefined }): AuditPage {
    return auditPage(this.ctx, q);
  }

  /** Adds a console account (the password already hashed by controller/auth); audited. */
  addOperator(o: { name: string; role: OperatorRow['role']; passwordHash: string; actor?: string }): OperatorRow {
    return this.tx(() => addOperator(this.ctx, o, this.actor(o.actor)));
  }

  /** The account named `name`, if any. */
  findOperator(name: string): OperatorRow | undefined {
    return findOperator(this.ctx, name);
  }

  /** The account with id `id`; throws not-found. */
  getOperator(id: number): OperatorRow {
    return getOperator(this.ctx, id);
  }

  /** Every account, by name. */
  listOperators(): OperatorRow[] {
    return listOperators(this.ctx);
  }

  /** Issues returned blanks again, for `orderId` (see {@link reissueCards}). */
  reissueBlanks(ids: readonly string[], opts: { orderId?: number; location?: string; actor?: string } = {}): CardRow[] {
    return this.tx(() => reissueCards(this.ctx, ids, opts.orderId ?? null, opts.location ?? null, this.actor(opts.actor)));
  }

  returnBlank(id: string, reason?: string, actor?: string): CardRow {
    return this.tx(() => applyCardEvent(this.ctx, id, 'return', { actor: this.actor(actor), ...(reason ? { reason } : {}) }));
  }

  /** Spoils a blank that never entered a job (damaged, misfed); audited. */
  spoilBlank(id: string, reason: string, actor?: string): CardRow {
    return this.tx(() => {
      const card = getCard(this.ctx, id);
      if (card.state !== 'issued') {
        throw new StoreError('invalid-state', `card "${id}" is ${card.state}: only unused blanks are spoiled directly, others through their job`);
      }
      return applyCardEvent(this.ctx, id, 'spoil', { reason, actor: this.actor(actor) });
    });
  }

  // ---- jobs and device steps -------------------------------------------------------------------------------

  /** Starts an attempt: queued record + issued card -> running job. */
  startJob(opts: { recordId: number; cardId: string; runId?: number; phase?: string; actor?: string }): JobRow {
    return this.tx(() => startJob(this.ctx, { ...opts, actor: this.actor(opts.actor), maxAttempts: this.maxAttempts }));
  }

  /** A job by id. */
  getJob(id: number): JobRow {
    return getJob(this.ctx, id);
  }

  /** Notes the workflow state a job is in (for operators; no effect on the rules). */
  setJobPhase(id: number, phase: string): JobRow {
    return this.tx(() => {
      requireJobState(getJob(this.ctx, id), ['running', 'recovering'], 'set the phase of');
      return updateJob(this.ctx, id, { phase });
    });
  }

  /** Writes a step's intent, committed before the device is told to act. Returns the step (its id ends it). */
  beginStep(intent: StepIntent): DeviceStepRow {
    return this.tx(() => insertStepIntent(this.ctx, intent));
  }

  /** Writes a step's outcome, committed after the device answered (or failed to). */
  endStep(stepId: number, outcome: StepOutcome, detail?: unknown): DeviceStepRow {
    return this.tx(() => insertStepOutcome(this.ctx, stepId, outcome, detail));
  }

  /** A step by id. */
  getStep(id: number): DeviceStepRow {
    return getStep(this.ctx, id);
  }

  /** Every step of a job, in order. */
  stepsOfJob(jobId: number): DeviceStepRow[] {
    return stepsOfJob(this.ctx, jobId);
  }

  /** The card passed: job succeeded, card good, record produced. */
  completeJob(jobId: number, actor?: string): JobRow {
    return this.tx(() => completeJob(this.ctx, jobId, { actor: this.actor(actor), maxAttempts: this.maxAttempts }));
  }

  /** The job did not produce a good card; `card` says what became of the card (job-lifecycle.ts). */
  failJob(jobId: number, opts: { reason: string; card: FailedCardFate; actor?: string }): JobRow {
    return this.tx(() =>
      failJob(this.ctx, jobId, { reason: opts.reason, card: opts.card, actor: this.actor(opts.actor), maxAttempts: this.maxAttempts }),
    );
  }

  /** Production facts of an order across all its runs (summary and report). */
  orderFacts(orderId: number): OrderFacts {
    return orderFacts(this.ctx, orderId);
  }

  /** The runs of an order, oldest first. */
  runsOfOrder(orderId: number): RunRow[] {
    return (this.ctx.sql('SELECT * FROM runs WHERE order_id = ? ORDER BY id').all(orderId) as SqlRow[]).map(toRun);
  }

  /** Records what a run measured so far (no personal data: figures and counts). */
  setRunSummary(runId: number, summary: unknown): void {
    this.tx(() => this.ctx.sql('UPDATE runs SET summary = ? WHERE id = ?').run(JSON.stringify(summary), runId));
  }

  /** The newest run, if any. */
  lastRun(): RunRow | undefined {
    const row = this.ctx.sql('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as SqlRow | undefined;
    return row === undefined ? undefined : toRun(row);
  }

  /** Number of audit entries. */
  auditCount(): number {
    return (this.ctx.sql('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  }

  /** True when a card with this serial was ever issued. */
  hasCard(id: string): boolean {
    return this.ctx.sql('SELECT 1 FROM cards WHERE id = ?').get(id) !== undefined;
  }

  /** Records the chip UID the encoder read from a card. */
  setCardChipUid(id: string, chipUid: string): CardRow {
    return this.tx(() => {
      getCard(this.ctx, id);
      this.ctx.sql('UPDATE cards SET chip_uid = ?, updated_at = ? WHERE id = ?').run(chipUid, this.ctx.at(), id);
      return getCard(this.ctx, id);
    });
  }

  /** An operator verified a card in doubt: its job goes on (see job-lifecycle.ts resumeJob). */
  resumeJob(cardId: string, opts: { reason: string; actor?: string }): JobRow {
    return this.tx(() => resumeJob(this.ctx, cardId, { reason: opts.reason, actor: this.actor(opts.actor) }));
  }

  /** Marks a job as being recovered after a restart. */
  markJobRecovering(jobId: number, phase?: string): JobRow {
    return this.tx(() => markJobRecovering(this.ctx, jobId, phase));
  }

  /** Settles a card in doubt (dual control to destroy); audited. */
  resolveInDoubt(cardId: string, decision: InDoubtDecision): JobRow {
    return this.tx(() => resolveInDoubt(this.ctx, cardId, decision, this.maxAttempts));
  }

  /** What recovery must look at: open steps, active jobs, cards in process or in doubt. */
  inFlight(): InFlight {
    return this.tx(() => inFlight(this.ctx));
  }

  // ---- runs, ledger, audit ------------------------------------------------------------------------------------

  /** Starts a run of the line (audited). */
  startRun(opts: { orderId?: number; config?: unknown; seed?: string; actor?: string } = {}): RunRow {
    return this.tx(() => startRun(this.ctx, { ...opts, actor: this.actor(opts.actor) }));
  }

  /** Ends a run (audited). */
  endRun(id: number, status: Exclude<RunStatus, 'running'>, actor?: string): RunRow {
    return this.tx(() => endRun(this.ctx, id, status, this.actor(actor)));
  }

  /** Runs still marked running. */
  runningRuns(): RunRow[] {
    return runningRuns(this.ctx);
  }

  /** The card accountability ledger, overall and per order (or for one order). */
  stockLedger(opts: { orderId?: number } = {}): StockLedger {
    return this.tx(() => stockLedger(this.ctx, opts));
  }

  /** Appends an audit entry (personal data is scrubbed on the way in). */
  audit(event: Omit<AuditEvent, 'actor'> & { actor?: string }): AuditEntry {
    return this.tx(() => audit(this.ctx, event));
  }

  /**
   * Records a restart of the system (PCI Card Production: the personalization software logs every restart).
   * `reason` says why: `start-up`, `recovery after crash`, an operator's note.
   */
  recordRestart(reason: string, actor?: string): AuditEntry {
    return this.audit({
      actor: actor ?? 'system',
      action: 'system.restart',
      object: null,
      detail: { reason, pid: process.pid, node: process.version, schema: this.migration.to },
    });
  }

  /** Walks the audit chain and reports the first break. */
  verifyAudit(): AuditVerification {
    return verifyAuditChain(this.db);
  }
}
