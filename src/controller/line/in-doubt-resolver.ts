/**
 * "In doubt, ask the hardware, then a person" (DESIGN.md principle 2). A step that has an intent and no outcome
 * (after a crash, a time-out, a garbled reply) is resolved here by asking the devices where the card is and what
 * its chip holds. Each answer is conservative: a step is called done only when a device shows it; a step that
 * may have half-happened to a chip spoils the card; where no device can tell, the job is held for an operator,
 * and its record gets no new blank until then. A printed card is never printed again: if nobody can tell whether
 * the print happened, the card goes on to QC, which reads the print back.
 */
import { fromPromise } from 'xstate';
import type { InDoubtResolution, ResolveInDoubtInput } from '../../workflows/card-job';
import { QcReader, sendCommand, selectApplication, selectEf, SW, NoCardError, type CardChannel } from '../../devices/chip';
import { EF_COM } from '../../identity/lds/lds-files';
import { cameOut, type EffectsContext, type JobTrack } from './job-effects';

/**
 * The station of `kind` whose entry holds a card no other job owns: where a card that left its station arrived. The
 * job takes that station (the pool hands it to nobody else while the card is there).
 */
async function arrivedAt(ctx: EffectsContext, t: JobTrack, kind: 'qc' | 'printer'): Promise<string | undefined> {
  if (t.station !== undefined && ctx.devices.stations.get(t.station)?.kind === kind) {
    return (await ctx.devices.handler.sense({ kind: 'entry', station: t.station })) === 'card' ? t.station : undefined;
  }
  for (const [id, d] of ctx.devices.stations) {
    if (d.kind !== kind || ctx.isStationHeld(id, t.recordId)) continue;
    if ((await ctx.devices.handler.sense({ kind: 'entry', station: id })) === 'card') {
      if (t.station !== undefined) {
        ctx.stationBusy(t.station, false);
        ctx.pool.release(t.station);
      }
      ctx.pool.claim(id);
      ctx.stationBusy(id, true);
      t.station = id;
      return id;
    }
  }
  return undefined;
}

/** The intent detail of the job's last step named `name` (what the effect noted before acting). */
function lastIntentDetail(ctx: EffectsContext, t: JobTrack, name: string): Record<string, unknown> | undefined {
  if (t.jobId === undefined) return undefined;
  const steps = ctx.store.stepsOfJob(t.jobId).filter((s) => s.step === name);
  const detail = steps[steps.length - 1]?.detail as { intent?: Record<string, unknown> } | Record<string, unknown> | null | undefined;
  if (!detail) return undefined;
  return 'intent' in detail && typeof detail.intent === 'object' ? (detail.intent as Record<string, unknown>) : (detail as Record<string, unknown>);
}

/** What a probe of the chip found. */
type ChipState = 'absent' | 'blank' | 'partial' | 'ours' | 'foreign';

/** Reads the chip at `station` just enough to say whether this record's personalization is on it. */
async function probeChip(ctx: EffectsContext, t: JobTrack, station: string, signal: AbortSignal): Promise<ChipState> {
  const reader = ctx.devices.stations.get(station)?.reader;
  if (!reader) return 'absent';
  let channel: CardChannel;
  try {
    channel = await reader.waitForCard(signal);
  } catch (e) {
    if (e instanceof NoCardError) return 'absent';
    throw e;
  }
  const app = await sendCommand(channel, selectApplication());
  if (app.sw !== SW.OK) return 'blank';
  const com = await sendCommand(channel, selectEf(EF_COM.fid));
  if (com.sw === SW.FILE_NOT_FOUND) return 'blank';
  if (com.sw === SW.OK) return 'partial'; // files written, not locked: personalization stopped half-way
  // Locked (6982 without BAC): read it back as QC does.
  const report = await new QcReader({ cscaCertificates: [...ctx.csca], at: ctx.qcAt(), random: ctx.random }).read(
    await reader.waitForCard(signal),
    t.prepared.expectation,
  );
  if (report.passed) {
    t.chipUid = report.chipUid ?? t.chipUid;
    return 'ours';
  }
  return report.bac ? 'partial' : 'foreign';
}

/**
 * The `resolveInDoubt` actor: see the module comment for each step's rule. The answer also closes the step rows
 * left open by a crash (outcome `ok` when the step is found done, `failed` otherwise, with the resolution in the
 * detail), so the job's history says how the doubt was settled.
 */
