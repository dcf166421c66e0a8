/**
 * Card faces: the view-model, the declarative layouts of both products, and the two renderers (PDF proofs and
 * 300-dpi printer panels) that share them. See FACES.md for the layout choices.
 */
export { NO_EXPIRY_TEXT, formatCardDate, toCardView, variantFor } from './card-view';
export type { CardTextField, CardVariant, CardView } from './card-view';
export type * from './layout';
export { layerOf } from './layout';
export { CARD_BOX, SAFE_BOX, SAFE_MARGIN_MM, elementBounds } from './layout-bounds';
export type { Box } from './layout-bounds';
export { layoutFor } from './products';
export { ALL_LAYERS, PRINT_LAYERS, paintFace } from './paint-face';
export type { FitNote, PaintOptions } from './paint-face';
export type { Painter } from './painter';
export { mrzFont, setMrzTypeface } from './fonts';
export type { MrzFont, MrzTypeface } from './fonts';
export { PDF_CREATION_DATE, renderCardPdf } from './render-pdf';
export { canvasToRgb, renderCardCanvases, renderCardPanels } from './render-raster';
export type { CardCanvases, CardPanels } from './render-raster';
export { drawSyntheticPhoto } from './photo';
export * from './units';
