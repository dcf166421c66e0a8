import { CHIP_PLATE } from '../../src/templates/products/common';
import { PRINT_LAYERS } from '../../src/templates/paint-face';
import { canvasToRgb, renderCardCanvases, renderCardPanels } from '../../src/templates/render-raster';
import { drawSyntheticPhoto } from '../../src/templates/photo';
import { PANEL_CARD_OFFSET_PX, mmToPx } from '../../src/templates/units';
import { VIEW_2021, VIEW_2024 } from './fixtures';
import { decodeQr, pngPixel, pngSize } from '../helpers/poppler';

/** Panel dot of a point on the card, in millimetres. */
function dot(xMm: number, yMm: number): [number, number] {
  return [Math.round(PANEL_CARD_OFFSET_PX.x + mmToPx(xMm)), Math.round(PANEL_CARD_OFFSET_PX.y + mmToPx(yMm))];
}

describe('renderCardPanels', () => {
  it('renders both faces as 1016 x 648 landscape PNGs', async () => {
    const panels = await renderCardPanels({ ...VIEW_2021, photoJpeg: drawSyntheticPhoto('raster') });
    expect(pngSize(panels.front)).toEqual([1016, 648]);
    expect(pngSize(panels.back)).toEqual([1016, 648]);
  });

  it('draws QR codes that decode to the payload (2021 front, 2024 back)', async () => {
    expect(decodeQr((await renderCardPanels(VIEW_2021)).front)).toBe(VIEW_2021.qrPayload);
    expect(decodeQr((await renderCardPanels(VIEW_2024)).back)).toBe(VIEW_2024.qrPayload);
  });

  it('paints the gold contact plate on a proof and leaves it ink-free in print data', async () => {
    const [x, y] = dot(CHIP_PLATE.x + 1, CHIP_PLATE.y + 1);
    const [r, g, b] = pngPixel((await renderCardPanels(VIEW_2024)).back, x, y);
    expect(r).toBeGreaterThan(180);
    expect(b).toBeLessThan(r - 60);
    expect(g).toBeGreaterThan(b);
    const print = await renderCardPanels(VIEW_2024, { layers: PRINT_LAYERS });
    expect(pngPixel(print.back, x, y)).toEqual([255, 255, 255]);
  });

  it('leaves unprinted areas white, not transparent or black, when only the holder data is painted', async () => {
    const { front } = await renderCardPanels(VIEW_2024, { layers: ['personal'] });
    expect(pngPixel(front, 0, 0)).toEqual([255, 255, 255]);
    expect(pngPixel(front, 500, 620)).toEqual([255, 255, 255]);
  });

  it('bleeds the background to the panel edges', async () => {
    const { front } = await renderCardPanels(VIEW_2024);
    // The 2024 background is light blue at the edges, never white.
    for (const [x, y] of [[0, 0], [1015, 647], [0, 647], [1015, 0]] as const) {
      const [r, , b] = pngPixel(front, x, y);
      expect(b).toBeGreaterThan(r);
    }
  });
});

describe('canvasToRgb', () => {
  it('packs the panel as 8-bit RGB, 3 bytes a dot, row by row', () => {
    const { front } = renderCardCanvases(VIEW_2021);
    const rgb = canvasToRgb(front);
    expect(rgb.length).toBe(1016 * 648 * 3);
    // The top-left QR finder pattern's outer ring is black: QR symbol at (68.2, 3.4) mm.
    const [x, y] = dot(68.2 + 0.1, 3.4 + 0.1);
    const i = (y * 1016 + x) * 3;
    expect([rgb[i], rgb[i + 1], rgb[i + 2]]).toEqual([0, 0, 0]);
  });
});
