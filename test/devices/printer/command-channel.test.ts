/**
 * The command channel against a scripted printer on a virtual clock: time-outs per command class, retries for reads
 * only, resynchronisation after lost or garbled replies, and no hang whatever the printer sends.
 */
import fc from 'fast-check';
import { CommandChannel } from '../../../src/devices/printer/command-channel';
import { PrinterOfflineError, PrinterProtocolError, PrinterTimeoutError } from '../../../src/devices/printer/errors';
import { DEFAULT_PRINTER_TIMEOUTS, DEFAULT_RESYNC } from '../../../src/devices/printer/timeouts';
import { failureOf, inVirtualTime } from '../../simulators/printer/world';
import { FakePrinter, healthy, type ScriptedAnswer } from './fake-printer';

function channelFor(fake: FakePrinter, readRetries = 2, probe = true): CommandChannel {
  const channel = new CommandChannel(fake.host, { clock: fake.clock, timeouts: DEFAULT_PRINTER_TIMEOUTS, resync: DEFAULT_RESYNC, readRetries });
  if (probe) channel.setProbe({ name: 'Rsn', params: [], expect: 'SN1' });
  return channel;
}

const read = (name: string, params: string[] = []) => ({ name, params, cls: 'read' as const });

test('each class has its time-out: read 2 s, move 10 s, print 90 s, download 10 s plus the bytes at 11,520 B/s', async () => {
  const silent = new FakePrinter((t) => (t === 'Rsn' ? healthy(t) : { reply: null }));
  const channel = channelFor(silent, 0);
  await inVirtualTime(silent.clock, channel.send(read('Rsn'))); // the first command drains the line first
  const cases: [Parameters<CommandChannel['send']>[0], number][] = [
    [read('Rlr', ['p']), 2_000],
    [{ name: 'Sis', params: [], cls: 'move' }, 10_000],
    [{ name: 'Sp', params: [], cls: 'print' }, 90_000],
    [{ name: 'Db', params: ['y', 'raw'], cls: 'download', payload: new Uint8Array(115_200) }, 20_000],
  ];
  for (const [command, ms] of cases) {
    // The time-out starts when the command is sent, after the resynchronisation of the previous time-out.
    await inVirtualTime(silent.clock, channel.send(read('Rsn')));
    const t0 = silent.clock.now();
    const e = await failureOf(silent.clock, channel.send(command));
    expect(e).toBeInstanceOf(PrinterTimeoutError);
    expect((e as PrinterTimeoutError).timeoutMs).toBe(ms);
    expect(silent.clock.now() - t0).toBe(ms);
  }
});

test('reads are retried after a time-out; moves and prints are sent exactly once', async () => {
  const fake = new FakePrinter((t) => (t === 'Rsn' ? healthy(t) : { reply: null }));
  const channel = channelFor(fake, 2);
  expect(await failureOf(fake.clock, channel.send(read('Rlr', ['p'])))).toBeInstanceOf(PrinterTimeoutError);
  expect(fake.received.filter((t) => t === 'Rlr;p')).toHaveLength(3);
  for (const name of ['Se', 'Ser', 'Sis']) {
    expect(await failureOf(fake.clock, channel.send({ name, params: [], cls: 'move' }))).toBeInstanceOf(PrinterTimeoutError);
    expect(fake.received.filter((t) => t === name)).toHaveLength(1);
  }
  expect(await failureOf(fake.clock, channel.send({ name: 'Sp', params: [], cls: 'print' }))).toBeInstanceOf(PrinterTimeoutError);
  expect(fake.received.filter((t) => t === 'Sp')).toHaveLength(1);
  expect(channel.stats.retries).toBe(2);
});

test('a garbled reply to a read is retried; to a move it is a protocol error, sent once', async () => {
  let garbles = 1;
  const fake = new FakePrinter((t) => {
    if ((t === 'Rlr;p' || t === 'Se') && garbles-- > 0) return { reply: Uint8Array.of(0xc3, 0xa9, 0x0d) };
    return healthy(t);
  });
  const channel = channelFor(fake);
  expect(await inVirtualTime(fake.clock, channel.send(read('Rlr', ['p'])))).toBe('OK');
  garbles = 1;
  const e = await failureOf(fake.clock, channel.send({ name: 'Se', params: [], cls: 'move' }));
  expect(e).toBeInstanceOf(PrinterProtocolError);
  expect(Array.from((e as PrinterProtocolError).raw)).toEqual([0xc3, 0xa9, 0x0d]);
  expect(e.message).toBe('Se: reply is not ASCII text: byte 0xc3 at offset 0 is not printable ASCII; raw bytes "\\xc3\\xa9\\r"');
  expect(fake.received.filter((t) => t === 'Se')).toHaveLength(1);
});

test('a reply of the wrong shape is a protocol error and puts the channel out of step', async () => {
  const fake = new FakePrinter((t) => (t === 'Rlr;p' ? { reply: 'HELLO' } : healthy(t)));
  const channel = channelFor(fake, 1);
  const shape = { test: (r: string) => r === 'OK' || r === 'CARD', description: 'a position' };
  const e = await failureOf(fake.clock, channel.send({ ...read('Rlr', ['p']), expect: shape }));
  expect(e.message).toBe('Rlr;p: expected a position, got "HELLO"; raw bytes "HELLO\\r"');
  expect(fake.received.filter((t) => t === 'Rlr;p')).toHaveLength(2);
  expect(channel.needsResync).toBe(true);
});

