/**
 * The `job.state` event a job emits on entering each state: one row of the job's history for the line service
 * to persist and log. It carries what the row needs to be read on its own (attempt, card, why).
 */
import type { CardJobContext, JobStateEvent, JobStateName } from './job-types';

const FAILURE_STATES: ReadonlySet<JobStateName> = new Set(['chipFailed', 'printFailed', 'qcFailed', 'mixUp', 'rejecting', 'failed']);
const PENDING_STATES: ReadonlySet<JobStateName> = new Set(['inDoubt', 'held', 'waitingForStation']);

/** The event for entering `to`, given the context as it is on entry. */
export function stateEvent(ctx: CardJobContext, to: JobStateName): JobStateEvent {
  const event: JobStateEvent = { type: 'job.state', recordId: ctx.recordId, from: ctx.stateName, to, attempt: ctx.attempt };
  if (ctx.cardId !== undefined) event.cardId = ctx.cardId;
  if (FAILURE_STATES.has(to) && ctx.failure) event.failure = ctx.failure;
  if (to === 'waitingForStation' && ctx.stationFault) event.failure = ctx.stationFault;
  if (PENDING_STATES.has(to) && ctx.pendingStep) event.step = ctx.pendingStep;
  return event;
}
