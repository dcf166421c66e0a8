/**
 * HID POS decoding: scanned-data reports -> the symbol's raw bytes, reassembled across reports while "Decoded
 * Data Continued" is set -> UTF-8 text. The bytes are the symbol's own (the QR's byte segment), so Vietnamese text
 * arrives intact, unlike through a keyboard wedge.
 */
import type { ReportDecoder, ScanOutcome } from '../report-decoder';
import { InvalidUtf8ScanError, MalformedReportError, ScanTruncatedError } from '../scanner-errors';
import { HID_POS_AIM_FIRST, type HidPosReportLayout, checkHidPosLayout } from './hid-pos-layout';

/**
 * The largest scan accepted, in bytes. A QR code holds at most 2953 bytes; this leaves room for other symbologies
 * while a scanner stuck with the continued flag set cannot grow memory without bound.
 */
export const MAX_SCAN_BYTES = 16 * 1024;

/** Options of {@link HidPosDecoder}. */
export interface HidPosDecoderOptions {
  /** The report layout of the scanner (default {@link HID_POS_AIM_FIRST}). */
  layout?: HidPosReportLayout;
}

/** Decodes a HID POS scanner's scanned-data reports. Pure: no clock, no I/O. */
export class HidPosDecoder implements ReportDecoder {
  private readonly layout: HidPosReportLayout;
  private chunks: Uint8Array[] = [];
  private size = 0;
  private inScan = false;
  private symbology: string | undefined;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(options: HidPosDecoderOptions = {}) {
    this.layout = options.layout ?? HID_POS_AIM_FIRST;
    checkHidPosLayout(this.layout);
  }

  get pending(): boolean {
    return this.inScan;
  }

  push(report: Uint8Array): ScanOutcome[] {
    const l = this.layout;
    // Another report of the device (status, attributes): not scanned data.
    if (report.length > 0 && report[0] !== l.reportId) return [];
    if (report.length < l.reportLength) {
      return this.abort(new MalformedReportError(report, `a ${l.name} HID POS report has ${l.reportLength} bytes, got ${report.length}`));
    }
    const length = report[l.lengthOffset] as number;
    if (length > l.dataCapacity) {
      return this.abort(new MalformedReportError(report, `data length ${length} exceeds the ${l.dataCapacity} bytes a report carries`));
    }
    if (this.size + length > MAX_SCAN_BYTES) {
      return this.abort(new MalformedReportError(report, `the scan exceeds ${MAX_SCAN_BYTES} bytes`));
    }
    if (!this.inScan) {
      this.inScan = true;
      this.symbology = this.readSymbology(report);
    }
    // Copy: the OS may reuse the report buffer.
    this.chunks.push(report.slice(l.dataOffset, l.dataOffset + length));
    this.size += length;
    if (((report[l.continuedOffset] as number) & l.continuedMask) !== 0) return [];
    return this.finish();
  }

  flush(gapMs: number): ScanOutcome[] {
    if (!this.inScan) return [];
    const bytes = this.take();
    return [{ ok: false, error: new ScanTruncatedError(bytes, gapMs) }];
  }

  private finish(): ScanOutcome[] {
    const symbology = this.symbology;
    const bytes = this.take();
    // A scanner's "no read" or an empty symbol: no scan.
    if (bytes.length === 0) return [];
    try {
      return [{ ok: true, text: this.utf8.decode(bytes) }];
    } catch {
      return [{ ok: false, error: new InvalidUtf8ScanError(bytes, symbology) }];
    }
  }

  private abort(error: MalformedReportError): ScanOutcome[] {
    this.take();
    return [{ ok: false, error }];
  }

  /** The bytes of the scan in progress, and a fresh state. */
  private take(): Uint8Array {
    const bytes = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    this.inScan = false;
    this.symbology = undefined;
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  private readSymbology(report: Uint8Array): string | undefined {
    const at = this.layout.symbologyOffset;
    if (at === undefined) return undefined;
    const id = Buffer.from(report.subarray(at, at + 3)).toString('latin1').replace(/\0+$/, '');
    return id.length > 0 ? id : undefined;
  }
}
