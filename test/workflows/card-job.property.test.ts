/**
 * The core invariant of the line, as a property: whatever the effects answer and whatever operators decide, a
 * record never yields two good cards, never gets a new blank while one of its cards is still unaccounted for
 * (in a step, in doubt or held), and every run ends in `output`, `failed` or `held`.
 *
 * A physical ledger is kept apart from the machine: which card is bound to the record, which cards left the
 * flow (job-oracle.ts), which were delivered. The machine's own context is not trusted for any of it.
 */
import fc from 'fast-check';
import { feedRetryDelay, JOB_STEPS } from '../../src/workflows';
import { JobHarness } from './job-harness';
import { done, error, topState } from './job-model';
import { cardDelivered, cardLeaves } from './job-oracle';
import type { EventObject } from 'xstate';
import type { CardJobActorName, CardJobEvent, CardJobInput, JobFailure, JobStep, ResumePoint } from '../../src/workflows';

/** What happened to the record's cards, seen from the outside. */
class Ledger {
  bound: string | undefined;
  readonly fed = new Set<string>();
  readonly delivered = new Set<string>();
  feedsWhileBound = 0;
  lost = 0;

  /** Applies `event` taken in `before` (the snapshot just before it). */
  apply(before: { value: unknown; context: { pendingStep?: JobStep; cardId?: string } & object }, event: EventObject): void {
    const state = topState(before.value);
    const b = before as Parameters<typeof cardLeaves>[0];
    if (cardDelivered(b, event)) {
      if (this.bound === undefined) throw new Error('a card was delivered while none was bound');
      this.delivered.add(this.bound);
    }
    if (cardLeaves(b, event)) {
      this.bound = undefined;
      this.lost++;
    }
    const output = (event as { output?: { cardId?: string; resolution?: string } }).output;
    if (event.type === 'xstate.done.actor.feedBlank') this.bind(output!.cardId!);
    if (state === 'inDoubt' && before.context.pendingStep === 'feed' && event.type === 'xstate.done.actor.resolveInDoubt') {
      // "The feed did not happen": the blank it named was never bound.
      if (output?.resolution === 'not-done' && this.bound !== undefined) {
        this.fed.delete(this.bound);
        this.bound = undefined;
      }
      if (output?.resolution === 'done' && this.bound === undefined && output.cardId) this.bind(output.cardId);
    }
  }

  private bind(cardId: string): void {
    this.bound = cardId;
    this.fed.add(cardId);
  }
}

type Choice = number;

/** Picks from a menu; when the choices run out, the first entry (progress) is taken. */
class Chooser {
  private i = 0;
  constructor(private readonly choices: readonly Choice[]) {}
  get exhausted(): boolean {
    return this.i >= this.choices.length;
  }
  pick<T>(menu: readonly T[]): T {
    const c = this.i < this.choices.length ? this.choices[this.i++]! : 0;
    return menu[c % menu.length]!;
  }
}

const op = (message: string, station?: string): JobFailure => ({ kind: 'operator-needed', message, ...(station ? { station } : {}) });

/** Possible rejections of each effect: typed failures of every kind, and an untyped exception. */
function failures(effect: CardJobActorName): unknown[] {
  const typed: JobFailure[] = [
    { kind: 'device', message: `${effect}: device error` },
    { kind: 'in-doubt', message: `${effect}: no reply` },
    op(`${effect}: jam`, 'station-1'),
    { kind: 'chip', message: 'chip refused' },
    { kind: 'print', message: 'print defect' },
    { kind: 'qc', message: 'qc' },
    { kind: 'mix-up', message: 'mix-up' },
  ];
  return [...typed, new Error('driver crashed')];
}

function successes(effect: CardJobActorName, serial: number): unknown[] {
  switch (effect) {
    case 'feedBlank':
      return [{ cardId: `card-${serial}`, station: 'feeder-1' }];
    case 'personalize':
      return [{ chipUid: `uid-${serial}` }];
    case 'moveToEncoder':
    case 'moveToPrinter':
    case 'moveToQc':
      return [{ station: `${effect}-station` }, {}];
    case 'inspect':
      return [
        { verdict: 'pass', reason: 'ok' },
        { verdict: 'fail', reason: 'score low' },
        { verdict: 'mix-up', reason: 'other record' },
      ];
    case 'resolveInDoubt':
      return [
        { resolution: 'done', cardId: `card-${serial}` },
        { resolution: 'not-done' },
        { resolution: 'spoiled', reason: 'bent' },
        { resolution: 'hold', reason: 'cannot tell' },
      ];
    default:
      return [undefined];
  }
}

const DECISIONS: ReadonlyArray<CardJobEvent | 'leave'> = [
  { type: 'DECIDE', decision: 'verify', by: ['Lan'] },
  { type: 'DECIDE', decision: 'destroy', by: ['Lan', 'Minh'] },
  { type: 'DECIDE', decision: 'destroy', by: ['Lan', ' LAN'] },
  { type: 'DECIDE', decision: 'destroy', by: ['Lan'] },
  { type: 'DECIDE', decision: 'verify', by: [] },
  'leave',
];

