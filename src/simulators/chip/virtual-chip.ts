/**
 * A virtual eMRTD chip: the command set of the JMRTD reference applet (personalization: CREATE FILE, UPDATE
 * BINARY, PUT DATA, LOCK) and the ICAO 9303-11 reading commands (SELECT, READ BINARY, GET CHALLENGE,
 * EXTERNAL AUTHENTICATE for BAC, INTERNAL AUTHENTICATE for Active Authentication) with the applet's access
 * rules and BAC secure messaging, plus injected faults (see faults.ts). See devices/chip/CHIP.md.
 *
 * APDU processing is one method, {@link VirtualChip.process}, bytes in and bytes out, so the same chip can sit
 * behind an in-process channel or behind pcscd's vpcd driver. Deterministic for a seed: the UID, GET
 * CHALLENGE nonces and K.IC all come from a seeded generator.
 */
import type { BacKeyInput, ChipImage } from '../../identity/lds/chip-image';
import { buildDg1 } from '../../identity/lds/dg1';
import { buildEfCom } from '../../identity/lds/ef-com';
import { bytesToHex } from '../../identity/bac/bytes';
import { SecureMessagingError, MutualAuthenticationError } from '../../identity/bac/errors';
import { deriveBacKeys, type TdesKeyPair } from '../../identity/bac/key-derivation';
import { answerTerminalCryptogram } from '../../identity/bac/mutual-authentication';
import type { SecureMessagingSession } from '../../identity/bac/session';
import { CLA_SM, unprotectCommand } from '../../identity/bac/sm-command';
import { protectResponse, protectedResponseLength } from '../../identity/bac/sm-response';
import { buildMrzLines } from '../../identity/mrz';
import { createRng, type Rng } from '../../identity/sample/rng';
import { type CommandApdu, decodeCommandApdu, encodeResponseApdu, isExtended } from '../../devices/chip/apdu';
import { type Clock, systemClock } from '../../devices/clock';
import {
  CREATE_FILE_TAG,
  EMRTD_AID,
  INS,
  PUT_DATA_AA_PRIVATE_KEY,
  PUT_DATA_BAC_KEYS,
  PUT_DATA_LOCK,
  decodeBacKeyData,
} from '../../devices/chip/emrtd-commands';
import { NoAtrError, NoCardError } from '../../devices/chip/errors';
import { SW } from '../../devices/chip/status-words';
import { type AaKey, loadAaKey, signChallenge } from './aa-key';
import { virtualChipAtr } from './atr';
import { ChipFileSystem, type StoredFile } from './chip-file-system';
import type { ChipMutation, ChipMutationListener } from './chip-mutation';
import type { ChipFault } from './faults';

/** Default EEPROM capacity for files: 80 KB. */
export const DEFAULT_CHIP_CAPACITY = 80 * 1024;

/** Options of a virtual chip. */
export interface VirtualChipOptions {
  /** Seed of the chip's random generator (UID, challenges, K.IC). */
  seed: string | number;
  /** Bytes available to files. Default {@link DEFAULT_CHIP_CAPACITY}. */
  capacityBytes?: number;
  /** Faults this card carries. */
  faults?: readonly ChipFault[];
  /** Clock for the slow-chip fault. Default the system clock. */
  clock?: Clock;
  /** Whether the chip accepts extended-length APDUs (default true); when false they get 6700. */
  extendedLength?: boolean;
}

/** What the chip holds, for tests and for the simulated plant. Copies: changing them changes nothing. */
export interface VirtualChipSnapshot {
  /** UID as hex (7 bytes). */
  uid: string;
  atr: string;
  /** False after tearing took the card out of the field. */
  present: boolean;
  /** True for a dead chip (no ATR). */
  dead: boolean;
  /** True after LOCK. */
  locked: boolean;
  /** True while a BAC secure messaging session is open. */
  secureMessaging: boolean;
  files: StoredFile[];
  /** The BAC key material as put by PUT DATA, if any. */
  bacKeyInput?: BacKeyInput;
  /** SPKI DER of the Active Authentication public key, if a key was put. */
  aaPublicKeySpki?: Uint8Array;
  /** Bytes taken by files, and the capacity. */
  eepromUsed: number;
  eepromCapacity: number;
  /** Data bytes UPDATE BINARY has stored since manufacture (the position faults count in). */
  bytesWritten: number;
  /** Commands processed. */
  apdus: number;
  faults: ChipFault[];
}

