/**
 * The slice of fontkit (pdfkit's font engine, installed with pdfkit) that pdf-fonts.ts uses. fontkit ships no
 * type declarations.
 */
declare module 'fontkit' {
  /** One glyph position from a layout run, in font units. */
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  /** A glyph; pdfkit reads its id, advance width and code points. */
  export interface Glyph {
    readonly id: number;
    readonly advanceWidth: number;
    readonly codePoints: number[];
  }
  /** The result of laying out a string. */
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
  }
  /** A subset under construction: the original glyph ids it holds, in subset order, and its encoder. */
  export interface Subset {
    readonly glyphs: number[];
    encode(): Uint8Array;
  }
  /** A parsed font. */
  export interface Font {
    createSubset(): Subset;
    readonly postscriptName: string;
    readonly unitsPerEm: number;
    layout(text: string, features?: unknown): GlyphRun;
    getGlyph(id: number, codePoints?: number[]): Glyph;
  }
  /** Parses a font file. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
