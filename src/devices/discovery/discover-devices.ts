/**
 * Device discovery for `cardline devices`: serial ports, PC/SC readers and HID devices, each section with its own
 * time-out, in parallel. A section that cannot list says why; discovery itself never fails.
 *
 * Each section runs in a child process when the compiled child script is present (the installed application), so a
 * hung daemon or a crashing native addon costs one section, never the command. From TypeScript sources under a test
 * runner there is no compiled script, and the probes run in this process with an async time-out.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, systemClock } from '../clock';
import { DEFAULT_READER_DISCOVERY_MS } from '../chip/pcsc/pcsc-context';
import { withTimeout } from '../scanner/with-timeout';
import { type AnySection, DEVICE_KINDS, type DeviceInventory, type DeviceKind } from './device-inventory';
import { SECTION_PROBES, type SectionProbe } from './probe-section';
import { noAnswerReason, runProbeInChild } from './run-probe-in-child';

/** Default time-out of each section. */
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 5000;

/** Options of {@link discoverDevices}. */
export interface DiscoveryOptions {
  /** Time-out of each section (default {@link DEFAULT_DISCOVERY_TIMEOUT_MS}). */
  timeoutMs?: number;
  clock?: Clock;
  /**
   * `false` runs every section in this process. By default each section runs in a child process when the compiled
   * child script exists, else here. Kinds whose probe is replaced through `probes` always run here.
   */
  isolate?: boolean;
  /** Replacement probes (tests), run in this process. */
  probes?: Partial<Record<DeviceKind, SectionProbe>>;
}

/** The compiled child script next to this module, when there is one. */
export function discoveryChildScript(): string | undefined {
  const script = join(__dirname, 'discovery-child.js');
  return existsSync(script) ? script : undefined;
}

/**
 * How long the PC/SC listing waits for pcsclite's report: pcsclite says nothing when there is no reader, so the
 * listing waits this long; half the section's time-out leaves the rest for starting the probe and closing.
 */
export function readerWaitMs(timeoutMs: number): number {
  return Math.min(DEFAULT_READER_DISCOVERY_MS, Math.max(100, Math.floor(timeoutMs / 2)));
}

/** Lists every kind of device. Never rejects. */
export async function discoverDevices(options: DiscoveryOptions = {}): Promise<DeviceInventory> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`discovery time-out must be a positive number of ms, got ${timeoutMs}`);
  const clock = options.clock ?? systemClock;
  const script = options.isolate === false ? undefined : discoveryChildScript();
  const waitMs = readerWaitMs(timeoutMs);
  const sections = await Promise.all(
    DEVICE_KINDS.map((kind): Promise<AnySection> => {
      const replacement = options.probes?.[kind];
      if (replacement === undefined && script !== undefined) return runProbeInChild(script, kind, waitMs, timeoutMs, clock);
      return probeHere(kind, replacement ?? SECTION_PROBES[kind], waitMs, timeoutMs, clock);
    }),
  );
  const [serial, pcsc, hid] = sections;
  return { serial, pcsc, hid } as DeviceInventory;
}

async function probeHere(kind: DeviceKind, probe: SectionProbe, waitMs: number, timeoutMs: number, clock: Clock): Promise<AnySection> {
  try {
    return await withTimeout(Promise.resolve().then(() => probe(waitMs)), timeoutMs, clock, () => new Error(noAnswerReason(kind, timeoutMs)));
  } catch (e) {
    return { available: false, reason: e instanceof Error ? e.message : String(e), devices: [] };
  }
}
