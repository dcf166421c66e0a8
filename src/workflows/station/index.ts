/**
 * A station of the line: whether it takes cards, what it waits on, how its time was spent.
 */
export { stationMachine } from './machine';
export { acceptsCards, stationFigures } from './selectors';
export type { StationSnapshotLike } from './selectors';
export type { StationFigures } from './utilisation';
export { CLEARING_ACTION } from './station-types';
export type {
  OperatorAction,
  StationContext,
  StationEmitted,
  StationEvent,
  StationFault,
  StationFaultReason,
  StationInput,
  StationKind,
  StationNoteEvent,
  StationStateEvent,
  StationStateName,
  StationTimes,
} from './station-types';
