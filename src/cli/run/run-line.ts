/**
 * `cardline run`: one production run of an order on a configured line, from the CLI. Composes the store, the test
 * PKI, data preparation, the simulated plant and devices (or real ones), the virtual or system clock, and the line
 * service; prints a progress bar on a terminal and the summary at the end.
 *
 * A run can be killed at any moment (kill -9 included): the store and the plant file hold the truth, and
 * `cardline run --resume` continues the order with the same line, seed and faults, resolving the cards that were
 * mid-step by asking the devices.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes, randomInt } from 'node:crypto';
import { Store, type RunRow } from '../../controller/store';
import { loadLineConfig, isFullySimulated, type LineConfig } from '../../controller/line/config';
import { LineRun, type LineEvent } from '../../controller/line/line-run';
import { createPreparer } from '../../controller/line/prep/prep-pool';
import { summarize, type RunSummary } from '../../controller/line/run-summary';
import { initPki, loadCscaCertificates, PASSPHRASE_ENV } from '../../controller/pki';
import { VirtualClock } from '../../simulators/virtual-clock';
import { Plant } from '../../simulators/plant';
import { systemClock, type Clock } from '../../devices/clock';
import { cryptoRandom } from '../../devices/chip';
import { writeSampleFile } from '../../controller/sample/write-sample';
import { InputError, UsageError } from '../cli-errors';
import { todayIso } from '../today';
import { simulatedLineDevices } from './simulated-line-devices';
import { openSimulatedTransports, usesRealTransports } from './simulated-transports';

/** The options of `cardline run`, as parsed. */
export interface RunOptions {
  db: string;
  config: string;
  order?: string;
  sample?: number;
  speed: 'virtual' | 'realtime';
  faults: string;
  seed?: string;
  json?: boolean;
  resume?: boolean;
  pki?: string;
  print?: 'full' | 'variable';
  /** Minutes of line time before the simulated operator clears a station fault. */
  operatorMinutes: number;
  progress: boolean;
  /** Simulated device durations multiplied by this. */
  timeScale?: number;
  /** False: no simulated operator clears station faults; people do (the console). Default true. */
  autoOperator?: boolean;
  /** Told the running line as soon as it exists (the console drives it). */
  onLine?: (line: LineRun) => void;
  /** Every line event (the console streams them). */
  onEvent?: (e: LineEvent) => void;
}

/** What a run stores about itself so `--resume` can go on exactly as it was. */
interface RunSettings {
  config: string;
  speed: 'virtual' | 'realtime';
  faults: string;
  seed: string;
  print: 'full' | 'variable';
  operatorMinutes: number;
  blanks: number;
  /** Simulated device durations multiplied by this (absent: real durations). */
  timeScale?: number;
}

/** Runs (or resumes) an order; returns the summary. */
export async function runLine(o: RunOptions): Promise<RunSummary> {
  const dbFile = resolve(o.db);
  const virtual = o.speed === 'virtual';
  const store = Store.open(dbFile, { durability: virtual ? 'process-crash' : 'power-loss' });
  try {
    const { settings, orderId } = await chooseRun(store, o);
    const config = loadConfig(settings);
    const hardware = config.stations.filter((s) => Object.values(s).some((v) => typeof v === 'object' && v !== null && ['serial', 'pcsc', 'hid'].includes((v as { type?: string }).type ?? '')));
    if (hardware.length > 0) {
      throw new InputError(
        `stations ${hardware.map((s) => s.id).join(', ')} name real hardware; cardline run drives simulated devices (in memory, on ptys, or through pcscd + vpcd) ` +
          'until a driver for real card handling (conveyors, robots) exists; real readers work one card at a time with cardline chip, and cardline devices lists what is attached',
      );
    }
    if (!isFullySimulated(config) && settings.speed === 'virtual') {
      throw new UsageError(`--speed virtual needs a fully simulated line; ${settings.config} has real devices`);
    }
    // The store's timestamps follow the line's clock, so makespans are in line time; a resumed virtual run goes on
    // from where the order's history ends.
    let clock: Clock = systemClock;
    let virtualClock: VirtualClock | undefined;
    if (settings.speed === 'virtual') {
      const facts = store.orderFacts(orderId);
      virtualClock = new VirtualClock(Math.max(Date.now(), (facts.lastJobAt ?? 0) + 60_000));
      clock = virtualClock;
      store.close();
    }
    const liveStore = settings.speed === 'virtual' ? Store.open(dbFile, { durability: 'process-crash', now: () => clock.now() }) : store;
    try {
      return await produce(liveStore, o, settings, config, orderId, clock, virtualClock, dbFile);
    } finally {
      if (liveStore !== store) liveStore.close();
    }
  } finally {
    store.close();
  }
}

