/**
 * The simulated scanner reads what the printer printed: real records rendered to print panels, placed on cards
 * made by a Plant, decoded with jsQR. A swapped card decodes to the other record's payload; a blank card has no
 * code; nothing at the station times out.
 */
import { ScanTimeoutError, ScannerClosedError } from '../../../src/devices/scanner/scanner-errors';
import { Plant } from '../../../src/simulators/plant/plant';
import { SimulatedScanner } from '../../../src/simulators/scanner/simulated-scanner';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { type PrintedRecord, printOn, printedRecord, shifted } from './printed-cards';

const STATION = { kind: 'scanner', station: 'qc-1' } as const;

let mai: PrintedRecord; // 2021 card: QR on the front
let other: PrintedRecord; // another 2021 card
let cancuoc: PrintedRecord; // 2024 card: QR on the back
beforeAll(() => {
  mai = printedRecord('vn-cccd-2021', 'scanner-a');
  other = printedRecord('vn-cccd-2021', 'scanner-b');
  cancuoc = printedRecord('vn-cancuoc-2024', 'scanner-c');
});

function line(options: Partial<ConstructorParameters<typeof SimulatedScanner>[0]> = {}) {
  const clock = new VirtualClock();
  const plant = new Plant();
  const cards = plant.addBlanks(3, 'scanner-test');
  const scanner = new SimulatedScanner({ plant, station: 'qc-1', clock, readTimeMs: 150, ...options });
  return { clock, plant, cards, scanner };
}

test('the records really differ, and their payloads carry Vietnamese letters', () => {
  expect(mai.payload).not.toBe(other.payload);
  expect(mai.payload.split('|')[0]).toBe(mai.record.personalId);
  expect(cancuoc.payload.split('|')).toHaveLength(11);
});

test('a printed 2021 card arriving at the station is scanned after the read time: its own payload', async () => {
  const { clock, plant, cards, scanner } = line();
  const card = cards[0]!;
  printOn(card, mai);
  plant.move(card, STATION);
  const scan = scanner.nextScan(1000);
  await clock.advance(149);
  expect(scanner.discardPending()).toBe(0); // not read yet
  await clock.advance(1);
  await expect(scan).resolves.toBe(mai.payload);
  expect(scanner.look()).toMatchObject({ kind: 'code', cardId: card.id, side: 'front', text: mai.payload });
  await scanner.close();
});

test('a 2024 card is read from its back', async () => {
  const { clock, plant, cards, scanner } = line();
  printOn(cards[0]!, cancuoc);
  plant.move(cards[0]!, STATION);
  const scan = scanner.nextScan(1000);
  await clock.runUntilIdle();
  await expect(scan).resolves.toBe(cancuoc.payload);
  expect(scanner.look()).toMatchObject({ kind: 'code', side: 'back' });
  await scanner.close();
});

test('a swapped card decodes to the other record: the QC comparison catches it', async () => {
  const { clock, plant, cards, scanner } = line();
  // The line meant Mai's card for cards[0] and the other record for cards[1], but cards[1] reaches QC first.
  printOn(cards[0]!, mai);
  printOn(cards[1]!, other);
  plant.move(cards[1]!, STATION);
  const scan = scanner.nextScan(1000);
  await clock.runUntilIdle();
  const text = await scan;
  expect(text).toBe(other.payload);
  expect(text).not.toBe(mai.payload);
  await scanner.close();
});

test('a blank card gives no code: nothing is sent and the station times out', async () => {
  const { clock, plant, cards, scanner } = line({ presentationMode: false });
  plant.move(cards[0]!, STATION);
  const read = scanner.trigger();
  const scan = scanner.nextScan(1000).catch((e: unknown) => e);
  await clock.advance(1000);
  await expect(read).resolves.toEqual({ kind: 'no-code', reason: 'blank', cardId: cards[0]!.id });
  expect(await scan).toBeInstanceOf(ScanTimeoutError);
  await scanner.close();
});

test('nothing at the station: nextScan rejects with ScanTimeoutError at its time-out', async () => {
  const { clock, scanner } = line();
  const scan = scanner.nextScan(800).catch((e: unknown) => e);
  await clock.advance(799);
  expect(scanner.look()).toEqual({ kind: 'no-code', reason: 'no-card' });
  await clock.advance(1);
  expect(await scan).toBeInstanceOf(ScanTimeoutError);
  await scanner.close();
});

