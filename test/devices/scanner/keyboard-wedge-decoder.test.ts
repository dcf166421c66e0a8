/**
 * The keyboard-wedge decoder: boot keyboard reports written by hand from the HID usage tables (US layout), and
 * round trips through the simulated scanner's own, independently written report encoder.
 */
import fc from 'fast-check';
import { KeyboardWedgeDecoder } from '../../../src/devices/scanner/keyboard-wedge/keyboard-wedge-decoder';
import type { ScanOutcome } from '../../../src/devices/scanner/report-decoder';
import { failure } from './outcomes';
import { MalformedReportError, UndecodableScanError } from '../../../src/devices/scanner/scanner-errors';
import { keyboardWedgeReports } from '../../../src/simulators/scanner/keyboard-wedge-reports';

/** A boot keyboard report: modifiers, reserved, up to six keys. */
function rep(modifiers: number, ...keys: number[]): Uint8Array {
  const r = new Uint8Array(8);
  r[0] = modifiers;
  keys.forEach((k, i) => (r[2 + i] = k));
  return r;
}
const UP = rep(0);
const L_SHIFT = 0x02;
const L_CTRL = 0x01;
const L_ALT = 0x04;
const KEY_A = 0x04;
const KEY_B = 0x05;
const KEY_1 = 0x1e;
const ENTER = 0x28;

function feed(decoder: KeyboardWedgeDecoder, reports: readonly Uint8Array[]): ScanOutcome[] {
  return reports.flatMap((r) => decoder.push(r));
}

function texts(outcomes: readonly ScanOutcome[]): string[] {
  return outcomes.map((o) => (o.ok ? o.text : `<${o.error.name}>`));
}

describe('reports written by hand', () => {
  test('letters, Shift, digits and punctuation on the US layout; Enter ends the scan', () => {
    const d = new KeyboardWedgeDecoder();
    const out = feed(d, [
      rep(L_SHIFT, KEY_A), UP, // A
      rep(0, KEY_B), UP, // b
      rep(L_SHIFT, KEY_1), UP, // !
      rep(0, 0x27), UP, // 0
      rep(0x20, 0x34), UP, // right shift + ' = "
      rep(0, 0x38), UP, // /
      rep(0, 0x2c), UP, // space
      rep(0, 0x2b), UP, // tab
      rep(0, ENTER), UP,
    ]);
    expect(texts(out)).toEqual(['Ab!0"/ \t']);
    expect(d.pending).toBe(false);
  });

  test('only key-down edges count: a key held across reports types once, a repeated key needs its release', () => {
    const d = new KeyboardWedgeDecoder();
    const out = feed(d, [rep(0, KEY_A), rep(0, KEY_A), rep(0, KEY_A, KEY_B), rep(0, KEY_B), UP, rep(0, KEY_A), UP, rep(0, KEY_A), UP, rep(0, ENTER), UP]);
    expect(texts(out)).toEqual(['abaa']);
  });

  test('two new keys in one report type in report order', () => {
    const d = new KeyboardWedgeDecoder();
    expect(texts(feed(d, [rep(0, KEY_B, KEY_A), UP, rep(0, ENTER)]))).toEqual(['ba']);
  });

  test('a phantom (ErrorRollOver) report is ignored and the held keys stay held', () => {
    const d = new KeyboardWedgeDecoder();
    const out = feed(d, [rep(0, KEY_A), rep(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), rep(0, KEY_A), UP, rep(0, ENTER)]);
    expect(texts(out)).toEqual(['a']);
  });

  test('Enter with nothing typed is no scan; Keypad Enter ends a scan like Enter', () => {
    const d = new KeyboardWedgeDecoder();
    expect(feed(d, [rep(0, ENTER), UP])).toEqual([]);
    expect(texts(feed(d, [rep(0, 0x59), UP, rep(0, 0x62), UP, rep(0, 0x63), UP, rep(0, 0x58), UP]))).toEqual(['10.']);
  });

  test('without a terminator the scan ends when the driver reports the gap (flush)', () => {
    const d = new KeyboardWedgeDecoder();
    expect(feed(d, [rep(0, KEY_A), UP])).toEqual([]);
    expect(d.pending).toBe(true);
    expect(texts(d.flush())).toEqual(['a']);
    expect(d.pending).toBe(false);
    expect(d.flush()).toEqual([]);
  });

  test('a key with no US character (Non-US #) is flagged, not dropped: U+FFFD at its place', () => {
    const d = new KeyboardWedgeDecoder();
    const [out] = feed(d, [rep(0, KEY_A), UP, rep(0, 0x32), UP, rep(0, KEY_B), UP, rep(0, ENTER)]);
    expect(out?.ok).toBe(false);
    const error = failure(out, UndecodableScanError);
    expect(error).toBeInstanceOf(UndecodableScanError);
    expect(error.text).toBe('a\uFFFDb');
    expect(error.keys).toEqual([{ kind: 'unmapped-key', position: 1, usage: 0x32, modifiers: 0 }]);
    expect(error.message).toMatch(/HID POS/);
  });

  test('Ctrl + key is a command, not text: flagged', () => {
    const d = new KeyboardWedgeDecoder();
    const [out] = feed(d, [rep(L_CTRL, KEY_A), UP, rep(0, ENTER)]);
    expect(failure(out, UndecodableScanError).keys).toEqual([{ kind: 'modified-key', position: 0, usage: KEY_A, modifiers: L_CTRL }]);
  });

  test('an Alt + keypad code (how scanners type ê) is one flagged character with its digits', () => {
    const d = new KeyboardWedgeDecoder();
    const KP0 = 0x62;
    const KP2 = 0x5a;
    const KP3 = 0x5b;
    const out = feed(d, [
      rep(0, KEY_A), UP,
      rep(L_ALT), rep(L_ALT, KP0), rep(L_ALT), rep(L_ALT, KP2), rep(L_ALT), rep(L_ALT, KP3), rep(L_ALT), rep(L_ALT, KP3), rep(L_ALT), UP,
      rep(0, KEY_B), UP, rep(0, ENTER),
    ]);
    const error = failure(out[0], UndecodableScanError);
    expect(error.text).toBe('a\uFFFDb');
    expect(error.keys).toEqual([{ kind: 'alt-code', position: 1, digits: '0233' }]);
  });

  test('numbered reports: the report ID is stripped, other report IDs are ignored', () => {
    const d = new KeyboardWedgeDecoder({ reportId: 1 });
    const withId = (r: Uint8Array) => Uint8Array.of(1, ...r);
    const out = feed(d, [withId(rep(0, KEY_A)), Uint8Array.of(3, 0x10, 0x00), withId(UP), withId(rep(0, ENTER))]);
    expect(texts(out)).toEqual(['a']);
  });

  test('a report of the wrong length is a MalformedReportError with the raw bytes, and drops the scan in progress', () => {
    const d = new KeyboardWedgeDecoder();
    feed(d, [rep(0, KEY_A), UP]);
    const bad = Uint8Array.of(0, 0, 4, 0, 0);
    const [out] = d.push(bad);
    expect(out?.ok).toBe(false);
    const error = failure(out, MalformedReportError);
    expect(error).toBeInstanceOf(MalformedReportError);
    expect(error.report).toEqual(bad);
    expect(d.pending).toBe(false);
    expect(texts(feed(d, [rep(0, KEY_B), UP, rep(0, ENTER)]))).toEqual(['b']);
  });
});

