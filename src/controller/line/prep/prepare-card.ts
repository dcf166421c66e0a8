import { generateKeyPairSync } from 'node:crypto';
import { buildChipImage } from '../../../identity/lds/chip-image-builder';
import { buildQrPayload } from '../../../identity/qr-payload';
import type { DocumentSigner } from '../../../identity/pki/document-signer';
import { qcExpectationForRecord } from '../../../devices/chip/qc-reader';
import { toCardView } from '../../../templates/card-view';
import { renderVariablePanels } from '../../../templates/render-variable';
import { canvasToRgb, renderCardCanvases } from '../../../templates/render-raster';
import { PRINT_LAYERS } from '../../../templates/paint-face';
import type { PrintPanels } from '../../../devices/printer/panels';
import type { PreparedCard, PrepInput, PrepSettings } from './prepared-card';

/**
 * Data preparation for one record: a fresh Active Authentication key, the chip image signed by the Document
 * Signer, the print panels and the QC expectation. CPU-bound; runs in worker threads (prep-pool.ts).
 */
export async function prepareCard(input: PrepInput, signer: DocumentSigner, settings: PrepSettings): Promise<PreparedCard> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const aaPrivateKeyPkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  const image = await buildChipImage({
    record: input.record,
    product: input.product,
    ...(input.photo === undefined ? {} : { photoJpeg: input.photo }),
    aaPrivateKeyPkcs8,
    signer,
  });
  const view = toCardView(input.record, input.product, input.photo);
  let panels: PrintPanels;
  if (settings.printContent === 'variable') {
    const v = renderVariablePanels(view);
    panels = { front: v.front, back: v.back };
  } else {
    const canvases = renderCardCanvases(view, { layers: PRINT_LAYERS });
    panels = {
      front: { width: canvases.front.width, height: canvases.front.height, rgb: canvasToRgb(canvases.front) },
      back: { width: canvases.back.width, height: canvases.back.height, rgb: canvasToRgb(canvases.back) },
    };
  }
  return {
    recordId: input.recordId,
    product: input.product,
    maskedId: input.maskedId,
    image,
    panels,
    expectation: qcExpectationForRecord(input.record, input.product),
    qrPayload: buildQrPayload(input.record, input.product),
  };
}

/** The large buffers of a prepared card, moved rather than copied between threads. */
export function preparedCardBuffers(card: PreparedCard): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const p of [card.panels.front, card.panels.back]) {
    if (p && p.rgb.buffer instanceof ArrayBuffer && p.rgb.byteOffset === 0 && p.rgb.byteLength === p.rgb.buffer.byteLength) out.add(p.rgb.buffer);
  }
  return [...out];
}
