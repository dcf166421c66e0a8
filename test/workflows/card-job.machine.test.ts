/**
 * The card job's behaviours one by one, on a real actor with stub effects and a virtual clock.
 */
import { createActor } from 'xstate';
import { cardJobMachine, CardJobInputError, checkCardJobInput, FEED_RETRY_BASE_MS, stayAtStation } from '../../src/workflows';
import { VirtualClock } from '../../src/simulators/virtual-clock';
import { JobHarness, failure, settle } from './job-harness';
import type { CardJobInput, JobStateEvent } from '../../src/workflows';

const FRESH: CardJobInput = { recordId: 'rec-1', maxAttempts: 2 };

/** Drives a released job up to `atQc` with good answers. */
async function toQc(h: JobHarness, card = 'card-1'): Promise<void> {
  await h.resolve('feedBlank', { cardId: card, station: 'feeder-1' });
  await h.resolve('moveToEncoder', { station: 'encoder-1' });
  await h.resolve('personalize', { chipUid: `uid-${card}` });
  await h.resolve('verifyChip');
  await h.resolve('moveToPrinter', { station: 'printer-1' });
  await h.resolve('print');
  await h.resolve('moveToQc', { station: 'qc-1' });
}

describe('card job: the good path', () => {
  test('a released job walks every state to output, reporting each change once, with the card bound from the feed', async () => {
    const h = new JobHarness(FRESH);
    expect(h.state).toBe('prepared');
    expect(h.pending).toBeUndefined();
    await h.send({ type: 'RELEASE' });
    await toQc(h);
    await h.resolve('inspect', { verdict: 'pass', reason: 'score 0.97' });
    await h.resolve('deliver');
    expect(h.snapshot.status).toBe('done');
    expect(h.history).toEqual([
      'prepared', 'waitingForBlank', 'fed', 'atEncoder', 'personalizing', 'chipVerified',
      'printing', 'printed', 'atQc', 'passed', 'output',
    ]);
    const changes = h.emitted as JobStateEvent[];
    expect(changes[0]).toEqual({ type: 'job.state', recordId: 'rec-1', from: null, to: 'prepared', attempt: 1 });
    expect(changes[2]).toEqual({ type: 'job.state', recordId: 'rec-1', from: 'waitingForBlank', to: 'fed', attempt: 1, cardId: 'card-1' });
  });

  test('each effect gets the record, the attempt, the card and where the card is', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await toQc(h);
    const input = (name: string) => h.calls.find((c) => c.name === name)!.input;
    expect(input('feedBlank')).toEqual({ recordId: 'rec-1', attempt: 1 });
    expect(input('personalize')).toEqual({ recordId: 'rec-1', attempt: 1, cardId: 'card-1', station: 'encoder-1', chipUid: undefined });
    expect(input('verifyChip')).toMatchObject({ cardId: 'card-1', chipUid: 'uid-card-1', station: 'encoder-1' });
    expect(input('print')).toMatchObject({ cardId: 'card-1', station: 'printer-1' });
    expect(input('inspect')).toMatchObject({ cardId: 'card-1', station: 'qc-1' });
  });

  test('a combined topology provides stayAtStation: the move resolves at once and the card stays where the feed put it', async () => {
    const h = new JobHarness(FRESH, { moveToEncoder: stayAtStation });
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'printer-encoder-1' });
    // No move was waited for: the job is already personalizing at the printer's own contact station.
    expect(h.state).toBe('atEncoder');
    expect(h.pending?.name).toBe('personalize');
    expect(h.pending?.input['station']).toBe('printer-encoder-1');
    expect(h.history).toContain('fed');
  });
});

