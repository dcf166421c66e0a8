/**
 * The running line: binds the card job, station and line machines (workflows/) to the devices and the store.
 *
 * - Records of the order enter in sequence, prepared ahead (chip image, panels) on worker threads; at most a few
 *   cards per station are in flight, so a station that stops for an operator holds up only what is queued behind it.
 * - Every job state change and every device step is written to the store as it happens (principle 1). On start,
 *   recovery reads the store: each job that was in flight starts again in an explicit recovering state, and its step
 *   in doubt is resolved by asking the devices (in-doubt-resolver.ts), never re-run blindly.
 * - Station machines track each station (idle, busy, needs an operator and why); a station that needs a person
 *   takes no cards while the others go on. On simulated lines an automatic operator clears faults after a delay.
 * - Time comes from the injected clock: a VirtualClock makes a shift of thousands of cards run in seconds.
 */
import { createActor, type Actor } from 'xstate';
import { cardJobMachine, type JobFailure, type JobStateEvent, type ResumePoint, type JobStep } from '../../workflows/card-job';
import { stationMachine, stationFigures, CLEARING_ACTION } from '../../workflows/station';
import { lineMachine, feedsNewBlanks } from '../../workflows/line';
import type { StationFaultReason } from '../../workflows/station';
import type { Clock } from '../../devices/clock';
import type { RandomSource } from '../../devices/chip';
import type { Store, RecordRow, JobRow } from '../store';
import { maskPersonalId } from '../crypto';
import type { VirtualClock } from '../../simulators/virtual-clock';
import type { LineConfig } from './config';
import type { LineDevices } from './line-devices';
import type { Preparer } from './prep/prep-pool';
import type { PreparedCard } from './prep/prepared-card';
import { StationPool } from './station-pool';
import { createJobEffects, stationOfExitLocation, type EffectsContext, type JobTrack } from './job-effects';
import { ExitQueues } from './exit-queues';
import { createInDoubtResolver } from './in-doubt-resolver';
import { stationFaultOf } from './failure-mapping';

/** Something the console or the progress bar may want to show. */
export type LineEvent =
  | { type: 'job'; recordId: number; seq: number; maskedId: string; from: string | null; to: string; attempt: number; cardId?: string; failure?: JobFailure }
  | { type: 'station'; station: string; state: string; reason?: string; action?: string }
  | { type: 'line'; state: string }
  | { type: 'progress'; produced: number; failed: number; held: number; total: number; spoiled: number };

/** How to run. */
export interface LineRunOptions {
  store: Store;
  config: LineConfig;
  devices: LineDevices;
  clock: Clock;
  /** When given, the run drives this virtual clock itself (virtual speed). */
  virtualClock?: VirtualClock;
  preparer: Preparer;
  orderId: number;
  runId: number;
  csca: readonly Uint8Array[];
  random: RandomSource;
  /** Wall-clock date QC checks certificates at; defaults to the clock's reading as a date. */
  qcAt?: () => Date;
  /** Simulated lines: clear station faults automatically after this many ms of line time. */
  autoOperatorMs?: number;
  onEvent?: (e: LineEvent) => void;
  /** Kinds of faults the line detected, by kind, are counted here. */
  scanTimeoutMs?: number;
}

/** What a run did, for the summary. */
export interface LineRunResult {
  startedAt: number;
  endedAt: number;
  /** Records that ended held for an operator's decision. */
  held: number[];
  detected: Record<string, number>;
  stationFigures: Record<string, { utilisation: number; availability: number; jobsDone: number }>;
  /** Station faults raised, by reason. */
  stationFaults: Record<string, number>;
  /** Set when the run stopped before the order ended: what it waits for. */
  stalled?: string;
}

interface ActiveJob {
  track: JobTrack;
  actor: Actor<typeof cardJobMachine>;
  state: string;
  settled: boolean;
}

/** Store step name -> the machine step a resume point names. */
const STEP_OF: Record<string, JobStep> = {
  feed: 'feed',
  personalize: 'personalize',
  verifyChip: 'verifyChip',
  moveToPrinter: 'moveToPrinter',
  print: 'print',
  eject: 'moveToQc',
  moveToQc: 'moveToQc',
  inspect: 'inspect',
  deliver: 'deliver',
  reject: 'reject',
};