async function produce(
  store: Store,
  o: RunOptions,
  settings: RunSettings,
  config: LineConfig,
  orderId: number,
  clock: Clock,
  virtualClock: VirtualClock | undefined,
  dbFile: string,
): Promise<RunSummary> {
  for (const stale of store.runningRuns()) store.endRun(stale.id, 'crashed');
  const run = store.startRun({ orderId, config: settings, seed: settings.seed });
  const pki = ensurePki(o.pki ?? join(dirname(dbFile), 'pki'));
  const plant = Plant.open(`${dbFile.replace(/\.db$/, '')}-plant.db`);
  // Stations on real transports (pty pairs, pcscd + vpcd) get them opened here; the rest stay in memory.
  const transports = usesRealTransports(config) ? await openSimulatedTransports(config, plant) : undefined;
  const sim = await simulatedLineDevices(config, {
    plant,
    clock,
    seed: settings.seed,
    faults: settings.faults,
    blanks: settings.blanks,
    ...(virtualClock ? { virtualClock } : {}),
    ...(transports ? { printerTransports: transports.printerDevice, hostTransports: transports.printerHost, readers: transports.readers } : {}),
    ...(settings.timeScale !== undefined ? { timeScale: settings.timeScale } : {}),
  });
  const preparer = createPreparer({ pkiDir: pki.dir, passphrase: pki.passphrase }, { printContent: settings.print });
  const progress = o.progress ? startProgress(store, orderId) : undefined;
  const line = new LineRun({
    store,
    config,
    devices: sim.devices,
    clock,
    ...(virtualClock ? { virtualClock } : {}),
    preparer,
    orderId,
    runId: run.id,
    csca: loadCscaCertificates(pki.dir),
    random: cryptoRandom,
    // Certificates are checked at the real date: the virtual clock may run ahead of their validity.
    qcAt: () => new Date(),
    ...(o.autoOperator === false ? {} : { autoOperatorMs: settings.operatorMinutes * 60_000 }),
    onEvent: (e) => {
      progress?.update(e);
      o.onEvent?.(e);
    },
  });
  o.onLine?.(line);
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write('\ncardline run: stopping (cards in flight are resolved by the next run --resume); Ctrl-C again to quit now\n');
    line.control('STOP');
    // Cards in flight get a while to finish; a device that does not answer must not keep the process forever (the
    // store is consistent at every moment: the next run --resume resolves what was left in doubt).
    setTimeout(() => {
      process.stderr.write('cardline run: cards in flight did not finish within 30 s; quitting (run --resume resolves them)\n');
      process.exit(130);
    }, 30_000).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await line.run();
    progress?.stop();
    const injected = sim.line.injectedFaults().byKind;
    const figures = { stations: result.stationFigures, injected, detectedStation: result.stationFaults };
    store.setRunSummary(run.id, figures);
    store.endRun(run.id, result.held.length > 0 ? 'aborted' : 'completed');
    // The simulated line's fault counters live in the plant file and survive crashes and resumes: they cover the order.
    const summary = summarize(store, orderId, config, sim.cycle, {
      injected,
      stations: result.stationFigures,
    });
    return result.stalled !== undefined ? { ...summary, stalled: result.stalled } : summary;
  } finally {
    progress?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await preparer.close();
    await sim.devices.close();
    await transports?.close();
    plant.close();
  }
}

