/**
 * End to end: `cardline render` and `cardline start` as users run them, checked with poppler (page size, embedded
 * fonts, extractable text), the QR decoded back from the rasterised PDF and from the printer panels.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { HAVE_POPPLER, decodeQr, poppler, pngSize, rasterisePage } from '../helpers/poppler';

const env = { CARDLINE_TODAY: '2026-01-15' };
const ws = tempDir('render-cli');
afterAll(() => ws.cleanup());

const ADDRESS = 'Số 12 Phố Huế, Phường Phạm Đình Hổ, Quận Hai Bà Trưng, Hà Nội';

/** The specimen record with a drawn photo borrowed from a generated sample record. */
function specimenFile(): string {
  const sample = runCli(['sample', '--count', '1', '--seed', 'photo-donor', '--product', 'vn-cccd-2021'], { env });
  const photo = JSON.parse(sample.stdout).photo as string;
  const mai = {
    personalId: '001199012345',
    fullName: 'Nguyễn Thị Mai',
    dateOfBirth: '1999-03-15',
    sex: 'F',
    placeOfOrigin: 'Xã Hải Châu, Huyện Hải Hậu, Nam Định',
    placeOfResidence: ADDRESS,
    issueDate: '2021-06-22',
    photo,
  };
  const file = join(ws.dir, 'mai.ndjson');
  writeFileSync(file, JSON.stringify(mai) + '\n');
  return file;
}

const skip = (what: string) => {
  if (!HAVE_POPPLER) console.warn(`skipped "${what}": poppler-utils (pdftoppm, pdfinfo, pdffonts) not installed`);
  return !HAVE_POPPLER;
};

describe('cardline render', () => {
  const out = join(ws.dir, 'cards');
  let run: ReturnType<typeof runCli>;
  beforeAll(() => {
    run = runCli(['render', specimenFile(), '--out', out, '--raster'], { env });
  });

  it('writes <personalId>.pdf and the two 300-dpi panels', () => {
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['001199012345-back.png', '001199012345-front.png', '001199012345.pdf']);
    expect(pngSize(readFileSync(join(out, '001199012345-front.png')))).toEqual([1016, 648]);
    expect(pngSize(readFileSync(join(out, '001199012345-back.png')))).toEqual([1016, 648]);
  });

  it('the PDF is ID-1, front then back, with every font embedded and the name extractable', () => {
    if (skip('PDF checks')) return;
    const pdf = join(out, '001199012345.pdf');
    const info = poppler('pdfinfo', [pdf]);
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(info).toMatch(/Page size:\s+242\.65 x 153\.01 pts/);
    const fonts = poppler('pdffonts', [pdf]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).slice(-5, -4)).toEqual(['yes']);
    const front = poppler('pdftotext', ['-f', '1', '-l', '1', pdf, '-']);
    expect(front).toContain('NGUYỄN THỊ MAI');
    expect(front).toContain('CĂN CƯỚC CÔNG DÂN');
    const back = poppler('pdftotext', ['-f', '2', '-l', '2', pdf, '-']);
    expect(back.replace(/\s/g, '')).toContain('IDVNM1990123456001199012345<<7');
  });

  it('the QR read back from the rasterised PDF and from the front panel is the 2021 payload', () => {
    const expected = `001199012345||Nguyễn Thị Mai|15031999|Nữ|${ADDRESS}|22062021`;
    expect(decodeQr(readFileSync(join(out, '001199012345-front.png')))).toBe(expected);
    if (skip('QR from the rasterised PDF')) return;
    expect(decodeQr(rasterisePage(join(out, '001199012345.pdf'), 1))).toBe(expected);
  });
});
