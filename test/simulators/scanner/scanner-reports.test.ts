/** The simulated HID device's reports, checked byte by byte against hand-written expectations. */
import { HID_POS_DATA_FIRST } from '../../../src/devices/scanner/hid-pos/hid-pos-layout';
import { hidPosReports } from '../../../src/simulators/scanner/hid-pos-reports';
import { keyboardWedgeReports } from '../../../src/simulators/scanner/keyboard-wedge-reports';
import { PRODUCT_QR_REGIONS } from '../../../src/simulators/scanner/qr-regions';

test('keyboard wedge: "A" then Enter is Shift+a down, up, Enter down, up', () => {
  expect(keyboardWedgeReports('A').map((r) => [...r])).toEqual([
    [0x02, 0, 0x04, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0x28, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
  ]);
});

test('keyboard wedge: "é" (U+00E9 = 233) is Alt held over keypad 0 2 3 3', () => {
  const reports = keyboardWedgeReports('é', { enter: false }).map((r) => [r[0], r[2]]);
  expect(reports).toEqual([
    [0x04, 0],
    [0x04, 0x62], [0x04, 0],
    [0x04, 0x5a], [0x04, 0],
    [0x04, 0x5b], [0x04, 0],
    [0x04, 0x5b], [0x04, 0],
    [0, 0],
  ]);
});

test('keyboard wedge: a control character is Ctrl + its letter (0x01 = Ctrl+A); with a report ID every report has 9 bytes', () => {
  const reports = keyboardWedgeReports('\u0001', { enter: false, reportId: 7 });
  expect(reports.map((r) => [...r])).toEqual([
    [7, 0x01, 0, 0x04, 0, 0, 0, 0, 0],
    [7, 0, 0, 0, 0, 0, 0, 0, 0],
  ]);
});

test('HID POS: 60 bytes make two 64-byte reports, 56 + 4, "continued" on the first only', () => {
  const data = 'x'.repeat(60);
  const [first, second, ...rest] = hidPosReports(data);
  expect(rest).toEqual([]);
  expect(first).toHaveLength(64);
  expect([first![0], first![1], first![2], first![3], first![4], first![63]]).toEqual([0x02, 56, 0x5d, 0x51, 0x31, 0x01]);
  expect(Buffer.from(first!.subarray(5, 61)).toString('latin1')).toBe('x'.repeat(56));
  expect([second![0], second![1], second![63]]).toEqual([0x02, 4, 0x00]);
  expect(Buffer.from(second!.subarray(5, 9)).toString('latin1')).toBe('xxxx');
  expect([...second!.subarray(9, 61)].every((b) => b === 0)).toBe(true);
});

test('HID POS, data-first layout: data from byte 2, "]Q1" at 58-60', () => {
  const [r] = hidPosReports('AB', { layout: HID_POS_DATA_FIRST });
  expect([r![1], r![2], r![3], r![58], r![59], r![60], r![63]]).toEqual([2, 0x41, 0x42, 0x5d, 0x51, 0x31, 0]);
});

test('the QR crops sit in the top right corner where both products print the code', () => {
  // 2021 front: QR 14 mm at x 68.2 mm, y 3.4 mm (+1.4 mm quiet zone); 2024 back: 18 mm at x 64.1 mm, y 3.5 mm.
  const mmToPx = (mm: number) => (mm * 300) / 25.4;
  const offsetX = (1016 - mmToPx(85.6)) / 2;
  const [front] = PRODUCT_QR_REGIONS.front;
  const [back] = PRODUCT_QR_REGIONS.back;
  expect(PRODUCT_QR_REGIONS.front).toHaveLength(1);
  expect(PRODUCT_QR_REGIONS.back).toHaveLength(1);
  expect(front!.x).toBeLessThanOrEqual(offsetX + mmToPx(68.2 - 1.4));
  expect(front!.x + front!.width).toBeGreaterThanOrEqual(offsetX + mmToPx(68.2 + 14 + 1.4));
  expect(back!.x).toBeLessThanOrEqual(offsetX + mmToPx(64.1 - 1.5));
  expect(back!.x + back!.width).toBe(1016);
  // Small crops: a quarter of the panel at most.
  expect(front!.width * front!.height).toBeLessThan((1016 * 648) / 4);
  expect(back!.width * back!.height).toBeLessThan((1016 * 648) / 4);
});
