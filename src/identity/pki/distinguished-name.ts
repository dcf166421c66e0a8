/**
 * X.501 Names for eMRTD certificates. ICAO 9303-12 section 7.1.1 (certificate profile): countryName is
 * mandatory in issuer and subject, and is a PrintableString of the two-letter ISO 3166-1 code; the other
 * attributes are UTF8String (RFC 5280 section 4.1.2.4). Each attribute is its own RDN (single-valued).
 */
import { derOid, derPrintableString, derSequence, derSetOf, derUtf8String } from '../lds/der';

/** Attribute types cardline writes. */
export type NameAttributeType = 'C' | 'O' | 'OU' | 'CN' | 'serialNumber';

/** One attribute of a Name, in encoding order. */
export interface NameAttribute {
  type: NameAttributeType;
  value: string;
}

/** A Name as an ordered list of single-valued RDNs. */
export type DistinguishedName = readonly NameAttribute[];

const TYPE_OID: Readonly<Record<NameAttributeType, string>> = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
};

/**
 * DER of `name`. Throws a RangeError when there is no two-letter upper-case country, or an empty value.
 */
export function encodeName(name: DistinguishedName): Uint8Array {
  const country = name.find((a) => a.type === 'C');
  if (country === undefined || !/^[A-Z]{2}$/.test(country.value)) {
    throw new RangeError('an eMRTD certificate Name needs a two-letter country (ICAO 9303-12)');
  }
  return derSequence(
    name.map((a) => {
      if (a.value === '') throw new RangeError(`empty ${a.type} in a Name`);
      // countryName and serialNumber are PrintableString by definition (X.520); the rest UTF8String.
      const value = a.type === 'C' || a.type === 'serialNumber' ? derPrintableString(a.value) : derUtf8String(a.value);
      return derSetOf([derSequence([derOid(TYPE_OID[a.type]), value])]);
    }),
  );
}
