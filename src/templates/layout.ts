/**
 * Declarative card-face layouts. A layout is data: positions and sizes in millimetres from the card's top-left
 * corner (landscape, y down), font sizes in points, colours as `#rrggbb`. Renderers walk the same layout
 * (see paint-face.ts), so the PDF proof and the printer panel cannot drift apart.
 */
import type { CardTextField } from './card-view';

/**
 * Typeface roles. Layouts name a role, never a font file: fonts.ts maps roles to files (DejaVu for text,
 * OCR-B or its fallback for the MRZ).
 */
export type FontRole = 'regular' | 'bold' | 'condensed' | 'condensed-bold' | 'mrz';

/** A colour, `#rrggbb`. */
export type Color = string;

/** One stop of a gradient: `offset` from 0 (start) to 1 (end). */
export interface GradientStop {
  readonly offset: number;
  readonly color: Color;
}

/** Elliptical radial gradient, centre (cx, cy), radii rx / ry, first stop at the centre. Millimetres. */
export interface RadialGradient {
  readonly kind: 'radial';
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
  readonly stops: readonly GradientStop[];
}

/** Linear gradient from (x1, y1) to (x2, y2). Millimetres. */
export interface LinearGradient {
  readonly kind: 'linear';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stops: readonly GradientStop[];
}

/** How a surface is filled. */
export type Paint = Color | RadialGradient | LinearGradient;

/** A stroked outline. `width` in millimetres; `dash` is [on, off] in millimetres. */
export interface Stroke {
  readonly color: Color;
  readonly width: number;
  readonly dash?: readonly [number, number];
}

/**
 * What an element is, for production. `artwork` is the same on every card (background, emblem, headings,
 * labels: pre-printed on card bodies in a factory, or printed with the data on blank white cards);
 * `personal` is the holder's data (text, photo, QR, MRZ); `placeholder` stands in for artwork cardline does
 * not have (signature, seal, fingerprint images); `physical` marks a part of the card body that is not printed
 * at all (the chip's contact plate).
 */
export type Layer = 'artwork' | 'personal' | 'placeholder' | 'physical';

/** What a text prints: a {@link CardView} field, or fixed text. */
export type TextSource = { readonly field: CardTextField } | { readonly literal: string };

/** A label in Vietnamese and English, printed as "vi / en" or on two lines. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** Horizontal alignment within an element's width. */
export type Align = 'left' | 'center' | 'right';

/** Fields every text-like element shares. */
export interface TextStyle {
  readonly font: FontRole;
  /** Font size in points. */
  readonly size: number;
  readonly color: Color;
}

/**
 * Text in a box `width` mm wide whose first baseline is at `baseline`. Shrink-to-fit: text too wide is set
 * smaller, down to `minSize` (default 75 % of `size`); text that still does not fit wraps onto at most
 * `maxLines` lines (default 1), and a line that still does not fit is condensed horizontally, so nothing is
 * ever cut off or spills out of the box.
 */
export interface TextElement extends TextStyle {
  readonly kind: 'text';
  readonly x: number;
  readonly baseline: number;
  readonly width: number;
  readonly source: TextSource;
  readonly align?: Align;
  readonly transform?: 'uppercase';
  readonly minSize?: number;
  readonly maxLines?: number;
  /** Distance between baselines in millimetres (default 1.2 x the size). */
  readonly lineHeight?: number;
}

/**
 * A bilingual caption. `inline` prints "vi / en" on one line; `stacked` prints vi, then en on the next line at
 * `enSize` (default `size`). `colon` appends ":" the way the cards do before a value.
 */
export interface LabelElement extends TextStyle {
  readonly kind: 'label';
  readonly x: number;
  readonly baseline: number;
  readonly width: number;
  readonly text: Bilingual;
  readonly arrangement: 'inline' | 'stacked';
  readonly enSize?: number;
  readonly enFont?: FontRole;
  readonly align?: Align;
  readonly colon?: boolean;
  readonly lineHeight?: number;
}

/**
 * A label followed on the same line by its value, the cards' "Ngày sinh / Date of birth: 15/03/1999" form.
 * The value starts 1 mm after the measured label; with `maxLines` > 1 it continues on lines below that start
 * at `x` and use the full width.
 */
export interface FieldElement {
  readonly kind: 'field';
  readonly x: number;
  readonly baseline: number;
  readonly width: number;
  readonly label: Bilingual;
  readonly labelStyle: TextStyle;
  readonly source: TextSource;
  readonly valueStyle: TextStyle;
  readonly transform?: 'uppercase';
  readonly maxLines?: number;
  readonly lineHeight?: number;
  /** Smallest value size in points before lines are condensed (default 80 % of the value size). */
  readonly minSize?: number;
}

