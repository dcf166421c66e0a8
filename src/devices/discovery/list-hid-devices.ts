/**
 * The HID section: node-hid's device list (loaded lazily: it needs libusb and libudev), each interface tagged as a
 * HID POS scanner, a keyboard (what a keyboard-wedge scanner looks like) or other, with whether this user may open
 * it.
 */
import { type NodeHid, loadNodeHid } from '../scanner/hid/node-hid-binding';
import type { HidDeviceEntry, HidInterfaceKind, InventorySection } from './device-inventory';
import { canOpenDeviceNode } from './device-access';
import { defined, firstLine } from './list-serial-ports';

/** HID usage page of bar code scanners (HID Point of Sale Usage Tables). */
export const USAGE_PAGE_BAR_CODE_SCANNER = 0x8c;
/** Generic Desktop page and its Keyboard usage. */
const USAGE_PAGE_GENERIC_DESKTOP = 0x01;
const USAGE_KEYBOARD = 0x06;

/** What an interface is, from its top-level usage. */
export function hidInterfaceKind(usagePage: number | undefined, usage: number | undefined): HidInterfaceKind {
  if (usagePage === USAGE_PAGE_BAR_CODE_SCANNER) return 'hid-pos-scanner';
  if (usagePage === USAGE_PAGE_GENERIC_DESKTOP && usage === USAGE_KEYBOARD) return 'keyboard';
  return 'other';
}

/** Lists the HID interfaces; never throws. `nodeHid` replaces the lazily loaded package in tests. */
export async function listHidDevices(nodeHid?: () => NodeHid): Promise<InventorySection<HidDeviceEntry>> {
  let hid: NodeHid;
  try {
    hid = nodeHid !== undefined ? nodeHid() : loadNodeHid();
  } catch (e) {
    // HidUnavailableError says which library is missing and how to install it.
    return { available: false, reason: firstLine(e), devices: [] };
  }
  let found;
  try {
    found = await hid.devicesAsync();
  } catch (e) {
    return { available: false, reason: `cannot list HID devices: ${firstLine(e)}`, devices: [] };
  }
  const devices = found.map((d): HidDeviceEntry => {
    const accessible = canOpenDeviceNode(d.path);
    return {
      ...defined({ path: d.path }),
      vendorId: d.vendorId,
      productId: d.productId,
      ...defined({ manufacturer: d.manufacturer, product: d.product, serialNumber: d.serialNumber }),
      interface: d.interface,
      ...defined({ usagePage: d.usagePage, usage: d.usage }),
      kind: hidInterfaceKind(d.usagePage, d.usage),
      ...(accessible === undefined ? {} : { accessible }),
    };
  });
  return devices.length > 0 ? { available: true, devices } : { available: true, reason: 'no HID device found', devices };
}
