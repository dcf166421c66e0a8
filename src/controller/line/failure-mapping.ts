/**
 * Turns what a device threw into the card job machine's `JobFailure` (workflows/card-job): the one place that
 * decides whether a failure spoils the card, needs a person at a station, or leaves the card in doubt.
 */
import type { JobFailure } from '../../workflows/card-job';
import type { StationFaultReason } from '../../workflows/station';
import {
  CardJamError,
  CoverOpenError,
  FeederEmptyError,
  HeadTemperatureError,
  PrinterCommandError,
  PrinterConditionError,
  RejectBoxFullError,
  RibbonEndedError,
  leavesCardInDoubt,
} from '../../devices/printer/errors';
import { ChipError, NoCardError } from '../../devices/chip/errors';
import { HandlingFeedError, HandlingJamError, NoBlankError } from '../../devices/handling';

/** A failure decided by the line service itself, already in the machine's terms. */
export class StepFailure extends Error {
  constructor(readonly failure: JobFailure) {
    super(failure.message);
    this.name = 'StepFailure';
  }
}

/** The station fault a printer condition stands for (head temperature clears itself: it is not an operator fault). */
export function stationFaultOf(error: unknown): StationFaultReason | undefined {
  if (error instanceof FeederEmptyError) return 'feeder-empty';
  if (error instanceof RibbonEndedError) return 'ribbon-ended';
  if (error instanceof CardJamError) return 'card-jam';
  if (error instanceof CoverOpenError) return 'cover-open';
  if (error instanceof RejectBoxFullError) return 'reject-box-full';
  if (error instanceof NoBlankError) return 'feeder-empty';
  if (error instanceof HandlingJamError) return 'card-jam';
  const reason = (error as { stationFault?: StationFaultReason } | undefined)?.stationFault;
  return reason;
}

/**
 * The machine's failure for an error thrown by a step at `station`. `stepKind` says what the card is exposed to:
 * a chip error during personalization spoils the card; the same error while merely looking for the card does not.
 */
export function toJobFailure(error: unknown, station: string, stepKind: 'chip' | 'print' | 'qc' | 'move'): JobFailure {
  if (error instanceof StepFailure) return error.failure;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (stationFaultOf(error) !== undefined) return { kind: 'operator-needed', message, station };
  if (error instanceof HeadTemperatureError) return { kind: 'device', message, station };
  if (leavesCardInDoubt(error)) return { kind: 'in-doubt', message, station };
  if (error instanceof PrinterConditionError || error instanceof PrinterCommandError) return { kind: 'device', message, station };
  if (error instanceof NoCardError) return { kind: 'in-doubt', message, station };
  if (error instanceof ChipError) return stepKind === 'chip' ? { kind: 'chip', message, station } : { kind: 'in-doubt', message, station };
  if (error instanceof NoBlankError || error instanceof HandlingJamError) return { kind: 'operator-needed', message, station };
  // A misfeed moved nothing: the feed is retried after a back-off.
  if (error instanceof HandlingFeedError) return { kind: 'device', message, station };
  // Anything else (a time-out of the handler, a bug): nobody knows what happened to the card.
  return { kind: 'in-doubt', message, station };
}
