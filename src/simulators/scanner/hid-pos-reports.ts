/**
 * What a HID POS scanner sends for a symbol: its bytes in scanned-data reports of the given layout, 56 (the
 * layout's capacity) to a report, "continued" set on all but the last.
 */
import type { HidPosReportLayout } from '../../devices/scanner/hid-pos/hid-pos-layout';
import { HID_POS_AIM_FIRST } from '../../devices/scanner/hid-pos/hid-pos-layout';

/** Options of {@link hidPosReports}. */
export interface HidPosReportOptions {
  /** Default {@link HID_POS_AIM_FIRST}. */
  layout?: HidPosReportLayout;
  /** AIM symbology identifier; default "]Q1" (QR code, model 2). */
  symbology?: string;
}

/** The reports carrying `symbol` (a string is sent as UTF-8, as the cards' QR byte segment holds it). */
export function hidPosReports(symbol: string | Uint8Array, options: HidPosReportOptions = {}): Uint8Array[] {
  const layout = options.layout ?? HID_POS_AIM_FIRST;
  const bytes = typeof symbol === 'string' ? new TextEncoder().encode(symbol) : symbol;
  const symbology = Buffer.from(options.symbology ?? ']Q1', 'latin1').subarray(0, 3);
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const n = Math.min(layout.dataCapacity, bytes.length - offset);
    const report = new Uint8Array(layout.reportLength);
    report[0] = layout.reportId;
    report[layout.lengthOffset] = n;
    report.set(bytes.subarray(offset, offset + n), layout.dataOffset);
    if (layout.symbologyOffset !== undefined) report.set(symbology, layout.symbologyOffset);
    offset += n;
    if (offset < bytes.length) report[layout.continuedOffset] = (report[layout.continuedOffset] as number) | layout.continuedMask;
    reports.push(report);
  } while (offset < bytes.length);
  return reports;
}
