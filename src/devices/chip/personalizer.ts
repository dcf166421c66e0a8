/**
 * Writing a {@link ChipImage} onto a blank chip. {@link ChipPersonalizer} is the interface the line uses;
 * {@link JmrtdPersonalizer} speaks the personalization commands of the JMRTD reference applet. Production
 * applets use vendor commands (often GlobalPlatform STORE DATA): they get their own implementation of the
 * same interface.
 */
import { padDocumentNumber } from '../../identity/bac/key-derivation';
import type { ChipImage } from '../../identity/lds/chip-image';
import { type CommandApdu } from './apdu';
import { sendCommand, type CardChannel } from './card-channel';
import {
  MAX_FILE_SIZE,
  createFile,
  lockApplication,
  putDataAaPrivateKey,
  putDataBacKeys,
  selectApplication,
  selectEf,
  updateBinary,
} from './emrtd-commands';
import { ChipAlreadyPersonalizedError, ChipStatusError, ChipTornError, ChipWriteError, NoCardError, fidHex } from './errors';
import { SW, swHex } from './status-words';

/** One file written. */
export interface WrittenFile {
  fid: number;
  name: string;
  size: number;
}

/** What a successful personalization did. */
export interface PersonalizationResult {
  /** Commands sent by the personalizer (GET RESPONSE and 6Cxx resends inside the channel not counted). */
  apdus: number;
  /** File bytes written by UPDATE BINARY. */
  bytesWritten: number;
  files: WrittenFile[];
  /** True when the chip was locked at the end. */
  locked: boolean;
}

/** Personalizes one chip. Fails with a typed `ChipError`; never leaves a promise pending beyond the channel's time-outs. */
export interface ChipPersonalizer {
  personalize(channel: CardChannel, image: ChipImage): Promise<PersonalizationResult>;
}

/** Options of {@link JmrtdPersonalizer}. */
export interface JmrtdPersonalizerOptions {
  /**
   * Largest UPDATE BINARY chunk. Default 255 (short APDUs); up to 65535 when the reader and chip support
   * extended length (chunks above 255 are sent as extended APDUs).
   */
  maxChunk?: number;
  /** Send LOCK at the end (default true). False leaves the chip open, for test benches only. */
  lock?: boolean;
}

/** Default UPDATE BINARY chunk: the largest short Lc. */
export const DEFAULT_MAX_CHUNK = 255;

/** The JMRTD reference applet's personalization sequence. */
export class JmrtdPersonalizer implements ChipPersonalizer {
  private readonly maxChunk: number;
  private readonly lock: boolean;

  constructor(options: JmrtdPersonalizerOptions = {}) {
    this.maxChunk = options.maxChunk ?? DEFAULT_MAX_CHUNK;
    this.lock = options.lock ?? true;
    if (!Number.isInteger(this.maxChunk) || this.maxChunk < 1 || this.maxChunk > 65535) {
      throw new RangeError(`maxChunk must be 1-65535, got ${this.maxChunk}`);
    }
  }

  /**
   * SELECT the application; for each file CREATE FILE, SELECT, UPDATE BINARY in chunks; PUT DATA the BAC
   * key material (document number `<`-padded to 9, as ICAO 9303-11 section 4.3 reads it from the MRZ);
   * PUT DATA the AA private key (skipped when the image has none); LOCK.
   *
   * Errors: {@link ChipAlreadyPersonalizedError} when the first CREATE FILE finds a locked chip (6985 or
   * 6982); {@link ChipWriteError} with FID and offset for a refused write (6581 memory failure, 6A84 full);
   * {@link ChipTornError} when the card vanishes during a write; `NoCardError` when it vanishes between
   * writes; `ChipTimeoutError` from the channel for a chip that does not answer in time; a
   * {@link ChipStatusError} for any other unexpected status word.
   */
  async personalize(channel: CardChannel, image: ChipImage): Promise<PersonalizationResult> {
    let apdus = 0;
    const send = (cmd: CommandApdu) => {
      apdus++;
      return sendCommand(channel, cmd);
    };
    const expectOk = async (cmd: CommandApdu, what: string) => {
      const r = await send(cmd);
      if (r.sw !== SW.OK) throw new ChipStatusError(r.sw, header(cmd), what);
    };

    await expectOk(selectApplication(), 'SELECT eMRTD application');
    let bytesWritten = 0;
    const files: WrittenFile[] = [];
    for (const [index, file] of image.files.entries()) {
      const size = file.bytes.length;
      if (size < 1 || size > MAX_FILE_SIZE) {
        throw new ChipWriteError('capacity', file.fid, undefined, `${file.name} (${fidHex(file.fid)}): ${size} bytes, files must hold 1-${MAX_FILE_SIZE}`);
      }
      const create = createFile(file.fid, size);
      const created = await send(create);
      if (created.sw !== SW.OK) {
        if (index === 0 && (created.sw === SW.CONDITIONS_NOT_SATISFIED || created.sw === SW.SECURITY_STATUS_NOT_SATISFIED)) {
          throw new ChipAlreadyPersonalizedError(created.sw, header(create), `CREATE FILE ${file.name}: the chip is locked, it was already personalized`);
        }
        if (created.sw === SW.NOT_ENOUGH_MEMORY) {
          throw new ChipWriteError('capacity', file.fid, 0, `CREATE FILE ${file.name} (${size} bytes): the chip memory is full (6A84)`, header(create), created.sw);
        }
        throw new ChipStatusError(created.sw, header(create), `CREATE FILE ${file.name}`);
      }
      await expectOk(selectEf(file.fid), `SELECT ${file.name}`);
      for (let offset = 0; offset < size; offset += this.maxChunk) {
        const chunk = file.bytes.subarray(offset, Math.min(size, offset + this.maxChunk));
        const cmd = updateBinary(offset, chunk);
        let sw: number;
        try {
          sw = (await send(cmd)).sw;
        } catch (e) {
          if (e instanceof NoCardError) {
            throw new ChipTornError('torn', file.fid, offset, `UPDATE BINARY ${file.name} at offset ${offset}: the card left the field during the write`, header(cmd), undefined, { cause: e });
          }
          throw e;
        }
        if (sw !== SW.OK) {
          const failure = sw === SW.MEMORY_FAILURE ? 'memory-failure' : sw === SW.NOT_ENOUGH_MEMORY ? 'capacity' : 'status';
          throw new ChipWriteError(failure, file.fid, offset, `UPDATE BINARY ${file.name} (${fidHex(file.fid)}) at offset ${offset}: chip answered ${swHex(sw)}`, header(cmd), sw);
        }
        bytesWritten += chunk.length;
      }
      files.push({ fid: file.fid, name: file.name, size });
    }

    const bac = { ...image.bac, documentNumber: padDocumentNumber(image.bac.documentNumber) };
    await expectOk(putDataBacKeys(bac), 'PUT DATA BAC keys');
    if (image.aaPrivateKeyPkcs8.length > 0) await expectOk(putDataAaPrivateKey(image.aaPrivateKeyPkcs8), 'PUT DATA Active Authentication key');
    if (this.lock) await expectOk(lockApplication(), 'LOCK');
    return { apdus, bytesWritten, files, locked: this.lock };
  }
}

function header(cmd: CommandApdu): string {
  return [cmd.cla, cmd.ins, cmd.p1, cmd.p2].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}
