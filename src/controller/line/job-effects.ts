/**
 * The effects of the card job machine (workflows/card-job) on a real or simulated line: each one writes its
 * intent to the store, drives the devices, writes the outcome, and turns device errors into the machine's
 * failures. The store is the truth (DESIGN.md principle 1): a step is never started without its intent row, and a
 * crash between the two rows leaves a step in doubt that recovery resolves by asking the devices
 * (in-doubt-resolver.ts).
 */
import { fromPromise } from 'xstate';
import type {
  CardStepInput,
  FeedInput,
  FeedOutput,
  InspectOutput,
  JobFailure,
  MoveOutput,
  PersonalizeOutput,
  RejectInput,
} from '../../workflows/card-job';
import { stayAtStation } from '../../workflows/card-job';
import type { Store } from '../store';
import { JmrtdPersonalizer, QcReader, sendCommand, getUid, SW, type CardChannel, type RandomSource } from '../../devices/chip';
import type { LineConfig, StationKind } from './config';
import type { LineDevices, StationDevices } from './line-devices';
import type { PreparedCard } from './prep/prepared-card';
import { StepFailure, toJobFailure } from './failure-mapping';
import { HandlingJamError, HandlingRefusedError, NoBlankError } from '../../devices/handling';
import { CardJamError } from '../../devices/printer/errors';
import type { StationPool } from './station-pool';
import { qcVerdict } from './qc-verdict';
import type { ExitQueues } from './exit-queues';

/** What the effects know about one record's job while it runs. */
export interface JobTrack {
  recordId: number;
  /** Position in the order: the stacker puts cards out in this sequence. */
  seq: number;
  prepared: PreparedCard;
  /** The store's job row of the current attempt, once a blank is bound. */
  jobId?: number;
  cardId?: string;
  /** The station holding the card (taken from the pool), if any. */
  station?: string;
  chipUid?: string;
  /**
   * The card left the line by hand: it jammed and the device that reported the jam named it (an operator clearing a
   * jam takes the card out). It is spoiled, and there is nothing left to move to the reject box.
   */
  removedByJam?: string;
  /**
   * The card came out at this station's exit and waits there for the handler; the station itself is free for the
   * next card (see exit-queues.ts).
   */
  exitOf?: string;
}

/** What the effects need from the running line. */
export interface EffectsContext {
  store: Store;
  config: LineConfig;
  devices: LineDevices;
  pool: StationPool;
  runId: number;
  track(recordId: number): JobTrack;
  /** Resolves when the line may feed new blanks (it is running or draining); rejects on abort. */
  feedGate(signal: AbortSignal): Promise<void>;
  /** A station needs a person (its machine goes to needsOperator, the pool stops handing it out). */
  stationFault(station: string, error: unknown): void;
  /** A station took or finished a card (utilisation). */
  stationBusy(station: string, busy: boolean): void;
  /** CSCA certificates QC trusts and the moment QC checks validity at. */
  csca: readonly Uint8Array[];
  qcAt(): Date;
  random: RandomSource;
  /** Payloads of every record of the run by QR text, to tell a mix-up from a misprint. */
  isOtherRecordsQr(payload: string, recordId: number): boolean;
  /** How long QC waits for the scanner. */
  scanTimeoutMs: number;
  /** Resolves when `station` does not wait for a person (an operator cleared its fault). */
  waitOperable(station: string, signal: AbortSignal): Promise<void>;
  /** True when another record's job holds `station` (recovery must not take that card for this one's). */
  isStationHeld(station: string, recordId: number): boolean;
  /** The cards waiting at each station's exit, in the order they came out. */
  exits: ExitQueues;
  /** A printer's ribbon level, read after each print (the console shows it). */
  noteRibbon?(station: string, panelsLeft: number): void;
}

/** The step names written to the store: the machine's own step names, so recovery maps them back one to one. */
export type StoreStep =
  | 'feed'
  | 'personalize'
  | 'verifyChip'
  | 'moveToPrinter'
  | 'print'
  | 'eject'
  | 'moveToQc'
  | 'inspect'
  | 'deliver'
  | 'reject';

const FRONT: Record<LineConfig['topology'], readonly StationKind[]> = {
  workstation: ['printer-encoder'],
  industrial: ['encoder'],
};

