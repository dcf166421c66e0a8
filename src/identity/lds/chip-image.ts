/**
 * What goes onto one card's chip: the elementary files of the ICAO LDS1 eMRTD application, the BAC key
 * material and the Active Authentication private key. Built by data preparation, consumed by a
 * personalizer (devices/chip) and checked again by QC.
 */

/** One elementary file of the eMRTD application (ICAO 9303-10). */
export interface ChipFile {
  /** File identifier, e.g. 0x011E for EF.COM, 0x0101 for DG1. */
  fid: number;
  /** Short file identifier (ICAO 9303-10 table), e.g. 0x1E for EF.COM, 0x01 for DG1. */
  sfi: number;
  /** Human-readable name: "EF.COM", "DG1", ..., "EF.SOD". */
  name: string;
  /** The whole file: outer tag, length and value, exactly as stored on the chip. */
  bytes: Uint8Array;
}

/** The three MRZ fields that key Basic Access Control, as printed in the MRZ (ICAO 9303-11 section 4.3). */
export interface BacKeyInput {
  /** Document number `<`-padded to at least 9 characters (the trap of REFERENCE.md section 6). */
  documentNumber: string;
  /** YYMMDD. */
  dateOfBirth: string;
  /** YYMMDD; `991231` for a card without expiry. */
  dateOfExpiry: string;
}

/** Everything a personalizer writes to one card. */
export interface ChipImage {
  /** EF.COM, DG1, DG2, DG13, DG15 and EF.SOD, in the order they are written. */
  files: ChipFile[];
  bac: BacKeyInput;
  /** Active Authentication private key, PKCS#8 DER (ECDSA P-256); its public key is in DG15. */
  aaPrivateKeyPkcs8: Uint8Array;
}
