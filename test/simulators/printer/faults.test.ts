/**
 * Every fault kind in process, on a virtual clock: it surfaces at the driver as its typed error with the operator
 * message and action, the printer stays that way (status flag, refusals) until the operator acts, and after the
 * action the card cycle completes.
 */
import {
  CardJamError,
  CoverOpenError,
  FeederEmptyError,
  PrinterError,
  PrinterProtocolError,
  PrinterTimeoutError,
  RejectBoxFullError,
  RibbonEndedError,
  leavesCardInDoubt,
} from '../../../src/devices/printer/errors';
import { type PrinterWorld, printerWorld, testPanel } from './world';

const JOB = { front: testPanel(1), back: testPanel(2) };
const ONE_SIDE = { front: testPanel(3) };

async function cycle(w: PrinterWorld): Promise<void> {
  await w.run(w.printer.feedToContactStation());
  await w.run(w.printer.print(JOB));
  await w.run(w.printer.eject());
}

/** Asserts the typed error, its operator action, and that status shows the flag. */
async function expectCondition(w: PrinterWorld, error: Error, type: new (...a: never[]) => PrinterError, flag: string, action: string): Promise<void> {
  expect(error).toBeInstanceOf(type);
  expect((error as PrinterError).operatorAction).toBe(action);
  expect(error.message).toContain(action);
  const status = await w.run(w.printer.status());
  expect(status.state).toBe('error');
  expect(status.errors).toContain(flag);
  expect(status.problems.map((p) => p.operatorAction)).toContain(action);
}

test('feeder pick failure: FeederEmptyError until the operator refills (reseats) the feeder', async () => {
  const w = await printerWorld({ cards: 5, faults: 'feed@2' });
  await cycle(w);
  const e = await w.fail(w.printer.feedToContactStation());
  await expectCondition(w, e, FeederEmptyError, 'ERR_FEEDER_EMPTY', 'refill the feeder');
  expect(await w.run(w.printer.feederState())).toMatchObject({ code: 2, empty: true });
  // It stays that way: asking again changes nothing.
  expect(await w.fail(w.printer.feedToContactStation())).toBeInstanceOf(FeederEmptyError);
  expect(w.sim.operator.refill(0)).toBe('refill: loaded 0 card(s), stack reseated; feeder 4/100');
  await cycle(w);
  expect(w.sim.mechanism.counters.inserted).toBe(2);
});

test('an empty feeder: FeederEmptyError, then refill N brings cards from the plant', async () => {
  const w = await printerWorld({ cards: 1 });
  await cycle(w);
  expect((await w.run(w.printer.status())).warnings).toEqual([]);
  const e = await w.fail(w.printer.feedToContactStation());
  await expectCondition(w, e, FeederEmptyError, 'ERR_FEEDER_EMPTY', 'refill the feeder');
  expect(await w.run(w.printer.feederState())).toMatchObject({ code: 1 });
  expect(w.sim.operator.refill(3)).toBe('refill: loaded 3 card(s); feeder 3/100');
  expect((await w.run(w.printer.status())).warnings).toEqual(['WAR_FEEDER_NEAR_EMPTY']);
  await cycle(w);
});

test('jam at insert: CardJamError; the card is CARD (in the printer) until cleared by hand; then the next card', async () => {
  const w = await printerWorld({ cards: 5, faults: 'jam-insert@1' });
  const e = await w.fail(w.printer.feedToContactStation());
  await expectCondition(w, e, CardJamError, 'ERR_CARD_JAM', 'open the cover, remove the card, close the cover');
  expect(await w.run(w.printer.cardPosition())).toBe('card');
  // Nothing moves while the jam is there.
  expect(await w.fail(w.printer.eject())).toBeInstanceOf(CardJamError);
  const jammed = w.sim.plant.all()[0]!;
  expect(jammed.location).toEqual({ kind: 'jammed', station: 'printer-1' });
  expect(w.sim.operator.clearJam()).toBe(
    `clear-jam: opened the cover, removed card ${jammed.id} (jammed between the feeder and the contact station) by hand, closed the cover`,
  );
  expect(jammed.location).toEqual({ kind: 'removed' });
  expect(jammed.damage).toBe('jammed between the feeder and the contact station');
  expect(await w.run(w.printer.cardPosition())).toBe('none');
  await cycle(w);
  expect(w.sim.mechanism.outputHopper.map((c) => c.id)).toEqual([w.sim.plant.all()[1]!.id]);
});

