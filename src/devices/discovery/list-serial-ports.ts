/**
 * The serial-port section: serialport's `SerialPort.list()` (on Linux it reads `udevadm info -e`). serialport is
 * loaded here, not at import, so commands that never touch a serial port do not load its native binding.
 */
import type { InventorySection, SerialPortEntry } from './device-inventory';
import { canOpenDeviceNode } from './device-access';

/** What `SerialPort.list()` yields per port (serialport 13's PortInfo). */
interface PortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  pnpId?: string;
  locationId?: string;
  vendorId?: string;
  productId?: string;
}

/** Lists the serial ports; never throws: failures become an unavailable section with the reason. */
export async function listSerialPorts(load: (id: string) => unknown = require): Promise<InventorySection<SerialPortEntry>> {
  let list: () => Promise<PortInfo[]>;
  try {
    const mod = load('serialport') as { SerialPort: { list(): Promise<PortInfo[]> } };
    list = () => mod.SerialPort.list();
  } catch (e) {
    return { available: false, reason: `serialport could not be loaded: ${firstLine(e)}`, devices: [] };
  }
  let ports: PortInfo[];
  try {
    ports = await list();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'cannot list serial ports: udevadm is missing (apt-get install udev)' : `cannot list serial ports: ${firstLine(e)}`;
    return { available: false, reason, devices: [] };
  }
  const devices = ports.map((p): SerialPortEntry => {
    const accessible = canOpenDeviceNode(p.path);
    return {
      path: p.path,
      ...defined({ manufacturer: p.manufacturer, serialNumber: p.serialNumber, vendorId: p.vendorId, productId: p.productId, pnpId: p.pnpId, locationId: p.locationId }),
      ...(accessible === undefined ? {} : { accessible }),
    };
  });
  return devices.length > 0 ? { available: true, devices } : { available: true, reason: 'no serial port found', devices };
}

/** The fields of `o` that are not undefined (JSON output without `"x": undefined` noise). */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The first line of an error's message. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}
