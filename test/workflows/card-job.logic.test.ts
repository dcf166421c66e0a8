/**
 * The card job's decisions as pure functions: what a failure, an answer or a decision means.
 */
import { feedRetryDelay, FEED_RETRY_MAX_MS, toFailure } from '../../src/workflows';
import { stepFailureRoute } from '../../src/workflows/card-job/failure';
import { resolutionRoute } from '../../src/workflows/card-job/in-doubt';
import { decisionRoute, refusal, signatures } from '../../src/workflows/card-job/decision';
import { initialContext } from '../../src/workflows/card-job/start';
import type { CardJobContext, FailureKind, JobStep } from '../../src/workflows';

function ctx(extra: Partial<CardJobContext> = {}): CardJobContext {
  return { ...initialContext({ recordId: 'r', maxAttempts: 3 }), cardId: 'card-1', ...extra };
}

describe('toFailure', () => {
  test('keeps a typed failure (and its station) as it is', () => {
    expect(toFailure({ kind: 'print', message: 'streak', station: 'p1' })).toEqual({ kind: 'print', message: 'streak', station: 'p1' });
  });
  test('reads an Error subclass carrying a kind', () => {
    const e = Object.assign(new Error('ribbon ended'), { kind: 'operator-needed' });
    expect(toFailure(e)).toEqual({ kind: 'operator-needed', message: 'ribbon ended' });
  });
  test.each([[new Error('boom')], ['a string'], [undefined], [{ kind: 'explosion', message: 'x' }], [42]])('reads %p as in doubt', (e) => {
    expect(toFailure(e).kind).toBe('in-doubt');
  });
});

describe('stepFailureRoute: the failure table', () => {
  const cases: Array<[JobStep, FailureKind, string]> = [
    ['personalize', 'chip', 'chipFailed'],
    ['personalize', 'device', 'chipFailed'],
    ['moveToEncoder', 'device', 'chipFailed'],
    ['verifyChip', 'device', 'chipFailed'],
    ['print', 'print', 'printFailed'],
    ['moveToPrinter', 'device', 'printFailed'],
    ['inspect', 'qc', 'qcFailed'],
    ['moveToQc', 'device', 'qcFailed'],
    ['inspect', 'mix-up', 'mixUp'],
    ['deliver', 'device', 'inDoubt'],
    ['deliver', 'chip', 'chipFailed'],
    ['reject', 'device', 'inDoubt'],
    ['reject', 'chip', 'inDoubt'],
    ['reject', 'operator-needed', 'waitingForStation'],
    ['print', 'in-doubt', 'inDoubt'],
    ['print', 'operator-needed', 'waitingForStation'],
    ['feed', 'device', 'feedRetry'],
    ['feed', 'chip', 'feedRetry'],
    ['feed', 'in-doubt', 'inDoubt'],
    ['feed', 'operator-needed', 'waitingForStation'],
  ];
  test.each(cases)('%s failing with %s goes to %s', (step, kind, target) => {
    const route = stepFailureRoute(ctx({ cardId: step === 'feed' ? undefined : 'card-1' }), step, { kind, message: 'm' });
    expect(route.target).toBe(target);
    if (target === 'inDoubt' || target === 'waitingForStation') expect(route.patch.pendingStep).toBe(step);
  });

  test('a feed failing past maxFeedRetries asks for a person and restarts the count', () => {
    const route = stepFailureRoute(ctx({ cardId: undefined, feedFailures: 3 }), 'feed', { kind: 'device', message: 'misfeed' });
    expect(route).toEqual({
      target: 'waitingForStation',
      patch: { pendingStep: 'feed', feedFailures: 0, stationFault: { kind: 'device', message: '4 feeds failed in a row; last: misfeed' } },
    });
  });
});

describe('resolutionRoute', () => {
  test('done continues after the step, not-done redoes it, on the same card', () => {
    expect(resolutionRoute(ctx(), 'print', { resolution: 'done' }).target).toBe('printed');
    expect(resolutionRoute(ctx(), 'print', { resolution: 'not-done' }).target).toBe('printing');
    expect(resolutionRoute(ctx(), 'inspect', { resolution: 'done' }).target).toBe('atQc');
    expect(resolutionRoute(ctx(), 'deliver', { resolution: 'done' }).target).toBe('output');
  });
  test('spoiled rejects the card; on the way to the reject box it frees the record at once', () => {
    const spoiled = resolutionRoute(ctx(), 'print', { resolution: 'spoiled', reason: 'smudged' });
    expect(spoiled).toMatchObject({ target: 'rejecting', patch: { failure: { kind: 'in-doubt', message: 'spoiled after an in-doubt print: smudged' } } });
    expect(resolutionRoute(ctx({ attempt: 1 }), 'reject', { resolution: 'spoiled', reason: 'x' })).toMatchObject({ target: 'waitingForBlank', patch: { attempt: 2 } });
    expect(resolutionRoute(ctx({ attempt: 3 }), 'reject', { resolution: 'spoiled', reason: 'x' }).target).toBe('failed');
  });
  test('not-done on a feed unbinds the card named by recovery; spoiled with no card feeds again', () => {
    expect(resolutionRoute(ctx({ cardId: 'card-1' }), 'feed', { resolution: 'not-done' })).toMatchObject({ target: 'waitingForBlank', patch: { cardId: undefined } });
    expect(resolutionRoute(ctx({ cardId: undefined }), 'feed', { resolution: 'spoiled', reason: 'jammed blank' }).target).toBe('waitingForBlank');
  });
  test('hold parks the job with the reason', () => {
    expect(resolutionRoute(ctx(), 'personalize', { resolution: 'hold', reason: 'reader cannot see the chip' })).toEqual({
      target: 'held',
      patch: { pendingStep: 'personalize', holdReason: 'reader cannot see the chip', stationFault: undefined },
    });
  });
});

describe('decisions under dual control', () => {
  test('signatures are trimmed, case-insensitive and distinct', () => {
    expect(signatures(['Lan', ' lan', 'Minh ', '', 'MINH'])).toEqual(['Lan', 'Minh']);
  });
  test('destroy needs two people, verify one', () => {
    expect(refusal({ type: 'DECIDE', decision: 'destroy', by: ['Lan', 'Minh'] })).toBeUndefined();
    expect(refusal({ type: 'DECIDE', decision: 'destroy', by: ['Lan', 'LAN'] })).toMatch(/two different supervisors.*got Lan/);
    expect(refusal({ type: 'DECIDE', decision: 'verify', by: ['Lan'] })).toBeUndefined();
    expect(refusal({ type: 'DECIDE', decision: 'verify', by: [] })).toMatch(/name of the supervisor/);
    expect(refusal({ type: 'DECIDE', decision: 'burn' as 'verify', by: ['Lan'] })).toMatch(/unknown decision/);
  });
  test('a card held on its way to the reject box keeps its first failure when destroyed', () => {
    const first = { kind: 'chip' as const, message: 'write failed' };
    const route = decisionRoute(ctx({ attempt: 3, pendingStep: 'reject', failure: first }), { type: 'DECIDE', decision: 'destroy', by: ['A', 'B'] });
    expect(route).toMatchObject({ target: 'failed', patch: { failure: first } });
  });
});

describe('feedRetryDelay', () => {
  test('doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(feedRetryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, FEED_RETRY_MAX_MS]);
  });
});