/** One run of the line over one order; see the module comment. */
export class LineRun {
  private readonly pool: StationPool;
  private readonly exits = new ExitQueues();
  /** Ribbon panels left per printer, as last read. */
  private readonly ribbons = new Map<string, number>();
  private readonly active = new Map<number, ActiveJob>();
  private readonly stations = new Map<string, Actor<typeof stationMachine>>();
  private readonly line: Actor<typeof lineMachine>;
  private readonly qrOwners = new Map<string, number>();
  private readonly detected: Record<string, number> = {};
  private readonly stationFaults: Record<string, number> = {};
  private readonly prepared = new Map<number, Promise<PreparedCard>>();
  private queue: RecordRow[] = [];
  private wake: (() => void) | undefined;
  private prepInFlight = 0;
  private readonly maxActive: number;
  private failure: unknown;
  /** Why the run ended before the order did, if it did. */
  private stalled: string | undefined;

  constructor(private readonly o: LineRunOptions) {
    const real = o.config.stations;
    this.pool = new StationPool(real.map((s) => ({ id: s.id, kind: s.kind })));
    const pseudo = o.config.topology === 'industrial' ? ['feeder', 'handler'] : ['handler'];
    for (const s of real) this.addStation(s.id, s.kind);
    for (const id of pseudo) this.addStation(id, id === 'feeder' ? 'feeder' : 'stacker');
    this.line = createActor(lineMachine, { input: {}, clock: this.xClock() });
    this.line.on('line.state', (e: { to?: string }) => this.emit({ type: 'line', state: String(e.to ?? '') }));
    this.line.start();
    this.maxActive = real.length * o.config.lookaheadPerStation;
  }

  /** Runs the order to its end (every record produced, failed or held) and returns what happened. */
  async run(): Promise<LineRunResult> {
    const o = this.o;
    const startedAt = o.clock.now();
    o.store.recordRestart(`line run ${o.runId} started on order ${o.orderId}`);
    this.registerBlanks();
    this.line.send({ type: 'START' });
    await this.recover();
    this.queue = o.store.nextQueued(1_000_000, { orderId: o.orderId });
    this.fill();
    await this.drive();
    this.line.send({ type: 'STOP' });
    if (this.failure) throw this.failure;
    this.progress(true);
    const figures: LineRunResult['stationFigures'] = {};
    for (const [id, st] of this.stations) {
      const f = stationFigures(st.getSnapshot(), o.clock.now());
      figures[id] = { utilisation: f.utilisation, availability: f.availability, jobsDone: f.jobsDone };
    }
    const held = [...this.active.values()].filter((j) => j.state === 'held').map((j) => j.track.recordId);
    if (held.length === 0 && this.stalled === undefined && this.queue.length === 0 && this.o.store.nextQueued(1, { orderId: o.orderId }).length === 0) {
      this.returnUnusedBlanks();
    }
    for (const j of this.active.values()) j.actor.stop();
    return { startedAt, endedAt: this.lastCardAt ?? o.clock.now(), held, detected: this.detected, stationFigures: figures, stationFaults: this.stationFaults, ...(this.stalled ? { stalled: this.stalled } : {}) };
  }

  private lastCardAt: number | undefined;

  // ---- stations --------------------------------------------------------------------------------------------

  private addStation(id: string, kind: string): void {
    const actor = createActor(stationMachine, { input: { stationId: id, kind: kind as never, clock: this.o.clock } });
    actor.on('station.state', (e: { to?: string }) => {
      const snap = actor.getSnapshot();
      const fault = snap.context.faults[0];
      this.emit({ type: 'station', station: id, state: String(e.to ?? snap.value), ...(fault ? { reason: fault.reason, action: fault.action } : {}) });
      // The pool hands out stations that work; whether one is free is the pool's own business (a busy station
      // is working, not stopped), so only a person-needed or offline state takes it out.
      const working = operable(snap);
      if (this.pool.accepting(id) !== working && this.isRealStation(id)) this.pool.setAccepting(id, working);
      if (working) this.wakeWaitingFor(id);
    });
    actor.start();
    this.stations.set(id, actor);
  }

  private isRealStation(id: string): boolean {
    return this.o.config.stations.some((s) => s.id === id);
  }

  private stationBusy(id: string, busy: boolean): void {
    this.stations.get(id)?.send(busy ? { type: 'JOB_STARTED' } : { type: 'JOB_DONE' });
  }

