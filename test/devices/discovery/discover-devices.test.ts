/**
 * Discovery: each section lists or says why it cannot, a hung section is cut off at its time-out without holding
 * up the others, and the child-process runner survives probes that hang, crash or print garbage.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/devices/clock';
import { discoverDevices, readerWaitMs } from '../../../src/devices/discovery/discover-devices';
import type { AnySection } from '../../../src/devices/discovery/device-inventory';
import { hidInterfaceKind, listHidDevices } from '../../../src/devices/discovery/list-hid-devices';
import { listPcscSection } from '../../../src/devices/discovery/list-pcsc-section';
import { listSerialPorts } from '../../../src/devices/discovery/list-serial-ports';
import { runProbeInChild } from '../../../src/devices/discovery/run-probe-in-child';
import { HidUnavailableError } from '../../../src/devices/scanner/hid/hid-errors';
import type { NodeHid } from '../../../src/devices/scanner/hid/node-hid-binding';
import { VirtualClock } from '../../../src/simulators/virtual-clock';

const EMPTY_OK: AnySection = { available: true, reason: 'nothing here', devices: [] };

describe('discoverDevices', () => {
  test('a section that never answers is unavailable after its time-out; the others are reported', async () => {
    const clock = new VirtualClock();
    const result = discoverDevices({
      clock,
      timeoutMs: 3000,
      probes: {
        serial: () => Promise.resolve({ available: true, devices: [{ path: '/dev/ttyUSB0' }] }),
        pcsc: () => new Promise<AnySection>(() => undefined),
        hid: () => Promise.resolve(EMPTY_OK),
      },
    });
    let done = false;
    void result.then(() => (done = true));
    await clock.advance(2999);
    expect(done).toBe(false);
    await clock.advance(1);
    const inventory = await result;
    expect(inventory.serial).toEqual({ available: true, devices: [{ path: '/dev/ttyUSB0' }] });
    expect(inventory.pcsc).toEqual({ available: false, reason: expect.stringMatching(/pcscd did not answer within 3000 ms.*systemctl restart pcscd/) as string, devices: [] });
    expect(inventory.hid).toEqual(EMPTY_OK);
  });

  test('a probe that throws becomes an unavailable section with its message', async () => {
    const inventory = await discoverDevices({
      clock: new VirtualClock(),
      probes: {
        serial: () => {
          throw new Error('boom');
        },
        pcsc: () => Promise.resolve(EMPTY_OK),
        hid: () => Promise.reject(new Error('bang')),
      },
    });
    expect(inventory.serial).toEqual({ available: false, reason: 'boom', devices: [] });
    expect(inventory.hid).toEqual({ available: false, reason: 'bang', devices: [] });
  });

  test('the PC/SC listing waits at most half the section time-out, and never more than 2 s', async () => {
    expect(readerWaitMs(5000)).toBe(2000);
    expect(readerWaitMs(1000)).toBe(500);
    expect(readerWaitMs(10)).toBe(100);
    const waits: number[] = [];
    await discoverDevices({
      clock: new VirtualClock(),
      timeoutMs: 1200,
      probes: {
        serial: () => Promise.resolve(EMPTY_OK),
        pcsc: (wait) => {
          waits.push(wait);
          return Promise.resolve(EMPTY_OK);
        },
        hid: () => Promise.resolve(EMPTY_OK),
      },
    });
    expect(waits).toEqual([600]);
  });

  test('a time-out that is not positive is refused', async () => {
    await expect(discoverDevices({ timeoutMs: 0 })).rejects.toThrow(RangeError);
  });
});

describe('the sections', () => {
  function fakeHid(devices: Awaited<ReturnType<NodeHid['devicesAsync']>>): () => NodeHid {
    return () => ({
      HIDAsync: { open: (() => Promise.reject(new Error('unused'))) as NodeHid['HIDAsync']['open'] },
      devicesAsync: () => Promise.resolve(devices),
      getHidapiVersion: () => '0.14.0',
    });
  }

  test('HID: interfaces are tagged HID POS scanner, keyboard or other', async () => {
    const section = await listHidDevices(
      fakeHid([
        { vendorId: 0x0c2e, productId: 0x0b61, path: 'hid-a', interface: 0, usagePage: 0x8c, usage: 0x02, release: 1, product: 'Xenon' },
        { vendorId: 0x0c2e, productId: 0x0b61, path: 'hid-b', interface: 1, usagePage: 0x01, usage: 0x06, release: 1 },
        { vendorId: 0x046d, productId: 0xc077, path: 'hid-c', interface: 0, usagePage: 0x01, usage: 0x02, release: 1 },
      ]),
    );
    expect(section.available).toBe(true);
    expect(section.reason).toBeUndefined();
    expect(section.devices.map((d) => [d.path, d.kind])).toEqual([
      ['hid-a', 'hid-pos-scanner'],
      ['hid-b', 'keyboard'],
      ['hid-c', 'other'],
    ]);
    expect(section.devices[0]).toMatchObject({ vendorId: 0x0c2e, productId: 0x0b61, product: 'Xenon', interface: 0 });
    expect(hidInterfaceKind(undefined, undefined)).toBe('other');
  });

  test('HID: an empty list says so; node-hid that cannot load makes the section unavailable with the fix', async () => {
    expect(await listHidDevices(fakeHid([]))).toEqual({ available: true, reason: 'no HID device found', devices: [] });
    const section = await listHidDevices(() => {
      throw new HidUnavailableError('libusb-missing', { cause: new Error('libusb-1.0.so.0: cannot open shared object file') });
    });
    expect(section.available).toBe(false);
    expect(section.reason).toMatch(/libusb is missing \(apt-get install libusb-1\.0-0\)/);
  });

  test('serial: ports are listed with their USB ids; udevadm missing and serialport missing say so', async () => {
    const fakeSerial = (list: () => Promise<unknown[]>) => () => ({ SerialPort: { list } });
    const listed = await listSerialPorts(fakeSerial(() => Promise.resolve([{ path: 'COM-test', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', serialNumber: undefined }])));
    expect(listed).toEqual({ available: true, devices: [{ path: 'COM-test', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' }] });
    expect(await listSerialPorts(fakeSerial(() => Promise.resolve([])))).toEqual({ available: true, reason: 'no serial port found', devices: [] });
    const enoent = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
    expect((await listSerialPorts(fakeSerial(() => Promise.reject(enoent)))).reason).toMatch(/udevadm is missing/);
    const notLoaded = await listSerialPorts(() => {
      throw new Error("Cannot find module 'serialport'");
    });
    expect(notLoaded).toEqual({ available: false, reason: expect.stringMatching(/serialport could not be loaded/) as string, devices: [] });
  });

  test('PC/SC: pcscd not running is unavailable, with how to start it', async () => {
    const section = await listPcscSection(100, {
      pcsclite: () => {
        throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      },
    });
    expect(section.available).toBe(false);
    expect(section.reason).toMatch(/pcscd is not running \(start it with: .*systemctl start pcscd\)/);
  });

  test('PC/SC: pcscd refusing this user (polkit) is reported as no permission', async () => {
    const section = await listPcscSection(100, {
      pcsclite: () => {
        throw new Error('SCardEstablishContext error: Access denied.(0x8010006A)');
      },
    });
    expect(section).toEqual({ available: false, reason: expect.stringMatching(/^no permission to use pcscd: polkit/) as string, devices: [] });
  });
});

describe('runProbeInChild', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardline-discovery-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function script(name: string, body: string): string {
    const path = join(dir, name);
    writeFileSync(path, body);
    chmodSync(path, 0o644);
    return path;
  }

  test('the section a child prints is the answer, even if the child then hangs (it is killed)', async () => {
    const path = script('answers.js', "process.stdout.write(JSON.stringify({ available: true, devices: [{ path: process.argv[2] + ':' + process.argv[3] }] }) + '\\n'); setInterval(() => {}, 1000);");
    const section = await runProbeInChild(path, 'serial', 1234, 20_000, systemClock);
    expect(section).toEqual({ available: true, devices: [{ path: 'serial:1234' }] });
  });

  test('a child that never answers is killed at the time-out', async () => {
    const path = script('hangs.js', 'setInterval(() => {}, 1000);');
    const section = await runProbeInChild(path, 'pcsc', 100, 300, systemClock);
    expect(section).toEqual({ available: false, reason: expect.stringMatching(/pcscd did not answer within 300 ms/) as string, devices: [] });
  });

  test('a child that fails or prints garbage gives an unavailable section naming the failure', async () => {
    const fails = script('fails.js', "process.stderr.write('native addon exploded\\n'); process.exit(3);");
    expect(await runProbeInChild(fails, 'hid', 100, 20_000, systemClock)).toEqual({ available: false, reason: 'the hid probe failed: native addon exploded', devices: [] });
    const garbage = script('garbage.js', "process.stdout.write('not json\\n');");
    expect((await runProbeInChild(garbage, 'hid', 100, 20_000, systemClock)).reason).toMatch(/not JSON/);
  });
});
