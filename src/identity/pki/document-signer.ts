/**
 * The Document Signer: the key that signs every card's EF.SOD (ICAO 9303-12 section 5.4). Signing goes
 * through an interface so that a PKCS#11 HSM can take the software key's place (PCI Card Production logical
 * requirements: signing keys in an HSM); `sign` is asynchronous for that reason.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { parseCertificate } from './certificate';
import { publicKeyFromSpki } from './public-key';
import { signatureAlgorithmForKey } from './signing-key';

/** Signature algorithms a Document Signer may announce. */
export type DocumentSignerAlgorithm = 'ecdsa-with-SHA256' | 'ecdsa-with-SHA384' | 'ecdsa-with-SHA512';

/** Anything that can sign EF.SOD signed attributes. */
export interface DocumentSigner {
  /** The Document Signer certificate, DER. It goes into EF.SOD and names the signer (issuerAndSerialNumber). */
  readonly certificateDer: Uint8Array;
  /** The algorithm `sign` uses; it becomes SignerInfo.signatureAlgorithm. */
  readonly signatureAlgorithm: DocumentSignerAlgorithm;
  /**
   * Signs `data` (the DER SET OF signed attributes, RFC 5652 section 5.4): hashes it with the algorithm's hash
   * and returns the signature as CMS carries it, i.e. a DER Ecdsa-Sig-Value for ECDSA (RFC 5753 section
   * 2.1.1). An HSM returning raw r||s must convert.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A software Document Signer over a node KeyObject (EC P-256, P-384 or P-521; the hash follows the curve).
 * Throws a RangeError when the key is not such an EC key or does not belong to `certificateDer`.
 */
export function createSoftwareDocumentSigner(privateKey: KeyObject, certificateDer: Uint8Array): DocumentSigner {
  if (privateKey.type !== 'private') throw new RangeError('the Document Signer needs a private key');
  const alg = signatureAlgorithmForKey(privateKey);
  if (privateKey.asymmetricKeyType !== 'ec') throw new RangeError('the software Document Signer supports EC keys only');
  const cert = parseCertificate(certificateDer);
  if (!createPublicKey(privateKey).equals(publicKeyFromSpki(cert.spki))) {
    throw new RangeError('the Document Signer private key does not match its certificate');
  }
  const certificate = Uint8Array.from(certificateDer);
  return {
    certificateDer: certificate,
    signatureAlgorithm: alg.name as DocumentSignerAlgorithm,
    sign: (data) => Promise.resolve(new Uint8Array(sign(alg.hash, data, { key: privateKey, dsaEncoding: 'der' }))),
  };
}
