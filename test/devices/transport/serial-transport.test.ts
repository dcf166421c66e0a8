/**
 * The serial transport over real devices: a socat pty pair for data, closing and the busy case; a missing path and a
 * directory for the open errors (no socat needed for those).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransportClosedError } from '../../../src/devices/transport/byte-transport';
import { SerialOpenError } from '../../../src/devices/transport/serial-open-error';
import { SerialTransport } from '../../../src/devices/transport/serial-transport';
import { type PtyPair, startPtyPair } from '../../../src/devices/transport/socat-pty-pair';
import { describeWithSocat } from './socat';

async function openError(path: string): Promise<SerialOpenError> {
  return SerialTransport.open(path).then(
    () => {
      throw new Error(`${path} opened`);
    },
    (e: SerialOpenError) => e,
  );
}

test('a path that does not exist: not-found, naming the path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cardline-serial-'));
  try {
    const e = await openError(join(dir, 'ttyUSB9'));
    expect(e).toBeInstanceOf(SerialOpenError);
    expect(e.reason).toBe('not-found');
    expect(e.message).toContain(`cannot open serial port ${join(dir, 'ttyUSB9')}: no such device`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a directory is not a serial device', async () => {
  const e = await openError(tmpdir());
  expect(e.reason).toBe('not-a-serial-device');
});

/** Everything `end` receives until `n` bytes have come, within real time `ms`. */
function receive(end: SerialTransport, n: number, ms = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let got = 0;
    const timer = setTimeout(() => reject(new Error(`only ${got} of ${n} bytes within ${ms} ms`)), ms);
    const off = end.onData((c) => {
      parts.push(Buffer.from(c));
      got += c.length;
      if (got >= n) {
        clearTimeout(timer);
        off();
        resolve(Buffer.concat(parts));
      }
    });
  });
}

describeWithSocat('serial transport over a socat pty pair', () => {
  let pair: PtyPair;
  let host: SerialTransport;
  let device: SerialTransport;

  beforeAll(async () => {
    pair = await startPtyPair();
    host = await SerialTransport.open(pair.hostPath);
    device = await SerialTransport.open(pair.devicePath);
  });

  afterAll(async () => {
    await host?.close();
    await device?.close();
    await pair?.stop();
  });

  test('bytes go both ways unchanged, all 256 values, a megabyte at a time', async () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const arriving = receive(device, 256);
    await host.write(all);
    expect(Array.from(await arriving)).toEqual(Array.from(all));
    const big = Buffer.alloc(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const back = receive(host, big.length, 20_000);
    await device.write(big);
    expect((await back).equals(big)).toBe(true);
  });

  test('a port another program holds is busy', async () => {
    const e = await openError(pair.hostPath);
    expect(e.reason).toBe('busy');
    expect(e.message).toContain(`cannot open serial port ${pair.hostPath}: it is busy`);
  });

  test('closing signals once, and writes afterwards reject', async () => {
    const other = await startPtyPair();
    const end = await SerialTransport.open(other.hostPath);
    const closed = new Promise<Error | undefined>((r) => end.onClose(r));
    await end.close();
    expect(await closed).toBeUndefined();
    expect(end.isOpen).toBe(false);
    await expect(end.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportClosedError);
    await other.stop();
  });

  // Straight after opening is the case serialport alone misses about half the time; the path watch catches it.
  test('when the other side of the pair disappears, even right after opening, the close signal carries the error', async () => {
    const other = await startPtyPair();
    const end = await SerialTransport.open(other.devicePath);
    const closed = new Promise<Error | undefined>((r) => end.onClose(r));
    await other.stop();
    const error = await closed;
    expect(error).toBeInstanceOf(Error);
    expect(end.isOpen).toBe(false);
  });
});
