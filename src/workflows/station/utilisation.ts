/**
 * Time accounting of a station, for a run's bottleneck and efficiency figures. The machine adds each finished
 * stay to its state's total; these functions add the stay in progress, so figures read mid-run are right.
 */
import type { StationContext, StationStateName, StationTimes } from './station-types';

/** No time yet in any state. */
export function zeroTimes(): StationTimes {
  return { idle: 0, busy: 0, needsOperator: 0, offline: 0 };
}

/** The totals with the stay in `state` since `ctx.enteredAt` added, up to `now`. */
export function timesUntil(ctx: StationContext, state: StationStateName | null, now: number): StationTimes {
  const times = { ...ctx.times };
  if (state !== null) times[state] += Math.max(0, now - ctx.enteredAt);
  return times;
}

/** A station's figures at a moment. */
export interface StationFigures {
  times: StationTimes;
  /** Time since the station machine started. */
  totalMs: number;
  /** busy / total: the share of time the station worked on cards (0 before any time passed). */
  utilisation: number;
  /** (total - needsOperator - offline) / total: the share of time it could take cards. */
  availability: number;
  jobsDone: number;
}

/** The figures of a station context at `now`. */
export function figuresAt(ctx: StationContext, now: number): StationFigures {
  const times = timesUntil(ctx, ctx.stateName, now);
  const totalMs = times.idle + times.busy + times.needsOperator + times.offline;
  return {
    times,
    totalMs,
    utilisation: totalMs > 0 ? times.busy / totalMs : 0,
    availability: totalMs > 0 ? (totalMs - times.needsOperator - times.offline) / totalMs : 0,
    jobsDone: ctx.jobsDone,
  };
}