export function createInDoubtResolver(ctx: EffectsContext) {
  return fromPromise<InDoubtResolution, ResolveInDoubtInput>(async ({ input, signal }) => {
    const answer = await resolve(ctx, input, signal);
    const t = ctx.track(Number(input.recordId));
    if (t.jobId !== undefined) {
      for (const s of ctx.store.stepsOfJob(t.jobId)) {
        if (s.outcome === null) ctx.store.endStep(s.id, answer.resolution === 'done' ? 'ok' : 'failed', { recovery: answer });
      }
    }
    // A move found done puts the card where it arrived, in the store too (a later crash recovers from there).
    if (answer.resolution === 'done' && t.cardId !== undefined && (input.step === 'feed' || input.step === 'moveToPrinter')) {
      const at = answer.station ?? t.station;
      if (at !== undefined) {
        ctx.store.moveCard(t.cardId, at);
        if (t.station === undefined) {
          ctx.pool.claim(at);
          ctx.stationBusy(at, true);
          t.station = at;
        }
      }
    }
    if (input.step === 'feed' && answer.resolution === 'not-done') {
      // No blank left the feeder: the job's card goes back to the stack unbound, and the feed starts over.
      if (t.jobId !== undefined) ctx.store.failJob(t.jobId, { reason: 'recovery: the feed had not happened', card: 'unload' });
      t.jobId = undefined;
      t.cardId = undefined;
      if (t.station !== undefined) {
        ctx.stationBusy(t.station, false);
        ctx.pool.release(t.station);
      }
      t.station = undefined;
    }
    return answer;
  });
}

