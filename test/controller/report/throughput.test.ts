/**
 * Throughput buckets: the width follows the span (seconds for a short simulated run, minutes for an hour,
 * half-hours or hours for a shift), never more than MAX_BUCKETS bars, and every good card lands in exactly the
 * bucket that holds its time.
 */
import fc from 'fast-check';
import { MAX_BUCKETS, chooseBucket, throughput } from '../../../src/controller/report';

const T = Date.UTC(2026, 0, 15, 8, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('chooseBucket', () => {
  it.each([
    ['a 2-minute simulated run', 2 * MIN, '10 s'],
    ['a 20-minute run', 20 * MIN, '1 min'],
    ['an hour', HOUR, '5 min'],
    ['an 8-hour shift', 8 * HOUR, '30 min'],
    ['a 12-hour shift', 12 * HOUR, '1 h'],
    ['two days', 48 * HOUR, '4 h'],
    ['a fortnight', 14 * 24 * HOUR, '1 day'],
  ])('picks a readable width for %s', (_what, span, label) => {
    expect(chooseBucket(T + 1000, T + 1000 + span).label).toBe(label);
  });

  it('widens to several days beyond the listed widths, still within MAX_BUCKETS', () => {
    const w = chooseBucket(T, T + 200 * 24 * HOUR);
    expect(w.label).toMatch(/^\d+ days$/);
    expect(Math.floor((T + 200 * 24 * HOUR) / (w.seconds * 1000)) - Math.floor(T / (w.seconds * 1000)) + 1).toBeLessThanOrEqual(MAX_BUCKETS);
  });
});

describe('throughput', () => {
  it('counts good cards per aligned bucket, empty buckets included, with the average over first to last job', () => {
    const good = [T + 45_000, T + 90_000, T + 135_000, T + 30 * MIN + 45_000];
    const t = throughput(good, T + 5_000, T + 36 * MIN);
    expect(t.bucketLabel).toBe('2 min');
    expect(t.buckets).toHaveLength(19);
    expect(t.buckets[0]).toEqual({ start: '2026-01-15T08:00:00.000Z', count: 2 });
    expect(t.buckets[1]).toEqual({ start: '2026-01-15T08:02:00.000Z', count: 1 });
    expect(t.buckets[15]).toEqual({ start: '2026-01-15T08:30:00.000Z', count: 1 });
    expect(t.buckets.filter((b) => b.count === 0)).toHaveLength(16);
    expect(t).toMatchObject({ good: 4, peak: 2, averagePerHour: Math.round((4 * 3600 * 10) / (36 * 60 - 5)) / 10 });
  });

  it('has no buckets and no rate before any job, and a zero rate when jobs ran but none succeeded', () => {
    expect(throughput([], null, null)).toMatchObject({ buckets: [], good: 0, averagePerHour: null, peak: 0 });
    expect(throughput([], T, T + HOUR)).toMatchObject({ buckets: [], good: 0, averagePerHour: 0, bucketLabel: '5 min' });
  });

  it('gives no average for a zero span rather than dividing by zero', () => {
    expect(throughput([T], T, T)).toMatchObject({ good: 1, averagePerHour: null, buckets: [{ start: '2026-01-15T08:00:00.000Z', count: 1 }] });
  });

  it('for any times: at most MAX_BUCKETS aligned buckets that together hold every card, each in its own bucket', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 24 * HOUR }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (span, fractions) => {
          const first = T + 17_321;
          const times = fractions.map((f) => first + Math.floor(f * span)).sort((a, b) => a - b);
          const t = throughput(times, first, first + span);
          const ms = t.bucketSeconds * 1000;
          expect(t.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
          expect(t.buckets.reduce((s, b) => s + b.count, 0)).toBe(times.length);
          const starts = t.buckets.map((b) => Date.parse(b.start));
          for (const s of starts) expect(s % ms).toBe(0);
          for (const time of times) {
            const i = Math.floor((time - starts[0]!) / ms);
            expect(starts[i]! <= time && time < starts[i]! + ms).toBe(true);
          }
          expect(t.peak).toBe(Math.max(...t.buckets.map((b) => b.count)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