test('jam at print: CardJamError from print; clear-jam; the next card prints', async () => {
  const w = await printerWorld({ cards: 20, faults: 'jam@1' });
  await w.run(w.printer.feedToContactStation());
  const e = await w.fail(w.printer.print(JOB));
  await expectCondition(w, e, CardJamError, 'ERR_CARD_JAM', 'open the cover, remove the card, close the cover');
  expect(w.sim.plant.all()[0]!.damage).toBe('jammed at the print head');
  w.sim.operator.clearJam();
  expect((await w.run(w.printer.status())).state).toBe('ready');
  await cycle(w);
});

test('ribbon ended: RibbonEndedError, the card stays at the contact station; replace-ribbon, then it prints', async () => {
  const w = await printerWorld({ cards: 5, faults: 'ribbon@1' });
  await w.run(w.printer.feedToContactStation());
  const e = await w.fail(w.printer.print(JOB));
  await expectCondition(w, e, RibbonEndedError, 'ERR_RIBBON_ENDED', 'replace the ribbon');
  expect(await w.run(w.printer.ribbonPanelsLeft())).toBe(0);
  expect(await w.run(w.printer.cardPosition())).toBe('smart-card');
  expect(w.sim.operator.replaceRibbon(250)).toBe('replace-ribbon: new YMCKO ribbon, 250 panels (50 card sides)');
  await w.run(w.printer.print(JOB));
  await w.run(w.printer.eject());
  expect(await w.run(w.printer.ribbonPanelsLeft())).toBe(240);
});

test('a ribbon that runs out between the sides: the front is printed, the host rejects the card', async () => {
  const w = await printerWorld({ cards: 5, ribbonPanels: 7 });
  expect((await w.run(w.printer.status())).warnings).toContain('WAR_RIBBON_LOW');
  await w.run(w.printer.feedToContactStation());
  expect(await w.fail(w.printer.print(JOB))).toBeInstanceOf(RibbonEndedError);
  const card = w.sim.mechanism.card!;
  expect(card.printed.front).toBeDefined();
  expect(card.printed.back).toBeUndefined();
  await w.run(w.printer.reject());
  expect(card.location).toEqual({ kind: 'reject-box', station: 'printer-1' });
});

test('cover opened: CoverOpenError on the next move; close-cover, and the cycle completes', async () => {
  const w = await printerWorld({ cards: 5, faults: 'cover@2' });
  await cycle(w);
  const e = await w.fail(w.printer.feedToContactStation());
  await expectCondition(w, e, CoverOpenError, 'ERR_COVER_OPEN', 'close the cover');
  expect(await w.run(w.printer.coverOpen())).toBe(true);
  expect(w.sim.operator.closeCover()).toBe('close-cover: cover closed');
  await cycle(w);
});

test('an operator opening the cover stops moves until it is closed', async () => {
  const w = await printerWorld({ cards: 5 });
  await w.run(w.printer.feedToContactStation());
  w.sim.operator.openCover();
  expect(await w.fail(w.printer.print(JOB))).toBeInstanceOf(CoverOpenError);
  w.sim.operator.closeCover();
  await w.run(w.printer.print(JOB));
  await w.run(w.printer.eject());
});

test('reject box full (sensor): RejectBoxFullError on insert; empty-reject, and the cycle completes', async () => {
  const w = await printerWorld({ cards: 5, faults: 'rejectfull@2' });
  await w.run(w.printer.feedToContactStation());
  await w.run(w.printer.reject());
  const e = await w.fail(w.printer.feedToContactStation());
  await expectCondition(w, e, RejectBoxFullError, 'ERR_REJECT_BOX_FULL', 'empty the reject box');
  const rejected = w.sim.plant.all()[0]!;
  expect(w.sim.operator.emptyReject()).toBe(`empty-reject: took 1 card(s) out of the reject box (${rejected.id}), sensor reset`);
  expect(rejected.location).toEqual({ kind: 'removed' });
  await cycle(w);
});

test('a reject box filled to capacity refuses the next reject and the next insert', async () => {
  const w = await printerWorld({ cards: 5, rejectCapacity: 1 });
  await w.run(w.printer.feedToContactStation());
  await w.run(w.printer.reject());
  expect(await w.fail(w.printer.feedToContactStation())).toBeInstanceOf(RejectBoxFullError);
  w.sim.operator.emptyReject();
  await w.run(w.printer.feedToContactStation());
  await w.run(w.printer.reject());
});

test('a garbled reply to a read is retried transparently', async () => {
  const w = await printerWorld({ cards: 5 });
  await w.run(w.printer.feedToContactStation());
  w.sim.armFault('garble');
  expect(await w.run(w.printer.cardPosition())).toBe('smart-card');
  expect(w.printer.stats).toMatchObject({ protocolErrors: 1, retries: 1 });
});

