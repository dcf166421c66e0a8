/**
 * Test helpers for the chip tests: a virtual clock that advances when the process is idle, fake chip
 * images (right outer tags, arbitrary content), and AA keys.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Clock } from '../../../src/devices/clock';
import type { ChipFile, ChipImage } from '../../../src/identity/lds/chip-image';

/**
 * Virtual time: `now()` starts at 0; whenever timers are pending and the event loop has run all promise
 * callbacks (one `setImmediate` turn), the earliest timer fires and time jumps to it. A 10-second chip delay
 * takes no wall time, and the order of time-outs is exact.
 */
export class AutoAdvanceClock implements Clock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private scheduled = false;

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    this.schedule();
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.size;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (next === undefined || entry[1].at < next[1].at) next = entry;
      if (next === undefined) return;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
      if (this.timers.size > 0) this.schedule();
    });
  }
}

/** A TLV with a one-byte tag whose value is `length` bytes of a pattern (tag, BER length, value). */
export function fakeTlv(tag: number, length: number, fill = 0): Uint8Array {
  const len = length < 0x80 ? [length] : length <= 0xff ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  const out = new Uint8Array(1 + len.length + length);
  out[0] = tag;
  out.set(len, 1);
  for (let i = 0; i < length; i++) out[1 + len.length + i] = (fill + i * 7) & 0xff;
  return out;
}

/** A new ECDSA P-256 key: PKCS#8 and SPKI DER. */
export function newAaKey(): { pkcs8: Uint8Array; spki: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    pkcs8: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
  };
}

const AA = newAaKey();

/** A chip image whose files have the right FIDs and outer tags but made-up content. Sizes are total file sizes. */
export function fakeImage(sizes: { com?: number; dg1?: number; dg2?: number; dg13?: number; dg15?: number; sod?: number } = {}): ChipImage {
  const file = (fid: number, name: string, tag: number, total: number): ChipFile => {
    const header = total - 2 < 0x80 ? 2 : total - 3 <= 0xff ? 3 : 4;
    return { fid, sfi: fid & 0x1f, name, bytes: fakeTlv(tag, total - header, fid) };
  };
  return {
    files: [
      file(0x011e, 'EF.COM', 0x60, sizes.com ?? 24),
      file(0x0101, 'DG1', 0x61, sizes.dg1 ?? 95),
      file(0x0102, 'DG2', 0x75, sizes.dg2 ?? 3000),
      file(0x010d, 'DG13', 0x6d, sizes.dg13 ?? 600),
      file(0x010f, 'DG15', 0x6f, sizes.dg15 ?? 94),
      file(0x011d, 'EF.SOD', 0x77, sizes.sod ?? 1400),
    ],
    bac: { documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' },
    aaPrivateKeyPkcs8: AA.pkcs8,
  };
}

/** The AA public key (SPKI) matching {@link fakeImage}'s private key. */
export const FAKE_IMAGE_AA_SPKI = AA.spki;

/** Bytes of a hex string. */
export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}
