/**
 * A job whose station stopped for a person (jam, ribbon, cover, empty feeder, full reject box) waits in
 * `waitingForStation` rather than keeping its actor pending: the wait is then a state the console shows and the
 * store records, and it survives a restart like any other.
 *
 * When the station is ready again, a job with no card (its feed stopped) simply feeds again. A job with a card
 * does not redo its step blindly: while the station was stopped a person had their hands in it (a jam is
 * cleared by pulling the card out), so the step is in doubt and the hardware is asked where the card is.
 */
import { redo } from './route';
import type { CardJobContext } from './job-types';
import type { Route } from './route';

/** The route `STATION_READY` takes, or undefined when the event is about another station. */
export function stationReadyRoute(ctx: CardJobContext, stationId: string | undefined): Route | undefined {
  const waitingFor = ctx.stationFault?.station;
  if (stationId !== undefined && waitingFor !== undefined && stationId !== waitingFor) return undefined;
  if (ctx.cardId === undefined) return redo(ctx, 'feed');
  return { target: 'inDoubt', patch: { pendingStep: ctx.pendingStep ?? 'feed', stationFault: undefined } };
}
