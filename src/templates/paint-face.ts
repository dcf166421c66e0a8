/**
 * The layout walk, written once for every renderer: it resolves bindings against the card view, fits text,
 * expands the drawn artwork (emblem, chip, QR modules, MRZ grid) and hands primitives to a {@link Painter}.
 */
import type { CardView } from './card-view';
import type {
  Element,
  FieldElement,
  FingerprintElement,
  FontRole,
  LabelElement,
  Layer,
  MrzElement,
  QrElement,
  TextElement,
  TextSource,
  TextStyle,
  Align,
} from './layout';
import { layerOf } from './layout';
import { DEFAULT_LINE_HEIGHT_EM, TEXT_ASCENT_EM, lineHeightOf } from './layout-bounds';
import type { Painter } from './painter';
import { fitText, type FittedText } from './text-fit';
import { drawEmblem } from './artwork/emblem';
import { drawContactPlate, drawEmrtdSymbol } from './artwork/chip';
import { drawFingerprintFrame, drawFingerprintPlaceholder, drawSeal, drawSignature } from './artwork/placeholders';
import { qrRuns } from './qr-modules';
import { mrzSetting } from './fonts';
import { ptToMm } from './units';

/** Every layer: what a proof shows. */
export const ALL_LAYERS: readonly Layer[] = ['artwork', 'personal', 'placeholder', 'physical'];

/**
 * What a personalization printer prints on a blank white card: the artwork and the holder's data. Not the
 * placeholders (a drawn signature or fingerprint must never reach a real card) and not the chip's contact
 * plate, whose area is left free of ink.
 */
export const PRINT_LAYERS: readonly Layer[] = ['artwork', 'personal'];

/** What to paint. */
export interface PaintOptions {
  /**
   * Layers to paint (default {@link ALL_LAYERS}). When `physical` is left out, the area of each physical element
   * is painted white instead: print data must never put ink on the chip contacts.
   */
  readonly layers?: readonly Layer[];
}

/** A text that did not fit at its preferred size: printed smaller and/or condensed. */
export interface FitNote {
  /** The text as printed (all lines joined by a space). */
  readonly text: string;
  readonly preferredSizePt: number;
  readonly sizePt: number;
  /** The narrowest horizontal scale any of its lines needed (1 = not condensed). */
  readonly scaleX: number;
}

const WHITE = '#ffffff';
/** Gap between a field's label and its value, in millimetres. */
const FIELD_GAP_MM = 1;

function resolveText(source: TextSource, view: CardView, transform?: 'uppercase'): string {
  const raw = 'field' in source ? view[source.field] : source.literal;
  const text = raw.normalize('NFC');
  return transform === 'uppercase' ? text.toUpperCase() : text;
}

class FaceWalker {
  readonly notes: FitNote[] = [];

  constructor(
    private readonly painter: Painter,
    private readonly view: CardView,
    private readonly layers: ReadonlySet<Layer>,
  ) {}

  paint(el: Element): void {
    const layer = layerOf(el);
    // Fields and fingerprint boxes mix layers (caption: artwork; value or print: personal or placeholder).
    if (el.kind === 'field') {
      this.field(el);
      return;
    }
    if (el.kind === 'fingerprint') {
      this.fingerprint(el);
      return;
    }
    if (!this.layers.has(layer)) {
      if (layer === 'physical' && el.kind === 'chip') {
        this.painter.rect({ x: el.x, y: el.y, width: el.width, height: el.height }, { fill: WHITE }, 0.5);
      }
      return;
    }
    switch (el.kind) {
      case 'background':
        this.painter.background(el.paint);
        return;
      case 'rect':
        this.painter.rect(el, { fill: el.fill, stroke: el.stroke }, el.radius);
        return;
      case 'line':
        this.painter.path(
          [
            ['M', el.x1, el.y1],
            ['L', el.x2, el.y2],
          ],
          { stroke: el.stroke },
        );
        return;
      case 'text':
        this.text(el);
        return;
      case 'label':
        this.label(el);
        return;
      case 'photo':
        this.photo(el);
        return;
      case 'qr':
        this.qr(el);
        return;
      case 'mrz':
        this.mrz(el);
        return;
      case 'emblem':
        drawEmblem(this.painter, el.cx, el.cy, el.diameter);
        return;
      case 'chip':
        if (el.style === 'contacts') drawContactPlate(this.painter, el);
        else drawEmrtdSymbol(this.painter, el, el.color ?? '#1c2a5a');
        return;
      case 'signature':
        drawSignature(this.painter, el, el.color);
        return;
      case 'seal':
        drawSeal(this.painter, el.cx, el.cy, el.diameter, el.color);
        return;
      case 'clear-zone':
        return;
    }
  }

