/**
 * The QC station's verdict on one card, from the chip read-back and the scanned QR: pass, fail (a defective card:
 * chip, print), or mix-up (the card in front of QC is not this record's card: another chip UID, a chip that does
 * not answer to this record's BAC keys, or the QR of another record of the run). A mix-up is an alarm: it means
 * cards were swapped somewhere, and the other record's card will turn up in the wrong place too.
 */
import type { InspectOutput } from '../../workflows/card-job';
import { BAC_WRONG_CARD_MESSAGE, type QcReport } from '../../devices/chip';

/** What QC saw. */
export interface QcObservation {
  report: QcReport;
  /** The UID the encoder read when it personalized this record's card (undefined after some recoveries). */
  expectedChipUid: string | undefined;
  expectedQr: string;
  /** What the scanner read, or undefined with `scanError` saying why not. */
  scanned: string | undefined;
  scanError?: string;
  /** True when `payload` is the QR of another record of the run. */
  isOtherRecordsQr(payload: string): boolean;
}

/** Decides pass, fail or mix-up; see the module comment. */
export function qcVerdict(o: QcObservation): InspectOutput {
  const uid = o.report.chipUid;
  if (uid !== undefined && o.expectedChipUid !== undefined && o.expectedChipUid !== 'unknown' && uid !== o.expectedChipUid) {
    return { verdict: 'mix-up', reason: `chip UID ${uid} is not the UID ${o.expectedChipUid} personalized for this record` };
  }
  const bacError = o.report.errors.find((e) => e.check === 'bac')?.message;
  // A chip verified at the encoder that now refuses this record's BAC keys is another record's chip; BAC that
  // could not be completed at all (no keys, a dead chip) is a defective card.
  if (!o.report.bac && bacError !== undefined && bacError.startsWith(BAC_WRONG_CARD_MESSAGE)) {
    return { verdict: 'mix-up', reason: `the chip does not answer to this record's BAC keys: ${bacError}` };
  }
  if (o.scanned !== undefined && o.scanned !== o.expectedQr && o.isOtherRecordsQr(o.scanned)) {
    return { verdict: 'mix-up', reason: "the printed QR belongs to another record's card" };
  }
  if (!o.report.passed) {
    return { verdict: 'fail', reason: `chip: ${o.report.errors.map((e) => `${e.check}: ${e.message}`).join('; ')}` };
  }
  if (o.scanned === undefined) return { verdict: 'fail', reason: `QR not read: ${o.scanError ?? 'no code'}` };
  if (o.scanned !== o.expectedQr) return { verdict: 'fail', reason: 'the printed QR does not match the record' };
  return { verdict: 'pass', reason: 'chip (BAC, passive and active authentication, data) and printed QR match the record' };
}
