/**
 * The line machine: its full transition table (walked with xstate/graph), pausing and draining against the
 * counts the line service reports, and feedsNewBlanks.
 */
import { createActor } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { feedsNewBlanks, lineMachine } from '../../src/workflows';
import type { LineEvent, LineInput, LineStateEvent } from '../../src/workflows';

function line(input: LineInput = {}) {
  const emitted: LineStateEvent[] = [];
  const actor = createActor(lineMachine, { input });
  actor.on('line.state', (e) => {
    emitted.push(e);
  });
  actor.start();
  const send = (...events: LineEvent[]) => events.forEach((e) => actor.send(e));
  return { actor, emitted, send, state: () => actor.getSnapshot().value, feeds: () => feedsNewBlanks(actor.getSnapshot()) };
}

describe('line: the transition table, with cards in flight and records queued', () => {
  const COMMANDS: LineEvent[] = [{ type: 'START' }, { type: 'PAUSE' }, { type: 'RESUME' }, { type: 'DRAIN' }, { type: 'STOP' }];

  /** The table state -> command -> next state, as xstate/graph walks it from `input`. */
  function walk(input: LineInput): Record<string, Record<string, unknown>> {
    const adjacency = getAdjacencyMap(lineMachine as never, {
      input,
      events: COMMANDS,
      serializeState: (s: { value: unknown }) => JSON.stringify(s.value),
    } as never) as unknown as Record<string, { transitions: Record<string, { event: LineEvent; state: { value: unknown } }> }>;
    const table: Record<string, Record<string, unknown>> = {};
    for (const [from, { transitions }] of Object.entries(adjacency)) {
      table[JSON.parse(from) as string] = Object.fromEntries(Object.values(transitions).map((t) => [t.event.type, t.state.value]));
    }
    return table;
  }

  test('with cards in flight: pausing holds, and every command does what it should from every state', () => {
    expect(walk({ inFlight: 2, queued: 3 })).toEqual({
      stopped: { START: 'running', PAUSE: 'stopped', RESUME: 'stopped', DRAIN: 'stopped', STOP: 'stopped' },
      running: { START: 'running', PAUSE: 'pausing', RESUME: 'running', DRAIN: 'draining', STOP: 'stopped' },
      pausing: { START: 'pausing', PAUSE: 'pausing', RESUME: 'running', DRAIN: 'draining', STOP: 'stopped' },
      draining: { START: 'draining', PAUSE: 'pausing', RESUME: 'running', DRAIN: 'draining', STOP: 'stopped' },
    });
  });

  test('with nothing in flight: a pause is paused at once, and paused answers RESUME, DRAIN and STOP only', () => {
    expect(walk({ inFlight: 0, queued: 3 })).toEqual({
      stopped: { START: 'running', PAUSE: 'stopped', RESUME: 'stopped', DRAIN: 'stopped', STOP: 'stopped' },
      running: { START: 'running', PAUSE: 'paused', RESUME: 'running', DRAIN: 'draining', STOP: 'stopped' },
      paused: { START: 'paused', PAUSE: 'paused', RESUME: 'running', DRAIN: 'draining', STOP: 'stopped' },
      draining: { START: 'draining', PAUSE: 'paused', RESUME: 'running', DRAIN: 'draining', STOP: 'stopped' },
    });
  });

  test('with nothing in flight and nothing queued, a drain stops at once', () => {
    expect(walk({ inFlight: 0, queued: 0 }).running).toMatchObject({ DRAIN: 'stopped' });
  });
});