/** What one command execution produces before secure messaging wraps it. */
interface Answer {
  data: Uint8Array;
  sw: number;
}

const EMPTY = new Uint8Array(0);
const status = (sw: number): Answer => ({ data: EMPTY, sw });

/** A defective EEPROM location found by a write-failure fault. */
interface Defect {
  fid: number;
  offset: number;
}

/** The virtual chip. */
export class VirtualChip {
  /** 7-byte UID, random per card from the seed. */
  readonly uid: Uint8Array;
  /** Answer to reset. */
  readonly atr: Uint8Array = virtualChipAtr();

  private readonly rng: Rng;
  private readonly fs: ChipFileSystem;
  private readonly faults: ChipFault[];
  private readonly firedFaults = new Set<ChipFault>();
  private readonly defects: Defect[] = [];
  private readonly clock: Clock;
  private readonly extendedLength: boolean;

  private present = true;
  private powered = false;
  private locked = false;
  private applicationSelected = false;
  private selectedFid: number | undefined;
  private bacInput: BacKeyInput | undefined;
  private bacKeys: TdesKeyPair | undefined;
  private aaKey: AaKey | undefined;
  private challenge: Uint8Array | undefined;
  private session: SecureMessagingSession | undefined;
  private bytesWritten = 0;
  private apduCount = 0;
  private readonly mutationListeners: ChipMutationListener[] = [];

  constructor(options: VirtualChipOptions) {
    this.rng = createRng(`virtual-chip/${options.seed}`);
    this.uid = this.randomBytes(7);
    this.fs = new ChipFileSystem(options.capacityBytes ?? DEFAULT_CHIP_CAPACITY);
    this.faults = [...(options.faults ?? [])];
    this.clock = options.clock ?? systemClock;
    this.extendedLength = options.extendedLength ?? true;
    for (const f of this.faults) {
      if ((f.kind === 'write-failure' || f.kind === 'tearing') && !(Number.isInteger(f.atByte) && f.atByte >= 0)) {
        throw new RangeError(`${f.kind} fault: atByte must be a non-negative integer, got ${f.atByte}`);
      }
      if (f.kind === 'slow' && !(f.delayMs >= 0)) throw new RangeError(`slow fault: delayMs must be >= 0, got ${f.delayMs}`);
    }
    if (this.faults.some((f) => f.kind === 'already-personalized')) this.personalizeAsSomeoneElse();
  }

  /** True for a chip with the dead fault. */
  get dead(): boolean {
    return this.faults.some((f) => f.kind === 'dead');
  }

  /**
   * Cold reset: powers the chip and returns the ATR. Session, selection and challenge are forgotten, as
   * they live in RAM. Throws {@link NoCardError} when the card is out of the field and {@link NoAtrError}
   * when the chip is dead.
   */
  powerOn(): Uint8Array {
    if (!this.present) throw new NoCardError('virtual chip: the card is not in the field');
    if (this.dead) throw new NoAtrError('virtual chip: the chip gives no answer to reset (dead chip)');
    this.resetVolatileState();
    this.powered = true;
    return this.atr.slice();
  }

  /** Powers the chip down (RAM state lost). */
  powerOff(): void {
    this.powered = false;
    this.resetVolatileState();
  }

  /** Takes the card out of the field (as tearing does). */
  leaveField(): void {
    this.present = false;
    this.powerOff();
  }

  /** Puts the card back into the field, unpowered: the plant re-inserting a torn card to read it back. */
  enterField(): void {
    this.present = true;
  }

  /**
   * Processes one command APDU and returns the response APDU (data and SW1 SW2). A slow chip answers
   * through a promise that resolves after its delay on the chip's clock. Throws {@link NoCardError} when the
   * card is not in the field, not powered, or leaves the field while executing (tearing), and
   * {@link NoAtrError} for a dead chip: in all three the reader gets no answer.
   */
  process(apdu: Uint8Array): Uint8Array | Promise<Uint8Array> {
    if (this.dead) throw new NoAtrError('virtual chip: dead chip, no answer');
    if (!this.present) throw new NoCardError('virtual chip: the card is not in the field');
    if (!this.powered) throw new NoCardError('virtual chip: the card is not powered (no reset)');
    this.apduCount++;
    const response = this.handle(apdu);
    const slow = this.faults.find((f): f is Extract<ChipFault, { kind: 'slow' }> => f.kind === 'slow');
    if (slow === undefined || slow.delayMs === 0) return response;
    return new Promise((resolve) => this.clock.setTimeout(() => resolve(response), slow.delayMs));
  }