  private measure(font: FontRole): (text: string, sizePt: number) => number {
    return (text, sizePt) => this.painter.measureText(text, font, sizePt);
  }

  /** Draws fitted lines; line 0 may start further right (`firstX`) than the others (`x`). */
  private lines(
    fitted: FittedText,
    style: TextStyle,
    x: number,
    firstX: number,
    width: number,
    baseline: number,
    lineHeight: number,
    align: Align,
  ): void {
    fitted.lines.forEach((line, i) => {
      if (line.text.length === 0) return;
      const left = i === 0 ? firstX : x;
      const avail = i === 0 ? width - (firstX - x) : width;
      const dx = align === 'center' ? (avail - line.width) / 2 : align === 'right' ? avail - line.width : 0;
      this.painter.text({
        text: line.text,
        x: left + dx,
        baseline: baseline + i * lineHeight,
        font: style.font,
        sizePt: fitted.sizePt,
        color: style.color,
        scaleX: line.scaleX,
        letterSpacing: 0,
      });
    });
  }

  private note(fitted: FittedText, preferredSizePt: number): void {
    const scaleX = Math.min(1, ...fitted.lines.map((l) => l.scaleX));
    if (fitted.sizePt < preferredSizePt || scaleX < 1) {
      const text = fitted.lines.map((l) => l.text).join(' ');
      this.notes.push({ text, preferredSizePt, sizePt: fitted.sizePt, scaleX });
    }
  }

  private text(el: TextElement): void {
    const text = resolveText(el.source, this.view, el.transform);
    const fitted = fitText(text, this.measure(el.font), {
      sizePt: el.size,
      minSizePt: el.minSize ?? el.size * 0.75,
      maxLines: el.maxLines ?? 1,
      firstLineWidth: el.width,
      width: el.width,
    });
    this.note(fitted, el.size);
    this.lines(fitted, el, el.x, el.x, el.width, el.baseline, lineHeightOf(el), el.align ?? 'left');
  }

  private label(el: LabelElement): void {
    const colon = el.colon === true ? ':' : '';
    const align = el.align ?? 'left';
    if (el.arrangement === 'inline') {
      this.text({ ...el, kind: 'text', source: { literal: `${el.text.vi} / ${el.text.en}${colon}` }, maxLines: 1 });
      return;
    }
    this.text({ ...el, kind: 'text', source: { literal: `${el.text.vi}${colon}` }, maxLines: 1 });
    this.text({
      ...el,
      kind: 'text',
      font: el.enFont ?? el.font,
      size: el.enSize ?? el.size,
      baseline: el.baseline + lineHeightOf(el),
      source: { literal: el.text.en },
      maxLines: 1,
      align,
    });
  }

