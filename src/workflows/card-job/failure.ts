/**
 * What a step's failure means for the job. The kind an actor rejects with decides it:
 *
 * | kind              | on `feed` (no card yet)                 | on a bound card                                  |
 * |-------------------|-----------------------------------------|--------------------------------------------------|
 * | chip/print/qc     | retried like `device`                   | `chipFailed` / `printFailed` / `qcFailed`          |
 * | mix-up            | retried like `device`                   | `mixUp`                                          |
 * | device            | retried after a back-off, then a person | the failure state of the step's station; on `deliver` and `reject`, `inDoubt` |
 * | in-doubt          | `inDoubt`                               | `inDoubt`                                        |
 * | operator-needed   | `waitingForStation`                     | `waitingForStation`                              |
 *
 * On `reject`, every kind but `operator-needed` leads to `inDoubt`: a failed card must be known to be out of the
 * flow before its record gets a new blank, or it could still reach the output stack.
 */
import { DEVICE_FAILURE_STATE } from './steps';
import { FAILURE_KINDS } from './job-types';
import type { CardJobContext, FailureKind, JobFailure, JobStep } from './job-types';
import type { Route } from './route';

/**
 * Reads an actor's rejection as a {@link JobFailure}. A rejection that is not one (a bug, an unexpected
 * exception) is read as `in-doubt`: nobody knows what the step did, so the hardware is asked before anything
 * else happens to the card.
 */
export function toFailure(error: unknown): JobFailure {
  if (typeof error === 'object' && error !== null) {
    const { kind, message, station } = error as { kind?: unknown; message?: unknown; station?: unknown };
    if (typeof kind === 'string' && (FAILURE_KINDS as readonly string[]).includes(kind) && typeof message === 'string') {
      const failure: JobFailure = { kind: kind as FailureKind, message };
      if (typeof station === 'string') failure.station = station;
      return failure;
    }
    if (typeof message === 'string') return { kind: 'in-doubt', message: `unexpected failure: ${message}` };
  }
  return { kind: 'in-doubt', message: `unexpected failure: ${String(error)}` };
}

/** The route a failed `step` takes, per the table above. */
export function stepFailureRoute(ctx: CardJobContext, step: JobStep, failure: JobFailure): Route {
  if (failure.kind === 'operator-needed') {
    return { target: 'waitingForStation', patch: { pendingStep: step, stationFault: failure, feedFailures: 0 } };
  }
  if (failure.kind === 'in-doubt') return { target: 'inDoubt', patch: { pendingStep: step } };
  if (step === 'feed') return feedFailureRoute(ctx, failure);
  if (step === 'reject') return { target: 'inDoubt', patch: { pendingStep: step } };
  switch (failure.kind) {
    case 'chip':
      return { target: 'chipFailed', patch: { failure } };
    case 'print':
      return { target: 'printFailed', patch: { failure } };
    case 'qc':
      return { target: 'qcFailed', patch: { failure } };
    case 'mix-up':
      return { target: 'mixUp', patch: { failure } };
    case 'device': {
      const state = DEVICE_FAILURE_STATE[step];
      return state ? { target: state, patch: { failure } } : { target: 'inDoubt', patch: { pendingStep: step } };
    }
  }
}

/**
 * A feed that failed bound no card, so it is simply tried again after a back-off; after `maxFeedRetries` failures
 * in a row the feeder needs a person, and the job waits for the station like any operator-needed fault.
 */
function feedFailureRoute(ctx: CardJobContext, failure: JobFailure): Route {
  const failures = ctx.feedFailures + 1;
  if (failures > ctx.maxFeedRetries) {
    return {
      target: 'waitingForStation',
      patch: {
        pendingStep: 'feed',
        stationFault: { ...failure, message: `${failures} feeds failed in a row; last: ${failure.message}` },
        feedFailures: 0,
      },
    };
  }
  return { target: 'feedRetry', patch: { feedFailures: failures } };
}
