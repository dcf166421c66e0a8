/**
 * {@link Painter} on an @napi-rs/canvas 2D context: the 300-dpi printer panel. Shapes are traced in
 * millimetres under a scale transform; text is set in device pixels (size in dots, no transform scaling) so
 * that measuring and drawing use the same hinted glyph metrics; QR modules are snapped to whole dots.
 */
import { GlobalFonts, Image, type SKRSContext2D } from '@napi-rs/canvas';
import type { FontRole, Paint, Stroke } from './layout';
import type { Painter, PathCommand, RectSpec, ShapeStyle, TextRun } from './painter';
import { fontBytes, isOcrBInstalled, mrzFont, mrzFontBytes } from './fonts';
import { PRINTER_DPI, mmToPx, ptToMm } from './units';

/** Canvas family names the fonts are registered under (private names, so system fonts never interfere). */
const FAMILY: Record<Exclude<FontRole, 'mrz'>, string> = {
  regular: 'cardline-regular',
  bold: 'cardline-bold',
  condensed: 'cardline-condensed',
  'condensed-bold': 'cardline-condensed-bold',
};
const MRZ_FAMILY = { 'ocr-b': 'cardline-mrz-ocrb', 'dejavu-sans-mono': 'cardline-mrz-dejavu' } as const;
const BOLD: ReadonlySet<FontRole> = new Set<FontRole>(['bold', 'condensed-bold']);

let registered = false;

/**
 * Registers the card fonts with Skia once per process, from the bytes fonts.ts has cached (so all font file
 * reading stays in fonts.ts; `GlobalFonts.register` is `registerFromPath` without the read).
 */
function registerFonts(): void {
  if (registered) return;
  for (const role of Object.keys(FAMILY) as (keyof typeof FAMILY)[]) {
    GlobalFonts.register(fontBytes(role), FAMILY[role]);
  }
  // Both MRZ faces, so switching the MRZ typeface (fonts.setMrzTypeface) needs no re-registration.
  if (isOcrBInstalled()) GlobalFonts.register(mrzFontBytes('ocr-b'), MRZ_FAMILY['ocr-b']);
  GlobalFonts.register(mrzFontBytes('dejavu-sans-mono'), MRZ_FAMILY['dejavu-sans-mono']);
  registered = true;
}

function cssFont(role: FontRole, sizePx: number): string {
  const family = role === 'mrz' ? MRZ_FAMILY[mrzFont().typeface] : FAMILY[role];
  return `${BOLD.has(role) ? 'bold ' : ''}${sizePx}px "${family}"`;
}

/** Where the card sits on the canvas and at what resolution. */
export interface CanvasPlacement {
  /** Canvas dots of the card's top-left corner. */
  readonly offsetX: number;
  readonly offsetY: number;
  /** Dots per inch (300 for printer panels). */
  readonly dpi: number;
}

/** Paints a card face onto a canvas context. */
export class CanvasPainter implements Painter {
  private readonly k: number;

  constructor(
    private readonly ctx: SKRSContext2D,
    private readonly placement: CanvasPlacement = { offsetX: 0, offsetY: 0, dpi: PRINTER_DPI },
  ) {
    registerFonts();
    this.k = mmToPx(1, placement.dpi);
    this.mm();
  }

  measureText(text: string, font: FontRole, sizePt: number): number {
    this.ctx.save();
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.font = cssFont(font, this.sizePx(sizePt));
    const width = this.ctx.measureText(text).width;
    this.ctx.restore();
    return width / this.k;
  }

  background(paint: Paint): void {
    const { width, height } = this.ctx.canvas;
    const x0 = -this.placement.offsetX / this.k;
    const y0 = -this.placement.offsetY / this.k;
    this.fillWith(paint, () => this.ctx.rect(x0, y0, width / this.k, height / this.k));
  }

  rect(r: RectSpec, style: ShapeStyle, radius?: number): void {
    this.shape(style, () => {
      if (radius !== undefined && radius > 0) this.ctx.roundRect(r.x, r.y, r.width, r.height, radius);
      else this.ctx.rect(r.x, r.y, r.width, r.height);
    });
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, style: ShapeStyle): void {
    this.shape(style, () => this.ctx.ellipse(cx, cy, rx, ry, 0, 0, 2 * Math.PI));
  }