async function resolve(ctx: EffectsContext, input: ResolveInDoubtInput, signal: AbortSignal): Promise<InDoubtResolution> {
  {
    const t = ctx.track(Number(input.recordId));
    if (t.jobId !== undefined && ctx.store.getJob(t.jobId).state === 'in-doubt') {
      return { resolution: 'hold', reason: 'held for an operator before the restart' };
    }
    // A jam named this card and an operator cleared it: the card is out of the line, spoiled.
    if (t.removedByJam !== undefined && input.step !== 'feed') return { resolution: 'spoiled', reason: `jam: the card was taken out (${t.removedByJam})` };
    const station = t.station ?? input.station;
    const handler = ctx.devices.handler;
    // Ask a station only once it works again: while it waits for a person, its answers would be about the fault.
    if (station !== undefined) await ctx.waitOperable(station, signal);
    await ctx.waitOperable('handler', signal);
    const printerAt = (s: string | undefined) => (s === undefined ? undefined : ctx.devices.stations.get(s)?.printer);
    const hold = (reason: string): InDoubtResolution => ({ resolution: 'hold', reason });
    try {
      switch (input.step) {
        case 'feed': {
          if (station === undefined) return hold('the feed was interrupted and the station is unknown');
          const printer = printerAt(station);
          if (printer) {
            if ((await printer.cardPosition()) === 'smart-card') return t.cardId ? { resolution: 'done', cardId: t.cardId, station } : hold('a card is at the contact station but which blank is unknown');
            // The blank reached the printer's feeder but not its contact station: finish that move (Sis takes the
            // card from the feeder; nothing is repeated).
            if ((await handler.sense({ kind: 'entry', station })) === 'card' && t.cardId) {
              await printer.feedToContactStation();
              return { resolution: 'done', cardId: t.cardId, station };
            }
          } else if ((await handler.sense({ kind: 'entry', station })) === 'card') {
            return t.cardId ? { resolution: 'done', cardId: t.cardId, station } : hold(`a card is at ${station} but which blank is unknown`);
          }
          return { resolution: 'not-done' };
        }
        case 'personalize':
        case 'verifyChip': {
          if (station === undefined) return hold('the card is at no known station');
          const chip = await probeChip(ctx, t, station, signal);
          if (chip === 'absent') return hold(`no card answers at ${station}`);
          if (chip === 'blank') return input.step === 'personalize' ? { resolution: 'not-done' } : { resolution: 'spoiled', reason: 'the chip is blank after personalization' };
          if (chip === 'ours') return { resolution: 'done' };
          if (chip === 'foreign') return { resolution: 'spoiled', reason: "the chip does not carry this record's data" };
          return { resolution: 'spoiled', reason: 'the chip was left half-personalized' };
        }
        case 'moveToEncoder':
          return { resolution: 'done' };
        case 'moveToPrinter': {
          // The card is still at the encoder (the move never happened), or already at a printer.
          if (station !== undefined && ctx.devices.stations.get(station)?.kind !== 'printer') {
            if ((await handler.sense({ kind: 'exit', station })) === 'card') return { resolution: 'not-done' };
          }
          const arrived = await arrivedAt(ctx, t, 'printer');
          return arrived !== undefined ? { resolution: 'done', station: arrived } : hold(`the card left ${station ?? 'its station'} and did not arrive at a printer`);
        }
        case 'moveToQc': {
          // Still inside the printer (the eject did not happen): eject it again. The printer is this job's until then.
          const printer = t.exitOf === undefined && station !== undefined && ctx.devices.stations.get(station)?.kind !== 'qc' ? printerAt(station) : undefined;
          if (printer !== undefined) {
            if ((await printer.cardPosition()) !== 'none') return { resolution: 'not-done' };
            cameOut(ctx, t, station!);
          }
          // At a QC station's entry (look there first: other cards may be waiting at the exit behind this one)...
          const arrived = await arrivedAt(ctx, t, 'qc');
          if (arrived !== undefined) {
            if (t.exitOf !== undefined) ctx.exits.leave(t.exitOf, t.recordId);
            t.exitOf = undefined;
            ctx.store.moveCard(t.cardId!, arrived);
            return { resolution: 'done', station: arrived };
          }
          // ...or still waiting at the printer's exit: the move is tried again, in the exit's order.
          if (t.exitOf !== undefined && (await handler.sense({ kind: 'exit', station: t.exitOf })) === 'card') {
            if (t.station !== undefined) {
              ctx.stationBusy(t.station, false);
              ctx.pool.release(t.station);
              t.station = undefined;
            }
            return { resolution: 'not-done' };
          }
          return hold(`the card left ${t.exitOf ?? station ?? 'its station'} and did not arrive at a QC station`);
        }
        case 'print': {
          const printer = printerAt(station);
          if (!printer) return hold('no printer to ask');
          const pos = await printer.cardPosition();
          if (pos === 'none') {
            // A printer module prints the card waiting in its feeder (it picks it as the print starts): a print
            // refused before the pick (feeder fault, ribbon ended) leaves the card there, untouched.
            if ((await handler.sense({ kind: 'entry', station: station! })) === 'card') return { resolution: 'not-done' };
            return hold(`${station} holds no card`);
          }
          // The printer counts the cards it printed: compare with the count noted when the print was asked for.
          const before = lastIntentDetail(ctx, t, 'print')?.printedBefore;
          if (typeof before === 'number') {
            if ((await printer.counters()).printed > before) return { resolution: 'done' };
            // Not counted, and still at the contact station: the print never started. Anywhere else inside (the print
            // head), it stopped half-way: the card is spoiled, never printed over.
            return pos === 'smart-card' ? { resolution: 'not-done' } : { resolution: 'spoiled', reason: `the print stopped half-way (the card is at ${station}'s print head)` };
          }
          // No count to compare with: never print twice; QC reads the print back.
          return { resolution: 'done' };
        }
        case 'inspect':
          if (station !== undefined && (await handler.sense({ kind: 'entry', station })) === 'card') return { resolution: 'done' };
          return hold(`no card at ${station ?? 'the QC station'}`);
        case 'deliver':
          if (station !== undefined && (await handler.sense({ kind: 'exit', station })) === 'card') return { resolution: 'not-done' };
          return { resolution: 'done' };
        case 'reject': {
          if (t.exitOf !== undefined) {
            if ((await handler.sense({ kind: 'exit', station: t.exitOf })) !== 'card') return { resolution: 'done' };
            // Another card behind this one would answer the sensor as well: only a lone card tells.
            return ctx.exits.waiting(t.exitOf).length <= 1 ? { resolution: 'not-done' } : hold(`cards are waiting at ${t.exitOf}'s exit and the sensor cannot tell which`);
          }
          const printer = printerAt(station);
          if (printer && ctx.devices.stations.get(station!)?.kind !== 'qc') {
            return (await printer.cardPosition()) === 'none' ? { resolution: 'done' } : { resolution: 'not-done' };
          }
          if (station !== undefined && (await handler.sense({ kind: 'exit', station })) === 'card') return { resolution: 'not-done' };
          return { resolution: 'done' };
        }
      }
    } catch (e) {
      return hold(`the devices could not be asked: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
