/**
 * The PC/SC driver against a scripted pcsclite: reader discovery, card events, connection modes, error
 * translation (pcscd down, reader gone, card removed, card reset, mute card, sharing), time-outs and a
 * clean close. Runs everywhere: no pcscd needed.
 */
import { ChipTimeoutError, ChipTransportError, NoAtrError, NoCardError } from '../../../../src/devices/chip/errors';
import {
  CardResetError,
  CardStillPresentError,
  PCSC_NOT_INSTALLED_MESSAGE,
  PCSCD_NOT_RUNNING_MESSAGE,
  PcscCardReader,
  PcscContext,
  PcscNotInstalledError,
  PcscUnavailableError,
  ReaderBusyError,
  ReaderGoneError,
  ReaderNotFoundError,
  SCARD,
  SCARD_STATE,
  decodeReaderState,
  listPcscReaders,
  pcscResultCode,
  type PcscCardEvent,
} from '../../../../src/devices/chip/pcsc';
import { FakePcsc, type FakeReader, factoryOf, pcscError } from './fake-pcsclite';

const READER = 'ACME Encoder 00 00';

async function setUp(options: ConstructorParameters<typeof PcscCardReader>[2] = {}): Promise<{
  pcsc: FakePcsc;
  context: PcscContext;
  native: FakeReader;
  reader: PcscCardReader;
}> {
  const pcsc = new FakePcsc();
  const context = PcscContext.open({ pcsclite: factoryOf(pcsc) });
  const [native] = pcsc.announce(READER, 'Other Reader 01 00');
  const reader = await PcscCardReader.open(context, READER, { waitTimeoutMs: 1000, ...options });
  return { pcsc, context, native: native!, reader };
}

const contexts: PcscContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close(100)));
});

async function ready(options: ConstructorParameters<typeof PcscCardReader>[2] = {}) {
  const s = await setUp(options);
  contexts.push(s.context);
  return s;
}

