/**
 * Fitting text into a box: shrink, wrap, and as a last resort condense. Pure: the caller supplies the measure
 * function (each renderer measures with the engine that draws), so the same rules hold in PDF and raster.
 */

/** Width in millimetres of `text` set at `sizePt` points. */
export type MeasureText = (text: string, sizePt: number) => number;

/** What to fit the text into. */
export interface FitOptions {
  /** Preferred size in points. */
  readonly sizePt: number;
  /** Smallest size in points before lines are condensed horizontally. */
  readonly minSizePt: number;
  /** Lines available (at least 1). */
  readonly maxLines: number;
  /** Width of the first line in millimetres (smaller than `width` when a label precedes it). */
  readonly firstLineWidth: number;
  /** Width of every further line in millimetres. */
  readonly width: number;
}

/** One line of fitted text. */
export interface FittedLine {
  readonly text: string;
  /** Horizontal scale, 1 unless the line had to be condensed to fit. */
  readonly scaleX: number;
  /** Printed width in millimetres (after condensing). */
  readonly width: number;
}

/** The result of {@link fitText}. */
export interface FittedText {
  readonly sizePt: number;
  readonly lines: readonly FittedLine[];
}

// Shrinking in 4 % steps keeps the number of trial wraps small (at most about 8 for a 75 % floor).
const SHRINK_STEP = 0.96;

interface Wrapped {
  readonly lines: string[];
  readonly fits: boolean;
}

/**
 * Greedy word wrap of pre-measured words (widths at the trial size). Words never split: a name or address
 * broken mid-word would read as two words. `fits` is false when more than `maxLines` lines are needed or a
 * single word is wider than its line.
 */
function wrap(
  words: readonly string[],
  widths: readonly number[],
  space: number,
  o: FitOptions,
  allowEmptyFirst: boolean = o.maxLines > 1,
): Wrapped {
  const lines: string[] = [];
  let current: string[] = [];
  let used = 0;
  let fits = true;
  const avail = (): number => (lines.length === 0 ? o.firstLineWidth : o.width);
  for (let i = 0; i < words.length; i++) {
    const w = widths[i] ?? 0;
    // A first word that does not fit beside a label starts on the next, full-width line instead.
    if (lines.length === 0 && current.length === 0 && w > o.firstLineWidth && w <= o.width && allowEmptyFirst) {
      lines.push('');
    }
    const needed = current.length === 0 ? w : used + space + w;
    if (current.length > 0 && needed > avail()) {
      lines.push(current.join(' '));
      current = [words[i] ?? ''];
      used = w;
    } else {
      current.push(words[i] ?? '');
      used = needed;
    }
    if (used > avail()) fits = false;
  }
  if (current.length > 0) lines.push(current.join(' '));
  if (lines.length > o.maxLines) fits = false;
  return { lines, fits };
}

/**
 * Packs words into at most `maxLines` lines when they do not fit at the floor size: finds the smallest
 * widening factor s at which the greedy wrap fits (greedy wrapping needs the fewest lines for a given width,
 * so a bisection on s is exact), and wraps at that width. Every line then needs at most 1/s horizontal
 * condensing, spread evenly instead of squeezing everything left over into the last line.
 */
function wrapForced(words: readonly string[], widths: readonly number[], space: number, o: FitOptions): string[] {
  const allowEmptyFirst = o.maxLines > 1;
  const at = (s: number): Wrapped =>
    wrap(words, widths, space, { ...o, firstLineWidth: o.firstLineWidth * s, width: o.width * s }, allowEmptyFirst);
  let hi = 2;
  while (!at(hi).fits) {
    hi *= 2;
    // A zero-width first line with one line allowed never fits: print it all on that one line, condensed.
    if (hi > 2 ** 20) return [words.join(' ')];
  }
  let lo = hi / 2;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid).fits) hi = mid;
    else lo = mid;
  }
  return at(hi).lines;
}

/**
 * Fits `text` (whitespace is normalised to single spaces) into the box described by `options`: the largest
 * size from `sizePt` down to `minSizePt` at which it wraps into `maxLines` lines; failing that, `minSizePt`
 * with lines condensed horizontally. Every returned line is at most as wide as its box. Empty text gives no
 * lines.
 */
export function fitText(text: string, measure: MeasureText, options: FitOptions): FittedText {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return { sizePt: options.sizePt, lines: [] };
  const maxLines = Math.max(1, Math.floor(options.maxLines));
  const o: FitOptions = { ...options, maxLines };
  // Widths scale linearly with the size, so words are measured once at the preferred size.
  const base = words.map((w) => measure(w, o.sizePt));
  const baseSpace = measure(' ', o.sizePt);
  let size = o.sizePt;
  let lines: string[] | null = null;
  for (;;) {
    const k = size / o.sizePt;
    const attempt = wrap(
      words,
      base.map((w) => w * k),
      baseSpace * k,
      o,
    );
    if (attempt.fits) {
      lines = attempt.lines;
      break;
    }
    if (size <= o.minSizePt) break;
    size = Math.max(o.minSizePt, size * SHRINK_STEP);
  }
  if (lines === null) {
    const k = size / o.sizePt;
    lines = wrapForced(
      words,
      base.map((w) => w * k),
      baseSpace * k,
      o,
    );
  }
  // Measure each final line as a whole (kerning across spaces included) and condense what still overflows.
  const fitted = lines.map((line, i) => {
    const avail = i === 0 ? o.firstLineWidth : o.width;
    const natural = measure(line, size);
    const scaleX = natural > avail && natural > 0 ? avail / natural : 1;
    return { text: line, scaleX, width: natural * scaleX };
  });
  return { sizePt: size, lines: fitted };
}
