/**
 * Units of the card faces. Layouts are in millimetres (the unit of ISO/IEC 7810 and ICAO 9303); PDF works in
 * points and printers in dots. Every conversion goes through this module so the factors live in one place.
 */

/** Millimetres in one inch (exact by definition). */
export const MM_PER_INCH = 25.4;

/** PostScript points in one inch (exact by definition). */
export const PT_PER_INCH = 72;

/** Card printer resolution: ID-1 printers image at 300 dots per inch. */
export const PRINTER_DPI = 300;

/** ISO/IEC 7810 ID-1 width in millimetres (landscape). */
export const CARD_WIDTH_MM = 85.6;

/** ISO/IEC 7810 ID-1 height in millimetres (landscape). */
export const CARD_HEIGHT_MM = 53.98;

/** ISO/IEC 7810 ID-1 corner radius in millimetres. */
export const CARD_CORNER_RADIUS_MM = 3.18;

/**
 * PDF page size of one card face in points, landscape. 85.60 x 53.98 mm is 242.6457 x 153.0142 pt; the page is
 * rounded to the hundredth of a point so `pdfinfo` reports the familiar 242.65 x 153.01.
 */
export const CARD_PAGE_PT: readonly [number, number] = [242.65, 153.01];

/**
 * Printer panel size in dots, landscape (width first). Evolis-class printers take ID-1 panels of 1016 x 648
 * dots at 300 dpi: slightly larger than the card (1011.0 x 637.6 dots) so edge-to-edge artwork can bleed.
 * Never 648 x 1016: a portrait panel is the classic orientation bug.
 */
export const PANEL_WIDTH_PX = 1016;

/** Printer panel height in dots; see {@link PANEL_WIDTH_PX}. */
export const PANEL_HEIGHT_PX = 648;

/** Points to millimetres. */
export function ptToMm(pt: number): number {
  return (pt * MM_PER_INCH) / PT_PER_INCH;
}

/** Millimetres to points. */
export function mmToPt(mm: number): number {
  return (mm * PT_PER_INCH) / MM_PER_INCH;
}

/** Millimetres to printer dots at `dpi` (300 unless told), unrounded. */
export function mmToPx(mm: number, dpi: number = PRINTER_DPI): number {
  return (mm * dpi) / MM_PER_INCH;
}

/** Printer dots at `dpi` (300 unless told) to millimetres. */
export function pxToMm(px: number, dpi: number = PRINTER_DPI): number {
  return (px * MM_PER_INCH) / dpi;
}

/**
 * Where the card's top-left corner falls on a printer panel, in dots: the card is centred on the panel, and
 * the margin around it (about 2.5 dots left and right, 5.2 dots top and bottom) is bleed.
 */
export const PANEL_CARD_OFFSET_PX: { readonly x: number; readonly y: number } = {
  x: (PANEL_WIDTH_PX - mmToPx(CARD_WIDTH_MM)) / 2,
  y: (PANEL_HEIGHT_PX - mmToPx(CARD_HEIGHT_MM)) / 2,
};
