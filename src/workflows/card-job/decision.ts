/**
 * An operator's decision on a held card. Destroying a card is a sensitive action under dual control (PCI Card
 * Production; REFERENCE.md section 8): two different people must sign it. The machine checks that the names
 * are two and different; that each name is an authenticated supervisor is the controller's job, before it sends
 * the event.
 */
import { afterCardLost, continueAfter, redo } from './route';
import type { CardJobContext, DecideEvent, JobFailure } from './job-types';
import type { Route } from './route';

/** The distinct signatures of a decision: trimmed, empty names dropped, compared without regard to case. */
export function signatures(by: readonly string[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of by) {
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

/** Why a decision is refused, or undefined when it stands. */
export function refusal(event: DecideEvent): string | undefined {
  const names = signatures(Array.isArray(event.by) ? event.by : []);
  if (event.decision === 'destroy' && names.length < 2) {
    return `destroying a card needs two different supervisors (dual control); got ${names.length === 0 ? 'none' : names.join(', ')}`;
  }
  if (event.decision === 'verify' && names.length < 1) return 'verifying a card needs the name of the supervisor who checked it';
  if (event.decision !== 'verify' && event.decision !== 'destroy') return `unknown decision ${JSON.stringify(event.decision)}`;
  return undefined;
}

/** The route an accepted decision takes from `held`. */
export function decisionRoute(ctx: CardJobContext, event: DecideEvent): Route {
  const step = ctx.pendingStep ?? 'feed';
  // Held on a feed with no card named: nothing is bound to the record, so either decision means "feed again".
  if (ctx.cardId === undefined) return withDecisionCleared(redo(ctx, 'feed'));
  if (event.decision === 'verify') return withDecisionCleared(continueAfter(ctx, step));
  const destroyed: JobFailure = {
    kind: 'in-doubt',
    message: `card destroyed under dual control by ${signatures(event.by).join(' and ')}: ${ctx.holdReason ?? 'held'}`,
  };
  // A card held on its way to the reject box keeps its original failure as the record's reason.
  const failure = step === 'reject' && ctx.failure ? ctx.failure : destroyed;
  return withDecisionCleared(afterCardLost(ctx, failure));
}

function withDecisionCleared(route: Route): Route {
  return { target: route.target, patch: { ...route.patch, decisionError: undefined } };
}
