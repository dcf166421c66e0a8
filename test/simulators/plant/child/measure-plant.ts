/**
 * Figures of the plant file (not a test): writes per second and bytes per card. Run with
 *   node --expose-gc -r ./test/simulators/plant/child/register-ts.js test/simulators/plant/child/measure-plant.ts [CARDS] [DIR]
 * (DIR `memory`: an in-memory plant.) It pushes CARDS cards (default 10,000) through feed -> encoder (a 20 KB chip image over APDUs) -> printer (two
 * rendered ID card sides as a printer receives them) -> QC -> stacker on a file-backed plant, and prints the rates,
 * the file size per card, and the heap as the run goes.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { JmrtdPersonalizer } from '../../../../src/devices/chip/personalizer';
import { splitRgb, YMCKO } from '../../../../src/devices/printer/panels';
import type { ChipImage } from '../../../../src/identity/lds/chip-image';
import { virtualChipChannel } from '../../../../src/simulators/chip/virtual-chip-channel';
import { Plant } from '../../../../src/simulators/plant/plant';
import { type ReceivedPlanes, storedFromPlanes } from '../../../../src/simulators/plant/stored-print';
import { fileBytes, testAaKey } from '../../line/line-fixtures';
import { printedRecord } from '../../scanner/printed-cards';

const cards = Number(process.argv[2] ?? 10_000);
const inMemory = process.argv[3] === 'memory';
const dir = process.argv[3] !== undefined && !inMemory ? process.argv[3] : mkdtempSync(join(tmpdir(), 'cardline-measure-'));
const file = join(dir, 'plant.db');

function planesOf(rgb: Uint8Array): ReceivedPlanes {
  const p = splitRgb(rgb);
  return Object.fromEntries(YMCKO.map((k) => [k, { encoding: 'zlib', data: deflateSync(p[k], { level: 1 }) }])) as unknown as ReceivedPlanes;
}

function image(tag: string): ChipImage {
  const sizes: [number, number][] = [[0x011e, 30], [0x0101, 93], [0x0102, 18_000], [0x010d, 1_100], [0x010f, 91], [0x011d, 2_100]];
  return {
    files: sizes.map(([fid, size]) => ({ fid, sfi: fid & 0x1f, name: fid.toString(16), bytes: fileBytes(tag, fid, size) })),
    bac: { documentNumber: '123456789', dateOfBirth: '900101', dateOfExpiry: '300101' },
    aaPrivateKeyPkcs8: testAaKey(),
  };
}

function fileBytesOnDisk(): number {
  return [file, `${file}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);
}

function heapMb(): string {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return `${Math.round(m.heapUsed / 1e5) / 10} MB (rss ${Math.round(m.rss / 1e6)} MB)`;
}

async function main(): Promise<void> {
  const faces = printedRecord('vn-cccd-2021', 'measure');
  const front = planesOf(faces.front.rgb);
  const back = planesOf(faces.back.rgb);
  const printBytes = storedFromPlanes(front).data.length + storedFromPlanes(back).data.length;
  const plant = inMemory ? new Plant() : Plant.open(file);
  const personalizer = new JmrtdPersonalizer();

  let t = performance.now();
  plant.addBlanks(cards, 'measure');
  const addMs = performance.now() - t;
  const heap0 = heapMb();

  // Moves alone.
  const probe = plant.takeFromStock(1)[0]!;
  t = performance.now();
  const moves = 20_000;
  for (let i = 0; i < moves; i++) plant.move(probe, { kind: 'transport', station: i % 2 === 0 ? 'a' : 'b' });
  const moveRate = moves / ((performance.now() - t) / 1000);
  plant.move(probe, { kind: 'stock' });

  let apdus = 0;
  let journalMs = 0;
  let printMs = 0;
  let moveMs = 0;
  const marks: string[] = [];
  t = performance.now();
  for (let i = 0; i < cards; i++) {
    const [card] = plant.takeFromStock(1);
    let s = performance.now();
    plant.move(card!, { kind: 'feeder', station: 'input' });
    plant.move(card!, { kind: 'transport', station: 'handler' });
    plant.move(card!, { kind: 'contact-station', station: 'enc-1' });
    moveMs += performance.now() - s;
    s = performance.now();
    const r = await personalizer.personalize(virtualChipChannel(card!.chip!), image(card!.id));
    apdus += r.apdus;
    journalMs += performance.now() - s;
    s = performance.now();
    plant.move(card!, { kind: 'print-head', station: 'prn-1' });
    plant.recordPrint(card!, 'front', storedFromPlanes(front));
    plant.recordPrint(card!, 'back', storedFromPlanes(back));
    printMs += performance.now() - s;
    s = performance.now();
    plant.move(card!, { kind: 'scanner', station: 'qc-1' });
    plant.move(card!, { kind: 'stacker', station: 'output', sequence: i });
    moveMs += performance.now() - s;
    // A line's work crosses macrotask boundaries (device timers, I/O); so does this loop, as objects held only
    // weakly (cards off the line) are kept alive until the microtask queue drains.
    await new Promise<void>((r) => setImmediate(r));
    if ((i + 1) % Math.max(1, Math.floor(cards / 5)) === 0) marks.push(`${i + 1} cards: heap ${heapMb()}, file ${(fileBytesOnDisk() / 1e6).toFixed(1)} MB`);
  }
  const totalMs = performance.now() - t;
  const f = plant.figures();
  plant.close();
  const closedBytes = inMemory ? 0 : statSync(file).size;
  console.log(
    JSON.stringify(
      {
        cards,
        addBlanksPerSecond: Math.round(cards / (addMs / 1000)),
        movesPerSecond: Math.round(moveRate),
        cardMovesMsPerCard: +(moveMs / cards / 7).toFixed(4),
        personalizeMsPerCard: +(journalMs / cards).toFixed(3),
        apdusPerCard: apdus / cards,
        journalRowsPerSecondDuringPersonalization: Math.round(f.chipJournalRows / (journalMs / 1000)),
        printBytesPerCard: printBytes,
        recordPrintMsPerCard: +(printMs / cards).toFixed(3),
        cardsPerSecondOverall: Math.round(cards / (totalMs / 1000)),
        heapAfterBlanksMb: heap0,
        marks,
        figures: f,
        fileBytesAfterClose: closedBytes,
        fileBytesPerCard: Math.round(closedBytes / cards),
      },
      null,
      2,
    ),
  );
  if (process.argv[3] === undefined || inMemory) rmSync(dir, { recursive: true, force: true });
}

void main();
