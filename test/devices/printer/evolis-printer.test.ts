/** The driver's operations against a scripted printer: what it sends, in what order, and how it reads the answers. */
import { CardPositionError, PanelFormatError, PrinterCommandError, PrinterOfflineError, PrinterProtocolError } from '../../../src/devices/printer/errors';
import { EvolisPrinter } from '../../../src/devices/printer/evolis-printer';
import { failureOf, inVirtualTime, testPanel } from '../../simulators/printer/world';
import { FakePrinter, healthy, type ScriptedAnswer } from './fake-printer';

async function connect(script: (t: string) => ScriptedAnswer = healthy): Promise<{ fake: FakePrinter; printer: EvolisPrinter }> {
  const fake = new FakePrinter(script);
  const printer = await inVirtualTime(fake.clock, EvolisPrinter.connect(fake.host, { clock: fake.clock }));
  return { fake, printer };
}

test('connect sets host-managed errors, then reads model, serial number and firmware', async () => {
  const { fake, printer } = await connect();
  expect(fake.received).toEqual(['Pem;2', 'Rtp', 'Rsn', 'Rfv']);
  expect(printer.info).toEqual({ model: 'Fake Printer', serialNumber: 'SN1', firmware: '1.0' });
});

test('connecting to a line where nothing answers: PrinterOfflineError naming the transport', async () => {
  const fake = new FakePrinter(() => ({ reply: null }));
  const e = await failureOf(fake.clock, EvolisPrinter.connect(fake.host, { clock: fake.clock }));
  expect(e).toBeInstanceOf(PrinterOfflineError);
  expect(e.message).toContain('no printer answers on memory:host');
  expect(fake.received).toEqual(['Pem;2', 'Pem;2', 'Pem;2']);
});

test('a printer that refuses Pem;2 is a command error at connect', async () => {
  const fake = new FakePrinter((t) => (t === 'Pem;2' ? { reply: 'ERR;2;UNKNOWN MODE' } : healthy(t)));
  expect(await failureOf(fake.clock, EvolisPrinter.connect(fake.host, { clock: fake.clock }))).toBeInstanceOf(PrinterCommandError);
});

test('print sends Ss, Sr and the five front panels, Sv and the five back panels, then Sp', async () => {
  const { fake, printer } = await connect();
  await inVirtualTime(fake.clock, printer.print({ front: testPanel(1), back: testPanel(2) }));
  const sent = fake.received.slice(4).map((t) => t.replace(/;\d+$/, ';N'));
  expect(sent).toEqual([
    'Ss', 'Sr', 'Db;y;zlib;N', 'Db;m;zlib;N', 'Db;c;zlib;N', 'Db;k;zlib;N', 'Db;o;zlib;N',
    'Sv', 'Db;y;zlib;N', 'Db;m;zlib;N', 'Db;c;zlib;N', 'Db;k;zlib;N', 'Db;o;zlib;N', 'Sp',
  ]);
});

test('a portrait panel is refused before anything is sent', async () => {
  const { fake, printer } = await connect();
  const before = fake.received.length;
  const e = await failureOf(fake.clock, printer.print({ front: testPanel(1), back: testPanel(2, 648, 1016) }));
  expect(e).toBeInstanceOf(PanelFormatError);
  expect(e.message).toContain('back panel is 648 x 1016 (portrait)');
  expect(fake.received.length).toBe(before);
});

test('feedToContactStation sends Sis once and polls Rlr;p until SMART CARD', async () => {
  let polls = 0;
  const { fake, printer } = await connect((t) => (t === 'Rlr;p' ? { reply: ++polls < 3 ? 'CARD' : 'SMART CARD' } : healthy(t)));
  const t0 = fake.clock.now();
  await inVirtualTime(fake.clock, printer.feedToContactStation());
  expect(fake.received.slice(4)).toEqual(['Sis', 'Rlr;p', 'Rlr;p', 'Rlr;p']);
  expect(fake.clock.now() - t0).toBe(200); // two 100 ms poll intervals
});

test('a card that never reaches the contact station: CardPositionError after the confirmation time, Sis not re-sent', async () => {
  const { fake, printer } = await connect((t) => (t === 'Rlr;p' ? { reply: 'CARD' } : healthy(t)));
  const e = await failureOf(fake.clock, printer.feedToContactStation());
  expect(e).toBeInstanceOf(CardPositionError);
  expect(e.message).toBe(
    'Sis: the card is not at the contact station after 5000 ms (printer reports card); check the card path; ask the printer where the card is and reject it if in doubt',
  );
  expect(fake.received.filter((t) => t === 'Sis')).toHaveLength(1);
});

test('reads decode their answers; answers of the wrong shape are protocol errors', async () => {
  const { fake, printer } = await connect((t) =>
    t === 'Sk;f' ? { reply: '2' } : t === 'Rse;o' ? { reply: 'OPEN' } : t === 'Rrt;count' ? { reply: 'lots' } : healthy(t),
  );
  expect(await inVirtualTime(fake.clock, printer.feederState())).toEqual({ code: 2, empty: true, meaning: 'no card picked (pick failure: reseat the stack)' });
  expect(await inVirtualTime(fake.clock, printer.coverOpen())).toBe(true);
  expect(await inVirtualTime(fake.clock, printer.counters())).toEqual({ inserted: 11, printed: 22, rejected: 33 });
  expect(await inVirtualTime(fake.clock, printer.cardPosition())).toBe('none');
  expect(await failureOf(fake.clock, printer.ribbonPanelsLeft())).toBeInstanceOf(PrinterProtocolError);
});

test('status of a printer that stopped answering is offline, not an exception', async () => {
  let answering = true;
  const { fake, printer } = await connect((t) => (answering ? healthy(t) : { reply: null }));
  answering = false;
  const status = await inVirtualTime(fake.clock, printer.status());
  expect(status.state).toBe('offline');
  expect(status.detail).toContain('no answer to the resynchronisation probe Rsn');
});

test('status of a closed link is offline', async () => {
  const { fake, printer } = await connect();
  await printer.close();
  expect((await inVirtualTime(fake.clock, printer.status())).detail).toContain('memory:host closed');
});
