/**
 * Pieces both Vietnamese card products share: the national heading, the TD1 MRZ block with its clear zone, the
 * chip module position, and the palette.
 */
import type { Bilingual, Element, TextStyle } from '../layout';
import { CARD_HEIGHT_MM, CARD_WIDTH_MM } from '../units';

/** Data is always printed black. */
export const DATA_BLACK = '#000000';

/** The red of the card titles and the emblem. */
export const TITLE_RED = '#c8102e';

/** Near-black for the national heading. */
export const HEADING_INK = '#1a1a1a';

/** The four lines of the national heading (quốc hiệu and tiêu ngữ, then their English versions). */
export const NATIONAL_HEADING = {
  country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  countryEn: 'SOCIALIST REPUBLIC OF VIET NAM',
  mottoEn: 'Independence - Freedom - Happiness',
} as const;

/**
 * Baselines of the four heading lines, in millimetres from the top edge. Spacing follows the layout rule of
 * this folder: the next line's tallest possible glyph (1.13 em) clears the previous line's lowest (0.22 em).
 */
export const HEADING_BASELINES = [4.3, 6.9, 9.25, 11.55] as const;

/** The national heading centred in the band from `x` to `x + width`. */
export function nationalHeading(x: number, width: number): Element[] {
  const line = (text: string, baseline: number, bold: boolean, size: number): Element => ({
    kind: 'text',
    x,
    baseline,
    width,
    font: bold ? 'condensed-bold' : 'condensed',
    size,
    color: HEADING_INK,
    align: 'center',
    source: { literal: text },
  });
  return [
    line(NATIONAL_HEADING.country, HEADING_BASELINES[0], true, 5.6),
    line(NATIONAL_HEADING.motto, HEADING_BASELINES[1], true, 5.4),
    line(NATIONAL_HEADING.countryEn, HEADING_BASELINES[2], false, 4.8),
    line(NATIONAL_HEADING.mottoEn, HEADING_BASELINES[3], false, 4.8),
  ];
}

/** ICAO 9303-3 character pitch of the MRZ: 10 characters per inch. */
export const MRZ_PITCH_MM = 2.54;

/** Distance between MRZ baselines: 6 lines per inch. */
export const MRZ_LINE_SPACING_MM = 4.23;

/** Height of MRZ capitals (OCR-B at its 10-per-inch design size). */
export const MRZ_CAP_HEIGHT_MM = 2.5;

/** Baseline of the last MRZ line, 3.2 mm above the bottom edge (clear of the 2 mm safe margin). */
export const MRZ_LAST_BASELINE_MM = CARD_HEIGHT_MM - 3.2;

/**
 * Top of the MRZ clear zone: the bottom 17.9 mm of the back (the TD1 effective reading zone height) carries
 * nothing but the MRZ and the background.
 */
export const MRZ_CLEAR_ZONE_TOP_MM = CARD_HEIGHT_MM - 17.9;

/** The 3-line MRZ, centred horizontally (30 x 2.54 = 76.2 mm), at the bottom of the back, with its clear zone. */
export function mrzBlock(): Element[] {
  return [
    {
      kind: 'clear-zone',
      x: 0,
      y: MRZ_CLEAR_ZONE_TOP_MM,
      width: CARD_WIDTH_MM,
      height: CARD_HEIGHT_MM - MRZ_CLEAR_ZONE_TOP_MM,
      allows: ['mrz', 'background'],
      reason: 'MRZ clear zone (ICAO 9303 TD1): nothing but the MRZ may be printed here',
    },
    {
      kind: 'mrz',
      x: (CARD_WIDTH_MM - 30 * MRZ_PITCH_MM) / 2,
      baseline: MRZ_LAST_BASELINE_MM - 2 * MRZ_LINE_SPACING_MM,
      pitch: MRZ_PITCH_MM,
      lineSpacing: MRZ_LINE_SPACING_MM,
      capHeight: MRZ_CAP_HEIGHT_MM,
      color: DATA_BLACK,
    },
  ];
}

/**
 * The chip module's contact plate on the face that carries it. ISO/IEC 7816-2 places contacts C1-C8 between
 * 10.25 and 19.87 mm from the left edge and 19.23 and 28.55 mm from the top edge; the plate adds about 1 mm
 * around them.
 */
export const CHIP_PLATE = { x: 9.25, y: 18.2, width: 11.6, height: 11.4 } as const;

/** The chip contacts element at the ISO position. */
export function chipContacts(): Element {
  return { kind: 'chip', style: 'contacts', ...CHIP_PLATE };
}

/** A bilingual caption. */
export function bilingual(vi: string, en: string): Bilingual {
  return { vi, en };
}

/** Builds a text style. */
export function style(font: TextStyle['font'], size: number, color: string): TextStyle {
  return { font, size, color };
}
