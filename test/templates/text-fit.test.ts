import fc from 'fast-check';
import { fitText, type FitOptions, type MeasureText } from '../../src/templates/text-fit';

/** Every character is 0.5 em wide: at 10 pt a character is 0.5 * 10 * 25.4 / 72 = 1.7639 mm. */
const measure: MeasureText = (text, sizePt) => text.length * 0.5 * sizePt * (25.4 / 72);
const charMm = (sizePt: number): number => 0.5 * sizePt * (25.4 / 72);

const box = (over: Partial<FitOptions> = {}): FitOptions => ({
  sizePt: 10,
  minSizePt: 7.5,
  maxLines: 1,
  firstLineWidth: 40,
  width: 40,
  ...over,
});

describe('fitText', () => {
  it('keeps the preferred size when the text fits', () => {
    const fitted = fitText('Nguyễn Thị Mai', measure, box());
    expect(fitted.sizePt).toBe(10);
    expect(fitted.lines).toEqual([{ text: 'Nguyễn Thị Mai', scaleX: 1, width: 14 * charMm(10) }]);
  });

  it('normalises whitespace and gives no lines for empty text', () => {
    expect(fitText('  a \n  b ', measure, box()).lines.map((l) => l.text)).toEqual(['a b']);
    expect(fitText('   ', measure, box()).lines).toEqual([]);
  });

  it('shrinks a line that is slightly too wide instead of condensing it', () => {
    // 25 characters at 10 pt = 44.1 mm > 40 mm; at 9.216 pt (two 4 % steps) = 40.6 mm; three steps: 39.0 mm.
    const fitted = fitText('A'.repeat(25), measure, box());
    expect(fitted.sizePt).toBeCloseTo(10 * 0.96 ** 3, 6);
    expect(fitted.lines[0]?.scaleX).toBe(1);
    expect(fitted.lines[0]?.width).toBeLessThanOrEqual(40);
  });

  it('wraps onto the allowed lines at word boundaries', () => {
    // 50 mm holds 28.3 characters at 10 pt.
    const address = 'Số 12, ngõ 34, phố Láng Hạ, phường Láng Hạ, quận Đống Đa, Hà Nội';
    const fitted = fitText(address, measure, box({ maxLines: 3, width: 50, firstLineWidth: 50 }));
    expect(fitted.sizePt).toBe(10);
    expect(fitted.lines.map((l) => l.text)).toEqual(['Số 12, ngõ 34, phố Láng Hạ,', 'phường Láng Hạ, quận Đống', 'Đa, Hà Nội']);
  });

  it('condenses at the minimum size when shrinking and wrapping are not enough', () => {
    const fitted = fitText('X'.repeat(60), measure, box());
    expect(fitted.sizePt).toBe(7.5);
    const natural = 60 * charMm(7.5);
    expect(fitted.lines[0]?.scaleX).toBeCloseTo(40 / natural, 9);
    expect(fitted.lines[0]?.width).toBeCloseTo(40, 9);
  });

  it('condenses all lines about evenly rather than dropping words or squeezing the last line', () => {
    // 20 words of 3 characters: 79 characters with spaces, 3.5 times what two 20 mm lines hold at 7.5 pt.
    const words = Array.from({ length: 20 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    const fitted = fitText(words.join(' '), measure, box({ maxLines: 2, width: 20, firstLineWidth: 20 }));
    expect(fitted.lines.map((l) => l.text)).toEqual([words.slice(0, 10).join(' '), words.slice(10).join(' ')]);
    // Each line is 39 characters: 39 x 1.3229 mm = 51.6 mm condensed into 20 mm.
    for (const line of fitted.lines) expect(line.scaleX).toBeCloseTo(20 / (39 * charMm(7.5)), 9);
  });

  it('starts on the next line when the first word does not fit beside a label', () => {
    const fitted = fitText('Phường Láng Hạ', measure, box({ maxLines: 2, firstLineWidth: 5, width: 40 }));
    expect(fitted.lines.map((l) => l.text)).toEqual(['', 'Phường Láng Hạ']);
    expect(fitted.sizePt).toBe(10);
  });

  it('never returns a line wider than its box, more lines than allowed, or a lost word', () => {
    // The À-ỹ range holds a few Unicode spaces (U+1680...): words must not, or they would be two words.
    const word = fc.stringMatching(/^[A-Za-zÀ-ỹ0-9,.]{1,18}$/).filter((w) => !/\s/.test(w));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 5, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (words, maxLines, width, indent) => {
          const opts = box({ maxLines, width, firstLineWidth: width * indent });
          const fitted = fitText(words.join(' '), measure, opts);
          expect(fitted.lines.length).toBeLessThanOrEqual(maxLines);
          expect(fitted.sizePt).toBeGreaterThanOrEqual(opts.minSizePt);
          expect(fitted.sizePt).toBeLessThanOrEqual(opts.sizePt);
          fitted.lines.forEach((line, i) => {
            const avail = i === 0 ? opts.firstLineWidth : opts.width;
            expect(line.width).toBeLessThanOrEqual(avail + 1e-9);
          });
          expect(fitted.lines.map((l) => l.text).filter((t) => t !== '').join(' ')).toBe(words.join(' '));
        },
      ),
    );
  });
});
