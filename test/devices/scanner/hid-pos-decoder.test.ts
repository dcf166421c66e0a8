/**
 * The HID POS decoder: 64-byte scanned-data reports written by hand for both layouts, reassembly across reports,
 * the typed errors, and round trips of any Unicode string through the simulated scanner's report encoder.
 */
import fc from 'fast-check';
import { HidPosDecoder, MAX_SCAN_BYTES } from '../../../src/devices/scanner/hid-pos/hid-pos-decoder';
import { HID_POS_AIM_FIRST, HID_POS_DATA_FIRST, checkHidPosLayout } from '../../../src/devices/scanner/hid-pos/hid-pos-layout';
import type { ScanOutcome } from '../../../src/devices/scanner/report-decoder';
import { failure } from './outcomes';
import { InvalidUtf8ScanError, MalformedReportError, ScanTruncatedError } from '../../../src/devices/scanner/scanner-errors';
import { hidPosReports } from '../../../src/simulators/scanner/hid-pos-reports';

/** An AIM-first report: 02, length, "]Q1", data (zero-padded to byte 60), 61 and 62 zero, byte 63 = flags. */
function aimFirst(data: number[], flags = 0): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r[2] = 0x5d; // ]
  r[3] = 0x51; // Q
  r[4] = 0x31; // 1
  r.set(data, 5);
  r[63] = flags;
  return r;
}

/** A data-first report: 02, length, data from byte 2, "]Q1" at 58-60, byte 63 = flags. */
function dataFirst(data: number[], flags = 0): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.set(data, 2);
  r.set([0x5d, 0x51, 0x31], 58);
  r[63] = flags;
  return r;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function feed(decoder: HidPosDecoder, reports: readonly Uint8Array[]): ScanOutcome[] {
  return reports.flatMap((r) => decoder.push(r));
}

describe('reports written by hand', () => {
  test('one report, AIM-first layout', () => {
    expect(feed(new HidPosDecoder(), [aimFirst(ascii('ABC-123'))])).toEqual([{ ok: true, text: 'ABC-123' }]);
  });

  test('one report, data-first layout', () => {
    expect(feed(new HidPosDecoder({ layout: HID_POS_DATA_FIRST }), [dataFirst(ascii('ABC-123'))])).toEqual([{ ok: true, text: 'ABC-123' }]);
  });

  test('a UTF-8 character split across two reports is reassembled (Nữ = 4E E1 BB AF)', () => {
    const d = new HidPosDecoder();
    expect(d.push(aimFirst([0x4e, 0xe1, 0xbb], 0x01))).toEqual([]);
    expect(d.pending).toBe(true);
    expect(d.push(aimFirst([0xaf]))).toEqual([{ ok: true, text: 'Nữ' }]);
    expect(d.pending).toBe(false);
  });

  test('reports with another report ID (the device status) are not scanned data', () => {
    const other = aimFirst(ascii('X'));
    other[0] = 0x04;
    expect(feed(new HidPosDecoder(), [other, aimFirst(ascii('Y'))])).toEqual([{ ok: true, text: 'Y' }]);
  });

  test('an empty scan (length 0, no continuation) is no scan', () => {
    expect(feed(new HidPosDecoder(), [aimFirst([])])).toEqual([]);
  });

  test('invalid UTF-8 is an InvalidUtf8ScanError with the raw bytes and the symbology', () => {
    const [out] = feed(new HidPosDecoder(), [aimFirst([0x41, 0xc3, 0x28])]);
    const error = failure(out, InvalidUtf8ScanError);
    expect(error).toBeInstanceOf(InvalidUtf8ScanError);
    expect([...error.bytes]).toEqual([0x41, 0xc3, 0x28]);
    expect(error.symbology).toBe(']Q1');
    expect(error.message).toMatch(/41C328/);
  });

  test('a short report and a length over 56 are MalformedReportError; the scan in progress is dropped', () => {
    const d = new HidPosDecoder();
    d.push(aimFirst(ascii('part'), 0x01));
    const [short] = d.push(aimFirst(ascii('x')).subarray(0, 40));
    failure(short, MalformedReportError);
    expect(d.pending).toBe(false);
    const long = aimFirst([]);
    long[1] = 57;
    const [tooLong] = d.push(long);
    expect(failure(tooLong, MalformedReportError).reason).toMatch(/57/);
    expect(feed(d, [aimFirst(ascii('ok'))])).toEqual([{ ok: true, text: 'ok' }]);
  });

  test('continuation announced but the gap elapsed: ScanTruncatedError with the bytes so far', () => {
    const d = new HidPosDecoder();
    d.push(aimFirst(ascii('half'), 0x01));
    const [out] = d.flush(200);
    const error = failure(out, ScanTruncatedError);
    expect(error).toBeInstanceOf(ScanTruncatedError);
    expect(Buffer.from(error.bytes).toString('latin1')).toBe('half');
    expect(error.gapMs).toBe(200);
    expect(d.flush(200)).toEqual([]);
  });

  test('a scanner stuck on "continued" cannot grow a scan past MAX_SCAN_BYTES', () => {
    const d = new HidPosDecoder();
    const chunk = aimFirst(Array(56).fill(0x41), 0x01);
    let outcomes: ScanOutcome[] = [];
    for (let i = 0; i < Math.ceil(MAX_SCAN_BYTES / 56) + 1 && outcomes.length === 0; i++) outcomes = d.push(chunk);
    expect(failure(outcomes[0], MalformedReportError).reason).toMatch(/exceeds/);
  });

  test('layouts whose fields overlap or leave the report are refused', () => {
    expect(() => checkHidPosLayout({ ...HID_POS_AIM_FIRST, dataOffset: 3 })).toThrow(/overlap/);
    expect(() => checkHidPosLayout({ ...HID_POS_AIM_FIRST, continuedOffset: 64 })).toThrow(/outside/);
    expect(() => new HidPosDecoder({ layout: { ...HID_POS_DATA_FIRST, symbologyOffset: 56 } })).toThrow(RangeError);
  });
});

describe('round trips through the simulated scanner', () => {
  test.each([HID_POS_AIM_FIRST, HID_POS_DATA_FIRST])('any Unicode string comes back exactly ($name)', (layout) => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), (text) => {
        const reports = hidPosReports(text, { layout });
        expect(reports.length).toBe(Math.max(1, Math.ceil(Buffer.byteLength(text, 'utf8') / 56)));
        expect(feed(new HidPosDecoder({ layout }), reports)).toEqual([{ ok: true, text }]);
      }),
    );
  });

  test('any bytes that are not UTF-8 become InvalidUtf8ScanError carrying exactly those bytes', () => {
    const notUtf8 = fc.uint8Array({ minLength: 1, maxLength: 200 }).filter((b) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return false;
      } catch {
        return true;
      }
    });
    fc.assert(
      fc.property(notUtf8, (bytes) => {
        const [out] = feed(new HidPosDecoder(), hidPosReports(bytes));
        const error = failure(out, InvalidUtf8ScanError);
        expect(error).toBeInstanceOf(InvalidUtf8ScanError);
        expect(error.bytes).toEqual(bytes);
      }),
    );
  });
});
