/**
 * Section 6: the card accountability ledger of the order (store/stock-ledger.ts):
 * issued = good + spoiled + in doubt + returned + on the line + unaccounted, with any difference in red.
 */
import type { ReportData } from '../report-data';
import { formatInt } from '../format';
import type { ReportFlow } from './report-flow';
import { drawTable, type Cell } from './pdf-table';
import { COLOR, FONT } from './report-style';

/** The store lists at most this many inconsistent cards (stock-ledger.ts). */
const LISTED_AT_MOST = 50;

/** The verdict on the unaccounted figure, as `cardline stock` words it. */
export function unaccountedVerdict(unaccounted: number): string {
  if (unaccounted === 0) return 'Nothing unaccounted.';
  return unaccounted > 0
    ? `UNACCOUNTED: ${formatInt(unaccounted)} cards issued to the line are in no category.`
    : `UNACCOUNTED: ${formatInt(-unaccounted)} more cards on the books than were issued.`;
}

/** Draws the ledger, the identity with its figures, the verdict and the inconsistent cards. */
export function drawStockSection(flow: ReportFlow, data: ReportData): void {
  const s = data.stock;
  flow.heading('6. Stock reconciliation', 150);
  const alarm = s.unaccounted !== 0;
  const row = (label: string, n: number, note: string, strong = false): Cell[] => [
    { text: label, bold: strong },
    { text: formatInt(n), bold: strong },
    { text: note, color: COLOR.muted },
  ];
  drawTable(
    flow,
    [
      { header: 'Blanks of this order', width: 150 },
      { header: 'Cards', width: 60, align: 'right' },
      { header: '', width: flow.width - 210 },
    ],
    [
      row('Issued to the line', s.issued, 'from the issue movements', true),
      row('Good', s.good, 'personalised and passed QC'),
      row('Spoiled', s.spoiled, 'each with a reason; to be destroyed under dual control'),
      row('In doubt', s.inDoubt, 'awaiting an operator decision'),
      row('Returned to vault', s.returned, 'unused'),
      row('Still on the line', s.onLine, 'unused blanks and cards in a job'),
      [
        { text: 'Unaccounted', bold: true, ...(alarm ? { color: COLOR.alarm } : {}) },
        { text: formatInt(s.unaccounted), bold: true, ...(alarm ? { color: COLOR.alarm } : {}) },
        { text: 'issued minus every category above', color: COLOR.muted },
      ],
    ],
  );
  flow.text(
    `${formatInt(s.issued)} issued = ${formatInt(s.good)} good + ${formatInt(s.spoiled)} spoiled + ${formatInt(s.inDoubt)} in doubt + ` +
      `${formatInt(s.returned)} returned + ${formatInt(s.onLine)} on the line + ${formatInt(s.unaccounted)} unaccounted`,
    { after: 4 },
  );
  flow.text(unaccountedVerdict(s.unaccounted), { font: FONT.bold, color: alarm ? COLOR.alarm : COLOR.ok, after: 4 });
  if (s.inconsistentCards.length === 0) {
    flow.text("Every card's state agrees with its stock movements.");
  } else {
    const more = s.inconsistentCards.length >= LISTED_AT_MOST ? ` (the first ${LISTED_AT_MOST} listed)` : '';
    flow.text(`Cards whose state disagrees with their stock movements, or that are missing from one of the two${more}:`, {
      font: FONT.bold,
      color: COLOR.alarm,
    });
    flow.text(s.inconsistentCards.join(', '), { color: COLOR.alarm, indent: 10 });
  }
}
