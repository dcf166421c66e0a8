/**
 * A whole desk line driven by the real drivers (Evolis printer driver over the in-memory link, JMRTD personalizer
 * through the plant reader, scanner at QC), then the plant file reopened from a copy taken while the line was still
 * running: the line goes on where it was.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ChipTornError } from '../../../src/devices/chip/errors';
import { JmrtdPersonalizer } from '../../../src/devices/chip/personalizer';
import { EvolisPrinter } from '../../../src/devices/printer/evolis-printer';
import { buildSimulatedLine } from '../../../src/simulators/line/build-simulated-line';
import { LineDescriptionError, LINE_PLACES } from '../../../src/simulators/line/line-description';
import { LineOperatorError } from '../../../src/simulators/line/line-operator';
import { Plant } from '../../../src/simulators/plant/plant';
import { PrintDataDroppedError } from '../../../src/simulators/plant/printed-side';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { tempDir } from '../../helpers/cli';
import { printedRecord } from '../scanner/printed-cards';
import { DESK_LINE, fileBytes, inVirtualTime, smallImage, uidOn } from './line-fixtures';

const ws = tempDir('simulated-line');
afterAll(() => ws.cleanup());

test('a desk line runs a card end to end, and a copy of its plant file taken mid-run gives the line back', async () => {
  const file = join(ws.dir, 'plant.db');
  const clock = new VirtualClock();
  const plant = Plant.open(file, { clock });
  // Blank 2's chip tears during personalization (at a byte drawn from the seed).
  const line = buildSimulatedLine(DESK_LINE, { plant, clock, seed: 'desk', faults: 'chip-tear@2' });
  const run = <T>(p: Promise<T>) => inVirtualTime(clock, p);
  const pe = line.station('pe-1');
  const qc = line.station('qc-1');
  if (pe.kind !== 'printer-encoder' || qc.kind !== 'qc' || pe.transport === undefined) throw new Error('stations');
  const printer = await run(EvolisPrinter.connect(pe.transport, { clock }));
  const personalizer = new JmrtdPersonalizer();
  const faces = printedRecord('vn-cccd-2021', 'line');

  // Card 1: the whole way.
  const one = await run(line.handler.feed('pe-1'));
  await run(printer.feedToContactStation());
  const ch1 = await run(pe.reader.waitForCard());
  const uid1 = await run(uidOn(ch1));
  await run(personalizer.personalize(ch1, smallImage('one')));
  await run(printer.print({ front: faces.front, back: faces.back }));
  await run(printer.eject());
  qc.scanner.discardPending();
  await run(line.handler.transfer('pe-1', 'qc-1'));
  // The QC station triggers its scanner when it inspects the card.
  void qc.scanner.trigger();
  expect(await run(qc.scanner.nextScan(5_000))).toBe(faces.payload);
  expect(await run(uidOn(await run(qc.reader.waitForCard())))).toBe(uid1);
  await run(line.handler.stack('qc-1', 1));

  // Card 2: torn during personalization, left at the contact station. Card 3: waiting in the printer's feeder.
  const two = await run(line.handler.feed('pe-1'));
  await run(printer.feedToContactStation());
  const torn = await inVirtualTime(clock, personalizer.personalize(await run(pe.reader.waitForCard()), smallImage('two'))).catch((e: unknown) => e);
  expect(torn).toBeInstanceOf(ChipTornError);
  const three = await run(line.handler.feed('pe-1'));
  line.operator.replaceRibbon('pe-1', 600);
  line.operator.openCover('pe-1');

  // "Crash": copy the files while the line and the plant are open (no checkpoint, no close), then open the copy.
  const copy = join(ws.dir, 'copy.db');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const clock2 = new VirtualClock();
  const plant2 = Plant.open(copy, { clock: clock2 });
  const line2 = buildSimulatedLine(DESK_LINE, { plant: plant2, clock: clock2, seed: 'desk', faults: 'chip-tear@2' });
  const run2 = <T>(p: Promise<T>) => inVirtualTime(clock2, p);
  expect(line2.restored).toBe(true);
  expect(plant2.census()).toEqual({ 'contact-station:pe-1': 1, 'feeder:input': 7, 'feeder:pe-1': 1, 'stacker:output': 1 });
  expect(plant2.card(one.cardId).location).toEqual({ kind: 'stacker', station: 'output', sequence: 1 });
  expect(plant2.card(two.cardId).location).toEqual({ kind: 'contact-station', station: 'pe-1' });
  expect(plant2.card(three.cardId).location).toEqual({ kind: 'feeder', station: 'pe-1' });

  // Card 1's chip is back, locked, with its files, BAC keys and AA key; its print left the line, only its digest stays.
  const chip1 = plant2.card(one.cardId).chip!.inspect();
  expect(chip1.uid).toBe(uid1);
  expect(chip1.locked).toBe(true);
  // (files by ascending FID: DG1 0101, then EF.COM 011E)
  expect(chip1.files.map((f) => Buffer.from(f.data).equals(Buffer.from(fileBytes('one', f.fid, f.size))))).toEqual([true, true]);
  expect(chip1.files.map((f) => f.size)).toEqual([900, 600]);
  expect(chip1.bacKeyInput).toEqual({ documentNumber: '123456789', dateOfBirth: '900101', dateOfExpiry: '300101' });
  expect(chip1.aaPublicKeySpki).toEqual(plant.card(one.cardId).chip!.inspect().aaPublicKeySpki);
  const front1 = plant2.card(one.cardId).printed.front!;
  expect(front1.digest).toBe(plant.card(one.cardId).printed.front!.digest);
  expect(() => front1.rgb).toThrow(PrintDataDroppedError);

  // Card 2's chip holds exactly the bytes that reached it before the tear (EF.COM is written first, then DG1).
  const chip2 = plant2.card(two.cardId).chip!.inspect();
  const [tear] = plant2.chipFaults(plant2.card(two.cardId));
  if (tear?.kind !== 'tearing') throw new Error('blank 2 should carry the tearing fault');
  expect(chip2.locked).toBe(false);
  expect(chip2.bytesWritten).toBe(tear.atByte);
  const written = (fid: number, size: number, upTo: number) => {
    const bytes = fileBytes('two', fid, size);
    bytes.fill(0, Math.max(0, Math.min(size, upTo)));
    return bytes;
  };
  const fileOf = (fid: number) => chip2.files.find((f) => f.fid === fid)?.data;
  expect(fileOf(0x011e)).toEqual(written(0x011e, 600, tear.atByte));
  if (tear.atByte >= 600) expect(fileOf(0x0101)).toEqual(written(0x0101, 900, tear.atByte - 600));

  // The printer is as it was: card at the contact station, one card in its feeder, new ribbon, cover open, counters.
  const pe2 = line2.station('pe-1');
  if (pe2.kind !== 'printer-encoder' || pe2.transport === undefined) throw new Error('station');
  const printer2 = await run2(EvolisPrinter.connect(pe2.transport, { clock: clock2 }));
  expect(await run2(printer2.cardPosition())).toBe('smart-card');
  expect(await run2(printer2.ribbonPanelsLeft())).toBe(600);
  expect(await run2(printer2.coverOpen())).toBe(true);
  expect(await run2(printer2.counters())).toEqual({ inserted: 2, printed: 1, rejected: 0 });
  expect(pe2.printer.mechanism.feeder.map((c) => c.id)).toEqual([three.cardId]);
  expect(await run2(line2.handler.counters())).toEqual({ fed: 3, stacked: 1, rejected: 0 });
  expect(line2.injectedFaults().byKind).toEqual({ 'chip:tearing': 1 });

  // And it goes on: the torn card can be read back at the contact station and rejected through the printer.
  expect(await run2(uidOn(await run2(pe2.reader.waitForCard())))).toBe(plant2.card(two.cardId).chip!.inspect().uid);
  line2.operator.closeCover('pe-1');
  await run2(printer2.reject());
  expect(plant2.card(two.cardId).location).toEqual({ kind: 'reject-box', station: 'pe-1' });

  await line2.close();
  plant2.close();
  await line.close();
  plant.close();
});

test('a plant file holding another line is refused, and operator actions a station lacks are refused', () => {
  const clock = new VirtualClock();
  const plant = new Plant({ clock });
  const line = buildSimulatedLine(DESK_LINE, { plant, clock });
  expect(() => buildSimulatedLine({ ...DESK_LINE, stations: [{ id: 'enc-1', kind: 'encoder' }] }, { plant, clock })).toThrow(
    new LineDescriptionError('the plant file holds a line with stations pe-1 (printer-encoder), qc-1 (qc); this description has enc-1 (encoder)'),
  );
  expect(() => line.operator.replaceRibbon('qc-1')).toThrow(new LineOperatorError('replace-ribbon: station "qc-1" is a qc station, it has no printer'));
  expect(() => line.operator.clearJam('pe-9')).toThrow(LineOperatorError);
  expect(line.operator.status()).toContain('input feeder 10/100');
  expect(plant.count(LINE_PLACES.input)).toBe(10);
});

test('a card in transit when the process dies reaches its destination when the line is built again', async () => {
  const file = join(ws.dir, 'transit.db');
  const clock = new VirtualClock();
  const plant = Plant.open(file, { clock });
  const line = buildSimulatedLine(DESK_LINE, { plant, clock });
  void line.handler.feed('qc-1').catch(() => undefined);
  await clock.advance(700); // half-way: the blank has left the feeder and is on the handler
  expect(plant.census()).toMatchObject({ 'transport:handler': 1, 'feeder:input': 9 });
  const copy = join(ws.dir, 'transit-copy.db');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);

  const clock2 = new VirtualClock();
  const plant2 = Plant.open(copy, { clock: clock2 });
  const line2 = buildSimulatedLine(DESK_LINE, { plant: plant2, clock: clock2 });
  expect(plant2.census()).toEqual({ 'feeder:input': 9, 'scanner:qc-1': 1 });
  expect(await inVirtualTime(clock2, line2.handler.counters())).toEqual({ fed: 1, stacked: 0, rejected: 0 });
  expect(await inVirtualTime(clock2, line2.handler.sense({ kind: 'entry', station: 'qc-1' }))).toBe('card');
  expect(await inVirtualTime(clock2, line2.handler.sense({ kind: 'transit' }))).toBe('empty');
  await line2.close();
  plant2.close();
  await line.close();
  plant.close();
});