  private stationFault(id: string, error: unknown): void {
    const reason = stationFaultOf(error) ?? 'card-jam';
    const station = this.stations.get(id);
    if (!station) return;
    const already = station.getSnapshot().context.faults.some((f) => f.reason === reason);
    if (already) return;
    this.stationFaults[reason] = (this.stationFaults[reason] ?? 0) + 1;
    this.o.store.audit({ action: 'station.fault', object: `station:${id}`, detail: { reason, runId: this.o.runId }, actor: 'line' });
    station.send({ type: 'FAULT', reason });
    if (this.isRealStation(id)) this.pool.setAccepting(id, false);
    this.scheduleOperator(id, reason);
  }

  /** Simulated lines: a person comes after a while and does what the station asks. */
  private scheduleOperator(id: string, reason: StationFaultReason): void {
    const delay = this.o.autoOperatorMs;
    if (delay === undefined || this.o.devices.operators?.get(id) === undefined) return;
    this.o.clock.setTimeout(() => {
      this.operatorAction(id, reason, 'auto-operator').catch((e: unknown) => {
        this.failure ??= e;
        this.kick();
      });
    }, delay);
  }

  /**
   * A person did what `station` asked for `reason` (replaced the ribbon, cleared the jam, ...): the device is told
   * where it can be (a simulated line's operator acts on the simulator), the action is audited, and the station
   * takes cards again. Rejects when the station has no such fault or no one can act on it.
   */
  async operatorAction(id: string, reason: StationFaultReason, by: string, origin?: string): Promise<void> {
    const station = this.stations.get(id);
    if (station === undefined) throw new Error(`no station "${id}"`);
    if (!station.getSnapshot().context.faults.some((f) => f.reason === reason)) throw new Error(`station ${id} does not wait for "${CLEARING_ACTION[reason]}"`);
    const operator = this.o.devices.operators?.get(id);
    const result = operator ? await operator.clear(reason, by) : undefined;
    if (result?.loadedBlanks?.length) this.loadBlanks(id, result.loadedBlanks);
    this.o.store.audit({ action: 'station.operator-action', object: `station:${id}`, detail: { reason, action: CLEARING_ACTION[reason] }, actor: by, ...(origin ? { origin } : {}) });
    station.send({ type: 'OPERATOR_ACTION', action: CLEARING_ACTION[reason], by });
    station.send({ type: 'CLEARED', reason });
  }

  /** Every station as the console shows it: its state, and what it waits for with the action that clears it. */
  stationsView(): { id: string; kind: string; state: string; faults: { reason: string; action: string; since: number }[]; jobsDone: number; ribbonPanels?: number }[] {
    return [...this.stations.entries()].map(([id, actor]) => {
      const snap = actor.getSnapshot();
      const kind = this.o.config.stations.find((s) => s.id === id)?.kind ?? (id === 'feeder' ? 'feeder' : 'handler');
      return {
        id,
        kind,
        state: String(snap.value),
        faults: snap.context.faults.map((f) => ({ reason: f.reason, action: f.action, since: f.since })),
        jobsDone: stationFigures(snap, this.o.clock.now()).jobsDone,
        ...(this.ribbons.has(id) ? { ribbonPanels: this.ribbons.get(id)! } : {}),
      };
    });
  }

  /** The cards held for a decision, with what the devices said and where each card is. */
  heldView(): { recordId: number; seq: number; maskedId: string; cardId: string | undefined; station: string | undefined; reason: string; step: string | undefined; refused: string | undefined }[] {
    return [...this.active.values()]
      .filter((j) => j.state === 'held')
      .map((j) => {
        const ctx = j.actor.getSnapshot().context;
        return {
          recordId: j.track.recordId,
          seq: j.track.seq,
          maskedId: j.track.prepared.maskedId,
          cardId: j.track.cardId,
          station: j.track.station,
          reason: ctx.holdReason ?? 'in doubt',
          step: ctx.pendingStep,
          refused: ctx.decisionError,
        };
      });
  }

  /** Cards in the line now, by record: where each job stands. */
  jobsView(): { recordId: number; seq: number; maskedId: string; state: string; cardId: string | undefined; station: string | undefined }[] {
    return [...this.active.values()].map((j) => ({ recordId: j.track.recordId, seq: j.track.seq, maskedId: j.track.prepared.maskedId, state: j.state, cardId: j.track.cardId, station: j.track.station }));
  }

  /** Blanks left in the line's input feeder. */
  get feederBlanks(): number {
    return this.o.devices.feederStacks.get('feeder')?.length ?? 0;
  }

