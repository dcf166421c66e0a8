/**
 * The profile of cardline's test PKI (names, validity periods) and a pure function that issues both
 * certificates from given keys, serials and a moment. ICAO 9303-12 section 5 sets the rules followed:
 *
 * - Document Signer: private key usage period 3 months; certificate validity = that period + the longest
 *   validity of a card it signs. A Vietnamese card issued on the holder's 38th birthday runs to the 60th
 *   (2014 and 2023 laws, "within two years of 40" rule), 22 years, the longest finite validity; so the DS
 *   certificate is valid 22 years and 3 months. Cards issued at 58 or later never expire and outlive any
 *   certificate: a reader verifying them long after issue must use the chain model (validity at signing
 *   time), which is how cardline's QC verifies anyway (at production time).
 * - CSCA: key usage period 5 years (9303-12: 3-5 years), certificate validity = 5 years + the DS validity,
 *   rounded up: 28 years.
 * - CSCA key ECDSA P-384 with ecdsa-with-SHA384, Document Signer key ECDSA P-256 with ecdsa-with-SHA256: the
 *   longer-lived key is the stronger one (BSI TR-03116-2 makes the same split).
 */
import type { KeyObject } from 'node:crypto';
import { buildCscaCertificate, buildDocumentSignerCertificate } from './certificate-builder';
import type { DistinguishedName } from './distinguished-name';

/** Subject of the test CSCA. "TEST" in the name keeps it from being taken for a real one. */
export const TEST_CSCA_SUBJECT: DistinguishedName = [
  { type: 'C', value: 'VN' },
  { type: 'O', value: 'cardline test PKI' },
  { type: 'CN', value: 'cardline TEST CSCA Viet Nam' },
];

/** Subject of the test Document Signer. */
export const TEST_DS_SUBJECT: DistinguishedName = [
  { type: 'C', value: 'VN' },
  { type: 'O', value: 'cardline test PKI' },
  { type: 'OU', value: 'Document Signer' },
  { type: 'CN', value: 'cardline TEST Document Signer 01' },
];

/** Curves of the two keys (node:crypto names). */
export const TEST_PKI_CURVES = { csca: 'secp384r1', documentSigner: 'prime256v1' } as const;

/** Validity periods in months, with the reasoning of the module comment. */
export const TEST_PKI_VALIDITY_MONTHS = {
  csca: 28 * 12,
  documentSignerKeyUsage: 3,
  documentSigner: 22 * 12 + 3,
} as const;

/** `date` plus `months` calendar months (UTC), the day clamped to the end of a shorter month. */
export function addUtcMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
}

/** Inputs of {@link issueTestPki}. */
export interface TestPkiInput {
  cscaPrivateKey: KeyObject;
  documentSignerPrivateKey: KeyObject;
  /** Start of both validity periods (seconds are kept, milliseconds dropped). */
  now: Date;
  cscaSerial: bigint;
  documentSignerSerial: bigint;
}

/** Both certificates of a test PKI, DER. */
export interface TestPkiCertificates {
  csca: Uint8Array;
  documentSigner: Uint8Array;
}

/** Issues the CSCA and Document Signer certificates of the test profile from `input`. */
export function issueTestPki(input: TestPkiInput): TestPkiCertificates {
  const start = new Date(Math.floor(input.now.getTime() / 1000) * 1000);
  const csca = buildCscaCertificate({
    subject: TEST_CSCA_SUBJECT,
    privateKey: input.cscaPrivateKey,
    serialNumber: input.cscaSerial,
    notBefore: start,
    notAfter: addUtcMonths(start, TEST_PKI_VALIDITY_MONTHS.csca),
  });
  const documentSigner = buildDocumentSignerCertificate({
    subject: TEST_DS_SUBJECT,
    publicKey: input.documentSignerPrivateKey,
    serialNumber: input.documentSignerSerial,
    notBefore: start,
    notAfter: addUtcMonths(start, TEST_PKI_VALIDITY_MONTHS.documentSigner),
    privateKeyUsageEnd: addUtcMonths(start, TEST_PKI_VALIDITY_MONTHS.documentSignerKeyUsage),
    issuerCertificate: csca,
    issuerPrivateKey: input.cscaPrivateKey,
  });
  return { csca, documentSigner };
}
