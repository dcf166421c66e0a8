/**
 * Print panels: what the host prints (300-dpi RGB, 1016 x 648, landscape) and what a YMCKO ribbon printer takes
 * (one 8-bit plane per ribbon panel). The split is the classic one of dye-sublimation drivers:
 * - y, m, c: the subtractive complements of b, g, r (0 = no dye, 255 = full dye);
 * - k (resin black): 255 where a pixel is near-black (every channel <= {@link NEAR_BLACK_MAX}), so text, the MRZ
 *   and QR modules print in sharp resin rather than a muddy three-dye black; those pixels get no y/m/c;
 * - o (overlay varnish): 255 everywhere (a full protective overlay).
 * {@link composeRgb} is the inverse a printer applies: a k pixel prints black (0,0,0), any other pixel prints
 * (255 - c, 255 - m, 255 - y). So a print round-trips exactly except that near-black becomes pure black.
 */
import { PanelFormatError } from './errors';

/** Panel width in dots (landscape). */
export const PANEL_WIDTH = 1016;
/** Panel height in dots. Never the width: a 648 x 1016 panel is the classic orientation bug. */
export const PANEL_HEIGHT = 648;
/** Dots in one panel, and bytes in one ribbon plane. */
export const PANEL_DOTS = PANEL_WIDTH * PANEL_HEIGHT;
/** A pixel whose channels are all at most this prints with resin black (k). */
export const NEAR_BLACK_MAX = 40;

/** A 300-dpi RGB image: 3 bytes per pixel, rows top to bottom (what `canvasToRgb` gives). */
export interface RgbPanel {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** What to print on a card: the front, and the back for a two-sided card. */
export interface PrintPanels {
  front: RgbPanel;
  back?: RgbPanel;
}

/** The ribbon panels of a YMCKO ribbon, in the order they are printed. */
export const YMCKO = ['y', 'm', 'c', 'k', 'o'] as const;
/** One ribbon panel's name. */
export type RibbonPanel = (typeof YMCKO)[number];
/** One side split into ribbon planes, each {@link PANEL_DOTS} bytes. */
export type SidePlanes = Record<RibbonPanel, Uint8Array>;

/**
 * Checks a panel before anything is sent.
 * @throws PanelFormatError for a portrait panel (648 x 1016), any other size, or an RGB buffer of the wrong length
 */
export function checkPanel(panel: RgbPanel, side: 'front' | 'back'): void {
  const { width, height, rgb } = panel;
  if (width === PANEL_HEIGHT && height === PANEL_WIDTH) {
    throw new PanelFormatError(
      `${side} panel is ${width} x ${height} (portrait); the printer takes ${PANEL_WIDTH} x ${PANEL_HEIGHT} landscape: render the face landscape, do not rotate the card`,
    );
  }
  if (width !== PANEL_WIDTH || height !== PANEL_HEIGHT) {
    throw new PanelFormatError(`${side} panel is ${width} x ${height}; the printer takes ${PANEL_WIDTH} x ${PANEL_HEIGHT} (300 dpi, landscape)`);
  }
  if (rgb.length !== PANEL_DOTS * 3) {
    throw new PanelFormatError(`${side} panel has ${rgb.length} bytes of RGB; ${PANEL_WIDTH} x ${PANEL_HEIGHT} x 3 is ${PANEL_DOTS * 3}`);
  }
}

/** Splits packed RGB into y, m, c, k, o planes (see the module comment). */
export function splitRgb(rgb: Uint8Array): SidePlanes {
  const dots = rgb.length / 3;
  const y = new Uint8Array(dots);
  const m = new Uint8Array(dots);
  const c = new Uint8Array(dots);
  const k = new Uint8Array(dots);
  const o = new Uint8Array(dots).fill(255);
  for (let i = 0, j = 0; i < dots; i++, j += 3) {
    const r = rgb[j]!;
    const g = rgb[j + 1]!;
    const b = rgb[j + 2]!;
    if (r <= NEAR_BLACK_MAX && g <= NEAR_BLACK_MAX && b <= NEAR_BLACK_MAX) {
      k[i] = 255;
    } else {
      c[i] = 255 - r;
      m[i] = 255 - g;
      y[i] = 255 - b;
    }
  }
  return { y, m, c, k, o };
}

/** What a printer lays down from the planes, as RGB (see the module comment). */
export function composeRgb(planes: SidePlanes): Uint8Array {
  const dots = planes.y.length;
  const rgb = new Uint8Array(dots * 3);
  const { y, m, c, k } = planes;
  for (let i = 0, j = 0; i < dots; i++, j += 3) {
    if (k[i]! >= 128) continue; // resin black: (0, 0, 0)
    rgb[j] = 255 - c[i]!;
    rgb[j + 1] = 255 - m[i]!;
    rgb[j + 2] = 255 - y[i]!;
  }
  return rgb;
}