describe('line: pausing finishes the cards in flight', () => {
  test('pausing waits for the in-flight count to reach 0, feeding no blank meanwhile', () => {
    const l = line();
    l.send({ type: 'START' }, { type: 'IN_FLIGHT', count: 3 });
    expect(l.feeds()).toBe(true);
    l.send({ type: 'PAUSE' });
    expect(l.state()).toBe('pausing');
    expect(l.feeds()).toBe(false);
    l.send({ type: 'IN_FLIGHT', count: 1 });
    expect(l.state()).toBe('pausing');
    l.send({ type: 'IN_FLIGHT', count: 0 });
    expect(l.state()).toBe('paused');
    expect(l.feeds()).toBe(false);
    l.send({ type: 'RESUME' });
    expect(l.feeds()).toBe(true);
  });

  test('a pause with nothing in flight is paused at once', () => {
    const l = line();
    l.send({ type: 'START' }, { type: 'PAUSE' });
    expect(l.emitted.map((e) => e.to)).toEqual(['stopped', 'running', 'pausing', 'paused']);
  });

  test('RESUME during pausing goes straight back to running', () => {
    const l = line({ inFlight: 2 });
    l.send({ type: 'START' }, { type: 'PAUSE' }, { type: 'RESUME' });
    expect(l.state()).toBe('running');
  });
});

describe('line: draining finishes the queue, then stops', () => {
  test('draining feeds blanks until the queue and the line are both empty', () => {
    const l = line();
    l.send({ type: 'START' }, { type: 'DRAIN' });
    // No queue report yet: the line does not assume the queue is empty.
    expect(l.state()).toBe('draining');
    expect(l.feeds()).toBe(true);
    l.send({ type: 'QUEUE', remaining: 2 }, { type: 'IN_FLIGHT', count: 1 });
    l.send({ type: 'QUEUE', remaining: 0 });
    expect(l.state()).toBe('draining');
    l.send({ type: 'IN_FLIGHT', count: 0 });
    expect(l.state()).toBe('stopped');
    expect(l.feeds()).toBe(false);
  });

  test('a drain from paused resumes feeding to finish the queue', () => {
    const l = line({ queued: 4 });
    l.send({ type: 'START' }, { type: 'PAUSE' }, { type: 'DRAIN' });
    expect(l.state()).toBe('draining');
    expect(l.feeds()).toBe(true);
  });
});

describe('line: STOP is immediate', () => {
  test('cards in flight at a STOP are reported as in doubt', () => {
    const l = line();
    l.send({ type: 'START' }, { type: 'IN_FLIGHT', count: 4 }, { type: 'STOP' });
    expect(l.state()).toBe('stopped');
    expect(l.actor.getSnapshot().context.interruptedInFlight).toBe(4);
    expect(l.emitted.at(-1)).toEqual({ type: 'line.state', from: 'running', to: 'stopped', inFlight: 4, queued: null, interruptedInFlight: 4 });
  });

  test('a drain that completes is not an interruption', () => {
    const l = line({ queued: 0 });
    l.send({ type: 'START' }, { type: 'DRAIN' });
    expect(l.emitted.at(-1)).toEqual({ type: 'line.state', from: 'draining', to: 'stopped', inFlight: 0, queued: 0 });
  });
});

describe('line: counts', () => {
  test('a count that is not a non-negative integer is ignored, not fatal', () => {
    const l = line();
    l.send({ type: 'START' }, { type: 'IN_FLIGHT', count: 2 }, { type: 'IN_FLIGHT', count: -1 }, { type: 'IN_FLIGHT', count: Number.NaN });
    l.send({ type: 'QUEUE', remaining: 1.5 });
    expect(l.actor.getSnapshot().status).toBe('active');
    expect(l.actor.getSnapshot().context).toMatchObject({ inFlight: 2, queued: null });
  });

  test('bad initial counts are refused', () => {
    const actor = createActor(lineMachine, { input: { inFlight: -2 } });
    let error: unknown;
    actor.subscribe({ error: (e) => (error = e) });
    actor.start();
    expect(String(error)).toMatch(/inFlight must be a non-negative integer/);
  });

  test('the emitted history is a chain of changes', () => {
    const l = line({ inFlight: 1, queued: 1 });
    l.send({ type: 'START' }, { type: 'PAUSE' }, { type: 'IN_FLIGHT', count: 0 }, { type: 'DRAIN' }, { type: 'QUEUE', remaining: 0 });
    const to = l.emitted.map((e) => e.to);
    expect(to).toEqual(['stopped', 'running', 'pausing', 'paused', 'draining', 'stopped']);
    l.emitted.forEach((e, i) => expect(e.from).toBe(i === 0 ? null : to[i - 1]));
  });
});