describe('card job: failures send the card to the reject box and the record back to the queue', () => {
  test.each([
    ['personalize', failure('chip'), 'chipFailed'],
    ['personalize', failure('device'), 'chipFailed'],
    ['print', failure('print'), 'printFailed'],
    ['print', failure('device'), 'printFailed'],
  ] as const)('%s failing with %j goes through %s to rejecting, then a new blank on attempt 2', async (step, reason, via) => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    await h.resolve('moveToEncoder', { station: 'encoder-1' });
    if (step === 'print') {
      await h.resolve('personalize', { chipUid: 'u' });
      await h.resolve('verifyChip');
      await h.resolve('moveToPrinter', { station: 'printer-1' });
    }
    await h.reject(step, reason);
    expect(h.history.slice(-2)).toEqual([via, 'rejecting']);
    expect(h.pending?.name).toBe('reject');
    expect(h.pending?.input).toMatchObject({ cardId: 'card-1', reason });
    await h.resolve('reject');
    expect(h.state).toBe('waitingForBlank');
    expect(h.snapshot.context).toMatchObject({ attempt: 2, cardId: undefined, failure: reason });
    expect(h.pending?.input).toEqual({ recordId: 'rec-1', attempt: 2 });
  });

  test.each([
    [{ verdict: 'fail', reason: 'score 0.31' }, 'qcFailed', 'qc'],
    [{ verdict: 'mix-up', reason: 'MRZ of rec-9' }, 'mixUp', 'mix-up'],
    [{ verdict: 'maybe', reason: 'unknown verdict' }, 'qcFailed', 'qc'],
  ])('inspection %j leads to %s and a rejection of kind %s', async (verdict, via, kind) => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await toQc(h);
    await h.resolve('inspect', verdict);
    expect(h.history.slice(-2)).toEqual([via, 'rejecting']);
    expect(h.pending?.input['reason']).toEqual({ kind, message: verdict.reason });
  });

  test('when the last attempt fails the record fails with that card\'s reason', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 2, attempt: 1 });
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-2', station: 'feeder-1' });
    await h.resolve('moveToEncoder', {});
    await h.reject('personalize', failure('chip', 'SW 6581 on write'));
    await h.resolve('reject');
    expect(h.state).toBe('failed');
    expect(h.snapshot.status).toBe('done');
    expect(h.snapshot.context.failure).toEqual({ kind: 'chip', message: 'SW 6581 on write' });
    expect(h.emitted.at(-1)).toMatchObject({ to: 'failed', attempt: 2, failure: { kind: 'chip' } });
    expect(h.calls.filter((c) => c.name === 'feedBlank')).toHaveLength(1);
  });

  test('a reject that fails does not free the record: the card\'s whereabouts are asked first', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    await h.resolve('moveToEncoder', {});
    await h.reject('personalize', failure('chip'));
    await h.reject('reject', failure('device', 'reject flap stuck'));
    expect(h.state).toBe('inDoubt');
    expect(h.pending?.input).toMatchObject({ step: 'reject', cardId: 'card-1' });
    await h.resolve('resolveInDoubt', { resolution: 'not-done' });
    expect(h.state).toBe('rejecting');
  });
});

describe('card job: feeds are retried with back-off on the injected clock', () => {
  test('failed feeds wait 1 s, then 2 s, then the job waits for a person; a station-ready feeds again', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 1, maxFeedRetries: 2 });
    await h.send({ type: 'RELEASE' });
    await h.reject('feedBlank', failure('device', 'double pick'));
    expect(h.snapshot.value).toEqual({ waitingForBlank: 'retrying' });
    await h.clock.advance(FEED_RETRY_BASE_MS - 1);
    expect(h.pending).toBeUndefined();
    await h.clock.advance(1);
    expect(h.pending?.name).toBe('feedBlank');
    await h.reject('feedBlank', failure('device', 'double pick'));
    await h.clock.advance(2 * FEED_RETRY_BASE_MS - 1);
    expect(h.pending).toBeUndefined();
    await h.clock.advance(1);
    await h.reject('feedBlank', failure('device', 'no pick'));
    expect(h.state).toBe('waitingForStation');
    expect(h.snapshot.context.stationFault?.message).toMatch(/3 feeds failed in a row; last: no pick/);
    // Retrying the feed does not use an attempt: no card was ever bound.
    expect(h.snapshot.context.attempt).toBe(1);
    await h.send({ type: 'STATION_READY' });
    expect(h.pending?.name).toBe('feedBlank');
    expect(h.history.filter((s) => s === 'waitingForBlank')).toHaveLength(2);
  });

  test('a good feed resets the count of failed feeds', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 2, maxFeedRetries: 1 });
    await h.send({ type: 'RELEASE' });
    await h.reject('feedBlank', failure('device'));
    await h.clock.advance(FEED_RETRY_BASE_MS);
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    expect(h.snapshot.context.feedFailures).toBe(0);
  });
});

