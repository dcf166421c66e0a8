/**
 * `cardline sim printer --port PATH`: a simulated Evolis-style card printer on a serial device, typically the
 * device end of a socat pty pair (`socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`: the simulator opens B, the
 * driver opens A). One line per card event and fault on stdout; operator commands (`refill 100`, `clear-jam`,
 * `replace-ribbon 250`, `close-cover`, `open-cover`, `empty-reject`, `status`, ...) are read from stdin, one per line,
 * and each prints what it did. Runs until interrupted (SIGINT, SIGTERM) or until the port goes away.
 */
import { randomInt } from 'node:crypto';
import { createInterface } from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { SerialOpenError } from '../../devices/transport/serial-open-error';
import { SERIAL_DEFAULTS, SerialTransport } from '../../devices/transport/serial-transport';
import { FaultSpecError, formatFaultSpec, parseFaultSpec, type PrinterFaultSpec } from '../../simulators/printer/fault-spec';
import { runConsoleLine } from '../../simulators/printer/operator-console';
import { PRINTER_SIM_DEFAULTS, PrinterSimulator } from '../../simulators/printer/printer-simulator';
import { parseTimings, TimingSpecError, type PrinterTimings } from '../../simulators/printer/timings';
import { InputError, UsageError } from '../cli-errors';
import { positiveInteger } from '../options';

/** Commander parser of `--faults`: a bad spec is a usage error naming the entry. */
export function parseFaultsOption(value: string): PrinterFaultSpec {
  try {
    return parseFaultSpec(value);
  } catch (e) {
    if (e instanceof FaultSpecError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/** Commander parser of `--timings`. */
export function parseTimingsOption(value: string): PrinterTimings {
  try {
    return parseTimings(value);
  } catch (e) {
    if (e instanceof TimingSpecError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/** Commander parser of a count that may be 0 (cards at start). */
function count(max: number): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) > max) throw new InvalidArgumentError(`"${value}" is not a whole number from 0 to ${max}`);
    return Number(value);
  };
}

interface SimPrinterOptions {
  port?: string;
  baud: number;
  cards: number;
  feederCapacity?: number;
  ribbon: number;
  rejectCapacity: number;
  faults?: PrinterFaultSpec;
  seed?: string;
  model: string;
  serial?: string;
  timings?: PrinterTimings;
}

/** Registers `printer` under the `sim` command. */
export function registerSimPrinter(sim: Command): void {
  sim
    .command('printer')
    .description('a simulated Evolis-style card printer on a serial device (e.g. one end of a socat pty pair); operator commands on stdin')
    .option('--port <path>', 'serial device to serve, e.g. the B end of: socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B')
    .option('--baud <rate>', 'line speed (a pty ignores it)', positiveInteger(4_000_000), SERIAL_DEFAULTS.baudRate)
    .option('--cards <n>', 'blank cards in the feeder at start', count(1_000_000), PRINTER_SIM_DEFAULTS.cards)
    .option('--feeder-capacity <n>', 'feeder capacity (default 100, or --cards when more)', positiveInteger(1_000_000))
    .option('--ribbon <panels>', 'YMCKO ribbon panels at start and in each new ribbon (5 per card side)', count(1_000_000), PRINTER_SIM_DEFAULTS.ribbonPanels)
    .option('--reject-capacity <n>', 'cards the reject box holds', positiveInteger(100_000), PRINTER_SIM_DEFAULTS.rejectCapacity)
    .option('--faults <spec>', 'faults: KIND=RATE or KIND@N, comma-separated, e.g. feed=0.01,jam=0.005,jam-insert@3,garble@12 (kinds: feed, jam, jam-insert, jam-print, ribbon, cover, rejectfull, garble, silent)', parseFaultsOption)
    .option('--seed <seed>', 'seed of the fault draws, serial number and blank cards (default: random, printed)')
    .option('--model <name>', 'model the printer reports (Rtp)', PRINTER_SIM_DEFAULTS.model)
    .option('--serial <sn>', 'serial number the printer reports (Rsn; default: from the seed)')
    .option('--timings <spec>', 'operation times in ms: insert=1500,print=12000,eject=1000,reject=1000,read=10, or scale=F', parseTimingsOption)
    .action((opts: SimPrinterOptions) => runSimPrinter(opts));
}

async function runSimPrinter(opts: SimPrinterOptions): Promise<void> {
  if (opts.port === undefined) throw new UsageError('sim printer needs a serial device: --port PATH');
  if (opts.serial !== undefined && !/^[\x21-\x7e]{1,64}$/.test(opts.serial)) throw new UsageError('--serial must be 1-64 printable ASCII characters without spaces');
  if (!/^[\x20-\x7e]{1,64}$/.test(opts.model)) throw new UsageError('--model must be 1-64 printable ASCII characters');
  const seed = opts.seed ?? String(randomInt(1, 2 ** 31));
  if (opts.seed === undefined) process.stderr.write(`cardline sim printer: seed ${seed}\n`);
  let transport: SerialTransport;
  try {
    transport = await SerialTransport.open(opts.port, { baudRate: opts.baud });
  } catch (e) {
    if (e instanceof SerialOpenError) throw new InputError(e.message);
    throw e;
  }
  const faults = opts.faults ?? { rates: {}, scripted: [] };
  const sim = new PrinterSimulator({
    transport,
    cards: opts.cards,
    feederCapacity: opts.feederCapacity,
    ribbonPanels: opts.ribbon,
    rejectCapacity: opts.rejectCapacity,
    faults,
    seed,
    model: opts.model,
    serialNumber: opts.serial,
    timings: opts.timings,
  });
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  sim.onEvent((e) => say(e.text));
  const m = sim.mechanism;
  say(
    `printer ready on ${opts.port}: ${sim.info.model}, serial ${sim.info.serialNumber}, feeder ${m.feeder.length}/${m.options.feederCapacity}, ` +
      `ribbon ${m.ribbonPanels} panels, reject box 0/${m.options.rejectCapacity}, faults ${formatFaultSpec(faults)}, seed ${seed}`,
  );

  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', (line) => {
    const result = runConsoleLine(sim, line);
    if (result.text !== '') say(result.text);
  });

  let onSignal: (signal: string) => void = () => undefined;
  const ended = await new Promise<{ error?: Error; signal?: string }>((resolve) => {
    onSignal = (signal: string) => resolve({ signal });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    transport.onClose((error) => resolve({ error }));
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  lines.close();
  process.stdin.destroy();
  await sim.close();
  process.stderr.write(`cardline sim printer: ${ended.signal ? `stopped (${ended.signal})` : 'the port closed'}; ${sim.operator.status()}\n`);
  if (ended.error !== undefined) throw new InputError(`${opts.port}: ${ended.error.message}`);
}
