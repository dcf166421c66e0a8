/**
 * Input and result types of passive authentication (ICAO 9303-11 section 5.1).
 */

/** What the verifier is given. */
export interface PassiveAuthInput {
  /** EF.SOD as read, with or without the `77` wrapper. */
  sod: Uint8Array;
  /** DG number -> the whole file bytes exactly as read from the chip. */
  dataGroups: ReadonlyMap<number, Uint8Array>;
  /** Trusted CSCA certificates, DER. */
  cscaCertificates: readonly Uint8Array[];
  /** Certificate validity is checked at this moment. */
  at: Date;
  /**
   * Extra Document Signer certificates (DER) to look the signer up in, for an EF.SOD that does not carry its
   * own (ICAO 9303-12 lets issuers distribute DS certificates through the PKD instead).
   */
  documentSignerCertificates?: readonly Uint8Array[];
}

/** Outcome of one check. */
export type PassiveAuthStatus = 'passed' | 'failed' | 'not-checked';

/** One check of the report. */
export interface PassiveAuthCheck {
  /**
   * Stable identifier: `sod-parse`, `dg<n>-hash`, `content-type`, `message-digest`, `sod-signature`,
   * `ds-certificate-validity`, `ds-certificate-chain`.
   */
  name: string;
  /**
   * Whether this check lets the document pass. A data group listed in the SOD but not read is `not-checked`
   * and ok (the caller chose not to read it); a chain that could not be checked (no CSCA given) is
   * `not-checked` and not ok (nothing vouches for the Document Signer).
   */
  ok: boolean;
  status: PassiveAuthStatus;
  /** Human-readable explanation: what was compared, what was found. */
  detail: string;
}

/** The Document Signer certificate as the report describes it. */
export interface ReportedCertificate {
  der: Uint8Array;
  subject: string;
  issuer: string;
  /** Serial number, upper-case hex. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

/** The result of passive authentication: `ok` only when every check is ok. */
export interface PassiveAuthReport {
  ok: boolean;
  checks: PassiveAuthCheck[];
  dsCertificate?: ReportedCertificate;
  /** The CSCA that vouched for the Document Signer (its subject), when the chain check passed. */
  csca?: string;
  /** Hash of the LDS Security Object, e.g. "sha256" (the OID when unknown). */
  hashAlgorithm?: string;
  /** SignerInfo signature algorithm, e.g. "ecdsa-with-SHA256". */
  signatureAlgorithm?: string;
}
