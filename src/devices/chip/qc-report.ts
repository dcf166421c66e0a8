/**
 * The result of reading a personalized chip back at the QC station: one verdict per security mechanism,
 * every individual check with its reason, and no personal data (field names, never values).
 */

/** One check the QC station made. */
export interface QcCheck {
  /** Stable name, e.g. "bac", "read DG2", "passive authentication: signature", "dg13 fullName". */
  name: string;
  ok: boolean;
  /** Why it passed or failed, for an operator; never a personal value. */
  detail: string;
}

/** One failure, as listed for the operator. */
export interface QcError {
  check: string;
  message: string;
}

/** The QC verdict for one card. */
export interface QcReport {
  /** True when every check passed. */
  passed: boolean;
  /** The chip refused plain access to EF.COM (6982): personalization was locked. */
  locked: boolean;
  /** BAC with the MRZ the card should carry succeeded. */
  bac: boolean;
  /** The SOD signature, the Document Signer chain and every data group hash verified. */
  passiveAuthentication: boolean;
  /** The chip signed a fresh challenge with the key whose public half is in DG15. */
  activeAuthentication: boolean;
  /** DG1 holds the expected MRZ and DG13 the expected fields. */
  dataMatchesRecord: boolean;
  /** UID as hex when the reader reports one (PC/SC GET DATA). */
  chipUid?: string;
  /** Data groups read, by number. */
  dataGroupsRead: number[];
  errors: QcError[];
  checks: QcCheck[];
  /** Commands the QC reader sent (GET RESPONSE inside the channel not counted). */
  apdus: number;
}
