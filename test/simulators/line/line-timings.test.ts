/** Station cycle times: what a controller computes a line's capacity from. */
import { lineTimings, stationCycleTimes } from '../../../src/simulators/line/line-timings';
import { DESK_LINE, MODULE_LINE } from './line-fixtures';

test('seconds per card at each station of a module line, with the parts they are made of', () => {
  const times = stationCycleTimes(MODULE_LINE, { chipSeconds: 4 });
  expect(times.map((t) => [t.station, t.kind, t.seconds])).toEqual([
    ['input', 'feeder', 1.5],
    ['enc-1', 'encoder', 5],
    ['enc-2', 'encoder', 5],
    ['prn-1', 'printer', 26.5],
    ['qc-1', 'qc', 3],
    ['output', 'stacker', 1],
  ]);
  expect(times[3]!.parts).toEqual({ insert: 1.5, print: 24, eject: 1 });
  // The bottleneck: one printer at 26.5 s a card; two encoders pass 2 / 5 s.
  const perGroup = (kind: string) => times.filter((t) => t.kind === kind).reduce((rate, t) => rate + 1 / t.seconds, 0);
  expect(Math.min(perGroup('encoder'), perGroup('printer'), perGroup('qc'))).toBeCloseTo(1 / 26.5);
});

test('a printer-encoder adds the host chip time; one-sided printing, scaled and explicit timings', () => {
  const desk = stationCycleTimes(DESK_LINE, { chipSeconds: 3, sides: 1 });
  expect(desk.find((t) => t.station === 'pe-1')).toEqual({ station: 'pe-1', kind: 'printer-encoder', seconds: 17.5, parts: { insert: 1.5, chip: 3, print: 12, eject: 1 } });
  expect(desk.find((t) => t.station === 'qc-1')!.seconds).toBe(3);
  expect(stationCycleTimes(DESK_LINE, { qcChipSeconds: 5 }).find((t) => t.station === 'qc-1')!.parts).toEqual({ load: 0.5, inspect: 5, unload: 0.5 });
  const fast = lineTimings({ scale: 0.01, transferMs: 20 });
  expect(fast).toMatchObject({ feedMs: 15, transferMs: 20, printer: { printSideMs: 120, insertMs: 15 } });
  expect(() => lineTimings({ scale: 0 })).toThrow(RangeError);
  expect(() => lineTimings({ feedMs: -1 })).toThrow('timing feedMs must be a finite number of ms >= 0, got -1');
});
