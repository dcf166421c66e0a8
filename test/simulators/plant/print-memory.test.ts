/**
 * The memory policy for printed data: sides are kept as the printer received them (compressed), decoded only when
 * looked at and only a few at a time, and their pixels dropped (digest kept) once the card leaves the line.
 */
import { deflateSync } from 'node:zlib';
import { composeRgb, splitRgb, YMCKO } from '../../../src/devices/printer/panels';
import { EvolisPrinter } from '../../../src/devices/printer/evolis-printer';
import { createMemoryLink } from '../../../src/devices/transport/memory-link';
import type { CardLocation } from '../../../src/simulators/plant/physical-card';
import { Plant } from '../../../src/simulators/plant/plant';
import { PrintDataDroppedError } from '../../../src/simulators/plant/printed-side';
import { type ReceivedPlanes, storedFromPlanes } from '../../../src/simulators/plant/stored-print';
import { PrinterSimulator } from '../../../src/simulators/printer/printer-simulator';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { inVirtualTime, smallImage } from '../line/line-fixtures';
import { firstDifference, testPanel } from '../printer/world';

/** A flat side's planes as a driver downloads them (zlib level 1): small, so a long run stays quick. */
function receivedPlanes(grey: number): ReceivedPlanes {
  const planes = splitRgb(new Uint8Array(1016 * 648 * 3).fill(grey));
  return Object.fromEntries(YMCKO.map((p) => [p, { encoding: 'zlib', data: deflateSync(planes[p], { level: 1 }) }])) as unknown as ReceivedPlanes;
}

test('a printed side is stored as the compressed planes the printer received, and decodes to what it laid down', async () => {
  const clock = new VirtualClock();
  const plant = new Plant({ clock });
  plant.addBlanks(1);
  const [host, device] = createMemoryLink({ clock });
  new PrinterSimulator({ transport: device, clock, plant, cards: 1 });
  const printer = await inVirtualTime(clock, EvolisPrinter.connect(host, { clock }));
  await inVirtualTime(clock, printer.print({ front: testPanel(5) }));
  const side = plant.all()[0]!.printed.front!;
  const zlibBytes = YMCKO.reduce((n, p) => n + deflateSync(splitRgb(testPanel(5).rgb)[p], { level: 1 }).length, 0);
  expect(plant.figures()).toMatchObject({ printedSidesStored: 1, printBytesStored: zlibBytes + 20 });
  expect(side.digest).toMatch(/^[0-9a-f]{64}$/);
  expect(firstDifference(side.rgb, composeRgb(splitRgb(testPanel(5).rgb)))).toBeUndefined();
});

test('pixels are dropped, digests kept, when a card is stacked, rejected or removed, not before', () => {
  const plant = new Plant();
  const cards = plant.addBlanks(4);
  const planes = receivedPlanes(100);
  for (const card of cards) plant.recordPrint(card, 'front', storedFromPlanes(planes));
  const digest = cards[0]!.printed.front!.digest;
  const places: CardLocation[] = [
    { kind: 'output-hopper', station: 'p' },
    { kind: 'stacker', station: 'output', sequence: 1 },
    { kind: 'reject-box', station: 'reject', reason: 'qc' },
    { kind: 'removed' },
  ];
  places.forEach((to, i) => plant.move(cards[i]!, to));
  expect(cards[0]!.printed.front!.rgb.length).toBe(1016 * 648 * 3);
  for (const card of cards.slice(1)) {
    expect(card.printed.front!.digest).toBe(digest);
    expect(() => card.printed.front!.rgb).toThrow(PrintDataDroppedError);
  }
  expect(plant.figures()).toMatchObject({ printedSidesStored: 1, printedSidesDropped: 3 });
  // With retention 'keep', nothing is dropped.
  const keep = new Plant({ printRetention: 'keep' });
  const [k] = keep.addBlanks(1);
  keep.recordPrint(k!, 'back', storedFromPlanes(planes));
  keep.move(k!, { kind: 'stacker', station: 'output' });
  expect(k!.printed.back!.rgb.length).toBe(1016 * 648 * 3);
});

test('only a few sides are decoded at once; an evicted side decodes again on demand', () => {
  const plant = new Plant({ decodedSides: 2 });
  const cards = plant.addBlanks(5);
  cards.forEach((card, i) => (card.printed.front = testPanel(i)));
  for (const card of cards) expect(card.printed.front!.rgb.length).toBe(1016 * 648 * 3);
  expect(plant.figures().decodedSides).toBe(2);
  expect(firstDifference(cards[0]!.printed.front!.rgb, testPanel(0).rgb)).toBeUndefined();
  expect(plant.figures().decodedSides).toBe(2);
  // Reprinting a side replaces it; the old side object no longer shows the old pixels as the card's.
  const old = cards[1]!.printed.front!;
  cards[1]!.printed.front = testPanel(9);
  expect(() => old.rgb).toThrow(PrintDataDroppedError);
  expect(firstDifference(cards[1]!.printed.front!.rgb, testPanel(9).rgb)).toBeUndefined();
});

test('a long run keeps only the cards on the line in the plant, and no pixels of cards that left', () => {
  const plant = new Plant();
  const planes = receivedPlanes(150);
  const line: CardLocation[] = [
    { kind: 'feeder', station: 'input' },
    { kind: 'contact-station', station: 'enc-1' },
    { kind: 'print-head', station: 'prn-1' },
    { kind: 'scanner', station: 'qc-1' },
  ];
  plant.addBlanks(1_500, 'long');
  let maxHeld = 0;
  for (let i = 0; i < 1_500; i++) {
    const [card] = plant.takeFromStock(1);
    plant.move(card!, line[0]!);
    plant.move(card!, line[1]!);
    card!.chip!.preload({ ...smallImage(`long-${i}`, [60, 90]), aaPrivateKeyPkcs8: new Uint8Array(0) });
    plant.move(card!, line[2]!);
    plant.recordPrint(card!, 'front', storedFromPlanes(planes));
    plant.move(card!, line[3]!);
    plant.move(card!, i % 10 === 0 ? { kind: 'reject-box', station: 'reject' } : { kind: 'stacker', station: 'output', sequence: i });
    maxHeld = Math.max(maxHeld, plant.cardsHeld);
  }
  const f = plant.figures();
  expect(maxHeld).toBeLessThanOrEqual(1);
  expect(f).toMatchObject({ cards: 1_500, cardsHeld: 0, printedSidesStored: 0, printedSidesDropped: 1_500, printBytesStored: 0 });
  // Each chip journal: 2 creates, 2 writes, BAC keys, lock.
  expect(f.chipJournalRows).toBe(1_500 * 6);
  // A card read back long after leaving the line has its chip.
  expect(plant.card('C0000007').chip!.inspect().locked).toBe(true);
});
