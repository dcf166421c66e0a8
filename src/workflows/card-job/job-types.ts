/**
 * The vocabulary of the card job: its states, its steps, its failures and the plain input that starts it.
 * Everything here is plain data (no functions, no classes), because the line service persists it as rows and
 * rebuilds jobs from those rows after a crash (DESIGN.md principle 1).
 */

/**
 * The states the console shows for a job. `output` and `failed` are final. The failure states (`chipFailed`,
 * `printFailed`, `qcFailed`, `mixUp`) are passed through on the way to `rejecting`: they exist so the log says
 * why a card went to the reject box.
 */
export const JOB_STATES = [
  'prepared',
  'waitingForBlank',
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
] as const;

/** One of {@link JOB_STATES}. */
export type JobStateName = (typeof JOB_STATES)[number];

/**
 * The device steps of a job, in line order. Each is one invoked actor, and each gets an intent row before it
 * starts and an outcome row after it ends, so each is also a point a crashed job can resume from.
 */
export const JOB_STEPS = [
  'feed',
  'moveToEncoder',
  'personalize',
  'verifyChip',
  'moveToPrinter',
  'print',
  'moveToQc',
  'inspect',
  'deliver',
  'reject',
] as const;

/** One of {@link JOB_STEPS}. */
export type JobStep = (typeof JOB_STEPS)[number];

/**
 * What went wrong in a step, as an actor's rejection carries it:
 * - `chip`, `print`, `qc`, `mix-up`: the card is bad (or is not ours): it goes to the reject box;
 * - `device`: the device failed the step on this card: the card is suspect and is rejected (on a feed, where no
 *   card is bound yet, the feed is retried instead);
 * - `in-doubt`: the step may or may not have happened (a time-out after the command went out);
 * - `operator-needed`: the station stopped for a person (jam, ribbon, cover, feeder, reject box).
 */
export type FailureKind = 'chip' | 'print' | 'qc' | 'mix-up' | 'device' | 'in-doubt' | 'operator-needed';

/** Every failure kind, for validation and tests. */
export const FAILURE_KINDS: readonly FailureKind[] = ['chip', 'print', 'qc', 'mix-up', 'device', 'in-doubt', 'operator-needed'];

/** The typed reason an actor rejects with. */
export interface JobFailure {
  kind: FailureKind;
  /** For the console and the log. Never personal data: the line service logs it. */
  message: string;
  /** The station that failed, when known: a job waiting for a station is woken only by that station. */
  station?: string;
}

/** Where a crashed job stood, rebuilt by recovery from the store's last intent and outcome rows. */
export interface ResumePoint {
  /** The last step that has an intent row. */
  step: JobStep;
  /** The card bound to the record; required for every step but `feed`. */
  cardId?: string;
  /** Whether that step's outcome row exists (`true`/`false`) or not (`'unknown'`: the job starts in doubt). */
  completed: boolean | 'unknown';
  /** The station the card was last reported at, when the store knows it. */
  station?: string;
  /** The chip UID the personalize step reported, when it did. */
  chipUid?: string;
  /** Why the card is being rejected, when resuming a `reject` step. */
  reason?: JobFailure;
}

/** The input that creates a card job. Plain data, so recovery can build it from the store. */
export interface CardJobInput {
  recordId: string;
  /** How many cards the record may use in all, at least 1. */
  maxAttempts: number;
  /**
   * Attempts already finished (cards rejected or destroyed) before this machine starts. The card being resumed,
   * if any, is not counted: it is attempt `attempt + 1`, which is the `attempt` of its `job.state` rows.
   */
  attempt?: number;
  /** Start from a recovered step instead of `prepared`. */
  resume?: ResumePoint;
  /** Consecutive failed feeds (kind `device`) retried with back-off before asking for a person. Default 3. */
  maxFeedRetries?: number;
}

/** The job's context: plain data, all of it visible to the console. */
export interface CardJobContext {
  recordId: string;
  maxAttempts: number;
  /** The attempt in progress, from 1: the n-th card this record uses. */
  attempt: number;
  maxFeedRetries: number;
  /** Consecutive feeds that failed with kind `device` (reset by a good feed). */
  feedFailures: number;
  /** The physical card bound to the record for this attempt, once fed. */
  cardId?: string;
  /** The station the card was last reported at. */
  station?: string;
  chipUid?: string;
  /** Why the current card is being rejected; in `failed`, why the record failed. Kept across a requeue. */
  failure?: JobFailure;
  /** In `inDoubt`, `held` and `waitingForStation`: the step concerned. */
  pendingStep?: JobStep;
  /** In `waitingForStation`: the fault the station reported. */
  stationFault?: JobFailure;
  /** In `held`: why the job waits for an operator. */
  holdReason?: string;
  /** The last `DECIDE` that was refused, and why, for the console. Cleared by an accepted decision. */
  decisionError?: string;
  /** The last state reported in a `job.state` event (`null` before the first). */
  stateName: JobStateName | null;
  /** Where this machine started: `prepared` for a fresh job, the state recovery rebuilt it into otherwise. */
  start: JobStateName;
}

/** An operator's decision on a held card. */
export interface DecideEvent {
  type: 'DECIDE';
  /** `verify`: the card was checked and is fine, continue after the step; `destroy`: spoil it (dual control). */
  decision: 'verify' | 'destroy';
  /** The supervisors who took the decision; `destroy` needs two different people. */
  by: string[];
}

/** The events a card job accepts from the line service (actor outcomes arrive as XState's own done/error events). */
export type CardJobEvent =
  /** The line service releases a prepared job into the queue for a blank. */
  | { type: 'RELEASE' }
  /** The station a waiting job needs is ready again (its station machine left `needsOperator`/`offline`). */
  | { type: 'STATION_READY'; stationId?: string }
  | DecideEvent;

/** Emitted on every state change, for the line service to log and persist. */
export interface JobStateEvent {
  type: 'job.state';
  recordId: string;
  /** `null` for the state the machine starts in (fresh or recovered). */
  from: JobStateName | null;
  to: JobStateName;
  attempt: number;
  cardId?: string;
  /** The failure that led here, on the way into a failure state, `rejecting`, `waitingForStation` or `failed`. */
  failure?: JobFailure;
  /** The step concerned, on the way into `inDoubt`, `held` or `waitingForStation`. */
  step?: JobStep;
}

/** Emitted when a `DECIDE` is refused (for example a destroy with one signature), for the console. */
export interface DecisionRefusedEvent {
  type: 'job.decisionRefused';
  recordId: string;
  cardId?: string;
  decision: DecideEvent['decision'];
  by: string[];
  reason: string;
}

/** Everything a card job emits. */
export type CardJobEmitted = JobStateEvent | DecisionRefusedEvent;
