/**
 * An in-process printer world for tests: the driver and the simulator joined by a memory link, both on one
 * virtual clock, and a way to run a driver call to completion in virtual time.
 */
import { EvolisPrinter, type EvolisPrinterOptions } from '../../../src/devices/printer/evolis-printer';
import { PANEL_HEIGHT, PANEL_WIDTH, type RgbPanel } from '../../../src/devices/printer/panels';
import { createMemoryLink, type MemoryLinkOptions } from '../../../src/devices/transport/memory-link';
import { PrinterSimulator, type PrinterSimulatorOptions } from '../../../src/simulators/printer/printer-simulator';
import { VirtualClock } from '../../../src/simulators/virtual-clock';

/**
 * Runs the virtual clock until `promise` settles, jumping over every wait. Fails (instead of hanging) when the
 * promise is still pending with no timer left to fire.
 */
export async function inVirtualTime<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  tracked.catch(() => undefined);
  await clock.runUntilIdle(() => settled);
  if (!settled) throw new Error('still pending with no timer left: this would hang');
  return tracked;
}

/** The rejection of a promise run in virtual time (fails the test if it resolves). */
export async function failureOf(clock: VirtualClock, promise: Promise<unknown>): Promise<Error> {
  try {
    await inVirtualTime(clock, promise);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure, but the call succeeded');
}

/** A connected driver and simulator. */
export interface PrinterWorld {
  clock: VirtualClock;
  sim: PrinterSimulator;
  printer: EvolisPrinter;
  run<T>(p: Promise<T>): Promise<T>;
  fail(p: Promise<unknown>): Promise<Error>;
}

/** Builds a world; the driver is connected when it resolves. */
export async function printerWorld(
  sim: Omit<PrinterSimulatorOptions, 'transport' | 'clock'> = {},
  driver: EvolisPrinterOptions = {},
  link: Omit<MemoryLinkOptions, 'clock'> = {},
): Promise<PrinterWorld> {
  const clock = new VirtualClock();
  const [host, device] = createMemoryLink({ clock, names: ['memory:host', 'memory:printer'], ...link });
  const simulator = new PrinterSimulator({ transport: device, clock, ...sim });
  const printer = await inVirtualTime(clock, EvolisPrinter.connect(host, { clock, ...driver }));
  return {
    clock,
    sim: simulator,
    printer,
    run: (p) => inVirtualTime(clock, p),
    fail: (p) => failureOf(clock, p),
  };
}

/**
 * A test panel, 1016 x 648 RGB: a colour gradient (never near-black), a black bar (rows 100-119) and a
 * near-black bar (rows 200-219, RGB 30/35/40). `seed` shifts the gradient so two panels differ.
 */
export function testPanel(seed = 0, width = PANEL_WIDTH, height = PANEL_HEIGHT): RgbPanel {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (y >= 100 && y < 120) continue; // black: 0, 0, 0
      if (y >= 200 && y < 220) {
        rgb.set([30, 35, 40], i);
        continue;
      }
      rgb[i] = 60 + ((x + seed) % 196);
      rgb[i + 1] = 60 + ((y + seed) % 196);
      rgb[i + 2] = 60 + ((x + y + seed) % 196);
    }
  }
  return { width, height, rgb };
}

/**
 * Where two byte arrays first differ (undefined when equal). Jest's toEqual walks a 2 MB typed array element by
 * element and takes seconds; this is a memcmp, and the index says where to look.
 */
export function firstDifference(a: Uint8Array | undefined, b: Uint8Array | undefined): string | undefined {
  if (a === undefined || b === undefined) return a === b ? undefined : `one side is undefined`;
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  if (Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length))) return undefined;
  const i = a.findIndex((v, j) => v !== b[j]);
  return `byte ${i}: ${a[i]} vs ${b[i]}`;
}
