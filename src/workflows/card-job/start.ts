/**
 * How a job starts from plain input: fresh in `prepared`, or, after a crash, at the state its recovered step
 * implies (DESIGN.md principle 1: snapshots are never restored; recovery reads the store and rebuilds each job
 * into an explicit state). A step whose outcome is unknown starts the job in `inDoubt`, where it asks the
 * hardware before anything else touches the card.
 */
import { continueAfter, redo } from './route';
import type { CardJobContext, CardJobInput, JobFailure } from './job-types';
import type { Route } from './route';

/** Consecutive failed feeds retried before the job asks for a person, unless the input says otherwise. */
export const DEFAULT_MAX_FEED_RETRIES = 3;

/** Input that cannot start a job: a bug in the caller, so it is reported, not guessed around. */
export class CardJobInputError extends Error {
  override name = 'CardJobInputError';
}

/** Throws a {@link CardJobInputError} when `input` cannot start a job. */
export function checkCardJobInput(input: CardJobInput): void {
  const fail = (message: string): never => {
    throw new CardJobInputError(`card job ${JSON.stringify(input?.recordId)}: ${message}`);
  };
  if (typeof input?.recordId !== 'string' || input.recordId === '') fail('recordId must be a non-empty string');
  if (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1) fail('maxAttempts must be an integer of at least 1');
  const used = input.attempt ?? 0;
  if (!Number.isInteger(used) || used < 0) fail('attempt (attempts already used) must be a non-negative integer');
  const retries = input.maxFeedRetries ?? DEFAULT_MAX_FEED_RETRIES;
  if (!Number.isInteger(retries) || retries < 0) fail('maxFeedRetries must be a non-negative integer');
  const resume = input.resume;
  // A card in flight is resumed even if the limit was lowered since: it exists and must be accounted for.
  if (!resume && used >= input.maxAttempts) fail(`no attempt left (${used} of ${input.maxAttempts} used): the record has failed`);
  if (resume) {
    const needsCard = resume.step !== 'feed' || resume.completed === true;
    if (needsCard && (typeof resume.cardId !== 'string' || resume.cardId === '')) {
      fail(`resuming ${resume.step} (completed: ${String(resume.completed)}) needs the card's id`);
    }
    if (resume.completed !== true && resume.completed !== false && resume.completed !== 'unknown') {
      fail(`resume.completed must be true, false or 'unknown'`);
    }
  }
}

/** The context a job starts with, its start route applied: `start` says where it starts. */
export function initialContext(input: CardJobInput): CardJobContext {
  checkCardJobInput(input);
  const ctx: CardJobContext = {
    recordId: input.recordId,
    maxAttempts: input.maxAttempts,
    attempt: (input.attempt ?? 0) + 1,
    maxFeedRetries: input.maxFeedRetries ?? DEFAULT_MAX_FEED_RETRIES,
    feedFailures: 0,
    stateName: null,
    start: 'prepared',
  };
  const resume = input.resume;
  if (resume && resume.cardId !== undefined && !(resume.step === 'feed' && resume.completed === false)) {
    ctx.cardId = resume.cardId;
    if (resume.station !== undefined) ctx.station = resume.station;
    if (resume.chipUid !== undefined) ctx.chipUid = resume.chipUid;
  }
  if (resume?.step === 'reject') ctx.failure = resume.reason ?? RESUMED_REJECTION;
  const route = startRoute(ctx, input);
  if (route.target === 'feedRetry') throw new Error('a job never starts in a feed back-off');
  return { ...ctx, ...route.patch, start: route.target };
}

const RESUMED_REJECTION: JobFailure = { kind: 'in-doubt', message: 'rejection resumed after a restart (reason not recorded)' };

/** Where a job with this input starts, given its context before the start. */
export function startRoute(ctx: CardJobContext, input: CardJobInput): Route {
  const resume = input.resume;
  if (!resume) return { target: 'prepared', patch: {} };
  if (resume.completed === 'unknown') return { target: 'inDoubt', patch: { pendingStep: resume.step } };
  return resume.completed ? continueAfter(ctx, resume.step) : redo(ctx, resume.step);
}
