/**
 * Device steps, written around every action of a device on a card (DESIGN.md principle 1): the intent is
 * committed before the device is told to act, the outcome after it answers. A step with an intent and no
 * outcome is exactly what recovery must look at: the device may or may not have acted.
 *
 * The detail column holds `{"intent": ..., "outcome": ...}`: what the caller said at each moment, scrubbed
 * of personal data.
 */
import { scrubPersonalData } from '../crypto';
import type { StoreContext } from './store-context';
import { StoreError } from './store-error';
import { getJob, requireJobState } from './jobs';
import { toStep, type SqlRow } from './row-mapping';
import type { DeviceStepRow, StepOutcome } from './types';

/** The step with id `id`; throws not-found. */
export function getStep(ctx: StoreContext, id: number): DeviceStepRow {
  const row = ctx.sql('SELECT * FROM device_steps WHERE id = ?').get(id) as SqlRow | undefined;
  if (row === undefined) throw new StoreError('not-found', `no device step with id ${id}`);
  return toStep(row);
}

/** A step about to start. */
export interface StepIntent {
  jobId: number;
  /** The station (device) that acts, e.g. `printer-1`, `encoder-3`. */
  station: string;
  /** What it does, e.g. `feed`, `write-chip`, `print`, `verify-chip`, `eject`. */
  step: string;
  /** The card acted on; defaults to the job's card. */
  cardId?: string;
  /** Facts worth keeping (no personal data: it is scrubbed regardless). */
  detail?: unknown;
}

function detailJson(intent: unknown, outcome: unknown): string | null {
  if (intent === undefined && outcome === undefined) return null;
  return JSON.stringify(scrubPersonalData({ intent, outcome }));
}

/** Writes the intent of a step of an active job; returns the step. */
export function insertStepIntent(ctx: StoreContext, intent: StepIntent): DeviceStepRow {
  if (intent.station.trim() === '' || intent.step.trim() === '') {
    throw new StoreError('invalid-argument', 'a device step needs a station and a step name');
  }
  const job = getJob(ctx, intent.jobId);
  requireJobState(job, ['running', 'recovering'], 'start a device step of');
  const info = ctx
    .sql('INSERT INTO device_steps (job_id, card_id, station, step, intent_at, detail) VALUES (?, ?, ?, ?, ?, ?)')
    .run(job.id, intent.cardId ?? job.cardId, intent.station, intent.step, ctx.at(), detailJson(intent.detail, undefined));
  return getStep(ctx, Number(info.lastInsertRowid));
}

/** Writes the outcome of step `stepId`; an outcome is written once (a trigger enforces it too). */
export function insertStepOutcome(ctx: StoreContext, stepId: number, outcome: StepOutcome, detail?: unknown): DeviceStepRow {
  const step = getStep(ctx, stepId);
  if (step.outcome !== null) {
    throw new StoreError('invalid-state', `device step ${stepId} already has its outcome (${step.outcome})`);
  }
  const intentDetail = (step.detail as { intent?: unknown } | null)?.intent;
  ctx
    .sql('UPDATE device_steps SET outcome = ?, outcome_at = ?, detail = ? WHERE id = ?')
    .run(outcome, ctx.at(), detailJson(intentDetail, detail), stepId);
  return getStep(ctx, stepId);
}

/** Steps of a job with an intent and no outcome. */
export function openStepsOfJob(ctx: StoreContext, jobId: number): DeviceStepRow[] {
  return (ctx.sql('SELECT * FROM device_steps WHERE job_id = ? AND outcome IS NULL ORDER BY id').all(jobId) as SqlRow[]).map(toStep);
}

/** Number of steps ever started for a job. */
export function stepCountOfJob(ctx: StoreContext, jobId: number): number {
  return (ctx.sql('SELECT count(*) AS n FROM device_steps WHERE job_id = ?').get(jobId) as { n: number }).n;
}

/** Feed steps of a job that failed: the printer reported that no card left its feeder. */
export function failedFeedCountOfJob(ctx: StoreContext, jobId: number): number {
  return (ctx.sql("SELECT count(*) AS n FROM device_steps WHERE job_id = ? AND step = 'feed' AND outcome = 'failed'").get(jobId) as { n: number }).n;
}

/** Every step of a job, in order. */
export function stepsOfJob(ctx: StoreContext, jobId: number): DeviceStepRow[] {
  return (ctx.sql('SELECT * FROM device_steps WHERE job_id = ? ORDER BY id').all(jobId) as SqlRow[]).map(toStep);
}
