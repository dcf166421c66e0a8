/**
 * Access to the public eMRTD samples in /work/shared/vectors/emrtd-samples (read in place, never copied).
 * Tests that need them are skipped, with the reason printed, when the folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where the samples live, relative to this repository. */
export const SAMPLES_DIR = path.resolve(__dirname, '../../../../shared/vectors/emrtd-samples');

/** True when the samples folder is present. */
export const samplesAvailable = fs.existsSync(path.join(SAMPLES_DIR, 'README.md'));

/** `describe`, or `describe.skip` with a printed reason when the samples are absent. */
export function describeWithSamples(name: string, body: () => void): void {
  if (!samplesAvailable) {
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ${SAMPLES_DIR} is absent`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/** Bytes of one sample file. */
export function sample(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(SAMPLES_DIR, name)));
}

/** The certificates of a PEM file, DER (the file may hold openssl's "subject=" text lines). */
export function pemCertificates(name: string): Uint8Array[] {
  const text = fs.readFileSync(path.join(SAMPLES_DIR, name), 'latin1');
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
  );
}

/** DG1 of the BSI TR-03105-5 reference SOD, as given in the samples' README. */
export const BSI_TR_DG1_HEX =
  '615B5F1F58503C443C3C4D55535445524D414E4E3C3C4552494B413C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C433131543030324A4D34443C3C3936303831323246323331303331343C3C3C3C3C3C3C3C3C3C3C3C3C3C3C34';

/** Copy of `bytes` with the byte at `index` XOR-ed with `mask`. */
export function flipByte(bytes: Uint8Array, index: number, mask = 0x01): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = copy[index]! ^ mask;
  return copy;
}
