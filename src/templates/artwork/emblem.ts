/**
 * The state emblem of Viet Nam, simplified and drawn as vectors: a gold wreath rim (rice ears suggested by a
 * ring of grains), a red disc with the yellow five-pointed star, a gold cogwheel and a red ribbon at the foot.
 * A drawing, not the official artwork: production card bodies carry the emblem pre-printed.
 */
import type { Painter, PathCommand } from '../painter';
import { starPath } from './star';

const GOLD = '#e2b007';
const GOLD_DARK = '#b8860b';
const RED = '#da251d';
const YELLOW = '#ffde00';

function gearPath(cx: number, cy: number, outer: number, inner: number, teeth: number): PathCommand[] {
  const commands: PathCommand[] = [];
  const steps = teeth * 4;
  for (let i = 0; i < steps; i++) {
    // Each tooth: two points on the outer radius, then two on the inner one.
    const r = i % 4 < 2 ? outer : inner;
    const angle = (i * 2 * Math.PI) / steps;
    const x = cx + r * Math.cos(angle);
    const y = cy + r * Math.sin(angle);
    commands.push(i === 0 ? ['M', x, y] : ['L', x, y]);
  }
  commands.push(['Z']);
  return commands;
}

/** Draws the emblem centred on (cx, cy) with the given outer diameter (12 mm on both cards). */
export function drawEmblem(painter: Painter, cx: number, cy: number, diameter: number): void {
  const r = diameter / 2;
  painter.ellipse(cx, cy, r, r, { fill: GOLD, stroke: { color: GOLD_DARK, width: r * 0.03 } });
  // Rice grains around the rim, leaving the foot free for the cogwheel and ribbon.
  for (let i = 0; i < 22; i++) {
    const angle = Math.PI / 2 + 0.5 + (i * (2 * Math.PI - 1.0)) / 21;
    const gx = cx + 0.86 * r * Math.cos(angle);
    const gy = cy + 0.86 * r * Math.sin(angle);
    painter.ellipse(gx, gy, r * 0.075, r * 0.075, { fill: GOLD_DARK });
  }
  painter.ellipse(cx, cy - 0.04 * r, 0.7 * r, 0.7 * r, { fill: RED, stroke: { color: GOLD_DARK, width: r * 0.025 } });
  painter.path(starPath(cx, cy - 0.1 * r, 0.46 * r, 0.18 * r), { fill: YELLOW });
  painter.path(gearPath(cx, cy + 0.62 * r, 0.24 * r, 0.19 * r, 10), {
    fill: GOLD,
    stroke: { color: GOLD_DARK, width: r * 0.02 },
  });
  painter.ellipse(cx, cy + 0.62 * r, 0.08 * r, 0.08 * r, { fill: GOLD_DARK });
  // The ribbon: a shallow band across the foot of the wreath.
  const top = cy + 0.74 * r;
  const bottom = cy + 0.9 * r;
  painter.path(
    [
      ['M', cx - 0.62 * r, top - 0.06 * r],
      ['C', cx - 0.3 * r, top + 0.04 * r, cx + 0.3 * r, top + 0.04 * r, cx + 0.62 * r, top - 0.06 * r],
      ['L', cx + 0.6 * r, bottom - 0.06 * r],
      ['C', cx + 0.3 * r, bottom + 0.04 * r, cx - 0.3 * r, bottom + 0.04 * r, cx - 0.6 * r, bottom - 0.06 * r],
      ['Z'],
    ],
    { fill: RED, stroke: { color: GOLD_DARK, width: r * 0.02 } },
  );
}
