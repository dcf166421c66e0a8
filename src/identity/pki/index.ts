/**
 * The eMRTD PKI pieces of identity/: certificate building (CSCA, Document Signer), certificate parsing,
 * signature schemes, public keys (with explicit EC parameters normalised) and the Document Signer interface.
 */
export { buildCscaCertificate, buildDocumentSignerCertificate, type CertificateTerms, type CscaCertificateInput, type DocumentSignerCertificateInput } from './certificate-builder';
export { parseCertificate, keyIdentifierOfSpki, type CertificateInfo } from './certificate';
export { encodeName, type DistinguishedName, type NameAttribute, type NameAttributeType } from './distinguished-name';
export { createSoftwareDocumentSigner, type DocumentSigner, type DocumentSignerAlgorithm } from './document-signer';
export { normalizeSpki, publicKeyFromSpki, toPublicKey } from './public-key';
export { resolveSignatureScheme, verifyWithScheme, SignatureAlgorithmError, type SignatureScheme } from './signature-scheme';
export {
  addUtcMonths,
  issueTestPki,
  TEST_CSCA_SUBJECT,
  TEST_DS_SUBJECT,
  TEST_PKI_CURVES,
  TEST_PKI_VALIDITY_MONTHS,
  type TestPkiCertificates,
  type TestPkiInput,
} from './test-pki';
