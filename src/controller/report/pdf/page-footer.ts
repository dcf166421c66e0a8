/**
 * The footer of every page: what the document is and "page i of n", so a page separated from the others still
 * says which report it belongs to and whether pages are missing. Drawn once all pages exist (pdfkit's buffered
 * pages), because n is known only then.
 */
import type { ReportData } from '../report-data';
import { formatTime } from '../format';
import { COLOR, CONTENT_WIDTH, FONT, MARGIN, PAGE, SIZE } from './report-style';

/** Draws the footer on every buffered page of `doc`. */
export function drawFooters(doc: PDFKit.PDFDocument, data: ReportData): void {
  const range = doc.bufferedPageRange();
  const y = PAGE.height - MARGIN.bottom + 22;
  // Order names may be 200 characters long; the footer is one line.
  const shortName = data.order.name.length > 60 ? `${data.order.name.slice(0, 59)}…` : data.order.name;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.save().moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + CONTENT_WIDTH, y - 6).lineWidth(0.4).strokeColor(COLOR.rule).stroke().restore();
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    doc.text(`cardline production report, order ${shortName}, generated ${formatTime(data.generatedAt)}`, MARGIN.left, y, {
      width: CONTENT_WIDTH - 80,
      lineBreak: false,
    });
    doc.text(`page ${i + 1} of ${range.count}`, MARGIN.left + CONTENT_WIDTH - 80, y, { width: 80, align: 'right', lineBreak: false });
  }
}
