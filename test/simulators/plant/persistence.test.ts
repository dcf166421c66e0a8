/**
 * The plant file: a plant with cards everywhere, chips written part-way, locked, torn and defective, printed sides and
 * a printer's own state, reopened after an orderly close and from a copy of the files taken while it was open.
 */
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sendCommand } from '../../../src/devices/chip/card-channel';
import { createFile, selectApplication, selectEf, updateBinary } from '../../../src/devices/chip/emrtd-commands';
import { ChipWriteError } from '../../../src/devices/chip/errors';
import { JmrtdPersonalizer } from '../../../src/devices/chip/personalizer';
import { SW } from '../../../src/devices/chip/status-words';
import { EvolisPrinter } from '../../../src/devices/printer/evolis-printer';
import { createMemoryLink } from '../../../src/devices/transport/memory-link';
import { virtualChipChannel } from '../../../src/simulators/chip/virtual-chip-channel';
import type { CardLocation, PhysicalCard } from '../../../src/simulators/plant/physical-card';
import { Plant } from '../../../src/simulators/plant/plant';
import { PlantFileError } from '../../../src/simulators/plant/plant-database';
import { PrinterSimulator } from '../../../src/simulators/printer/printer-simulator';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { tempDir } from '../../helpers/cli';
import { fileBytes, inVirtualTime, smallImage } from '../line/line-fixtures';
import { firstDifference, testPanel } from '../printer/world';

const ws = tempDir('plant-persistence');
afterAll(() => ws.cleanup());

/** Everything observable about a card, comparable with toEqual. */
function describeCard(card: PhysicalCard) {
  const chip = card.chip?.inspect();
  return {
    id: card.id,
    location: card.location,
    damage: card.damage,
    chip: chip && {
      uid: chip.uid,
      locked: chip.locked,
      files: chip.files.map((f) => ({ fid: f.fid, size: f.size, data: Buffer.from(f.data).toString('hex') })),
      bac: chip.bacKeyInput,
      aa: chip.aaPublicKeySpki && Buffer.from(chip.aaPublicKeySpki).toString('hex'),
      bytesWritten: chip.bytesWritten,
      faults: chip.faults,
    },
    printed: { front: card.printed.front?.digest, back: card.printed.back?.digest },
  };
}

const EVERYWHERE: CardLocation[] = [
  { kind: 'feeder', station: 'input' },
  { kind: 'transport', station: 'handler' },
  { kind: 'contact-station', station: 'enc-1' },
  { kind: 'print-head', station: 'prn-1' },
  { kind: 'scanner', station: 'qc-1' },
  { kind: 'output-hopper', station: 'prn-1' },
  { kind: 'reject-box', station: 'reject', reason: 'chip write failed' },
  { kind: 'stacker', station: 'output', sequence: 12 },
  { kind: 'jammed', station: 'handler' },
  { kind: 'removed' },
];

test('cards everywhere, chips in every state, prints and a printer come back after close and from a copy taken while open', async () => {
  const file = join(ws.dir, 'everything.db');
  const clock = new VirtualClock();
  const plant = Plant.open(file, { clock, printRetention: 'keep' });
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const cards = plant.addBlanks(14, 'p', { chipFaults: (serial) => (serial === 3 ? [{ kind: 'write-failure', atByte: 700 }] : serial === 4 ? [{ kind: 'tearing', atByte: 650 }] : []) });
  const personalizer = new JmrtdPersonalizer();
  const run = <T>(p: Promise<T>) => inVirtualTime(clock, p);

  // Card 1: personalized and locked. Card 2: a file created and one chunk written, nothing else.
  await run(personalizer.personalize(virtualChipChannel(cards[0]!.chip!, { clock }), smallImage('c1')));
  const ch2 = virtualChipChannel(cards[1]!.chip!, { clock });
  await run(sendCommand(ch2, selectApplication()));
  expect((await run(sendCommand(ch2, createFile(0x0101, 900)))).sw).toBe(SW.OK);
  expect((await run(sendCommand(ch2, updateBinary(0, fileBytes('c2', 0x0101, 200))))).sw).toBe(SW.OK);
  // Card 3: a defective cell; card 4: torn.
  expect(await run(personalizer.personalize(virtualChipChannel(cards[2]!.chip!, { clock }), smallImage('c3')).catch((e: unknown) => e))).toBeInstanceOf(ChipWriteError);
  await run(personalizer.personalize(virtualChipChannel(cards[3]!.chip!, { clock }), smallImage('c4')).catch(() => undefined));
  // Cards 5 and 6: printed (given as RGB), card 6 on one side only.
  cards[4]!.printed = { front: testPanel(1), back: testPanel(2) };
  cards[5]!.printed.front = testPanel(3);
  cards[5]!.damage = 'bent corner';
  // Cards 1-10 spread over every location; the rest stay in stock.
  EVERYWHERE.forEach((to, i) => plant.move(cards[i]!, to));
  const expected = plant.all().map(describeCard);
  expect(expected[0]!.chip!.locked).toBe(true);
  expect(expected[1]!.chip).toMatchObject({ locked: false, bytesWritten: 200, files: [{ fid: 0x0101, size: 900 }] });
  expect(expected[2]!.chip!.bytesWritten).toBe(600); // EF.COM whole, then DG1's first chunk hit the defect at 700
  expect(expected[3]!.chip!.bytesWritten).toBe(650); // torn in DG1's first chunk

  // A copy of the files while the plant is open: no checkpoint, the last writes only in the WAL.
  const copy = join(ws.dir, 'copy.db');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  plant.close();

  for (const path of [file, copy]) {
    const back = Plant.open(path, { printRetention: 'keep' });
    expect(back.all().map(describeCard)).toEqual(expected);
    expect(back.census()).toEqual({
      'contact-station:enc-1': 1,
      'feeder:input': 1,
      'jammed:handler': 1,
      'output-hopper:prn-1': 1,
      'print-head:prn-1': 1,
      'reject-box:reject': 1,
      removed: 1,
      'scanner:qc-1': 1,
      stock: 4,
      'stacker:output': 1,
      'transport:handler': 1,
    });
    expect(firstDifference(back.card(cards[4]!.id).printed.back!.rgb, testPanel(2).rgb)).toBeUndefined();
    // The defective cell is still defective; the torn card can be written again where it stopped.
    const c3 = virtualChipChannel(back.card(cards[2]!.id).chip!);
    await sendCommand(c3, selectApplication());
    await sendCommand(c3, selectEf(0x0101));
    expect((await sendCommand(c3, updateBinary(90, new Uint8Array(20).fill(7)))).sw).toBe(SW.MEMORY_FAILURE);
    expect((await sendCommand(c3, updateBinary(200, new Uint8Array(20).fill(7)))).sw).toBe(SW.OK);
    // New serials go on after the last one.
    expect(back.addBlanks(1)[0]!.id).toBe('C0000015');
    back.close();
  }
});

