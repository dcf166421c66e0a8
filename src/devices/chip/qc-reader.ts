/**
 * The QC read-back of a personalized chip: is it locked, does it answer BAC to the MRZ the card should
 * carry, do passive authentication (ICAO 9303-11 section 5.1) and Active Authentication (section 6.1) pass,
 * and do DG1 and DG13 hold the record's data. Chip failures never escape as exceptions: each becomes a
 * failed check in the {@link QcReport}, with a reason an operator can act on.
 */
import type { BacKeyInput } from '../../identity/lds/chip-image';
import { type Dg13Data, dg13FromRecord, parseDg13 } from '../../identity/lds/dg13';
import { parseDg1 } from '../../identity/lds/dg1';
import { parseDg15 } from '../../identity/lds/dg15';
import { parseEfCom } from '../../identity/lds/ef-com';
import { EF_COM, EF_SOD, dataGroupFile } from '../../identity/lds/lds-files';
import { verifyActiveAuthSignature } from '../../identity/lds/active-auth';
import { buildMrz, checkMrz } from '../../identity/mrz';
import type { ProductId } from '../../identity/products';
import type { CitizenRecord } from '../../identity/record';
import { verifyPassiveAuthentication } from '../../identity/passive-auth';
import { bytesToHex } from '../../identity/bac/bytes';
import { sendCommand, type CardChannel } from './card-channel';
import { getUid, internalAuthenticate, selectApplication, selectEf } from './emrtd-commands';
import { BacFailedError, ChipError, ChipSecureMessagingError, ChipStatusError, ChipTimeoutError, NoCardError } from './errors';
import { performBac } from './perform-bac';
import type { QcCheck, QcError, QcReport } from './qc-report';
import type { RandomSource } from './random';
import { DEFAULT_MAX_READ, readTlvFile } from './read-file';
import { SW, swHex } from './status-words';

/** Input of a passive authentication verifier (the LDS module's `verifyPassiveAuthentication`). */
export interface PassiveAuthenticationInput {
  /** EF.SOD as read. */
  sod: Uint8Array;
  /** Data groups as read (bytes never re-encoded), by number. */
  dataGroups: Map<number, Uint8Array>;
  cscaCertificates: Uint8Array[];
  /** The moment certificates are checked at. */
  at: Date;
}

/** Outcome of a passive authentication verifier. */
export interface PassiveAuthenticationOutcome {
  ok: boolean;
  /** `status: 'not-checked'` on a `dg<n>-hash` check means the SOD lists a data group that was not read. */
  checks: { name: string; ok: boolean; detail: string; status?: string }[];
}

/** Passive authentication, injected so QC can run against any implementation (sync or async). */
export type PassiveAuthenticationVerifier = (
  input: PassiveAuthenticationInput,
) => PassiveAuthenticationOutcome | Promise<PassiveAuthenticationOutcome>;

/** What the card should carry. */
export interface QcExpectation {
  /** The three TD1 lines of the MRZ (they also give the BAC keys). */
  mrz: readonly string[];
  /** The DG13 content; when absent DG13 is read and hashed but not compared. */
  dg13?: Dg13Data;
}

/** What a card of `product` made from `record` must carry: its MRZ and its DG13 fields. */
export function qcExpectationForRecord(record: CitizenRecord, product: ProductId): QcExpectation {
  return { mrz: buildMrz(record, product), dg13: dg13FromRecord(record, product) };
}

/** Options of {@link QcReader}. */
export interface QcReaderOptions {
  /** CSCA certificates (DER) trusted for passive authentication. */
  cscaCertificates: readonly Uint8Array[];
  /** The moment certificates are checked at (QC verifies at production time: pass the station's clock reading). */
  at: Date;
  /** Randomness for BAC (RND.IFD, K.IFD) and the Active Authentication challenge. */
  random: RandomSource;
  /** Default: identity/passive-auth's `verifyPassiveAuthentication`. */
  verifyPassiveAuthentication?: PassiveAuthenticationVerifier;
  /** Largest READ BINARY Le (default 223, which fits a short protected response). */
  maxRead?: number;
}

/** Data groups readable only after Extended Access Control (BSI TR-03110); BAC gets 6982 for them. */
const EAC_DATA_GROUPS = new Set([3, 4]);

