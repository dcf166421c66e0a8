/** A Painter that records what it is asked to draw, with a simple font metric (every glyph 0.6 em wide). */
import type { FontRole, Paint } from '../../src/templates/layout';
import type { Painter, PathCommand, RectSpec, ShapeStyle, TextRun } from '../../src/templates/painter';

/** One recorded call. */
export type Call =
  | { op: 'background'; paint: Paint }
  | { op: 'rect'; rect: RectSpec; style: ShapeStyle; radius?: number }
  | { op: 'ellipse'; cx: number; cy: number; rx: number; ry: number; style: ShapeStyle }
  | { op: 'path'; commands: readonly PathCommand[]; style: ShapeStyle }
  | { op: 'rects'; rects: readonly RectSpec[]; color: string }
  | { op: 'text'; run: TextRun }
  | { op: 'image'; bytes: Uint8Array; box: RectSpec };

const MM_PER_PT = 25.4 / 72;

/** Width of `text` under the recording metric, in millimetres. */
export function recordedWidth(text: string, sizePt: number): number {
  return [...text].length * 0.6 * sizePt * MM_PER_PT;
}

export class RecordingPainter implements Painter {
  readonly calls: Call[] = [];

  measureText(text: string, _font: FontRole, sizePt: number): number {
    return recordedWidth(text, sizePt);
  }
  background(paint: Paint): void {
    this.calls.push({ op: 'background', paint });
  }
  rect(rect: RectSpec, style: ShapeStyle, radius?: number): void {
    this.calls.push({ op: 'rect', rect, style, radius });
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, style: ShapeStyle): void {
    this.calls.push({ op: 'ellipse', cx, cy, rx, ry, style });
  }
  path(commands: readonly PathCommand[], style: ShapeStyle): void {
    this.calls.push({ op: 'path', commands, style });
  }
  rects(rects: readonly RectSpec[], color: string): void {
    this.calls.push({ op: 'rects', rects, color });
  }
  text(run: TextRun): void {
    this.calls.push({ op: 'text', run });
  }
  image(bytes: Uint8Array, box: RectSpec): void {
    this.calls.push({ op: 'image', bytes, box });
  }

  texts(): TextRun[] {
    return this.calls.flatMap((c) => (c.op === 'text' ? [c.run] : []));
  }
}
