/**
 * Draws a production report (A4 portrait, DejaVu Sans embedded) from its data. The drawing reads nothing but
 * `data`, not even the clock: the PDF's creation and modification dates are the report's generatedAt, and
 * pdfkit derives the file ID from those, so the same data always gives the same bytes (an archived report can
 * be reproduced and compared byte for byte with `cardline report --generated-at`).
 */
import PDFDocument from 'pdfkit';
import { fontPath, mrzFontFor } from '../../templates/fonts';
import type { ReportData } from './report-data';
import { ReportFlow } from './pdf/report-flow';
import { FONT } from './pdf/report-style';
import { drawHeaderSection } from './pdf/section-header';
import { drawYieldSection } from './pdf/section-yield';
import { drawRejectsSection } from './pdf/section-rejects';
import { drawThroughputSection } from './pdf/section-throughput';
import { drawStationsSection } from './pdf/section-stations';
import { drawStockSection } from './pdf/section-stock';
import { drawAuditSection } from './pdf/section-audit';
import { drawFooters } from './pdf/page-footer';

/** Renders the report as a PDF. */
export function renderReportPdf(data: ReportData): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const generated = new Date(data.generatedAt);
      const doc = new PDFDocument({
        autoFirstPage: false,
        bufferPages: true,
        margin: 0,
        compress: true,
        // No default Helvetica: every font in the file is embedded from dejavu-fonts-ttf.
        font: null as unknown as string,
        info: {
          Title: `Production report: order ${data.order.name}`,
          Subject: 'Yield, rejects, throughput, stations, card accountability and audit chain',
          Author: 'cardline',
          Creator: 'cardline report',
          Producer: 'cardline',
          CreationDate: generated,
          ModDate: generated,
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.registerFont(FONT.regular, fontPath('regular'));
      doc.registerFont(FONT.bold, fontPath('bold'));
      // Not fontPath('mrz'): that is OCR-B where installed, and the report must not differ between machines.
      doc.registerFont(FONT.mono, mrzFontFor('dejavu-sans-mono').path);

      const flow = new ReportFlow(doc);
      flow.newPage();
      drawHeaderSection(flow, data);
      drawYieldSection(flow, data);
      drawRejectsSection(flow, data);
      drawThroughputSection(flow, data);
      drawStationsSection(flow, data);
      drawStockSection(flow, data);
      drawAuditSection(flow, data);
      drawFooters(doc, data);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
