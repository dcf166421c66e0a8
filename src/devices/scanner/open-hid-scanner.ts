/**
 * Opening a real HID scanner: the device (node-hid, loaded only now), the decoder for its mode, the driver.
 */
import type { Clock } from '../clock';
import { HidPosDecoder } from './hid-pos/hid-pos-decoder';
import { HID_POS_AIM_FIRST, type HidPosReportLayout } from './hid-pos/hid-pos-layout';
import { type HidDeviceSelector, openHidReportSource } from './hid/open-hid-device';
import type { NodeHid } from './hid/node-hid-binding';
import { HidScanner } from './hid-scanner';
import { KeyboardWedgeDecoder } from './keyboard-wedge/keyboard-wedge-decoder';
import type { ReportDecoder } from './report-decoder';

/** How the scanner talks: as a keyboard (US layout, ASCII only) or as a HID POS bar code scanner (raw bytes). */
export type ScannerMode = 'keyboard-wedge' | 'hid-pos';

/** Options of {@link openHidScanner}. */
export interface OpenHidScannerOptions {
  device: HidDeviceSelector;
  mode: ScannerMode;
  /** HID POS report layout (default {@link HID_POS_AIM_FIRST}). */
  posLayout?: HidPosReportLayout;
  /** Keyboard wedge: the report ID when the keyboard interface uses numbered reports. */
  keyboardReportId?: number;
  /** Inter-character gap that ends a scan. */
  gapMs?: number;
  /** Time allowed to open the device. */
  openTimeoutMs?: number;
  clock?: Clock;
  /** The node-hid module; default the lazily loaded package. */
  nodeHid?: NodeHid;
}

/** The decoder for a mode. */
export function decoderFor(mode: ScannerMode, options: Pick<OpenHidScannerOptions, 'posLayout' | 'keyboardReportId'> = {}): ReportDecoder {
  return mode === 'hid-pos' ? new HidPosDecoder({ layout: options.posLayout ?? HID_POS_AIM_FIRST }) : new KeyboardWedgeDecoder({ reportId: options.keyboardReportId });
}

/**
 * Opens a HID scanner. Throws `HidUnavailableError` when node-hid or libusb is missing and `HidOpenError` when the
 * device cannot be opened.
 */
export async function openHidScanner(options: OpenHidScannerOptions): Promise<HidScanner> {
  const decoder = decoderFor(options.mode, options);
  const source = await openHidReportSource(options.device, { timeoutMs: options.openTimeoutMs, clock: options.clock, nodeHid: options.nodeHid });
  return new HidScanner(source, decoder, { clock: options.clock, gapMs: options.gapMs });
}
