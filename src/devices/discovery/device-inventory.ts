/**
 * What `cardline devices` reports: one section per kind of device transport, each either a list or the reason it
 * cannot list (library missing, daemon down, no answer in time). The shape is the `--json` contract.
 */
import type { PcscReaderInfo } from '../chip/pcsc/list-pcsc-readers';

/**
 * One kind of device. `available` is false when the kind cannot be listed at all; `reason` then says why and how
 * to fix it. `reason` is also set when the list is empty, so an empty section always says why it is empty.
 */
export interface InventorySection<T> {
  available: boolean;
  reason?: string;
  devices: T[];
}

/** A serial port, as serialport lists it. */
export interface SerialPortEntry {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  /** USB vendor id, 4 hex digits, for USB serial adapters. */
  vendorId?: string;
  productId?: string;
  pnpId?: string;
  locationId?: string;
  /** False when this user may not open it (Linux: not in the `dialout` group); absent when unknown. */
  accessible?: boolean;
}

/** What a HID interface is, from its top-level usage. */
export type HidInterfaceKind = 'hid-pos-scanner' | 'keyboard' | 'other';

/** A HID interface, as node-hid lists it. */
export interface HidDeviceEntry {
  /** What to pass to the scanner configuration (e.g. /dev/hidraw3). */
  path?: string;
  vendorId: number;
  productId: number;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  interface: number;
  usagePage?: number;
  usage?: number;
  /** A HID POS bar code scanner (usage page 0x8C), a keyboard (a keyboard-wedge scanner looks like one), or other. */
  kind: HidInterfaceKind;
  /** False when this user may not open it (Linux: no udev rule for hidraw); absent when unknown. */
  accessible?: boolean;
}

/** The whole report. */
export interface DeviceInventory {
  serial: InventorySection<SerialPortEntry>;
  pcsc: InventorySection<PcscReaderInfo>;
  hid: InventorySection<HidDeviceEntry>;
}

/** The kinds, in report order. */
export const DEVICE_KINDS = ['serial', 'pcsc', 'hid'] as const;

/** One kind. */
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** A section of any kind. */
export type AnySection = DeviceInventory[DeviceKind];