test('a garbled reply to a move is a PrinterProtocolError with the raw bytes; asking the printer tells where the card is', async () => {
  const w = await printerWorld({ cards: 5 });
  await w.run(w.printer.feedToContactStation());
  w.sim.armFault('garble');
  const e = await w.fail(w.printer.eject());
  expect(e).toBeInstanceOf(PrinterProtocolError);
  const raw = (e as PrinterProtocolError).raw;
  // "OK\r" with the high bit set on the first byte (and maybe the second): never the plain reply.
  expect(raw[0]).toBe(0x4f | 0x80);
  expect(raw[raw.length - 1]).toBe(0x0d);
  expect(raw.length).toBe(3);
  expect(e.message).toContain('raw bytes "\\xcf');
  expect(leavesCardInDoubt(e)).toBe(true);
  // The eject did happen; the driver resynchronises and the printer says so.
  expect(await w.run(w.printer.cardPosition())).toBe('none');
  await cycle(w);
});

test('no reply to a move: PrinterTimeoutError after the move time-out, never re-sent; the next read resynchronises', async () => {
  const w = await printerWorld({ cards: 5 });
  await w.run(w.printer.feedToContactStation());
  w.sim.armFault('silent');
  const before = w.sim.commandsReceived;
  const t0 = w.clock.now();
  const e = await w.fail(w.printer.eject());
  expect(e).toBeInstanceOf(PrinterTimeoutError);
  expect(w.clock.now() - t0).toBe(10_000);
  expect(w.sim.commandsReceived - before).toBe(1); // sent once, not retried
  expect(await w.run(w.printer.cardPosition())).toBe('none');
  expect(w.printer.stats.resyncs).toBe(2);
  await cycle(w);
});

test('no reply to a read: retried after resynchronising, and answered', async () => {
  const w = await printerWorld({ cards: 5 });
  w.sim.armFault('silent');
  expect(await w.run(w.printer.cardPosition())).toBe('none');
  expect(w.printer.stats).toMatchObject({ timeouts: 1, retries: 1 });
});

test('a late reply after a time-out is never taken as the answer to the next command', async () => {
  // The driver gives a print 5 s; the printer takes 24 s and then answers OK.
  const w = await printerWorld({ cards: 20 }, { timeouts: { printMs: 5_000 } });
  await w.run(w.printer.feedToContactStation());
  const e = await w.fail(w.printer.print(JOB));
  expect(e).toBeInstanceOf(PrinterTimeoutError);
  expect(leavesCardInDoubt(e)).toBe(true);
  // While the printer is busy printing, nothing answers: status is offline, not an error.
  const busy = await w.run(w.printer.status());
  expect(busy.state).toBe('offline');
  expect(busy.detail).toContain('resynchronisation probe');
  // Later the late OK and the probe's answer arrive; the driver discards them and reads the real state.
  await w.run(new Promise<void>((r) => w.clock.setTimeout(r, 30_000)));
  const status = await w.run(w.printer.status());
  expect(status.state).toBe('ready');
  expect(status.information).toContain('INF_CARD_PRINT_HEAD');
  expect(await w.run(w.printer.cardPosition())).toBe('card');
  expect(w.printer.stats.staleReplies).toBeGreaterThanOrEqual(2);
  await w.run(w.printer.eject());
  expect(w.sim.mechanism.outputHopper[0]?.printed.back).toBeDefined();
});

test('rates: the same seed gives the same faults over a run; another seed gives others', async () => {
  async function run(seed: string): Promise<string[]> {
    const w = await printerWorld({ cards: 60, seed, faults: 'feed=0.1,jam-insert=0.1,jam-print=0.1,ribbon=0.05,cover=0.05' });
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++) {
      try {
        await w.run(w.printer.feedToContactStation());
        await w.run(w.printer.print(ONE_SIDE));
        await w.run(w.printer.eject());
        outcomes.push('ok');
      } catch (e) {
        outcomes.push((e as Error).name);
        w.sim.operator.clearJam();
        w.sim.operator.closeCover();
        w.sim.operator.refill(0);
        w.sim.operator.replaceRibbon();
        if (w.sim.mechanism.card !== undefined) await w.run(w.printer.reject());
      }
    }
    return outcomes;
  }
  const a = await run('shift-1');
  expect(await run('shift-1')).toEqual(a);
  expect(await run('shift-2')).not.toEqual(a);
  expect(new Set(a)).toEqual(new Set(['ok', 'FeederEmptyError', 'CardJamError', 'RibbonEndedError', 'CoverOpenError']));
});
