/**
 * `cardline devices`: the serial ports, PC/SC readers and HID devices this machine has, for configuring stations.
 * Each section lists or says why it cannot; the command always succeeds (exit 0), because "pcscd is down" is an
 * answer, not a failure of the command.
 */
import type { Command } from 'commander';
import { positiveInteger } from '../options';
import { writeText } from '../output';
import { DEFAULT_DISCOVERY_TIMEOUT_MS, discoverDevices } from '../../devices/discovery/discover-devices';
import type { DeviceInventory, HidDeviceEntry, InventorySection, SerialPortEntry } from '../../devices/discovery/device-inventory';
import type { PcscReaderInfo } from '../../devices/chip/pcsc/list-pcsc-readers';
import { formatUsbId } from '../../devices/scanner/hid/open-hid-device';

/** Registers `cardline devices`. */
export function registerDevices(program: Command): void {
  program
    .command('devices')
    .description('list serial ports, PC/SC readers and HID devices; a section that cannot list says why (always exits 0)')
    .option('--json', 'print {"serial", "pcsc", "hid"}, each {"available", "reason"?, "devices"}')
    .option('--timeout <ms>', `time-out of each section in ms (default ${DEFAULT_DISCOVERY_TIMEOUT_MS})`, positiveInteger(600_000))
    .action(async (opts: { json?: boolean; timeout?: number }) => {
      const inventory = await discoverDevices({ timeoutMs: opts.timeout ?? DEFAULT_DISCOVERY_TIMEOUT_MS });
      await writeText(process.stdout, opts.json ? `${JSON.stringify(inventory, null, 2)}\n` : formatInventory(inventory));
    });
}

/** The human-readable report: one section per kind. */
export function formatInventory(inventory: DeviceInventory): string {
  return [
    section('Serial ports', inventory.serial, serialLine),
    section('PC/SC readers', inventory.pcsc, readerLine),
    section('HID devices', inventory.hid, hidLine),
  ].join('\n');
}

function section<T>(title: string, s: InventorySection<T>, line: (d: T) => string): string {
  const head = s.available ? `${title} (${s.devices.length})` : `${title}: unavailable`;
  const body = s.devices.map((d) => `  ${line(d)}`);
  if (s.reason !== undefined) body.push(`  ${s.reason}`);
  return `${[head, ...body].join('\n')}\n`;
}

function serialLine(p: SerialPortEntry): string {
  const parts = [p.path];
  if (p.manufacturer !== undefined) parts.push(p.manufacturer);
  if (p.vendorId !== undefined && p.productId !== undefined) parts.push(`${p.vendorId}:${p.productId}`);
  if (p.serialNumber !== undefined) parts.push(`serial ${p.serialNumber}`);
  if (p.accessible === false) parts.push('(no permission: add your user to the dialout group, then log in again)');
  return parts.join('  ');
}

function readerLine(r: PcscReaderInfo): string {
  const state =
    r.cardPresent === undefined ? 'state unknown' : !r.cardPresent ? 'no card' : r.mute ? 'card present (mute)' : `card present, ATR ${r.atr ?? '?'}`;
  return `"${r.name}"  ${state}`;
}

const HID_KIND_TEXT: Readonly<Record<HidDeviceEntry['kind'], string>> = {
  'hid-pos-scanner': 'HID POS bar code scanner',
  keyboard: 'keyboard (or a keyboard-wedge scanner)',
  other: '',
};

function hidLine(d: HidDeviceEntry): string {
  const parts = [d.path ?? '(no path)', formatUsbId(d.vendorId, d.productId)];
  const name = [d.manufacturer, d.product].filter((s) => s !== undefined && s !== '').join(' ');
  if (name !== '') parts.push(name);
  parts.push(`interface ${d.interface}`);
  if (d.usagePage !== undefined) parts.push(`usage page 0x${d.usagePage.toString(16).padStart(2, '0')}`);
  if (HID_KIND_TEXT[d.kind] !== '') parts.push(HID_KIND_TEXT[d.kind]);
  if (d.accessible === false) parts.push('(no permission: install the udev rule in src/devices/scanner/SCANNER.md)');
  return parts.join('  ');
}
