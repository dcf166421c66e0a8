/**
 * The `node-hid` package as the driver sees it, and its lazy loader.
 *
 * node-hid is an optional dependency whose Linux binary needs libusb and libudev when it loads; the application
 * must build, start and simulate without them (there is no HID on a QA laptop or in a container). So nothing
 * imports it at module load: {@link loadNodeHid} `require`s it on first real HID use, and these structural types
 * (the part of node-hid 3's API we call) keep the build independent of the package being installed.
 */
import { HidUnavailableError, type HidUnavailableReason } from './hid-errors';

/** One HID interface as node-hid enumerates it. */
export interface NodeHidDeviceInfo {
  vendorId: number;
  productId: number;
  /** The OS path to open, e.g. /dev/hidraw3 on Linux. */
  path?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  release: number;
  interface: number;
  /** Top-level usage page of the interface: 0x01 with usage 0x06 is a keyboard, 0x8C a bar code scanner. */
  usagePage?: number;
  usage?: number;
}

/** An open device (node-hid's HIDAsync): input reports as 'data' events, read failures as 'error'. */
export interface NodeHidAsyncDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): Promise<void>;
}

/** The module. */
export interface NodeHid {
  HIDAsync: {
    open(path: string, options?: { nonExclusive?: boolean }): Promise<NodeHidAsyncDevice>;
    open(vendorId: number, productId: number, options?: { nonExclusive?: boolean }): Promise<NodeHidAsyncDevice>;
  };
  devicesAsync(): Promise<NodeHidDeviceInfo[]>;
  getHidapiVersion(): string;
}

let cached: NodeHid | undefined;

/**
 * Loads node-hid and its native binary (node-hid itself defers the binary to first use; we force it here so a
 * missing libusb shows up as a typed error now, not as a crash in the middle of a scan). Throws
 * {@link HidUnavailableError} with the reason. `load` replaces `require` in tests.
 */
export function loadNodeHid(load: (id: string) => unknown = require): NodeHid {
  if (load === require && cached !== undefined) return cached;
  let mod: NodeHid;
  try {
    // Lazy on purpose (see the file comment).
    mod = load('node-hid') as NodeHid;
    if (typeof mod?.getHidapiVersion !== 'function' || typeof mod.HIDAsync?.open !== 'function') {
      throw new TypeError('node-hid does not export HIDAsync and getHidapiVersion (node-hid 3 expected)');
    }
    mod.getHidapiVersion();
  } catch (e) {
    throw new HidUnavailableError(classifyLoadFailure(e), { cause: e });
  }
  if (load === require) cached = mod;
  return mod;
}

/** Which of the known reasons a load failure is, from the loader's message. */
export function classifyLoadFailure(error: unknown): HidUnavailableReason {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find module 'node-hid'/.test(message)) return 'not-installed';
  if (/libusb/i.test(message)) return 'libusb-missing';
  if (/libudev/i.test(message)) return 'libudev-missing';
  if (/No native build was found/i.test(message)) return 'no-prebuild';
  return 'load-failed';
}
