/**
 * SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) -> `node:crypto` KeyObject, with one normalisation: an EC
 * key whose parameters are spelled out explicitly (RFC 3279 section 2.3.5 ECParameters, allowed by ICAO
 * 9303-12) is rewritten to the namedCurve form when the parameters are exactly those of a known named curve.
 *
 * Why rewrite rather than hand the explicit form to OpenSSL: whether OpenSSL accepts explicit parameters
 * depends on its version and build (OpenSSL 3 accepts them for a key but refuses them in chain
 * validation), while the named form works everywhere. A curve not in the table is still offered to OpenSSL
 * as it is.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeInteger, decodeOid, derOid, derSequence, DER_TAG, expectTag } from '../lds/der';
import { LdsFormatError } from '../lds/lds-error';
import { children, readSingleTlv, type Tlv } from '../lds/tlv';
import { OID } from './algorithms';
import { BoundedCache } from './bounded-cache';
import { NAMED_CURVES, type NamedCurveParams } from './ec-named-curves';

const FILE = 'SubjectPublicKeyInfo';

/** Upper-case hex without leading zero octets. */
function stripped(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return Buffer.from(bytes.subarray(i)).toString('hex').toUpperCase();
}

function hexOfInteger(t: Tlv, path: string): string {
  const n = decodeInteger(t, FILE, path);
  const h = n.toString(16).toUpperCase();
  return h.length % 2 === 0 ? h : `0${h}`;
}

function strip(hex: string): string {
  return stripped(Buffer.from(hex, 'hex'));
}

/** True when the encoded base point `g` is the curve's generator (uncompressed, or compressed 02/03 || x). */
function sameGenerator(g: Uint8Array, curve: NamedCurveParams): boolean {
  const expected = Buffer.from(curve.g, 'hex');
  if (g[0] === 0x04) return Buffer.from(g).equals(expected);
  if (g[0] === 0x02 || g[0] === 0x03) {
    const size = (expected.length - 1) / 2;
    const x = expected.subarray(1, 1 + size);
    const yOdd = (expected[expected.length - 1]! & 1) === 1;
    return Buffer.from(g.subarray(1)).equals(x) && (g[0] === 0x03) === yOdd;
  }
  return false;
}

/**
 * The named curve whose parameters the explicit ECParameters element `params` spells out, or undefined.
 * Throws {@link LdsFormatError} when `params` is not a well-formed prime-field ECParameters.
 */
export function namedCurveOfExplicitParameters(params: Tlv): NamedCurveParams | undefined {
  expectTag(params, DER_TAG.SEQUENCE, FILE, 'ECParameters');
  const [version, fieldId, curve, base, order] = children(params);
  if (version === undefined || fieldId === undefined || curve === undefined || base === undefined || order === undefined) {
    throw new LdsFormatError(FILE, 'ECParameters', 'fewer than five elements', params.offset);
  }
  const [fieldType, prime] = children(expectTag(fieldId, DER_TAG.SEQUENCE, FILE, 'ECParameters.fieldID'));
  if (fieldType === undefined || prime === undefined) {
    throw new LdsFormatError(FILE, 'ECParameters.fieldID', 'incomplete', fieldId.offset);
  }
  if (decodeOid(fieldType, FILE, 'ECParameters.fieldID.fieldType') !== OID.primeField) return undefined;
  const [a, b] = children(expectTag(curve, DER_TAG.SEQUENCE, FILE, 'ECParameters.curve'));
  if (a === undefined || b === undefined) throw new LdsFormatError(FILE, 'ECParameters.curve', 'incomplete', curve.offset);
  expectTag(a, DER_TAG.OCTET_STRING, FILE, 'ECParameters.curve.a');
  expectTag(b, DER_TAG.OCTET_STRING, FILE, 'ECParameters.curve.b');
  expectTag(base, DER_TAG.OCTET_STRING, FILE, 'ECParameters.base');
  const p = strip(hexOfInteger(prime, 'ECParameters.prime'));
  const n = strip(hexOfInteger(order, 'ECParameters.order'));
  return NAMED_CURVES.find(
    (c) =>
      strip(c.p) === p &&
      strip(c.n) === n &&
      strip(c.a) === stripped(a.value) &&
      strip(c.b) === stripped(b.value) &&
      sameGenerator(base.value, c),
  );
}

/**
 * `spki` with explicit EC parameters replaced by the namedCurve OID when they match a known curve;
 * otherwise `spki` unchanged. Throws {@link LdsFormatError} / `TlvError` when `spki` is malformed.
 */
export function normalizeSpki(spki: Uint8Array): Uint8Array {
  const outer = expectTag(readSingleTlv(spki), DER_TAG.SEQUENCE, FILE, 'SEQUENCE');
  const [algorithm, key] = children(outer);
  if (algorithm === undefined || key === undefined) throw new LdsFormatError(FILE, 'SEQUENCE', 'incomplete', 0);
  expectTag(key, DER_TAG.BIT_STRING, FILE, 'subjectPublicKey');
  const [algOid, params] = children(expectTag(algorithm, DER_TAG.SEQUENCE, FILE, 'algorithm'));
  if (algOid === undefined) throw new LdsFormatError(FILE, 'algorithm', 'no OID', algorithm.offset);
  if (decodeOid(algOid, FILE, 'algorithm') !== OID.ecPublicKey || params?.tag !== DER_TAG.SEQUENCE) return spki;
  const curve = namedCurveOfExplicitParameters(params);
  if (curve === undefined) return spki;
  return derSequence([derSequence([derOid(OID.ecPublicKey), derOid(curve.oid)]), key.raw]);
}

/** KeyObjects by SPKI bytes: the same DS and CSCA keys come back on every card. */
const keyCache = new BoundedCache<KeyObject>(64);

/**
 * A KeyObject for the SubjectPublicKeyInfo `spki` (DER), normalising explicit EC parameters first. Throws
 * {@link LdsFormatError} when the structure is malformed or OpenSSL cannot use the key.
 */
export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  return keyCache.getOrCreate(Buffer.from(spki).toString('base64'), () => {
    const normalized = normalizeSpki(spki);
    try {
      return createPublicKey({ key: Buffer.from(normalized), format: 'der', type: 'spki' });
    } catch (e) {
      throw new LdsFormatError(FILE, 'key', `not usable: ${(e as Error).message}`);
    }
  });
}

/** The public half of `key`: `key` itself when it is already public (createPublicKey refuses public KeyObjects). */
export function toPublicKey(key: KeyObject): KeyObject {
  return key.type === 'public' ? key : createPublicKey(key);
}
