/** Device discovery: what `cardline devices` lists. */
export { DEFAULT_DISCOVERY_TIMEOUT_MS, discoverDevices, discoveryChildScript, readerWaitMs } from './discover-devices';
export type { DiscoveryOptions } from './discover-devices';
export { DEVICE_KINDS } from './device-inventory';
export type { AnySection, DeviceInventory, DeviceKind, HidDeviceEntry, HidInterfaceKind, InventorySection, SerialPortEntry } from './device-inventory';
export { USAGE_PAGE_BAR_CODE_SCANNER, hidInterfaceKind, listHidDevices } from './list-hid-devices';
export { PCSC_NO_PERMISSION_MESSAGE, listPcscSection } from './list-pcsc-section';
export { listSerialPorts } from './list-serial-ports';
export { canOpenDeviceNode } from './device-access';
export type { SectionProbe } from './probe-section';
