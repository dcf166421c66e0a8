import { join } from 'node:path';
import { ptyPairUnavailableReason } from '../../devices/transport/socat-pty-pair';
import { runChild, type BenchResult } from '../measure';

const ROUNDS = Number(process.env.CARDLINE_BENCH_PRINTER_ROUNDS ?? 5000);
const JOBS = Number(process.env.CARDLINE_BENCH_PRINTER_JOBS ?? 10);
const CARDS = Number(process.env.CARDLINE_BENCH_PRINTER_CARDS ?? 30);

/**
 * The printer driver against the simulator with its operation times at zero: command round trips (`Rlr;p`) through
 * the in-memory link and through a socat pty pair to `cardline sim printer` in its own process, and the time to send a
 * full two-sided print job (split into YMCKO planes, encoded, downloaded, printed at zero time, ejected) over the pty,
 * with zlib and with raw panels. Then whole card cycles at the simulator's real operation times on a virtual clock,
 * the way a simulated shift runs: there the cost is the panels (split, encode, decode, compose), not waiting. The pty
 * figures need socat; without it they are reported as skipped.
 */
export const printerBench = {
  name: 'printer',
  async run(): Promise<BenchResult[]> {
    const child = join(__dirname, '..', 'printer-child.js');
    const memory = await runChild(child, ['memory', String(ROUNDS), String(CARDS)]);
    const virtualNote = `${memory.virtualSecondsPerCard!.toFixed(1)} s of printer time per card`;
    const results: BenchResult[] = [
      { name: 'Rlr;p round trips, in-memory link', value: memory.roundTripsPerSecond!, unit: 'commands/s' },
      { name: 'card cycles in virtual time, zlib panels', value: memory.zlibCardsPerWallSecond!, unit: 'cards/s', note: virtualNote },
      { name: 'card cycles in virtual time, raw panels', value: memory.rawCardsPerWallSecond!, unit: 'cards/s', note: virtualNote },
    ];
    const missing = ptyPairUnavailableReason();
    if (missing !== undefined) {
      results.push({ name: 'pty figures', value: 0, unit: '', note: `skipped: ${missing}` });
      return results;
    }
    const pty = await runChild(child, ['pty', String(ROUNDS), String(JOBS)]);
    results.push(
      { name: 'Rlr;p round trips, pty pair + sim process', value: pty.roundTripsPerSecond!, unit: 'commands/s' },
      {
        name: 'two-sided job over the pty, zlib panels',
        value: pty.zlibJobMs!,
        unit: 'ms/job',
        target: '< 1000',
        met: pty.zlibJobMs! < 1000,
        note: `${(pty.zlibJobBytes! / 1024).toFixed(0)} KiB on the wire, split + encode ${pty.zlibEncodeMs!.toFixed(0)} ms`,
      },
      {
        name: 'two-sided job over the pty, raw panels',
        value: pty.rawJobMs!,
        unit: 'ms/job',
        target: '< 1000',
        met: pty.rawJobMs! < 1000,
        note: `${(pty.rawJobBytes! / 1024).toFixed(0)} KiB on the wire, split ${pty.rawEncodeMs!.toFixed(0)} ms`,
      },
    );
    return results;
  },
};
