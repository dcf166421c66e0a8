/**
 * How long the simulated printer takes, on its clock. Defaults follow an Evolis Primacy-class printer: a card from
 * the feeder to the contact station in about 1.5 s, a YMCKO side in about 12 s (5 ribbon panels), a card out in about
 * 1 s, and reads in a few milliseconds. `--timings insert=15,print=120,eject=10` (ms) or `--timings scale=0.01`
 * changes them for quick real-time runs; virtual-time runs do not wait for any of it.
 */

/** Durations in ms. */
export interface PrinterTimings {
  /** Feeder to contact station (`Sis`), or to the print head before a print without a card. */
  insertMs: number;
  /** One side, YMCKO (`Sp` takes this per side). */
  printSideMs: number;
  /** To the output hopper (`Se`). */
  ejectMs: number;
  /** To the reject box (`Ser`). */
  rejectMs: number;
  /** Any other command (reads, job set-up, downloads once received). */
  readMs: number;
}

/** Default durations. */
export const DEFAULT_PRINTER_TIMINGS: Readonly<PrinterTimings> = { insertMs: 1_500, printSideMs: 12_000, ejectMs: 1_000, rejectMs: 1_000, readMs: 10 };

const KEYS: Readonly<Record<string, keyof PrinterTimings>> = { insert: 'insertMs', print: 'printSideMs', eject: 'ejectMs', reject: 'rejectMs', read: 'readMs' };

/** A `--timings` value that does not parse. */
export class TimingSpecError extends Error {
  override name = 'TimingSpecError';
}

/**
 * Parses `key=ms,...` (keys insert, print, eject, reject, read) and `scale=F` (multiplies every duration not given
 * explicitly). Durations are whole or decimal milliseconds from 0 to 3,600,000.
 * @throws TimingSpecError naming the bad entry
 */
export function parseTimings(text: string, base: Readonly<PrinterTimings> = DEFAULT_PRINTER_TIMINGS): PrinterTimings {
  const explicit: Partial<PrinterTimings> = {};
  let scale = 1;
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const m = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(entry);
    if (m === null) throw new TimingSpecError(`timing "${entry}" must be KEY=MS (keys: ${Object.keys(KEYS).join(', ')}, scale)`);
    const [, key, value] = m as unknown as [string, string, string];
    const n = Number(value);
    if (key === 'scale') {
      if (!(n > 0 && n <= 1000)) throw new TimingSpecError(`scale in "${entry}" must be above 0 and at most 1000`);
      scale = n;
      continue;
    }
    const field = KEYS[key];
    if (field === undefined) throw new TimingSpecError(`unknown timing "${key}"; keys: ${Object.keys(KEYS).join(', ')}, scale`);
    if (n > 3_600_000) throw new TimingSpecError(`timing "${entry}" is over one hour`);
    explicit[field] = n;
  }
  const scaled = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v * scale])) as unknown as PrinterTimings;
  return { ...scaled, ...explicit };
}
