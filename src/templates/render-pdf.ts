/**
 * Print-ready PDF proofs: one ID-1 card per document, front page then back page, each exactly 242.65 x 153.01
 * pt, fonts embedded, QR as vectors, photo as the original JPEG. The same view always gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { CardView } from './card-view';
import { FONT_ROLES } from './fonts';
import { layoutFor } from './products';
import { paintFace, type PaintOptions } from './paint-face';
import { PdfPainter } from './pdf-painter';
import { pdfFont } from './pdf-fonts';

/**
 * The fixed creation date written into every proof. A real timestamp would make two renders of the same card
 * differ (pdfkit also derives the file ID from it), and proofs are compared byte for byte.
 */
export const PDF_CREATION_DATE = new Date(Date.UTC(2024, 0, 1));

/**
 * Renders both faces of a card as a two-page PDF. Fonts are registered once per document from the process-wide
 * parsed font cache; only the glyphs the card uses are embedded. `options.layers` restricts what is painted
 * (default: everything, as a proof).
 */
export function renderCardPdf(view: CardView, options: PaintOptions = {}): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        autoFirstPage: false,
        margin: 0,
        compress: true,
        // No default Helvetica: every font in the file is one of ours, embedded.
        font: null as unknown as string,
        info: {
          Title: `${view.product} card proof`,
          Producer: 'cardline',
          Creator: 'cardline',
          CreationDate: PDF_CREATION_DATE,
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      for (const role of FONT_ROLES) {
        // pdfkit takes an already parsed fontkit font as a font source; its typings only list file sources.
        doc.registerFont(role, pdfFont(role) as unknown as Buffer);
      }
      const layout = layoutFor(view);
      const painter = new PdfPainter(doc);
      painter.beginPage();
      paintFace(painter, layout.front, view, options);
      painter.beginPage();
      paintFace(painter, layout.back, view, options);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
