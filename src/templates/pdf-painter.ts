/**
 * {@link Painter} on a pdfkit document. The page's coordinate system is scaled once to millimetres, so layout
 * coordinates pass straight through; font sizes are converted from points. Text is real text in embedded
 * (subset) fonts, so proofs stay searchable and `pdftotext` reads the holder's name with its diacritics.
 */
import type PDFDocument from 'pdfkit';
import type { FontRole, Paint, Stroke } from './layout';
import type { Painter, PathCommand, RectSpec, ShapeStyle, TextRun } from './painter';
import { CARD_PAGE_PT, mmToPt, ptToMm } from './units';

type Doc = InstanceType<typeof PDFDocument>;
type PdfColor = Parameters<Doc['fillColor']>[0];
/** pdfkit 0.20 text options that @types/pdfkit does not list yet. */
type TextOptions = PDFKit.Mixins.TextOptions & { horizontalScaling?: number };
/** pdfkit 0.20 gradients take a pattern matrix; @types/pdfkit does not list the method. */
interface TransformableGradient {
  setTransform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): unknown;
}

/** The page in millimetres (slightly larger than the card: the page size is rounded to 0.01 pt). */
const PAGE_MM = { width: ptToMm(CARD_PAGE_PT[0]), height: ptToMm(CARD_PAGE_PT[1]) };

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Paints on the current page of a pdfkit document whose fonts are registered under their role names. */
export class PdfPainter implements Painter {
  constructor(private readonly doc: Doc) {}

  /** Starts a new card-sized page and switches its coordinates to millimetres. */
  beginPage(): void {
    this.doc.addPage({ size: [CARD_PAGE_PT[0], CARD_PAGE_PT[1]], margin: 0 });
    this.doc.scale(mmToPt(1));
  }

  measureText(text: string, font: FontRole, sizePt: number): number {
    return this.doc.font(font).fontSize(ptToMm(sizePt)).widthOfString(text);
  }

  background(paint: Paint): void {
    this.doc.rect(0, 0, PAGE_MM.width, PAGE_MM.height);
    this.doc.fill(this.paint(paint));
  }

  rect(r: RectSpec, style: ShapeStyle, radius?: number): void {
    this.shape(style, () => {
      if (radius !== undefined && radius > 0) this.doc.roundedRect(r.x, r.y, r.width, r.height, radius);
      else this.doc.rect(r.x, r.y, r.width, r.height);
    });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, style: ShapeStyle): void {
    this.shape(style, () => this.doc.ellipse(cx, cy, rx, ry));
  }

  path(commands: readonly PathCommand[], style: ShapeStyle): void {
    this.shape(style, () => {
      for (const c of commands) {
        switch (c[0]) {
          case 'M':
            this.doc.moveTo(c[1], c[2]);
            break;
          case 'L':
            this.doc.lineTo(c[1], c[2]);
            break;
          case 'C':
            this.doc.bezierCurveTo(c[1], c[2], c[3], c[4], c[5], c[6]);
            break;
          case 'Z':
            this.doc.closePath();
            break;
        }
      }
    });
  }

  rects(rects: readonly RectSpec[], color: string): void {
    if (rects.length === 0) return;
    for (const r of rects) this.doc.rect(r.x, r.y, r.width, r.height);
    this.doc.fill(color);
  }

  text(run: TextRun): void {
    const options: TextOptions = {
      lineBreak: false,
      baseline: 'alphabetic',
      characterSpacing: run.letterSpacing,
      horizontalScaling: run.scaleX * 100,
    };
    this.doc.font(run.font).fontSize(ptToMm(run.sizePt)).fillColor(run.color);
    this.doc.text(run.text, run.x, run.baseline, options);
  }

  image(jpeg: Uint8Array, box: RectSpec): void {
    this.doc.save();
    this.doc.rect(box.x, box.y, box.width, box.height).clip();
    this.doc.image(toBuffer(jpeg), box.x, box.y, {
      cover: [box.width, box.height],
      align: 'center',
      valign: 'center',
    });
    this.doc.restore();
  }

  private paint(paint: Paint): PdfColor {
    if (typeof paint === 'string') return paint;
    if (paint.kind === 'linear') {
      const g = this.doc.linearGradient(paint.x1, paint.y1, paint.x2, paint.y2);
      for (const s of paint.stops) g.stop(s.offset, s.color);
      return g;
    }
    const g = this.doc.radialGradient(paint.cx, paint.cy, 0, paint.cx, paint.cy, paint.rx);
    for (const s of paint.stops) g.stop(s.offset, s.color);
    // Squash the circle into the ellipse: scale y by ry/rx about the centre.
    const k = paint.ry / paint.rx;
    (g as unknown as TransformableGradient).setTransform(1, 0, 0, k, 0, paint.cy * (1 - k));
    return g;
  }

  private applyStroke(stroke: Stroke): void {
    this.doc.lineWidth(stroke.width).strokeColor(stroke.color);
    if (stroke.dash !== undefined) this.doc.dash(stroke.dash[0], { space: stroke.dash[1] });
    else this.doc.undash();
  }

  private shape(style: ShapeStyle, trace: () => void): void {
    const { fill, stroke, opacity } = style;
    if (fill === undefined && stroke === undefined) return;
    this.doc.save();
    if (opacity !== undefined) this.doc.opacity(opacity);
    trace();
    if (stroke !== undefined) this.applyStroke(stroke);
    if (fill !== undefined && stroke !== undefined) this.doc.fillAndStroke(this.paint(fill), stroke.color);
    else if (fill !== undefined) this.doc.fill(this.paint(fill));
    else this.doc.stroke();
    this.doc.restore();
  }
}
