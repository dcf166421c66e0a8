import { existsSync } from 'node:fs';
import { create } from 'fontkit';
import {
  FONT_ROLES,
  OCR_B_DEBIAN_PATH,
  fontBytes,
  fontPath,
  isOcrBInstalled,
  mrzFont,
  mrzFontFor,
  mrzSetting,
  setMrzTypeface,
} from '../../src/templates/fonts';

afterEach(() => setMrzTypeface('auto'));

describe('fonts', () => {
  it('takes the text fonts from the dejavu-fonts-ttf package', () => {
    expect(fontPath('regular')).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(fontPath('bold')).toMatch(/DejaVuSans-Bold\.ttf$/);
    expect(fontPath('condensed')).toMatch(/DejaVuSansCondensed\.ttf$/);
    expect(fontPath('condensed-bold')).toMatch(/DejaVuSansCondensed-Bold\.ttf$/);
    for (const role of FONT_ROLES) expect(existsSync(fontPath(role))).toBe(true);
  });

  it('covers Vietnamese in every text font', () => {
    for (const role of ['regular', 'bold', 'condensed', 'condensed-bold'] as const) {
      const font = create(fontBytes(role));
      for (const ch of 'ẲẪỮỰĐđỹỵươăâêô') {
        expect({ role, ch, id: font.getGlyph(0).id === 0 && font.layout(ch).glyphs[0]?.id !== 0 }).toEqual({ role, ch, id: true });
      }
    }
  });

  it('reads each font file once and serves the cached bytes', () => {
    expect(fontBytes('condensed')).toBe(fontBytes('condensed'));
  });

  it('uses OCR-B for the MRZ when installed, else DejaVu Sans Mono', () => {
    expect(isOcrBInstalled()).toBe(existsSync(OCR_B_DEBIAN_PATH));
    expect(mrzFont().typeface).toBe(existsSync(OCR_B_DEBIAN_PATH) ? 'ocr-b' : 'dejavu-sans-mono');
    setMrzTypeface('dejavu-sans-mono');
    expect(mrzFont().typeface).toBe('dejavu-sans-mono');
    expect(fontPath('mrz')).toMatch(/DejaVuSansMono\.ttf$/);
  });

  it('refuses to force OCR-B where it is not installed', () => {
    if (isOcrBInstalled()) {
      setMrzTypeface('ocr-b');
      expect(fontPath('mrz')).toBe(OCR_B_DEBIAN_PATH);
    } else {
      expect(() => setMrzTypeface('ocr-b')).toThrow(/fonts-ocr-b/);
    }
  });

  it('knows the real advance and cap height of both MRZ typefaces', () => {
    const faces = isOcrBInstalled() ? (['ocr-b', 'dejavu-sans-mono'] as const) : (['dejavu-sans-mono'] as const);
    for (const typeface of faces) {
      const meta = mrzFontFor(typeface);
      const font = create(require('node:fs').readFileSync(meta.path));
      for (const ch of 'IDVNM0123456789<') {
        const glyph = font.layout(ch).glyphs[0]!;
        expect(glyph.advanceWidth / font.unitsPerEm).toBeCloseTo(meta.advanceEm, 6);
      }
      const h = font.layout('H').glyphs[0] as unknown as { bbox: { maxY: number } };
      expect(h.bbox.maxY / font.unitsPerEm).toBeCloseTo(meta.capHeightEm, 6);
    }
  });

  it('sets the MRZ to 2.54 mm per character and the asked cap height, in either typeface', () => {
    for (const typeface of ['auto', 'dejavu-sans-mono'] as const) {
      setMrzTypeface(typeface);
      const font = mrzFont();
      const { sizePt, letterSpacing } = mrzSetting(2.5, 2.54);
      const sizeMm = (sizePt * 25.4) / 72;
      expect(font.capHeightEm * sizeMm).toBeCloseTo(2.5, 9);
      expect(font.advanceEm * sizeMm + letterSpacing).toBeCloseTo(2.54, 9);
    }
  });
});
