/**
 * Typed failures of the HID transport. They are station faults (call a technician), not card faults: the line
 * must not reject a card because the scanner is unplugged or unreadable by this user.
 */
import { ScannerError } from '../scanner-errors';

/** Why node-hid cannot be used at all. */
export type HidUnavailableReason = 'not-installed' | 'libusb-missing' | 'libudev-missing' | 'no-prebuild' | 'load-failed';

/** What an operator reads for each {@link HidUnavailableReason}. */
export const HID_UNAVAILABLE_MESSAGES: Readonly<Record<HidUnavailableReason, string>> = {
  'not-installed': 'HID support is not available: the optional node-hid package is not installed (npm install node-hid)',
  'libusb-missing': 'HID support is not available: libusb is missing (apt-get install libusb-1.0-0)',
  'libudev-missing': 'HID support is not available: libudev is missing (apt-get install libudev1)',
  'no-prebuild': 'HID support is not available: node-hid has no prebuilt binary for this platform (install a C++ toolchain and libudev-dev, then npm rebuild node-hid)',
  'load-failed': 'HID support is not available: node-hid could not be loaded',
};

/** node-hid or a system library it needs could not be loaded. The application still runs and simulates. */
export class HidUnavailableError extends ScannerError {
  override name = 'HidUnavailableError';
  constructor(
    readonly reason: HidUnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(HID_UNAVAILABLE_MESSAGES[reason] + causeSuffix(reason, options?.cause), options);
  }
}

/** Why a HID device could not be opened. */
export type HidOpenFailure = 'not-found' | 'no-permission' | 'timeout' | 'failed';

/** A HID device could not be opened. */
export class HidOpenError extends ScannerError {
  override name = 'HidOpenError';
  constructor(
    readonly failure: HidOpenFailure,
    /** The device asked for, as the operator wrote it (a path or vendor:product). */
    readonly device: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot open HID device ${device}: ${detail}`, options);
  }
}

/** The device failed while being read (unplugged, driver error): the scanner is unusable until reopened. */
export class HidDisconnectedError extends ScannerError {
  override name = 'HidDisconnectedError';
  constructor(
    readonly device: string,
    options?: { cause?: unknown },
  ) {
    super(`HID device ${device} stopped answering (unplugged?)${causeSuffix('load-failed', options?.cause)}`, options);
  }
}

function causeSuffix(reason: HidUnavailableReason, cause: unknown): string {
  if (reason === 'not-installed' || !(cause instanceof Error)) return '';
  return `: ${cause.message.split('\n')[0]}`;
}