test('a printer made again on the same plant goes on from its saved state', async () => {
  const file = join(ws.dir, 'printer.db');
  const clock = new VirtualClock();
  const plant = Plant.open(file, { clock });
  plant.addBlanks(6, 'pr');
  const [host, device] = createMemoryLink({ clock });
  const sim = new PrinterSimulator({ transport: device, clock, plant, station: 'p1', cards: 5, ribbonPanels: 500, faults: 'jam@3,feed=0.1', seed: 'pr' });
  const printer = await inVirtualTime(clock, EvolisPrinter.connect(host, { clock }));
  await inVirtualTime(clock, printer.feedToContactStation());
  await inVirtualTime(clock, printer.print({ front: testPanel(1) }));
  await inVirtualTime(clock, printer.eject());
  await inVirtualTime(clock, printer.feedToContactStation());
  sim.operator.openCover();
  sim.armFault('garble');
  const before = { status: sim.operator.status(), plan: sim.faults.exportState(), feeder: sim.mechanism.feeder.map((c) => c.id) };
  plant.close();

  const clock2 = new VirtualClock();
  const plant2 = Plant.open(file, { clock: clock2 });
  const [, device2] = createMemoryLink({ clock: clock2 });
  const again = new PrinterSimulator({ transport: device2, clock: clock2, plant: plant2, station: 'p1', cards: 5, ribbonPanels: 500, faults: 'jam@3,feed=0.1', seed: 'pr' });
  expect(again.restored).toBe(true);
  expect({ status: again.operator.status(), plan: again.faults.exportState(), feeder: again.mechanism.feeder.map((c) => c.id) }).toEqual(before);
  expect(before.status).toContain('ribbon 495 panels; card C0000002 at the contact station; reject box 0/50; output hopper 1; cover open; inserted 2, printed 1');
  expect(again.faults.pendingArmed).toEqual(['garble']);
  plant2.close();
});

test('swaps keep each card’s place in its location’s order; cards belong to their plant', () => {
  const plant = new Plant();
  const [a, b, c, d] = plant.addBlanks(4);
  const feeder: CardLocation = { kind: 'feeder', station: 'f' };
  for (const card of [a!, b!, c!]) plant.move(card, feeder);
  plant.move(d!, { kind: 'transport', station: 'h' });
  plant.swap(b!, d!);
  expect(plant.at(feeder).map((x) => x.id)).toEqual([a!.id, d!.id, c!.id]);
  expect(b!.location).toEqual({ kind: 'transport', station: 'h' });
  const other = new Plant();
  expect(() => other.move(a!, feeder)).toThrow(RangeError);
  // Assigning a location is a move, heard by listeners.
  const heard: string[] = [];
  plant.onMove((m) => heard.push(`${m.cardId}:${m.to.kind}`));
  a!.location = { kind: 'removed' };
  expect(heard).toEqual([`${a!.id}:removed`]);
});

test('files that are not plants are refused with a clear error', () => {
  const notSqlite = join(ws.dir, 'not-a-db.db');
  writeFileSync(notSqlite, 'hello, this is not SQLite at all, just some text long enough to be read as a header........');
  expect(() => Plant.open(notSqlite)).toThrow(PlantFileError);
  const other = join(ws.dir, 'other.db');
  const db = new Database(other);
  db.exec('CREATE TABLE jobs (id INTEGER)');
  db.close();
  expect(() => Plant.open(other)).toThrow(new PlantFileError(`${other} is an SQLite database, but not a cardline plant`));
});
