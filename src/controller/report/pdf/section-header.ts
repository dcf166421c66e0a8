/** Section 1: what the report is about: the order, its product, when it was produced, its runs. */
import type { ReportData, RunLine } from '../report-data';
import { formatDuration, formatInt, formatTime } from '../format';
import type { ReportFlow } from './report-flow';
import { drawFacts } from './pdf-facts';
import { drawTable, type Cell } from './pdf-table';
import { COLOR, FONT, SIZE } from './report-style';

function productText(data: ReportData): string {
  const made = data.order.recordsByProduct.map((p) => `${p.label}: ${formatInt(p.count)}`).join(', ');
  const product = data.order.product ?? 'by issue date';
  return made === '' ? product : `${product} (records: ${made})`;
}

function runsText(data: ReportData): string {
  if (data.runs.total === 0) return 'none recorded';
  const parts = (Object.entries(data.runs.byStatus) as [string, number][]).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  return `${data.runs.total}: ${parts.join(', ')}`;
}

function runRow(r: RunLine): Cell[] {
  const seconds = r.endedAt === null ? null : (Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000;
  const alarm = r.status === 'crashed' || r.status === 'aborted';
  return [
    `#${r.id}`,
    { text: r.status, ...(alarm ? { color: COLOR.alarm } : {}) },
    formatTime(r.startedAt),
    r.endedAt === null ? 'not ended' : formatTime(r.endedAt),
    seconds === null ? '' : formatDuration(seconds),
    r.seed ?? '',
  ];
}

/** Draws the title block and the runs table. */
export function drawHeaderSection(flow: ReportFlow, data: ReportData): void {
  flow.text('Production report', { font: FONT.bold, size: SIZE.title, after: 2 });
  flow.text(`Order ${data.order.name}`, { font: FONT.bold, size: SIZE.heading, after: 4 });
  flow.heading('1. Order and runs');
  drawFacts(flow, [
    { label: 'Order', value: `${data.order.name} (${data.order.status}, created ${formatTime(data.order.createdAt)})` },
    { label: 'Product', value: productText(data) },
    { label: 'First job', value: formatTime(data.period.firstJobAt) },
    { label: 'Last job', value: formatTime(data.period.lastJobAt) },
    { label: 'Production span', value: data.period.firstJobAt === null ? 'no job yet' : formatDuration(data.period.seconds) },
    { label: 'Runs', value: runsText(data) },
    { label: 'Report generated', value: formatTime(data.generatedAt) },
  ]);
  if (data.runs.list.length > 0) {
    drawTable(
      flow,
      [
        { header: 'Run', width: 34 },
        { header: 'Ended as', width: 60 },
        { header: 'Started', width: 122 },
        { header: 'Ended', width: 122 },
        { header: 'Duration', width: 70 },
        { header: 'Seed', width: flow.width - 408 },
      ],
      data.runs.list.map(runRow),
    );
  }
  flow.text(
    'Times are UTC. This report holds figures, reasons, card serials and run numbers only: no personal data.',
    { size: SIZE.small, color: COLOR.muted },
  );
}
