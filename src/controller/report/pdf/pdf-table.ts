/**
 * Tables for the report: a header row, rows whose height follows their wrapped text, light stripes, and cells
 * that are text or a small horizontal bar with its value. A row is never split across pages; when a table
 * continues on a new page its header is drawn again, so every page of a long reject list can be read alone.
 */
import type { ReportFlow } from './report-flow';
import { COLOR, FONT, SIZE } from './report-style';

/** A text cell (strings are plain text cells). */
export interface TextCell {
  text: string;
  color?: string;
  bold?: boolean;
}

/** A bar for a fraction from 0 to 1 (drawn clipped to that range), followed by its text. */
export interface BarCell {
  bar: number;
  text: string;
  color?: string;
}

/** What a cell shows. */
export type Cell = string | TextCell | BarCell;

/** A column: header, width in points, alignment of text cells. */
export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

const PAD_X = 4;
const PAD_Y = 3;
/** Room kept right of a bar for its value (`100.0 %`). */
const BAR_TEXT_WIDTH = 42;
const BAR_HEIGHT = 6;

function isBar(cell: Cell): cell is BarCell {
  return typeof cell === 'object' && 'bar' in cell;
}

/**
 * Longest cell text drawn. Reasons are free text from the line; one pathological reason must not make a row
 * taller than a page (it would run off the page). The full text stays in the `--json` data.
 */
const MAX_CELL_CHARS = 300;

function asText(cell: Cell): TextCell {
  const t = typeof cell === 'string' ? { text: cell } : isBar(cell) ? { text: cell.text } : cell;
  return t.text.length > MAX_CELL_CHARS ? { ...t, text: `${t.text.slice(0, MAX_CELL_CHARS - 1)}…` } : t;
}

function rowHeight(flow: ReportFlow, columns: readonly Column[], cells: readonly Cell[], font: string): number {
  let h = 0;
  cells.forEach((cell, i) => {
    const width = columns[i]!.width - 2 * PAD_X;
    const t = asText(cell);
    const textWidth = isBar(cell) ? BAR_TEXT_WIDTH : width;
    h = Math.max(h, flow.measure(t.text, t.bold ? FONT.bold : font, SIZE.table, textWidth));
  });
  return h + 2 * PAD_Y;
}

function drawHeader(flow: ReportFlow, columns: readonly Column[], x0: number): void {
  const height = rowHeight(flow, columns, columns.map((c) => c.header), FONT.bold);
  let x = x0;
  for (const c of columns) {
    flow.style(FONT.bold, SIZE.table, COLOR.muted).text(c.header, x + PAD_X, flow.y + PAD_Y, {
      width: c.width - 2 * PAD_X,
      align: c.align ?? 'left',
    });
    x += c.width;
  }
  const total = columns.reduce((s, c) => s + c.width, 0);
  flow.y += height;
  flow.doc.save().moveTo(x0, flow.y).lineTo(x0 + total, flow.y).lineWidth(0.6).strokeColor(COLOR.rule).stroke().restore();
}

function drawCell(flow: ReportFlow, column: Column, cell: Cell, x: number, y: number): void {
  const width = column.width - 2 * PAD_X;
  if (isBar(cell)) {
    const barWidth = width - BAR_TEXT_WIDTH - 4;
    const value = Math.min(1, Math.max(0, Number.isFinite(cell.bar) ? cell.bar : 0));
    const barY = y + PAD_Y + (SIZE.table * 1.2 - BAR_HEIGHT) / 2;
    flow.doc.save().rect(x + PAD_X, barY, barWidth, BAR_HEIGHT).fill(COLOR.grid).restore();
    if (value > 0) flow.doc.save().rect(x + PAD_X, barY, barWidth * value, BAR_HEIGHT).fill(cell.color ?? COLOR.bar).restore();
    flow.style(FONT.regular, SIZE.table).text(cell.text, x + PAD_X + barWidth + 4, y + PAD_Y, { width: BAR_TEXT_WIDTH, align: 'right' });
    return;
  }
  const t = asText(cell);
  flow.style(t.bold ? FONT.bold : FONT.regular, SIZE.table, t.color ?? COLOR.text).text(t.text, x + PAD_X, y + PAD_Y, {
    width,
    align: column.align ?? 'left',
  });
}

/**
 * Draws a table at the left margin (or `indent` points in). `rows` holds one cell per column. With no rows,
 * `empty` is written instead, so a section never shows a bare header.
 */
export function drawTable(
  flow: ReportFlow,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  opts: { empty?: string; indent?: number } = {},
): void {
  const x0 = flow.left + (opts.indent ?? 0);
  const total = columns.reduce((s, c) => s + c.width, 0);
  if (rows.length === 0) {
    flow.text(opts.empty ?? 'none', { color: COLOR.muted, indent: opts.indent ?? 0 });
    return;
  }
  const headerHeight = rowHeight(flow, columns, columns.map((c) => c.header), FONT.bold);
  flow.ensure(headerHeight + rowHeight(flow, columns, rows[0]!, FONT.regular));
  drawHeader(flow, columns, x0);
  rows.forEach((cells, index) => {
    const height = rowHeight(flow, columns, cells, FONT.regular);
    if (flow.y + height > flow.bottom) {
      flow.newPage();
      drawHeader(flow, columns, x0);
    }
    if (index % 2 === 1) flow.doc.save().rect(x0, flow.y, total, height).fill(COLOR.stripe).restore();
    let x = x0;
    cells.forEach((cell, i) => {
      drawCell(flow, columns[i]!, cell, x, flow.y);
      x += columns[i]!.width;
    });
    flow.y += height;
  });
  flow.doc.save().moveTo(x0, flow.y).lineTo(x0 + total, flow.y).lineWidth(0.4).strokeColor(COLOR.rule).stroke().restore();
  flow.y += 6;
}
