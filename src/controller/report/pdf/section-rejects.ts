/** Section 3: the spoiled cards of the order, by kind of failure and by reason. */
import type { ReportData, ShareRow } from '../report-data';
import { formatInt, formatPercent } from '../format';
import type { ReportFlow } from './report-flow';
import { drawTable, type Cell } from './pdf-table';
import { COLOR } from './report-style';

function rows(list: readonly ShareRow[]): Cell[][] {
  return list.map((r) => [r.label, formatInt(r.count), { bar: r.share, text: formatPercent(r.share) }]);
}

/** Draws both reject tables with counts and shares of all spoiled cards. */
export function drawRejectsSection(flow: ReportFlow, data: ReportData): void {
  const rej = data.rejects;
  flow.heading('3. Reject reasons');
  if (rej.total === 0) {
    flow.text('No card of this order was spoiled.', { color: COLOR.muted });
    return;
  }
  flow.text(
    `${formatInt(rej.total)} spoiled cards. The kind is the part of the reason before the colon (chip, qc, mix-up...); shares are of all spoiled cards.`,
    { after: 5 },
  );
  const share = 130;
  drawTable(
    flow,
    [
      { header: 'Kind', width: flow.width - 60 - share },
      { header: 'Cards', width: 60, align: 'right' },
      { header: 'Share', width: share },
    ],
    rows(rej.byKind),
  );
  drawTable(
    flow,
    [
      { header: 'Reason', width: flow.width - 60 - share },
      { header: 'Cards', width: 60, align: 'right' },
      { header: 'Share', width: share },
    ],
    rows(rej.byReason),
  );
}
