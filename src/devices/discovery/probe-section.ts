/**
 * One section's probe run in this process: the function each kind's listing goes through, whether called here
 * (tests, sources run by a test runner) or in a child process (discovery-child.ts).
 */
import type { AnySection, DeviceKind } from './device-inventory';
import { listHidDevices } from './list-hid-devices';
import { listPcscSection } from './list-pcsc-section';
import { listSerialPorts } from './list-serial-ports';

/** A probe: lists one kind, waiting at most `waitMs` for a daemon's report where the listing has to wait. */
export type SectionProbe = (waitMs: number) => Promise<AnySection>;

/** The real probes. */
export const SECTION_PROBES: Readonly<Record<DeviceKind, SectionProbe>> = {
  serial: () => listSerialPorts(),
  pcsc: (waitMs) => listPcscSection(waitMs),
  hid: () => listHidDevices(),
};
