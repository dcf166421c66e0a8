/**
 * The life of a job, each function one unit of work over records, jobs and cards (the Store runs each in one
 * transaction):
 *
 *     queued record + issued card --startJob--> running job, record in-progress, card in-process
 *     running --completeJob--> succeeded; card good; record produced
 *     running --failJob(spoil)--> failed; card spoiled; record queued again (failed after maxAttempts)
 *     running --failJob(doubt)--> in-doubt; card in-doubt; record held (principle 2: not released to a new
 *                                 blank until someone decides)
 *     running --failJob(unload)--> failed; card back to issued; record queued (only if no device step started)
 *     in-doubt --resolveInDoubt(good | spoiled)--> succeeded | failed, with the card and record to match
 *
 * A job is ended only when none of its device steps is open: the outcome of every step is written first, so
 * the record of what the devices did is complete before the job's result is.
 */
import { failedFeedCountOfJob } from './device-steps';
import { audit, type StoreContext } from './store-context';
import { StoreError } from './store-error';
import { applyCardEvent, getCard } from './cards';
import { activeJobForCard, getJob, insertJob, requireJobState, updateJob } from './jobs';
import { getRecord, requireRecordStatus, updateRecord } from './records';
import { openStepsOfJob, stepCountOfJob } from './device-steps';
import type { JobRow, RecordRow } from './types';

/** Options shared by the lifecycle functions. */
export interface LifecycleOptions {
  actor: string;
  /** Attempts after which a record whose card was spoiled is failed instead of queued again. */
  maxAttempts: number;
}

/** Starts an attempt: binds an issued card to a queued record. */
export function startJob(
  ctx: StoreContext,
  opts: LifecycleOptions & { recordId: number; cardId: string; runId?: number; phase?: string },
): JobRow {
  const record = getRecord(ctx, opts.recordId);
  requireRecordStatus(record, ['queued'], 'start a job for');
  const card = getCard(ctx, opts.cardId);
  if (card.orderId !== null && card.orderId !== record.orderId) {
    throw new StoreError('invalid-argument', `card "${card.id}" was issued for another order`);
  }
  updateRecord(ctx, record.id, { status: 'in-progress', attempts: record.attempts + 1 });
  applyCardEvent(ctx, card.id, 'load', { recordId: record.id, actor: opts.actor });
  // The job's number counts every try, a feed that took no blank included; the record's attempts count blanks used.
  const tries = (ctx.sql('SELECT COUNT(*) AS n FROM jobs WHERE record_id = ?').get(record.id) as { n: number }).n;
  return insertJob(ctx, { recordId: record.id, attempt: tries + 1, cardId: card.id, runId: opts.runId ?? null, phase: opts.phase ?? null });
}

function requireNoOpenStep(ctx: StoreContext, job: JobRow, doing: string): void {
  const open = openStepsOfJob(ctx, job.id);
  if (open.length > 0) {
    throw new StoreError(
      'invalid-state',
      `cannot ${doing} job ${job.id}: step ${open[0]!.id} (${open[0]!.station} ${open[0]!.step}) has no outcome yet`,
    );
  }
}

/** The record's status after its card was spoiled: queued for another blank, or failed when out of attempts. */
function requeueOrFail(ctx: StoreContext, record: RecordRow, reason: string, maxAttempts: number): RecordRow {
  const exhausted = record.attempts >= maxAttempts;
  return updateRecord(ctx, record.id, { status: exhausted ? 'failed' : 'queued', failureReason: reason, goodCardId: null });
}

/** The card passed every check: the job succeeds and the record is produced. */
export function completeJob(ctx: StoreContext, jobId: number, opts: LifecycleOptions): JobRow {
  const job = getJob(ctx, jobId);
  requireJobState(job, ['running', 'recovering'], 'complete');
  requireNoOpenStep(ctx, job, 'complete');
  applyCardEvent(ctx, job.cardId, 'good', { actor: opts.actor });
  updateRecord(ctx, job.recordId, { status: 'produced', goodCardId: job.cardId, failureReason: null });
  return updateJob(ctx, jobId, { state: 'succeeded' });
}

/** What becomes of the card of a failed job. */
export type FailedCardFate = 'spoil' | 'doubt' | 'unload';

/** Ends a job that did not produce a good card; see the module comment for each fate. */
export function failJob(
  ctx: StoreContext,
  jobId: number,
  opts: LifecycleOptions & { reason: string; card: FailedCardFate },
): JobRow {
  const reason = opts.reason.trim();
  if (reason === '') throw new StoreError('invalid-argument', 'a failed job needs a reason');
  const job = getJob(ctx, jobId);
  requireJobState(job, ['running', 'recovering'], 'fail');
  requireNoOpenStep(ctx, job, 'fail');
  const record = getRecord(ctx, job.recordId);
  switch (opts.card) {
    case 'spoil':
      applyCardEvent(ctx, job.cardId, 'spoil', { reason, actor: opts.actor });
      requeueOrFail(ctx, record, reason, opts.maxAttempts);
      return updateJob(ctx, jobId, { state: 'failed', reason });
    case 'doubt':
      applyCardEvent(ctx, job.cardId, 'doubt', { reason, actor: opts.actor });
      updateRecord(ctx, record.id, { status: 'held', failureReason: reason });
      return updateJob(ctx, jobId, { state: 'in-doubt', reason });
    case 'unload':
      // A feed that failed took no card from the feeder (the printer said so), so the blank was never touched.
      if (stepCountOfJob(ctx, jobId) > failedFeedCountOfJob(ctx, jobId)) {
        throw new StoreError('invalid-state', `job ${jobId} has device steps: its card may have been acted on, spoil it or hold it in doubt`);
      }
      applyCardEvent(ctx, job.cardId, 'unload', { reason, actor: opts.actor });
      // No blank was used, so the attempt does not count against the record's maximum.
      updateRecord(ctx, record.id, { status: 'queued', failureReason: reason, attempts: Math.max(0, record.attempts - 1) });
      return updateJob(ctx, jobId, { state: 'failed', reason });
  }
}

