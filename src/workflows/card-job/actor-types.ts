/**
 * The inputs and outputs of the effects a card job invokes. The line service provides one promise actor per
 * name (`cardJobMachine.provide({ actors })`); each resolves with the output below, or rejects with a
 * {@link JobFailure}-shaped reason. Anything else it rejects with is read as `in-doubt` (see failure.ts).
 */
import type { JobFailure, JobStep } from './job-types';

/** Input of `feedBlank`. No card exists yet: the feeder picks one and binds it to the record. */
export interface FeedInput {
  recordId: string;
  attempt: number;
}

/** Output of `feedBlank`: the blank now bound to the record, and where it is. */
export interface FeedOutput {
  cardId: string;
  station: string;
}

/**
 * Input of every step on a bound card: `moveToEncoder`, `personalize`, `verifyChip`, `moveToPrinter`, `print`,
 * `moveToQc`, `inspect`, `deliver`.
 */
export interface CardStepInput {
  recordId: string;
  attempt: number;
  cardId: string;
  /** Where the card was last reported; undefined after a recovery that did not know (find the card by id). */
  station: string | undefined;
  /** The UID `personalize` reported, for `verifyChip` to compare with. */
  chipUid: string | undefined;
}

/** Output of a move: the station the card is now at. Omitted when the move is a no-op (combined topologies). */
export interface MoveOutput {
  station?: string;
}

/** Output of `personalize`. */
export interface PersonalizeOutput {
  chipUid: string;
}

/** Output of `inspect`. A `fail` or `mix-up` verdict is a resolution, not an error: the actor resolves. */
export interface InspectOutput {
  verdict: 'pass' | 'fail' | 'mix-up';
  /** Why, for the log (the QC score, which field did not match...). */
  reason: string;
}

/** Input of `reject`: send the card to the reject box. */
export interface RejectInput {
  recordId: string;
  attempt: number;
  cardId: string;
  station: string | undefined;
  reason: JobFailure;
}

/** Input of `resolveInDoubt`: find out whether `step` happened on the card (ask the hardware). */
export interface ResolveInDoubtInput {
  recordId: string;
  attempt: number;
  /** Unknown only for a feed that was in doubt before the machine learnt which blank it picked. */
  cardId: string | undefined;
  station: string | undefined;
  step: JobStep;
}

/** The answer to an in-doubt step. */
export type InDoubtResolution =
  /** The step completed: continue after it. For a feed, name the blank that was bound. */
  | { resolution: 'done'; cardId?: string; station?: string }
  /** The step did not happen and the card is intact where it was: redo the step on the same card. */
  | { resolution: 'not-done' }
  /** The card is spoiled: reject it and requeue the record for a new blank. */
  | { resolution: 'spoiled'; reason: string }
  /** The hardware cannot tell: park the job for an operator's decision. */
  | { resolution: 'hold'; reason: string };
