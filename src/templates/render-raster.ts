/**
 * 300-dpi printer panels: each face as a 1016 x 648 dot landscape bitmap (Evolis ID-1 panel size), painted
 * from the same layout as the PDF proof. The card is centred on the panel and the background bleeds into the
 * margin, so a slightly off-centre card still prints edge to edge.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { CardView } from './card-view';
import type { Element } from './layout';
import { layoutFor } from './products';
import { paintFace, type PaintOptions } from './paint-face';
import { CanvasPainter } from './canvas-painter';
import { encodeOpaquePng } from './png-encode';
import { PANEL_CARD_OFFSET_PX, PANEL_HEIGHT_PX, PANEL_WIDTH_PX, PRINTER_DPI } from './units';

/** Both faces of a card as canvases, for printer drivers that want pixels rather than PNG files. */
export interface CardCanvases {
  readonly front: Canvas;
  readonly back: Canvas;
}

/** Both faces of a card as PNG files. */
export interface CardPanels {
  readonly front: Buffer;
  readonly back: Buffer;
}

function paintPanel(elements: readonly Element[], view: CardView, options: PaintOptions): Canvas {
  const canvas = createCanvas(PANEL_WIDTH_PX, PANEL_HEIGHT_PX);
  const ctx = canvas.getContext('2d');
  // Blank card stock: where nothing is painted (a layer left out), the panel says "no ink", not transparent.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, PANEL_WIDTH_PX, PANEL_HEIGHT_PX);
  const painter = new CanvasPainter(ctx, {
    offsetX: PANEL_CARD_OFFSET_PX.x,
    offsetY: PANEL_CARD_OFFSET_PX.y,
    dpi: PRINTER_DPI,
  });
  paintFace(painter, elements, view, options);
  return canvas;
}

/**
 * Paints both faces onto 1016 x 648 canvases (landscape). `options.layers` selects what is painted; pass
 * `PRINT_LAYERS` for print data (the chip's contact area is then left free of ink).
 */
export function renderCardCanvases(view: CardView, options: PaintOptions = {}): CardCanvases {
  const layout = layoutFor(view);
  return { front: paintPanel(layout.front, view, options), back: paintPanel(layout.back, view, options) };
}

function toPng(canvas: Canvas): Promise<Buffer> {
  const { width, height } = canvas;
  return encodeOpaquePng(canvas.getContext('2d').getImageData(0, 0, width, height).data, width, height, PRINTER_DPI);
}

/**
 * Both faces as 300-dpi RGB PNGs, exactly 1016 x 648 pixels, landscape. Compression runs in zlib's thread
 * pool.
 */
export async function renderCardPanels(view: CardView, options: PaintOptions = {}): Promise<CardPanels> {
  const { front, back } = renderCardCanvases(view, options);
  const [frontPng, backPng] = await Promise.all([toPng(front), toPng(back)]);
  return { front: frontPng, back: backPng };
}

/**
 * The canvas as packed 8-bit RGB, row by row from the top-left (what most card printer drivers start from
 * before splitting into YMC(K) panels). Panels are opaque, so dropping alpha loses nothing.
 */
export function canvasToRgb(canvas: Canvas): Buffer {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const rgb = Buffer.allocUnsafe(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i] as number;
    rgb[j + 1] = rgba[i + 1] as number;
    rgb[j + 2] = rgba[i + 2] as number;
  }
  return rgb;
}
