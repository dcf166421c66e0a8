/**
 * Stand-ins for artwork cardline does not hold: the fingerprint images, the issuing officer's signature and
 * the seal. They mark where the real artwork goes and make proofs read like a card; they are never data.
 */
import type { Color } from '../layout';
import type { Painter, RectSpec } from '../painter';
import { starPath } from './star';

/** The white box a fingerprint is printed in, with its frame (artwork). */
export function drawFingerprintFrame(painter: Painter, box: RectSpec): void {
  painter.rect(box, { stroke: { color: '#5a6478', width: 0.2 } }, 0.8);
}

/** A faint drawn whorl standing in for the fingerprint image, on the box's white ground. */
export function drawFingerprintPlaceholder(painter: Painter, box: RectSpec): void {
  painter.rect(box, { fill: '#ffffff' }, 0.8);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height * 0.52;
  const stroke = { color: '#c3c8d2', width: 0.18 };
  for (let i = 1; i <= 6; i++) {
    painter.ellipse(cx, cy, box.width * 0.065 * i, box.height * 0.065 * i, { stroke });
  }
}

/** A handwritten-looking flourish across `box` (deterministic: the same box always gives the same strokes). */
export function drawSignature(painter: Painter, box: RectSpec, color: Color): void {
  const { x, y, width: w, height: h } = box;
  const p = (u: number, v: number): [number, number] => [x + u * w, y + v * h];
  painter.path(
    [
      ['M', ...p(0.02, 0.7)],
      ['C', ...p(0.1, 0.05), ...p(0.2, 0.05), ...p(0.18, 0.75)],
      ['C', ...p(0.17, 0.95), ...p(0.3, 0.2), ...p(0.38, 0.45)],
      ['C', ...p(0.44, 0.65), ...p(0.5, 0.3), ...p(0.56, 0.5)],
      ['C', ...p(0.62, 0.7), ...p(0.7, 0.15), ...p(0.76, 0.45)],
      ['C', ...p(0.82, 0.75), ...p(0.9, 0.35), ...p(0.98, 0.3)],
      ['M', ...p(0.1, 0.85)],
      ['C', ...p(0.4, 0.78), ...p(0.7, 0.9), ...p(0.95, 0.8)],
    ],
    { stroke: { color, width: 0.22 } },
  );
}

/** A round seal: two rings and a star, slightly transparent so what it stamps over stays legible. */
export function drawSeal(painter: Painter, cx: number, cy: number, diameter: number, color: Color): void {
  const r = diameter / 2;
  const style = { stroke: { color, width: r * 0.07 }, opacity: 0.8 };
  painter.ellipse(cx, cy, r - style.stroke.width / 2, r - style.stroke.width / 2, style);
  painter.ellipse(cx, cy, r * 0.62, r * 0.62, { stroke: { color, width: r * 0.04 }, opacity: 0.8 });
  // Ticks between the rings stand for the seal's circular legend.
  const ticks: ['M' | 'L', number, number][] = [];
  for (let i = 0; i < 36; i++) {
    const a = (i * 2 * Math.PI) / 36;
    ticks.push(['M', cx + r * 0.7 * Math.cos(a), cy + r * 0.7 * Math.sin(a)]);
    ticks.push(['L', cx + r * 0.82 * Math.cos(a), cy + r * 0.82 * Math.sin(a)]);
  }
  painter.path(ticks, { stroke: { color, width: r * 0.05 }, opacity: 0.8 });
  painter.path(starPath(cx, cy, r * 0.38, r * 0.15), { fill: color, opacity: 0.8 });
}
