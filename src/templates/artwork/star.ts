/** Five-pointed stars as paths, shared by the emblem and the seal. */
import type { PathCommand } from '../painter';

/**
 * A five-pointed star centred on (cx, cy), one point straight up. `inner` / `outer` radii in millimetres; the
 * regular star's ratio is about 0.382.
 */
export function starPath(cx: number, cy: number, outer: number, inner: number): PathCommand[] {
  const commands: PathCommand[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const x = cx + r * Math.cos(angle);
    const y = cy + r * Math.sin(angle);
    commands.push(i === 0 ? ['M', x, y] : ['L', x, y]);
  }
  commands.push(['Z']);
  return commands;
}