  path(commands: readonly PathCommand[], style: ShapeStyle): void {
    this.shape(style, () => {
      for (const c of commands) {
        switch (c[0]) {
          case 'M':
            this.ctx.moveTo(c[1], c[2]);
            break;
          case 'L':
            this.ctx.lineTo(c[1], c[2]);
            break;
          case 'C':
            this.ctx.bezierCurveTo(c[1], c[2], c[3], c[4], c[5], c[6]);
            break;
          case 'Z':
            this.ctx.closePath();
            break;
        }
      }
    });
  }

  rects(rects: readonly RectSpec[], color: string): void {
    const { k } = this;
    const { offsetX: ox, offsetY: oy } = this.placement;
    this.ctx.save();
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.fillStyle = color;
    for (const r of rects) {
      // Whole-dot edges: neighbouring modules share an edge exactly, with no anti-aliased seam.
      const x0 = Math.round(ox + r.x * k);
      const y0 = Math.round(oy + r.y * k);
      const x1 = Math.round(ox + (r.x + r.width) * k);
      const y1 = Math.round(oy + (r.y + r.height) * k);
      this.ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    }
    this.ctx.restore();
  }

  text(run: TextRun): void {
    const { k } = this;
    this.ctx.save();
    this.ctx.setTransform(1, 0, 0, 1, this.placement.offsetX + run.x * k, this.placement.offsetY + run.baseline * k);
    if (run.scaleX !== 1) this.ctx.scale(run.scaleX, 1);
    this.ctx.font = cssFont(run.font, this.sizePx(run.sizePt));
    this.ctx.letterSpacing = `${run.letterSpacing * k}px`;
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.textAlign = 'left';
    this.ctx.fillStyle = run.color;
    this.ctx.fillText(run.text, 0, 0);
    this.ctx.restore();
  }

  image(jpeg: Uint8Array, box: RectSpec): void {
    const img = new Image();
    img.src = Buffer.isBuffer(jpeg) ? jpeg : Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
    // Cover: scale so the image fills the box, crop the overflow evenly.
    const scale = Math.max(box.width / img.width, box.height / img.height);
    const sw = box.width / scale;
    const sh = box.height / scale;
    this.ctx.drawImage(img, (img.width - sw) / 2, (img.height - sh) / 2, sw, sh, box.x, box.y, box.width, box.height);
  }

  private sizePx(sizePt: number): number {
    return mmToPx(ptToMm(sizePt), this.placement.dpi);
  }

  /** The millimetre transform used for shapes. */
  private mm(): void {
    this.ctx.setTransform(this.k, 0, 0, this.k, this.placement.offsetX, this.placement.offsetY);
  }

  private applyStroke(stroke: Stroke): void {
    this.ctx.lineWidth = stroke.width;
    this.ctx.strokeStyle = stroke.color;
    this.ctx.setLineDash(stroke.dash !== undefined ? [stroke.dash[0], stroke.dash[1]] : []);
  }

  /** Fills the traced path with a colour or gradient (elliptical radial gradients via a squashed transform). */
  private fillWith(paint: Paint, trace: () => void): void {
    const ctx = this.ctx;
    ctx.beginPath();
    trace();
    if (typeof paint === 'string') {
      ctx.fillStyle = paint;
      ctx.fill();
      return;
    }
    if (paint.kind === 'linear') {
      const g = ctx.createLinearGradient(paint.x1, paint.y1, paint.x2, paint.y2);
      for (const s of paint.stops) g.addColorStop(s.offset, s.color);
      ctx.fillStyle = g;
      ctx.fill();
      return;
    }
    ctx.save();
    ctx.clip();
    const squash = paint.ry / paint.rx;
    ctx.translate(0, paint.cy);
    ctx.scale(1, squash);
    ctx.translate(0, -paint.cy);
    const g = ctx.createRadialGradient(paint.cx, paint.cy, 0, paint.cx, paint.cy, paint.rx);
    for (const s of paint.stops) g.addColorStop(s.offset, s.color);
    ctx.fillStyle = g;
    // Large enough to cover any panel in the squashed space.
    ctx.fillRect(-1000, -1000 / squash, 2000, 2000 / squash);
    ctx.restore();
  }

  private shape(style: ShapeStyle, trace: () => void): void {
    const { fill, stroke, opacity } = style;
    if (fill === undefined && stroke === undefined) return;
    this.ctx.save();
    if (opacity !== undefined) this.ctx.globalAlpha = opacity;
    if (fill !== undefined) this.fillWith(fill, trace);
    if (stroke !== undefined) {
      this.ctx.beginPath();
      trace();
      this.applyStroke(stroke);
      this.ctx.stroke();
    }
    this.ctx.restore();
  }
}
