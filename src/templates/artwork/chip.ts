/**
 * The chip, two ways: the gold contact plate of the embedded module (drawn on proofs where the module sits,
 * never printed) and the ICAO 9303 "chip inside" symbol that announces a contactless chip.
 */
import type { Color } from '../layout';
import type { Painter, RectSpec } from '../painter';

const PLATE_STROKE = '#8a6d1e';

/**
 * Draws an 8-contact module plate filling `box`: two columns of four contacts (C1-C4, C5-C8, ISO/IEC 7816-2)
 * around a central pad.
 */
export function drawContactPlate(painter: Painter, box: RectSpec): void {
  const { x, y, width: w, height: h } = box;
  const radius = Math.min(w, h) * 0.12;
  painter.rect(
    box,
    {
      fill: {
        kind: 'linear',
        x1: x,
        y1: y,
        x2: x + w,
        y2: y + h,
        stops: [
          { offset: 0, color: '#f6e08e' },
          { offset: 0.5, color: '#d9b44a' },
          { offset: 1, color: '#b8912e' },
        ],
      },
      stroke: { color: PLATE_STROKE, width: 0.2 },
    },
    radius,
  );
  const line = { color: PLATE_STROKE, width: 0.18 };
  const left = x + w * 0.36;
  const right = x + w * 0.64;
  painter.path(
    [
      ['M', left, y],
      ['L', left, y + h],
      ['M', right, y],
      ['L', right, y + h],
      ['M', x, y + h / 4],
      ['L', left, y + h / 4],
      ['M', x, y + h / 2],
      ['L', left, y + h / 2],
      ['M', x, y + (3 * h) / 4],
      ['L', left, y + (3 * h) / 4],
      ['M', right, y + h / 4],
      ['L', x + w, y + h / 4],
      ['M', right, y + h / 2],
      ['L', x + w, y + h / 2],
      ['M', right, y + (3 * h) / 4],
      ['L', x + w, y + (3 * h) / 4],
      ['M', left, y + h * 0.3],
      ['L', right, y + h * 0.3],
      ['M', left, y + h * 0.7],
      ['L', right, y + h * 0.7],
    ],
    { stroke: line },
  );
}

/**
 * Draws the ICAO 9303 contactless-chip symbol in `box`: an outlined card with a central circle and two
 * horizontal lines tangent to it. The box should be about 1.6 times as wide as it is high.
 */
export function drawEmrtdSymbol(painter: Painter, box: RectSpec, color: Color): void {
  const { x, y, width: w, height: h } = box;
  const stroke = { color, width: Math.max(0.15, h * 0.07) };
  const inset = stroke.width / 2;
  painter.rect(
    { x: x + inset, y: y + inset, width: w - 2 * inset, height: h - 2 * inset },
    { stroke },
    h * 0.12,
  );
  const cx = x + w / 2;
  const cy = y + h / 2;
  const r = h * 0.2;
  painter.ellipse(cx, cy, r, r, { stroke });
  painter.path(
    [
      ['M', x + inset, cy - r],
      ['L', x + w - inset, cy - r],
      ['M', x + inset, cy + r],
      ['L', x + w - inset, cy + r],
    ],
    { stroke },
  );
}
