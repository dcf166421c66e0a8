/**
 * How the report writes numbers, times and durations. Written out instead of toLocaleString / Intl so the PDF
 * is the same on every machine whatever its locale and ICU data. Times are UTC and say so: a report read in
 * another time zone (an auditor's office, a head office) must not shift silently.
 */

/** Shown where a figure is undefined (a yield of no records, a time before any job). */
export const NONE = 'n/a';

/** `12345` -> `12,345`. */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number with `digits` decimals and thousands grouped: `1234.56` -> `1,234.6`. */
export function formatDecimal(x: number, digits = 1): string {
  const fixed = Math.abs(x).toFixed(digits);
  const [whole, decimals] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (x < 0 && Number(fixed) !== 0 ? '-' : '') + grouped + (decimals === undefined ? '' : `.${decimals}`);
}

/** A fraction as a percentage with one decimal (`0.8889` -> `88.9 %`), or {@link NONE}. */
export function formatPercent(f: number | null): string {
  return f === null ? NONE : `${formatDecimal(f * 100, 1)} %`;
}

/** An ISO time as `2026-01-15 08:30:05 UTC`, or {@link NONE}. */
export function formatTime(iso: string | null): string {
  if (iso === null) return NONE;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

/** Seconds as the two largest units: `45 s`, `12 min 5 s`, `7 h 45 min`, `2 d 3 h`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n} ${name}`);
    if (parts.length === 2) break;
  }
  return parts.filter((p) => !p.startsWith('0 ')).join(' ');
}