test('a printed side with no QR on it (a misprint: white panel) is unreadable', async () => {
  const { plant, cards, scanner } = line({ presentationMode: false, sides: ['front'] });
  cards[0]!.printed = { front: { width: 1016, height: 648, rgb: new Uint8Array(1016 * 648 * 3).fill(255) } };
  plant.move(cards[0]!, STATION);
  expect(scanner.look()).toEqual({ kind: 'no-code', reason: 'unreadable', cardId: cards[0]!.id });
  await scanner.close();
});

test('a panel whose pixel buffer does not match its size is unreadable, not a crash', async () => {
  const { plant, cards, scanner } = line({ presentationMode: false });
  cards[0]!.printed = { front: { width: 1016, height: 648, rgb: new Uint8Array(100) } };
  plant.move(cards[0]!, STATION);
  expect(scanner.look()).toMatchObject({ kind: 'no-code', reason: 'unreadable' });
  await scanner.close();
});

test('a print far off register (QR outside its usual crop) is still read, from the whole panel', async () => {
  const { plant, cards, scanner } = line({ presentationMode: false, sides: ['front'] });
  cards[0]!.printed = { front: shifted(mai.front, -300, 200) };
  plant.move(cards[0]!, STATION);
  expect(scanner.look()).toMatchObject({ kind: 'code', text: mai.payload, region: 'full-panel' });
  await scanner.close();
});

test('the scanner looks at any location it is pointed at (a printer output hopper)', async () => {
  const clock = new VirtualClock();
  const plant = new Plant();
  const [card] = plant.addBlanks(1, 'hopper');
  const hopper = { kind: 'output-hopper', station: 'printer-1' } as const;
  const scanner = new SimulatedScanner({ plant, location: hopper, clock, readTimeMs: 10 });
  printOn(card!, mai);
  plant.move(card!, { kind: 'scanner', station: 'qc-1' }); // somewhere else: not seen
  plant.move(card!, hopper);
  const scan = scanner.nextScan(100);
  await clock.runUntilIdle();
  await expect(scan).resolves.toBe(mai.payload);
  await scanner.close();
});

test('a card taken away before the read time is not read', async () => {
  const { clock, plant, cards, scanner } = line();
  printOn(cards[0]!, mai);
  plant.move(cards[0]!, STATION);
  await clock.advance(100);
  plant.move(cards[0]!, { kind: 'output-hopper', station: 'qc-1' });
  const scan = scanner.nextScan(500).catch((e: unknown) => e);
  await clock.advance(500);
  expect(await scan).toBeInstanceOf(ScanTimeoutError);
  await scanner.close();
});

test('no-read fault: with rate 1 a readable code is missed; the no-read message is sent when configured', async () => {
  const { clock, plant, cards, scanner } = line({ presentationMode: false, faults: { noReadRate: 1 }, noReadMessage: 'NR' });
  printOn(cards[0]!, mai);
  plant.move(cards[0]!, STATION);
  const read = scanner.trigger();
  await clock.runUntilIdle();
  await expect(read).resolves.toEqual({ kind: 'no-code', reason: 'no-read', cardId: cards[0]!.id });
  await expect(scanner.nextScan(0)).resolves.toBe('NR');
  await scanner.close();
});

test('no-read draws replay for a seed and follow the rate', async () => {
  async function misses(seed: string): Promise<boolean[]> {
    const { clock, plant, cards, scanner } = line({ presentationMode: false, faults: { noReadRate: 0.5, seed }, sides: ['front'], readTimeMs: 0 });
    printOn(cards[0]!, mai);
    plant.move(cards[0]!, STATION);
    const out: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      const read = scanner.trigger();
      await clock.runUntilIdle();
      out.push((await read).kind === 'no-code');
    }
    await scanner.close();
    return out;
  }
  const a = await misses('shift-1');
  expect(await misses('shift-1')).toEqual(a);
  expect(a.some(Boolean)).toBe(true);
  expect(a.every(Boolean)).toBe(false);
});

test('bad options are refused', () => {
  const plant = new Plant();
  expect(() => new SimulatedScanner({ plant })).toThrow(/station or a location/);
  expect(() => new SimulatedScanner({ plant, station: 'qc', faults: { noReadRate: 1.5 } })).toThrow(RangeError);
  expect(() => new SimulatedScanner({ plant, station: 'qc', readTimeMs: -1 })).toThrow(RangeError);
});

test('close() ends waits and stops reading arrivals', async () => {
  const { clock, plant, cards, scanner } = line();
  const waiting = scanner.nextScan(10_000);
  await scanner.close();
  await expect(waiting).rejects.toBeInstanceOf(ScannerClosedError);
  printOn(cards[0]!, mai);
  plant.move(cards[0]!, STATION);
  expect(clock.pending).toBe(0);
});