/** The holder's photo box; the JPEG is scaled to cover the box and cropped, centred. */
export interface PhotoElement {
  readonly kind: 'photo';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The QR code of the view's payload: `size` is the symbol itself (modules only), drawn as vector rectangles;
 * a white quiet zone `quietZone` mm wide surrounds it.
 */
export interface QrElement {
  readonly kind: 'qr';
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly quietZone: number;
}

/**
 * The 3-line TD1 machine readable zone. `x` is the left edge of the first character cell, `baseline` the
 * baseline of line 1; characters sit on a fixed `pitch` (2.54 mm, ICAO 9303-3) and lines `lineSpacing` apart.
 */
export interface MrzElement {
  readonly kind: 'mrz';
  readonly x: number;
  readonly baseline: number;
  readonly pitch: number;
  readonly lineSpacing: number;
  /** Height of capital letters in millimetres; fonts.ts turns it into a font size for the MRZ typeface. */
  readonly capHeight: number;
  readonly color: Color;
}

/** The state emblem, drawn (simplified): red disc, yellow star, gold rim and cogwheel. */
export interface EmblemElement {
  readonly kind: 'emblem';
  readonly cx: number;
  readonly cy: number;
  readonly diameter: number;
}

/**
 * The chip. `contacts` is the gold contact plate of the embedded module (ISO/IEC 7816-2 position, layer
 * `physical`); `emrtd-symbol` is the ICAO 9303 "chip inside" symbol printed to announce the contactless chip.
 */
export interface ChipElement {
  readonly kind: 'chip';
  readonly style: 'contacts' | 'emrtd-symbol';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Line colour of the symbol (ignored for contacts). */
  readonly color?: Color;
}

/** A fingerprint box with its bilingual caption stacked above the box, all inside (x, y, width, height). */
export interface FingerprintElement {
  readonly kind: 'fingerprint';
  readonly finger: 'left-index' | 'right-index';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly label: Bilingual;
  readonly labelStyle: TextStyle;
  /** Height reserved for the caption at the top of the element, in millimetres. */
  readonly labelHeight: number;
}

/** Where the issuing officer's signature goes (a drawn stand-in). */
export interface SignatureElement {
  readonly kind: 'signature';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly color: Color;
}

/** Where the issuing authority's seal goes (a drawn stand-in: red rings and star). */
export interface SealElement {
  readonly kind: 'seal';
  readonly cx: number;
  readonly cy: number;
  readonly diameter: number;
  readonly color: Color;
}

/** A rectangle, filled and/or stroked, optionally with rounded corners (`radius` mm). */
export interface RectElement {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill?: Paint;
  readonly stroke?: Stroke;
  readonly radius?: number;
}

/** A straight line. */
export interface LineElement {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stroke: Stroke;
}

/** The face background: fills the whole card, and the bleed around it on printer panels. */
export interface BackgroundElement {
  readonly kind: 'background';
  readonly paint: Paint;
}

/**
 * A band where nothing but the named element kinds may be printed (the MRZ clear zone). Not drawn: layout
 * checks and tests read it.
 */
export interface ClearZoneElement {
  readonly kind: 'clear-zone';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly allows: readonly Element['kind'][];
  readonly reason: string;
}

/** Anything a face is made of. */
export type Element =
  | TextElement
  | LabelElement
  | FieldElement
  | PhotoElement
  | QrElement
  | MrzElement
  | EmblemElement
  | ChipElement
  | FingerprintElement
  | SignatureElement
  | SealElement
  | RectElement
  | LineElement
  | BackgroundElement
  | ClearZoneElement;

/** Both faces of one product variant, each painted in array order (later elements on top). */
export interface CardLayout {
  readonly front: readonly Element[];
  readonly back: readonly Element[];
}

/**
 * The production layer of an element (see {@link Layer}). For elements that mix layers this is the layer of the
 * variable part: a field's caption is artwork and its value personal; a fingerprint box's caption and frame are
 * artwork and the print in it a placeholder. The layout walk paints each part with its own layer.
 */
export function layerOf(element: Element): Layer {
  switch (element.kind) {
    case 'text':
    case 'field':
      return 'field' in element.source ? 'personal' : 'artwork';
    case 'photo':
    case 'qr':
    case 'mrz':
      return 'personal';
    case 'chip':
      return element.style === 'contacts' ? 'physical' : 'artwork';
    case 'fingerprint':
    case 'signature':
    case 'seal':
      return 'placeholder';
    default:
      return 'artwork';
  }
}
