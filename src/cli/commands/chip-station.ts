/**
 * The PC/SC side of the station commands: open the named reader, wait for a card, run one step on it, and
 * always release the card and the PC/SC context (pcsclite keeps the process alive until its context is
 * closed). Every wait has a time-out.
 */
import { type ApduTrace } from '../../devices/chip/apdu-trace';
import { PcscCardReader } from '../../devices/chip/pcsc/pcsc-card-reader';
import type { PcscCardChannel } from '../../devices/chip/pcsc/pcsc-connection';
import { PcscContext } from '../../devices/chip/pcsc/pcsc-context';

/** How to reach the card. */
export interface StationOptions {
  /** Reader name as pcscd shows it. */
  reader: string;
  /** How long to wait for a card, in ms. */
  timeoutMs: number;
  /** Time-out of each APDU, in ms. */
  apduTimeoutMs: number;
  trace?: ApduTrace;
  /** Told once the reader is found and the wait for a card starts. */
  onWaiting?: (reader: string) => void;
}

/** Runs `step` on the card in `options.reader`; the card is powered down and the context closed afterwards. */
export async function withCardInReader<T>(options: StationOptions, step: (channel: PcscCardChannel) => Promise<T>): Promise<T> {
  const context = PcscContext.open();
  try {
    const reader = await PcscCardReader.open(context, options.reader, {
      waitTimeoutMs: options.timeoutMs,
      channel: { timeoutMs: options.apduTimeoutMs, ...(options.trace === undefined ? {} : { trace: options.trace }) },
    });
    // Say "waiting" only when there is a wait: the reader's first state report takes a few milliseconds.
    const notice = setTimeout(() => options.onWaiting?.(reader.name), 500);
    let channel;
    try {
      channel = await reader.waitForCard();
    } finally {
      clearTimeout(notice);
    }
    try {
      return await step(channel);
    } finally {
      await channel.disconnect('unpower');
    }
  } finally {
    await context.close();
  }
}
