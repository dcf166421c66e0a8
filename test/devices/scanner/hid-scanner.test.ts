/**
 * The HID scanner driver against a simulated HID device on a virtual clock: scans ended by Enter, by the last
 * HID POS report or by the inter-character gap; time-outs, truncation, unplugging and closing.
 */
import { HidPosDecoder } from '../../../src/devices/scanner/hid-pos/hid-pos-decoder';
import { HidDisconnectedError } from '../../../src/devices/scanner/hid/hid-errors';
import { HidScanner } from '../../../src/devices/scanner/hid-scanner';
import { KeyboardWedgeDecoder } from '../../../src/devices/scanner/keyboard-wedge/keyboard-wedge-decoder';
import { ScanTimeoutError, ScanTruncatedError, ScannerClosedError, UndecodableScanError } from '../../../src/devices/scanner/scanner-errors';
import { hidPosReports } from '../../../src/simulators/scanner/hid-pos-reports';
import { keyboardWedgeReports } from '../../../src/simulators/scanner/keyboard-wedge-reports';
import { SimulatedHidDevice } from '../../../src/simulators/scanner/simulated-hid-device';
import { VirtualClock } from '../../../src/simulators/virtual-clock';

const PAYLOAD = '079062004321||Trần Đức Quảng|02091962|Nam|45 Nguyễn Thị Minh Khai, phường Bến Nghé, quận 1, TP Hồ Chí Minh|15082024||||';

function setup(mode: 'keyboard' | 'pos', gapMs = 100) {
  const clock = new VirtualClock();
  const device = new SimulatedHidDevice({ clock, intervalMs: 2 });
  const decoder = mode === 'pos' ? new HidPosDecoder() : new KeyboardWedgeDecoder();
  const scanner = new HidScanner(device, decoder, { clock, gapMs });
  return { clock, device, scanner };
}

/** Settles a promise into a value or its error, so a test can look at it after advancing the clock. */
function observe<T>(p: Promise<T>): { value?: T; error?: unknown; settled: boolean } {
  const state: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  p.then(
    (v) => Object.assign(state, { value: v, settled: true }),
    (e: unknown) => Object.assign(state, { error: e, settled: true }),
  );
  return state;
}

test('keyboard wedge: a scan ends at Enter', async () => {
  const { clock, device, scanner } = setup('keyboard');
  device.send(keyboardWedgeReports('ABC-123'));
  const scan = observe(scanner.nextScan(1000));
  await clock.runUntilIdle(() => scan.settled);
  expect(scan.value).toBe('ABC-123');
  await scanner.close();
});

test('keyboard wedge without a suffix: the scan ends once the gap has passed with no report, not before', async () => {
  const { clock, device, scanner } = setup('keyboard', 100);
  const reports = keyboardWedgeReports('XYZ', { enter: false });
  device.send(reports);
  const scan = observe(scanner.nextScan(10_000));
  await clock.advance(2 * reports.length); // every report delivered
  await clock.advance(99);
  expect(scan.settled).toBe(false);
  await clock.advance(1);
  expect(scan.value).toBe('XYZ');
  await scanner.close();
});

test('HID POS: a Vietnamese payload over several reports arrives intact', async () => {
  const { clock, device, scanner } = setup('pos');
  device.send(hidPosReports(PAYLOAD));
  const scan = observe(scanner.nextScan(1000));
  await clock.runUntilIdle(() => scan.settled);
  expect(scan.value).toBe(PAYLOAD);
  await scanner.close();
});

test('HID POS: the same payload through a keyboard-wedge scanner is an UndecodableScanError', async () => {
  const { clock, device, scanner } = setup('keyboard');
  device.send(keyboardWedgeReports(PAYLOAD));
  const scan = observe(scanner.nextScan(10_000));
  await clock.runUntilIdle(() => scan.settled);
  expect(scan.error).toBeInstanceOf(UndecodableScanError);
  await scanner.close();
});

test('nextScan rejects with ScanTimeoutError at its time-out on the clock, not earlier', async () => {
  const { clock, scanner } = setup('pos');
  const scan = observe(scanner.nextScan(500));
  await clock.advance(499);
  expect(scan.settled).toBe(false);
  await clock.advance(1);
  expect(scan.error).toBeInstanceOf(ScanTimeoutError);
  expect((scan.error as ScanTimeoutError).timeoutMs).toBe(500);
  await scanner.close();
});

test('HID POS: a scan cut off after a "continued" report is a ScanTruncatedError after the gap', async () => {
  const { clock, device, scanner } = setup('pos', 100);
  device.send(hidPosReports(PAYLOAD).slice(0, 1));
  const scan = observe(scanner.nextScan(5000));
  await clock.runUntilIdle(() => scan.settled);
  expect(scan.error).toBeInstanceOf(ScanTruncatedError);
  expect(clock.now()).toBe(2 + 100);
  await scanner.close();
});

test('scans are kept in order until taken; discardPending drops them', async () => {
  const { clock, device, scanner } = setup('pos');
  device.send([...hidPosReports('one'), ...hidPosReports('two'), ...hidPosReports('three')]);
  await clock.runUntilIdle();
  expect(await scanner.nextScan(0)).toBe('one');
  expect(scanner.discardPending()).toBe(2);
  const next = observe(scanner.nextScan(100));
  await clock.advance(100);
  expect(next.error).toBeInstanceOf(ScanTimeoutError);
  await scanner.close();
});

test('scans(): yields in order, throws a garbled scan, and iterating again goes on; close() ends it', async () => {
  const { clock, device, scanner } = setup('keyboard');
  device.send([...keyboardWedgeReports('first'), ...keyboardWedgeReports('bad\u0001'), ...keyboardWedgeReports('third')]);
  await clock.runUntilIdle();
  const seen: string[] = [];
  try {
    for await (const s of scanner.scans()) seen.push(s);
  } catch (e) {
    seen.push(`<${(e as Error).name}>`);
  }
  const rest = (async () => {
    for await (const s of scanner.scans()) seen.push(s);
    seen.push('<end>');
  })();
  await clock.runUntilIdle();
  await scanner.close();
  await rest;
  expect(seen).toEqual(['first', '<UndecodableScanError>', 'third', '<end>']);
});

test('unplugging fails the waiting and every later nextScan with HidDisconnectedError', async () => {
  const { scanner, device } = setup('pos');
  const waiting = scanner.nextScan(10_000);
  device.unplug();
  await expect(waiting).rejects.toBeInstanceOf(HidDisconnectedError);
  await expect(scanner.nextScan(10_000)).rejects.toBeInstanceOf(HidDisconnectedError);
  await scanner.close();
});

test('close() rejects a waiting nextScan with ScannerClosedError and later calls too', async () => {
  const { clock, scanner } = setup('pos');
  const waiting = scanner.nextScan(10_000);
  await scanner.close();
  await expect(waiting).rejects.toBeInstanceOf(ScannerClosedError);
  await expect(scanner.nextScan(10)).rejects.toBeInstanceOf(ScannerClosedError);
  expect(clock.pending).toBe(0);
});

test('a time-out that is not a finite non-negative number is a RangeError', async () => {
  const { scanner } = setup('pos');
  await expect(scanner.nextScan(Number.NaN)).rejects.toThrow(RangeError);
  await expect(scanner.nextScan(-1)).rejects.toThrow(RangeError);
  await scanner.close();
});
