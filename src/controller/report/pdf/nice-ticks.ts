/**
 * Axis ticks at round values (1, 2 or 5 times a power of ten), as a reader expects on a chart's scale.
 */

/** Ticks from 0 to at least `max` in round steps, about `target` of them; integer steps when `integers`. */
export function niceTicks(max: number, target = 5, integers = true): { step: number; top: number; ticks: number[] } {
  const m = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = m / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  if (integers) step = Math.max(1, Math.round(step));
  const top = Math.ceil(m / step - 1e-9) * step;
  const ticks: number[] = [];
  // Built from an integer count, not by adding steps, so 0.1 + 0.2 does not creep into a label.
  for (let i = 0; i * step <= top + 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { step, top, ticks };
}