  /** A read-only view of what the chip holds. */
  inspect(): VirtualChipSnapshot {
    return {
      uid: bytesToHex(this.uid),
      atr: bytesToHex(this.atr),
      present: this.present,
      dead: this.dead,
      locked: this.locked,
      secureMessaging: this.session !== undefined,
      files: this.fs.snapshot(),
      ...(this.bacInput !== undefined ? { bacKeyInput: { ...this.bacInput } } : {}),
      ...(this.aaKey !== undefined ? { aaPublicKeySpki: this.aaKey.publicKeySpki.slice() } : {}),
      eepromUsed: this.fs.used,
      eepromCapacity: this.fs.capacity,
      bytesWritten: this.bytesWritten,
      apdus: this.apduCount,
      faults: this.faults.map((f) => ({ ...f })),
    };
  }

  /**
   * Writes an image straight into memory, without APDUs and without faults: a card that left another
   * factory (or this one) personalized. Throws a RangeError when the chip is locked or a file does not fit.
   */
  preload(image: ChipImage, options: { lock?: boolean } = {}): void {
    if (this.locked) throw new RangeError('virtual chip: preload on a locked chip');
    for (const file of image.files) {
      const sw = this.fs.create(file.fid, file.bytes.length);
      if (sw !== SW.OK || this.fs.write(file.fid, 0, file.bytes) !== SW.OK) {
        throw new RangeError(`virtual chip: preload of ${file.name} failed with ${sw.toString(16)}`);
      }
    }
    this.bacInput = { ...image.bac };
    this.bacKeys = deriveBacKeys(image.bac);
    if (image.aaPrivateKeyPkcs8.length > 0) {
      const key = loadAaKey(image.aaPrivateKeyPkcs8);
      if (key === undefined) throw new RangeError('virtual chip: preload AA key is not an ECDSA P-256 PKCS#8 key');
      this.aaKey = key;
    }
    if (options.lock ?? true) this.locked = true;
    for (const file of image.files) {
      this.emit({ op: 'create', fid: file.fid, size: file.bytes.length });
      this.emit({ op: 'write', fid: file.fid, offset: 0, data: file.bytes.slice() });
    }
    this.emit({ op: 'bac-keys', input: { ...image.bac } });
    if (this.aaKey !== undefined) this.emit({ op: 'aa-key', pkcs8: this.aaKey.pkcs8.slice() });
    if (this.locked) this.emit({ op: 'lock' });
  }

  /**
   * Subscribes to changes of the chip's non-volatile memory (see chip-mutation.ts). Listeners run synchronously
   * inside the command, before it is answered, so a persistent plant has journalled a write before the host hears
   * that it succeeded; a listener that throws makes the command fail (the reader gets no answer) rather than let the
   * chip run ahead of its journal. Returns an unsubscribe.
   */
  onMutation(listener: ChipMutationListener): () => void {
    this.mutationListeners.push(listener);
    return () => {
      const i = this.mutationListeners.indexOf(listener);
      if (i >= 0) this.mutationListeners.splice(i, 1);
    };
  }

  /**
   * Replays one journalled mutation onto this chip, without access rules and without firing faults: rebuilding a
   * chip after a crash. Listeners are not told (the mutation is already in the journal).
   * @throws RangeError when the mutation does not fit this chip (a journal of another card, or a corrupt one)
   */
  applyMutation(m: ChipMutation): void {
    switch (m.op) {
      case 'create':
        if (this.fs.create(m.fid, m.size) !== SW.OK) throw new RangeError(`chip replay: cannot create file ${m.fid.toString(16)} of ${m.size} bytes`);
        return;
      case 'write':
        if (this.fs.write(m.fid, m.offset, m.data) !== SW.OK) throw new RangeError(`chip replay: cannot write ${m.data.length} bytes at ${m.fid.toString(16)}/${m.offset}`);
        this.bytesWritten += m.data.length;
        return;
      case 'defect':
      case 'torn': {
        const fault = this.faults[m.fault];
        const expected = m.op === 'defect' ? 'write-failure' : 'tearing';
        if (fault?.kind !== expected) throw new RangeError(`chip replay: fault ${m.fault} is not a ${expected} fault`);
        this.firedFaults.add(fault);
        if (m.op === 'defect') this.defects.push({ fid: m.fid, offset: m.offset });
        return;
      }
      case 'bac-keys':
        this.bacKeys = deriveBacKeys(m.input);
        this.bacInput = { ...m.input };
        return;
      case 'aa-key': {
        const key = loadAaKey(m.pkcs8);
        if (key === undefined) throw new RangeError('chip replay: the AA key is not an ECDSA P-256 PKCS#8 key');
        this.aaKey = key;
        return;
      }
      case 'lock':
        this.locked = true;
        return;
    }
  }

