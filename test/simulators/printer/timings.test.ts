/** --timings: explicit durations, a scale for the rest, and refusals. */
import { DEFAULT_PRINTER_TIMINGS, parseTimings, TimingSpecError } from '../../../src/simulators/printer/timings';

test('the defaults are the documented figures', () => {
  expect(DEFAULT_PRINTER_TIMINGS).toEqual({ insertMs: 1500, printSideMs: 12_000, ejectMs: 1000, rejectMs: 1000, readMs: 10 });
});

test('explicit keys, and a scale for those not given', () => {
  expect(parseTimings('insert=15,print=120')).toEqual({ insertMs: 15, printSideMs: 120, ejectMs: 1000, rejectMs: 1000, readMs: 10 });
  expect(parseTimings('scale=0.01,read=0')).toEqual({ insertMs: 15, printSideMs: 120, ejectMs: 10, rejectMs: 10, readMs: 0 });
});

test('bad entries are refused with the keys listed', () => {
  expect(() => parseTimings('insert=fast')).toThrow(TimingSpecError);
  expect(() => parseTimings('warp=1')).toThrow('unknown timing "warp"; keys: insert, print, eject, reject, read, scale');
  expect(() => parseTimings('scale=0')).toThrow('scale in "scale=0" must be above 0');
  expect(() => parseTimings('print=3600001')).toThrow('over one hour');
});