function loadConfig(settings: RunSettings): LineConfig {
  try {
    const config = loadLineConfig(settings.config);
    return { ...config, printContent: settings.print };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/** Picks the order and the settings: a new run, or the continuation of the last one (`--resume`). */
async function chooseRun(store: Store, o: RunOptions): Promise<{ settings: RunSettings; orderId: number }> {
  if (o.resume) {
    const last = store.lastRun();
    if (!last || last.orderId === null) throw new InputError('nothing to resume: no run in this database');
    const settings = last.config as RunSettings;
    return { settings, orderId: last.orderId };
  }
  const seed = o.seed ?? String(randomInt(1, 2 ** 31));
  let orderId: number;
  let records: number;
  if (o.order !== undefined) {
    const order = store.findOrder(o.order);
    if (!order) throw new InputError(`no order "${o.order}"; import one with: cardline import FILE --order ${o.order}`);
    orderId = order.id;
    records = store.listOrders().find((x) => x.id === orderId)!.total;
  } else if (o.sample !== undefined) {
    const name = `sample-${seed}-${o.sample}`;
    const existing = store.findOrder(name);
    if (existing) {
      orderId = existing.id;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'cardline-sample-'));
      try {
        const file = join(dir, 'sample.ndjson');
        let text = '';
        await writeSampleFile({ count: o.sample, seed, today: todayIso() < '2026-06-30' ? todayIso() : '2026-06-30', photos: true, format: 'ndjson' }, (t) => {
          text += t;
        });
        writeFileSync(file, text);
        const report = await store.importFile(file, { order: name, today: todayIso() });
        orderId = store.findOrder(name)?.id ?? NaN;
        if (!Number.isFinite(orderId)) throw new InputError(`the sample order could not be imported: ${JSON.stringify(report).slice(0, 300)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    records = o.sample;
  } else {
    throw new UsageError('name an order (--order NAME) or ask for a sample (--sample N), or --resume the last run');
  }
  const speed = o.speed;
  const print = o.print ?? (speed === 'virtual' ? 'variable' : 'full');
  // Blanks for the whole order plus spares for spoiled cards; the simulated operator loads more if they run out.
  const blanks = Math.ceil(records * 1.15) + 20;
  const settings: RunSettings = { config: o.config, speed, faults: o.faults, seed, print, operatorMinutes: o.operatorMinutes, blanks };
  if (o.timeScale !== undefined) settings.timeScale = o.timeScale;
  return { settings, orderId };
}

/**
 * The Document Signer for this line. A test PKI is created on first use for simulated lines; its passphrase comes
 * from CARDLINE_DS_PASSPHRASE, or, when that is unset, from a random one kept in the PKI folder (mode 0600):
 * acceptable for a simulation and a test PKI, never for a real signer.
 */
function ensurePki(dir: string): { dir: string; passphrase: string } {
  const passFile = join(dir, 'simulation-passphrase');
  let passphrase = process.env[PASSPHRASE_ENV];
  if (!passphrase && existsSync(passFile)) passphrase = readFileSync(passFile, 'utf8').trim();
  if (!existsSync(join(dir, 'csca.pem'))) {
    if (!passphrase) {
      passphrase = randomBytes(24).toString('base64url');
      initPki(dir, { passphrase, now: new Date() });
      writeFileSync(passFile, passphrase + '\n', { mode: 0o600 });
    } else {
      initPki(dir, { passphrase, now: new Date() });
    }
  }
  if (!passphrase) throw new InputError(`${dir} holds a PKI: set ${PASSPHRASE_ENV} to its passphrase`);
  return { dir, passphrase };
}

/** A progress bar on stderr: cards good and rejected, rate, ETA. */
function startProgress(store: Store, orderId: number) {
  // Loaded only on a terminal.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const total = store.listOrders().find((x) => x.id === orderId)!.total;
  const bar = new SingleBar(
    { format: 'line |{bar}| {value}/{total} records | good {good} | rejected {spoiled} | {rate}/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  const started = Date.now();
  let shown = false;
  return {
    update(e: LineEvent) {
      if (e.type !== 'progress') return;
      if (!shown) {
        bar.start(total, 0, { good: 0, spoiled: 0, rate: '0' });
        shown = true;
      }
      const done = e.produced + e.failed + e.held;
      bar.update(done, { good: e.produced, spoiled: e.spoiled, rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
    },
    stop() {
      if (shown) bar.stop();
      shown = false;
    },
  };
}

export type { RunRow };
