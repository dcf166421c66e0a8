/** Section 2: what became of the order's records, and how many cards it took. */
import type { ReportData } from '../report-data';
import { formatInt, formatPercent } from '../format';
import { fraction } from '../fractions';
import type { ReportFlow } from './report-flow';
import { drawFacts } from './pdf-facts';
import { drawTable } from './pdf-table';
import { COLOR } from './report-style';

/** Draws the records, first-pass yield and card yield, and the failed records' reasons. */
export function drawYieldSection(flow: ReportFlow, data: ReportData): void {
  const r = data.records;
  const y = data.yield;
  const ofRecords = (n: number) => `${formatInt(n)} (${formatPercent(fraction(n, r.total))})`;
  flow.heading('2. Yield');
  drawFacts(flow, [
    { label: 'Records in the order', value: formatInt(r.total), bold: true },
    { label: 'Produced', value: ofRecords(r.produced) },
    { label: 'Failed (out of attempts)', value: ofRecords(r.failed), ...(r.failed > 0 ? { color: COLOR.alarm } : {}) },
    { label: 'Held (awaiting a decision)', value: ofRecords(r.held) },
    { label: 'Queued', value: ofRecords(r.queued) },
    { label: 'In progress', value: ofRecords(r.inProgress) },
    {
      label: 'First-pass yield',
      value: `${formatPercent(y.firstPassYield)}: ${formatInt(y.producedFirstPass)} of ${formatInt(r.produced)} produced records needed one card only`,
      bold: true,
    },
    {
      label: 'Cards good per card consumed',
      value: `${formatPercent(y.goodPerConsumed)}: ${formatInt(y.cardsGood)} good of ${formatInt(y.cardsConsumed)} consumed (good + spoiled + in doubt)`,
      bold: true,
    },
  ], 170);
  if (r.failedReasons.length > 0) {
    flow.text('Why the failed records failed (the reason of their last attempt):', { after: 4 });
    drawTable(
      flow,
      [
        { header: 'Reason', width: flow.width - 80 },
        { header: 'Records', width: 80, align: 'right' },
      ],
      r.failedReasons.map((f) => [f.label, formatInt(f.count)]),
    );
  }
}
