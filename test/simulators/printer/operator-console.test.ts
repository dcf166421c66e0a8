/** The simulator console: each line an operator types, and what it prints. */
import { runConsoleLine } from '../../../src/simulators/printer/operator-console';
import { PrinterSimulator } from '../../../src/simulators/printer/printer-simulator';
import { createMemoryLink } from '../../../src/devices/transport/memory-link';
import { VirtualClock } from '../../../src/simulators/virtual-clock';

function sim(options: Partial<ConstructorParameters<typeof PrinterSimulator>[0]> = {}): PrinterSimulator {
  const clock = new VirtualClock();
  return new PrinterSimulator({ transport: createMemoryLink({ clock })[1], clock, cards: 20, rejectCapacity: 10, ...options });
}

test('status describes the whole printer in one line', () => {
  expect(runConsoleLine(sim(), 'status')).toEqual({
    ok: true,
    text: 'status: INF_CARD_FEEDER; feeder 20/100; ribbon 1000 panels; no card inside; reject box 0/10; output hopper 0; cover closed; inserted 0, printed 0, rejected 0',
  });
});

test('each action prints what it did', () => {
  const s = sim();
  expect(runConsoleLine(s, 'open-cover').text).toBe('open-cover: cover open');
  expect(runConsoleLine(s, 'open-cover').text).toBe('open-cover: the cover was already open');
  expect(runConsoleLine(s, 'status').text).toContain('ERR_COVER_OPEN');
  expect(runConsoleLine(s, 'close-cover').text).toBe('close-cover: cover closed');
  expect(runConsoleLine(s, 'refill 30').text).toBe('refill: loaded 30 card(s); feeder 50/100');
  expect(runConsoleLine(s, 'refill').text).toBe('refill: loaded 50 card(s); feeder 100/100');
  expect(runConsoleLine(s, 'refill 5').text).toBe('refill: loaded 0 card(s) of 5 (the feeder is full); feeder 100/100');
  expect(runConsoleLine(s, 'replace-ribbon 250').text).toBe('replace-ribbon: new YMCKO ribbon, 250 panels (50 card sides)');
  expect(runConsoleLine(s, 'replace-ribbon').text).toBe('replace-ribbon: new YMCKO ribbon, 1000 panels (200 card sides)');
  expect(runConsoleLine(s, 'clear-jam').text).toBe('clear-jam: there is no jam');
  expect(runConsoleLine(s, 'empty-reject').text).toBe('empty-reject: took 0 card(s) out of the reject box');
  expect(runConsoleLine(s, 'clean').text).toBe('clean: printer cleaned');
  expect(runConsoleLine(s, 'fault jam').text).toBe('fault: jam-print armed for its next opportunity');
  expect(runConsoleLine(s, 'help').text).toContain('refill [N], clear-jam, replace-ribbon [PANELS]');
  expect(runConsoleLine(s, '   ')).toEqual({ ok: true, text: '' });
  expect(runConsoleLine(s, '# a comment')).toEqual({ ok: true, text: '' });
});

test('mistakes are answered, not fatal', () => {
  const s = sim();
  expect(runConsoleLine(s, 'refil 3')).toEqual({ ok: false, text: expect.stringContaining('unknown command "refil"; commands: refill [N]') });
  expect(runConsoleLine(s, 'refill many')).toEqual({ ok: false, text: 'refill: the number of cards must be a whole number from 0 to 1000000, got "many"' });
  expect(runConsoleLine(s, 'clear-jam now').text).toBe('clear-jam: takes no argument');
  expect(runConsoleLine(s, 'fault lightning').text).toContain('fault: give a fault kind: feed, jam-insert');
  expect(runConsoleLine(s, 'refill 1 2').ok).toBe(false);
});

test('refill with a shared plant takes its stock and stops when the stock runs out', async () => {
  const { Plant } = await import('../../../src/simulators/plant/plant');
  const plant = new Plant();
  plant.addBlanks(12);
  const s = sim({ plant, cards: 10 });
  expect(s.mechanism.feeder.map((c) => c.id)).toEqual(plant.all().slice(0, 10).map((c) => c.id));
  expect(runConsoleLine(s, 'refill 5').text).toBe("refill: loaded 2 card(s) of 5 (the plant's stock ran out); feeder 12/100");
  expect(plant.at({ kind: 'stock' })).toEqual([]);
});
