/** Test helpers for decoder outcomes. */
import type { ScanOutcome } from '../../../src/devices/scanner/report-decoder';
import type { ScannerError } from '../../../src/devices/scanner/scanner-errors';

/** The error of a failed outcome, checked to be an instance of `type`; throws for a successful or missing one. */
export function failure<E extends ScannerError>(outcome: ScanOutcome | undefined, type: abstract new (...args: never[]) => E): E {
  if (outcome === undefined || outcome.ok) throw new Error(`expected a failed scan, got ${JSON.stringify(outcome)}`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as E;
}
