/** The channel wrapper: 61xx chaining, 6Cxx resend, time-outs in virtual time, typed errors, the trace. */
import { ApduCounter } from '../../../src/devices/chip/apdu-trace';
import { createCardChannel, type RawTransmit } from '../../../src/devices/chip/card-channel';
import { ApduFormatError, ChipTimeoutError, ChipTransportError, NoCardError } from '../../../src/devices/chip/errors';
import { AutoAdvanceClock, hex } from './helpers';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** A raw transmit that answers from a script of [expected command hex, response hex] and records what it got. */
function scripted(script: [string, string][]): RawTransmit & { sent: string[] } {
  const sent: string[] = [];
  const fn = ((apdu: Uint8Array) => {
    sent.push(toHex(apdu));
    const step = script.shift();
    if (step === undefined) throw new Error('script exhausted');
    expect(toHex(apdu)).toBe(step[0]);
    return Promise.resolve(hex(step[1]));
  }) as RawTransmit & { sent: string[] };
  fn.sent = sent;
  return fn;
}

describe('response chaining (ISO/IEC 7816-4)', () => {
  test('61xx: GET RESPONSE with Le = xx until 9000, data concatenated', async () => {
    const raw = scripted([
      ['00B0000000', '01026104'],
      ['00C0000004', '030405066102'],
      ['00C0000002', '07089000'],
    ]);
    const ch = createCardChannel(raw);
    expect(toHex(await ch.transmit(hex('00B0000000')))).toBe('01020304050607089000');
  });

  test('6100 asks for 256 bytes (Le 00)', async () => {
    const raw = scripted([
      ['00B0000000', '6100'],
      ['00C0000000', 'AA9000'],
    ]);
    expect(toHex(await createCardChannel(raw).transmit(hex('00B0000000')))).toBe('AA9000');
  });

  test('the logical channel bits of CLA carry over to GET RESPONSE, secure messaging bits do not', async () => {
    const raw = scripted([
      ['0DB0000000', '6101'],
      ['01C0000001', 'AA9000'],
    ]);
    expect(toHex(await createCardChannel(raw).transmit(hex('0DB0000000')))).toBe('AA9000');
  });

  test('a chip that never stops answering 61xx is an error, not a loop', async () => {
    const raw: RawTransmit = () => hex('6101');
    await expect(createCardChannel(raw, { maxGetResponses: 5 }).transmit(hex('00B0000000'))).rejects.toBeInstanceOf(ChipTransportError);
  });
});

describe('Le correction', () => {
  test('6Cxx: the same command again with Le = xx', async () => {
    const raw = scripted([
      ['00B0000010', '6C04'],
      ['00B0000004', '600A0B0C9000'],
    ]);
    expect(toHex(await createCardChannel(raw).transmit(hex('00B0000010')))).toBe('600A0B0C9000');
  });

  test('6Cxx then 61xx are both handled', async () => {
    const raw = scripted([
      ['00CA010100', '6C03'],
      ['00CA010103', 'AA6102'],
      ['00C0000002', 'BBCC9000'],
    ]);
    expect(toHex(await createCardChannel(raw).transmit(hex('00CA010100')))).toBe('AABBCC9000');
  });

  test('a second 6Cxx is returned to the caller, not looped on', async () => {
    const raw = scripted([
      ['00B0000010', '6C04'],
      ['00B0000004', '6C05'],
    ]);
    expect(toHex(await createCardChannel(raw).transmit(hex('00B0000010')))).toBe('6C05');
  });
});

describe('time-outs (virtual time)', () => {
  test('a chip slower than the time-out gives ChipTimeoutError naming the command', async () => {
    const clock = new AutoAdvanceClock();
    const raw: RawTransmit = () => new Promise((resolve) => clock.setTimeout(() => resolve(hex('9000')), 10_000));
    const ch = createCardChannel(raw, { clock, timeoutMs: 3000 });
    const error = await ch.transmit(hex('00A4020C020101')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChipTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 3000, command: '00A4020C' });
    expect(clock.now()).toBe(3000);
  });

  test('a chip just inside the time-out answers normally, and the timer is cleared', async () => {
    const clock = new AutoAdvanceClock();
    const raw: RawTransmit = () => new Promise((resolve) => clock.setTimeout(() => resolve(hex('9000')), 2999));
    const ch = createCardChannel(raw, { clock, timeoutMs: 3000 });
    expect(toHex(await ch.transmit(hex('00A4020C020101')))).toBe('9000');
    expect(clock.pending).toBe(0);
  });

  test('each GET RESPONSE has its own time-out', async () => {
    const clock = new AutoAdvanceClock();
    let calls = 0;
    const raw: RawTransmit = () =>
      new Promise((resolve) => clock.setTimeout(() => resolve(hex(++calls < 4 ? 'AA6101' : 'BB9000')), 2000));
    const ch = createCardChannel(raw, { clock, timeoutMs: 3000 });
    expect(toHex(await ch.transmit(hex('00B0000000')))).toBe('AAAAAABB9000');
    expect(clock.now()).toBe(8000);
  });
});

describe('typed errors', () => {
  test('a NoCardError from the transport passes through unchanged', async () => {
    const gone = new NoCardError('removed');
    await expect(createCardChannel(() => Promise.reject(gone)).transmit(hex('00B0000000'))).rejects.toBe(gone);
  });

  test('a synchronous throw of a foreign error becomes ChipTransportError with the cause', async () => {
    const cause = new Error('socket closed');
    const error = await createCardChannel(() => {
      throw cause;
    })
      .transmit(hex('00B0000000'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChipTransportError);
    expect((error as Error).cause).toBe(cause);
  });

  test('a one-byte response is an ApduFormatError', async () => {
    await expect(createCardChannel(() => hex('90')).transmit(hex('00B0000000'))).rejects.toBeInstanceOf(ApduFormatError);
  });
});

describe('trace', () => {
  test('counts every APDU on the wire, GET RESPONSE included, and sees no data bytes', async () => {
    const counter = new ApduCounter();
    const seen: unknown[] = [];
    const raw = scripted([
      ['00D6000003AABBCC', '9000'],
      ['00B0000000', '01026101'],
      ['00C0000001', '039000'],
    ]);
    const ch = createCardChannel(raw, {
      trace: {
        command: (c) => {
          counter.command(c);
          seen.push(c);
        },
        response: (r) => {
          counter.response(r);
          seen.push(r);
        },
      },
    });
    await ch.transmit(hex('00D6000003AABBCC'));
    await ch.transmit(hex('00B0000000'));
    expect(counter.commands).toBe(3);
    expect(counter.responses).toBe(3);
    expect(counter.bytesSent).toBe(8 + 5 + 5);
    expect(counter.bytesReceived).toBe(2 + 4 + 3);
    expect(counter.byInstruction.get('B0')).toBe(1);
    expect(counter.byInstruction.get('C0')).toBe(1);
    expect(JSON.stringify(seen)).not.toMatch(/AABBCC/i);
    expect(seen[0]).toMatchObject({ header: '00D60000', nc: 3 });
  });
});
