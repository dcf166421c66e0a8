/**
 * Entry point of the child process that runs one section's probe: `node discovery-child.js <kind> <waitMs>`
 * prints the section as one line of JSON.
 *
 * Why a child: pcsclite establishes its PC/SC context synchronously, and with a hung pcscd that call never returns
 * (measured: still blocked after 60 s), freezing the event loop, so no in-process time-out can fire. A worker
 * thread does not help either: Node waits for it at exit. A child process can always be killed.
 */
import { DEVICE_KINDS, type DeviceKind } from './device-inventory';
import { SECTION_PROBES } from './probe-section';
import { firstLine } from './list-serial-ports';

async function main(kind: string | undefined, waitArg: string | undefined): Promise<void> {
  if (!DEVICE_KINDS.includes(kind as DeviceKind)) throw new Error(`unknown device kind "${String(kind)}"`);
  const waitMs = Number(waitArg);
  const section = await SECTION_PROBES[kind as DeviceKind](Number.isFinite(waitMs) && waitMs >= 0 ? waitMs : 2000);
  process.stdout.write(`${JSON.stringify(section)}\n`);
}

if (require.main === module) {
  main(process.argv[2], process.argv[3]).then(
    // Native threads (pcsclite, node-hid) may keep the loop alive; the parent has its answer, so leave now.
    () => process.stdout.write('', () => process.exit(0)),
    (e: unknown) => {
      process.stderr.write(`${firstLine(e)}\n`);
      process.exit(1);
    },
  );
}
