import fc from 'fast-check';
import type { CardView } from '../../src/templates/card-view';
import type { Element } from '../../src/templates/layout';
import { TEXT_ASCENT_EM, TEXT_DESCENT_EM, boxContains, elementBounds } from '../../src/templates/layout-bounds';
import { PRINT_LAYERS, paintFace } from '../../src/templates/paint-face';
import { layoutFor } from '../../src/templates/products';
import { mrzFont } from '../../src/templates/fonts';
import { qrRuns } from '../../src/templates/qr-modules';
import { RecordingPainter, recordedWidth, type Call } from './recording-painter';
import { VIEW_2021, VIEW_2024, VIEW_2024_UNDER6 } from './fixtures';

const MM_PER_PT = 25.4 / 72;
const FAKE_JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

function paint(view: CardView, face: 'front' | 'back', layers?: Parameters<typeof paintFace>[3]): RecordingPainter {
  const painter = new RecordingPainter();
  paintFace(painter, layoutFor(view)[face], view, layers);
  return painter;
}

/** Does every text run drawn for `el` stay inside the element's box? Returns the offending runs. */
function runsOutside(el: Element, view: CardView): string[] {
  const box = elementBounds(el);
  if (box === null) return [];
  const painter = new RecordingPainter();
  paintFace(painter, [el], view);
  return painter.texts().flatMap((run) => {
    const em = run.sizePt * MM_PER_PT;
    const chars = [...run.text].length;
    // MRZ glyphs: the typeface's own advance; the tallest MRZ glyph (OCR-B "0") is 1.09 cap heights.
    const mrz = run.font === 'mrz' ? mrzFont() : null;
    const advance = mrz !== null ? chars * mrz.advanceEm * em : recordedWidth(run.text, run.sizePt);
    const width = advance * run.scaleX + run.letterSpacing * (chars - 1);
    const ascent = mrz !== null ? 1.09 * mrz.capHeightEm : TEXT_ASCENT_EM;
    const descent = mrz !== null ? 0.05 : TEXT_DESCENT_EM;
    const runBox = { x: run.x, y: run.baseline - ascent * em, width, height: (ascent + descent) * em };
    return boxContains(box, runBox) ? [] : [`${el.kind} "${run.text}"`];
  });
}

