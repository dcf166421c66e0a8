/**
 * The line: when blanks are fed, and when it may stop. It counts nothing itself: the line service reports cards
 * in flight (`IN_FLIGHT`) and records still queued (`QUEUE`), and the machine decides when a pause or a drain has
 * finished. It does no I/O.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { LineContext, LineEvent, LineInput, LineStateEvent, LineStateName } from './line-types';

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function count(value: unknown, name: string): number {
  if (!isCount(value)) throw new Error(`line: ${name} must be a non-negative integer, got ${String(value)}`);
  return value;
}

const lineSetup = setup({
  types: {
    context: {} as LineContext,
    events: {} as LineEvent,
    input: {} as LineInput,
    emitted: {} as LineStateEvent,
  },
  actions: {
    /** Emits `line.state` for entering `to`. */
    enter: enqueueActions(({ context, event, enqueue }, params: { to: LineStateName }) => {
      const interrupted = params.to === 'stopped' && event.type === 'STOP';
      enqueue.emit({
        type: 'line.state',
        from: context.stateName,
        to: params.to,
        inFlight: context.inFlight,
        queued: context.queued,
        ...(interrupted ? { interruptedInFlight: context.inFlight } : {}),
      });
      enqueue.assign({ stateName: params.to, ...(interrupted ? { interruptedInFlight: context.inFlight } : {}) });
    }),
  },
});

const enter = (to: LineStateName) => ({ type: 'enter', params: { to } }) as const;

/**
 * The line machine. Input {@link LineInput}; emits {@link LineStateEvent}. `STOP` is immediate from any state:
 * the cards in flight are abandoned mid-step, so they are in doubt (`interruptedInFlight`) until recovery asks
 * the hardware about each (see WORKFLOWS.md).
 */
export const lineMachine = lineSetup.createMachine({
  id: 'line',
  context: ({ input }) => ({
    inFlight: count(input?.inFlight ?? 0, 'inFlight'),
    queued: input?.queued === undefined ? null : count(input.queued, 'queued'),
    interruptedInFlight: 0,
    stateName: null,
  }),
  initial: 'stopped',
  on: {
    // Counts are taken in every state; the pausing and draining states re-check them after each report. A count
    // that is not a count is ignored rather than allowed to stop or crash the line.
    IN_FLIGHT: { guard: ({ event }) => isCount(event.count), actions: assign({ inFlight: ({ event }) => event.count }) },
    QUEUE: { guard: ({ event }) => isCount(event.remaining), actions: assign({ queued: ({ event }) => event.remaining }) },
    STOP: { target: '.stopped' },
  },
  states: {
    stopped: {
      entry: enter('stopped'),
      on: { START: 'running', STOP: {} },
    },
    running: {
      entry: enter('running'),
      on: { PAUSE: 'pausing', DRAIN: 'draining' },
    },
    pausing: {
      entry: enter('pausing'),
      always: { guard: ({ context }) => context.inFlight === 0, target: 'paused' },
      on: { RESUME: 'running', DRAIN: 'draining' },
    },
    paused: {
      entry: enter('paused'),
      on: { RESUME: 'running', DRAIN: 'draining' },
    },
    draining: {
      entry: enter('draining'),
      always: { guard: ({ context }) => context.inFlight === 0 && context.queued === 0, target: 'stopped' },
      on: { RESUME: 'running', PAUSE: 'pausing' },
    },
  },
});
