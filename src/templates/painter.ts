/**
 * The drawing surface both renderers implement. The layout walk (paint-face.ts) turns layout elements into
 * these few primitives once; pdfkit and @napi-rs/canvas each implement them. All coordinates are millimetres
 * from the card's top-left corner, y down; font sizes are points.
 */
import type { Color, FontRole, Paint, Stroke } from './layout';

/** How a shape is filled and outlined. `opacity` (0-1) applies to both. */
export interface ShapeStyle {
  readonly fill?: Paint;
  readonly stroke?: Stroke;
  readonly opacity?: number;
}

/** A path command in millimetres: move, line, cubic Bézier, close. */
export type PathCommand =
  | readonly ['M', number, number]
  | readonly ['L', number, number]
  | readonly ['C', number, number, number, number, number, number]
  | readonly ['Z'];

/** An axis-aligned rectangle in millimetres. */
export interface RectSpec {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One line of text placed by the layout walk. */
export interface TextRun {
  readonly text: string;
  /** Left edge of the first glyph. */
  readonly x: number;
  readonly baseline: number;
  readonly font: FontRole;
  readonly sizePt: number;
  readonly color: Color;
  /** Horizontal scale (1 = natural width); the walk condenses lines that do not fit otherwise. */
  readonly scaleX: number;
  /** Extra space after every character in millimetres (the MRZ uses it to hold a 2.54 mm pitch). */
  readonly letterSpacing: number;
}

/** A drawing surface for one card face. */
export interface Painter {
  /** Width in millimetres of `text` in `font` at `sizePt` points, as this painter will draw it. */
  measureText(text: string, font: FontRole, sizePt: number): number;
  /** Fills the whole face, and on printer panels the bleed around it. */
  background(paint: Paint): void;
  /** A rectangle, optionally with rounded corners. */
  rect(rect: RectSpec, style: ShapeStyle, radius?: number): void;
  /** An ellipse centred on (cx, cy). */
  ellipse(cx: number, cy: number, rx: number, ry: number, style: ShapeStyle): void;
  /** A path (filled with the non-zero rule). */
  path(commands: readonly PathCommand[], style: ShapeStyle): void;
  /**
   * Many solid rectangles in one colour, as one fill (QR modules). Rasters may snap the edges to whole dots so
   * adjacent modules leave no seams.
   */
  rects(rects: readonly RectSpec[], color: Color): void;
  /** One line of text. */
  text(run: TextRun): void;
  /** A JPEG scaled to cover the box (cropped, centred). */
  image(jpeg: Uint8Array, box: RectSpec): void;
}
