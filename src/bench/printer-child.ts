/**
 * Benchmark child for the printer: the driver against the simulator, in real time, with the simulator's operation
 * times set to zero so what is measured is the host side and the link.
 *
 *   printer-child memory ROUNDS CARDS    Rlr;p round trips through the in-memory link (simulator in this process),
 *                                        then CARDS full card cycles in virtual time (zlib, then raw panels)
 *   printer-child pty ROUNDS JOBS        through a socat pty pair to `cardline sim printer` in its own process:
 *                                        Rlr;p round trips, then JOBS two-sided print jobs (zlib, then raw)
 *
 * The card is a real one: both faces of a synthetic record rendered at 300 dpi with its drawn photo.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EvolisPrinter } from '../devices/printer/evolis-printer';
import { encodePanelData, type PanelEncoding } from '../devices/printer/panel-download';
import { type PrintPanels, splitRgb, YMCKO } from '../devices/printer/panels';
import { createMemoryLink } from '../devices/transport/memory-link';
import { SerialTransport } from '../devices/transport/serial-transport';
import { startPtyPair } from '../devices/transport/socat-pty-pair';
import { productForIssueDate } from '../identity/products';
import { generateSampleRecords } from '../identity/sample';
import { PrinterSimulator } from '../simulators/printer/printer-simulator';
import { VirtualClock } from '../simulators/virtual-clock';
import { toCardView } from '../templates/card-view';
import { PRINT_LAYERS } from '../templates/paint-face';
import { drawSyntheticPhoto } from '../templates/photo';
import { canvasToRgb, renderCardCanvases } from '../templates/render-raster';
import { BENCH_TODAY } from './bench-data';
import { reportToParent, secondsSince } from './measure';

const NO_WAIT = { insertMs: 0, printSideMs: 0, ejectMs: 0, rejectMs: 0, readMs: 0 };

/** Both faces of one synthetic card as RGB panels. */
function cardJob(): PrintPanels {
  const [record] = [...generateSampleRecords({ count: 1, seed: 'printer-bench', today: BENCH_TODAY })];
  const view = toCardView(record!, productForIssueDate(record!.issueDate!), drawSyntheticPhoto('printer-bench'));
  const { front, back } = renderCardCanvases(view, { layers: PRINT_LAYERS });
  return { front: { width: front.width, height: front.height, rgb: canvasToRgb(front) }, back: { width: back.width, height: back.height, rgb: canvasToRgb(back) } };
}

async function roundTrips(printer: EvolisPrinter, rounds: number): Promise<number> {
  for (let i = 0; i < 200; i++) await printer.cardPosition(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await printer.cardPosition();
  return rounds / secondsSince(start);
}

/** Runs a virtual clock until `promise` settles (the way a simulated shift runs). */
async function inVirtualTime<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => (settled = true));
  tracked.catch(() => undefined);
  await clock.runUntilIdle(() => settled);
  return tracked;
}

/** Full cycles (insert, two-sided print, eject) at the simulator's real operation times, on a virtual clock. */
async function virtualCycles(cards: number, panelEncoding: PanelEncoding): Promise<{ cardsPerWallSecond: number; virtualSecondsPerCard: number }> {
  const clock = new VirtualClock();
  const [host, device] = createMemoryLink({ clock });
  new PrinterSimulator({ transport: device, clock, cards });
  const printer = await inVirtualTime(clock, EvolisPrinter.connect(host, { clock, panelEncoding }));
  const job = cardJob();
  const t0 = clock.now();
  const start = process.hrtime.bigint();
  for (let i = 0; i < cards; i++) {
    await inVirtualTime(clock, printer.feedToContactStation());
    await inVirtualTime(clock, printer.print(job));
    await inVirtualTime(clock, printer.eject());
  }
  return { cardsPerWallSecond: cards / secondsSince(start), virtualSecondsPerCard: (clock.now() - t0) / 1000 / cards };
}

async function memory(rounds: number, cards: number): Promise<void> {
  const [host, device] = createMemoryLink();
  new PrinterSimulator({ transport: device, timings: NO_WAIT });
  const printer = await EvolisPrinter.connect(host, { resync: { quietMs: 10 } });
  const start = process.hrtime.bigint();
  const perSecond = await roundTrips(printer, rounds);
  const zlib = await virtualCycles(cards, 'zlib');
  const raw = await virtualCycles(cards, 'raw');
  reportToParent(
    {
      roundTripsPerSecond: perSecond,
      zlibCardsPerWallSecond: zlib.cardsPerWallSecond,
      rawCardsPerWallSecond: raw.cardsPerWallSecond,
      virtualSecondsPerCard: raw.virtualSecondsPerCard,
    },
    secondsSince(start),
  );
}

async function pty(rounds: number, jobs: number): Promise<void> {
  const started = process.hrtime.bigint();
  const pair = await startPtyPair();
  const cli = join(__dirname, '..', 'cli', 'main.js');
  const sim = spawn(process.execPath, [cli, 'sim', 'printer', '--port', pair.devicePath, '--seed', 'bench', '--cards', String(jobs * 2 + 10), '--ribbon', '100000', '--timings', 'insert=0,print=0,eject=0,reject=0,read=0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // The simulator's stderr (its final status line) would clutter the results table: shown only when something fails.
  let simErrors = '';
  sim.stderr.on('data', (d: Buffer) => (simErrors += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      sim.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('printer ready')) resolve();
      });
      sim.once('exit', (code) => reject(new Error(`sim printer exited with ${code} before it was ready`)));
    });
    sim.stdout.resume();
    const transport = await SerialTransport.open(pair.hostPath);
    const figures: Record<string, number> = {};
    for (const encoding of ['zlib', 'raw'] as const) {
      const printer = await EvolisPrinter.connect(transport, { resync: { quietMs: 10 }, panelEncoding: encoding });
      if (encoding === 'zlib') figures.roundTripsPerSecond = await roundTrips(printer, rounds);
      const job = cardJob();
      // Host-side work alone: split into YMCKO planes and encode, both sides.
      const encodeStart = process.hrtime.bigint();
      let bytes = 0;
      for (const side of [job.front, job.back!]) {
        const planes = splitRgb(side.rgb);
        for (const p of YMCKO) bytes += encodePanelData(planes[p], encoding).length;
      }
      figures[`${encoding}EncodeMs`] = secondsSince(encodeStart) * 1000;
      figures[`${encoding}JobBytes`] = bytes;
      await printer.print(job); // warm-up
      await printer.eject();
      const jobStart = process.hrtime.bigint();
      for (let i = 0; i < jobs; i++) {
        await printer.print(job);
        await printer.eject();
      }
      figures[`${encoding}JobMs`] = (secondsSince(jobStart) * 1000) / jobs;
    }
    await transport.close();
    reportToParent(figures, secondsSince(started));
  } catch (e) {
    process.stderr.write(`cardline sim printer said:\n${simErrors}`);
    throw e;
  } finally {
    if (sim.pid !== undefined && sim.exitCode === null) process.kill(sim.pid, 'SIGTERM');
    await new Promise((r) => (sim.exitCode === null ? sim.once('exit', r) : r(undefined)));
    await pair.stop();
  }
}

async function main(): Promise<void> {
  const [mode, roundsArg, jobsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg ?? 5000);
  if (mode === 'memory') await memory(rounds, Number(jobsArg ?? 30));
  else if (mode === 'pty') await pty(rounds, Number(jobsArg ?? 10));
  else throw new Error('usage: printer-child memory ROUNDS CARDS | pty ROUNDS JOBS');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
