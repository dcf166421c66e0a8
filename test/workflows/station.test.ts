/**
 * The station machine: taking cards, stopping for a person, coming back, and the time it spent.
 */
import { createActor } from 'xstate';
import { acceptsCards, CLEARING_ACTION, stationFigures, stationMachine } from '../../src/workflows';
import { VirtualClock } from '../../src/simulators/virtual-clock';
import type { StationEmitted, StationEvent, StationInput } from '../../src/workflows';

function station(extra: Partial<StationInput> = {}) {
  const clock = new VirtualClock(5_000);
  const emitted: StationEmitted[] = [];
  const actor = createActor(stationMachine, { input: { stationId: 'printer-1', kind: 'printer', clock, ...extra }, clock });
  actor.on('*', (e) => {
    emitted.push(e);
  });
  actor.start();
  const send = (...events: StationEvent[]) => events.forEach((e) => actor.send(e));
  return { clock, actor, emitted, send, snap: () => actor.getSnapshot() };
}

describe('station: cards', () => {
  test('idle takes a card and becomes busy; the card done, it is idle again and counts it', () => {
    const s = station();
    expect(s.snap().value).toBe('idle');
    expect(acceptsCards(s.snap())).toBe(true);
    s.send({ type: 'JOB_STARTED', cardId: 'c1' });
    expect(s.snap().value).toBe('busy');
    expect(acceptsCards(s.snap())).toBe(false);
    s.send({ type: 'JOB_DONE', cardId: 'c1' });
    expect(s.snap().value).toBe('idle');
    expect(s.snap().context).toMatchObject({ jobsInProgress: 0, jobsDone: 1 });
  });

  test('a full station refuses another card with a note; one with capacity 2 takes two', () => {
    const one = station();
    one.send({ type: 'JOB_STARTED' }, { type: 'JOB_STARTED' });
    expect(one.snap().context.jobsInProgress).toBe(1);
    expect(one.snap().context.note).toMatch(/station is full/);
    expect(one.emitted.at(-1)).toMatchObject({ type: 'station.note', stationId: 'printer-1' });

    const two = station({ capacity: 2 });
    two.send({ type: 'JOB_STARTED' });
    expect(acceptsCards(two.snap())).toBe(true);
    two.send({ type: 'JOB_STARTED' });
    expect(acceptsCards(two.snap())).toBe(false);
    two.send({ type: 'JOB_DONE' });
    expect(two.snap().value).toBe('busy');
    expect(acceptsCards(two.snap())).toBe(true);
  });

  test('a JOB_DONE with no card on the station is noted, not counted', () => {
    const s = station();
    s.send({ type: 'JOB_DONE' });
    expect(s.snap().context).toMatchObject({ jobsDone: 0, jobsInProgress: 0, note: 'JOB_DONE ignored: no card on the station' });
  });
});

describe('station: stopping for a person', () => {
  test.each(Object.entries(CLEARING_ACTION))('%s needs "%s", and that action clears it', (reason, action) => {
    const s = station();
    s.send({ type: 'FAULT', reason: reason as keyof typeof CLEARING_ACTION });
    expect(s.snap().value).toBe('needsOperator');
    expect(s.snap().context.faults).toEqual([{ reason, action, since: 5_000 }]);
    expect(acceptsCards(s.snap())).toBe(false);
    s.send({ type: 'OPERATOR_ACTION', action: action as never, by: 'Lan' });
    expect(s.snap().value).toBe('idle');
    expect(acceptsCards(s.snap())).toBe(true);
  });

  test('a wrong action is ignored with a note that says what the station waits for', () => {
    const s = station();
    s.send({ type: 'FAULT', reason: 'card-jam' }, { type: 'OPERATOR_ACTION', action: 'replace the ribbon', by: 'Lan' });
    expect(s.snap().value).toBe('needsOperator');
    expect(s.snap().context.note).toBe('"replace the ribbon" by Lan ignored: it clears none of the faults (waiting for card-jam: clear the jam)');
  });

  test('an action with nobody named is ignored', () => {
    const s = station();
    s.send({ type: 'FAULT', reason: 'card-jam' }, { type: 'OPERATOR_ACTION', action: 'clear the jam', by: '  ' });
    expect(s.snap().value).toBe('needsOperator');
    expect(s.snap().context.note).toMatch(/must name who took it/);
  });

  test('two faults: clearing one leaves the station waiting for the other', () => {
    const s = station();
    s.send({ type: 'FAULT', reason: 'card-jam' });
    s.send({ type: 'FAULT', reason: 'cover-open' }, { type: 'FAULT', reason: 'card-jam' });
    expect(s.snap().context.faults.map((f) => f.reason)).toEqual(['card-jam', 'cover-open']);
    s.send({ type: 'OPERATOR_ACTION', action: 'clear the jam', by: 'Lan' });
    expect(s.snap().value).toBe('needsOperator');
    expect(s.snap().context.faults.map((f) => f.reason)).toEqual(['cover-open']);
    s.send({ type: 'CLEARED', reason: 'cover-open' });
    expect(s.snap().value).toBe('idle');
  });

  test('CLEARED with no reason: the device is ready, every fault goes', () => {
    const s = station();
    s.send({ type: 'FAULT', reason: 'ribbon-ended' }, { type: 'FAULT', reason: 'cover-open' }, { type: 'CLEARED' });
    expect(s.snap().value).toBe('idle');
    expect(s.snap().context.faults).toEqual([]);
  });

  test('a station that faults with a card on it goes back to busy, and takes no new card meanwhile', () => {
    const s = station();
    s.send({ type: 'JOB_STARTED' }, { type: 'FAULT', reason: 'ribbon-ended' }, { type: 'JOB_STARTED' });
    expect(s.snap().context.jobsInProgress).toBe(1);
    expect(s.snap().context.note).toMatch(/not taking cards/);
    s.send({ type: 'OPERATOR_ACTION', action: 'replace the ribbon', by: 'Lan' });
    expect(s.snap().value).toBe('busy');
    // A card that left while the station was stopped is counted.
    s.send({ type: 'FAULT', reason: 'card-jam' }, { type: 'JOB_DONE' }, { type: 'CLEARED' });
    expect(s.snap().value).toBe('idle');
  });

  test('an action sent to a station that waits for nothing is noted', () => {
    const s = station();
    s.send({ type: 'OPERATOR_ACTION', action: 'clear the jam', by: 'Lan' });
    expect(s.snap().value).toBe('idle');
    expect(s.snap().context.note).toMatch(/not waiting for an operator/);
  });
});

