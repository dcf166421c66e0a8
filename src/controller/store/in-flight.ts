/**
 * What recovery has to look at after a restart (DESIGN.md principles 1 and 2): device steps whose intent was
 * written and whose outcome was not (the device may or may not have acted), the jobs still holding a record and
 * a card, and the cards in process or in doubt.
 */
import type { StoreContext } from './store-context';
import { toCard, toJob, toStep, type SqlRow } from './row-mapping';
import type { CardRow, DeviceStepRow, JobRow } from './types';

/** An open step with what recovery needs to know about its job. */
export interface OpenStep extends DeviceStepRow {
  recordId: number;
  maskedId: string;
  jobState: JobRow['state'];
}

/** The in-flight work found in the store. */
export interface InFlight {
  /** Steps with an intent and no outcome, oldest first. */
  openSteps: OpenStep[];
  /** Jobs running, being recovered, or in doubt. */
  activeJobs: JobRow[];
  /** Cards in process or in doubt. */
  cards: CardRow[];
}

/** Reads the in-flight work. */
export function inFlight(ctx: StoreContext): InFlight {
  const openSteps = (
    ctx
      .sql(
        `SELECT s.*, j.record_id AS j_record_id, j.state AS j_state, r.masked_id AS r_masked_id
           FROM device_steps s JOIN jobs j ON j.id = s.job_id JOIN records r ON r.id = j.record_id
          WHERE s.outcome IS NULL ORDER BY s.id`,
      )
      .all() as SqlRow[]
  ).map((r) => ({
    ...toStep(r),
    recordId: r.j_record_id as number,
    maskedId: r.r_masked_id as string,
    jobState: r.j_state as JobRow['state'],
  }));
  const activeJobs = (
    ctx.sql("SELECT * FROM jobs WHERE state IN ('running', 'recovering', 'in-doubt') ORDER BY id").all() as SqlRow[]
  ).map(toJob);
  const cards = (
    ctx.sql("SELECT * FROM cards WHERE state IN ('in-process', 'in-doubt') ORDER BY id").all() as SqlRow[]
  ).map(toCard);
  return { openSteps, activeJobs, cards };
}
