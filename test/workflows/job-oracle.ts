/**
 * An independent reading of a card job path: how many of the record's cards left the flow (rejected, destroyed,
 * found spoiled on the way to the reject box), hence which attempt the job must be on and whether it must have
 * failed. It looks only at the events and the step each was about, not at the machine's decisions.
 */
import { signaturesOf, topState } from './job-model';
import type { EventObject } from 'xstate';
import type { CardJobContext } from '../../src/workflows';

interface Before {
  value: unknown;
  context: CardJobContext;
}

/** Whether `event`, taken in `before`, takes the record's current card out of the flow for good. */
export function cardLeaves(before: Before, event: EventObject): boolean {
  const state = topState(before.value);
  const ctx = before.context;
  if (event.type === 'xstate.done.actor.reject') return true;
  if (state === 'inDoubt' && ctx.pendingStep === 'reject' && event.type === 'xstate.done.actor.resolveInDoubt') {
    const answer = (event as { output?: { resolution?: string } }).output?.resolution;
    return answer === 'done' || answer === 'spoiled';
  }
  if (state === 'held' && event.type === 'DECIDE' && ctx.cardId !== undefined) {
    const { decision, by } = event as unknown as { decision: string; by: string[] };
    if (decision === 'destroy') return signaturesOf(by) >= 2;
    if (decision === 'verify') return ctx.pendingStep === 'reject' && signaturesOf(by) >= 1;
  }
  return false;
}

/** Whether `event`, taken in `before`, puts the record's card in the output stack (or confirms it is there). */
export function cardDelivered(before: Before, event: EventObject): boolean {
  if (event.type === 'xstate.done.actor.deliver') return true;
  const state = topState(before.value);
  if (before.context.pendingStep !== 'deliver') return false;
  if (state === 'inDoubt' && event.type === 'xstate.done.actor.resolveInDoubt') {
    return (event as { output?: { resolution?: string } }).output?.resolution === 'done';
  }
  if (state !== 'held' || event.type !== 'DECIDE') return false;
  const { decision, by } = event as unknown as { decision: string; by: string[] };
  return decision === 'verify' && signaturesOf(by) >= 1;
}

/** What the oracle expects at the end of a path. */
export interface Expected {
  attempt: number;
  failed: boolean;
  produced: boolean;
}

/** Folds a path (initial snapshot first, then each event with the snapshot it leads to). */
export function expectedEnd(
  steps: ReadonlyArray<{ event: EventObject; state: Before }>,
  maxAttempts: number,
  initialAttempt: number,
): Expected {
  let lost = 0;
  let produced = topState(steps[0]!.state.value) === 'output';
  for (let i = 1; i < steps.length; i++) {
    if (cardLeaves(steps[i - 1]!.state, steps[i]!.event)) lost++;
    if (cardDelivered(steps[i - 1]!.state, steps[i]!.event)) produced = true;
  }
  const cardsAvailable = maxAttempts - initialAttempt + 1;
  return { attempt: Math.min(initialAttempt + lost, maxAttempts), failed: lost >= cardsAvailable, produced };
}
