/**
 * The card job: one record's way to one good card. See WORKFLOWS.md for the diagram. The machine only follows
 * routes; what failures, answers and decisions mean is decided by the pure functions it imports, and every effect
 * is an injected promise actor (actors.ts), so the machine runs the same on devices, simulators and in tests.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { DoneActorEvent, ErrorActorEvent, EventObject } from 'xstate';
import { cardJobActors } from './actors';
import { decisionRoute, refusal } from './decision';
import { stepFailureRoute, toFailure } from './failure';
import { hold, afterCardLost, JOB_TARGETS } from './route';
import { resolutionRoute } from './in-doubt';
import { stateEvent } from './report';
import { initialContext } from './start';
import { stationReadyRoute } from './station-wait';
import type { CardJobContext, CardJobEmitted, CardJobEvent, CardJobInput, DecideEvent, JobStateName, JobStep } from './job-types';
import type { FeedOutput, InDoubtResolution, InspectOutput } from './actor-types';
import type { JobTarget, Route } from './route';

/** The first back-off after a failed feed, doubled on each further failure. */
export const FEED_RETRY_BASE_MS = 1_000;
/** The longest back-off between two feeds. */
export const FEED_RETRY_MAX_MS = 30_000;

/** The delay before feed retry number `failures` (1-based): 1 s, 2 s, 4 s... at most 30 s. */
export function feedRetryDelay(failures: number): number {
  return Math.min(FEED_RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), FEED_RETRY_MAX_MS);
}

/** The XState id of a route's target. */
function targetId(target: JobTarget): string {
  return target === 'feedRetry' ? '#cardJob.waitingForBlank.retrying' : `#cardJob.${target}`;
}

/**
 * One guarded transition per possible target, each taken when `decide` picks it, applying the route's patch.
 * `decide` is pure, so evaluating it in the guard and again in the action gives the same route.
 */
function follow<TEvent extends EventObject>(decide: (context: CardJobContext, event: TEvent) => Route | undefined) {
  return JOB_TARGETS.map((target) => ({
    guard: ({ context, event }: { context: CardJobContext; event: TEvent }) => decide(context, event)?.target === target,
    target: targetId(target),
    actions: assign<CardJobContext, TEvent, undefined, CardJobEvent, never>(({ context, event }) => decide(context, event)?.patch ?? {}),
  }));
}

/** A failed step's transitions. */
function onStepError(step: JobStep) {
  return follow<ErrorActorEvent>((context, event) => stepFailureRoute(context, step, toFailure(event.error)));
}

function pending(context: CardJobContext): JobStep {
  if (context.pendingStep === undefined) throw new Error(`card job ${context.recordId}: no pending step in ${context.stateName}`);
  return context.pendingStep;
}

/** The card step input every step on a bound card gets. */
function cardStepInput({ context }: { context: CardJobContext }) {
  if (context.cardId === undefined) throw new Error(`card job ${context.recordId}: a card step without a card`);
  return { recordId: context.recordId, attempt: context.attempt, cardId: context.cardId, station: context.station, chipUid: context.chipUid };
}

/**
 * A feed's answer. One that names no card cannot be trusted to have bound nothing either (a blank may be on its
 * way), so it is in doubt like a feed that gave no answer.
 */
function feedDoneRoute(output: FeedOutput | undefined): Route {
  if (typeof output?.cardId !== 'string' || output.cardId === '') return { target: 'inDoubt', patch: { pendingStep: 'feed' } };
  return { target: 'fed', patch: { cardId: output.cardId, station: output.station, feedFailures: 0 } };
}

function inspectRoute(output: InspectOutput | undefined): Route {
  const reason = typeof output?.reason === 'string' ? output.reason : `inspection gave no usable verdict: ${JSON.stringify(output)}`;
  switch (output?.verdict) {
    case 'pass':
      return { target: 'passed', patch: {} };
    case 'mix-up':
      return { target: 'mixUp', patch: { failure: { kind: 'mix-up', message: reason } } };
    default:
      // Anything but a clear pass is a failure: an unknown verdict never lets a card through.
      return { target: 'qcFailed', patch: { failure: { kind: 'qc', message: reason } } };
  }
}

const jobSetup = setup({
  types: {
    context: {} as CardJobContext,
    events: {} as CardJobEvent,
    input: {} as CardJobInput,
    emitted: {} as CardJobEmitted,
  },
  actors: cardJobActors,
  actions: {
    /** Emits `job.state` for entering `to` and remembers `to` as the `from` of the next one. */
    report: enqueueActions(({ context, enqueue }, params: { to: JobStateName }) => {
      enqueue.emit(stateEvent(context, params.to));
      enqueue.assign({ stateName: params.to });
    }),
  },
  delays: {
    feedRetry: ({ context }) => feedRetryDelay(context.feedFailures),
  },
});

const report = (to: JobStateName) => ({ type: 'report', params: { to } }) as const;
const toRejecting = { always: { target: '#cardJob.rejecting' } } as const;

/**
 * The card job machine. Input {@link CardJobInput}; emits {@link JobStateEvent} on every state change and
 * {@link DecisionRefusedEvent} when an operator's decision is refused. Final states: `output` (one good card)
 * and `failed` (attempts used up; `context.failure` says why).
 */
