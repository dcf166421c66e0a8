/**
 * The report's page and type: A4 portrait, DejaVu Sans (from the dejavu-fonts-ttf package, so every machine
 * embeds the same font), and a few colours. Red is kept for what an auditor must act on (cards unaccounted,
 * a broken audit chain); green only says that a check passed.
 */

/** A4 portrait, in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** Margins in points; the footer sits in the bottom margin. */
export const MARGIN = { left: 50, right: 50, top: 48, bottom: 60 } as const;

/** Width of the text column. */
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Names under which the document registers its fonts. */
export const FONT = { regular: 'report-regular', bold: 'report-bold', mono: 'report-mono' } as const;

/** Font sizes in points. */
export const SIZE = { title: 17, heading: 12, body: 9.5, table: 8.5, small: 7.5 } as const;

/** Colours (hex). */
export const COLOR = {
  text: '#1a1a1a',
  muted: '#5f6368',
  rule: '#9aa0a6',
  grid: '#e3e5e8',
  stripe: '#f4f5f7',
  bar: '#3b6ea8',
  barAlt: '#5a9a6e',
  average: '#c77700',
  ok: '#2e7d32',
  alarm: '#c62828',
} as const;
