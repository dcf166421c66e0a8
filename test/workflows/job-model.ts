/**
 * The card job as a test model for xstate/graph: for each snapshot, the outcomes its pending effect can have
 * (as XState's done/error events) and the events the line service or an operator can send. Paths through this
 * model are then replayed on a real actor with stub effects (JobHarness).
 */
import type { EventObject } from 'xstate';
import type { CardJobContext, FailureKind, InDoubtResolution, JobFailure } from '../../src/workflows';

/** The step effect each state invokes (`waitingForBlank` only in its `feeding` sub-state). */
export const EFFECT_OF_STATE: Readonly<Record<string, string>> = {
  waitingForBlank: 'feedBlank',
  fed: 'moveToEncoder',
  atEncoder: 'personalize',
  personalizing: 'verifyChip',
  chipVerified: 'moveToPrinter',
  printing: 'print',
  printed: 'moveToQc',
  atQc: 'inspect',
  passed: 'deliver',
  rejecting: 'reject',
  inDoubt: 'resolveInDoubt',
};

/** The failure kinds each effect is tried with in the model. */
const KINDS_OF_EFFECT: Readonly<Record<string, readonly FailureKind[]>> = {
  feedBlank: ['device', 'in-doubt', 'operator-needed'],
  moveToEncoder: ['device', 'in-doubt', 'operator-needed'],
  personalize: ['chip', 'device', 'in-doubt', 'operator-needed'],
  verifyChip: ['chip', 'in-doubt'],
  moveToPrinter: ['device', 'operator-needed'],
  print: ['print', 'device', 'in-doubt', 'operator-needed'],
  moveToQc: ['device', 'in-doubt'],
  inspect: ['qc', 'device', 'in-doubt', 'operator-needed'],
  deliver: ['device', 'in-doubt', 'operator-needed'],
  reject: ['device', 'in-doubt', 'operator-needed'],
};

/** The XState event for an effect that resolved. */
export function done(effect: string, output?: unknown): EventObject {
  return { type: `xstate.done.actor.${effect}`, output } as EventObject;
}

/** The XState event for an effect that rejected. */
export function error(effect: string, reason: JobFailure): EventObject {
  return { type: `xstate.error.actor.${effect}`, error: reason } as EventObject;
}

/** The top-level state of a snapshot value. */
export function topState(value: unknown): string {
  return typeof value === 'string' ? value : Object.keys(value as object)[0]!;
}

function successOutputs(effect: string, ctx: CardJobContext): unknown[] {
  switch (effect) {
    case 'feedBlank':
      return [{ cardId: `card-${ctx.attempt}`, station: 'feeder-1' }];
    case 'moveToEncoder':
      return [{ station: 'encoder-1' }];
    case 'personalize':
      return [{ chipUid: `uid-${ctx.attempt}` }];
    case 'moveToPrinter':
      return [{ station: 'printer-1' }];
    case 'moveToQc':
      return [{ station: 'qc-1' }];
    case 'inspect':
      return [
        { verdict: 'pass', reason: 'score 0.98' },
        { verdict: 'fail', reason: 'score 0.41' },
        { verdict: 'mix-up', reason: 'MRZ of another record' },
      ];
    case 'resolveInDoubt': {
      const answers: InDoubtResolution[] = [
        { resolution: 'done', ...(ctx.cardId === undefined ? { cardId: `card-${ctx.attempt}` } : {}) },
        { resolution: 'not-done' },
        { resolution: 'spoiled', reason: 'found bent' },
        { resolution: 'hold', reason: 'printer cannot say' },
      ];
      return answers;
    }
    default:
      return [undefined];
  }
}

/** Options that shrink the model for path enumeration. */
export interface ModelOptions {
  /** Effects whose failures are left out (to keep simple-path enumeration small). */
  noFailures?: readonly string[];
  /** Leave out the refused DECIDE (dual control) event. */
  noRefusedDecision?: boolean;
}

/** The events the model offers in a snapshot. */
export function modelEvents(snapshot: { value: unknown; context: CardJobContext }, options: ModelOptions = {}): EventObject[] {
  const state = topState(snapshot.value);
  const ctx = snapshot.context;
  if (state === 'prepared') return [{ type: 'RELEASE' }];
  if (state === 'waitingForStation') return [{ type: 'STATION_READY' }];
  if (state === 'held') {
    const events: EventObject[] = [
      { type: 'DECIDE', decision: 'verify', by: ['Lan'] } as EventObject,
      { type: 'DECIDE', decision: 'destroy', by: ['Lan', 'Minh'] } as EventObject,
    ];
    if (!options.noRefusedDecision) events.push({ type: 'DECIDE', decision: 'destroy', by: ['Lan', ' lan '] } as EventObject);
    return events;
  }
  if (state === 'waitingForBlank' && typeof snapshot.value === 'object' && (snapshot.value as Record<string, string>)['waitingForBlank'] === 'retrying') {
    return [{ type: 'xstate.after.feedRetry.cardJob.waitingForBlank.retrying' }];
  }
  const effect = EFFECT_OF_STATE[state];
  if (effect === undefined) return [];
  const events = successOutputs(effect, ctx).map((output) => done(effect, output));
  if (effect === 'resolveInDoubt') {
    events.push(error(effect, { kind: 'device', message: 'reader not answering' }));
  } else if (!options.noFailures?.includes(effect)) {
    for (const kind of KINDS_OF_EFFECT[effect] ?? []) events.push(error(effect, { kind, message: `${effect} ${kind}` }));
  }
  return events;
}

/** A compact key of a snapshot for path enumeration: what decides the job's future, not the messages. */
export function modelKey(snapshot: { value: unknown; context: CardJobContext }): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.attempt,
    c.cardId ?? null,
    c.pendingStep ?? null,
    c.feedFailures,
    c.failure?.kind ?? null,
    c.decisionError === undefined ? 0 : 1,
  ]);
}

/** How many different people signed (trimmed, case-insensitive), computed apart from the machine's own rule. */
export function signaturesOf(by: readonly string[]): number {
  return new Set(by.map((name) => name.trim().toLowerCase()).filter((name) => name !== '')).size;
}

/** A short name for a model event: its type and the payload field that changes what it means. */
export function eventKey(event: EventObject): string {
  const e = event as { type: string; error?: { kind?: string }; output?: Record<string, unknown>; decision?: string; by?: string[] };
  const detail = e.error?.kind ?? e.output?.['verdict'] ?? e.output?.['resolution'] ?? (e.decision ? `${e.decision}/${signaturesOf(e.by ?? [])}` : '');
  return detail ? `${e.type}:${String(detail)}` : e.type;
}

/** Drops the bare error events xstate/graph adds for effects the model leaves without failures. */
export function filterModelEvents(_snapshot: unknown, event: EventObject): boolean {
  return !(event.type.startsWith('xstate.error.actor.') && !('error' in event));
}