describe('card job: a station that needs a person', () => {
  test('the job waits in waitingForStation, wakes only for its station, and then asks where the card is', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    await h.resolve('moveToEncoder', {});
    await h.resolve('personalize', { chipUid: 'u' });
    await h.resolve('verifyChip');
    await h.resolve('moveToPrinter', { station: 'printer-1' });
    await h.reject('print', { kind: 'operator-needed', message: 'ribbon ended', station: 'printer-1' });
    expect(h.state).toBe('waitingForStation');
    expect(h.emitted.at(-1)).toMatchObject({ to: 'waitingForStation', step: 'print', failure: { message: 'ribbon ended' } });
    await h.send({ type: 'STATION_READY', stationId: 'printer-2' });
    expect(h.state).toBe('waitingForStation');
    await h.send({ type: 'STATION_READY', stationId: 'printer-1' });
    expect(h.state).toBe('inDoubt');
    expect(h.pending?.input).toMatchObject({ step: 'print', cardId: 'card-1' });
    // The printer says the card is at the head, unprinted: the same card is printed again.
    await h.resolve('resolveInDoubt', { resolution: 'not-done' });
    expect(h.state).toBe('printing');
    expect(h.pending?.input['cardId']).toBe('card-1');
    expect(h.calls.filter((c) => c.name === 'feedBlank')).toHaveLength(1);
  });
});

describe('card job: in doubt and held', () => {
  async function heldOnPrint(): Promise<JobHarness> {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    await h.resolve('moveToEncoder', {});
    await h.resolve('personalize', { chipUid: 'u' });
    await h.resolve('verifyChip');
    await h.resolve('moveToPrinter', { station: 'printer-1' });
    await h.reject('print', failure('in-doubt', 'no reply after PRINT'));
    expect(h.state).toBe('inDoubt');
    await h.resolve('resolveInDoubt', { resolution: 'hold', reason: 'the printer lost track of the card' });
    expect(h.state).toBe('held');
    return h;
  }

  test('an untyped exception from an effect is treated as in doubt, never as success or a plain failure', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    await h.reject('moveToEncoder', new TypeError('cannot read properties of undefined'));
    expect(h.state).toBe('inDoubt');
    expect(h.snapshot.context.pendingStep).toBe('moveToEncoder');
  });

  test('a held job asks for nothing and feeds nothing until an operator decides', async () => {
    const h = await heldOnPrint();
    expect(h.pending).toBeUndefined();
    await h.clock.advance(24 * 3_600_000);
    expect(h.pending).toBeUndefined();
    expect(h.snapshot.context).toMatchObject({ pendingStep: 'print', holdReason: 'the printer lost track of the card', cardId: 'card-1' });
  });

  test.each([
    [['Lan'], 'two different supervisors'],
    [['Lan', ' lan '], 'two different supervisors'],
    [['', '  '], 'got none'],
  ])('destroy signed by %j is refused and the console is told why', async (by, why) => {
    const h = await heldOnPrint();
    await h.send({ type: 'DECIDE', decision: 'destroy', by });
    expect(h.state).toBe('held');
    expect(h.snapshot.context.decisionError).toMatch(why);
    expect(h.emitted.at(-1)).toMatchObject({ type: 'job.decisionRefused', recordId: 'rec-1', cardId: 'card-1', decision: 'destroy', by });
    expect(h.calls.filter((c) => c.name === 'feedBlank')).toHaveLength(1);
  });

  test('destroy under dual control frees the record for a new blank, on the next attempt', async () => {
    const h = await heldOnPrint();
    await h.send({ type: 'DECIDE', decision: 'destroy', by: ['Lan'] });
    await h.send({ type: 'DECIDE', decision: 'destroy', by: ['Lan', 'Minh'] });
    expect(h.state).toBe('waitingForBlank');
    expect(h.snapshot.context).toMatchObject({ attempt: 2, cardId: undefined, decisionError: undefined });
    expect(h.snapshot.context.failure?.message).toMatch(/destroyed under dual control by Lan and Minh: the printer lost track/);
    expect(h.pending?.name).toBe('feedBlank');
  });

  test('verify continues at the step after the one in doubt, on the same card', async () => {
    const h = await heldOnPrint();
    await h.send({ type: 'DECIDE', decision: 'verify', by: ['Lan'] });
    expect(h.state).toBe('printed');
    expect(h.pending).toMatchObject({ name: 'moveToQc', input: { cardId: 'card-1' } });
  });

  test('when the hardware cannot be asked at all, the job is held for a person', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 1, resume: { step: 'personalize', cardId: 'card-7', completed: 'unknown' } });
    await h.reject('resolveInDoubt', failure('device', 'reader unplugged'));
    expect(h.state).toBe('held');
    expect(h.snapshot.context.holdReason).toMatch(/could not tell: reader unplugged/);
  });

  test('a job wired without its effects never guesses: it stops in doubt and then held', async () => {
    const actor = createActor(cardJobMachine, { input: { recordId: 'rec-1', maxAttempts: 1 }, clock: new VirtualClock() });
    actor.start();
    actor.send({ type: 'RELEASE' });
    await settle();
    expect(actor.getSnapshot().value).toBe('held');
    expect(actor.getSnapshot().context.holdReason).toMatch(/no actor provided for resolveInDoubt/);
    actor.stop();
  });
});

