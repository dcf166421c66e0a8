/**
 * `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }` (RFC 5280
 * section 4.1.1.2), read from DER without re-encoding anything.
 */
import { decodeOid, DER_TAG, expectTag } from '../lds/der';
import { LdsFormatError } from '../lds/lds-error';
import { children, type Tlv } from '../lds/tlv';

/** A parsed AlgorithmIdentifier. */
export interface AlgorithmId {
  /** Dotted OID. */
  oid: string;
  /** The parameters element exactly as encoded (tag, length, value), or undefined when absent. */
  parameters?: Uint8Array;
}

/** Reads an AlgorithmIdentifier element. `file` and `path` locate it for error messages. */
export function readAlgorithmId(tlv: Tlv, file: string, path: string): AlgorithmId {
  expectTag(tlv, DER_TAG.SEQUENCE, file, path);
  const parts = children(tlv);
  if (parts.length < 1 || parts.length > 2) {
    throw new LdsFormatError(file, path, `AlgorithmIdentifier has ${parts.length} elements`, tlv.offset);
  }
  const oid = decodeOid(parts[0]!, file, `${path}.algorithm`);
  return parts[1] === undefined ? { oid } : { oid, parameters: parts[1].raw };
}

/** True when the parameters are absent or an explicit NULL (both mean "no parameters", RFC 5754 section 2). */
export function hasNoParameters(alg: AlgorithmId): boolean {
  const p = alg.parameters;
  return p === undefined || (p.length === 2 && p[0] === DER_TAG.NULL && p[1] === 0);
}