  /** The line machine's state: running, pausing, paused, draining, stopped. */
  get lineState(): string {
    return String(this.line.getSnapshot().value);
  }

  private readonly operableWaiters: { station: string; resolve: () => void }[] = [];

  /** Resolves once `station` no longer waits for a person. */
  private waitOperable(station: string, signal: AbortSignal): Promise<void> {
    const actor = this.stations.get(station);
    if (!actor || operable(actor.getSnapshot())) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { station, resolve };
      this.operableWaiters.push(waiter);
      signal.addEventListener('abort', () => {
        const i = this.operableWaiters.indexOf(waiter);
        if (i >= 0) this.operableWaiters.splice(i, 1);
        reject(new Error('aborted'));
      });
    });
  }

  private wakeWaitingFor(station: string): void {
    for (let i = this.operableWaiters.length - 1; i >= 0; i--) {
      const w = this.operableWaiters[i]!;
      if (w.station === station) {
        this.operableWaiters.splice(i, 1);
        w.resolve();
      }
    }
    for (const j of this.active.values()) {
      if (j.state !== 'waitingForStation') continue;
      const ctx = j.actor.getSnapshot().context;
      const waitsFor = ctx.stationFault?.station;
      if (waitsFor === undefined || waitsFor === station) j.actor.send({ type: 'STATION_READY', stationId: station });
    }
  }

  // ---- blanks ------------------------------------------------------------------------------------------------

  /** Registers the blanks in the feeders as issued to the line (the ones the store does not know yet). */
  private registerBlanks(): void {
    for (const [feeder, serials] of this.o.devices.feederStacks) this.issueUnknown(feeder, serials);
  }

  private loadBlanks(feeder: string, serials: string[]): void {
    const stack = this.o.devices.feederStacks.get(feeder === 'feeder' ? 'feeder' : feeder);
    if (stack) stack.push(...serials);
    this.issueUnknown(feeder, serials);
  }

  /**
   * Books the blanks in a feeder for this order: new serials are issued; blanks returned at the end of an earlier
   * order are issued again; unused blanks still booked to another order are returned from it first (they are
   * physically in this line's feeder, and this order will use them).
   */
  private issueUnknown(feeder: string, serials: readonly string[]): void {
    const store = this.o.store;
    const fresh: string[] = [];
    const again: string[] = [];
    for (const id of serials) {
      if (!store.hasCard(id)) {
        fresh.push(id);
        continue;
      }
      const card = store.getCard(id);
      if (card.state === 'issued' && card.orderId !== this.o.orderId) {
        store.returnBlank(id, `unused, taken by the line for order ${this.o.orderId}`, 'line');
        again.push(id);
      } else if (card.state === 'returned') {
        again.push(id);
      }
    }
    if (fresh.length > 0) store.issueBlanks(fresh.map((id) => ({ id, orderId: this.o.orderId, location: feeder })));
    if (again.length > 0) store.reissueBlanks(again, { orderId: this.o.orderId, location: feeder, actor: 'line' });
  }

  /** The order is done: its blanks left unused in the feeders go back to the vault's books (returned). */
  private returnUnusedBlanks(): void {
    for (const serials of this.o.devices.feederStacks.values()) {
      for (const id of serials) {
        if (!this.o.store.hasCard(id)) continue;
        const card = this.o.store.getCard(id);
        if (card.state === 'issued' && card.orderId === this.o.orderId) this.o.store.returnBlank(id, 'unused at the end of the order', 'line');
      }
    }
  }

  // ---- jobs --------------------------------------------------------------------------------------------------

  private track(recordId: number): JobTrack {
    const j = this.active.get(recordId);
    if (!j) throw new Error(`no active job for record ${recordId}`);
    return j.track;
  }

  private effectsContext(): EffectsContext {
    return {
      store: this.o.store,
      config: this.o.config,
      devices: this.o.devices,
      pool: this.pool,
      runId: this.o.runId,
      track: (id) => this.track(id),
      feedGate: (signal) => this.feedGate(signal),
      stationFault: (id, e) => this.stationFault(id, e),
      stationBusy: (id, busy) => this.stationBusy(id, busy),
      csca: this.o.csca,
      qcAt: this.o.qcAt ?? (() => new Date(this.o.clock.now())),
      random: this.o.random,
      isOtherRecordsQr: (qr, recordId) => {
        const owner = this.qrOwners.get(qr);
        return owner !== undefined && owner !== recordId;
      },
      scanTimeoutMs: this.o.scanTimeoutMs ?? 10_000,
      waitOperable: (station, signal) => this.waitOperable(station, signal),
      exits: this.exits,
      noteRibbon: (station, left) => this.ribbons.set(station, left),
      isStationHeld: (station, recordId) => [...this.active.values()].some((j) => j.track.recordId !== recordId && j.track.station === station),
    };
  }

  private machine?: ReturnType<typeof cardJobMachine.provide>;

  private jobMachine() {
    if (!this.machine) {
      const ctx = this.effectsContext();
      this.machine = cardJobMachine.provide({ actors: { ...createJobEffects(ctx), resolveInDoubt: createInDoubtResolver(ctx) } as never });
    }
    return this.machine;
  }

  private async feedGate(signal: AbortSignal): Promise<void> {
    while (!feedsNewBlanks(this.line.getSnapshot())) {
      if (signal.aborted) throw new Error('aborted');
      await new Promise<void>((resolve) => this.o.clock.setTimeout(resolve, 1000));
    }
  }

  private startJob(record: RecordRow, prepared: PreparedCard, resume?: ResumePoint & { attempt: number }, known?: Partial<JobTrack>): void {
    // What recovery knows (job row, card, station, exit) is in the track before the machine's first effect runs.
    const track: JobTrack = { ...known, recordId: record.id, seq: record.seq, prepared };
    this.qrOwners.set(prepared.qrPayload, record.id);
    const input = {
      recordId: String(record.id),
      maxAttempts: this.o.config.maxAttempts,
      attempt: resume ? resume.attempt : record.attempts,
      ...(resume ? { resume: { step: resume.step, completed: resume.completed, ...(resume.cardId ? { cardId: resume.cardId } : {}), ...(resume.station ? { station: resume.station } : {}), ...(resume.chipUid ? { chipUid: resume.chipUid } : {}), ...(resume.reason ? { reason: resume.reason } : {}) } } : {}),
    };
    const actor = createActor(this.jobMachine(), { input: input as never, clock: this.xClock() });
    const job: ActiveJob = { track, actor, state: 'prepared', settled: false };
    this.active.set(record.id, job);
    actor.on('job.state', (e: JobStateEvent) => this.onJobState(job, e));
    actor.subscribe({
      error: (e) => {
        this.failure ??= e;
        this.kick();
      },
    });
    actor.start();
    if (!resume) actor.send({ type: 'RELEASE' });
  }

  private onJobState(job: ActiveJob, e: JobStateEvent): void {
    job.state = e.to;
    const t = job.track;
    if (e.cardId !== undefined) t.cardId = e.cardId;
    if (t.jobId !== undefined && e.to !== 'output' && e.to !== 'failed') {
      try {
        // setJobPhase checks the job is still open (it may have ended in the same turn: then there is nothing to note).
        this.o.store.setJobPhase(t.jobId, e.to);
      } catch {
        // The job row ended in the same turn (completed or failed): nothing to note.
      }
    }
    this.emit({ type: 'job', recordId: t.recordId, seq: t.seq, maskedId: t.prepared.maskedId, from: e.from, to: e.to, attempt: e.attempt, ...(e.cardId ? { cardId: e.cardId } : {}), ...(e.failure ? { failure: e.failure } : {}) });
    if (['chipFailed', 'printFailed', 'qcFailed', 'mixUp'].includes(e.to)) {
      const kind = e.to === 'mixUp' ? 'mixup' : e.to === 'chipFailed' ? 'chip' : e.to === 'printFailed' ? 'print' : 'qc';
      this.detected[kind] = (this.detected[kind] ?? 0) + 1;
    }
    if (e.to === 'waitingForStation') {
      const station = job.actor.getSnapshot().context.stationFault?.station;
      if (station !== undefined && this.stations.has(station) && operable(this.stations.get(station)!.getSnapshot())) {
        job.actor.send({ type: 'STATION_READY', stationId: station });
      }
    }
    this.settleStoreJob(job, e);
    if (e.to === 'waitingForBlank' && e.from !== 'prepared') this.forgetCard(t);
    if (e.to === 'held') this.hold(job, e);
    if (e.to === 'output' || e.to === 'failed') {
      // A job that ended without its last effect (a recovered or resolved step) still gives its station back.
      if (t.station !== undefined) {
        this.stationBusy(t.station, false);
        this.pool.release(t.station);
        t.station = undefined;
      }
    }
    if (e.to === 'output' || e.to === 'failed' || e.to === 'held') {
      job.settled = true;
      this.lastCardAt = this.o.clock.now();
      if (e.to !== 'held') this.active.delete(t.recordId);
      this.progress();
      this.fill();
      this.kick();
    }
  }

  /**
   * Keeps the store's job row in step with the machine where the machine moved on without an effect that writes
   * it: a recovered job whose last step (deliver, reject) had in fact completed, and an operator's decision.
   */
  private settleStoreJob(job: ActiveJob, e: JobStateEvent): void {
    const t = job.track;
    if (t.jobId === undefined) return;
    const row = this.o.store.getJob(t.jobId);
    const open = row.state === 'running' || row.state === 'recovering';
    if (e.from === 'held' && row.state === 'in-doubt') {
      const by = this.decisions.get(t.recordId) ?? ['operator'];
      if (e.to === 'waitingForBlank' || e.to === 'failed') {
        this.o.store.resolveInDoubt(row.cardId, { decision: 'spoiled', reason: 'destroyed under dual control', actor: by[0]!, ...(by[1] ? { approvedBy: by[1] } : {}) });
        t.jobId = undefined;
      } else {
        this.o.store.resumeJob(row.cardId, { reason: 'verified by an operator', actor: by[0]! });
      }
      return;
    }
    if (!open) return;
    if (e.to === 'output') {
      this.o.store.completeJob(t.jobId);
    } else if (e.to === 'waitingForBlank' || e.to === 'failed') {
      this.o.store.failJob(t.jobId, { reason: e.failure ? `${e.failure.kind}: ${e.failure.message}` : 'rejected', card: 'spoil' });
      t.jobId = undefined;
    }
  }

  private readonly decisions = new Map<number, string[]>();

  /** The record waits for a new blank: nothing of its last card (station, exit, chip, jam) carries over. */
  private forgetCard(t: JobTrack): void {
    if (t.station !== undefined) {
      this.stationBusy(t.station, false);
      this.pool.release(t.station);
    }
    if (t.exitOf !== undefined) this.exits.leave(t.exitOf, t.recordId);
    t.station = undefined;
    t.exitOf = undefined;
    t.cardId = undefined;
    t.chipUid = undefined;
    t.removedByJam = undefined;
    t.jobId = undefined;
  }

  /** A job parked for a person: its card is in doubt in the store and its record is held. */
  private hold(job: ActiveJob, e: JobStateEvent): void {
    const t = job.track;
    if (t.jobId === undefined) return;
    const row = this.o.store.getJob(t.jobId);
    if (row.state === 'running' || row.state === 'recovering') {
      this.o.store.failJob(t.jobId, { reason: `held: ${job.actor.getSnapshot().context.holdReason ?? e.step ?? 'in doubt'}`, card: 'doubt' });
    }
    // The station keeps the held card: it takes no other card until a person has decided and taken it out; the line
    // goes on with the other stations.
  }

  private lastProgressAt = -Infinity;

  /**
   * Tells the progress bar where the order stands. The counts are store queries over the whole order, so they are
   * taken at most every half second of wall time (and once at the end), not after every card.
   */
  private progress(force = false): void {
    const now = performance.now();
    if (!force && now - this.lastProgressAt < 500) return;
    this.lastProgressAt = now;
    const counts = this.o.store.listOrders().find((x) => x.id === this.o.orderId)?.counts;
    if (!counts) return;
    const spoiled = this.o.store.stockLedger({ orderId: this.o.orderId }).overall.spoiled;
    this.emit({ type: 'progress', produced: counts.produced, failed: counts.failed, held: counts.held, total: Object.values(counts).reduce((a, b) => a + b, 0), spoiled });
  }

  /** Starts jobs for queued records while there is room, preparing ahead of need. */
  private fill(): void {
    const unsettled = [...this.active.values()].filter((j) => !j.settled).length;
    // Prepare ahead: the next records' chip images and panels are built while the line works.
    const ahead = this.maxActive * 2;
    for (let i = 0; i < Math.min(this.queue.length, ahead); i++) this.prepare(this.queue[i]!);
    let room = this.maxActive - unsettled;
    while (room > 0 && this.queue.length > 0) {
      const record = this.queue[0]!;
      const ready = this.readyPrepared(record.id);
      if (ready === undefined) break;
      this.queue.shift();
      this.prepared.delete(record.id);
      // The job holds its prepared card from here: the line keeps no prepared card it no longer needs.
      this.done.delete(record.id);
      this.startJob(record, ready);
      room--;
    }
  }

  private readonly done = new Map<number, PreparedCard>();

  private readyPrepared(recordId: number): PreparedCard | undefined {
    return this.done.get(recordId);
  }

  private prepare(record: RecordRow): Promise<PreparedCard> {
    let p = this.prepared.get(record.id);
    if (p) return p;
    const payload = this.o.store.openRecordPayload(record.id);
    this.prepInFlight++;
    p = this.o.preparer.prepare({
      recordId: record.id,
      maskedId: record.maskedId,
      product: record.product,
      record: payload.record as never,
      ...(payload.photo ? { photo: payload.photo } : {}),
    });
    this.prepared.set(record.id, p);
    p.then(
      (card) => {
        this.prepInFlight--;
        this.done.set(record.id, card);
        this.fill();
        this.kick();
      },
      (e) => {
        this.prepInFlight--;
        this.failure ??= e;
        this.kick();
      },
    );
    return p;
  }

  private finished(): boolean {
    if (this.failure) return true;
    if (this.queue.length > 0) return false;
    return [...this.active.values()].every((j) => j.settled);
  }

  private kick(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Waits for the run to finish, advancing virtual time whenever the line has nothing else to do. */
  private async drive(): Promise<void> {
    const vc = this.o.virtualClock;
    while (!this.finished()) {
      await settle();
      if (this.finished()) break;
      const needPrep = this.queue.length > 0 && this.readyPrepared(this.queue[0]!.id) === undefined && this.prepInFlight > 0;
      if (vc && !needPrep && vc.pending > 0) {
        await vc.advanceTo(vc.nextDue!);
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        // Real time, or waiting for prepared cards: come back regularly in case an event was missed.
        setTimeout(resolve, vc ? 20 : 200);
      });
      if (vc && !needPrep && vc.pending === 0 && this.prepInFlight === 0 && !this.finished()) {
        await settle();
        if (vc.pending === 0 && !this.finished()) {
          // Nothing can move until people decide on held cards that occupy stations: the run ends here and the
          // summary says what waits (a later run --resume goes on after the decisions).
          if ([...this.active.values()].some((j) => j.state === 'held')) {
            this.stalled = `waiting for operator decisions on ${[...this.active.values()].filter((j) => j.state === 'held').length} held card(s)`;
            return;
          }
          throw new Error(`the line is stuck: ${[...this.active.values()].filter((j) => !j.settled).map((j) => `record ${j.track.recordId} in ${j.state}`).join(', ')}`);
        }
      }
    }
  }

  // ---- recovery ----------------------------------------------------------------------------------------------

  /** Restarts every job that was in flight in an explicit recovering state (principle 1). */
  private async recover(): Promise<void> {
    const o = this.o;
    const flight = o.store.inFlight();
    const jobs = flight.activeJobs.filter((j) => o.store.getRecord(j.recordId).orderId === o.orderId);
    // Cards waiting at an exit rejoin its queue in the order they came out (their eject steps' order).
    const ejectedAt = (jobId: number) => Math.max(-1, ...o.store.stepsOfJob(jobId).filter((s) => s.step === 'eject').map((s) => s.id));
    jobs.sort((a, b) => ejectedAt(a.id) - ejectedAt(b.id));
    for (const job of jobs) {
      const record = o.store.getRecord(job.recordId);
      const prepared = await this.prepare(record);
      this.prepared.delete(record.id);
      const resume = this.resumePoint(job);
      if (resume === 'unload') {
        o.store.failJob(job.id, { reason: 'recovery: the feed had not started', card: 'unload' });
        continue;
      }
      if (job.state === 'running') o.store.markJobRecovering(job.id, 'recovering');
      const card = o.store.getCard(job.cardId);
      const station = this.stationOfJob(job.id, card.location);
      if (station !== undefined) {
        this.pool.claim(station);
        this.stationBusy(station, true);
      }
      const exit = stationOfExitLocation(card.location);
      if (exit !== undefined) this.exits.join(exit, record.id);
      this.startJob(record, prepared, resume, {
        jobId: job.id,
        cardId: job.cardId,
        ...(station !== undefined ? { station } : {}),
        ...(card.chipUid ? { chipUid: card.chipUid } : {}),
        ...(exit !== undefined ? { exitOf: exit } : {}),
      });
    }
  }

  /**
   * The station holding a job's card: where the store last put it, or, for a card between two places (a feed under
   * way, its card still booked at the feeder), the station of the job's last step.
   */
  private stationOfJob(jobId: number, location: string | null): string | undefined {
    if (location !== null && this.isRealStation(location)) return location;
    if (stationOfExitLocation(location) !== undefined) return undefined;
    const steps = this.o.store.stepsOfJob(jobId);
    const last = steps[steps.length - 1];
    return last !== undefined && last.step === 'feed' && this.isRealStation(last.station) ? last.station : undefined;
  }

  /** Where a job stood, from its last step rows. */
  private resumePoint(job: JobRow): (ResumePoint & { attempt: number }) | 'unload' {
    const steps = this.o.store.stepsOfJob(job.id);
    const card = this.o.store.getCard(job.cardId);
    // Blanks the record used before this job's (the record's attempts count this job's blank too).
    const attempt = this.o.store.getRecord(job.recordId).attempts - 1;
    const station = this.stationOfJob(job.id, card.location);
    const base = { cardId: job.cardId, ...(station ? { station } : {}), ...(card.chipUid ? { chipUid: card.chipUid } : {}), attempt };
    const last = steps[steps.length - 1];
    if (job.state === 'in-doubt') return { ...base, step: STEP_OF[last?.step ?? 'feed'] ?? 'feed', completed: 'unknown' };
    if (last === undefined) return 'unload';
    const stepName = STEP_OF[last.step] ?? 'feed';
    if (last.outcome === null) return { ...base, step: stepName, completed: 'unknown' };
    if (last.step === 'eject') return { ...base, step: 'moveToQc', completed: 'unknown' };
    if (last.outcome === 'ok') return { ...base, step: stepName, completed: true };
    if (last.step === 'feed') {
      // A feed that failed before any blank left the input feeder (a misfeed, no blank, the handler refusing) is undone;
      // one that failed after (the printer could not take the blank in, a jam) left a card somewhere: ask the devices.
      const error = (last.detail as { outcome?: { error?: unknown } } | null)?.outcome?.error;
      const nothingMoved = typeof error === 'string' && /^(HandlingFeedError|NoBlankError|HandlingRefusedError|StoreError)\b/.test(error);
      return nothingMoved ? 'unload' : { ...base, step: 'feed', completed: 'unknown' };
    }
    const kind = last.step === 'inspect' ? 'qc' : last.step === 'print' ? 'print' : last.step === 'personalize' || last.step === 'verifyChip' ? 'chip' : 'device';
    return { ...base, step: 'reject', completed: false, reason: { kind, message: `recovered after a failed ${last.step}` } };
  }

  // ---- plumbing ----------------------------------------------------------------------------------------------

  private xClock() {
    const c = this.o.clock;
    return { setTimeout: (fn: (...a: unknown[]) => void, ms: number) => c.setTimeout(fn as () => void, ms), clearTimeout: (id: unknown) => c.clearTimeout(id) };
  }

  private emit(e: LineEvent): void {
    this.o.onEvent?.(e);
  }

  /** Sends an operator's decision about a held card (the console; dual control is checked by the machine). */
  async decide(recordId: number, decision: 'verify' | 'destroy', by: string[]): Promise<void> {
    const job = this.active.get(recordId);
    if (job === undefined || job.state !== 'held') throw new Error(`record ${recordId} has no card held for a decision`);
    // A destroyed card is taken out of its station by hand first, so the station is empty for the next card.
    if (decision === 'destroy' && job.track.station !== undefined) await this.o.devices.operators?.get(job.track.station)?.takeOut?.(by.join(' and '));
    this.decisions.set(recordId, by);
    job.actor.send({ type: 'DECIDE', decision, by });
  }

  /** Line control from the console: PAUSE, RESUME, DRAIN, STOP. */
  control(event: 'PAUSE' | 'RESUME' | 'DRAIN' | 'STOP'): void {
    this.line.send({ type: event });
  }

  /** The masked IDs never leave as anything else. */
  static mask(id: string): string {
    return maskPersonalId(id);
  }
}

/** A station that does not wait for a person and is not offline (it may be busy). */
function operable(snapshot: { value: unknown }): boolean {
  return snapshot.value !== 'needsOperator' && snapshot.value !== 'offline';
}

async function settle(): Promise<void> {
  await new Promise<void>((r) => setImmediate(r));
  await new Promise<void>((r) => setImmediate(r));
}
