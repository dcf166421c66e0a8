/**
 * Why a serial port did not open, in words an operator can act on. serialport's native binding reports only a
 * message built from strerror (no errno code), e.g. "Error: No such file or directory, cannot open /dev/ttyUSB0"
 * or "Error Resource temporarily unavailable Cannot lock port", so the reason is read from that text.
 */

/** The reasons cardline tells apart. */
export type SerialOpenFailure = 'not-found' | 'permission' | 'busy' | 'not-a-serial-device' | 'timeout' | 'other';

/** A serial port that could not be opened; the message names the path and says what to do. */
export class SerialOpenError extends Error {
  override name = 'SerialOpenError';
  constructor(
    readonly path: string,
    readonly reason: SerialOpenFailure,
    /** The binding's own message, when there was one. */
    readonly detail: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(serialOpenMessage(path, reason, detail), options);
  }
}

/** Classifies the binding's error text (ENOENT, EACCES, EBUSY / lock failure, ENOTTY). */
export function classifySerialOpenFailure(detail: string): SerialOpenFailure {
  if (/no such file or directory|ENOENT|no such device/i.test(detail)) return 'not-found';
  if (/permission denied|EACCES|EPERM|operation not permitted/i.test(detail)) return 'permission';
  if (/cannot lock port|resource temporarily unavailable|device or resource busy|EBUSY|EAGAIN/i.test(detail)) return 'busy';
  if (/inappropriate ioctl|ENOTTY|is a directory|not a typewriter/i.test(detail)) return 'not-a-serial-device';
  return 'other';
}

/** The operator-facing message for each reason. */
export function serialOpenMessage(path: string, reason: SerialOpenFailure, detail?: string): string {
  const base = `cannot open serial port ${path}`;
  switch (reason) {
    case 'not-found':
      return `${base}: no such device (is it plugged in and switched on? USB adapters appear under /dev/serial/by-id/)`;
    case 'permission':
      return `${base}: permission denied; add the user to the dialout group (sudo usermod -aG dialout $USER) and log in again`;
    case 'busy':
      return `${base}: it is busy, another program has it open (find it with: fuser -v ${path})`;
    case 'not-a-serial-device':
      return `${base}: it is not a serial device${detail ? ` (${detail})` : ''}`;
    case 'timeout':
      return `${base}: it did not open in time`;
    case 'other':
      return `${base}${detail ? `: ${detail}` : ''}`;
  }
}
