/** Jobs: one row per attempt to produce a record on a card. */
import type { StoreContext } from './store-context';
import { StoreError } from './store-error';
import { toJob, type SqlRow } from './row-mapping';
import type { JobRow, JobState } from './types';

/** Job states in which the job still owns its record and card. */
export const ACTIVE_JOB_STATES: readonly JobState[] = ['running', 'recovering', 'in-doubt'];

/** The job with id `id`; throws not-found. */
export function getJob(ctx: StoreContext, id: number): JobRow {
  const row = ctx.sql('SELECT * FROM jobs WHERE id = ?').get(id) as SqlRow | undefined;
  if (row === undefined) throw new StoreError('not-found', `no job with id ${id}`);
  return toJob(row);
}

/** The active job holding card `cardId`, if any. */
export function activeJobForCard(ctx: StoreContext, cardId: string): JobRow | undefined {
  const row = ctx
    .sql(`SELECT * FROM jobs WHERE card_id = ? AND state IN ('running', 'recovering', 'in-doubt')`)
    .get(cardId) as SqlRow | undefined;
  return row === undefined ? undefined : toJob(row);
}

/** The active job of record `recordId`, if any. */
export function activeJobForRecord(ctx: StoreContext, recordId: number): JobRow | undefined {
  const row = ctx
    .sql(`SELECT * FROM jobs WHERE record_id = ? AND state IN ('running', 'recovering', 'in-doubt')`)
    .get(recordId) as SqlRow | undefined;
  return row === undefined ? undefined : toJob(row);
}

/** Inserts a running job. */
export function insertJob(
  ctx: StoreContext,
  job: { recordId: number; attempt: number; cardId: string; runId: number | null; phase: string | null },
): JobRow {
  const at = ctx.at();
  const info = ctx
    .sql(
      `INSERT INTO jobs (record_id, attempt, card_id, run_id, state, phase, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'running', ?, ?, ?)`,
    )
    .run(job.recordId, job.attempt, job.cardId, job.runId, job.phase, at, at);
  return getJob(ctx, Number(info.lastInsertRowid));
}

/** Updates a job's state, phase and reason (undefined leaves a field as it is). */
export function updateJob(
  ctx: StoreContext,
  id: number,
  fields: { state?: JobState; phase?: string | null; reason?: string | null },
): JobRow {
  const job = getJob(ctx, id);
  ctx
    .sql('UPDATE jobs SET state = ?, phase = ?, reason = ?, updated_at = ? WHERE id = ?')
    .run(fields.state ?? job.state, fields.phase === undefined ? job.phase : fields.phase, fields.reason === undefined ? job.reason : fields.reason, ctx.at(), id);
  return getJob(ctx, id);
}

/** Throws invalid-state unless the job's state is one of `allowed`. */
export function requireJobState(job: JobRow, allowed: readonly JobState[], doing: string): void {
  if (!allowed.includes(job.state)) {
    throw new StoreError('invalid-state', `cannot ${doing} job ${job.id}: it is ${job.state}, expected ${allowed.join(' or ')}`);
  }
}
