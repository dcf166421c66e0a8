/**
 * Time-outs of the printer driver, per command class, and of its resynchronisation after a lost reply. The figures
 * are chosen against an Evolis-class printer: reads answer in milliseconds, a card move takes 1-2 s, a YMCKO side
 * about 12 s. See PROTOCOL.md.
 */

/** Time-outs per command class, in ms. */
export interface PrinterTimeouts {
  /** Reads, settings and job commands. */
  readMs: number;
  /** Card moves (insert, eject, reject). */
  moveMs: number;
  /** A print job (both sides). */
  printMs: number;
  /** A panel download, before counting its bytes. */
  downloadMs: number;
  /**
   * Slowest line speed the download time-out allows for, in bytes per second: a download gets
   * `downloadMs + bytes / downloadBytesPerSecond` seconds. 11,520 for a 115,200-baud serial line.
   */
  downloadBytesPerSecond: number;
}

/** Default time-outs. */
export const DEFAULT_PRINTER_TIMEOUTS: Readonly<PrinterTimeouts> = {
  readMs: 2_000,
  moveMs: 10_000,
  printMs: 90_000,
  downloadMs: 10_000,
  downloadBytesPerSecond: 11_520,
};

/** How the driver gets back in step after a time-out or a garbled reply. */
export interface ResyncOptions {
  /** The line counts as drained after this long without a byte. */
  quietMs: number;
  /** Give up (protocol error) when the printer keeps sending for longer than this. */
  maxDrainMs: number;
  /** Give up when more than this many stale replies come before the probe's answer. */
  maxStaleReplies: number;
}

/** Default resynchronisation. */
export const DEFAULT_RESYNC: Readonly<ResyncOptions> = { quietMs: 200, maxDrainMs: 5_000, maxStaleReplies: 32 };
