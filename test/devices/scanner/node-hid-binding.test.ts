/**
 * node-hid is optional and its Linux binary needs libusb and libudev: loading it must be lazy, and a failure to
 * load must be a typed error naming what to install.
 */
import { HidUnavailableError } from '../../../src/devices/scanner/hid/hid-errors';
import { loadNodeHid } from '../../../src/devices/scanner/hid/node-hid-binding';

let mockNodeHidLoads = 0;
// virtual: node-hid is an optional dependency and may not be installed at all.
jest.mock(
  'node-hid',
  () => {
    mockNodeHidLoads++;
    return {};
  },
  { virtual: true },
);

test('no scanner, simulator or discovery module loads node-hid when imported', () => {
  jest.isolateModules(() => {
    require('../../../src/devices/scanner');
    require('../../../src/simulators/scanner');
    require('../../../src/devices/discovery');
    require('../../../src/cli/commands/devices');
  });
  expect(mockNodeHidLoads).toBe(0);
});

function failingLoad(message: string): (id: string) => unknown {
  return () => {
    throw new Error(message);
  };
}

test.each([
  ["Cannot find module 'node-hid'\nRequire stack: ...", 'not-installed', /npm install node-hid/],
  ['libusb-1.0.so.0: cannot open shared object file: No such file or directory', 'libusb-missing', /apt-get install libusb-1\.0-0/],
  ['libudev.so.1: cannot open shared object file: No such file or directory', 'libudev-missing', /apt-get install libudev1/],
  ['No native build was found for platform=linux arch=riscv64', 'no-prebuild', /npm rebuild node-hid/],
  ['something else entirely', 'load-failed', /something else entirely/],
])('a load failure "%s" is HidUnavailableError %s', (message, reason, text) => {
  let error: unknown;
  try {
    loadNodeHid(failingLoad(message));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HidUnavailableError);
  expect((error as HidUnavailableError).reason).toBe(reason);
  expect((error as Error).message).toMatch(text);
});

test('the native binary is loaded on the spot, so a missing libusb shows at load, not mid-scan', () => {
  const fake = {
    HIDAsync: { open: () => Promise.reject(new Error('unused')) },
    devicesAsync: () => Promise.resolve([]),
    getHidapiVersion: () => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file');
    },
  };
  expect(() => loadNodeHid(() => fake)).toThrow(expect.objectContaining({ reason: 'libusb-missing' }) as Error);
});
