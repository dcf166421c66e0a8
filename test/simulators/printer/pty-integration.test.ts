/**
 * The real thing: the driver on one end of a socat pty pair, `cardline sim printer` as a separate process on the
 * other, in real time (with the simulator's operation times shortened). A full card cycle, then every fault kind:
 * it must surface as its typed error with the operator action, the action typed on the simulator's stdin must clear
 * it, and the cycle must then complete. Skips, saying why, where socat is missing.
 */
import {
  CardJamError,
  CoverOpenError,
  FeederEmptyError,
  type PrinterError,
  PrinterProtocolError,
  PrinterTimeoutError,
  RejectBoxFullError,
  RibbonEndedError,
} from '../../../src/devices/printer/errors';
import { EvolisPrinter } from '../../../src/devices/printer/evolis-printer';
import { SerialTransport } from '../../../src/devices/transport/serial-transport';
import { type PtyPair, startPtyPair } from '../../../src/devices/transport/socat-pty-pair';
import { describeWithSocat } from '../../devices/transport/socat';
import { SimProcess } from './sim-process';
import { testPanel } from './world';

const JOB = { front: testPanel(1), back: testPanel(2) };

describeWithSocat('printer driver <-> pty pair <-> cardline sim printer (separate process)', () => {
  let pair: PtyPair;
  let sim: SimProcess;
  let printer: EvolisPrinter;

  beforeAll(async () => {
    pair = await startPtyPair();
    sim = await SimProcess.start(pair.devicePath, [
      '--seed',
      'pty-test',
      '--cards',
      '30',
      '--timings',
      'insert=20,print=40,eject=10,reject=10,read=0',
      '--faults',
      'jam-insert@2',
    ]);
    const transport = await SerialTransport.open(pair.hostPath);
    printer = await EvolisPrinter.connect(transport, { timeouts: { readMs: 1000, moveMs: 1500, printMs: 5000 }, resync: { quietMs: 100 } });
  }, 30_000);

  afterAll(async () => {
    await printer?.close();
    const code = await sim?.stop();
    await pair?.stop();
    expect(code).toBe(0);
  });

  async function cycle(): Promise<void> {
    await printer.feedToContactStation();
    expect(await printer.cardPosition()).toBe('smart-card');
    await printer.print(JOB);
    await printer.eject();
  }

  test('connect reads what the simulator was started as', async () => {
    expect(printer.info.model).toBe('Evolis Primacy 2 (cardline simulator)');
    expect(sim.lines[0]).toContain(`serial ${printer.info.serialNumber}`);
    expect(sim.lines[0]).toContain('faults jam-insert@2');
  });

  test('a full card cycle: contact station, SMART CARD, both sides printed, ejected', async () => {
    await printer.feedToContactStation();
    expect(await printer.cardPosition()).toBe('smart-card');
    await printer.print(JOB);
    expect(await printer.cardPosition()).toBe('card');
    await printer.eject();
    expect(await printer.cardPosition()).toBe('none');
    expect(sim.lines).toEqual(expect.arrayContaining([
      'card 1 C0000001: at the contact station',
      'card 1 C0000001: printed front and back',
      'card 1 C0000001: ejected to the output hopper',
    ]));
  });

  test('a scripted jam at insert (--faults jam-insert@2): CardJamError; clear-jam on stdin; the cycle completes', async () => {
    const e = (await printer.feedToContactStation().catch((x: unknown) => x)) as PrinterError;
    expect(e).toBeInstanceOf(CardJamError);
    expect(e.operatorAction).toBe('open the cover, remove the card, close the cover');
    expect(await sim.command('clear-jam')).toBe('clear-jam: opened the cover, removed card C0000002 (jammed between the feeder and the contact station) by hand, closed the cover');
    await cycle();
  });

  const CONDITIONS: [string, new (...a: never[]) => PrinterError, 'insert' | 'print', string, string, string][] = [
    ['feed', FeederEmptyError, 'insert', 'refill the feeder', 'refill 5', 'refill: loaded 5 card(s), stack reseated'],
    ['jam-print', CardJamError, 'print', 'open the cover, remove the card, close the cover', 'clear-jam', 'clear-jam: opened the cover, removed card'],
    ['ribbon', RibbonEndedError, 'print', 'replace the ribbon', 'replace-ribbon 250', 'replace-ribbon: new YMCKO ribbon, 250 panels (50 card sides)'],
    ['cover', CoverOpenError, 'insert', 'close the cover', 'close-cover', 'close-cover: cover closed'],
    ['rejectfull', RejectBoxFullError, 'insert', 'empty the reject box', 'empty-reject', 'empty-reject: took 0 card(s) out of the reject box, sensor reset'],
  ];

  test.each(CONDITIONS)('fault %s: typed error with the operator action; the stdin action clears it; the cycle completes', async (kind, type, step, action, fix, said) => {
    expect(await sim.command(`fault ${kind}`)).toBe(`fault: ${kind} armed for its next opportunity`);
    if (step === 'print') await printer.feedToContactStation();
    const attempt = step === 'insert' ? printer.feedToContactStation() : printer.print(JOB);
    const e = (await attempt.catch((x: unknown) => x)) as PrinterError;
    expect(e).toBeInstanceOf(type);
    expect(e.operatorAction).toBe(action);
    const status = await printer.status();
    expect(status.state).toBe('error');
    expect(status.problems.map((p) => p.operatorAction)).toEqual([action]);
    expect(await sim.command(fix)).toContain(said);
    expect((await printer.status()).state).not.toBe('error');
    if (kind === 'ribbon') {
      // The card waited at the contact station: print it now.
      await printer.print(JOB);
      await printer.eject();
    } else {
      await cycle();
    }
  });

  test('a garbled reply: PrinterProtocolError with the raw bytes; the driver resynchronises', async () => {
    await printer.feedToContactStation();
    await sim.command('fault garble');
    const e = (await printer.eject().catch((x: unknown) => x)) as PrinterProtocolError;
    expect(e).toBeInstanceOf(PrinterProtocolError);
    expect(e.raw[0]! & 0x80).toBe(0x80);
    expect(await printer.cardPosition()).toBe('none');
    await cycle();
  });

  test('no reply at all: PrinterTimeoutError, not re-sent; the printer is asked where the card is', async () => {
    await printer.feedToContactStation();
    await sim.command('fault silent');
    expect(await printer.eject().catch((x: unknown) => x)).toBeInstanceOf(PrinterTimeoutError);
    expect(await printer.cardPosition()).toBe('none');
    await cycle();
  });

  test('the console status and the driver agree', async () => {
    const counters = await printer.counters();
    const line = await sim.command('status');
    expect(line).toContain(`inserted ${counters.inserted}, printed ${counters.printed}, rejected ${counters.rejected}`);
    expect(line).toContain(`ribbon ${await printer.ribbonPanelsLeft()} panels`);
  });
});
