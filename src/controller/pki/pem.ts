/**
 * PEM armour for certificates (RFC 7468 section 5): base64 in 64-character lines between
 * `-----BEGIN CERTIFICATE-----` and `-----END CERTIFICATE-----`.
 */
import { PkiError } from './pki-error';

/** PEM text of a DER certificate. */
export function certificateToPem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Every certificate in PEM `text`, DER. Throws {@link PkiError} naming `source` when there is none. */
export function certificatesFromPem(text: string, source: string): Uint8Array[] {
  const found = [...text.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
  );
  if (found.length === 0) throw new PkiError(`${source} holds no PEM certificate`);
  return found;
}
