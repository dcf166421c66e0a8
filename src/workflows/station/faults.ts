/**
 * The faults a station waits on, as a list: a jammed printer may also have its cover open, and it takes cards
 * again only when both are dealt with. An operator's action clears only the fault it answers, so a person who
 * replaces a ribbon on a jammed printer does not make the line believe the jam is gone.
 */
import { CLEARING_ACTION } from './station-types';
import type { OperatorAction, StationFault, StationFaultReason } from './station-types';

/** The list with `reason` added, unless it is already there (a repeated report keeps the first `since`). */
export function addFault(faults: readonly StationFault[], reason: StationFaultReason, now: number): StationFault[] {
  if (faults.some((f) => f.reason === reason)) return [...faults];
  return [...faults, { reason, action: CLEARING_ACTION[reason], since: now }];
}

/** The outcome of an operator's action: the faults left, and a note when the action was ignored. */
export interface ActionOutcome {
  faults: StationFault[];
  note?: string;
}

/** Applies `action` taken by `by`: it clears the faults it answers, and only those. */
export function applyOperatorAction(faults: readonly StationFault[], action: OperatorAction, by: string): ActionOutcome {
  if (typeof by !== 'string' || by.trim() === '') {
    return { faults: [...faults], note: `"${action}" ignored: every operator action must name who took it` };
  }
  const left = faults.filter((f) => f.action !== action);
  if (left.length === faults.length) {
    const waiting = faults.map((f) => `${f.reason}: ${f.action}`).join('; ') || 'nothing';
    return { faults: left, note: `"${action}" by ${by.trim()} ignored: it clears none of the faults (waiting for ${waiting})` };
  }
  return { faults: left };
}

/** The list without `reason`, or empty when no reason is given (the device says it is ready). */
export function clearFaults(faults: readonly StationFault[], reason?: StationFaultReason): StationFault[] {
  return reason === undefined ? [] : faults.filter((f) => f.reason !== reason);
}
