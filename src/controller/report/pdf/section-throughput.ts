/** Section 4: good cards over time, as a bar chart per time bucket, with the average rate. */
import type { ReportData, Throughput } from '../report-data';
import { formatDecimal, formatDuration, formatInt } from '../format';
import type { ReportFlow } from './report-flow';
import { drawBarChart } from './pdf-bar-chart';
import { COLOR } from './report-style';

/** Labels shown under the chart at most; the others are left empty. */
const MAX_LABELS = 8;

/**
 * A label under every k-th bar: the time of the bucket's start (seconds shown only for buckets under a minute),
 * with the date under the first label and wherever the date changes; day buckets show the date alone.
 */
export function bucketLabels(t: Throughput): string[] {
  const every = Math.max(1, Math.ceil(t.buckets.length / MAX_LABELS));
  let lastDate = '';
  return t.buckets.map((b, i) => {
    if (i % every !== 0) return '';
    const date = b.start.slice(5, 10);
    if (t.bucketSeconds >= 86_400) return date;
    const time = b.start.slice(11, t.bucketSeconds < 60 ? 19 : 16);
    const label = date === lastDate ? time : `${time}\n${date}`;
    lastDate = date;
    return label;
  });
}

/** Draws the summary line and the chart (or says there is nothing to chart yet). */
export function drawThroughputSection(flow: ReportFlow, data: ReportData): void {
  const t = data.throughput;
  flow.heading('4. Throughput over time', 230);
  if (t.good === 0) {
    flow.text('No good card yet: nothing to chart.', { color: COLOR.muted });
    return;
  }
  const rate = t.averagePerHour === null ? 'no measurable span' : `average ${formatDecimal(t.averagePerHour, 1)} good cards/h`;
  flow.text(
    `${formatInt(t.good)} good cards in ${formatDuration(data.period.seconds)} from the first job to the last: ${rate}; ` +
      `busiest ${t.bucketLabel}: ${formatInt(t.peak)} cards.`,
    { after: 6 },
  );
  const perBucket = t.averagePerHour === null ? undefined : (t.averagePerHour * t.bucketSeconds) / 3600;
  drawBarChart(flow, {
    values: t.buckets.map((b) => b.count),
    labels: bucketLabels(t),
    yTitle: `good cards per ${t.bucketLabel}`,
    xTitle: `time (UTC), one bar per ${t.bucketLabel}`,
    ...(perBucket === undefined || t.averagePerHour === null
      ? {}
      : {
          reference: {
            value: perBucket,
            label: `average: ${formatDecimal(perBucket, 1)} per ${t.bucketLabel} (${formatDecimal(t.averagePerHour, 1)} per hour)`,
          },
        }),
  });
}
