/**
 * What the answer to an in-doubt step means (DESIGN.md principle 2: in doubt, ask the hardware, then a person).
 * None of these answers feeds a new blank while the record's card is unaccounted for: only a card that is
 * known to be spoiled goes to the reject box, and only a rejected or destroyed card frees the record.
 */
import { continueAfter, hold, redo, rejectCard } from './route';
import type { InDoubtResolution } from './actor-types';
import type { CardJobContext, JobFailure, JobStep } from './job-types';
import type { Route } from './route';

/** The route an answer of `resolveInDoubt` for `step` takes. An answer that cannot be read is a question for a person. */
export function resolutionRoute(ctx: CardJobContext, step: JobStep, answer: InDoubtResolution | undefined): Route {
  switch (answer?.resolution) {
    case 'done':
      return doneRoute(ctx, step, answer.cardId, answer.station);
    case 'not-done':
      return redo(ctx, step);
    case 'spoiled': {
      const failure: JobFailure = { kind: 'in-doubt', message: `spoiled after an in-doubt ${step}: ${answer.reason}` };
      // A card found spoiled on its way to the reject box is accounted for as it is: it is not moved again.
      if (step === 'reject') return continueAfter({ ...ctx, failure: ctx.failure ?? failure }, 'reject');
      return rejectCard(ctx, failure);
    }
    case 'hold':
      return hold(step, answer.reason);
    default:
      return hold(step, `unreadable answer about the ${step}: ${JSON.stringify(answer)}`);
  }
}

/**
 * The step had completed. A feed that completed bound a blank, which the answer must name if the job does not
 * know it yet; a feed "done" on an unnamed card cannot continue, so a person decides.
 */
function doneRoute(ctx: CardJobContext, step: JobStep, cardId: string | undefined, station: string | undefined): Route {
  if (step !== 'feed') return continueAfter(ctx, step);
  const card = ctx.cardId ?? cardId;
  if (card === undefined) return hold('feed', 'the feed completed but no card id is known');
  const route = continueAfter(ctx, step);
  return { target: route.target, patch: { ...route.patch, cardId: card, station: station ?? ctx.station, feedFailures: 0 } };
}