describe('loading and opening', () => {
  test('pcscd not running: PcscUnavailableError telling how to start it', () => {
    const e = (() => {
      try {
        PcscContext.open({
          pcsclite: () => {
            throw pcscError('SCardEstablishContext', SCARD.E_NO_SERVICE, 'Service not available');
          },
        });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(PcscUnavailableError);
    expect((e as Error).message.startsWith(PCSCD_NOT_RUNNING_MESSAGE)).toBe(true);
    expect((e as Error).message).toContain('pcscd -f -a / systemctl start pcscd');
  });

  test('pcsclite missing: PcscNotInstalledError with the install hint, the loader error as cause', () => {
    jest.isolateModules(() => {
      jest.doMock('pcsclite', () => {
        throw Object.assign(new Error("Cannot find module 'pcsclite'"), { code: 'MODULE_NOT_FOUND' });
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const binding = require('../../../../src/devices/chip/pcsc/pcsclite-binding') as typeof import('../../../../src/devices/chip/pcsc/pcsclite-binding');
      let error: unknown;
      try {
        binding.loadPcscLite();
      } catch (e) {
        error = e;
      }
      expect((error as Error).name).toBe('PcscNotInstalledError');
      expect((error as Error).message).toBe(PCSC_NOT_INSTALLED_MESSAGE);
      expect(((error as Error).cause as Error).message).toContain('pcsclite');
      jest.dontMock('pcsclite');
    });
    expect(new PcscNotInstalledError().message).toBe(
      'PC/SC support is not available: pcsclite is not installed or libpcsclite is missing (apt-get install pcscd libpcsclite-dev)',
    );
  });

  test('result codes are read from pcsclite messages, whatever realm made the Error', () => {
    expect(pcscResultCode(pcscError('SCardTransmit', SCARD.W_REMOVED_CARD))).toBe(0x80100069);
    expect(pcscResultCode({ message: 'SCardConnect error: Card protocol mismatch.(0x8010000f)' })).toBe(SCARD.E_PROTO_MISMATCH);
    expect(pcscResultCode(new Error('no code here'))).toBeUndefined();
  });

  test('state words: the event counter in the upper bits is ignored', () => {
    expect(decodeReaderState(0x30222)).toEqual({ present: true, mute: true, inUse: false, exclusive: false, unavailable: false });
    expect(decodeReaderState(0x60012).present).toBe(false);
  });
});

describe('readers', () => {
  test('waitForReader finds a reader announced later', async () => {
    const pcsc = new FakePcsc();
    const context = PcscContext.open({ pcsclite: factoryOf(pcsc) });
    contexts.push(context);
    setTimeout(() => pcsc.announce('Late Reader'), 30);
    const slot = await context.waitForReader('Late Reader', 1000);
    expect(slot.name).toBe('Late Reader');
  });

  test('an unknown reader: ReaderNotFoundError listing the readers there are', async () => {
    const { context } = await ready();
    const e = await context.waitForReader('Nope 00 00', 50).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReaderNotFoundError);
    expect((e as ReaderNotFoundError).available).toEqual([READER, 'Other Reader 01 00']);
    expect((e as Error).message).toContain('"ACME Encoder 00 00"');
  });

  test('pcscd stopping while waiting for a reader: PcscUnavailableError', async () => {
    const pcsc = new FakePcsc();
    const context = PcscContext.open({ pcsclite: factoryOf(pcsc) });
    contexts.push(context);
    setTimeout(() => pcsc.daemonStops(), 20);
    await expect(context.waitForReader('X', 2000)).rejects.toBeInstanceOf(PcscUnavailableError);
  });

  test('listPcscReaders: names, card presence and ATR, and the context is closed', async () => {
    const pcsc = new FakePcsc();
    setTimeout(() => {
      const [a, b] = pcsc.announce('R0', 'R1');
      a!.insert(Uint8Array.of(0x3b, 0x8c));
      b!.remove();
    }, 10);
    const list = await listPcscReaders(1000, { pcsclite: factoryOf(pcsc) });
    expect(list).toEqual([
      { name: 'R0', cardPresent: true, atr: '3B8C', mute: false },
      { name: 'R1', cardPresent: false },
    ]);
    expect(pcsc.closed).toBe(true);
    expect([...pcsc.readers.values()].every((r) => r.closed)).toBe(true);
  });

  test('listPcscReaders with no reader at all waits its time-out and returns []', async () => {
    const pcsc = new FakePcsc();
    const started = Date.now();
    expect(await listPcscReaders(150, { pcsclite: factoryOf(pcsc) })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('cards', () => {
  test('card events follow SCARD_STATE_PRESENT; waitForCard connects exclusively with T=0|T=1', async () => {
    const { native, reader } = await ready();
    const events: PcscCardEvent['kind'][] = [];
    reader.onCardEvent((e) => events.push(e.kind));
    native.remove();
    const waiting = reader.waitForCard();
    native.insert(Uint8Array.of(0x3b, 0x01));
    const channel = await waiting;
    expect(channel.atr).toEqual(Uint8Array.of(0x3b, 0x01));
    expect(channel.protocol).toBe('T=1');
    expect(native.calls).toContain('connect share=1 protocol=3');
    native.remove();
    expect(events).toEqual(['card-inserted', 'card-removed']);
  });

  test('shared mode and T=0 on request', async () => {
    const { native, reader } = await ready({ shareMode: 'shared', protocol: 'T=0' });
    native.connectResult = { protocol: 1 };
    native.insert();
    const channel = await reader.waitForCard();
    expect(native.calls).toContain('connect share=2 protocol=1');
    expect(channel.protocol).toBe('T=0');
  });

  test('no card within the wait time-out: NoCardError; aborting: NoCardError at once', async () => {
    const { native, reader } = await ready({ waitTimeoutMs: 60 });
    native.remove();
    await expect(reader.waitForCard()).rejects.toBeInstanceOf(NoCardError);
    const controller = new AbortController();
    const p = reader.waitForCard(controller.signal);
    controller.abort();
    await expect(p).rejects.toThrow(/aborted/);
  });

  test('a mute card (no ATR): NoAtrError from connect', async () => {
    const { native, reader } = await ready();
    native.connectResult = { error: pcscError('SCardConnect', SCARD.E_PROTO_MISMATCH, 'Card protocol mismatch') };
    native.insert(undefined, SCARD_STATE.MUTE);
    await expect(reader.waitForCard()).rejects.toBeInstanceOf(NoAtrError);
  });

  test('a card held exclusively by another application: ReaderBusyError', async () => {
    const { native, reader } = await ready();
    native.connectResult = { error: pcscError('SCardConnect', SCARD.E_SHARING_VIOLATION, 'Sharing violation') };
    native.insert();
    await expect(reader.waitForCard()).rejects.toBeInstanceOf(ReaderBusyError);
  });

  test('a connect that never completes: ChipTimeoutError after connectTimeoutMs', async () => {
    const { native, reader } = await ready({ connectTimeoutMs: 50 });
    native.connectResult = 'hang';
    native.insert();
    await expect(reader.waitForCard()).rejects.toBeInstanceOf(ChipTimeoutError);
  });

  test('the reader unplugged while waiting: ReaderGoneError', async () => {
    const { native, reader } = await ready();
    native.remove();
    const p = reader.waitForCard();
    native.unplug();
    await expect(p).rejects.toBeInstanceOf(ReaderGoneError);
  });

  test('pcscd stopping while waiting for a card: PcscUnavailableError', async () => {
    const { pcsc, native, reader } = await ready();
    native.remove();
    const p = reader.waitForCard();
    pcsc.daemonStops();
    await expect(p).rejects.toBeInstanceOf(PcscUnavailableError);
  });

  test('waitForRemoval resolves when the card goes, and times out with CardStillPresentError', async () => {
    const { native, reader } = await ready();
    native.insert();
    await expect(reader.waitForRemoval(50)).rejects.toBeInstanceOf(CardStillPresentError);
    const p = reader.waitForRemoval(1000);
    native.remove();
    await expect(p).resolves.toBeUndefined();
  });
});

describe('transmit', () => {
  async function connected(options: ConstructorParameters<typeof PcscCardReader>[2] = {}) {
    const s = await ready(options);
    s.native.insert();
    const channel = await s.reader.waitForCard();
    return { ...s, channel };
  }

  test('returns the response bytes; short commands ask for 258 bytes, extended ones for 65538', async () => {
    const { native, channel } = await connected();
    native.respond = () => Uint8Array.of(0x01, 0x02, 0x90, 0x00);
    expect(await channel.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x02))).toEqual(Uint8Array.of(0x01, 0x02, 0x90, 0x00));
    await channel.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00, 0x04, 0x00));
    expect(native.calls.filter((c) => c.startsWith('transmit'))).toEqual([
      'transmit 00b00000 max=258 protocol=2',
      'transmit 00b00000 max=65538 protocol=2',
    ]);
  });

  test('61xx is chained with GET RESPONSE by the card channel, as for every transport', async () => {
    const { native, channel } = await connected();
    native.respond = (apdu) => (apdu[1] === 0xc0 ? Uint8Array.of(0xcc, 0xdd, 0x90, 0x00) : Uint8Array.of(0xaa, 0xbb, 0x61, 0x02));
    expect(await channel.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00))).toEqual(Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd, 0x90, 0x00));
    expect(native.transmitted[1]).toEqual(Buffer.from([0x00, 0xc0, 0x00, 0x00, 0x02]));
  });

  test('an empty response (vpcd: the card gave no answer) is NoCardError', async () => {
    const { native, channel } = await connected();
    native.respond = () => new Uint8Array(0);
    await expect(channel.transmit(Uint8Array.of(0x00, 0xd6, 0x00, 0x00, 0x01, 0x55))).rejects.toBeInstanceOf(NoCardError);
  });

  test('"card removed" is NoCardError', async () => {
    const { native, channel } = await connected();
    native.respond = () => pcscError('SCardTransmit', SCARD.W_REMOVED_CARD, 'Card was removed');
    await expect(channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).rejects.toBeInstanceOf(NoCardError);
  });

  test('"transaction failed" while the card goes: NoCardError once the reader reports it empty', async () => {
    const { native, channel } = await connected({ settleMs: 2000 });
    native.respond = () => {
      setTimeout(() => native.remove(), 30);
      return pcscError('SCardTransmit', SCARD.E_NOT_TRANSACTED, 'Transaction failed');
    };
    const started = Date.now();
    const e = await channel.transmit(Uint8Array.of(0x00, 0xd6, 0x00, 0x00, 0x01, 0x55)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NoCardError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('"transaction failed" with the card still there: ChipTransportError with the code, after settleMs', async () => {
    const { native, channel } = await connected({ settleMs: 40 });
    native.respond = () => pcscError('SCardTransmit', SCARD.E_NOT_TRANSACTED, 'Transaction failed');
    const e = await channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ChipTransportError);
    expect(e).not.toBeInstanceOf(NoCardError);
    expect((e as Error).message).toContain('0x80100016');
    expect((e as ChipTransportError).command).toBe('00A4040C');
  });

  test('the reader unplugged mid-command: ReaderGoneError', async () => {
    const { native, channel } = await connected();
    native.respond = () => {
      native.unplug();
      return pcscError('SCardTransmit', SCARD.E_READER_UNAVAILABLE, 'Reader unavailable');
    };
    await expect(channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).rejects.toBeInstanceOf(ReaderGoneError);
  });

  test('pcscd stopping mid-command: PcscUnavailableError', async () => {
    const { native, channel } = await connected();
    native.respond = () => pcscError('SCardTransmit', SCARD.E_NO_SERVICE, 'Service not available');
    const e = await channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PcscUnavailableError);
    expect((e as Error).message).toContain('pcscd is not running');
  });

  test('a card reset by another application: reconnect, CardResetError, and the next command works', async () => {
    const { native, channel } = await connected();
    let first = true;
    native.respond = () => {
      if (first) {
        first = false;
        return pcscError('SCardTransmit', SCARD.W_RESET_CARD, 'Card was reset');
      }
      return Uint8Array.of(0x90, 0x00);
    };
    await expect(channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).rejects.toBeInstanceOf(CardResetError);
    expect(native.calls.filter((c) => c.startsWith('connect'))).toHaveLength(2);
    expect(await channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).toEqual(Uint8Array.of(0x90, 0x00));
  });

  test('reset(): disconnect with "reset card", then connect again', async () => {
    const { native, channel } = await connected();
    await channel.reset();
    expect(native.calls.slice(-2)).toEqual(['disconnect 1', 'connect share=1 protocol=3']);
  });

  test('a timed-out command blocks nothing: the next one is refused at once, disconnect and close do not hang', async () => {
    const { context, native, channel } = await connected({ channel: { timeoutMs: 50 }, disconnectTimeoutMs: 100 });
    native.respond = () => 'hang';
    await expect(channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).rejects.toBeInstanceOf(ChipTimeoutError);
    await expect(channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).rejects.toThrow(/still busy/);
    await channel.disconnect();
    expect(channel.connected).toBe(false);
    // close() must not call the native close while the command runs (it would block the event loop) ...
    const closing = context.close(50);
    await closing;
    expect(native.closed).toBe(false);
    // ... and closes the reader once the command finally ends.
    native.release(Uint8Array.of(0x90, 0x00));
    await new Promise((r) => setImmediate(r));
    expect(native.closed).toBe(true);
  });

  test('after disconnect the channel refuses commands', async () => {
    const { native, channel } = await connected();
    await channel.disconnect();
    expect(native.calls).toContain('disconnect 2');
    await expect(channel.transmit(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).rejects.toThrow(/closed/);
  });

  test('close() stops pcsclite and every reader, and swallows the "cancelled" report that follows', async () => {
    const { pcsc, context } = await ready();
    await context.close();
    await new Promise((r) => setImmediate(r));
    expect(pcsc.closed).toBe(true);
    expect([...pcsc.readers.values()].map((r) => r.closed)).toEqual([true, true]);
    expect(context.error).toBeUndefined();
  });
});