/** Runs one job to its end under `choices`, checking the ledger at every step. */
async function run(input: CardJobInput, choices: readonly Choice[]): Promise<{ h: JobHarness; ledger: Ledger; end: string }> {
  const h = new JobHarness(input);
  const ledger = new Ledger();
  const resume = input.resume;
  if (resume && resume.cardId && !(resume.step === 'feed' && resume.completed === false) && !(resume.step === 'reject' && resume.completed === true)) {
    ledger.bound = resume.cardId;
    ledger.fed.add(resume.cardId);
  }
  if (resume?.step === 'deliver' && resume.completed === true) ledger.delivered.add(resume.cardId!);
  const chooser = new Chooser(choices);
  let serial = 0;
  let feedsSeen = 0;
  for (let steps = 0; steps < 400; steps++) {
    if (h.error !== undefined) throw new Error(`the actor failed: ${String(h.error)}`);
    const snapshot = h.snapshot;
    const state = h.state;
    if (snapshot.status === 'done') return { h, ledger, end: state };

    // A new blank is asked for only when no card of the record is in the flow.
    const feeds = h.calls.filter((c) => c.name === 'feedBlank').length;
    if (feeds > feedsSeen) {
      feedsSeen = feeds;
      if (ledger.bound !== undefined) ledger.feedsWhileBound++;
      expect(['inDoubt', 'held', 'waitingForStation', 'rejecting']).not.toContain(topState(h.snapshot.value));
    }

    if (state === 'prepared') {
      await h.send({ type: 'RELEASE' });
    } else if (state === 'held') {
      const decision = chooser.exhausted ? 'leave' : chooser.pick(DECISIONS);
      if (decision === 'leave') return { h, ledger, end: state };
      ledger.apply(snapshot, decision);
      await h.send(decision);
    } else if (state === 'waitingForStation') {
      const ready: CardJobEvent = chooser.pick([{ type: 'STATION_READY' }, { type: 'STATION_READY', stationId: 'station-1' }, { type: 'STATION_READY', stationId: 'elsewhere' }]);
      await h.send(ready);
    } else if (typeof snapshot.value === 'object' && (snapshot.value as Record<string, string>)['waitingForBlank'] === 'retrying') {
      const due = h.clock.nextDue!;
      expect(due - h.clock.now()).toBe(feedRetryDelay(snapshot.context.feedFailures));
      await h.clock.advanceTo(due);
    } else {
      const call = h.pending;
      if (!call) throw new Error(`nothing pending in ${state}`);
      serial++;
      const menu: Array<{ ok: true; output: unknown } | { ok: false; reason: unknown }> = [
        ...successes(call.name, serial).map((output) => ({ ok: true as const, output })),
        ...(call.name === 'resolveInDoubt' ? [new Error('reader gone')] : failures(call.name)).map((reason) => ({ ok: false as const, reason })),
      ];
      const outcome = chooser.pick(menu);
      const event = outcome.ok ? done(call.name, outcome.output) : error(call.name, outcome.reason as JobFailure);
      ledger.apply(snapshot, event);
      if (outcome.ok) await h.resolve(call.name, outcome.output);
      else await h.reject(call.name, outcome.reason);
    }
  }
  throw new Error(`no end after 400 steps, in ${h.state}`);
}

const resumePoint: fc.Arbitrary<ResumePoint | undefined> = fc.option(
  fc.record({
    step: fc.constantFrom(...JOB_STEPS),
    completed: fc.constantFrom<boolean | 'unknown'>(true, false, 'unknown'),
    cardId: fc.constant('card-resumed'),
  }),
  { nil: undefined },
);

/** 300 runs by default; set WORKFLOW_PROPERTY_RUNS for a longer exploration. */
const RUNS = Number(process.env['WORKFLOW_PROPERTY_RUNS'] ?? 300);

describe('card job: the record-never-yields-two-cards property', () => {
  test('random outcomes and decisions: one good card at most, no blank while a card is unaccounted for, a proper end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        resumePoint,
        fc.array(fc.nat({ max: 40 }), { maxLength: 80 }),
        async (maxAttempts, maxFeedRetries, resume, choices) => {
          const input: CardJobInput = { recordId: 'rec-p', maxAttempts, maxFeedRetries, ...(resume ? { resume, attempt: 0 } : {}) };
          const { h, ledger, end } = await run(input, choices);
          h.stop();

          expect(ledger.feedsWhileBound).toBe(0);
          expect(ledger.delivered.size).toBeLessThanOrEqual(1);
          expect(ledger.fed.size).toBeLessThanOrEqual(maxAttempts);
          expect(['output', 'failed', 'held']).toContain(end);
          if (end === 'output') expect(ledger.delivered.size).toBe(1);
          if (end === 'failed') {
            expect(ledger.delivered.size).toBe(0);
            expect(h.snapshot.context.attempt).toBe(maxAttempts);
            expect(h.snapshot.context.failure).toBeDefined();
          }
          if (end === 'held') expect(ledger.delivered.size).toBe(0);
          // A held record keeps its card: it is not released to a new blank.
          if (end === 'held') expect(h.pending).toBeUndefined();
          // The emitted history is a chain: each change starts where the previous one ended.
          const changes = h.emitted.filter((e) => e.type === 'job.state');
          changes.forEach((e, i) => expect(e.from).toBe(i === 0 ? null : changes[i - 1]!.to));
          expect(changes[changes.length - 1]!.to).toBe(end);
        },
      ),
      { numRuns: RUNS },
    );
  }, Math.max(60_000, RUNS * 60));
});
