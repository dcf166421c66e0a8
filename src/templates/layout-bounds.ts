/**
 * The space each layout element may occupy, computed from the layout alone (no fonts needed), so layouts can be
 * checked against the card edges, the safe margin and the MRZ clear zone before anything is rendered.
 */
import type { Element, FieldElement, LabelElement, TextElement } from './layout';
import { CARD_HEIGHT_MM, CARD_WIDTH_MM, ptToMm } from './units';

/** An axis-aligned rectangle in millimetres. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Highest point of any glyph the cards print, in ems above the baseline: Vietnamese capitals with a stacked
 * tone mark (Ẳ in DejaVu Sans Condensed Bold reaches 1.12 em).
 */
export const TEXT_ASCENT_EM = 1.13;

/** Lowest point of any glyph the cards print, in ems below the baseline (descenders, dot below). */
export const TEXT_DESCENT_EM = 0.22;

/** Default distance between baselines, as a multiple of the font size. */
export const DEFAULT_LINE_HEIGHT_EM = 1.2;

/** Margin kept clear of text and artwork along every card edge, in millimetres. */
export const SAFE_MARGIN_MM = 2;

/** The card itself. */
export const CARD_BOX: Box = { x: 0, y: 0, width: CARD_WIDTH_MM, height: CARD_HEIGHT_MM };

/** The card minus {@link SAFE_MARGIN_MM} on every side. */
export const SAFE_BOX: Box = {
  x: SAFE_MARGIN_MM,
  y: SAFE_MARGIN_MM,
  width: CARD_WIDTH_MM - 2 * SAFE_MARGIN_MM,
  height: CARD_HEIGHT_MM - 2 * SAFE_MARGIN_MM,
};

/** Distance between baselines of a text element, in millimetres. */
export function lineHeightOf(el: { readonly size: number; readonly lineHeight?: number }): number {
  return el.lineHeight ?? ptToMm(el.size) * DEFAULT_LINE_HEIGHT_EM;
}

function textBox(x: number, baseline: number, width: number, sizes: readonly number[], lineGaps: number): Box {
  const first = ptToMm(sizes[0] ?? 0);
  const last = ptToMm(sizes[sizes.length - 1] ?? 0);
  const top = baseline - TEXT_ASCENT_EM * first;
  const bottom = baseline + lineGaps + TEXT_DESCENT_EM * last;
  return { x, y: top, width, height: bottom - top };
}

function textElementBox(el: TextElement): Box {
  const lines = Math.max(1, el.maxLines ?? 1);
  return textBox(el.x, el.baseline, el.width, [el.size], (lines - 1) * lineHeightOf(el));
}

function labelBox(el: LabelElement): Box {
  if (el.arrangement === 'inline') return textBox(el.x, el.baseline, el.width, [el.size], 0);
  const en = el.enSize ?? el.size;
  return textBox(el.x, el.baseline, el.width, [el.size, en], lineHeightOf(el));
}

function fieldBox(el: FieldElement): Box {
  const size = Math.max(el.labelStyle.size, el.valueStyle.size);
  const lines = Math.max(1, el.maxLines ?? 1);
  const lh = el.lineHeight ?? ptToMm(el.valueStyle.size) * DEFAULT_LINE_HEIGHT_EM;
  return textBox(el.x, el.baseline, el.width, [size, el.valueStyle.size], (lines - 1) * lh);
}

/**
 * The box an element may paint into, or null for the background (it covers the card by definition). Text
 * boxes are the full width and every allowed line, with room for the tallest Vietnamese capitals.
 */
export function elementBounds(el: Element): Box | null {
  switch (el.kind) {
    case 'background':
      return null;
    case 'text':
      return textElementBox(el);
    case 'label':
      return labelBox(el);
    case 'field':
      return fieldBox(el);
    case 'qr':
      return {
        x: el.x - el.quietZone,
        y: el.y - el.quietZone,
        width: el.size + 2 * el.quietZone,
        height: el.size + 2 * el.quietZone,
      };
    case 'mrz': {
      // MRZ characters are digits, capitals and "<": nothing rises above about 1.1 cap heights or descends.
      const top = el.baseline - el.capHeight * 1.1;
      const bottom = el.baseline + 2 * el.lineSpacing + el.capHeight * 0.1;
      return { x: el.x, y: top, width: 30 * el.pitch, height: bottom - top };
    }
    case 'emblem':
      return { x: el.cx - el.diameter / 2, y: el.cy - el.diameter / 2, width: el.diameter, height: el.diameter };
    case 'seal':
      return { x: el.cx - el.diameter / 2, y: el.cy - el.diameter / 2, width: el.diameter, height: el.diameter };
    case 'line': {
      const half = el.stroke.width / 2;
      const x = Math.min(el.x1, el.x2) - half;
      const y = Math.min(el.y1, el.y2) - half;
      return { x, y, width: Math.abs(el.x2 - el.x1) + 2 * half, height: Math.abs(el.y2 - el.y1) + 2 * half };
    }
    default:
      return { x: el.x, y: el.y, width: el.width, height: el.height };
  }
}

/** True when `inner` lies within `outer` (edges may touch; 1 µm tolerance for float noise). */
export function boxContains(outer: Box, inner: Box): boolean {
  const eps = 1e-3;
  return (
    inner.x >= outer.x - eps &&
    inner.y >= outer.y - eps &&
    inner.x + inner.width <= outer.x + outer.width + eps &&
    inner.y + inner.height <= outer.y + outer.height + eps
  );
}

/** True when the two boxes share some area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  const eps = 1e-3;
  return (
    a.x < b.x + b.width - eps && b.x < a.x + a.width - eps && a.y < b.y + b.height - eps && b.y < a.y + a.height - eps
  );
}
