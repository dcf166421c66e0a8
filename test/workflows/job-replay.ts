/**
 * Replays a path of the card job model (xstate/graph) on a real actor with stub effects, checking after every
 * step that the actor is where the model says, with the same context.
 */
import { feedRetryDelay } from '../../src/workflows';
import { JobHarness } from './job-harness';
import { EFFECT_OF_STATE, modelKey, topState } from './job-model';
import type { EventObject } from 'xstate';
import type { CardJobActorName, CardJobContext, CardJobEvent, CardJobInput } from '../../src/workflows';

/** A step of a path as xstate/graph gives it: the event, then the snapshot it leads to. */
export interface ModelStep {
  event: EventObject;
  state: { value: unknown; context: CardJobContext; status: string };
}

const EFFECTS = new Set(Object.values(EFFECT_OF_STATE));

/** Sends one model event to the harness the way the world would produce it. */
export async function perform(h: JobHarness, event: EventObject): Promise<void> {
  const done = /^xstate\.done\.actor\.(.+)$/.exec(event.type);
  const failed = /^xstate\.error\.actor\.(.+)$/.exec(event.type);
  if (done && EFFECTS.has(done[1]!)) return h.resolve(done[1] as CardJobActorName, (event as { output?: unknown }).output);
  if (failed && EFFECTS.has(failed[1]!)) return h.reject(failed[1] as CardJobActorName, (event as { error?: unknown }).error);
  if (event.type.startsWith('xstate.after.feedRetry.')) {
    const due = h.clock.nextDue;
    if (due === undefined) throw new Error('no back-off timer is set');
    const waited = due - h.clock.now();
    const expected = feedRetryDelay(h.snapshot.context.feedFailures);
    if (waited !== expected) throw new Error(`feed back-off of ${waited} ms, expected ${expected} ms`);
    return h.clock.advance(waited);
  }
  if (event.type.startsWith('xstate.')) throw new Error(`the replay does not know how to produce ${event.type}`);
  return h.send(event as CardJobEvent);
}

/**
 * Checks that the harness is in the model's snapshot, as far as the model's key sees: the path enumerations merge
 * snapshots that differ only in details (a station name, a message), so a path's recorded snapshot may carry
 * another path's details; the key (state, attempt, card, pending step, failure kind...) is exact.
 */
export function expectAt(h: JobHarness, state: ModelStep['state'], where: string): void {
  if (h.error !== undefined) throw new Error(`${where}: the actor failed: ${String(h.error)}`);
  const actual = { key: modelKey(h.snapshot), status: h.snapshot.status };
  const expected = { key: modelKey(state), status: state.status };
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${where}: actor at ${JSON.stringify(actual)}\nmodel at ${JSON.stringify(expected)}`);
  }
}

/** Replays `steps` (the first is the initial snapshot) on a new harness and returns it. */
export async function replay(input: CardJobInput, steps: readonly ModelStep[]): Promise<JobHarness> {
  const h = new JobHarness(input);
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (i > 0) await perform(h, step.event);
    expectAt(h, step.state, `step ${i} (${step.event.type}) -> ${topState(step.state.value)}`);
  }
  return h;
}
