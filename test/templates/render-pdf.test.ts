import { renderCardPdf } from '../../src/templates/render-pdf';
import { setMrzTypeface } from '../../src/templates/fonts';
import { drawSyntheticPhoto } from '../../src/templates/photo';
import { VIEW_2021, VIEW_2024, VIEW_2024_UNDER6 } from './fixtures';
import { decodeQr, poppler, rasterisePage, removeTempDirs, skipWithoutPoppler, writePdf } from '../helpers/poppler';

const PT_TO_MM = 25.4 / 72;
const PHOTO = drawSyntheticPhoto('render-pdf test');
const VIEW_2021_PHOTO = { ...VIEW_2021, photoJpeg: PHOTO };

afterEach(() => setMrzTypeface('auto'));
afterAll(() => removeTempDirs());

describe('renderCardPdf', () => {
  let pdf2021: Buffer;
  let pdf2024: Buffer;
  let path2021: string;
  let path2024: string;

  beforeAll(async () => {
    pdf2021 = await renderCardPdf(VIEW_2021_PHOTO);
    pdf2024 = await renderCardPdf(VIEW_2024);
    path2021 = writePdf(pdf2021, '2021.pdf');
    path2024 = writePdf(pdf2024, '2024.pdf');
  });

  it('writes two landscape ID-1 pages of exactly 242.65 x 153.01 pt', () => {
    const text = pdf2021.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(text.match(/\/MediaBox \[0 0 242\.65 153\.01\]/g)).toHaveLength(2);
    if (skipWithoutPoppler('pdfinfo page size')) return;
    const info = poppler('pdfinfo', [path2021]);
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(info).toMatch(/Page size:\s+242\.65 x 153\.01 pts/);
  });

  it('is byte-for-byte deterministic, whatever was rendered before in the process', async () => {
    // Fonts are parsed once per process and shared: a card must not depend on the cards before it.
    await renderCardPdf({ ...VIEW_2024_UNDER6, fullName: 'Ôn Ế Ễ Ặ Ừ Ỡ Ỵ Đ', placeOfResidence: 'ÊÔƠƯ êôơư' });
    expect((await renderCardPdf(VIEW_2021_PHOTO)).equals(pdf2021)).toBe(true);
    expect((await renderCardPdf(VIEW_2024)).equals(pdf2024)).toBe(true);
    // A process that renders this card first of all writes the same bytes.
    let fresh: Buffer | undefined;
    await jest.isolateModulesAsync(async () => {
      const isolated = await import('../../src/templates/render-pdf');
      fresh = await isolated.renderCardPdf(VIEW_2024);
    });
    expect(fresh?.equals(pdf2024)).toBe(true);
  });

  it('has real text: the name with its diacritics, labels, and "Không thời hạn" for no expiry', () => {
    if (skipWithoutPoppler('pdftotext')) return;
    const text2021 = poppler('pdftotext', ['-enc', 'UTF-8', path2021, '-']);
    expect(text2021).toContain('NGUYỄN THỊ MAI');
    expect(text2021).toContain('Nơi thường trú / Place of residence');
    expect(text2021).toContain('Quê quán / Place of origin');
    expect(text2021).toContain('IDVNM1990123456001199012345<<7');
    expect(text2021).not.toContain('Không thời hạn');
    const text2024 = poppler('pdftotext', ['-enc', 'UTF-8', path2024, '-']);
    expect(text2024).toContain('TRẦN ĐỨC QUẢNG');
    expect(text2024).toContain('Không thời hạn');
  });

  it('embeds every font it uses, and no other', () => {
    if (skipWithoutPoppler('pdffonts')) return;
    const rows = poppler('pdffonts', [path2021]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      const m = / (yes|no) +(yes|no) +(yes|no) +\d+ +\d+$/.exec(row);
      expect({ row, embedded: m?.[1] }).toEqual({ row, embedded: 'yes' });
      expect(row).toMatch(/^[A-Z]{6}\+(DejaVuSans|OCRB)/);
    }
  });

  it('draws a QR code that decodes to the view payload, on the 2021 front and the 2024 back', () => {
    if (skipWithoutPoppler('pdftoppm QR decoding')) return;
    expect(decodeQr(rasterisePage(path2021, 1))).toBe(VIEW_2021.qrPayload);
    expect(decodeQr(rasterisePage(path2024, 2))).toBe(VIEW_2024.qrPayload);
  });

  it('sets the MRZ on the 2.54 mm pitch from 4.7 mm', () => {
    if (skipWithoutPoppler('pdftotext -bbox')) return;
    const html = poppler('pdftotext', ['-bbox', '-f', '2', '-l', '2', path2021, '-']);
    for (const line of VIEW_2021.mrz) {
      const escaped = line.replace(/</g, '&lt;');
      const m = new RegExp(`xMin="([\\d.]+)" yMin="[\\d.]+" xMax="([\\d.]+)" yMax="[\\d.]+">${escaped}<`).exec(html);
      expect(m).not.toBeNull();
      const xMin = Number(m![1]) * PT_TO_MM;
      const xMax = Number(m![2]) * PT_TO_MM;
      // 30 cells of 2.54 mm: the glyphs span 76.2 mm less the spacing around the first and last glyph.
      expect(xMin).toBeGreaterThan(4.7);
      expect(xMin).toBeLessThan(5.0);
      expect(xMax - xMin).toBeGreaterThan(75.6);
      expect(xMax - xMin).toBeLessThanOrEqual(76.25);
    }
  });

  it('embeds the photo as the original JPEG, and no image at all on the under-6 card', async () => {
    expect(pdf2021.indexOf(PHOTO)).toBeGreaterThan(0);
    expect(pdf2021.toString('latin1')).toContain('/DCTDecode');
    const under6 = await renderCardPdf({ ...VIEW_2024_UNDER6, photoJpeg: PHOTO });
    expect(under6.toString('latin1')).not.toContain('/Subtype /Image');
    expect(under6.indexOf(PHOTO)).toBe(-1);
  });

  it('falls back to DejaVu Sans Mono for the MRZ when OCR-B is not used', async () => {
    setMrzTypeface('dejavu-sans-mono');
    const path = writePdf(await renderCardPdf(VIEW_2024), 'mono.pdf');
    if (skipWithoutPoppler('pdffonts (MRZ fallback)')) return;
    expect(poppler('pdffonts', [path])).toContain('DejaVuSansMono');
    expect(poppler('pdffonts', [path])).not.toContain('OCRB');
    expect(poppler('pdftotext', ['-enc', 'UTF-8', path, '-'])).toContain(VIEW_2024.mrz[1]);
  });

  it('stays small: under 60 KB with a photo', () => {
    expect(pdf2021.length).toBeLessThan(60 * 1024);
  });
});
