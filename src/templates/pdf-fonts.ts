/**
 * Parsed fonts shared by every PDF this process writes. pdfkit parses a font file and subsets it once per
 * document; parsing DejaVu Sans (750 KB) for each card would cap output at a few cards a second. pdfkit also
 * accepts an already parsed fontkit font, so each font is parsed once here, and three caches make re-use
 * cheap: text layout (shaping) per string, each glyph's decoded outline (subsetting reads it for every glyph
 * of every document), and the encoded font program per glyph list (the captions' font subsets to the same
 * glyphs on every card of a layout). All three hold immutable data; pdfkit scales a run's positions in place,
 * so every caller gets fresh copies of the positions.
 */
import { create, type Font, type Glyph, type GlyphRun, type Subset } from 'fontkit';
import type { FontRole } from './layout';
import { fontBytes, fontPath } from './fonts';

// Bounds the layout cache (distinct words across a production run of names and addresses).
const MAX_CACHED_RUNS = 50_000;

// Bounds the subset cache. Captions use their own font role and are the same on every card of a layout, so a
// few entries per layout hit nearly always; subsets of personal data rarely repeat and just cycle through.
const MAX_CACHED_SUBSETS = 64;

/**
 * A copy of a cached run that pdfkit may scale in place. `advanceWidth` is computed from the (possibly scaled)
 * positions, as fontkit's own GlyphRun does.
 */
class CopiedRun implements GlyphRun {
  readonly glyphs: Glyph[];
  readonly positions: GlyphRun['positions'];

  constructor(run: GlyphRun) {
    this.glyphs = run.glyphs;
    this.positions = run.positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    }));
  }

  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

interface DecodableGlyph extends Glyph {
  _decode?: () => unknown;
}

function memoizeDecode(glyph: DecodableGlyph): void {
  const decode = glyph._decode;
  if (typeof decode !== 'function' || Object.prototype.hasOwnProperty.call(glyph, '_decode')) return;
  let done = false;
  let value: unknown;
  // An own property shadows the prototype method for this glyph object only.
  glyph._decode = function memoizedDecode(this: DecodableGlyph): unknown {
    if (!done) {
      value = decode.call(this);
      done = true;
    }
    return value;
  };
}

/**
 * Wraps a parsed font: same font, but `layout` answers from a cache and glyphs decode their outline once.
 * The wrapper inherits everything else from the font (Object.create), so pdfkit sees a normal fontkit font.
 *
 * Subsetting looks glyphs up by id alone (composite glyphs' components, for one), and fontkit caches a glyph
 * object with the code points it was first asked with: a glyph first created by a subsetter has none, and a
 * later document that lays out that character would get a glyph without code points and write a ToUnicode map
 * that drops it from extracted text. So subsetting gets its glyphs from a second parse of the same file
 * (`outlines`), and only layout creates glyphs in the font that lays out text.
 */
function cachingFont(bytes: Uint8Array): Font {
  const font = create(bytes);
  const outlines = create(bytes);
  const runs = new Map<string, GlyphRun>();
  const subsets = new Map<string, Uint8Array>();
  const wrapper = Object.create(font) as Font;
  Object.defineProperties(wrapper, {
    layout: {
      value(text: string, features?: unknown): GlyphRun {
        if (features !== undefined) return font.layout(text, features);
        let run = runs.get(text);
        if (run === undefined) {
          if (runs.size >= MAX_CACHED_RUNS) runs.clear();
          run = font.layout(text);
          runs.set(text, run);
        }
        return new CopiedRun(run);
      },
    },
    getGlyph: {
      value(id: number, codePoints?: number[]): Glyph {
        const glyph = outlines.getGlyph(id, codePoints) as DecodableGlyph;
        memoizeDecode(glyph);
        return glyph;
      },
    },
    createSubset: {
      value(): Subset {
        // fontkit's createSubset reads `this`: the subset then looks glyphs up through the wrapper.
        const subset = font.createSubset.call(wrapper);
        const encode = subset.encode.bind(subset);
        // The font program depends only on the glyph list (in order), so equal lists share one encoding.
        subset.encode = (): Uint8Array => {
          const key = subset.glyphs.join(',');
          let bytes = subsets.get(key);
          if (bytes === undefined) {
            if (subsets.size >= MAX_CACHED_SUBSETS) subsets.clear();
            bytes = encode();
            subsets.set(key, bytes);
          }
          return bytes;
        };
        return subset;
      },
    },
  });
  return wrapper;
}

const parsed = new Map<string, Font>();

/** The shared parsed font for a role (parsed on first use, then cached for the process). */
export function pdfFont(role: FontRole): Font {
  const path = fontPath(role);
  let font = parsed.get(path);
  if (font === undefined) {
    font = cachingFont(fontBytes(role));
    parsed.set(path, font);
  }
  return font;
}
