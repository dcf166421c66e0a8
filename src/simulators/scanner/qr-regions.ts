/**
 * Where on a printer panel the products print their QR code, from the face layouts (millimetres from the card's
 * top-left corner) turned into panel pixels at 300 dpi. The simulated scanner decodes these crops first: jsQR on a
 * 1016 x 648 panel costs several times what it costs on the QR's own corner.
 */
import type { Element } from '../../templates/layout';
import { elementBounds } from '../../templates/layout-bounds';
import { CANCUOC_2024_LAYOUT, CANCUOC_2024_UNDER6_LAYOUT, CCCD_2021_LAYOUT } from '../../templates/products';
import { PANEL_CARD_OFFSET_PX, PANEL_HEIGHT_PX, PANEL_WIDTH_PX, mmToPx } from '../../templates/units';

/** A rectangle of panel pixels. */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The crops to try on each side of a card. */
export interface QrRegions {
  readonly front: readonly PixelBox[];
  readonly back: readonly PixelBox[];
}

/**
 * Margin around the QR's quiet zone, in millimetres: room for the print's registration tolerance on the card
 * (about 1 mm on ID-1 printers) and for jsQR's finder-pattern search, which wants some background around the code.
 */
export const QR_CROP_MARGIN_MM = 2.5;

/** The crop around each QR element of a face, in panel pixels, clamped to the panel. */
export function qrRegionsOfFace(elements: readonly Element[], marginMm: number = QR_CROP_MARGIN_MM): PixelBox[] {
  const regions: PixelBox[] = [];
  for (const el of elements) {
    if (el.kind !== 'qr') continue;
    const box = elementBounds(el);
    if (box === null) continue;
    const x0 = Math.max(0, Math.floor(PANEL_CARD_OFFSET_PX.x + mmToPx(box.x - marginMm)));
    const y0 = Math.max(0, Math.floor(PANEL_CARD_OFFSET_PX.y + mmToPx(box.y - marginMm)));
    const x1 = Math.min(PANEL_WIDTH_PX, Math.ceil(PANEL_CARD_OFFSET_PX.x + mmToPx(box.x + box.width + marginMm)));
    const y1 = Math.min(PANEL_HEIGHT_PX, Math.ceil(PANEL_CARD_OFFSET_PX.y + mmToPx(box.y + box.height + marginMm)));
    if (x1 > x0 && y1 > y0) regions.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return regions;
}

function unique(boxes: readonly PixelBox[]): PixelBox[] {
  const seen = new Set<string>();
  return boxes.filter((b) => {
    const key = `${b.x},${b.y},${b.width},${b.height}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The QR crops of every product layout (2021 CCCD: front top right; 2024 Căn cước: back top right). The card does
 * not say which product it is, so the scanner tries each crop of the side, then the whole panel.
 */
export const PRODUCT_QR_REGIONS: QrRegions = (() => {
  const layouts = [CCCD_2021_LAYOUT, CANCUOC_2024_LAYOUT, CANCUOC_2024_UNDER6_LAYOUT];
  return {
    front: unique(layouts.flatMap((l) => qrRegionsOfFace(l.front))),
    back: unique(layouts.flatMap((l) => qrRegionsOfFace(l.back))),
  };
})();