test('bytes that arrive while nothing is asked are stale: the next command resynchronises first', async () => {
  const fake = new FakePrinter();
  const channel = channelFor(fake);
  expect(await inVirtualTime(fake.clock, channel.send(read('Rco', ['c'])))).toBe('11');
  await fake.blurt(Uint8Array.from(Buffer.from('22\r')));
  expect(await inVirtualTime(fake.clock, channel.send(read('Rco', ['r'])))).toBe('33');
  expect(channel.stats.staleReplies).toBe(1);
  expect(fake.received.slice(-2)).toEqual(['Rsn', 'Rco;r']);
});

test('a closed link: the command in flight and every later one fail as offline, at once', async () => {
  const fake = new FakePrinter((t) => (t === 'Sp' ? { reply: null } : healthy(t)));
  const channel = channelFor(fake);
  const printing = channel.send({ name: 'Sp', params: [], cls: 'print' });
  await inVirtualTime(fake.clock, new Promise<void>((r) => fake.clock.setTimeout(r, 1000)));
  await fake.device.close();
  const e = await failureOf(fake.clock, printing);
  expect(e).toBeInstanceOf(PrinterOfflineError);
  expect(e.message).toContain('memory:host closed');
  const t0 = fake.clock.now();
  expect(await failureOf(fake.clock, channel.send(read('Rst')))).toBeInstanceOf(PrinterOfflineError);
  expect(fake.clock.now()).toBe(t0);
});

test('a printer that never stops talking: resynchronisation gives up with a protocol error, no hang', async () => {
  const fake = new FakePrinter((t) => (t === 'Rlr;p' ? { reply: null } : healthy(t)));
  const channel = channelFor(fake, 0);
  expect(await failureOf(fake.clock, channel.send(read('Rlr', ['p'])))).toBeInstanceOf(PrinterTimeoutError);
  // Noise every 50 ms, forever (until the test ends).
  const noise = (): void => {
    void fake.blurt(Uint8Array.of(0x55));
    fake.clock.setTimeout(noise, 50);
  };
  noise();
  const e = await failureOf(fake.clock, channel.send(read('Rst')));
  expect(e).toBeInstanceOf(PrinterProtocolError);
  expect(e.message).toContain('kept sending for more than 5000 ms');
});

/** One step of the property below: a read of one counter, or a print that may take far longer than its time-out. */
type Step = { kind: 'read'; which: 'c' | 'p' | 'r'; ms: number; lost: boolean } | { kind: 'print'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  // Reads take up to 1.5 s once the printer gets to them (below the 2 s read time-out); a few replies are lost.
  fc.record({ kind: fc.constant('read' as const), which: fc.constantFrom('c' as const, 'p' as const, 'r' as const), ms: fc.integer({ min: 0, max: 1500 }), lost: fc.boolean() }),
  // Prints take up to 30 s against a 5 s time-out: their OK often comes long after the driver gave up.
  fc.record({ kind: fc.constant('print' as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
);

test("property: late and lost replies never make a read return another command's answer", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 1500 }), async (steps, probeMs) => {
      // The fake answers each command with its own value; the current step says how long it takes and if it is lost.
      let current: Step = steps[0]!;
      const fake = new FakePrinter((t) => {
        if (t === 'Rsn') return { reply: 'SN1', delayMs: probeMs };
        if (t === 'Sp') return { reply: 'OK', delayMs: current.ms };
        return { reply: current.kind === 'read' && current.lost ? null : healthy(t).reply, delayMs: current.ms };
      });
      const channel = new CommandChannel(fake.host, { clock: fake.clock, timeouts: { ...DEFAULT_PRINTER_TIMEOUTS, printMs: 5_000 }, resync: DEFAULT_RESYNC, readRetries: 1 });
      channel.setProbe({ name: 'Rsn', params: [], expect: 'SN1' });
      const expected: Record<string, string> = { c: '11', p: '22', r: '33' };
      for (const s of steps) {
        current = s;
        const command = s.kind === 'read' ? read('Rco', [s.which]) : { name: 'Sp', params: [], cls: 'print' as const };
        const outcome = await inVirtualTime(fake.clock, channel.send(command)).then(
          (value) => value,
          (e: unknown) => (e instanceof PrinterTimeoutError || e instanceof PrinterOfflineError || e instanceof PrinterProtocolError ? 'typed error' : e),
        );
        if (outcome !== 'typed error') expect(outcome).toBe(s.kind === 'read' ? expected[s.which] : 'OK');
      }
    }),
    { numRuns: 200 },
  );
});

test('property: random reply bytes (any chunking, CR or not) settle as a value or a typed error, never hang', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.integer({ min: 0, max: 3000 }), async (chunks, delayMs) => {
      let n = 0;
      const fake = new FakePrinter((t) => {
        if (t === 'Rsn') return healthy(t);
        const chunk = chunks[n++ % Math.max(1, chunks.length)];
        return { reply: chunk ?? null, delayMs };
      });
      const channel = channelFor(fake, 2);
      for (let i = 0; i < 3; i++) {
        const outcome = await inVirtualTime(fake.clock, channel.send(read('Rst'))).then(
          (value) => ({ value }),
          (e: unknown) => ({ error: e }),
        );
        if ('value' in outcome) expect(outcome.value).toMatch(/^[\x20-\x7e]+$/);
        else expect(['PrinterTimeoutError', 'PrinterProtocolError', 'PrinterOfflineError', 'PrinterCommandError']).toContain((outcome.error as Error).name);
      }
    }),
    { numRuns: 150 },
  );
});