describe('card job: recovery starts from plain input, never from a snapshot', () => {
  test('completed step: the job starts after it, reports the recovered state first, and runs the next step', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 3, attempt: 1, resume: { step: 'print', cardId: 'card-2', completed: true, station: 'printer-1' } });
    expect(h.state).toBe('printed');
    expect(h.emitted[0]).toEqual({ type: 'job.state', recordId: 'rec-1', from: null, to: 'printed', attempt: 2, cardId: 'card-2' });
    expect(h.snapshot.context.start).toBe('printed');
    expect(h.pending).toMatchObject({ name: 'moveToQc', input: { cardId: 'card-2', station: 'printer-1', attempt: 2 } });
  });

  test('unknown outcome: the job starts in doubt and asks about that step and card', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 3, resume: { step: 'personalize', cardId: 'card-1', completed: 'unknown' } });
    expect(h.history).toEqual(['inDoubt']);
    expect(h.pending).toMatchObject({ name: 'resolveInDoubt', input: { step: 'personalize', cardId: 'card-1', recordId: 'rec-1' } });
    await h.resolve('resolveInDoubt', { resolution: 'done' });
    expect(h.state).toBe('personalizing');
    expect(h.pending?.name).toBe('verifyChip');
  });

  test('a feed in doubt with no card known: a "done" answer must name the card', async () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 3, resume: { step: 'feed', completed: 'unknown' } });
    await h.resolve('resolveInDoubt', { resolution: 'done', cardId: 'card-9', station: 'feeder-1' });
    expect(h.state).toBe('fed');
    expect(h.snapshot.context).toMatchObject({ cardId: 'card-9', station: 'feeder-1' });
    const g = new JobHarness({ recordId: 'rec-2', maxAttempts: 3, resume: { step: 'feed', completed: 'unknown' } });
    await g.resolve('resolveInDoubt', { resolution: 'done' });
    expect(g.state).toBe('held');
  });

  test('a rejection that completed on the last attempt: the job starts failed with the recorded reason', () => {
    const reason = { kind: 'qc' as const, message: 'score 0.2' };
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 2, attempt: 1, resume: { step: 'reject', cardId: 'card-2', completed: true, reason } });
    expect(h.state).toBe('failed');
    expect(h.snapshot.context.failure).toEqual(reason);
  });

  test('a delivered card: the job starts in output and asks for nothing', () => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 2, resume: { step: 'deliver', cardId: 'card-1', completed: true } });
    expect(h.state).toBe('output');
    expect(h.calls).toHaveLength(0);
  });
});

