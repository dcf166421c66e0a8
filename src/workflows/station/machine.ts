/**
 * A station of the line (printer, encoder, QC, feeder, stacker): whether it can take cards, what it waits on
 * when it cannot, and how its time was spent. It does no I/O: the line service sends it what the device reports
 * and what operators do, and reads `acceptsCards` before routing a card to it.
 */
import { enqueueActions, setup } from 'xstate';
import { addFault, applyOperatorAction, clearFaults } from './faults';
import { timesUntil, zeroTimes } from './utilisation';
import type { StationContext, StationEmitted, StationEvent, StationInput, StationStateName } from './station-types';

type Args = { context: StationContext };

/** Where a station goes when nothing stops it any more: back to work if it still holds cards. */
const resume = [
  { guard: ({ context }: Args) => context.faults.length > 0, target: '#station.needsOperator' },
  { guard: ({ context }: Args) => context.jobsInProgress > 0, target: '#station.busy' },
  { target: '#station.idle' },
] as const;

const stationSetup = setup({
  types: {
    context: {} as StationContext,
    events: {} as StationEvent,
    input: {} as StationInput,
    emitted: {} as StationEmitted,
  },
  actions: {
    /** Closes the stay in the previous state, opens one in `to`, and emits `station.state`. */
    enter: enqueueActions(({ context, enqueue }, params: { to: StationStateName }) => {
      const now = context.clock.now();
      enqueue.assign({ times: timesUntil(context, context.stateName, now), enteredAt: now, stateName: params.to });
      enqueue.emit({
        type: 'station.state',
        stationId: context.stationId,
        from: context.stateName,
        to: params.to,
        at: now,
        faults: context.faults,
      });
    }),
    /** Records why an event was ignored, for the console. */
    note: enqueueActions(({ context, enqueue }, params: { note: string }) => {
      enqueue.assign({ note: params.note });
      enqueue.emit({ type: 'station.note', stationId: context.stationId, note: params.note, at: context.clock.now() });
    }),
    addFault: enqueueActions(({ context, event, enqueue }) => {
      if (event.type === 'FAULT') enqueue.assign({ faults: addFault(context.faults, event.reason, context.clock.now()) });
    }),
    jobDone: enqueueActions(({ context, enqueue }) => {
      if (context.jobsInProgress === 0) {
        const text = 'JOB_DONE ignored: no card on the station';
        enqueue.assign({ note: text });
        enqueue.emit({ type: 'station.note', stationId: context.stationId, note: text, at: context.clock.now() });
        return;
      }
      enqueue.assign({ jobsInProgress: context.jobsInProgress - 1, jobsDone: context.jobsDone + 1 });
    }),
  },
});

const enter = (to: StationStateName) => ({ type: 'enter', params: { to } }) as const;
const note = (text: string) => ({ type: 'note', params: { note: text } }) as const;

/** The station machine. Input {@link StationInput}; emits {@link StationStateEvent} and {@link StationNoteEvent}. */
export const stationMachine = stationSetup.createMachine({
  id: 'station',
  context: ({ input }) => {
    const now = input.clock.now();
    const capacity = input.capacity ?? 1;
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`station ${input.stationId}: capacity must be an integer of at least 1`);
    return {
      stationId: input.stationId,
      kind: input.kind,
      capacity,
      clock: input.clock,
      jobsInProgress: 0,
      jobsDone: 0,
      faults: [],
      startedAt: now,
      enteredAt: now,
      times: zeroTimes(),
      stateName: null,
    };
  },
  initial: 'idle',
  on: {
    FAULT: { target: '.needsOperator', actions: 'addFault' },
    OFFLINE: { target: '.offline' },
    JOB_DONE: { actions: 'jobDone' },
    JOB_STARTED: { actions: note('JOB_STARTED refused: the station is not taking cards') },
    OPERATOR_ACTION: { actions: note('OPERATOR_ACTION ignored: the station is not waiting for an operator') },
    CLEARED: {},
    ONLINE: {},
  },
  states: {
    idle: {
      entry: enter('idle'),
      on: {
        JOB_STARTED: { target: 'busy', actions: enqueueActions(({ context, enqueue }) => enqueue.assign({ jobsInProgress: context.jobsInProgress + 1 })) },
      },
    },
    busy: {
      entry: enter('busy'),
      always: { guard: ({ context }) => context.jobsInProgress === 0, target: 'idle' },
      on: {
        JOB_STARTED: [
          {
            guard: ({ context }) => context.jobsInProgress >= context.capacity,
            actions: note('JOB_STARTED refused: the station is full'),
          },
          { actions: enqueueActions(({ context, enqueue }) => enqueue.assign({ jobsInProgress: context.jobsInProgress + 1 })) },
        ],
      },
    },
    needsOperator: {
      entry: enter('needsOperator'),
      // Leaves as soon as the last fault is cleared, by an operator or by the device.
      always: [
        { guard: ({ context }) => context.faults.length === 0 && context.jobsInProgress > 0, target: '#station.busy' },
        { guard: ({ context }) => context.faults.length === 0, target: '#station.idle' },
      ],
      on: {
        FAULT: { actions: 'addFault' },
        OPERATOR_ACTION: {
          actions: enqueueActions(({ context, event, enqueue }) => {
            const outcome = applyOperatorAction(context.faults, event.action, event.by);
            enqueue.assign({ faults: outcome.faults });
            if (outcome.note) enqueue({ type: 'note', params: { note: outcome.note } });
          }),
        },
        CLEARED: { actions: enqueueActions(({ context, event, enqueue }) => enqueue.assign({ faults: clearFaults(context.faults, event.reason) })) },
      },
    },
    offline: {
      entry: enter('offline'),
      on: {
        // Faults seen while offline are kept, so the station comes back waiting for them.
        FAULT: { actions: 'addFault' },
        OFFLINE: {},
        CLEARED: { actions: enqueueActions(({ context, event, enqueue }) => enqueue.assign({ faults: clearFaults(context.faults, event.reason) })) },
        ONLINE: [...resume],
      },
    },
  },
});
