/**
 * The effects a card job invokes, as typed placeholders. The machine is defined with these so that its types
 * name every effect; the line service replaces each with the real one through `cardJobMachine.provide({ actors
 * })`. A placeholder that runs rejects as `in-doubt`: a job wired without an effect never guesses that a step
 * happened, it stops and asks.
 */
import { fromPromise } from 'xstate';
import type {
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
import type { JobFailure } from './job-types';

function missing<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    const failure: JobFailure = { kind: 'in-doubt', message: `no actor provided for ${name}` };
    throw failure;
  });
}

/** The named effects of a card job, with their input and output types. */
export const cardJobActors = {
  feedBlank: missing<FeedOutput, FeedInput>('feedBlank'),
  moveToEncoder: missing<MoveOutput, CardStepInput>('moveToEncoder'),
  personalize: missing<PersonalizeOutput, CardStepInput>('personalize'),
  verifyChip: missing<void, CardStepInput>('verifyChip'),
  moveToPrinter: missing<MoveOutput, CardStepInput>('moveToPrinter'),
  print: missing<void, CardStepInput>('print'),
  moveToQc: missing<MoveOutput, CardStepInput>('moveToQc'),
  inspect: missing<InspectOutput, CardStepInput>('inspect'),
  deliver: missing<void, CardStepInput>('deliver'),
  reject: missing<void, RejectInput>('reject'),
  resolveInDoubt: missing<InDoubtResolution, ResolveInDoubtInput>('resolveInDoubt'),
};

/** The names of the effects, for the line service to check it provides them all. */
export type CardJobActorName = keyof typeof cardJobActors;

/**
 * A move that is no move: for topologies where one device motion covers two steps (a desktop printer-encoder
 * feeds the card straight to its contact station, so `moveToEncoder` has nothing left to do). It resolves at
 * once and leaves the card's station as it was. Provide it as `moveToEncoder`, `moveToPrinter` or `moveToQc`.
 */
export const stayAtStation = fromPromise<MoveOutput, CardStepInput>(async () => ({}));
