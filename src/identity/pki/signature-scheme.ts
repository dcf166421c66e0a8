/**
 * Turns a signature AlgorithmIdentifier into a concrete scheme (hash, padding, encoding) and verifies with
 * it. Covers what ICAO 9303-11 section 9 / 9303-12 allow for EF.SOD and certificates: ECDSA with SHA-1/2
 * (DER or TR-03111 plain signatures), RSASSA-PKCS1-v1_5 (shaXWithRSAEncryption, or rsaEncryption with the
 * hash taken from the CMS digestAlgorithm, RFC 5652 section 5.4 / RFC 3370 section 3.2) and RSASSA-PSS with
 * its parameters.
 */
import { verify, type KeyObject } from 'node:crypto';
import { decodeSmallInteger, DER_TAG, expectTag } from '../lds/der';
import { LdsFormatError } from '../lds/lds-error';
import { children, readSingleTlv } from '../lds/tlv';
import { readAlgorithmId, hasNoParameters, type AlgorithmId } from './algorithm-identifier';
import { algorithmName, classifySignatureOid, hashOfOid, OID, type HashName } from './algorithms';
import { verifyRsassaPss } from './rsassa-pss';

/** A fully resolved signature scheme. `name` is for reports, e.g. "ecdsa-with-SHA256". */
export type SignatureScheme =
  | { kind: 'ecdsa'; name: string; hash: HashName; encoding: 'der' | 'plain' }
  | { kind: 'rsa-pkcs1'; name: string; hash: HashName }
  | { kind: 'rsa-pss'; name: string; hash: HashName; mgf1Hash: HashName; saltLength: number };

/** A signature algorithm that is not supported or whose parameters are invalid. */
export class SignatureAlgorithmError extends LdsFormatError {
  /** `what` says which algorithm identifier (e.g. "SignerInfo.signatureAlgorithm"). */
  constructor(what: string, problem: string) {
    super('signature algorithm', what, problem);
  }
}

function hashFromAlgorithmId(alg: AlgorithmId, what: string): HashName {
  const h = hashOfOid(alg.oid);
  if (h === undefined) throw new SignatureAlgorithmError(what, `unsupported hash algorithm ${alg.oid}`);
  return h;
}

/** RSASSA-PSS-params with their DEFAULTs: SHA-1, MGF1-SHA-1, salt 20, trailer 1 (RFC 8017 appendix A.2.3). */
function pssParameters(params: Uint8Array | undefined, what: string): { hash: HashName; mgf1Hash: HashName; saltLength: number } {
  let hash: HashName = 'sha1';
  let mgf1Hash: HashName = 'sha1';
  let saltLength = 20;
  if (params === undefined) return { hash, mgf1Hash, saltLength };
  const file = 'signature algorithm';
  const seq = expectTag(readSingleTlv(params), DER_TAG.SEQUENCE, file, `${what} RSASSA-PSS-params`);
  for (const field of children(seq)) {
    const inner = children(field);
    if (inner.length !== 1) throw new SignatureAlgorithmError(what, 'RSASSA-PSS-params field is not one element');
    const value = inner[0]!;
    switch (field.tag) {
      case 0xa0:
        hash = hashFromAlgorithmId(readAlgorithmId(value, file, `${what} hashAlgorithm`), what);
        break;
      case 0xa1: {
        const mgf = readAlgorithmId(value, file, `${what} maskGenAlgorithm`);
        if (mgf.oid !== OID.mgf1 || mgf.parameters === undefined) {
          throw new SignatureAlgorithmError(what, `mask generation function ${mgf.oid} is not MGF1`);
        }
        mgf1Hash = hashFromAlgorithmId(readAlgorithmId(readSingleTlv(mgf.parameters), file, `${what} MGF1 hash`), what);
        break;
      }
      case 0xa2:
        saltLength = decodeSmallInteger(value, file, `${what} saltLength`, 0, 1024);
        break;
      case 0xa3:
        if (decodeSmallInteger(value, file, `${what} trailerField`, 0, 255) !== 1) {
          throw new SignatureAlgorithmError(what, 'trailerField other than 1 (0xBC) is not defined');
        }
        break;
      default:
        throw new SignatureAlgorithmError(what, `unexpected RSASSA-PSS-params field tag ${field.tag.toString(16)}`);
    }
  }
  return { hash, mgf1Hash, saltLength };
}

/**
 * Resolves `alg` (a signature AlgorithmIdentifier). `digest` is the separate digest algorithm when there is
 * one (CMS SignerInfo.digestAlgorithm); it is needed for plain rsaEncryption and must agree with the hash of
 * the other schemes. Throws {@link SignatureAlgorithmError} for unsupported or inconsistent algorithms.
 */
export function resolveSignatureScheme(alg: AlgorithmId, what: string, digest?: HashName): SignatureScheme {
  const kind = classifySignatureOid(alg.oid);
  if (kind === undefined) throw new SignatureAlgorithmError(what, `unsupported signature algorithm ${alg.oid}`);
  const name = algorithmName(alg.oid);
  switch (kind.kind) {
    case 'ecdsa':
      if (!hasNoParameters(alg)) throw new SignatureAlgorithmError(what, `${name} takes no parameters`);
      return { kind: 'ecdsa', name, hash: kind.hash, encoding: kind.encoding };
    case 'rsa-pkcs1':
      return { kind: 'rsa-pkcs1', name, hash: kind.hash };
    case 'rsa-pkcs1-digest-separate':
      if (digest === undefined) throw new SignatureAlgorithmError(what, 'rsaEncryption needs a separate digest algorithm');
      return { kind: 'rsa-pkcs1', name: `rsaEncryption with ${digest}`, hash: digest };
    case 'rsa-pss': {
      const p = pssParameters(alg.parameters, what);
      return { kind: 'rsa-pss', name: `rsassa-pss (${p.hash}, MGF1-${p.mgf1Hash}, salt ${p.saltLength})`, ...p };
    }
  }
}

/**
 * Verifies `signature` over `data` with `publicKey` by `scheme`. Returns false for a wrong signature or a key
 * of the wrong type; never throws for bad signature bytes.
 */
export function verifyWithScheme(scheme: SignatureScheme, publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    switch (scheme.kind) {
      case 'ecdsa':
        if (publicKey.asymmetricKeyType !== 'ec') return false;
        return verify(scheme.hash, data, { key: publicKey, dsaEncoding: scheme.encoding === 'der' ? 'der' : 'ieee-p1363' }, signature);
      case 'rsa-pkcs1':
        if (publicKey.asymmetricKeyType !== 'rsa') return false;
        return verify(scheme.hash, data, publicKey, signature);
      case 'rsa-pss':
        return verifyRsassaPss(publicKey, data, signature, scheme);
    }
  } catch {
    // OpenSSL rejects malformed signature encodings by throwing; for a verifier that is simply "invalid".
    return false;
  }
}
