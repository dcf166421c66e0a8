/** Opening a HID device through a fake node-hid: selection by usage page, typed failures, the open time-out. */
import { HidOpenError } from '../../../src/devices/scanner/hid/hid-errors';
import type { NodeHid, NodeHidAsyncDevice, NodeHidDeviceInfo } from '../../../src/devices/scanner/hid/node-hid-binding';
import { describeSelector, openHidReportSource } from '../../../src/devices/scanner/hid/open-hid-device';
import { openHidScanner } from '../../../src/devices/scanner/open-hid-scanner';
import { hidPosReports } from '../../../src/simulators/scanner/hid-pos-reports';
import { VirtualClock } from '../../../src/simulators/virtual-clock';
import { EventEmitter } from 'node:events';

class FakeDevice extends EventEmitter implements NodeHidAsyncDevice {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

const SCANNER = 0x0c2e;
const XENON = 0x0b61;
const INTERFACES: NodeHidDeviceInfo[] = [
  { vendorId: SCANNER, productId: XENON, path: '/dev/hidraw-test-kbd', interface: 0, usagePage: 0x01, usage: 0x06, release: 1 },
  { vendorId: SCANNER, productId: XENON, path: '/dev/hidraw-test-pos', interface: 1, usagePage: 0x8c, usage: 0x02, release: 1 },
];

function fakeHid(open: (target: string | number) => Promise<NodeHidAsyncDevice>): NodeHid & { opened: (string | number)[] } {
  const opened: (string | number)[] = [];
  return {
    opened,
    HIDAsync: {
      open: ((target: string | number) => {
        opened.push(target);
        return open(target);
      }) as NodeHid['HIDAsync']['open'],
    },
    devicesAsync: () => Promise.resolve(INTERFACES),
    getHidapiVersion: () => '0.14.0',
  };
}

test('vendor/product narrowed by usage page opens the HID POS interface by its path', async () => {
  const device = new FakeDevice();
  const hid = fakeHid(() => Promise.resolve(device));
  const source = await openHidReportSource({ vendorId: SCANNER, productId: XENON, usagePage: 0x8c }, { nodeHid: hid });
  expect(hid.opened).toEqual(['/dev/hidraw-test-pos']);
  expect(source.name).toBe('0c2e:0b61 usage page 0x8c');
  await source.close();
  expect(device.closed).toBe(true);
});

test('a device that is not attached is HidOpenError not-found, before any open', async () => {
  const hid = fakeHid(() => Promise.reject(new Error('unused')));
  await expect(openHidReportSource({ vendorId: 0x1234, productId: 0x5678 }, { nodeHid: hid })).rejects.toMatchObject({ name: 'HidOpenError', failure: 'not-found' });
  expect(hid.opened).toEqual([]);
});

test('hidapi\'s bare "cannot open" on a path that does not exist becomes not-found', async () => {
  const hid = fakeHid(() => Promise.reject(new Error('cannot open device with path /dev/hidraw-missing')));
  const error = await openHidReportSource({ path: '/dev/hidraw-missing' }, { nodeHid: hid }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HidOpenError);
  expect((error as HidOpenError).failure).toBe('not-found');
});

test('an open that never answers is HidOpenError timeout on the clock, and the late device is closed', async () => {
  const clock = new VirtualClock();
  const device = new FakeDevice();
  let answer: (d: NodeHidAsyncDevice) => void = () => undefined;
  const hid = fakeHid(() => new Promise((resolve) => (answer = resolve)));
  const opening = openHidReportSource({ path: '/dev/hidraw-slow' }, { nodeHid: hid, clock, timeoutMs: 1000 }).catch((e: unknown) => e);
  await clock.advance(1000);
  const error = await opening;
  expect((error as HidOpenError).failure).toBe('timeout');
  answer(device);
  await clock.advance(0);
  expect(device.closed).toBe(true);
});

test('openHidScanner: a HID POS scanner on a fake node-hid yields the decoded scan', async () => {
  const device = new FakeDevice();
  const hid = fakeHid(() => Promise.resolve(device));
  const scanner = await openHidScanner({ device: { path: '/dev/hidraw-test-pos' }, mode: 'hid-pos', nodeHid: hid });
  const scan = scanner.nextScan(5000);
  for (const r of hidPosReports('Nguyễn Thị Mai')) device.emit('data', Buffer.from(r));
  await expect(scan).resolves.toBe('Nguyễn Thị Mai');
  device.emit('error', new Error('read error'));
  await expect(scanner.nextScan(5000)).rejects.toMatchObject({ name: 'HidDisconnectedError' });
  await scanner.close();
});

test('selectors read as operators write them', () => {
  expect(describeSelector({ path: '/dev/hidraw3' })).toBe('/dev/hidraw3');
  expect(describeSelector({ vendorId: 0x0c2e, productId: 0x0b61, interface: 1 })).toBe('0c2e:0b61 interface 1');
});