describe('card job: answers that cannot be read never crash or strand the job', () => {
  test('a feed that resolves without naming a card is in doubt', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { station: 'feeder-1' });
    expect(h.state).toBe('inDoubt');
    expect(h.pending?.input).toMatchObject({ step: 'feed', cardId: undefined });
  });

  test('moves and personalization that resolve with nothing keep what the job knew', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await h.resolve('feedBlank', { cardId: 'card-1', station: 'feeder-1' });
    await h.resolve('moveToEncoder', undefined);
    await h.resolve('personalize', undefined);
    expect(h.error).toBeUndefined();
    expect(h.state).toBe('personalizing');
    expect(h.pending?.input).toMatchObject({ station: 'feeder-1', chipUid: undefined });
  });

  test('an inspection with no verdict is a QC failure', async () => {
    const h = new JobHarness(FRESH);
    await h.send({ type: 'RELEASE' });
    await toQc(h);
    await h.resolve('inspect', undefined);
    expect(h.state).toBe('rejecting');
    expect(h.snapshot.context.failure).toEqual({ kind: 'qc', message: 'inspection gave no usable verdict: undefined' });
  });

  test.each([[undefined], [{ resolution: 'probably' }], ['done']])('an in-doubt answer %j is held for a person', async (answer) => {
    const h = new JobHarness({ recordId: 'rec-1', maxAttempts: 1, resume: { step: 'print', cardId: 'card-1', completed: 'unknown' } });
    await h.resolve('resolveInDoubt', answer);
    expect(h.error).toBeUndefined();
    expect(h.state).toBe('held');
    expect(h.snapshot.context.holdReason).toMatch(/unreadable answer about the print/);
  });
});

describe('card job: input that cannot start a job', () => {
  test.each([
    [{ recordId: '', maxAttempts: 1 }, /recordId/],
    [{ recordId: 'r', maxAttempts: 0 }, /maxAttempts/],
    [{ recordId: 'r', maxAttempts: 1.5 }, /maxAttempts/],
    [{ recordId: 'r', maxAttempts: 2, attempt: -1 }, /attempt/],
    [{ recordId: 'r', maxAttempts: 2, attempt: 2 }, /no attempt left \(2 of 2 used\)/],
    [{ recordId: 'r', maxAttempts: 2, maxFeedRetries: -1 }, /maxFeedRetries/],
    [{ recordId: 'r', maxAttempts: 2, resume: { step: 'print', completed: true } }, /needs the card's id/],
    [{ recordId: 'r', maxAttempts: 2, resume: { step: 'feed', completed: true } }, /needs the card's id/],
    [{ recordId: 'r', maxAttempts: 2, resume: { step: 'print', cardId: 'c', completed: 'maybe' } }, /completed/],
  ])('%j is refused', (input, message) => {
    expect(() => checkCardJobInput(input as CardJobInput)).toThrow(CardJobInputError);
    expect(() => checkCardJobInput(input as CardJobInput)).toThrow(message);
  });

  test('a card in flight is resumed even when its attempt is beyond a lowered limit', () => {
    expect(() => checkCardJobInput({ recordId: 'r', maxAttempts: 1, attempt: 2, resume: { step: 'print', cardId: 'c', completed: 'unknown' } })).not.toThrow();
  });

  test('the machine reports bad input as an actor error', () => {
    const actor = createActor(cardJobMachine, { input: { recordId: 'r', maxAttempts: 0 } });
    let error: unknown;
    actor.subscribe({ error: (e) => (error = e) });
    actor.start();
    expect(error).toBeInstanceOf(CardJobInputError);
  });
});