describe('station: offline', () => {
  test('offline from any state; online comes back to what is left to do', () => {
    const s = station();
    s.send({ type: 'OFFLINE' });
    expect(s.snap().value).toBe('offline');
    expect(acceptsCards(s.snap())).toBe(false);
    s.send({ type: 'ONLINE' });
    expect(s.snap().value).toBe('idle');

    s.send({ type: 'JOB_STARTED' }, { type: 'OFFLINE' }, { type: 'ONLINE' });
    expect(s.snap().value).toBe('busy');

    s.send({ type: 'OFFLINE' }, { type: 'FAULT', reason: 'cover-open' });
    expect(s.snap().value).toBe('offline');
    s.send({ type: 'ONLINE' });
    expect(s.snap().value).toBe('needsOperator');
    s.send({ type: 'OFFLINE' }, { type: 'CLEARED' }, { type: 'ONLINE' });
    expect(s.snap().value).toBe('busy');
  });

  test('ONLINE and CLEARED do nothing to a running station', () => {
    const s = station();
    s.send({ type: 'ONLINE' }, { type: 'CLEARED' });
    expect(s.snap().value).toBe('idle');
    expect(s.emitted.filter((e) => e.type === 'station.state')).toHaveLength(1);
  });
});

describe('station: utilisation from the clock', () => {
  test('time per state, utilisation and availability, including the stay in progress', async () => {
    const s = station();
    await s.clock.advance(1_000); // idle 1 s
    s.send({ type: 'JOB_STARTED' });
    await s.clock.advance(3_000); // busy 3 s
    s.send({ type: 'FAULT', reason: 'card-jam' });
    await s.clock.advance(1_000); // needs operator 1 s
    s.send({ type: 'OPERATOR_ACTION', action: 'clear the jam', by: 'Lan' });
    await s.clock.advance(1_000); // busy again 1 s, still in progress
    const figures = stationFigures(s.snap());
    expect(figures.times).toEqual({ idle: 1_000, busy: 4_000, needsOperator: 1_000, offline: 0 });
    expect(figures.totalMs).toBe(6_000);
    expect(figures.utilisation).toBeCloseTo(4 / 6);
    expect(figures.availability).toBeCloseTo(5 / 6);
    // The machine's context holds only finished stays; the selector adds the current one.
    expect(s.snap().context.times.busy).toBe(3_000);
    expect(stationFigures(s.snap(), s.clock.now() + 2_000).times.busy).toBe(6_000);
  });

  test('a station that has not run yet has zero utilisation, not NaN', () => {
    expect(stationFigures(station().snap())).toMatchObject({ totalMs: 0, utilisation: 0, availability: 0 });
  });

  test('every state change is emitted with its time and the faults, as a chain', async () => {
    const s = station();
    s.send({ type: 'JOB_STARTED' });
    await s.clock.advance(250);
    s.send({ type: 'FAULT', reason: 'reject-box-full' });
    const changes = s.emitted.filter((e) => e.type === 'station.state');
    expect(changes.map((e) => [e.from, e.to, e.at])).toEqual([
      [null, 'idle', 5_000],
      ['idle', 'busy', 5_000],
      ['busy', 'needsOperator', 5_250],
    ]);
  });

  test('a capacity that is not a positive integer is refused', () => {
    const clock = new VirtualClock();
    const actor = createActor(stationMachine, { input: { stationId: 's', kind: 'qc', clock, capacity: 0 } });
    let error: unknown;
    actor.subscribe({ error: (e) => (error = e) });
    actor.start();
    expect(String(error)).toMatch(/capacity/);
  });
});
