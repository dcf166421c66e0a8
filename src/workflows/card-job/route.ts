/**
 * A route is a decision of the job, as plain data: which state to go to and what to write into the context on
 * the way. The decisions (what a failure, a resolution, an operator's decision or a recovery point mean) are pure
 * functions returning routes, tested on their own; the machine only follows them. Keeping them out of the machine
 * config is what lets recovery start a job at any state from plain input.
 */
import { STATE_AFTER_STEP, STATE_AT_STEP } from './steps';
import type { CardJobContext, JobFailure, JobStateName, JobStep } from './job-types';

/** Where a route may lead: any state, or `feedRetry` (still `waitingForBlank`, after a back-off delay). */
export type JobTarget = JobStateName | 'feedRetry';

/** Every {@link JobTarget}, for the machine to offer one guarded transition per target. */
export const JOB_TARGETS: readonly JobTarget[] = [
  'prepared',
  'waitingForBlank',
  'feedRetry',
  'fed',
  'atEncoder',
  'personalizing',
  'chipVerified',
  'printing',
  'printed',
  'atQc',
  'passed',
  'output',
  'chipFailed',
  'printFailed',
  'qcFailed',
  'mixUp',
  'rejecting',
  'inDoubt',
  'held',
  'waitingForStation',
  'failed',
];

/** A decision: the target state and the context changes that go with it. */
export interface Route {
  target: JobTarget;
  patch: Partial<CardJobContext>;
}

/** What `inDoubt`, `held` and `waitingForStation` leave behind once the job moves on. */
const CLEAR_PENDING: Partial<CardJobContext> = { pendingStep: undefined, stationFault: undefined, holdReason: undefined };

/** What a card leaves behind once it is rejected or destroyed: the record is unbound from it. */
const UNBIND_CARD: Partial<CardJobContext> = { cardId: undefined, station: undefined, chipUid: undefined };

/**
 * After the record's card left the flow (rejected, destroyed, spoiled): a new blank if an attempt is left, else
 * the record fails with the card's failure as its reason.
 */
export function afterCardLost(ctx: CardJobContext, failure: JobFailure | undefined): Route {
  const reason = failure ?? ctx.failure ?? { kind: 'in-doubt', message: 'card lost for an unknown reason' };
  if (ctx.attempt < ctx.maxAttempts) {
    return {
      target: 'waitingForBlank',
      patch: { ...CLEAR_PENDING, ...UNBIND_CARD, failure: reason, attempt: ctx.attempt + 1, feedFailures: 0 },
    };
  }
  return { target: 'failed', patch: { ...CLEAR_PENDING, failure: reason } };
}

/** Continue after `step` had completed. */
export function continueAfter(ctx: CardJobContext, step: JobStep): Route {
  const next = STATE_AFTER_STEP[step];
  if (next === 'afterReject') return afterCardLost(ctx, ctx.failure);
  return { target: next, patch: { ...CLEAR_PENDING } };
}

/** Run `step` (again) on the same card. */
export function redo(ctx: CardJobContext, step: JobStep): Route {
  const patch: Partial<CardJobContext> = { ...CLEAR_PENDING };
  if (step === 'feed') Object.assign(patch, UNBIND_CARD, { feedFailures: 0 });
  if (step === 'reject' && !ctx.failure) patch.failure = { kind: 'in-doubt', message: 'rejection resumed' };
  return { target: STATE_AT_STEP[step], patch };
}

/** Send the bound card to the reject box for `failure` (or, with no card bound, simply feed again). */
export function rejectCard(ctx: CardJobContext, failure: JobFailure): Route {
  if (ctx.cardId === undefined) return redo(ctx, 'feed');
  return { target: 'rejecting', patch: { ...CLEAR_PENDING, failure } };
}

/** Park the job for an operator. */
export function hold(step: JobStep, reason: string): Route {
  return { target: 'held', patch: { pendingStep: step, holdReason: reason, stationFault: undefined } };
}