describe('paintFace', () => {
  it('keeps every line of text inside its element, whatever the data', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ỹĐđ0-9,.]{1,14}$/).filter((w) => !/\s/.test(w));
    const text = fc.array(word, { minLength: 0, maxLength: 25 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.constantFrom(VIEW_2021, VIEW_2024, VIEW_2024_UNDER6),
        text,
        text,
        text,
        text,
        (base, fullName, placeOfResidence, placeOfOrigin, identifyingMarks) => {
          const view: CardView = { ...base, fullName, placeOfResidence, placeOfOrigin, identifyingMarks, placeOfBirthRegistration: placeOfOrigin };
          const layout = layoutFor(view);
          const outside = [...layout.front, ...layout.back].flatMap((el) => runsOutside(el, view));
          expect(outside).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('prints the data of the view, the name in capitals', () => {
    const texts = paint(VIEW_2021, 'front').texts().map((r) => r.text);
    expect(texts).toEqual(expect.arrayContaining(['NGUYỄN THỊ MAI', '001199012345', '15/03/1999', 'Nữ', 'Việt Nam', '15/03/2024']));
    const back = paint(VIEW_2024, 'back').texts().map((r) => r.text);
    expect(back).toEqual(expect.arrayContaining(['Không thời hạn', '15/08/2024']));
  });

  it('notes text that had to be set smaller or condensed', () => {
    const painter = new RecordingPainter();
    const view = { ...VIEW_2021, fullName: 'Công Tằng Tôn Nữ Thị Phương Thảo Hoàng Bảo Ngọc Trâm Anh' };
    const notes = paintFace(painter, layoutFor(view).front, view);
    const note = notes.find((n) => n.text.startsWith('CÔNG TẰNG'));
    expect(note).toBeDefined();
    expect(note!.sizePt).toBeLessThan(note!.preferredSizePt);
    expect(paintFace(new RecordingPainter(), layoutFor(VIEW_2021).front, VIEW_2021).filter((n) => n.text === 'NGUYỄN THỊ MAI')).toEqual([]);
  });

  it('embeds the photo in the 20 x 30 mm box, and none on the under-6 front', () => {
    const images = (view: CardView): Call[] => paint(view, 'front').calls.filter((c) => c.op === 'image');
    const withPhoto = images({ ...VIEW_2024, photoJpeg: FAKE_JPEG });
    expect(withPhoto).toHaveLength(1);
    expect(withPhoto[0]).toMatchObject({ bytes: FAKE_JPEG, box: { width: 20, height: 30 } });
    expect(images({ ...VIEW_2024_UNDER6, photoJpeg: FAKE_JPEG })).toHaveLength(0);
    expect(images(VIEW_2024)).toHaveLength(0);
  });

  it('draws the QR modules as merged runs inside the QR box', () => {
    const painter = paint(VIEW_2024, 'back');
    const qr = layoutFor(VIEW_2024).back.find((el) => el.kind === 'qr');
    const batches = painter.calls.filter((c): c is Extract<Call, { op: 'rects' }> => c.op === 'rects');
    expect(batches).toHaveLength(1);
    expect(batches[0]!.rects).toHaveLength(qrRuns(VIEW_2024.qrPayload).runs.length);
    const box = elementBounds(qr!)!;
    for (const r of batches[0]!.rects) expect(boxContains(box, r)).toBe(true);
  });

  it('sets the MRZ as three lines on a 2.54 mm pitch, 4.23 mm apart', () => {
    const runs = paint(VIEW_2021, 'back').texts().filter((r) => r.font === 'mrz');
    expect(runs.map((r) => r.text)).toEqual([...VIEW_2021.mrz]);
    const font = mrzFont();
    for (const run of runs) {
      const sizeMm = run.sizePt * MM_PER_PT;
      expect(font.advanceEm * sizeMm + run.letterSpacing).toBeCloseTo(2.54, 9);
      expect(font.capHeightEm * sizeMm).toBeCloseTo(2.5, 9);
      // Glyphs are centred in their cells: the first cell starts 4.7 mm from the left edge.
      expect(run.x - run.letterSpacing / 2).toBeCloseTo(4.7, 9);
    }
    expect(runs[1]!.baseline - runs[0]!.baseline).toBeCloseTo(4.23, 9);
    expect(runs[2]!.baseline - runs[1]!.baseline).toBeCloseTo(4.23, 9);
  });

  it('with the print layers, leaves the contact plate white instead of drawing it', () => {
    const gradientRects = (p: RecordingPainter): Call[] =>
      p.calls.filter((c) => c.op === 'rect' && typeof c.style.fill === 'object' && c.style.fill.kind === 'linear');
    expect(gradientRects(paint(VIEW_2021, 'back'))).toHaveLength(1);
    const print = paint(VIEW_2021, 'back', { layers: PRINT_LAYERS });
    expect(gradientRects(print)).toHaveLength(0);
    expect(print.calls).toContainEqual({
      op: 'rect',
      rect: { x: 9.25, y: 18.2, width: 11.6, height: 11.4 },
      style: { fill: '#ffffff' },
      radius: 0.5,
    });
  });

  it('keeps placeholders (signature, seal, fingerprint prints) out of print data, captions and frames in', () => {
    const proof = paint(VIEW_2021, 'back');
    const print = paint(VIEW_2021, 'back', { layers: PRINT_LAYERS });
    const reds = (p: RecordingPainter): number =>
      p.calls.filter((c) => (c.op === 'ellipse' || c.op === 'path') && (c.style.stroke?.color === '#d0202a' || c.style.fill === '#d0202a')).length;
    expect(reds(proof)).toBeGreaterThan(0);
    expect(reds(print)).toBe(0);
    const whorls = (p: RecordingPainter): number => p.calls.filter((c) => c.op === 'ellipse' && c.style.stroke?.color === '#c3c8d2').length;
    expect(whorls(proof)).toBe(12);
    expect(whorls(print)).toBe(0);
    expect(print.texts().map((r) => r.text)).toEqual(expect.arrayContaining(['Ngón trỏ trái', 'Right index finger']));
  });

  it('paints only the holder data when asked for the personal layer', () => {
    const texts = paint(VIEW_2021, 'front', { layers: ['personal'] }).texts().map((r) => r.text);
    expect(texts).toContain('NGUYỄN THỊ MAI');
    expect(texts).toContain('15/03/1999');
    expect(texts.some((t) => t.includes('Full name') || t.includes('CỘNG HÒA'))).toBe(false);
    expect(paint(VIEW_2021, 'front', { layers: ['personal'] }).calls.some((c) => c.op === 'background')).toBe(false);
  });
});
