/**
 * The `pcsclite` npm binding as the driver sees it, and its lazy loader.
 *
 * Why our own types instead of the package's: `pcsclite` is an optional dependency with a native part built
 * against libpcsclite. The application must build, start and simulate on a machine where it failed to
 * install, so nothing may import it at module load: {@link loadPcscLite} `require`s it on first use. The
 * structural types below are the part of its API the driver calls (the package's index.d.ts describes the
 * same shapes); tests hand the driver a fake with these shapes.
 */
import { PcscNotInstalledError } from './pcsc-errors';

/** Node-style callback. */
export type PcscCallback<T> = (error: unknown, value: T) => void;

/** One reader as pcsclite exposes it: an event emitter ('status', 'end', 'error') with card operations. */
export interface PcscLiteReader {
  readonly name: string;
  /** True while this reader object holds a card handle. */
  readonly connected: boolean;
  on(event: 'status', listener: (status: { state: number; atr?: Buffer }) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  connect(options: { share_mode: number; protocol: number }, callback: PcscCallback<number>): void;
  disconnect(disposition: number, callback: (error: unknown) => void): void;
  transmit(data: Buffer, maxResponseLength: number, protocol: number, callback: PcscCallback<Buffer>): void;
  /** Stops the status thread (SCardCancel); blocks while another operation on the reader is running. */
  close(): void;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
}

/** The PC/SC context: announces readers with 'reader' events, reports daemon failures with 'error'. */
export interface PcscLite {
  on(event: 'reader', listener: (reader: PcscLiteReader) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  /** Stops watching for readers (SCardCancel). Without it the process cannot exit. */
  close(): void;
}

/**
 * What `require('pcsclite')` returns: a factory that establishes a PC/SC context synchronously (and throws
 * when the daemon is not running).
 */
export type PcscLiteFactory = () => PcscLite;

let cached: PcscLiteFactory | undefined;

/**
 * Loads the `pcsclite` binding on first use. Throws {@link PcscNotInstalledError} when the package or its
 * native library is missing, with the loader's error as `cause`.
 */
export function loadPcscLite(): PcscLiteFactory {
  if (cached !== undefined) return cached;
  let loaded: unknown;
  try {
    // Lazy on purpose (see the file comment): a top-level import would make pcsclite mandatory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('pcsclite');
  } catch (e) {
    throw new PcscNotInstalledError({ cause: e });
  }
  if (typeof loaded !== 'function') throw new PcscNotInstalledError({ cause: new TypeError('pcsclite does not export a factory function') });
  cached = loaded as PcscLiteFactory;
  return cached;
}
