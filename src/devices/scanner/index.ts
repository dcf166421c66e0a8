/**
 * QR/barcode scanners: the {@link Scanner} interface, the HID driver (node-hid, loaded only when a real scanner is
 * opened) and its two report decoders. See SCANNER.md.
 */
export type { Scanner } from './scanner';
export * from './scanner-errors';
export type { ReportDecoder, ScanOutcome } from './report-decoder';
export { ScanQueue } from './scan-queue';
export { KeyboardWedgeDecoder, REPLACEMENT_CHAR } from './keyboard-wedge/keyboard-wedge-decoder';
export type { KeyboardWedgeDecoderOptions } from './keyboard-wedge/keyboard-wedge-decoder';
export { BOOT_KEYBOARD_REPORT_LENGTH, MODIFIER, parseBootKeyboardReport } from './keyboard-wedge/boot-keyboard-report';
export type { BootKeyboardReport } from './keyboard-wedge/boot-keyboard-report';
export { usKeyMeaning } from './keyboard-wedge/us-layout';
export type { KeyMeaning } from './keyboard-wedge/us-layout';
export { HidPosDecoder, MAX_SCAN_BYTES } from './hid-pos/hid-pos-decoder';
export type { HidPosDecoderOptions } from './hid-pos/hid-pos-decoder';
export { HID_POS_AIM_FIRST, HID_POS_DATA_FIRST, HID_POS_LAYOUTS, checkHidPosLayout } from './hid-pos/hid-pos-layout';
export type { HidPosReportLayout } from './hid-pos/hid-pos-layout';
export type { HidReportSource } from './hid/hid-report-source';
export * from './hid/hid-errors';
export { loadNodeHid } from './hid/node-hid-binding';
export type { NodeHid, NodeHidDeviceInfo } from './hid/node-hid-binding';
export { DEFAULT_HID_OPEN_TIMEOUT_MS, describeSelector, formatUsbId, openHidReportSource } from './hid/open-hid-device';
export type { HidDeviceSelector, OpenHidOptions } from './hid/open-hid-device';
export { DEFAULT_SCAN_GAP_MS, HidScanner } from './hid-scanner';
export type { HidScannerOptions } from './hid-scanner';
export { decoderFor, openHidScanner } from './open-hid-scanner';
export type { OpenHidScannerOptions, ScannerMode } from './open-hid-scanner';
