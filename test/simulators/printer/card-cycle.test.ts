/**
 * The full card cycle in process: driver <-> memory link <-> simulator, on a virtual clock. Insert to the contact
 * station, confirm SMART CARD, print both sides, eject; the physical card must end in the output hopper carrying
 * exactly what a YMCKO printer lays down, and the time must be the simulator's documented figures.
 */
import { NEAR_BLACK_MAX } from '../../../src/devices/printer/panels';
import { Plant } from '../../../src/simulators/plant/plant';
import { firstDifference, printerWorld, testPanel } from './world';

/** What the printer should lay down for an RGB pixel: near-black prints resin black, the rest as is. */
function expectedPrint(rgb: Uint8Array): Uint8Array {
  const out = Uint8Array.from(rgb);
  for (let i = 0; i < out.length; i += 3) {
    if (out[i]! <= NEAR_BLACK_MAX && out[i + 1]! <= NEAR_BLACK_MAX && out[i + 2]! <= NEAR_BLACK_MAX) out.set([0, 0, 0], i);
  }
  return out;
}

test('insert, confirm at the contact station, print both sides, eject: the card carries the print', async () => {
  const plant = new Plant();
  plant.addBlanks(3, 'cycle');
  const w = await printerWorld({ plant, cards: 3, seed: 'cycle' });
  const { printer, sim, clock } = w;
  expect(printer.info).toEqual({ model: 'Evolis Primacy 2 (cardline simulator)', serialNumber: sim.info.serialNumber, firmware: 'SIM-1.0.0' });
  expect(sim.info.serialNumber).toMatch(/^E\d{7}$/);

  const t0 = clock.now();
  await w.run(printer.feedToContactStation());
  const inserted = clock.now() - t0;
  // Insert 1.5 s, then one position poll (10 ms read).
  expect(inserted).toBeGreaterThanOrEqual(1500);
  expect(inserted).toBeLessThan(1600);
  expect(await w.run(printer.cardPosition())).toBe('smart-card');
  const card = plant.all().find((c) => c.location.kind === 'contact-station')!;
  expect(card.location).toEqual({ kind: 'contact-station', station: 'printer-1' });
  expect((await w.run(printer.status())).information).toContain('INF_CARD_SMART_STATION');

  const front = testPanel(1);
  const back = testPanel(2);
  const t1 = clock.now();
  await w.run(printer.print({ front, back }));
  const printing = clock.now() - t1;
  expect(printing).toBeGreaterThanOrEqual(24_000); // 12 s a YMCKO side
  expect(printing).toBeLessThan(24_500);
  expect(await w.run(printer.cardPosition())).toBe('card');
  expect(card.location.kind).toBe('print-head');

  await w.run(printer.eject());
  expect(await w.run(printer.cardPosition())).toBe('none');
  expect(card.location).toEqual({ kind: 'output-hopper', station: 'printer-1' });
  expect(card.printed.front).toMatchObject({ width: 1016, height: 648 });
  expect(card.printed.back).toMatchObject({ width: 1016, height: 648 });
  expect(firstDifference(card.printed.front?.rgb, expectedPrint(front.rgb))).toBeUndefined();
  expect(firstDifference(card.printed.back?.rgb, expectedPrint(back.rgb))).toBeUndefined();
  // The near-black bar became resin black, the colour gradient is untouched.
  const at = (x: number, y: number) => Array.from(card.printed.front!.rgb.subarray((y * 1016 + x) * 3, (y * 1016 + x) * 3 + 3));
  expect(at(10, 210)).toEqual([0, 0, 0]);
  expect(at(10, 50)).toEqual(Array.from(front.rgb.subarray((50 * 1016 + 10) * 3, (50 * 1016 + 10) * 3 + 3)));

  expect(await w.run(printer.counters())).toEqual({ inserted: 1, printed: 1, rejected: 0 });
  expect(await w.run(printer.ribbonPanelsLeft())).toBe(990);
  expect(await w.run(printer.ribbonType())).toBe('YMCKO');
  expect(await w.run(printer.feederState())).toEqual({ code: 0, empty: false, meaning: 'cards in the feeder' });
  expect(await w.run(printer.coverOpen())).toBe(false);
  expect(printer.stats.timeouts + printer.stats.protocolErrors + printer.stats.retries).toBe(0);
});

test('a one-sided job prints only the front; a rejected card goes to the reject box', async () => {
  const w = await printerWorld({ cards: 2 });
  await w.run(w.printer.feedToContactStation());
  await w.run(w.printer.print({ front: testPanel(5) }));
  await w.run(w.printer.reject());
  const [card] = w.sim.plant.at({ kind: 'reject-box', station: 'printer-1' });
  expect(card?.printed.front).toBeDefined();
  expect(card?.printed.back).toBeUndefined();
  expect(await w.run(w.printer.ribbonPanelsLeft())).toBe(995);
  expect(await w.run(w.printer.counters())).toEqual({ inserted: 1, printed: 1, rejected: 1 });
});

test('a print without a card inserted first feeds one from the feeder', async () => {
  const w = await printerWorld({ cards: 2 });
  await w.run(w.printer.print({ front: testPanel(1) }));
  expect(await w.run(w.printer.cardPosition())).toBe('card');
  expect(w.sim.mechanism.counters.inserted).toBe(1);
});

test('raw panel downloads give the same print as zlib ones', async () => {
  const w = await printerWorld({ cards: 1 }, { panelEncoding: 'raw' });
  const front = testPanel(7);
  await w.run(w.printer.print({ front }));
  expect(firstDifference(w.sim.mechanism.card?.printed.front?.rgb, expectedPrint(front.rgb))).toBeUndefined();
  // Five raw planes of 658,368 bytes went over the link.
  expect(w.printer.stats.bytesOut).toBeGreaterThan(5 * 658_368);
});

test('ten cards one after another over a link that splits every write into 7-byte chunks', async () => {
  const w = await printerWorld({ cards: 10 }, {}, { chunkSize: 7, latencyMs: 2 });
  const panel = { front: testPanel(3), back: testPanel(4) };
  for (let i = 0; i < 10; i++) {
    await w.run(w.printer.feedToContactStation());
    await w.run(w.printer.print(panel));
    await w.run(w.printer.eject());
  }
  expect(w.sim.mechanism.outputHopper.map((c) => c.id)).toEqual(w.sim.plant.all().map((c) => c.id));
  expect((await w.run(w.printer.feederState())).code).toBe(1);
  expect(w.printer.stats.timeouts).toBe(0);
});

test('the printer refuses what a printer would: a second insert, an eject with no card', async () => {
  const w = await printerWorld({ cards: 2 });
  await w.run(w.printer.feedToContactStation());
  await expect(w.run(w.printer.feedToContactStation())).rejects.toMatchObject({ name: 'PrinterCommandError', code: '2', text: 'CARD ALREADY IN PRINTER' });
  await w.run(w.printer.eject());
  await expect(w.run(w.printer.eject())).rejects.toMatchObject({ name: 'PrinterCommandError', code: '2', text: 'NO CARD' });
  // Refusals are answers, not lost replies: nothing to resynchronise.
  expect(w.printer.stats.resyncs).toBe(1);
});
