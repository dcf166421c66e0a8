/**
 * Printer panels for pre-printed card stock: the card bodies arrive with the artwork (background, emblem,
 * headings, captions) already printed by the card manufacturer, and the line prints only variable data. This
 * renderer lays down the machine-readable part of it, the QR code, in black at exactly the place and size the
 * product's layout gives it, straight into RGB: no canvas, no fonts, well under a millisecond a card. Simulated
 * virtual-time runs use it so that ten thousand cards print in seconds; QC still decodes the printed symbol.
 */
import type { CardView } from './card-view';
import { layoutFor } from './products';
import { qrRuns } from './qr-modules';
import { PANEL_CARD_OFFSET_PX, PANEL_HEIGHT_PX, PANEL_WIDTH_PX, mmToPx } from './units';
import type { Element, QrElement } from './layout';

/** One 300-dpi panel as packed RGB. */
export interface VariablePanel {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** The two sides; a side with nothing variable on it is all white. */
export interface VariablePanels {
  front: VariablePanel;
  back: VariablePanel;
}

/** The QR codes of the card, drawn black on white 1016 x 648 panels at their layout positions. */
export function renderVariablePanels(view: CardView): VariablePanels {
  const layout = layoutFor(view);
  return { front: side(layout.front, view.qrPayload), back: side(layout.back, view.qrPayload) };
}

function side(elements: readonly Element[], payload: string): VariablePanel {
  const rgb = new Uint8Array(PANEL_WIDTH_PX * PANEL_HEIGHT_PX * 3).fill(255);
  for (const el of elements) if (el.kind === 'qr') drawQr(rgb, el, payload);
  return { width: PANEL_WIDTH_PX, height: PANEL_HEIGHT_PX, rgb };
}

function drawQr(rgb: Uint8Array, el: QrElement, payload: string): void {
  const qr = qrRuns(payload);
  const module = el.size / qr.modules;
  // Module edges in panel pixels, rounded once so every module of a row or column gets the same edges.
  const edge = (mm: number, offset: number) => Math.round(offset + mmToPx(mm));
  const xs = Array.from({ length: qr.modules + 1 }, (_, i) => edge(el.x + i * module, PANEL_CARD_OFFSET_PX.x));
  const ys = Array.from({ length: qr.modules + 1 }, (_, i) => edge(el.y + i * module, PANEL_CARD_OFFSET_PX.y));
  for (const run of qr.runs) {
    const x0 = xs[run.x]!;
    const x1 = xs[run.x + run.length]!;
    for (let y = ys[run.y]!; y < ys[run.y + 1]!; y++) {
      rgb.fill(0, (y * PANEL_WIDTH_PX + x0) * 3, (y * PANEL_WIDTH_PX + x1) * 3);
    }
  }
}
