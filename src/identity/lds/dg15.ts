/**
 * DG15, the Active Authentication public key (ICAO 9303-10 section 4.7.15, 9303-11 section 6.1):
 * `6F L` + a SubjectPublicKeyInfo (RFC 5280). cardline's chips carry an ECDSA P-256 key
 * (id-ecPublicKey with namedCurve prime256v1, RFC 5480).
 */
import type { KeyObject } from 'node:crypto';
import { publicKeyFromSpki, toPublicKey } from '../pki/public-key';
import { dataGroupFile } from './lds-files';
import { LdsFormatError } from './lds-error';
import { children, encodeTlv, readSingleTlv, tagHex } from './tlv';

const TAG_DG15 = dataGroupFile(15).tag;

/** Builds DG15 from a public key (a private KeyObject is accepted: its public half is used). */
export function buildDg15(key: KeyObject): Uint8Array {
  const spki = toPublicKey(key).export({ type: 'spki', format: 'der' });
  return encodeTlv(TAG_DG15, spki);
}

/** Parsed DG15. */
export interface Dg15 {
  /** The SubjectPublicKeyInfo exactly as stored. */
  spki: Uint8Array;
  publicKey: KeyObject;
}

/** Parses DG15. Throws {@link LdsFormatError} / `TlvError` when malformed or the key is unusable. */
export function parseDg15(bytes: Uint8Array): Dg15 {
  const outer = readSingleTlv(bytes);
  if (outer.tag !== TAG_DG15) throw new LdsFormatError('DG15', 'outer tag', `expected 6F, found ${tagHex(outer.tag)}`, 0);
  const inner = children(outer);
  if (inner.length !== 1) throw new LdsFormatError('DG15', 'SubjectPublicKeyInfo', `expected one element, found ${inner.length}`, outer.valueOffset);
  const spki = inner[0]!.raw;
  try {
    return { spki, publicKey: publicKeyFromSpki(spki) };
  } catch (e) {
    throw new LdsFormatError('DG15', 'SubjectPublicKeyInfo', (e as Error).message, inner[0]!.offset);
  }
}
