/**
 * A test PKI made once per test file: fresh keys (CSCA P-384, Document Signer P-256), certificates from
 * issueTestPki at a fixed moment, a software Document Signer, and helpers to call openssl.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSoftwareDocumentSigner, type DocumentSigner } from '../../../src/identity/pki/document-signer';
import { issueTestPki } from '../../../src/identity/pki/test-pki';

/** The moment the fixture PKI is issued. */
export const PKI_NOW = new Date('2025-03-10T08:00:00Z');

/** Keys, certificates and signer of one test PKI. */
export interface TestPki {
  cscaKey: KeyObject;
  dsKey: KeyObject;
  csca: Uint8Array;
  ds: Uint8Array;
  signer: DocumentSigner;
}

/** A fresh test PKI issued at `now`. */
export function makeTestPki(now: Date = PKI_NOW): TestPki {
  const cscaKey = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
  const dsKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const { csca, documentSigner } = issueTestPki({
    cscaPrivateKey: cscaKey,
    documentSignerPrivateKey: dsKey,
    now,
    cscaSerial: 0x0a11n,
    documentSignerSerial: 0x0d51n,
  });
  return { cscaKey, dsKey, csca, ds: documentSigner, signer: createSoftwareDocumentSigner(dsKey, documentSigner) };
}

/** True when an `openssl` binary runs. */
export const opensslAvailable = spawnSync('openssl', ['version']).status === 0;

/** `test`, or `test.skip` with a printed reason when openssl is missing. */
export function testWithOpenssl(name: string, fn: jest.ProvidesCallback): void {
  if (!opensslAvailable) {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": openssl is not installed`);
    test.skip(name, fn);
    return;
  }
  test(name, fn);
}

/** PEM of a DER certificate. */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** A temporary directory removed at process exit. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs openssl; returns { status, out } with stdout and stderr joined. */
export function openssl(args: string[], input?: Uint8Array): { status: number; out: string } {
  const r = spawnSync('openssl', args, input === undefined ? {} : { input: Buffer.from(input) });
  return { status: r.status ?? -1, out: `${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}` };
}

/** `openssl x509 -text` of a DER certificate. */
export function x509Text(der: Uint8Array): string {
  return execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], { input: Buffer.from(der) }).toString();
}

/** Seconds since the epoch, for openssl's -attime. */
export function epochSeconds(d: Date): string {
  return String(Math.floor(d.getTime() / 1000));
}