export const cardJobMachine = jobSetup.createMachine({
  id: 'cardJob',
  context: ({ input }) => initialContext(input),
  initial: 'starting',
  states: {
    /** Not a state of the job: it routes the fresh or recovered job to where it starts, and is never seen. */
    starting: {
      always: JOB_TARGETS.map((target) => ({
        guard: ({ context }: { context: CardJobContext }) => context.start === target,
        target: targetId(target),
      })),
    },
    prepared: {
      entry: report('prepared'),
      on: { RELEASE: { target: 'waitingForBlank' } },
    },
    waitingForBlank: {
      entry: report('waitingForBlank'),
      initial: 'feeding',
      states: {
        feeding: {
          invoke: {
            id: 'feedBlank',
            src: 'feedBlank',
            input: ({ context }) => ({ recordId: context.recordId, attempt: context.attempt }),
            onDone: follow<DoneActorEvent<FeedOutput>>((_, event) => feedDoneRoute(event.output)),
            onError: onStepError('feed'),
          },
        },
        retrying: {
          after: { feedRetry: { target: 'feeding' } },
        },
      },
    },
    fed: {
      entry: report('fed'),
      invoke: {
        id: 'moveToEncoder',
        src: 'moveToEncoder',
        input: cardStepInput,
        onDone: { target: 'atEncoder', actions: assign(({ context, event }) => ({ station: event.output?.station ?? context.station })) },
        onError: onStepError('moveToEncoder'),
      },
    },
    atEncoder: {
      entry: report('atEncoder'),
      invoke: {
        id: 'personalize',
        src: 'personalize',
        input: cardStepInput,
        onDone: { target: 'personalizing', actions: assign(({ event }) => ({ chipUid: event.output?.chipUid })) },
        onError: onStepError('personalize'),
      },
    },
    personalizing: {
      entry: report('personalizing'),
      invoke: {
        id: 'verifyChip',
        src: 'verifyChip',
        input: cardStepInput,
        onDone: { target: 'chipVerified' },
        onError: onStepError('verifyChip'),
      },
    },
    chipVerified: {
      entry: report('chipVerified'),
      invoke: {
        id: 'moveToPrinter',
        src: 'moveToPrinter',
        input: cardStepInput,
        onDone: { target: 'printing', actions: assign(({ context, event }) => ({ station: event.output?.station ?? context.station })) },
        onError: onStepError('moveToPrinter'),
      },
    },
    printing: {
      entry: report('printing'),
      invoke: {
        id: 'print',
        src: 'print',
        input: cardStepInput,
        onDone: { target: 'printed' },
        onError: onStepError('print'),
      },
    },
    printed: {
      entry: report('printed'),
      invoke: {
        id: 'moveToQc',
        src: 'moveToQc',
        input: cardStepInput,
        onDone: { target: 'atQc', actions: assign(({ context, event }) => ({ station: event.output?.station ?? context.station })) },
        onError: onStepError('moveToQc'),
      },
    },
    atQc: {
      entry: report('atQc'),
      invoke: {
        id: 'inspect',
        src: 'inspect',
        input: cardStepInput,
        onDone: follow<DoneActorEvent<InspectOutput>>((_, event) => inspectRoute(event.output)),
        onError: onStepError('inspect'),
      },
    },
    passed: {
      entry: report('passed'),
      invoke: {
        id: 'deliver',
        src: 'deliver',
        input: cardStepInput,
        onDone: { target: 'output' },
        onError: onStepError('deliver'),
      },
    },
    output: { type: 'final', entry: report('output') },
    chipFailed: { entry: report('chipFailed'), ...toRejecting },
    printFailed: { entry: report('printFailed'), ...toRejecting },
    qcFailed: { entry: report('qcFailed'), ...toRejecting },
    mixUp: { entry: report('mixUp'), ...toRejecting },
    rejecting: {
      entry: report('rejecting'),
      invoke: {
        id: 'reject',
        src: 'reject',
        input: ({ context }) => ({
          ...cardStepInput({ context }),
          reason: context.failure ?? { kind: 'in-doubt', message: 'rejected for an unrecorded reason' },
        }),
        onDone: follow<DoneActorEvent<void>>((context) => afterCardLost(context, context.failure)),
        onError: onStepError('reject'),
      },
    },
    inDoubt: {
      entry: report('inDoubt'),
      invoke: {
        id: 'resolveInDoubt',
        src: 'resolveInDoubt',
        input: ({ context }) => ({
          recordId: context.recordId,
          attempt: context.attempt,
          cardId: context.cardId,
          station: context.station,
          step: pending(context),
        }),
        onDone: follow<DoneActorEvent<InDoubtResolution>>((context, event) =>
          resolutionRoute(context, pending(context), event.output),
        ),
        // The hardware could not answer at all: that is exactly when a person decides.
        onError: follow<ErrorActorEvent>((context, event) =>
          hold(pending(context), `the hardware could not tell: ${toFailure(event.error).message}`),
        ),
      },
    },
    held: {
      entry: report('held'),
      on: {
        DECIDE: [
          {
            guard: ({ event }) => refusal(event) !== undefined,
            actions: enqueueActions(({ context, event, enqueue }) => {
              const reason = refusal(event) ?? '';
              enqueue.assign({ decisionError: reason });
              enqueue.emit({
                type: 'job.decisionRefused',
                recordId: context.recordId,
                ...(context.cardId !== undefined ? { cardId: context.cardId } : {}),
                decision: event.decision,
                by: [...(Array.isArray(event.by) ? event.by : [])],
                reason,
              });
            }),
          },
          ...follow<DecideEvent>((context, event) => decisionRoute(context, event)),
        ],
      },
    },
    waitingForStation: {
      entry: report('waitingForStation'),
      on: {
        STATION_READY: follow<Extract<CardJobEvent, { type: 'STATION_READY' }>>((context, event) => stationReadyRoute(context, event.stationId)),
      },
    },
    failed: { type: 'final', entry: report('failed') },
  },
});
