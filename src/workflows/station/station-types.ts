/**
 * The vocabulary of a station: what kinds there are, what stops them, and what a person does about it.
 */
import type { Clock } from '../../devices/clock';

/** What a station does on the line. A `printer-encoder` is a desktop printer with its own contact station. */
export type StationKind = 'printer' | 'encoder' | 'printer-encoder' | 'qc' | 'feeder' | 'stacker';

/** The states of a station. */
export type StationStateName = 'idle' | 'busy' | 'needsOperator' | 'offline';

/** Why a station stopped for a person. */
export type StationFaultReason = 'feeder-empty' | 'ribbon-ended' | 'card-jam' | 'cover-open' | 'reject-box-full';

/** What a person does to clear a fault, as the console words it. */
export type OperatorAction = 'refill the feeder' | 'replace the ribbon' | 'clear the jam' | 'close the cover' | 'empty the reject box';

/** The one action that clears each fault. */
export const CLEARING_ACTION: Readonly<Record<StationFaultReason, OperatorAction>> = {
  'feeder-empty': 'refill the feeder',
  'ribbon-ended': 'replace the ribbon',
  'card-jam': 'clear the jam',
  'cover-open': 'close the cover',
  'reject-box-full': 'empty the reject box',
};

/** A fault the station waits on, with the action that clears it and since when (clock ms). */
export interface StationFault {
  reason: StationFaultReason;
  action: OperatorAction;
  since: number;
}

/** Milliseconds spent in each state. */
export type StationTimes = Record<StationStateName, number>;

/** Input of a station machine. */
export interface StationInput {
  stationId: string;
  kind: StationKind;
  /**
   * The time source for utilisation: the same Clock the line service passes to XState as its `clock` option
   * (XState's clock can set timers but cannot tell the time, so the machine takes it here too).
   */
  clock: Pick<Clock, 'now'>;
  /** Cards the station can work on at once (a printer may hold one at the encoder and one at the head). Default 1. */
  capacity?: number;
}

/** A station's context. */
export interface StationContext {
  stationId: string;
  kind: StationKind;
  capacity: number;
  clock: Pick<Clock, 'now'>;
  /** Cards on the station now. */
  jobsInProgress: number;
  /** Cards the station finished since it started. */
  jobsDone: number;
  /** What the station waits on, oldest first; empty unless it needs an operator (or went offline with faults). */
  faults: StationFault[];
  /** The last event that was ignored, and why, for the console. */
  note?: string;
  /** When the machine started, and when it entered its current state (clock ms). */
  startedAt: number;
  enteredAt: number;
  /** Time spent in each state, not counting the current stay (see `stationFigures`). */
  times: StationTimes;
  stateName: StationStateName | null;
}

/** The events a station accepts. */
export type StationEvent =
  | { type: 'JOB_STARTED'; cardId?: string }
  | { type: 'JOB_DONE'; cardId?: string }
  | { type: 'FAULT'; reason: StationFaultReason }
  | { type: 'OPERATOR_ACTION'; action: OperatorAction; by: string }
  /** The device reports it is ready again: clears `reason`, or every fault when none is given. */
  | { type: 'CLEARED'; reason?: StationFaultReason }
  | { type: 'OFFLINE' }
  | { type: 'ONLINE' };

/** Emitted on every state change. */
export interface StationStateEvent {
  type: 'station.state';
  stationId: string;
  from: StationStateName | null;
  to: StationStateName;
  at: number;
  faults: StationFault[];
}

/** Emitted when an event is ignored or refused (a wrong operator action, a card offered to a stopped station). */
export interface StationNoteEvent {
  type: 'station.note';
  stationId: string;
  note: string;
  at: number;
}

/** Everything a station emits. */
export type StationEmitted = StationStateEvent | StationNoteEvent;
