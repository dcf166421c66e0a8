/**
 * Throughput over time: good cards counted per time bucket, for the report's chart. The bucket follows the
 * order's span so the chart has at most {@link MAX_BUCKETS} bars: seconds for a short simulated run, minutes
 * for a run of an hour, half-hours or hours for a shift, days for a long order. Buckets start on multiples of
 * their width since the epoch (UTC), so 1-hour bars start on the hour and read like a clock.
 */
import type { Throughput } from './report-data';

/** The most bars the chart draws: enough to see a shift's shape, few enough to label. */
export const MAX_BUCKETS = 24;

const DAY_S = 86_400;

/** Candidate widths, narrowest first. */
const WIDTHS: readonly { seconds: number; label: string }[] = [
  { seconds: 10, label: '10 s' },
  { seconds: 30, label: '30 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 120, label: '2 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 600, label: '10 min' },
  { seconds: 900, label: '15 min' },
  { seconds: 1800, label: '30 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: 7200, label: '2 h' },
  { seconds: 14_400, label: '4 h' },
  { seconds: 21_600, label: '6 h' },
  { seconds: 43_200, label: '12 h' },
  { seconds: DAY_S, label: '1 day' },
];

function bucketCount(fromMs: number, toMs: number, seconds: number): number {
  const ms = seconds * 1000;
  return Math.floor(toMs / ms) - Math.floor(fromMs / ms) + 1;
}

/** The narrowest bucket width that covers `fromMs`..`toMs` in at most {@link MAX_BUCKETS} aligned buckets. */
export function chooseBucket(fromMs: number, toMs: number): { seconds: number; label: string } {
  for (const w of WIDTHS) if (bucketCount(fromMs, toMs, w.seconds) <= MAX_BUCKETS) return w;
  let days = Math.ceil((toMs - fromMs) / 1000 / DAY_S / (MAX_BUCKETS - 1));
  while (bucketCount(fromMs, toMs, days * DAY_S) > MAX_BUCKETS) days++;
  return { seconds: days * DAY_S, label: `${days} days` };
}

/**
 * Counts `goodTimes` (ms, as OrderFacts.goodTimes) per bucket from the first job to the last event. The
 * average rate is over the first to the last job, as the run summary's cards per hour.
 */
export function throughput(goodTimes: readonly number[], firstJobAt: number | null, lastJobAt: number | null): Throughput {
  const good = goodTimes.length;
  const spanMs = firstJobAt !== null && lastJobAt !== null ? lastJobAt - firstJobAt : 0;
  const averagePerHour = spanMs > 0 ? Math.round((good * 3_600_000 * 10) / spanMs) / 10 : null;
  if (good === 0) {
    const width = firstJobAt !== null && lastJobAt !== null ? chooseBucket(firstJobAt, lastJobAt) : WIDTHS[2]!;
    return { bucketSeconds: width.seconds, bucketLabel: width.label, buckets: [], good: 0, averagePerHour, peak: 0 };
  }
  // Good times come ordered, but a wrong axis from unsorted input would be worse than one pass over them (and
  // Math.min(...times) overflows the call stack on a large order).
  let firstGood = Infinity;
  let lastGood = -Infinity;
  for (const t of goodTimes) {
    if (t < firstGood) firstGood = t;
    if (t > lastGood) lastGood = t;
  }
  const from = Math.min(firstJobAt ?? firstGood, firstGood);
  const to = Math.max(lastJobAt ?? lastGood, lastGood);
  const width = chooseBucket(from, to);
  const ms = width.seconds * 1000;
  const start = Math.floor(from / ms) * ms;
  const counts = new Array<number>(bucketCount(from, to, width.seconds)).fill(0);
  for (const t of goodTimes) counts[Math.floor((t - start) / ms)]! += 1;
  return {
    bucketSeconds: width.seconds,
    bucketLabel: width.label,
    buckets: counts.map((count, i) => ({ start: new Date(start + i * ms).toISOString(), count })),
    good,
    averagePerHour,
    peak: counts.reduce((a, b) => Math.max(a, b), 0),
  };
}
