/**
 * Identifying marks (đặc điểm nhân dạng) in the style of the 2021 card: the kind of mark, its distance
 * ("C:" for "cách", distance from a landmark) and its position relative to a facial landmark, e.g.
 * "Nốt ruồi C:2cm trên trước đầu lông mày phải".
 */
import type { Rng } from './rng';

const KINDS: ReadonlyArray<readonly [string, number]> = [
  ['Nốt ruồi', 60],
  ['Sẹo chấm', 25],
  ['Sẹo', 12],
  ['Vết bớt', 3],
];
const LANDMARKS = [
  'đầu lông mày',
  'đuôi lông mày',
  'đuôi mắt',
  'cánh mũi',
  'mép',
  'dái tai',
  'gò má',
] as const;

/** One identifying mark. */
export function identifyingMark(rng: Rng): string {
  const half = rng.int(1, 8); // 0.5 cm steps, 0.5 - 4 cm
  const distance = half % 2 === 0 ? String(half / 2) : `${(half - 1) / 2},5`; // decimal comma, as printed
  const vertical = rng.pick(['trên', 'dưới'] as const);
  const horizontal = rng.pick(['trước', 'sau'] as const);
  const side = rng.pick(['trái', 'phải'] as const);
  return `${rng.weighted(KINDS)} C:${distance}cm ${vertical} ${horizontal} ${rng.pick(LANDMARKS)} ${side}`;
}