describe('round trips through the simulated scanner', () => {
  const printable = fc.string({ unit: fc.constantFrom(...[...Array(95)].map((_, i) => String.fromCharCode(0x20 + i)), '\t'), minLength: 1, maxLength: 80 });

  test('any printable ASCII string (and Tab) comes back exactly, with or without report IDs', () => {
    fc.assert(
      fc.property(printable, fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }), (text, reportId) => {
        const d = new KeyboardWedgeDecoder({ reportId });
        expect(texts(feed(d, keyboardWedgeReports(text, { reportId })))).toEqual([text]);
      }),
    );
  });

  test('any ASCII string: control characters are flagged exactly where they are, the rest decodes', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).filter((c) => c !== 0x0a && c !== 0x0d).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(ascii, (text) => {
        const out = feed(new KeyboardWedgeDecoder(), keyboardWedgeReports(text));
        expect(out).toHaveLength(1);
        const isText = (c: string) => c === '\t' || (c >= ' ' && c <= '~');
        const expected = [...text].map((c) => (isText(c) ? c : '\uFFFD')).join('');
        if ([...text].every(isText)) {
          expect(texts(out)).toEqual([text]);
        } else {
          const error = failure(out[0], UndecodableScanError);
          expect(error).toBeInstanceOf(UndecodableScanError);
          expect(error.text).toBe(expected);
          expect(error.keys.map((k) => k.position)).toEqual([...expected].flatMap((c, i) => (c === '\uFFFD' ? [i] : [])));
        }
      }),
    );
  });

  const PAYLOAD = '001199012345||Nguyễn Thị Mai|15031999|Nữ|Số 12, phố Láng Hạ, Hà Nội|22062021';

  test('a Vietnamese QR payload through a keyboard wedge is flagged, never returned with letters missing', () => {
    const [out] = feed(new KeyboardWedgeDecoder(), keyboardWedgeReports(PAYLOAD));
    const error = failure(out, UndecodableScanError);
    expect(error).toBeInstanceOf(UndecodableScanError);
    const nonAscii = [...PAYLOAD].filter((c) => c > '~').length;
    expect(error.keys).toHaveLength(nonAscii);
    expect(error.keys.every((k) => k.kind === 'alt-code')).toBe(true);
    expect(error.text).toBe([...PAYLOAD].map((c) => (c > '~' ? '\uFFFD' : c)).join(''));
  });

  test('a scanner set to drop what it cannot type loses letters the decoder cannot see: only a payload comparison catches it', () => {
    const [out] = feed(new KeyboardWedgeDecoder(), keyboardWedgeReports(PAYLOAD, { unmappable: 'drop' }));
    expect(out?.ok).toBe(true);
    expect((out as { text: string }).text).toBe('001199012345||Nguyn Th Mai|15031999|N|S 12, ph Lng H, H Ni|22062021');
  });
});
