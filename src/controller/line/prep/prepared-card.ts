import type { ChipImage } from '../../../identity/lds/chip-image';
import type { ProductId } from '../../../identity/products';
import type { QcExpectation } from '../../../devices/chip/qc-reader';
import type { PrintPanels } from '../../../devices/printer/panels';

/**
 * Everything the line needs to produce one record's card, prepared ahead of the stations: the chip image (with its
 * Active Authentication private key), the print panels, and what QC must find on the card. It holds personal data
 * in clear, so it lives only in memory, for records about to enter the line; after a restart it is prepared again
 * from the sealed record.
 */
export interface PreparedCard {
  recordId: number;
  product: ProductId;
  /** `001******45`: the only form of the ID that may reach logs and events. */
  maskedId: string;
  image: ChipImage;
  panels: PrintPanels;
  expectation: QcExpectation;
  /** What the printed QR must decode to. */
  qrPayload: string;
}

/** What data preparation needs for one record (decrypted from the store by the main thread). */
export interface PrepInput {
  recordId: number;
  maskedId: string;
  product: ProductId;
  record: import('../../../identity/record').CitizenRecord;
  photo?: Uint8Array;
}

/** How cards are prepared for a run. */
export interface PrepSettings {
  /** `full`: the whole face in colour; `variable`: pre-printed stock, the QR only (see LineConfig.printContent). */
  printContent: 'full' | 'variable';
}
