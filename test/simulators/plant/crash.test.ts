/**
 * kill -9 of a process running a simulated line: the plant file it leaves is consistent (every card in one place,
 * counters agreeing with the cards, chip journals replaying to what was written), holds every step the process
 * reported done, and the line goes on from it.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildSimulatedLine } from '../../../src/simulators/line/build-simulated-line';
import { LINE_PLACES } from '../../../src/simulators/line/line-description';
import { hasLeftTheLine, locationKey, Plant } from '../../../src/simulators/plant/plant';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { tempDir } from '../../helpers/cli';
import { CHURN_FAULTS, CHURN_LINE, churn, churnImage } from './child/churn';

const ws = tempDir('plant-crash');
afterAll(() => ws.cleanup());

const CHILD = resolve(__dirname, 'child/plant-worker.ts');
const REGISTER = resolve(__dirname, 'child/register-ts.js');

/** Runs the worker until it has reported `steps` steps, then SIGKILLs it (by its pid). Returns what it reported. */
function runAndKill(file: string, steps: number): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CHILD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker reported only ${lines.length} steps in 60 s; stderr: ${stderr}`));
    }, 60_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      partial += d.toString();
      const parts = partial.split('\n');
      partial = parts.pop()!;
      // Only complete lines count: a step is reported once its line is whole.
      lines.push(...parts);
      if (!killed && lines.length >= steps) {
        killed = true;
        process.kill(child.pid!, 'SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) resolvePromise(lines);
      else reject(new Error(`the worker exited with ${code ?? signal} before it was killed; stderr: ${stderr}`));
    });
  });
}

/** Checks the plant's consistency; returns the handler's saved state for further checks. */
function checkConsistent(plant: Plant, reported: string[]): void {
  const cards = plant.all();
  // Every card in exactly one known place, and the census adds up.
  expect(Object.values(plant.census()).reduce((a, b) => a + b, 0)).toBe(cards.length);
  for (const card of cards) expect(locationKey(card.location)).toMatch(/^(stock|removed|(feeder|transport|contact-station|print-head|scanner|output-hopper|reject-box|stacker|jammed):[a-z0-9-]+)$/);
  // At most one card inside the printer, at most one in each module.
  const inside = ['transport', 'contact-station', 'print-head', 'jammed'].reduce((n, kind) => n + plant.count({ kind, station: 'prn-1' } as never), 0);
  expect(inside).toBeLessThanOrEqual(1);
  expect(plant.count({ kind: 'contact-station', station: 'enc-1' })).toBeLessThanOrEqual(1);
  expect(plant.count({ kind: 'scanner', station: 'qc-1' })).toBeLessThanOrEqual(1);
  // The handler's counters agree with the cards they count (each saved in the same transaction as the move).
  const handler = plant.deviceState<{ counters: { stacked: number; rejected: number }; transit: { cardId: string }[] }>('handler').load()!;
  expect(handler.counters.stacked).toBe(plant.count(LINE_PLACES.output));
  expect(handler.counters.rejected).toBe(plant.count(LINE_PLACES.reject));
  expect(handler.transit.map((t) => t.cardId).sort()).toEqual(plant.at(LINE_PLACES.transit).map((c) => c.id).sort());
  // Every chip journal replays, to exactly what was written to it (each card gets the image named after it).
  for (const card of cards) {
    const chip = card.chip!.inspect();
    const image = churnImage(card.id);
    for (const f of chip.files) {
      const expected = image.files.find((x) => x.fid === f.fid)!.bytes;
      const written = f.data.findIndex((b) => b === 0);
      const upTo = written < 0 ? f.size : written;
      expect(Buffer.from(f.data.subarray(0, upTo)).equals(Buffer.from(expected.subarray(0, upTo)))).toBe(true);
      expect(f.data.subarray(upTo).every((b) => b === 0)).toBe(true);
    }
    if (chip.locked) expect(chip.files.map((f) => f.size)).toEqual([500, 300]);
  }
  // Everything reported done is in the file.
  for (const line of reported) {
    const [what, id] = line.split(' ');
    if (what === 'personalized') expect(plant.card(id!).chip!.inspect().locked).toBe(true);
    if (what === 'stacked') expect(plant.card(id!).location.kind).toBe('stacker');
    if (what === 'rejected') expect(hasLeftTheLine(plant.card(id!).location)).toBe(true);
  }
}

test('kill -9 mid-run: the reopened plant is consistent, complete and goes on', async () => {
  const file = join(ws.dir, 'crash.db');
  const reported = await runAndKill(file, 400);
  expect(reported.filter((l) => l.startsWith('stacked')).length).toBeGreaterThan(10);

  const plant = Plant.open(file);
  checkConsistent(plant, reported);
  plant.close();

  // The line goes on from the file: moves under way complete, then cards keep flowing.
  const clock = new VirtualClock();
  const again = Plant.open(file, { clock });
  const line = buildSimulatedLine(CHURN_LINE, { plant: again, clock, seed: 'crash', faults: CHURN_FAULTS });
  expect(line.restored).toBe(true);
  expect(again.count(LINE_PLACES.transit)).toBe(0);
  const more: string[] = [];
  await churn(line, clock, 15, (t) => more.push(t));
  expect(more.filter((l) => l.startsWith('stacked')).length).toBeGreaterThan(3);
  checkConsistent(again, [...reported, ...more]);
  await line.close();
  again.close();
}, 90_000);
