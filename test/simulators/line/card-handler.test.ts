/** The simulated card handler: moves, typed errors, counters, sensing, faults and mix-ups. */
import {
  HandlingFeedError,
  HandlingJamError,
  HandlingRefusedError,
  HandlingTimeoutError,
  NoBlankError,
} from '../../../src/devices/handling/handling-errors';
import { JmrtdPersonalizer } from '../../../src/devices/chip/personalizer';
import { ChipTimeoutError, NoAtrError, NoCardError } from '../../../src/devices/chip/errors';
import { LINE_PLACES } from '../../../src/simulators/line/line-description';
import { DESK_LINE, lineWorld, MODULE_LINE, smallImage, uidOn } from './line-fixtures';

const at = <K extends 'feeder' | 'contact-station' | 'output-hopper' | 'scanner'>(kind: K, station: string) => ({ kind, station }) as const;

test('a card goes feeder -> encoder -> printer -> QC -> stacker, taking the documented times, counted by the handler', async () => {
  const w = lineWorld(MODULE_LINE);
  const h = w.line.handler;
  const t0 = w.clock.now();
  const fed = await w.run(h.feed('enc-1'));
  // feed 1.5 s + the module pulling the card in 0.5 s
  expect(w.clock.now() - t0).toBe(2_000);
  expect(fed.cardId).toBe('C0000001');
  expect(w.plant.card(fed.cardId).location).toEqual(at('contact-station', 'enc-1'));
  await w.run(h.transfer('enc-1', 'prn-1'));
  expect(w.plant.card(fed.cardId).location).toEqual(at('feeder', 'prn-1'));
  // the printer module sees the card in its own feeder
  const prn = w.line.station('prn-1');
  expect(prn.kind === 'printer' && prn.printer.mechanism.feeder.map((c) => c.id)).toEqual([fed.cardId]);
  // a card that is not at the printer's exit (its output hopper) cannot be taken from it
  expect(await w.fail(h.transfer('prn-1', 'qc-1'))).toMatchObject({ name: 'HandlingRefusedError', reason: 'no-card' });
  w.plant.move(w.plant.card(fed.cardId), at('output-hopper', 'prn-1'));
  await w.run(h.transfer('prn-1', 'qc-1'));
  expect(w.plant.card(fed.cardId).location).toEqual(at('scanner', 'qc-1'));
  const t1 = w.clock.now();
  await w.run(h.stack('qc-1', 7));
  expect(w.clock.now() - t1).toBe(1_500); // unload 0.5 s + stack 1 s
  expect(w.plant.card(fed.cardId).location).toEqual({ kind: 'stacker', station: 'output', sequence: 7 });
  expect(await w.run(h.counters())).toEqual({ fed: 1, stacked: 1, rejected: 0 });
  expect(await w.run(h.sense({ kind: 'output' }))).toBe('card');
  expect(await w.run(h.sense({ kind: 'exit', station: 'qc-1' }))).toBe('empty');
});

test('reject puts the card in the reject box with its reason; a full box refuses', async () => {
  const w = lineWorld({ ...MODULE_LINE, rejectCapacity: 1 });
  const h = w.line.handler;
  await w.run(h.feed('enc-1'));
  await w.run(h.reject('enc-1', 'chip write failed'));
  expect(w.plant.at(LINE_PLACES.reject).map((c) => c.location)).toEqual([{ kind: 'reject-box', station: 'reject', reason: 'chip write failed' }]);
  await w.run(h.feed('enc-1'));
  const full = await w.fail(h.reject('enc-1', 'again'));
  expect(full).toBeInstanceOf(HandlingRefusedError);
  expect(full).toMatchObject({ reason: 'full' });
  expect(w.line.operator.emptyRejectBox()).toBe("empty-reject: took 1 card(s) out of the line's reject box");
  await w.run(h.reject('enc-1', 'again'));
  expect(await w.run(h.counters())).toEqual({ fed: 2, stacked: 0, rejected: 2 });
});

test('typed refusals: unknown station, occupied module, no blank left', async () => {
  const w = lineWorld({ ...MODULE_LINE, blanks: 2 });
  const h = w.line.handler;
  expect(await w.fail(h.feed('enc-9'))).toMatchObject({ name: 'HandlingRefusedError', reason: 'unknown-station', message: expect.stringContaining('enc-1, enc-2, prn-1, qc-1') });
  // two feeds to one module at once: the second is refused at once (the first card is already on its way)
  const first = h.feed('enc-1');
  expect(await w.fail(h.feed('enc-1'))).toMatchObject({ name: 'HandlingRefusedError', reason: 'occupied' });
  await w.run(first);
  await w.run(h.feed('enc-2'));
  const none = await w.fail(h.feed('prn-1'));
  expect(none).toBeInstanceOf(NoBlankError);
  expect(await w.run(h.sense({ kind: 'input' }))).toBe('empty');
  expect(w.line.operator.loadBlanks(3)).toBe('load-blanks: loaded 3 blank(s); input feeder 3/100');
  expect((await w.run(h.feed('prn-1'))).cardId).toBe('C0000003');
});

