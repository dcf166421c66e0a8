/**
 * Pure reads of a station snapshot, for the line service's routing and the run's figures.
 */
import { figuresAt } from './utilisation';
import type { StationFigures } from './utilisation';
import type { StationContext } from './station-types';

/** The part of a station snapshot the selectors read. */
export interface StationSnapshotLike {
  context: StationContext;
  matches(state: 'idle' | 'busy' | 'needsOperator' | 'offline'): boolean;
}

/**
 * Whether the line may send the station a card now: it is up, no fault waits for a person, and it has room. A
 * station that needs a person takes no cards.
 */
export function acceptsCards(snapshot: StationSnapshotLike): boolean {
  const { context } = snapshot;
  return (snapshot.matches('idle') || snapshot.matches('busy')) && context.faults.length === 0 && context.jobsInProgress < context.capacity;
}

/** Utilisation, availability and time per state at `now` (default: the station's clock now). */
export function stationFigures(snapshot: StationSnapshotLike, now: number = snapshot.context.clock.now()): StationFigures {
  return figuresAt(snapshot.context, now);
}
