/**
 * Runs a card job with stub actors that stay pending until the test settles them, on a VirtualClock, and
 * records every invocation and every emitted event.
 */
import { createActor, fromPromise } from 'xstate';
import { cardJobActors, cardJobMachine } from '../../src/workflows';
import { VirtualClock } from '../../src/simulators/virtual-clock';
import type { CardJobActorName, CardJobEmitted, CardJobEvent, CardJobInput, JobFailure } from '../../src/workflows';

/** One invocation of an effect. */
export interface Call {
  name: CardJobActorName;
  input: Record<string, unknown>;
  resolve(output: unknown): void;
  reject(reason: unknown): void;
  settled: boolean;
  /** The machine left the state that invoked it (its AbortSignal fired). */
  aborted: boolean;
}

/** Lets promise callbacks and XState's reactions to them run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function stub<TOutput, TInput>(name: CardJobActorName, calls: Call[]) {
  return fromPromise<TOutput, TInput>(
    ({ input, signal }) =>
      new Promise<TOutput>((resolve, reject) => {
        const call: Call = {
          name,
          input: input as Record<string, unknown>,
          resolve: (output) => {
            call.settled = true;
            resolve(output as TOutput);
          },
          reject: (reason) => {
            call.settled = true;
            reject(reason);
          },
          settled: false,
          aborted: false,
        };
        signal.addEventListener('abort', () => {
          call.aborted = true;
        });
        calls.push(call);
      }),
  );
}

type Actors = typeof cardJobActors;

function stubs(calls: Call[]): Actors {
  return {
    feedBlank: stub('feedBlank', calls),
    moveToEncoder: stub('moveToEncoder', calls),
    personalize: stub('personalize', calls),
    verifyChip: stub('verifyChip', calls),
    moveToPrinter: stub('moveToPrinter', calls),
    print: stub('print', calls),
    moveToQc: stub('moveToQc', calls),
    inspect: stub('inspect', calls),
    deliver: stub('deliver', calls),
    reject: stub('reject', calls),
    resolveInDoubt: stub('resolveInDoubt', calls),
  };
}

/** A card job under test. */
export class JobHarness {
  readonly clock = new VirtualClock();
  readonly calls: Call[] = [];
  readonly emitted: CardJobEmitted[] = [];
  readonly actor;
  error: unknown = undefined;

  constructor(input: CardJobInput, overrides: Partial<Actors> = {}) {
    const machine = cardJobMachine.provide({ actors: { ...stubs(this.calls), ...overrides } });
    this.actor = createActor(machine, { input, clock: this.clock });
    this.actor.on('*', (event) => {
      this.emitted.push(event);
    });
    this.actor.subscribe({ error: (err) => (this.error = err) });
    this.actor.start();
  }

  /** The snapshot now. */
  get snapshot() {
    return this.actor.getSnapshot();
  }

  /** The top-level state name (`waitingForBlank` for both of its sub-states). */
  get state(): string {
    const value = this.snapshot.value;
    return typeof value === 'string' ? value : Object.keys(value)[0]!;
  }

  /** The effect waiting to be settled, if any (at most one runs at a time in a card job). */
  get pending(): Call | undefined {
    const open = this.calls.filter((c) => !c.settled && !c.aborted);
    if (open.length > 1) throw new Error(`more than one effect pending: ${open.map((c) => c.name).join(', ')}`);
    return open[0];
  }

  private expect(name: CardJobActorName): Call {
    const call = this.pending;
    if (!call || call.name !== name) throw new Error(`expected ${name} to be pending, found ${call?.name ?? 'nothing'} in ${this.state}`);
    return call;
  }

  /** Settles the pending `name` with `output`. */
  async resolve(name: CardJobActorName, output?: unknown): Promise<void> {
    this.expect(name).resolve(output);
    await settle();
  }

  /** Fails the pending `name` with `reason`. */
  async reject(name: CardJobActorName, reason: JobFailure | unknown): Promise<void> {
    this.expect(name).reject(reason);
    await settle();
  }

  async send(event: CardJobEvent): Promise<void> {
    this.actor.send(event);
    await settle();
  }

  /** The `job.state` targets emitted so far, in order. */
  get history(): string[] {
    return this.emitted.flatMap((e) => (e.type === 'job.state' ? [e.to] : []));
  }

  stop(): void {
    this.actor.stop();
  }
}

/** A typed failure. */
export function failure(kind: JobFailure['kind'], message = `${kind} failure`): JobFailure {
  return { kind, message };
}
