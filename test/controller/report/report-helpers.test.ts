/**
 * The small pure pieces of the report: count tables and shares, number and time formats (independent of the
 * locale), natural order of station ids, round axis ticks, and reading station figures from run summaries that
 * another part of the system wrote.
 */
import { countRows, shareRows } from '../../../src/controller/report/count-shares';
import { formatDecimal, formatDuration, formatInt, formatPercent, formatTime } from '../../../src/controller/report/format';
import { naturalCompare } from '../../../src/controller/report/natural-order';
import { niceTicks } from '../../../src/controller/report/pdf/nice-ticks';
import { stationSection, stationsOfSummary } from '../../../src/controller/report/station-figures';
import type { RunRow } from '../../../src/controller/store';

describe('count tables', () => {
  it('lists the largest first, ties by label, drops zeros, and gives shares that sum to the whole', () => {
    const { total, rows } = shareRows({ qc: 1, chip: 3, 'mix-up': 1, none: 0 });
    expect(total).toBe(5);
    expect(rows).toEqual([
      { label: 'chip', count: 3, share: 0.6 },
      { label: 'mix-up', count: 1, share: 0.2 },
      { label: 'qc', count: 1, share: 0.2 },
    ]);
    expect(countRows({})).toEqual([]);
    expect(shareRows({ a: 1, b: 1, c: 1 }).rows.map((r) => r.share)).toEqual([0.3333, 0.3333, 0.3333]);
  });
});

describe('formats', () => {
  it('groups thousands and rounds without the locale', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatInt(-1200)).toBe('-1,200');
    expect(formatInt(0)).toBe('0');
    expect(formatDecimal(1234.56, 1)).toBe('1,234.6');
    expect(formatDecimal(-0.04, 1)).toBe('0.0');
    expect(formatPercent(0.8889)).toBe('88.9 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(null)).toBe('n/a');
  });

  it('writes times in UTC, saying so, and durations in their two largest units', () => {
    expect(formatTime('2026-01-15T08:00:05.123+07:00')).toBe('2026-01-15 01:00:05 UTC');
    expect(formatTime(null)).toBe('n/a');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(2155)).toBe('35 min 55 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3660)).toBe('1 h 1 min');
    expect(formatDuration(27_900)).toBe('7 h 45 min');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 59)).toBe('2 d 3 h');
  });
});

describe('naturalCompare', () => {
  it('orders station ids by their numbers', () => {
    expect(['enc-10', 'printer-1', 'enc-2', 'enc-1', 'qc'].sort(naturalCompare)).toEqual(['enc-1', 'enc-2', 'enc-10', 'printer-1', 'qc']);
  });
});

describe('niceTicks', () => {
  it.each([
    [3, 1, 3],
    [7, 2, 8],
    [23, 5, 25],
    [0, 1, 1],
    [1234, 500, 1500],
  ])('max %d: step %d up to %d', (max, step, top) => {
    const t = niceTicks(max);
    expect(t).toMatchObject({ step, top });
    expect(t.ticks[0]).toBe(0);
    expect(t.ticks.at(-1)).toBe(top);
  });
});

describe('station figures from run summaries', () => {
  const run = (id: number, summary: unknown, status: RunRow['status'] = 'completed'): RunRow => ({
    id,
    orderId: 1,
    config: {},
    seed: null,
    startedAt: '2026-01-15T08:00:00.000Z',
    endedAt: null,
    status,
    summary,
  });

  it('keeps entries with finite figures, in natural order, and skips the malformed ones', () => {
    expect(
      stationsOfSummary({
        stations: {
          'enc-10': { utilisation: 0.25, availability: 1, jobsDone: 2 },
          'enc-2': { utilisation: 0.812345, availability: 0.9 },
          broken: { utilisation: 'high', availability: 1, jobsDone: 1 },
          nan: { utilisation: null, availability: 1 },
          list: [1, 2],
        },
      }),
    ).toEqual([
      { id: 'enc-2', utilisation: 0.8123, availability: 0.9, jobsDone: 0 },
      { id: 'enc-10', utilisation: 0.25, availability: 1, jobsDone: 2 },
    ]);
    expect(stationsOfSummary(null)).toEqual([]);
    expect(stationsOfSummary('{"stations":{}}')).toEqual([]);
  });

  it('takes the latest run that recorded stations, and names a later run that recorded none', () => {
    const figures = { stations: { p: { utilisation: 0.5, availability: 1, jobsDone: 3 } } };
    expect(stationSection([run(1, figures), run(2, { stations: {} }, 'crashed'), run(3, null, 'running')])).toEqual({
      fromRun: { id: 1, status: 'completed' },
      latestRunWithout: 3,
      stations: [{ id: 'p', utilisation: 0.5, availability: 1, jobsDone: 3 }],
      timing: null,
    });
    expect(stationSection([run(1, figures), run(2, { ...figures, timing: { bottleneck: 'x', boundCardsPerHour: 10, efficiency: 0.5 } })])).toMatchObject({
      fromRun: { id: 2 },
      latestRunWithout: null,
      timing: { bottleneck: 'x', boundCardsPerHour: 10, efficiency: 0.5 },
    });
    expect(stationSection([])).toEqual({ fromRun: null, latestRunWithout: null, stations: [], timing: null });
  });
});
