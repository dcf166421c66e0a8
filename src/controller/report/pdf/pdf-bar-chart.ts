/**
 * A vector bar chart: y axis with round ticks and light grid lines, one bar per value, labels under the bars
 * (the caller leaves some empty when they would crowd), and an optional dashed reference line (the average).
 */
import type { ReportFlow } from './report-flow';
import { COLOR, FONT, SIZE } from './report-style';
import { niceTicks } from './nice-ticks';
import { formatInt } from '../format';

/** What {@link drawBarChart} draws. */
export interface BarChart {
  values: readonly number[];
  /** One per value; '' for none. May hold a line break. */
  labels: readonly string[];
  yTitle: string;
  xTitle: string;
  /** A dashed horizontal line, in the values' unit. */
  reference?: { value: number; label: string };
}

const Y_AXIS_ROOM = 36;
const LABEL_WIDTH = 60;

/** Draws the chart below the cursor, `plotHeight` points tall (plus axes and titles), kept on one page. */
export function drawBarChart(flow: ReportFlow, chart: BarChart, plotHeight = 170): void {
  const labelLines = Math.max(1, ...chart.labels.map((l) => l.split('\n').length));
  const labelsHeight = labelLines * SIZE.small * 1.25 + 4;
  flow.ensure(12 + plotHeight + labelsHeight + 16);
  const doc = flow.doc;
  const left = flow.left + Y_AXIS_ROOM;
  const right = flow.left + flow.width - 8;
  const top = flow.y + 12;
  const bottom = top + plotHeight;
  const plotWidth = right - left;

  const max = Math.max(0, ...chart.values, chart.reference?.value ?? 0);
  const scale = niceTicks(max);
  const yOf = (v: number) => bottom - (v / scale.top) * plotHeight;

  flow.style(FONT.regular, SIZE.small, COLOR.muted).text(chart.yTitle, flow.left, flow.y, { width: 200, lineBreak: false });
  for (const t of scale.ticks) {
    const y = yOf(t);
    if (t > 0) doc.save().moveTo(left, y).lineTo(right, y).lineWidth(0.4).strokeColor(COLOR.grid).stroke().restore();
    flow.style(FONT.regular, SIZE.small, COLOR.muted).text(formatInt(t), flow.left, y - SIZE.small * 0.6, {
      width: Y_AXIS_ROOM - 5,
      align: 'right',
      lineBreak: false,
    });
  }

  const n = chart.values.length;
  const slot = n > 0 ? plotWidth / n : plotWidth;
  // Capped so that a chart of one or two buckets shows bars, not blocks.
  const barWidth = Math.min(36, Math.max(1, slot * 0.72));
  chart.values.forEach((v, i) => {
    if (v <= 0) return;
    const x = left + i * slot + (slot - barWidth) / 2;
    doc.save().rect(x, yOf(v), barWidth, bottom - yOf(v)).fill(COLOR.bar).restore();
  });
  chart.labels.forEach((label, i) => {
    if (label === '') return;
    const center = left + i * slot + slot / 2;
    doc.save().moveTo(center, bottom).lineTo(center, bottom + 3).lineWidth(0.6).strokeColor(COLOR.text).stroke().restore();
    flow.style(FONT.regular, SIZE.small, COLOR.muted).text(label, center - LABEL_WIDTH / 2, bottom + 4, { width: LABEL_WIDTH, align: 'center' });
  });

  if (chart.reference !== undefined && chart.reference.value > 0) {
    const y = yOf(chart.reference.value);
    doc.save().moveTo(left, y).lineTo(right, y).lineWidth(1).dash(4, { space: 3 }).strokeColor(COLOR.average).stroke().undash().restore();
    // The line's label goes in a legend above the plot, where no bar can hide it.
    const legendWidth = 240;
    const legendY = flow.y + SIZE.small * 0.6;
    doc.save().moveTo(right - legendWidth, legendY).lineTo(right - legendWidth + 18, legendY).lineWidth(1).dash(4, { space: 3 }).strokeColor(COLOR.average).stroke().undash().restore();
    flow.style(FONT.regular, SIZE.small, COLOR.average).text(chart.reference.label, right - legendWidth + 22, flow.y, {
      width: legendWidth - 22,
      lineBreak: false,
    });
  }

  // Axes last, over the bars' feet.
  doc.save().moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).lineWidth(0.8).strokeColor(COLOR.text).stroke().restore();
  flow.style(FONT.regular, SIZE.small, COLOR.muted).text(chart.xTitle, left, bottom + labelsHeight, { width: plotWidth, align: 'center' });
  flow.y = bottom + labelsHeight + SIZE.small * 1.3 + 6;
}