test('a time-out leaves the move in doubt: the card still arrives, and sense and counters tell', async () => {
  const w = lineWorld(MODULE_LINE);
  const h = w.line.handler;
  const e = await w.fail(h.feed('enc-1', { timeoutMs: 1_000 }));
  expect(e).toBeInstanceOf(HandlingTimeoutError);
  expect(e).toMatchObject({ operation: 'feed', timeoutMs: 1_000 });
  await w.clock.runUntilIdle();
  expect(await w.run(h.sense({ kind: 'entry', station: 'enc-1' }))).toBe('card');
  expect((await w.run(h.counters())).fed).toBe(1);
  // An aborted wait is not a time-out; the move goes on all the same.
  const abort = new AbortController();
  const feeding = h.feed('enc-2', { signal: abort.signal });
  abort.abort();
  expect(await w.fail(feeding)).toMatchObject({ name: 'HandlingAbortedError', operation: 'feed' });
  await w.clock.runUntilIdle();
  expect(await w.run(h.sense({ kind: 'entry', station: 'enc-2' }))).toBe('card');
});

test('a misfeed moves nothing and is counted; the next feed works', async () => {
  const w = lineWorld(MODULE_LINE, { faults: 'handler.feed@1' });
  const h = w.line.handler;
  const e = await w.fail(h.feed('enc-1'));
  expect(e).toBeInstanceOf(HandlingFeedError);
  expect(w.plant.count(LINE_PLACES.input)).toBe(10);
  expect((await w.run(h.counters())).fed).toBe(0);
  expect((await w.run(h.feed('enc-1'))).cardId).toBe('C0000001');
  expect(h.injectedFaults()).toEqual({ feed: 1, jam: 0, mixup: 0 });
});

test('a jam spoils the card and stops the handler until an operator clears it', async () => {
  const w = lineWorld(MODULE_LINE, { faults: 'handler.jam@2' });
  const h = w.line.handler;
  const { cardId } = await w.run(h.feed('enc-1'));
  const jam = await w.fail(h.transfer('enc-1', 'prn-1'));
  expect(jam).toBeInstanceOf(HandlingJamError);
  expect(jam).toMatchObject({ cardId, operatorAction: `clear the jam on the handler between enc-1 and prn-1 (take card ${cardId} out)` });
  expect(w.plant.card(cardId).location).toEqual(LINE_PLACES.jammed);
  expect(w.plant.card(cardId).damage).toBe('jammed on the handler between enc-1 and prn-1');
  // stopped: every move fails the same way, sensing still works
  expect(await w.fail(h.feed('enc-2'))).toBeInstanceOf(HandlingJamError);
  expect(await w.run(h.sense({ kind: 'transit' }))).toBe('card');
  expect(w.line.operator.clearJam()).toBe(`clear-jam: took card ${cardId} (jammed on the handler between enc-1 and prn-1) off the handler; the handler runs again`);
  expect(w.plant.card(cardId).location).toEqual({ kind: 'removed' });
  await w.run(h.feed('enc-2'));
  expect(h.injectedFaults().jam).toBe(1);
});

test('a mix-up with no other card within reach is not injected: a blank in the input feeder is never taken', async () => {
  const w = lineWorld(DESK_LINE, { faults: 'mixup@1' });
  const h = w.line.handler;
  const pe = w.line.station('pe-1');
  const qc = w.line.station('qc-1');
  if (pe.kind !== 'printer-encoder' || qc.kind !== 'qc') throw new Error('stations');
  // Card A: fed to the printer, personalized at its contact station, ejected (as the controller would do it).
  const a = await w.run(h.feed('pe-1'));
  const mechanism = pe.printer.mechanism;
  mechanism.moveInside(mechanism.pick(), 'contact-station');
  const channel = await w.run(pe.reader.waitForCard());
  const uidA = await w.run(uidOn(channel));
  await w.run(new JmrtdPersonalizer().personalize(channel, smallImage('A')));
  mechanism.release('output-hopper');
  // The only other card is the next blank in the input feeder: the feeder reads serials, so it is left alone.
  const blank = w.plant.at(LINE_PLACES.input)[0]!;
  await w.run(h.transfer('pe-1', 'qc-1'));
  expect(w.plant.card(a.cardId).location).toEqual(at('scanner', 'qc-1'));
  expect(w.plant.at(LINE_PLACES.input)[0]!.id).toBe(blank.id);
  const seen = await w.run(qc.reader.waitForCard());
  expect(await w.run(uidOn(seen))).toBe(uidA);
  expect(w.line.injectedFaults().byKind).toEqual({});
});

test('two cards in transit at once swap destinations', async () => {
  const w = lineWorld(MODULE_LINE, { faults: 'mixup@1' });
  const h = w.line.handler;
  const a = await w.run(h.feed('enc-1'));
  const b = await w.run(h.feed('enc-2'));
  const events: string[] = [];
  h.onEvent((e) => e.kind === 'fault' && events.push(e.text));
  // B's transfer (the first, so the one mixed up) arrives at 2 s; A's, into a module, at 2.5 s: A is still on the handler.
  const tb = h.transfer('enc-2', 'prn-1');
  const ta = h.transfer('enc-1', 'qc-1');
  await w.run(Promise.all([ta, tb]));
  expect(w.plant.card(a.cardId).location).toEqual(at('feeder', 'prn-1'));
  expect(w.plant.card(b.cardId).location).toEqual(at('scanner', 'qc-1'));
  expect(events).toEqual([`mix-up: card ${b.cardId} was swapped with card ${a.cardId} on its way to prn-1`]);
});

