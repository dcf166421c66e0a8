/**
 * Opening a real HID device through node-hid's HIDAsync, by path or by vendor/product id (optionally narrowed to
 * one interface by usage page, for scanners that expose a keyboard and a HID POS interface at once). Every step
 * has a time-out; failures are typed, with the likely cause (no such device, no permission: see SCANNER.md for the
 * udev rule).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import type { Clock } from '../../clock';
import { systemClock } from '../../clock';
import { HidDisconnectedError, HidOpenError } from './hid-errors';
import type { HidReportSource } from './hid-report-source';
import { withTimeout } from '../with-timeout';
import { type NodeHid, type NodeHidAsyncDevice, type NodeHidDeviceInfo, loadNodeHid } from './node-hid-binding';

/** Which device to open. */
export type HidDeviceSelector =
  | { readonly path: string }
  | {
      readonly vendorId: number;
      readonly productId: number;
      /** Only the interface with this top-level usage page (0x8C: HID POS bar code scanner; 0x01: keyboard). */
      readonly usagePage?: number;
      /** Only this USB interface number. */
      readonly interface?: number;
    };

/** Options of {@link openHidReportSource}. */
export interface OpenHidOptions {
  /** Time allowed for enumerating and opening (default {@link DEFAULT_HID_OPEN_TIMEOUT_MS}). */
  timeoutMs?: number;
  clock?: Clock;
  /** The node-hid module; default the lazily loaded package. Tests pass a fake. */
  nodeHid?: NodeHid;
}

/** Default time allowed to open a HID device. */
export const DEFAULT_HID_OPEN_TIMEOUT_MS = 5000;

/** "0c2e:0b61", as lsusb prints ids. */
export function formatUsbId(vendorId: number, productId: number): string {
  return `${hex4(vendorId)}:${hex4(productId)}`;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** The selector as an operator wrote it, for messages. */
export function describeSelector(selector: HidDeviceSelector): string {
  if ('path' in selector) return selector.path;
  const extra = [
    selector.usagePage === undefined ? '' : ` usage page 0x${selector.usagePage.toString(16)}`,
    selector.interface === undefined ? '' : ` interface ${selector.interface}`,
  ].join('');
  return formatUsbId(selector.vendorId, selector.productId) + extra;
}

/**
 * Opens the device and returns its report stream. Throws `HidUnavailableError` (node-hid or libusb missing) or
 * {@link HidOpenError} (not found, no permission, time-out, other failure).
 */
export async function openHidReportSource(selector: HidDeviceSelector, options: OpenHidOptions = {}): Promise<HidReportSource> {
  const hid = options.nodeHid ?? loadNodeHid();
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HID_OPEN_TIMEOUT_MS;
  const name = describeSelector(selector);
  const deadline = clock.now() + timeoutMs;
  const remaining = () => Math.max(0, deadline - clock.now());

  let path: string | undefined = 'path' in selector ? selector.path : undefined;
  if (!('path' in selector)) {
    const all = await withTimeout(hid.devicesAsync(), remaining(), clock, () => new HidOpenError('timeout', name, `enumerating HID devices took more than ${timeoutMs} ms`));
    const matches = all.filter((d) => matchesSelector(d, selector));
    if (matches.length === 0) throw new HidOpenError('not-found', name, 'no such device is attached (see `cardline devices`)');
    path = matches[0]!.path;
  }
  let device: NodeHidAsyncDevice;
  try {
    const opening = path !== undefined ? hid.HIDAsync.open(path) : hid.HIDAsync.open((selector as { vendorId: number }).vendorId, (selector as { productId: number }).productId);
    device = await withTimeout(opening, remaining(), clock, () => new HidOpenError('timeout', name, `opening took more than ${timeoutMs} ms`), (late) => void late.close().catch(() => undefined));
  } catch (e) {
    if (e instanceof HidOpenError) throw e;
    throw explainOpenFailure(name, path, e);
  }
  return new NodeHidReportSource(name, device);
}

/** True when an enumerated interface is the one the selector asks for. */
export function matchesSelector(d: NodeHidDeviceInfo, s: Exclude<HidDeviceSelector, { path: string }>): boolean {
  return (
    d.vendorId === s.vendorId &&
    d.productId === s.productId &&
    (s.usagePage === undefined || d.usagePage === s.usagePage) &&
    (s.interface === undefined || d.interface === s.interface)
  );
}

/**
 * hidapi says only "cannot open device"; the file system tells not-found from no-permission on Linux, where the
 * path is a /dev/hidraw node.
 */
function explainOpenFailure(name: string, path: string | undefined, cause: unknown): HidOpenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (path !== undefined && path.startsWith('/dev/')) {
    if (!existsSync(path)) return new HidOpenError('not-found', name, `${path} does not exist (unplugged?)`, { cause });
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch {
      return new HidOpenError('no-permission', name, `no read/write permission on ${path}: install the udev rule in SCANNER.md, then replug the scanner`, { cause });
    }
  }
  return new HidOpenError('failed', name, detail, { cause });
}

/** The report stream of an open node-hid device. */
class NodeHidReportSource implements HidReportSource {
  private closed = false;

  constructor(
    readonly name: string,
    private readonly device: NodeHidAsyncDevice,
  ) {}

  start(onReport: (report: Uint8Array) => void, onError: (error: Error) => void): void {
    // Adding the 'data' listener starts node-hid's read thread.
    this.device.on('data', (data: Buffer) => onReport(new Uint8Array(data.buffer, data.byteOffset, data.length)));
    this.device.on('error', (e: unknown) => {
      if (!this.closed) onError(new HidDisconnectedError(this.name, { cause: e }));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.device.close();
    this.device.removeAllListeners();
  }
}
