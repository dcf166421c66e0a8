/**
 * The PC/SC section: the readers pcscd knows (listPcscReaders), or why they cannot be listed (pcsclite not
 * installed, pcscd not running: the messages say how to fix each).
 */
import { listPcscReaders, type PcscReaderInfo } from '../chip/pcsc/list-pcsc-readers';
import type { PcscContextOptions } from '../chip/pcsc/pcsc-context';
import type { InventorySection } from './device-inventory';
import { firstLine } from './list-serial-ports';

/** What an operator reads when pcscd runs but refuses this user. */
export const PCSC_NO_PERMISSION_MESSAGE =
  'no permission to use pcscd: polkit refuses this user (allow the actions org.debian.pcsc-lite.access_pcsc and access_card with a polkit rule; see pcscd(8))';

/** Lists the PC/SC readers, waiting up to `waitMs` for pcsclite's report; never throws. */
export async function listPcscSection(waitMs: number, options: PcscContextOptions = {}): Promise<InventorySection<PcscReaderInfo>> {
  let readers: PcscReaderInfo[];
  try {
    readers = await listPcscReaders(waitMs, options);
  } catch (e) {
    const message = firstLine(e);
    // pcsc-lite with polkit refuses unauthorised users with SCARD_W_SECURITY_VIOLATION: pcscd runs, but not for us.
    if (/0x8010006A|security violation|access denied/i.test(message)) return { available: false, reason: `${PCSC_NO_PERMISSION_MESSAGE} [${message}]`, devices: [] };
    // PcscNotInstalledError and PcscUnavailableError carry the operator's message (install / start pcscd).
    return { available: false, reason: message, devices: [] };
  }
  return readers.length > 0
    ? { available: true, devices: readers }
    : { available: true, reason: 'pcscd reports no reader (plug in a reader; for virtual readers install vsmartcard-vpcd and restart pcscd)', devices: [] };
}
