/**
 * The LDS Security Object, the content that EF.SOD signs (ICAO 9303-10 section 4.6.2.2):
 *
 * ```
 * LDSSecurityObject ::= SEQUENCE {
 *   version             LDSSecurityObjectVersion,     -- v0(0), or v1(1) with ldsVersionInfo
 *   hashAlgorithm       DigestAlgorithmIdentifier,
 *   dataGroupHashValues SEQUENCE SIZE (2..ub-DataGroups) OF DataGroupHash,
 *   ldsVersionInfo      LDSVersionInfo OPTIONAL }      -- present iff version is v1
 * DataGroupHash ::= SEQUENCE { dataGroupNumber INTEGER (1..16), dataGroupHashValue OCTET STRING }
 * LDSVersionInfo ::= SEQUENCE { ldsVersion PrintableString, unicodeVersion PrintableString }
 * ```
 * cardline writes v0 (no ldsVersionInfo), the hash AlgorithmIdentifier without parameters (RFC 5754
 * section 2: SHA-2 identifiers are generated with absent parameters), hashes in ascending DG order.
 */
import { readAlgorithmId, type AlgorithmId } from '../pki/algorithm-identifier';
import { HASH_OID, type HashName } from '../pki/algorithms';
import {
  decodeSmallInteger,
  decodeString,
  DER_TAG,
  derInteger,
  derOctetString,
  derOid,
  derSequence,
  expectTag,
} from './der';
import { LdsFormatError } from './lds-error';
import { children, readTlv } from './tlv';

const FILE = 'EF.SOD';

/** A parsed LDS Security Object. */
export interface LdsSecurityObject {
  /** 0 or 1. */
  version: number;
  hashAlgorithm: AlgorithmId;
  /** Data group number -> hash value, in the order listed. */
  dataGroupHashes: Map<number, Uint8Array>;
  /** Present in version 1 only. */
  ldsVersion?: string;
  unicodeVersion?: string;
}

/** DER of a v0 LDSSecurityObject with `hashes` (DG number -> hash), written in ascending DG order. */
export function encodeLdsSecurityObject(hash: HashName, hashes: ReadonlyMap<number, Uint8Array>): Uint8Array {
  if (hashes.size < 2) throw new RangeError('an LDS Security Object lists at least 2 data groups (ICAO 9303-10)');
  const entries = [...hashes.entries()].sort(([a], [b]) => a - b);
  for (const [n] of entries) if (!Number.isInteger(n) || n < 1 || n > 16) throw new RangeError(`no data group ${n}`);
  return derSequence([
    derInteger(0),
    derSequence([derOid(HASH_OID[hash])]),
    derSequence(entries.map(([n, h]) => derSequence([derInteger(n), derOctetString(h)]))),
  ]);
}

/**
 * Parses the DER LDSSecurityObject in `source[start, end)` (the whole of `source` by default); error offsets
 * are positions in `source`. Throws {@link LdsFormatError} / `TlvError`.
 */
export function parseLdsSecurityObject(source: Uint8Array, start = 0, end: number = source.length): LdsSecurityObject {
  const seq = expectTag(readTlv(source, start, end), DER_TAG.SEQUENCE, FILE, 'LDSSecurityObject');
  if (seq.end !== end) throw new LdsFormatError(FILE, 'LDSSecurityObject', `${end - seq.end} bytes after it`, seq.end);
  const [versionTlv, algTlv, hashesTlv, versionInfo, extra] = children(seq);
  if (versionTlv === undefined || algTlv === undefined || hashesTlv === undefined || extra !== undefined) {
    throw new LdsFormatError(FILE, 'LDSSecurityObject', 'expected version, hashAlgorithm, dataGroupHashValues [, ldsVersionInfo]', seq.offset);
  }
  const version = decodeSmallInteger(versionTlv, FILE, 'LDSSecurityObject.version', 0, 1);
  const hashAlgorithm = readAlgorithmId(algTlv, FILE, 'LDSSecurityObject.hashAlgorithm');
  const dataGroupHashes = new Map<number, Uint8Array>();
  for (const entry of children(expectTag(hashesTlv, DER_TAG.SEQUENCE, FILE, 'dataGroupHashValues'))) {
    const [num, value] = children(expectTag(entry, DER_TAG.SEQUENCE, FILE, 'DataGroupHash'));
    if (num === undefined || value === undefined) {
      throw new LdsFormatError(FILE, 'DataGroupHash', 'expected number and hash', entry.offset);
    }
    const n = decodeSmallInteger(num, FILE, 'DataGroupHash.dataGroupNumber', 1, 16);
    if (dataGroupHashes.has(n)) throw new LdsFormatError(FILE, 'dataGroupHashValues', `DG${n} is listed twice`, entry.offset);
    dataGroupHashes.set(n, expectTag(value, DER_TAG.OCTET_STRING, FILE, `DG${n} hash`).value);
  }
  const out: LdsSecurityObject = { version, hashAlgorithm, dataGroupHashes };
  if (versionInfo !== undefined) {
    if (version !== 1) throw new LdsFormatError(FILE, 'LDSSecurityObject', 'ldsVersionInfo present in a v0 object', versionInfo.offset);
    const [lds, unicode] = children(expectTag(versionInfo, DER_TAG.SEQUENCE, FILE, 'ldsVersionInfo'));
    if (lds === undefined || unicode === undefined) throw new LdsFormatError(FILE, 'ldsVersionInfo', 'incomplete', versionInfo.offset);
    out.ldsVersion = decodeString(lds, DER_TAG.PRINTABLE_STRING, FILE, 'ldsVersion');
    out.unicodeVersion = decodeString(unicode, DER_TAG.PRINTABLE_STRING, FILE, 'unicodeVersion');
  }
  return out;
}
