/**
 * Model-based tests of the card job: xstate/graph walks the machine with every outcome each effect can have,
 * and each path is replayed on a real actor whose effects are stubs settled as the path says (JobHarness). After
 * every step the actor must be where the model is; at the end, its state and attempt must agree with an
 * independent count of the cards the record lost (job-oracle.ts).
 */
import { TestModel, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { cardJobMachine, JOB_STATES, JOB_STEPS } from '../../src/workflows';
import { JobHarness } from './job-harness';
import { eventKey, filterModelEvents, modelEvents, modelKey, topState } from './job-model';
import { expectedEnd } from './job-oracle';
import { expectAt, perform, replay } from './job-replay';
import type { EventObject } from 'xstate';
import type { CardJobContext, CardJobInput, JobStep } from '../../src/workflows';
import type { ModelOptions } from './job-model';
import type { ModelStep } from './job-replay';

type Snap = { value: unknown; context: CardJobContext; status: string };
type Path = { state: Snap; steps: Array<{ event: EventObject; state: Snap }> };

/** One vertex per (abstract state, event that led there, previous state): shortest paths then cover every transition. */
function transitionKey(state: Snap, event: EventObject | undefined, prev: Snap | undefined): string {
  return `${modelKey(state)}${event && prev ? ` via ${eventKey(event)} from ${modelKey(prev)}` : ''}`;
}

function traversal(input: CardJobInput, options: ModelOptions = {}) {
  return {
    input,
    events: (s: Snap) => modelEvents(s, options),
    filterEvents: filterModelEvents,
  } as never;
}

/** Checks a replayed path's end against the oracle. */
function checkEnd(path: Path, h: JobHarness, input: CardJobInput): void {
  const first = path.steps[0]!.state;
  const expected = expectedEnd(path.steps, input.maxAttempts, first.context.attempt);
  const end = topState(h.snapshot.value);
  const where = path.steps.map((s) => eventKey(s.event)).join(' > ');
  if (h.snapshot.context.attempt !== expected.attempt) throw new Error(`attempt ${h.snapshot.context.attempt}, expected ${expected.attempt}: ${where}`);
  if (first.value === 'failed') return;
  if ((end === 'failed') !== expected.failed) throw new Error(`ended in ${end}, oracle says failed=${expected.failed}: ${where}`);
  if ((end === 'output') !== expected.produced) throw new Error(`ended in ${end}, oracle says produced=${expected.produced}: ${where}`);
}

describe('card job: shortest paths to every transition (2 attempts)', () => {
  const INPUT: CardJobInput = { recordId: 'rec-1', maxAttempts: 2, maxFeedRetries: 1 };
  // TestModel rather than createTestModel: the latter refuses machines that invoke actors, and invoking actors
  // is what this machine is made of. The model's events supply each effect's outcomes instead. (The casts: the
  // xstate/graph declarations see a separate copy of xstate's types.)
  const model = new TestModel(cardJobMachine as never, { ...(traversal(INPUT) as object), serializeState: transitionKey } as never);
  const paths = model.getShortestPaths() as unknown as Array<Path & { test: (p: object) => Promise<unknown>; description: string }>;

  test('the model has a path for every transition the job can take', () => {
    expect(paths.length).toBeGreaterThan(300);
    const histories = new Set(paths.flatMap((p) => p.steps.map((s) => topState(s.state.value))));
    // Failure states are passed through within a step, so they show in the emitted history, not as snapshots.
    const resting = JOB_STATES.filter((s) => !['chipFailed', 'printFailed', 'qcFailed', 'mixUp'].includes(s));
    expect([...histories].sort()).toEqual([...resting].sort());
  });

  test('every path replays on a real actor, step for step, and ends where the oracle says', async () => {
    const emittedStates = new Set<string>();
    const eventsSeen = new Set<string>();
    for (const path of paths) {
      const h = new JobHarness(INPUT);
      await path.test({
        events: new Proxy({}, { get: () => (step: ModelStep) => (step.event.type === 'xstate.init' ? undefined : perform(h, step.event)) }),
        states: { '*': (state: Snap) => expectAt(h, state, topState(state.value)) },
      });
      checkEnd(path, h, INPUT);
      h.history.forEach((s) => emittedStates.add(s));
      path.steps.forEach((s) => eventsSeen.add(`${topState(path.steps[Math.max(0, path.steps.indexOf(s) - 1)]!.state.value)} ${eventKey(s.event)}`));
      h.stop();
    }
    // Every state, failure states included, was entered by some real run.
    expect([...emittedStates].sort()).toEqual([...JOB_STATES].sort());
    // Every failure path, recovery answer and decision was taken.
    for (const expected of [
      'atEncoder xstate.error.actor.personalize:chip',
      'personalizing xstate.error.actor.verifyChip:chip',
      'printing xstate.error.actor.print:print',
      'atQc xstate.done.actor.inspect:fail',
      'atQc xstate.done.actor.inspect:mix-up',
      'atQc xstate.error.actor.inspect:qc',
      'fed xstate.error.actor.moveToEncoder:device',
      'passed xstate.error.actor.deliver:device',
      'rejecting xstate.error.actor.reject:operator-needed',
      'waitingForBlank xstate.error.actor.feedBlank:device',
      'waitingForBlank xstate.after.feedRetry.cardJob.waitingForBlank.retrying',
      'inDoubt xstate.done.actor.resolveInDoubt:done',
      'inDoubt xstate.done.actor.resolveInDoubt:not-done',
      'inDoubt xstate.done.actor.resolveInDoubt:spoiled',
      'inDoubt xstate.done.actor.resolveInDoubt:hold',
      'inDoubt xstate.error.actor.resolveInDoubt:device',
      'held DECIDE:verify/1',
      'held DECIDE:destroy/2',
      'held DECIDE:destroy/1',
      'waitingForStation STATION_READY',
    ]) {
      expect(eventsSeen).toContain(expected);
    }
  });

  test('attempts run out: a record whose every card fails ends in failed with its last reason', async () => {
    const toFailed = getShortestPaths(cardJobMachine, {
      ...(traversal(INPUT) as object),
      serializeState: (s: Snap) => modelKey(s),
      toState: (s: Snap) => s.value === 'failed',
    } as never) as unknown as Path[];
    expect(toFailed.length).toBeGreaterThan(0);
    for (const path of toFailed) {
      const h = await replay(INPUT, path.steps);
      expect(h.state).toBe('failed');
      expect(h.snapshot.context.attempt).toBe(2);
      expect(h.snapshot.context.failure).toBeDefined();
      // Two cards were fed, both left the flow, and no third was asked for.
      expect(h.calls.filter((c) => c.name === 'feedBlank')).toHaveLength(2);
      checkEnd(path, h, INPUT);
    }
  });
});

describe('card job: simple paths of a one-card job with print and reject failures', () => {
  const INPUT: CardJobInput = { recordId: 'rec-2', maxAttempts: 1, maxFeedRetries: 0 };
  const quiet = JOB_STEPS.filter((s) => s !== 'print' && s !== 'reject').map(effectOf);
  const paths = getSimplePaths(cardJobMachine, {
    ...(traversal(INPUT, { noFailures: quiet, noRefusedDecision: true }) as object),
    serializeState: (s: Snap) => modelKey(s),
    toState: (s: Snap) => s.status === 'done' || s.value === 'held',
  } as never) as unknown as Path[];

  test('every simple path to an end replays and ends in output, failed or held, on attempt 1', async () => {
    expect(paths.length).toBeGreaterThan(50);
    const ends = new Set<string>();
    for (const path of paths) {
      const h = await replay(INPUT, path.steps);
      ends.add(h.state);
      expect(['output', 'failed', 'held']).toContain(h.state);
      expect(h.snapshot.context.attempt).toBe(1);
      checkEnd(path, h, INPUT);
      h.stop();
    }
    expect([...ends].sort()).toEqual(['failed', 'held', 'output']);
  });
});

describe('card job: recovery from every step (simple paths from the recovered start)', () => {
  const outcomes: Array<boolean | 'unknown'> = [true, false, 'unknown'];
  const cases = JOB_STEPS.flatMap((step) => outcomes.map((completed) => [step, completed] as const));

  test.each(cases)('resume %s completed=%s: every path to an end replays and agrees with the oracle', async (step, completed) => {
    const input: CardJobInput = {
      recordId: 'rec-3',
      maxAttempts: 2,
      attempt: 1,
      maxFeedRetries: 0,
      resume: { step, completed, cardId: 'card-2', station: 'printer-1', reason: { kind: 'qc', message: 'score 0.4' } },
    };
    const paths = getSimplePaths(cardJobMachine, {
      ...(traversal(input, { noFailures: JOB_STEPS.map(effectOf), noRefusedDecision: true }) as object),
      serializeState: (s: Snap) => modelKey(s),
      toState: (s: Snap) => s.status === 'done' || s.value === 'held',
    } as never) as unknown as Path[];
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const h = await replay(input, path.steps);
      checkEnd(path, h, input);
      // The first state reported is the recovered one, and nothing before it.
      expect(h.emitted[0]).toMatchObject({ type: 'job.state', from: null, to: path.steps[0]!.state.context.start });
      h.stop();
    }
    const starts = new Set(paths.map((p) => topState(p.steps[0]!.state.value)));
    expect(starts.size).toBe(1);
    const start = [...starts][0];
    if (completed === 'unknown') expect(start).toBe('inDoubt');
    else if (!(step === 'reject' && completed)) expect(start).toBe(expectedStart(step, completed));
  });
});

function effectOf(step: JobStep): string {
  return step === 'feed' ? 'feedBlank' : step;
}

function expectedStart(step: JobStep, completed: boolean): string {
  const at: Record<JobStep, string> = {
    feed: 'waitingForBlank',
    moveToEncoder: 'fed',
    personalize: 'atEncoder',
    verifyChip: 'personalizing',
    moveToPrinter: 'chipVerified',
    print: 'printing',
    moveToQc: 'printed',
    inspect: 'atQc',
    deliver: 'passed',
    reject: 'rejecting',
  };
  const after: Record<JobStep, string> = {
    feed: 'fed',
    moveToEncoder: 'atEncoder',
    personalize: 'personalizing',
    verifyChip: 'chipVerified',
    moveToPrinter: 'printing',
    print: 'printed',
    moveToQc: 'atQc',
    inspect: 'atQc',
    deliver: 'output',
    reject: 'waitingForBlank',
  };
  return completed ? after[step] : at[step];
}