  private field(el: FieldElement): void {
    const labelText = `${el.label.vi} / ${el.label.en}:`;
    const label = fitText(labelText, this.measure(el.labelStyle.font), {
      sizePt: el.labelStyle.size,
      minSizePt: el.labelStyle.size * 0.8,
      maxLines: 1,
      firstLineWidth: el.width,
      width: el.width,
    });
    if (this.layers.has('artwork')) {
      this.note(label, el.labelStyle.size);
      this.lines(label, el.labelStyle, el.x, el.x, el.width, el.baseline, 0, 'left');
    }
    if (!this.layers.has('personal')) return;
    const labelWidth = label.lines[0]?.width ?? 0;
    const firstX = el.x + labelWidth + FIELD_GAP_MM;
    const value = resolveText(el.source, this.view, el.transform);
    const fitted = fitText(value, this.measure(el.valueStyle.font), {
      sizePt: el.valueStyle.size,
      minSizePt: el.minSize ?? el.valueStyle.size * 0.8,
      maxLines: el.maxLines ?? 1,
      firstLineWidth: Math.max(0, el.width - labelWidth - FIELD_GAP_MM),
      width: el.width,
    });
    this.note(fitted, el.valueStyle.size);
    const lineHeight = el.lineHeight ?? ptToMm(el.valueStyle.size) * DEFAULT_LINE_HEIGHT_EM;
    this.lines(fitted, el.valueStyle, el.x, firstX, el.width, el.baseline, lineHeight, 'left');
  }

  private photo(el: { x: number; y: number; width: number; height: number }): void {
    if (!this.view.withPhoto) return;
    const box = { x: el.x, y: el.y, width: el.width, height: el.height };
    if (this.view.photoJpeg !== null) this.painter.image(this.view.photoJpeg, box);
    else this.painter.rect(box, { fill: '#e6e8ec' });
    this.painter.rect(box, { stroke: { color: '#7a8294', width: 0.15 } });
  }

  private qr(el: QrElement): void {
    const qr = qrRuns(this.view.qrPayload);
    const module = el.size / qr.modules;
    const zone = el.size + 2 * el.quietZone;
    this.painter.rect({ x: el.x - el.quietZone, y: el.y - el.quietZone, width: zone, height: zone }, { fill: WHITE });
    const rects = qr.runs.map((r) => ({
      x: el.x + r.x * module,
      y: el.y + r.y * module,
      width: r.length * module,
      height: module,
    }));
    this.painter.rects(rects, '#000000');
  }

  private mrz(el: MrzElement): void {
    const setting = mrzSetting(el.capHeight, el.pitch);
    this.view.mrz.forEach((line, i) => {
      this.painter.text({
        text: line,
        // Half the spacing before the first glyph centres every glyph in its 2.54 mm cell.
        x: el.x + setting.letterSpacing / 2,
        baseline: el.baseline + i * el.lineSpacing,
        font: 'mrz',
        sizePt: setting.sizePt,
        color: el.color,
        scaleX: 1,
        letterSpacing: setting.letterSpacing,
      });
    });
  }

  private fingerprint(el: FingerprintElement): void {
    const box = { x: el.x, y: el.y + el.labelHeight, width: el.width, height: el.height - el.labelHeight };
    if (this.layers.has('placeholder')) drawFingerprintPlaceholder(this.painter, box);
    if (!this.layers.has('artwork')) return;
    drawFingerprintFrame(this.painter, box);
    const em = ptToMm(el.labelStyle.size);
    const first = el.y + TEXT_ASCENT_EM * em;
    const lineHeight = em * DEFAULT_LINE_HEIGHT_EM;
    for (const [i, text] of [el.label.vi, el.label.en].entries()) {
      this.text({
        kind: 'text',
        ...el.labelStyle,
        x: el.x,
        baseline: first + i * lineHeight,
        width: el.width,
        source: { literal: text },
        align: 'center',
      });
    }
  }
}

/**
 * Paints one face: each element in order, restricted to `options.layers`. Returns a note for every text that
 * had to be set smaller than designed or condensed, so callers can flag records whose data barely fits.
 */
export function paintFace(
  painter: Painter,
  elements: readonly Element[],
  view: CardView,
  options: PaintOptions = {},
): FitNote[] {
  const walker = new FaceWalker(painter, view, new Set(options.layers ?? ALL_LAYERS));
  for (const el of elements) walker.paint(el);
  return walker.notes;
}
