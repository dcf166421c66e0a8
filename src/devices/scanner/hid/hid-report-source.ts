/**
 * Where a HID scanner's input reports come from: a real device through node-hid (open-hid-device.ts) or a
 * simulated one (simulators/scanner). The driver sees only this.
 */

/** A stream of input reports. */
export interface HidReportSource {
  /** A short name for messages: the device path or vendor:product. */
  readonly name: string;
  /**
   * Starts delivering input reports, each as the OS delivered it (a device with numbered reports puts the report
   * ID first), and read failures. Called once.
   */
  start(onReport: (report: Uint8Array) => void, onError: (error: Error) => void): void;
  /** Stops reading and releases the device. */
  close(): Promise<void>;
}
