/**
 * Simulated scanners: one that reads the QR printed on the physical cards of a plant, and a simulated HID device
 * producing keyboard-wedge and HID POS reports for the driver's decoders.
 */
export { SimulatedScanner } from './simulated-scanner';
export type { CardSide, ScannerRead, SimulatedScannerOptions } from './simulated-scanner';
export { DEFAULT_READ_TIME_MS, checkScannerFaults } from './scanner-faults';
export type { ScannerFaults } from './scanner-faults';
export { PRODUCT_QR_REGIONS, QR_CROP_MARGIN_MM, qrRegionsOfFace } from './qr-regions';
export type { PixelBox, QrRegions } from './qr-regions';
export { fullPanel, isWellFormedPanel, readPrintedQr } from './read-printed-qr';
export type { PrintedQrRead } from './read-printed-qr';
export { SimulatedHidDevice } from './simulated-hid-device';
export type { SimulatedHidDeviceOptions } from './simulated-hid-device';
export { keyboardWedgeReports } from './keyboard-wedge-reports';
export type { KeyboardWedgeReportOptions, UnmappableCharMode } from './keyboard-wedge-reports';
export { hidPosReports } from './hid-pos-reports';
export type { HidPosReportOptions } from './hid-pos-reports';
