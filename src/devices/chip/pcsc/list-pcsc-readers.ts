/**
 * `listPcscReaders`: the readers pcscd knows and whether a card is in each, for `cardline devices` and for
 * operators looking for the exact reader name to configure.
 */
import { DEFAULT_READER_DISCOVERY_MS, PcscContext, type PcscContextOptions } from './pcsc-context';

/** One reader as listed. */
export interface PcscReaderInfo {
  /** The name to pass to `--reader`, e.g. "Virtual PCD 00 00" or "HID Global OMNIKEY 5422 00 00". */
  name: string;
  /** Whether a card is in the reader; undefined when the reader did not report its state in time. */
  cardPresent?: boolean;
  /** ATR of the card, hex, when one is present. */
  atr?: string;
  /** The card does not answer reset. */
  mute?: boolean;
}

/**
 * Lists the PC/SC readers. Waits up to `timeoutMs` for pcsclite's report (a machine with no reader at all
 * takes the whole time-out: pcsclite reports nothing then) and for each reader's first state. Always closes
 * its PC/SC context. Throws `PcscNotInstalledError` or `PcscUnavailableError` (pcscd down).
 */
export async function listPcscReaders(timeoutMs: number = DEFAULT_READER_DISCOVERY_MS, options: PcscContextOptions = {}): Promise<PcscReaderInfo[]> {
  const context = PcscContext.open(options);
  try {
    const deadline = Date.now() + timeoutMs;
    await context.whenReadersKnown(timeoutMs);
    const names = context.readerNames();
    await Promise.all(names.map((name) => waitForState(context, name, Math.max(0, deadline - Date.now()))));
    return names.map((name) => {
      const state = context.slot(name)?.state;
      if (state === undefined) return { name };
      const atr = context.slot(name)?.atr;
      return {
        name,
        cardPresent: state.present,
        ...(state.present && atr !== undefined && atr.length > 0 ? { atr: Buffer.from(atr).toString('hex').toUpperCase() } : {}),
        ...(state.present ? { mute: state.mute } : {}),
      };
    });
  } finally {
    await context.close();
  }
}

function waitForState(context: PcscContext, name: string, ms: number): Promise<void> {
  const slot = context.slot(name);
  if (slot === undefined || slot.state !== undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const unsubscribe = slot.subscribe(() => {
      if (slot.state !== undefined) done();
    });
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