test('a reader loses the card when it leaves; a QC reader waits for the next one', async () => {
  const w = lineWorld(MODULE_LINE);
  const h = w.line.handler;
  const enc = w.line.station('enc-1');
  const qc = w.line.station('qc-1');
  if (enc.kind !== 'encoder' || qc.kind !== 'qc') throw new Error('stations');
  expect(await w.fail(enc.reader.waitForCard())).toBeInstanceOf(NoCardError);
  const waiting = qc.reader.waitForCard();
  await w.run(h.feed('enc-1'));
  const channel = await w.run(enc.reader.waitForCard());
  await w.run(uidOn(channel));
  await w.run(h.transfer('enc-1', 'qc-1'));
  expect(await w.fail(uidOn(channel))).toBeInstanceOf(NoCardError);
  await w.run(uidOn(await w.run(waiting)));
});

test('faults are deterministic for a seed and counted as injected', async () => {
  async function run(seed: string) {
    const w = lineWorld({ ...MODULE_LINE, blanks: 60 }, { seed, faults: 'handler.feed=0.2,handler.jam=0.1' });
    const h = w.line.handler;
    const log: string[] = [];
    for (let i = 0; i < 40; i++) {
      try {
        const { cardId } = await w.run(h.feed('enc-1'));
        await w.run(h.reject('enc-1', 'test'));
        log.push(cardId);
      } catch (e) {
        log.push((e as Error).name);
        if (e instanceof HandlingJamError) w.line.operator.clearJam();
      }
    }
    return { log, faults: h.injectedFaults() };
  }
  const a = await run('s1');
  const b = await run('s1');
  const c = await run('s2');
  expect(b).toEqual(a);
  expect(c.log).not.toEqual(a.log);
  expect(a.faults.feed).toBe(a.log.filter((x) => x === 'HandlingFeedError').length);
  expect(a.faults.jam).toBe(a.log.filter((x) => x === 'HandlingJamError').length);
  expect(a.faults.feed + a.faults.jam).toBeGreaterThan(0);
});

test('chip faults of blanks are drawn per serial from the seed, and counted when their blank enters the line', async () => {
  const faultsOf = (seed: string) => {
    const w = lineWorld({ ...MODULE_LINE, blanks: 40 }, { seed, faults: 'chip=0.5,chip-personalized@3' });
    return { w, faults: w.plant.all().map((c) => w.plant.chipFaults(c)) };
  };
  const a = faultsOf('x');
  expect(faultsOf('x').faults).toEqual(a.faults);
  expect(faultsOf('y').faults).not.toEqual(a.faults);
  expect(a.faults[2]).toEqual([{ kind: 'already-personalized' }]);
  const kinds = new Set(a.faults.flat().map((f) => f.kind));
  expect(kinds).toEqual(new Set(['write-failure', 'tearing', 'dead', 'slow', 'already-personalized']));
  // Nothing is injected until blanks are fed; then each fed blank's fault counts once.
  const { w } = a;
  expect(w.line.injectedFaults()).toEqual({ total: 0, byKind: {}, byDevice: { handler: { feed: 0, jam: 0, mixup: 0 }, chips: {}, 'prn-1': {} } });
  for (const station of ['enc-1', 'enc-2', 'qc-1']) await w.run(w.line.handler.feed(station));
  const fed = a.faults.slice(0, 3).flat();
  const injected = w.line.injectedFaults();
  expect(injected.total).toBe(fed.length);
  for (const f of fed) expect(injected.byKind[`chip:${f.kind}`]).toBeGreaterThan(0);
});

test('chip faults act at the station reader: a dead chip gives no ATR, a slow chip answers late on the line clock', async () => {
  const w = lineWorld(MODULE_LINE, { faults: 'chip-dead@1,chip-slow@2' });
  const enc1 = w.line.station('enc-1');
  const enc2 = w.line.station('enc-2');
  if (enc1.kind !== 'encoder' || enc2.kind !== 'encoder') throw new Error('stations');
  await w.run(w.line.handler.feed('enc-1'));
  await w.run(w.line.handler.feed('enc-2'));
  expect(await w.fail(enc1.reader.waitForCard())).toBeInstanceOf(NoAtrError);
  const slow = await w.run(enc2.reader.waitForCard());
  const t0 = w.clock.now();
  const answer = await w.fail(uidOn(slow));
  expect(answer).toBeInstanceOf(ChipTimeoutError);
  expect(w.clock.now() - t0).toBe(5_000); // the channel's time-out, before the chip's 10 s delay
  expect(w.line.injectedFaults().byKind).toEqual({ 'chip:dead': 1, 'chip:slow': 1 });
});
