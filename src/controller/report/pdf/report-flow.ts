/**
 * Top-to-bottom layout over pages: a cursor that moves down as blocks are drawn and starts a new page when a
 * block would not fit. Blocks measure themselves first (pdfkit's heightOfString) and ask for room with
 * {@link ReportFlow.ensure}; nothing relies on pdfkit's own page breaking, which continues text on a new page
 * wherever it overflows (a table row split across pages, a footer that creates a blank page).
 */
import { COLOR, CONTENT_WIDTH, FONT, MARGIN, PAGE, SIZE } from './report-style';

/** Options of {@link ReportFlow.text}. */
export interface TextBlock {
  font?: string;
  size?: number;
  color?: string;
  /** Indent from the left margin, in points. */
  indent?: number;
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** Space after the block (default 3 pt). */
  after?: number;
}

/** The layout cursor of one report document. */
export class ReportFlow {
  /** Where the next block starts, in points from the top of the current page. */
  y: number = MARGIN.top;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  /** The left edge of the text column. */
  get left(): number {
    return MARGIN.left;
  }

  /** The width of the text column. */
  get width(): number {
    return CONTENT_WIDTH;
  }

  /** The lowest y a block may reach on a page. */
  get bottom(): number {
    return PAGE.height - MARGIN.bottom;
  }

  /** Starts a new page and puts the cursor at its top. */
  newPage(): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` points fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  /** Moves the cursor down. */
  gap(points: number): void {
    this.y += points;
  }

  /** Sets font, size and colour for what is drawn next. */
  style(font: string, size: number, color: string = COLOR.text): PDFKit.PDFDocument {
    return this.doc.font(font).fontSize(size).fillColor(color);
  }

  /** The height `text` takes in a font, size and width. */
  measure(text: string, font: string, size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width });
  }

  /** Draws wrapped text as one block (kept on one page) and moves below it. */
  text(text: string, opts: TextBlock = {}): void {
    const font = opts.font ?? FONT.regular;
    const size = opts.size ?? SIZE.body;
    const indent = opts.indent ?? 0;
    const width = opts.width ?? this.width - indent;
    const height = this.measure(text, font, size, width);
    this.ensure(height);
    this.style(font, size, opts.color).text(text, this.left + indent, this.y, { width, align: opts.align ?? 'left' });
    this.y += height + (opts.after ?? 3);
  }

  /**
   * A section heading with a rule under it. `keepWith` is the height of what must follow on the same page (a
   * heading alone at the foot of a page tells the reader nothing).
   */
  heading(text: string, keepWith = 60): void {
    const height = this.measure(text, FONT.bold, SIZE.heading, this.width) + 6;
    this.ensure(height + keepWith);
    if (this.y > MARGIN.top) this.y += 10;
    this.style(FONT.bold, SIZE.heading).text(text, this.left, this.y, { width: this.width });
    this.y += height - 3;
    this.doc.save().moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.6).strokeColor(COLOR.rule).stroke().restore();
    this.y += 6;
  }
}
