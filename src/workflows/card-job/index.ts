/**
 * The card job: one record's way to one good card.
 */
export { cardJobMachine, feedRetryDelay, FEED_RETRY_BASE_MS, FEED_RETRY_MAX_MS } from './machine';
export { cardJobActors, stayAtStation } from './actors';
export type { CardJobActorName } from './actors';
export { checkCardJobInput, CardJobInputError, DEFAULT_MAX_FEED_RETRIES } from './start';
export { toFailure } from './failure';
export { JOB_STATES, JOB_STEPS, FAILURE_KINDS } from './job-types';
export { STATE_AT_STEP, STATE_AFTER_STEP } from './steps';
export type {
  CardJobContext,
  CardJobEmitted,
  CardJobEvent,
  CardJobInput,
  DecideEvent,
  DecisionRefusedEvent,
  FailureKind,
  JobFailure,
  JobStateEvent,
  JobStateName,
  JobStep,
  ResumePoint,
} from './job-types';
export type {
  CardStepInput,
  FeedInput,
  FeedOutput,
  InDoubtResolution,
  InspectOutput,
  MoveOutput,
  PersonalizeOutput,
  RejectInput,
  ResolveInDoubtInput,
} from './actor-types';