  private emit(m: ChipMutation): void {
    for (const l of this.mutationListeners) l(m);
  }

  // ---------------------------------------------------------------------------------------------------------

  private resetVolatileState(): void {
    this.applicationSelected = false;
    this.selectedFid = undefined;
    this.challenge = undefined;
    this.session = undefined;
  }

  private randomBytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.rng.nextUint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
    }
    return out;
  }

  /** The already-personalized fault: a locked chip holding a made-up other person's EF.COM and DG1. */
  private personalizeAsSomeoneElse(): void {
    const serial = String(this.rng.int(0, 999_999)).padStart(6, '0');
    const personalId = `079185${serial}`;
    const lines = buildMrzLines(personalId, '1985-02-14', 'M', '2045-02-14', 'Trần Văn Khác');
    this.preload(
      {
        files: [
          { fid: 0x011e, sfi: 0x1e, name: 'EF.COM', bytes: buildEfCom([1]) },
          { fid: 0x0101, sfi: 0x01, name: 'DG1', bytes: buildDg1(lines) },
        ],
        bac: { documentNumber: personalId.slice(3), dateOfBirth: '850214', dateOfExpiry: '450214' },
        aaPrivateKeyPkcs8: EMPTY,
      },
      { lock: true },
    );
  }

  private handle(apdu: Uint8Array): Uint8Array {
    let cmd: CommandApdu;
    try {
      cmd = decodeCommandApdu(apdu);
    } catch {
      return encodeResponseApdu(EMPTY, SW.WRONG_LENGTH);
    }
    if (!this.extendedLength && isExtended(cmd)) return encodeResponseApdu(EMPTY, SW.WRONG_LENGTH);
    if (cmd.cla === 0xff) return this.encode(this.readerCommand(cmd));
    const session = this.session;
    if ((cmd.cla & CLA_SM) !== 0) {
      if (session === undefined || (cmd.cla & CLA_SM) !== CLA_SM) {
        this.session = undefined;
        return encodeResponseApdu(EMPTY, SW.SM_OBJECTS_INCORRECT);
      }
      let plain: CommandApdu;
      try {
        plain = unprotectCommand(session, cmd);
      } catch (e) {
        if (!(e instanceof SecureMessagingError)) throw e;
        // ICAO 9303-11 section 9.8: on any secure messaging error the chip aborts the session.
        this.session = undefined;
        return encodeResponseApdu(EMPTY, SW.SM_OBJECTS_INCORRECT);
      }
      const answer = this.execute(plain, true);
      // The protected response must fit the Ne of the protected command (256 in a short APDU).
      if (protectedResponseLength(answer.data.length) > cmd.ne) return protectResponse(session, EMPTY, SW.WRONG_LENGTH);
      return protectResponse(session, answer.data, answer.sw);
    }
    // ICAO 9303-11 section 9.8: a plain command ends secure messaging.
    this.session = undefined;
    // Logical channels and command chaining (CLA bits 1-2 and 5) are not supported by the applet.
    if (cmd.cla !== 0x00) return encodeResponseApdu(EMPTY, SW.CLA_NOT_SUPPORTED);
    return this.encode(this.execute(cmd, false));
  }

  private encode(a: Answer): Uint8Array {
    return encodeResponseApdu(a.data, a.sw);
  }

  /** The PC/SC reader pseudo-APDU GET DATA (UID); the virtual chip plays the reader's part too. */
  private readerCommand(cmd: CommandApdu): Answer {
    if (cmd.ins !== INS.GET_DATA) return status(SW.INS_NOT_SUPPORTED);
    if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) return status(SW.INCORRECT_P1P2);
    return { data: this.uid.slice(0, cmd.ne === 0 ? 0 : Math.min(cmd.ne, this.uid.length)), sw: SW.OK };
  }

  private execute(cmd: CommandApdu, secure: boolean): Answer {
    if (cmd.ins === INS.SELECT) return this.select(cmd, secure);
    if (!this.applicationSelected) return status(SW.CONDITIONS_NOT_SATISFIED);
    switch (cmd.ins) {
      case INS.READ_BINARY:
        return this.readBinary(cmd, secure);
      case INS.UPDATE_BINARY:
        return this.updateBinary(cmd);
      case INS.CREATE_FILE:
        return this.createFile(cmd);
      case INS.PUT_DATA:
        return this.putData(cmd);
      case INS.GET_CHALLENGE:
        return this.getChallenge(cmd);
      case INS.EXTERNAL_AUTHENTICATE:
        return this.externalAuthenticate(cmd, secure);
      case INS.INTERNAL_AUTHENTICATE:
        return this.internalAuthenticate(cmd, secure);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  private select(cmd: CommandApdu, secure: boolean): Answer {
    if (cmd.p2 !== 0x0c && cmd.p2 !== 0x00) return status(SW.INCORRECT_P1P2);
    if (cmd.p1 === 0x04) {
      if (cmd.data.length !== EMRTD_AID.length || !cmd.data.every((b, i) => b === EMRTD_AID[i])) return status(SW.FILE_NOT_FOUND);
      this.resetVolatileState();
      this.applicationSelected = true;
      return status(SW.OK);
    }
    if (cmd.p1 !== 0x02 && cmd.p1 !== 0x00) return status(SW.INCORRECT_P1P2);
    if (!this.applicationSelected) return status(SW.CONDITIONS_NOT_SATISFIED);
    if (this.locked && !secure) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (cmd.data.length !== 2) return status(SW.WRONG_LENGTH);
    const fid = (cmd.data[0]! << 8) | cmd.data[1]!;
    if (!this.fs.has(fid)) return status(SW.FILE_NOT_FOUND);
    this.selectedFid = fid;
    return status(SW.OK);
  }

  /**
   * The file a READ/UPDATE BINARY addresses and the offset: P1 bit 8 set means P1 = 80 | SFI and P2 is the
   * offset (the file becomes the current EF); otherwise P1P2 is a 15-bit offset in the current EF. LDS files
   * have FID 01xx with SFI = xx (ICAO 9303-10).
   */
  private addressed(cmd: CommandApdu): { fid: number; offset: number } | Answer {
    if ((cmd.p1 & 0x80) !== 0) {
      if ((cmd.p1 & 0x60) !== 0) return status(SW.INCORRECT_P1P2);
      const fid = 0x0100 | (cmd.p1 & 0x1f);
      if (!this.fs.has(fid)) return status(SW.FILE_NOT_FOUND);
      this.selectedFid = fid;
      return { fid, offset: cmd.p2 };
    }
    if (this.selectedFid === undefined) return status(SW.COMMAND_NOT_ALLOWED_NO_EF);
    return { fid: this.selectedFid, offset: (cmd.p1 << 8) | cmd.p2 };
  }

  private readBinary(cmd: CommandApdu, secure: boolean): Answer {
    if (this.locked && !secure) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (cmd.ne === 0 || cmd.data.length !== 0) return status(SW.WRONG_LENGTH);
    const at = this.addressed(cmd);
    if ('sw' in at) return at;
    return this.fs.read(at.fid, at.offset, cmd.ne);
  }

  private updateBinary(cmd: CommandApdu): Answer {
    if (this.locked) return status(SW.CONDITIONS_NOT_SATISFIED);
    if (cmd.data.length === 0) return status(SW.WRONG_LENGTH);
    const at = this.addressed(cmd);
    if ('sw' in at) return at;
    const file = this.fs.get(at.fid)!;
    if (at.offset + cmd.data.length > file.size) return status(SW.NOT_ENOUGH_MEMORY);
    const end = at.offset + cmd.data.length;
    if (this.defects.some((d) => d.fid === at.fid && d.offset >= at.offset && d.offset < end)) return status(SW.MEMORY_FAILURE);
    const first = this.bytesWritten;
    const last = first + cmd.data.length;
    for (const fault of this.faults) {
      if (this.firedFaults.has(fault)) continue;
      if (fault.kind === 'write-failure' && fault.atByte >= first && fault.atByte < last) {
        this.firedFaults.add(fault);
        const defect = { fid: at.fid, offset: at.offset + (fault.atByte - first) };
        this.defects.push(defect);
        this.emit({ op: 'defect', fault: this.faults.indexOf(fault), ...defect });
        return status(SW.MEMORY_FAILURE);
      }
      if (fault.kind === 'tearing' && fault.atByte >= first && fault.atByte < last) {
        this.firedFaults.add(fault);
        const kept = fault.atByte - first;
        this.fs.write(at.fid, at.offset, cmd.data.subarray(0, kept));
        this.bytesWritten += kept;
        if (kept > 0) this.emit({ op: 'write', fid: at.fid, offset: at.offset, data: cmd.data.slice(0, kept) });
        this.emit({ op: 'torn', fault: this.faults.indexOf(fault) });
        this.leaveField();
        throw new NoCardError('virtual chip: the card left the field during UPDATE BINARY (tearing)');
      }
    }
    const sw = this.fs.write(at.fid, at.offset, cmd.data);
    if (sw === SW.OK) {
      this.bytesWritten += cmd.data.length;
      this.emit({ op: 'write', fid: at.fid, offset: at.offset, data: cmd.data.slice() });
    }
    return status(sw);
  }

  private createFile(cmd: CommandApdu): Answer {
    if (this.locked) return status(SW.CONDITIONS_NOT_SATISFIED);
    const d = cmd.data;
    if (d.length !== 6) return status(SW.WRONG_LENGTH);
    if (d[0] !== CREATE_FILE_TAG || d[1] !== 0x04) return status(SW.WRONG_DATA);
    const size = (d[2]! << 8) | d[3]!;
    const fid = (d[4]! << 8) | d[5]!;
    const sw = this.fs.create(fid, size);
    // ISO/IEC 7816-9: the created file becomes the current file.
    if (sw === SW.OK) {
      this.selectedFid = fid;
      this.emit({ op: 'create', fid, size });
    }
    return status(sw);
  }

  private putData(cmd: CommandApdu): Answer {
    if (this.locked) return status(SW.CONDITIONS_NOT_SATISFIED);
    const p1p2 = (cmd.p1 << 8) | cmd.p2;
    if (p1p2 === PUT_DATA_LOCK) {
      if (cmd.data.length !== 0) return status(SW.WRONG_LENGTH);
      // A chip locked without BAC keys could never be read again: refuse, so the station sees the mistake.
      if (this.bacKeys === undefined) return status(SW.CONDITIONS_NOT_SATISFIED);
      this.locked = true;
      this.emit({ op: 'lock' });
      return status(SW.OK);
    }
    if (p1p2 === PUT_DATA_BAC_KEYS) {
      const input = decodeBacKeyData(cmd.data);
      if (input === undefined) return status(SW.WRONG_DATA);
      try {
        this.bacKeys = deriveBacKeys(input);
      } catch {
        return status(SW.WRONG_DATA);
      }
      this.bacInput = input;
      this.emit({ op: 'bac-keys', input: { ...input } });
      return status(SW.OK);
    }
    if (p1p2 === PUT_DATA_AA_PRIVATE_KEY) {
      const key = loadAaKey(cmd.data);
      if (key === undefined) return status(SW.WRONG_DATA);
      this.aaKey = key;
      this.emit({ op: 'aa-key', pkcs8: key.pkcs8.slice() });
      return status(SW.OK);
    }
    return status(SW.INCORRECT_P1P2);
  }

  private getChallenge(cmd: CommandApdu): Answer {
    if (cmd.p1 !== 0 || cmd.p2 !== 0) return status(SW.INCORRECT_P1P2);
    if (cmd.ne !== 8) return status(SW.WRONG_LENGTH);
    this.challenge = this.randomBytes(8);
    return { data: this.challenge.slice(), sw: SW.OK };
  }

  private externalAuthenticate(cmd: CommandApdu, secure: boolean): Answer {
    const rndIc = this.challenge;
    this.challenge = undefined; // one try per challenge
    if (secure || this.bacKeys === undefined || rndIc === undefined) return status(SW.CONDITIONS_NOT_SATISFIED);
    if (cmd.data.length !== 40) return status(SW.WRONG_LENGTH);
    try {
      const answer = answerTerminalCryptogram(this.bacKeys, rndIc, this.randomBytes(16), cmd.data);
      this.session = answer.session;
      return { data: answer.responseData, sw: SW.OK };
    } catch (e) {
      if (e instanceof MutualAuthenticationError) return status(SW.AUTHENTICATION_FAILED);
      throw e;
    }
  }

  private internalAuthenticate(cmd: CommandApdu, secure: boolean): Answer {
    if (this.locked && !secure) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (this.aaKey === undefined) return status(SW.REFERENCED_DATA_NOT_FOUND);
    if (cmd.data.length === 0) return status(SW.WRONG_LENGTH);
    return { data: signChallenge(this.aaKey, cmd.data), sw: SW.OK };
  }
}