/**
 * A person checked a card in doubt and found its last step had gone well: the job, its card and its record go on
 * through the line (the card job machine's `verify` decision).
 */
export function resumeJob(ctx: StoreContext, cardId: string, opts: { reason: string; actor: string }): JobRow {
  const reason = opts.reason.trim();
  if (reason === '') throw new StoreError('invalid-argument', 'resuming a card in doubt needs a reason');
  const job = activeJobForCard(ctx, cardId);
  if (job === undefined || job.state !== 'in-doubt') throw new StoreError('invalid-state', `card "${cardId}" has no job in doubt`);
  applyCardEvent(ctx, cardId, 'resume', { reason, actor: opts.actor });
  updateRecord(ctx, job.recordId, { status: 'in-progress', failureReason: null });
  return updateJob(ctx, job.id, { state: 'recovering', reason });
}

/** Marks a running job as being recovered after a restart. */
export function markJobRecovering(ctx: StoreContext, jobId: number, phase?: string): JobRow {
  const job = getJob(ctx, jobId);
  requireJobState(job, ['running', 'recovering'], 'recover');
  return updateJob(ctx, jobId, { state: 'recovering', ...(phase === undefined ? {} : { phase }) });
}

/** An operator's decision about a card in doubt. */
export interface InDoubtDecision {
  /** `good`: verified (e.g. chip read back and print inspected); `spoiled`: to be destroyed. */
  decision: 'good' | 'spoiled';
  reason: string;
  /** Who decided. */
  actor: string;
  /** Second person (dual control); required to spoil, and must differ from `actor`. */
  approvedBy?: string;
}

/** Settles a card in doubt and, with it, its job and record. */
export function resolveInDoubt(ctx: StoreContext, cardId: string, d: InDoubtDecision, maxAttempts: number): JobRow {
  const reason = d.reason.trim();
  if (reason === '') throw new StoreError('invalid-argument', 'a decision about a card in doubt needs a reason');
  if (d.approvedBy !== undefined && d.approvedBy === d.actor) {
    throw new StoreError('invalid-argument', 'dual control: the approver must be a second person');
  }
  if (d.decision === 'spoiled' && d.approvedBy === undefined) {
    throw new StoreError('invalid-argument', 'dual control: destroying a card in doubt needs a second person to approve');
  }
  const card = getCard(ctx, cardId);
  if (card.state !== 'in-doubt') throw new StoreError('invalid-state', `card "${cardId}" is ${card.state}, not in doubt`);
  const job = activeJobForCard(ctx, cardId);
  if (job === undefined || job.state !== 'in-doubt') {
    throw new StoreError('invalid-state', `card "${cardId}" is in doubt but has no job in doubt`);
  }
  const record = getRecord(ctx, job.recordId);
  let result: JobRow;
  if (d.decision === 'good') {
    applyCardEvent(ctx, cardId, 'good', { reason, actor: d.actor });
    updateRecord(ctx, record.id, { status: 'produced', goodCardId: cardId, failureReason: null });
    result = updateJob(ctx, job.id, { state: 'succeeded', reason });
  } else {
    applyCardEvent(ctx, cardId, 'spoil', { reason, actor: d.actor });
    requeueOrFail(ctx, record, reason, maxAttempts);
    result = updateJob(ctx, job.id, { state: 'failed', reason });
  }
  audit(ctx, {
    actor: d.actor,
    action: 'card.resolve',
    object: `card:${cardId}`,
    detail: { decision: d.decision, reason, approvedBy: d.approvedBy ?? null, record: record.id, job: job.id },
  });
  return result;
}

/** Holds a queued record back from production (an operator's decision). */
export function holdRecord(ctx: StoreContext, recordId: number, reason: string, actor: string): RecordRow {
  if (reason.trim() === '') throw new StoreError('invalid-argument', 'holding a record needs a reason');
  const record = getRecord(ctx, recordId);
  requireRecordStatus(record, ['queued'], 'hold');
  audit(ctx, { actor, action: 'record.hold', object: `record:${recordId}`, detail: { reason, maskedId: record.maskedId } });
  return updateRecord(ctx, recordId, { status: 'held', failureReason: reason.trim() });
}

/** Releases a held record to the queue; refused while a card of it is still in doubt. */
export function releaseRecord(ctx: StoreContext, recordId: number, actor: string): RecordRow {
  const record = getRecord(ctx, recordId);
  requireRecordStatus(record, ['held'], 'release');
  const inDoubt = ctx.sql("SELECT card_id FROM jobs WHERE record_id = ? AND state = 'in-doubt'").get(recordId) as
    | { card_id: string }
    | undefined;
  if (inDoubt !== undefined) {
    throw new StoreError('invalid-state', `record ${recordId} has card "${inDoubt.card_id}" in doubt: decide about that card first`);
  }
  audit(ctx, { actor, action: 'record.release', object: `record:${recordId}`, detail: { maskedId: record.maskedId } });
  return updateRecord(ctx, recordId, { status: 'queued' });
}
