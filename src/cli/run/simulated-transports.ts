/**
 * Simulated devices on real transports: a printer simulator behind a socat pty pair (the driver opens one end as
 * a serial port, the simulator the other), and the chips of a plant place inserted into a pcscd reader through
 * vpcd (the driver is the PC/SC one). The line then exercises the same serial and PC/SC stacks as with hardware;
 * only the devices are simulated. Stations configured `simulated` stay on in-memory links.
 */
import type { LineConfig } from '../../controller/line/config';
import type { CardReader } from '../../devices/chip/card-reader';
import type { ByteTransport } from '../../devices/transport/byte-transport';
import { startPtyPair, type PtyPair } from '../../devices/transport/socat-pty-pair';
import { SerialTransport } from '../../devices/transport/serial-transport';
import { PlantVpcdSlot, readerPositionOf } from '../../simulators/line';
import type { Plant } from '../../simulators/plant';
import type { PcscContext } from '../../devices/chip/pcsc';

/** vpcd's readers by TCP port, as /etc/reader.conf.d/vpcd declares them. */
export function vpcdReaderName(port: number): string {
  const n = port - 35963;
  if (n < 0 || n > 99) throw new RangeError(`vpcd port ${port} is not one of vpcd's reader ports (35963, 35964, ...)`);
  return `Virtual PCD 00 ${String(n).padStart(2, '0')}`;
}

/** The real transports of a simulated line, opened. */
export interface SimulatedTransports {
  /** Simulator ends of the pty pairs, by station. */
  printerDevice: Record<string, ByteTransport>;
  /** Driver ends, by station. */
  printerHost: Record<string, ByteTransport>;
  /** PC/SC readers that reach the stations' chips through vpcd, by station. */
  readers: Record<string, CardReader>;
  close(): Promise<void>;
}

/** True when the configuration has a station on a real transport. */
export function usesRealTransports(config: LineConfig): boolean {
  return config.stations.some(
    (s) => ('printer' in s && s.printer.type === 'simulated-pty') || ('reader' in s && s.reader.type === 'simulated-vpcd'),
  );
}

/** Opens the pty pairs and vpcd readers `config` asks for; everything opened is closed again on failure. */
export async function openSimulatedTransports(config: LineConfig, plant: Plant): Promise<SimulatedTransports> {
  const pairs: PtyPair[] = [];
  const serials: SerialTransport[] = [];
  const slots: PlantVpcdSlot[] = [];
  let context: PcscContext | undefined;
  const out: SimulatedTransports = {
    printerDevice: {},
    printerHost: {},
    readers: {},
    close: async () => {
      for (const s of slots) await s.close().catch(() => undefined);
      for (const s of serials) await s.close().catch(() => undefined);
      for (const p of pairs) await p.stop().catch(() => undefined);
      await context?.close().catch(() => undefined);
    },
  };
  try {
    for (const s of config.stations) {
      if ('printer' in s && s.printer.type === 'simulated-pty') {
        const pair = await startPtyPair();
        pairs.push(pair);
        const device = await SerialTransport.open(pair.devicePath);
        serials.push(device);
        const host = await SerialTransport.open(pair.hostPath);
        serials.push(host);
        out.printerDevice[s.id] = device;
        out.printerHost[s.id] = host;
      }
      if ('reader' in s && s.reader.type === 'simulated-vpcd') {
        const position = readerPositionOf({ id: s.id, kind: s.kind });
        if (position === undefined) throw new Error(`station ${s.id} has no chip reader position`);
        slots.push(new PlantVpcdSlot({ plant, position, port: s.reader.port, host: s.reader.host }));
        // pcsclite is an optional dependency, loaded only for lines that use PC/SC.
        const { PcscContext, PcscCardReader } = await import('../../devices/chip/pcsc');
        if (context === undefined) context = PcscContext.open();
        out.readers[s.id] = await PcscCardReader.open(context, vpcdReaderName(s.reader.port), {
          waitTimeoutMs: 10_000,
          discoveryMs: 10_000,
          channel: { timeoutMs: 10_000 },
        });
      }
    }
    return out;
  } catch (e) {
    await out.close();
    throw e;
  }
}