/** The message the brief and the operators' manual use for a BAC failure. */
export const BAC_WRONG_CARD_MESSAGE = "BAC failed: the chip does not answer to this record's MRZ (wrong card?)";

/** Extracts the BAC key input from TD1 lines; throws a RangeError when the lines are not a TD1 MRZ. */
export function bacKeyInputFromMrz(lines: readonly string[]): BacKeyInput {
  const checked = checkMrz(lines);
  if (checked.fields === undefined) throw new RangeError(`expected MRZ is not a TD1 MRZ: ${checked.errors.join('; ')}`);
  return { documentNumber: checked.fields.documentNumber, dateOfBirth: checked.fields.dateOfBirth, dateOfExpiry: checked.fields.dateOfExpiry };
}

/** Stops the read-back: the chip is gone, mute, or the secure session ended. */
class Abort extends Error {}

/** Reads a personalized chip back and judges it. */
export class QcReader {
  constructor(private readonly options: QcReaderOptions) {}

  /**
   * Runs the whole QC sequence on `channel` (a fresh connection to the card). Throws only a RangeError for
   * an `expected` that is not a TD1 MRZ; everything the chip does is reported.
   */
  async read(channel: CardChannel, expected: QcExpectation): Promise<QcReport> {
    const bacInput = bacKeyInputFromMrz(expected.mrz);
    const run = new QcRun(channel, this.options);
    try {
      await run.execute(bacInput, expected);
    } catch (e) {
      if (!(e instanceof Abort)) run.fail('qc', `unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
    }
    return run.report();
  }
}

/** The state of one read-back. */
class QcRun {
  private apdus = 0;
  private readonly checks: QcCheck[] = [];
  private readonly errors: QcError[] = [];
  private readonly counted: CardChannel;
  private chipUid: string | undefined;
  private locked = false;
  private bac = false;
  private pa = false;
  private aa = false;
  private dataMatches = false;
  private readonly dataGroups = new Map<number, Uint8Array>();

  constructor(
    channel: CardChannel,
    private readonly options: QcReaderOptions,
  ) {
    this.counted = {
      transmit: (apdu) => {
        this.apdus++;
        return channel.transmit(apdu);
      },
    };
  }

  pass(name: string, detail: string): void {
    this.checks.push({ name, ok: true, detail });
  }

  fail(name: string, detail: string): void {
    this.checks.push({ name, ok: false, detail });
    this.errors.push({ check: name, message: detail });
  }

  /** Records a chip failure; aborts when the card can no longer be talked to. */
  private chipFailure(name: string, e: unknown): void {
    if (!(e instanceof ChipError)) throw e;
    this.fail(name, e.message);
    if (e instanceof NoCardError || e instanceof ChipTimeoutError || e instanceof ChipSecureMessagingError) throw new Abort();
  }

  report(): QcReport {
    return {
      passed: this.errors.length === 0 && this.locked && this.bac && this.pa && this.aa && this.dataMatches,
      locked: this.locked,
      bac: this.bac,
      passiveAuthentication: this.pa,
      activeAuthentication: this.aa,
      dataMatchesRecord: this.dataMatches,
      ...(this.chipUid !== undefined ? { chipUid: this.chipUid } : {}),
      dataGroupsRead: [...this.dataGroups.keys()].sort((a, b) => a - b),
      errors: this.errors,
      checks: this.checks,
      apdus: this.apdus,
    };
  }

  async execute(bacInput: BacKeyInput, expected: QcExpectation): Promise<void> {
    await this.readUid();
    await this.selectApplicationAndProbeLock();
    const secure = await this.basicAccessControl(bacInput);
    const listed = await this.readEfCom(secure);
    for (const n of listed) await this.readDataGroup(secure, n);
    const sod = await this.readFile(secure, EF_SOD.fid, EF_SOD.name, EF_SOD.tag);
    await this.passiveAuthentication(sod);
    await this.activeAuthentication(secure);
    this.compareData(expected);
  }

  /** PC/SC GET DATA for the UID: answered by contactless readers; any refusal just leaves the UID unknown. */
  private async readUid(): Promise<void> {
    try {
      const r = await sendCommand(this.counted, getUid());
      if (r.sw === SW.OK && r.data.length > 0) this.chipUid = bytesToHex(r.data);
    } catch (e) {
      this.chipFailure('uid', e);
    }
  }

  private async selectApplicationAndProbeLock(): Promise<void> {
    try {
      const r = await sendCommand(this.counted, selectApplication());
      if (r.sw !== SW.OK) {
        this.fail('application', `SELECT of the eMRTD application answered ${swHex(r.sw)}: no ICAO application on this chip`);
        throw new Abort();
      }
      this.pass('application', 'eMRTD application selected');
      // A locked chip refuses plain access (JMRTD applet after LOCK, ICAO 9303-11 section 4.3): 6982.
      const probe = await sendCommand(this.counted, selectEf(EF_COM.fid));
      this.locked = probe.sw === SW.SECURITY_STATUS_NOT_SATISFIED;
      if (this.locked) this.pass('locked', 'plain SELECT EF.COM refused with 6982: BAC is required');
      else this.fail('locked', `plain SELECT EF.COM answered ${swHex(probe.sw)}, expected 6982: the chip is readable without BAC (LOCK missing?)`);
    } catch (e) {
      if (e instanceof Abort) throw e;
      this.chipFailure('application', e);
      throw new Abort();
    }
  }

  private async basicAccessControl(bacInput: BacKeyInput): Promise<CardChannel> {
    try {
      const secure = await performBac(this.counted, bacInput, this.options.random);
      this.bac = true;
      this.pass('bac', 'mutual authentication with the MRZ keys succeeded; secure messaging established');
      return secure;
    } catch (e) {
      if (e instanceof BacFailedError) {
        this.fail('bac', `${BAC_WRONG_CARD_MESSAGE} (${e.message})`);
      } else if (e instanceof ChipError) {
        this.fail('bac', `BAC could not be completed: ${e.message}`);
      } else {
        throw e;
      }
      throw new Abort();
    }
  }

  private async readFile(secure: CardChannel, fid: number, name: string, tag: number): Promise<Uint8Array | undefined> {
    try {
      const bytes = await readTlvFile(secure, fid, { expectedTag: tag, name, maxRead: this.options.maxRead ?? DEFAULT_MAX_READ });
      this.pass(`read ${name}`, `${bytes.length} bytes`);
      return bytes;
    } catch (e) {
      this.chipFailure(`read ${name}`, e);
      return undefined;
    }
  }

  private async readEfCom(secure: CardChannel): Promise<number[]> {
    const bytes = await this.readFile(secure, EF_COM.fid, EF_COM.name, EF_COM.tag);
    if (bytes === undefined) throw new Abort();
    try {
      const com = parseEfCom(bytes);
      this.pass('ef-com', `lists ${com.dataGroups.map((n) => `DG${n}`).join(', ')}`);
      return com.dataGroups;
    } catch (e) {
      this.fail('ef-com', `EF.COM does not parse: ${(e as Error).message}`);
      throw new Abort();
    }
  }

  private async readDataGroup(secure: CardChannel, n: number): Promise<void> {
    const file = dataGroupFile(n);
    if (EAC_DATA_GROUPS.has(n)) {
      try {
        const bytes = await readTlvFile(secure, file.fid, { expectedTag: file.tag, name: file.name });
        this.dataGroups.set(n, bytes);
        this.pass(`read ${file.name}`, `${bytes.length} bytes`);
      } catch (e) {
        if (e instanceof ChipStatusError && e.sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
          this.pass(`read ${file.name}`, 'protected by Extended Access Control, not readable under BAC (expected)');
          return;
        }
        this.chipFailure(`read ${file.name}`, e);
      }
      return;
    }
    const bytes = await this.readFile(secure, file.fid, file.name, file.tag);
    if (bytes !== undefined) this.dataGroups.set(n, bytes);
  }

  private async passiveAuthentication(sod: Uint8Array | undefined): Promise<void> {
    if (sod === undefined) {
      this.fail('passive authentication', 'EF.SOD could not be read');
      return;
    }
    try {
      const verify = this.options.verifyPassiveAuthentication ?? verifyPassiveAuthentication;
      const outcome = await verify({
        sod,
        dataGroups: new Map(this.dataGroups),
        cscaCertificates: [...this.options.cscaCertificates],
        at: this.options.at,
      });
      let ok = outcome.ok;
      for (const c of outcome.checks) {
        const name = `passive authentication: ${c.name}`;
        const dg = /^dg(\d+)-hash$/.exec(c.name);
        // Our own cards must carry every data group their SOD signs (readers may skip some; QC may not).
        if (c.status === 'not-checked' && dg !== null && !EAC_DATA_GROUPS.has(Number(dg[1]))) {
          this.fail(name, `${c.detail}: the SOD signs DG${dg[1]} but EF.COM does not list it or it could not be read`);
          ok = false;
        } else if (c.ok) {
          this.pass(name, c.detail);
        } else {
          this.fail(name, c.detail);
          ok = false;
        }
      }
      if (!outcome.ok && outcome.checks.every((c) => c.ok)) this.fail('passive authentication', 'the verifier rejected the SOD');
      this.pa = ok && outcome.ok;
    } catch (e) {
      this.fail('passive authentication', `verification failed: ${(e as Error).message}`);
    }
  }

  private async activeAuthentication(secure: CardChannel): Promise<void> {
    const dg15 = this.dataGroups.get(15);
    if (dg15 === undefined) {
      this.fail('active authentication', 'no DG15 (Active Authentication public key) was read');
      return;
    }
    let publicKey;
    try {
      publicKey = parseDg15(dg15).publicKey;
    } catch (e) {
      this.fail('active authentication', `DG15 does not parse: ${(e as Error).message}`);
      return;
    }
    const challenge = this.options.random(8);
    try {
      const r = await sendCommand(secure, internalAuthenticate(challenge));
      if (r.sw !== SW.OK) {
        this.fail('active authentication', `INTERNAL AUTHENTICATE answered ${swHex(r.sw)}`);
        return;
      }
      let ok = false;
      try {
        ok = verifyActiveAuthSignature(publicKey, challenge, r.data);
      } catch (e) {
        this.fail('active authentication', `DG15 key cannot verify: ${(e as Error).message}`);
        return;
      }
      this.aa = ok;
      if (ok) this.pass('active authentication', 'the chip signed a fresh challenge with the private key of DG15');
      else this.fail('active authentication', "the chip's signature does not verify with the DG15 key (cloned or wrongly keyed chip)");
    } catch (e) {
      this.chipFailure('active authentication', e);
    }
  }

  private compareData(expected: QcExpectation): void {
    let ok = true;
    const dg1 = this.dataGroups.get(1);
    if (dg1 === undefined) {
      this.fail('dg1', 'DG1 was not read');
      ok = false;
    } else {
      try {
        const lines = parseDg1(dg1).lines;
        const differing = expected.mrz.map((l, i) => (lines[i] === l ? 0 : i + 1)).filter((i) => i > 0);
        if (lines.length !== expected.mrz.length || differing.length > 0) {
          this.fail('dg1', `the MRZ on the chip differs from the record's in line(s) ${differing.join(', ') || 'count'}`);
          ok = false;
        } else {
          this.pass('dg1', 'the MRZ on the chip is the record\'s');
        }
      } catch (e) {
        this.fail('dg1', `DG1 does not parse: ${(e as Error).message}`);
        ok = false;
      }
    }
    if (expected.dg13 !== undefined) {
      const dg13 = this.dataGroups.get(13);
      if (dg13 === undefined) {
        this.fail('dg13', 'DG13 was not read');
        ok = false;
      } else {
        try {
          const actual = parseDg13(dg13);
          const keys = new Set([...Object.keys(expected.dg13), ...Object.keys(actual)] as (keyof Dg13Data)[]);
          const differing = [...keys].filter((k) => actual[k] !== expected.dg13![k]).sort();
          for (const k of differing) this.fail(`dg13 ${k}`, `DG13 field ${k} differs from the record`);
          if (differing.length === 0) this.pass('dg13', 'every DG13 field is the record\'s');
          else ok = false;
        } catch (e) {
          this.fail('dg13', `DG13 does not parse: ${(e as Error).message}`);
          ok = false;
        }
      }
    } else {
      this.pass('dg13', 'not compared: no expected DG13 given');
    }
    this.dataMatches = ok;
  }
}