/** Runs `work` between an intent row and an outcome row; a throw writes a failed outcome and rethrows. */
async function step<T>(
  ctx: EffectsContext,
  t: JobTrack,
  station: string,
  name: StoreStep,
  work: () => Promise<T>,
  detail?: (value: T) => unknown,
  intentDetail?: unknown,
): Promise<T> {
  if (t.jobId === undefined) throw new StepFailure({ kind: 'in-doubt', message: `no job row for ${name}`, station });
  const row = ctx.store.beginStep({
    jobId: t.jobId,
    station,
    step: name,
    ...(t.cardId ? { cardId: t.cardId } : {}),
    ...(intentDetail !== undefined ? { detail: intentDetail } : {}),
  });
  let value: T;
  try {
    value = await work();
  } catch (error) {
    ctx.store.endStep(row.id, 'failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    throw error;
  }
  ctx.store.endStep(row.id, 'ok', detail ? detail(value) : undefined);
  return value;
}

function devicesOf(ctx: EffectsContext, station: string): StationDevices {
  const d = ctx.devices.stations.get(station);
  if (!d) throw new StepFailure({ kind: 'device', message: `no devices for station ${station}`, station });
  return d;
}

function stationOf(t: JobTrack, input: { station?: string | undefined }): string {
  const s = t.station ?? input.station;
  if (s === undefined) throw new StepFailure({ kind: 'in-doubt', message: 'the card is at no known station' });
  return s;
}

async function channelAt(ctx: EffectsContext, station: string, signal: AbortSignal): Promise<CardChannel> {
  const reader = devicesOf(ctx, station).reader;
  if (!reader) throw new StepFailure({ kind: 'device', message: `station ${station} has no contact reader`, station });
  return reader.waitForCard(signal);
}

/** Gives the card's station back to the pool. */
function leave(ctx: EffectsContext, t: JobTrack): void {
  if (t.station === undefined) return;
  ctx.stationBusy(t.station, false);
  ctx.pool.release(t.station);
  t.station = undefined;
}

/** The store's location of a card waiting at `station`'s exit. */
export function exitLocation(station: string): string {
  return `${station}:exit`;
}

/** The station whose exit a store location names, if it names one. */
export function stationOfExitLocation(location: string | null): string | undefined {
  return location !== null && location.endsWith(':exit') ? location.slice(0, -':exit'.length) : undefined;
}

/** The card came out at `station`'s exit: it joins the exit's queue and the station is free for the next card. */
export function cameOut(ctx: EffectsContext, t: JobTrack, station: string): void {
  t.exitOf = station;
  ctx.exits.join(station, t.recordId);
  if (t.cardId !== undefined) ctx.store.moveCard(t.cardId, exitLocation(station));
  if (t.station === station) leave(ctx, t);
}

/** The card left the exit it waited at. */
function leftExit(ctx: EffectsContext, t: JobTrack): void {
  if (t.exitOf === undefined) return;
  ctx.exits.leave(t.exitOf, t.recordId);
  t.exitOf = undefined;
}

/** Maps a thrown error to the machine's failure, telling the station machine about operator faults. */
function fail(ctx: EffectsContext, error: unknown, station: string, kind: 'chip' | 'print' | 'qc' | 'move', t?: JobTrack): JobFailure {
  const failure = toJobFailure(error, station, kind);
  if (t !== undefined && jammedCard(error, t)) t.removedByJam = failure.message;
  if (failure.kind === 'operator-needed') ctx.stationFault(station, error);
  return failure;
}

/** A lock handed out in call order; `release` is idempotent. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let free!: () => void;
    const next = new Promise<void>((r) => (free = r));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      free();
    };
  }
}

/** True when `error` is a jam of this job's card (a printer jams the card inside it; the handler names the card). */
function jammedCard(error: unknown, t: JobTrack): boolean {
  if (error instanceof HandlingJamError) return error.cardId === undefined || error.cardId === t.cardId;
  return error instanceof CardJamError;
}

/** Builds the machine's actors for one line. */
export function createJobEffects(ctx: EffectsContext) {
  const topology = ctx.config.topology;
  const personalizer = new JmrtdPersonalizer({ maxChunk: 255 });
  const feedLock = new Mutex();
  const qcReader = () => new QcReader({ cscaCertificates: [...ctx.csca], at: ctx.qcAt(), random: ctx.random });

  const feedBlank = fromPromise<FeedOutput, FeedInput>(async ({ input, signal }) => {
    const t = ctx.track(Number(input.recordId));
    await ctx.feedGate(signal);
    // While the handler waits for a person (a jam), a feed would only fail: wait with the blank still in the feeder.
    await ctx.waitOperable('handler', signal);
    const station = await ctx.pool.acquire(FRONT[topology], signal);
    ctx.stationBusy(station, true);
    t.station = station;
    // The input feeder gives blanks one at a time, in the order they were loaded (its reader checks each serial):
    // feeds are serialised so that the blank this job expects is the one the feeder gives it.
    const release = await feedLock.acquire();
    try {
      await ctx.waitOperable('handler', signal);
    } catch (e) {
      release();
      leave(ctx, t);
      throw e;
    }
    const stack = ctx.devices.feederStacks.get('feeder') ?? [];
    const cardId = stack[0];
    let fed = false;
    try {
      if (cardId === undefined) throw new NoBlankError('no blank left in the input feeder: load blanks');
      t.cardId = cardId;
      t.jobId = ctx.store.startJob({ recordId: t.recordId, cardId, runId: ctx.runId, phase: 'waitingForBlank' }).id;
      await step(ctx, t, station, 'feed', async () => {
        const got = await ctx.devices.handler.feed(station);
        fed = true;
        stack.shift();
        release();
        if (got.cardId !== cardId) throw new StepFailure({ kind: 'in-doubt', message: `the feeder gave blank ${got.cardId}, expected ${cardId}`, station });
        // A desktop printer then takes the card from its feeder to its contact station.
        if (topology === 'workstation') await devicesOf(ctx, station).printer!.feedToContactStation();
      });
    } catch (error) {
      release();
      // A jam on the way from the feeder names the card: if it is ours, it left the feeder and is now bound (spoiled).
      if (!fed && error instanceof HandlingJamError && error.cardId === cardId) {
        fed = true;
        stack.shift();
      }
      const where = error instanceof HandlingJamError ? 'handler' : fed ? station : 'feeder';
      const failure = fail(ctx, error, where, 'move', fed ? t : undefined);
      if (!fed) {
        // No card left the feeder: the blank is still at the top of the stack, untouched.
        if (t.jobId !== undefined) ctx.store.failJob(t.jobId, { reason: `feed: ${failure.message}`, card: 'unload' });
        t.jobId = undefined;
        t.cardId = undefined;
        leave(ctx, t);
        throw failure.kind === 'in-doubt' ? ({ ...failure, kind: 'device' } satisfies JobFailure) : failure;
      }
      ctx.store.moveCard(cardId!, station);
      // A card that left the feeder is bound: whatever went wrong next (a printer that could not pick it from its
      // own feeder, a jam) is resolved as a card in doubt, once the station works again.
      throw { ...failure, kind: 'in-doubt' } satisfies JobFailure;
    }
    release();
    ctx.store.moveCard(cardId, station);
    return { cardId, station };
  });

  const personalize = fromPromise<PersonalizeOutput, CardStepInput>(async ({ input, signal }) => {
    const t = ctx.track(Number(input.recordId));
    const station = stationOf(t, input);
    try {
      const chipUid = await step(
        ctx,
        t,
        station,
        'personalize',
        async () => {
          const channel = await channelAt(ctx, station, signal);
          await personalizer.personalize(channel, t.prepared.image);
          const uid = await sendCommand(channel, getUid());
          return uid.sw === SW.OK ? Buffer.from(uid.data).toString('hex').toUpperCase() : 'unknown';
        },
        (uid) => ({ chipUid: uid }),
      );
      t.chipUid = chipUid;
      ctx.store.setCardChipUid(t.cardId!, chipUid);
      return { chipUid };
    } catch (error) {
      throw fail(ctx, error, station, 'chip', t);
    }
  });

  const verifyChip = fromPromise<void, CardStepInput>(async ({ input, signal }) => {
    const t = ctx.track(Number(input.recordId));
    const station = stationOf(t, input);
    let report;
    try {
      report = await step(ctx, t, station, 'verifyChip', async () => qcReader().read(await channelAt(ctx, station, signal), t.prepared.expectation), (r) => ({
        passed: r.passed,
        errors: r.errors.map((e) => e.check),
      }));
    } catch (error) {
      throw fail(ctx, error, station, 'chip', t);
    }
    if (!report.passed) {
      throw { kind: 'chip', message: `chip read-back failed: ${report.errors.map((e) => `${e.check}: ${e.message}`).join('; ')}`, station } satisfies JobFailure;
    }
  });

  const moveToPrinter = fromPromise<MoveOutput, CardStepInput>(async ({ input, signal }) => {
    if (topology === 'workstation') return {};
    const t = ctx.track(Number(input.recordId));
    const from = stationOf(t, input);
    const to = await ctx.pool.acquire(['printer'], signal);
    ctx.stationBusy(to, true);
    try {
      await step(ctx, t, from, 'moveToPrinter', () => ctx.devices.handler.transfer(from, to), () => ({ to }));
    } catch (error) {
      ctx.stationBusy(to, false);
      ctx.pool.release(to);
      throw fail(ctx, error, 'handler', 'move', t);
    }
    leave(ctx, t);
    t.station = to;
    ctx.store.moveCard(t.cardId!, to);
    return { station: to };
  });

  const print = fromPromise<void, CardStepInput>(async ({ input }) => {
    const t = ctx.track(Number(input.recordId));
    const station = stationOf(t, input);
    const printer = devicesOf(ctx, station).printer!;
    try {
      // The printer's own count of cards printed, noted with the intent: after a crash or a lost reply, a higher count
      // says the card was printed, an equal one that it was not (in-doubt-resolver.ts).
      const printedBefore = (await printer.counters()).printed;
      await step(ctx, t, station, 'print', () => printer.print(t.prepared.panels), undefined, { printedBefore });
    } catch (error) {
      throw fail(ctx, error, station, 'print', t);
    }
    if (ctx.noteRibbon) {
      // For the console's ribbon gauge; a printer that does not answer this is no reason to fail a printed card.
      const left = await printer.ribbonPanelsLeft().catch(() => undefined);
      if (left !== undefined) ctx.noteRibbon(station, left);
    }
  });

  const moveToQc = fromPromise<MoveOutput, CardStepInput>(async ({ input, signal }) => {
    const t = ctx.track(Number(input.recordId));
    // Out of the printer first: the printer is free for its next card while this one waits at the exit, its turn
    // and a QC station, in that order (a job holds a QC station only while its card is first at the exit, so jobs
    // waiting at one exit never hold each other up).
    if (t.exitOf === undefined && !(t.station !== undefined && ctx.devices.stations.get(t.station)?.kind === 'qc')) {
      const from = stationOf(t, input);
      try {
        await step(ctx, t, from, 'eject', () => devicesOf(ctx, from).printer!.eject());
      } catch (error) {
        throw fail(ctx, error, from, 'move', t);
      }
      cameOut(ctx, t, from);
    }
    const from = t.exitOf;
    if (from === undefined) throw new StepFailure({ kind: 'in-doubt', message: 'the card to move to QC is at no known exit', ...(t.station ? { station: t.station } : {}) });
    await ctx.exits.turn(from, t.recordId, signal);
    // A QC station kept from an attempt in doubt is used again.
    const to = t.station !== undefined && ctx.devices.stations.get(t.station)?.kind === 'qc' ? t.station : await ctx.pool.acquire(['qc'], signal);
    if (t.station !== to) ctx.stationBusy(to, true);
    t.station = to;
    const giveBackQc = () => {
      ctx.stationBusy(to, false);
      ctx.pool.release(to);
      t.station = undefined;
    };
    try {
      await step(ctx, t, from, 'moveToQc', () => ctx.devices.handler.transfer(from, to), () => ({ to }));
    } catch (error) {
      if (jammedCard(error, t)) {
        // Our card jammed on the way: a person takes it out; it is no longer at the exit nor on its way.
        leftExit(ctx, t);
        giveBackQc();
      } else if (error instanceof HandlingJamError || error instanceof HandlingRefusedError) {
        // The handler refused or stood still (a jam elsewhere): the card still waits at the exit.
        giveBackQc();
      }
      // Otherwise (a time-out, a garbled answer) the card may be at the QC station already: the resolver looks.
      throw fail(ctx, error, 'handler', 'move', t);
    }
    leftExit(ctx, t);
    ctx.store.moveCard(t.cardId!, to);
    return { station: to };
  });

  const inspect = fromPromise<InspectOutput, CardStepInput>(async ({ input, signal }) => {
    const t = ctx.track(Number(input.recordId));
    const station = stationOf(t, input);
    const devices = devicesOf(ctx, station);
    try {
      return await step(
        ctx,
        t,
        station,
        'inspect',
        async () => {
          const scanner = devices.scanner!;
          if (scanner.trigger !== undefined) {
            scanner.discardPending();
            void scanner.trigger();
          }
          const report = await qcReader().read(await channelAt(ctx, station, signal), t.prepared.expectation);
          let scanned: string | undefined;
          let scanError: string | undefined;
          try {
            scanned = await scanner.nextScan(ctx.scanTimeoutMs);
          } catch (e) {
            scanError = e instanceof Error ? e.message : String(e);
          }
          return qcVerdict({
            report,
            expectedChipUid: t.chipUid,
            expectedQr: t.prepared.qrPayload,
            scanned,
            scanError,
            isOtherRecordsQr: (qr) => ctx.isOtherRecordsQr(qr, t.recordId),
          });
        },
        (v) => ({ verdict: v.verdict, reason: v.reason }),
      );
    } catch (error) {
      throw fail(ctx, error, station, 'qc', t);
    }
  });

  const deliver = fromPromise<void, CardStepInput>(async ({ input }) => {
    const t = ctx.track(Number(input.recordId));
    const station = stationOf(t, input);
    try {
      await step(ctx, t, station, 'deliver', () => ctx.devices.handler.stack(station, t.seq), () => ({ sequence: t.seq }));
    } catch (error) {
      throw fail(ctx, error, 'handler', 'move', t);
    }
    ctx.store.completeJob(t.jobId!);
    leave(ctx, t);
  });

  const reject = fromPromise<void, RejectInput>(async ({ input, signal }) => {
    const t = ctx.track(Number(input.recordId));
    // A card waiting at an exit is taken from there by the handler, in its turn; the station is someone else's by now.
    const atExit = t.exitOf;
    if (atExit !== undefined && t.station !== undefined) leave(ctx, t);
    const station = atExit ?? t.station ?? input.station;
    if (station === undefined) throw { kind: 'in-doubt', message: 'the card to reject is at no known station' } satisfies JobFailure;
    const devices = ctx.devices.stations.get(station);
    // A card still inside a printer leaves through the printer's own reject box; elsewhere the handler takes it.
    const inPrinter =
      atExit === undefined && t.removedByJam === undefined && devices?.printer !== undefined && (await devices.printer.cardPosition().catch(() => 'none')) !== 'none';
    if (atExit !== undefined && t.removedByJam === undefined) await ctx.exits.turn(atExit, t.recordId, signal);
    try {
      await step(
        ctx,
        t,
        station,
        'reject',
        async () => {
          // A card an operator took out of a jam is already off the line: nothing to move.
          if (t.removedByJam !== undefined) return;
          if (inPrinter) await devices!.printer!.reject();
          else await ctx.devices.handler.reject(station, input.reason.message);
        },
        () => (t.removedByJam !== undefined ? { removedByJam: t.removedByJam } : undefined),
      );
    } catch (error) {
      throw fail(ctx, error, inPrinter ? station : 'handler', 'move', t);
    }
    leftExit(ctx, t);
    ctx.store.failJob(t.jobId!, { reason: `${input.reason.kind}: ${input.reason.message}`, card: 'spoil' });
    t.jobId = undefined;
    t.cardId = undefined;
    t.chipUid = undefined;
    t.removedByJam = undefined;
    leave(ctx, t);
  });

  return {
    feedBlank,
    moveToEncoder: stayAtStation,
    personalize,
    verifyChip,
    moveToPrinter,
    print,
    moveToQc,
    inspect,
    deliver,
    reject,
  };
}
