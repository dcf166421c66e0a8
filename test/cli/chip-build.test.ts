/**
 * `cardline pki init` and `cardline chip build`, end to end through the built CLI: the PKI files and the
 * passphrase rule, six files per chip named by FID, no DG2 for a child under 6, invalid rows reported while
 * the others are built, and `openssl cms -verify` accepting every SOD with the CSCA certificate.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseSod, sodContentInfo } from '../../src/identity/lds/sod';
import { opensslAvailable, openssl } from '../identity/pki/pki-fixture';
import { ADULT, BROKEN, CHILD, cliEnv, requireBuiltCli, runCli, workDir, writeRecords } from './chip-fixtures';

beforeAll(() => requireBuiltCli());

describe('cardline pki init', () => {
  test('refuses without CARDLINE_DS_PASSPHRASE (exit 1, names the variable) and writes nothing', () => {
    const cwd = workDir('cardline-pki-');
    const r = runCli(['pki', 'init', '--dir', 'pki'], { cwd, env: cliEnv({ passphrase: null }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/CARDLINE_DS_PASSPHRASE is not set/);
    expect(fs.existsSync(path.join(cwd, 'pki'))).toBe(false);
  });

  test('creates the CSCA and Document Signer files (keys encrypted, 0600), default dir var/pki; refuses to overwrite without --force', () => {
    const cwd = workDir('cardline-pki-');
    const r = runCli(['pki', 'init', '--json'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { files: Record<string, string> };
    const dir = path.join(cwd, 'var', 'pki');
    expect(fs.readdirSync(dir).sort()).toEqual(['csca.key.pem', 'csca.pem', 'ds.key.pem', 'ds.pem']);
    expect(out.files.cscaCertificate).toBe(path.join(dir, 'csca.pem'));
    for (const key of ['csca.key.pem', 'ds.key.pem']) {
      expect(fs.readFileSync(path.join(dir, key), 'latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
      expect(fs.statSync(path.join(dir, key)).mode & 0o777).toBe(0o600);
    }
    const before = fs.readFileSync(path.join(dir, 'csca.pem'), 'latin1');
    const again = runCli(['pki', 'init'], { cwd });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);
    expect(runCli(['pki', 'init', '--force'], { cwd }).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'csca.pem'), 'latin1')).not.toBe(before);
  }, 60_000);
});

describe('cardline chip build', () => {
  const cwd = workDir('cardline-chip-build-');
  const records = writeRecords(cwd, [ADULT, CHILD, BROKEN]);
  let result: ReturnType<typeof runCli>;

  beforeAll(() => {
    expect(runCli(['pki', 'init', '--dir', 'pki'], { cwd }).status).toBe(0);
    result = runCli(['chip', 'build', records, '--out', 'chips', '--pki', 'pki', '--json'], { cwd });
  }, 60_000);

  test('exit 1 for the invalid record, reported as "row N, field: reason"; the valid ones are built', () => {
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/row 3, dateOfBirth: /);
    const out = JSON.parse(result.stdout) as { built: number; withoutPhoto: number; cards: { row: number; dg2: boolean }[] };
    expect(out.built).toBe(2);
    expect(out.withoutPhoto).toBe(1);
    expect(out.cards.map((c) => [c.row, c.dg2])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(fs.readdirSync(path.join(cwd, 'chips')).sort()).toEqual([ADULT.personalId, CHILD.personalId].sort());
  });

  test('the adult gets the six files named by FID', () => {
    expect(fs.readdirSync(path.join(cwd, 'chips', ADULT.personalId)).sort()).toEqual(['0101.bin', '0102.bin', '010D.bin', '010F.bin', '011D.bin', '011E.bin']);
  });

  test('the child under 6 gets no DG2: EF.COM and the SOD leave it out, and the run says so', () => {
    const dir = path.join(cwd, 'chips', CHILD.personalId);
    expect(fs.readdirSync(dir).sort()).toEqual(['0101.bin', '010D.bin', '010F.bin', '011D.bin', '011E.bin']);
    expect(result.stderr).toMatch(/row 2: holder under 6, the card carries no photo: no DG2/);
    const com = fs.readFileSync(path.join(dir, '011E.bin'));
    const tagList = com.subarray(com.indexOf(Buffer.from([0x5c])) + 2);
    expect([...tagList]).toEqual([0x61, 0x6d, 0x6f]);
    const sod = parseSod(new Uint8Array(fs.readFileSync(path.join(dir, '011D.bin'))));
    expect([...sod.ldsSecurityObject.dataGroupHashes.keys()]).toEqual([1, 13, 15]);
  });

  test('every SOD signs the hashes of the files written', () => {
    for (const id of [ADULT.personalId, CHILD.personalId]) {
      const dir = path.join(cwd, 'chips', id);
      const sod = parseSod(new Uint8Array(fs.readFileSync(path.join(dir, '011D.bin'))));
      expect(sod.ldsSecurityObject.dataGroupHashes.size).toBeGreaterThanOrEqual(3);
      for (const [n, hash] of sod.ldsSecurityObject.dataGroupHashes) {
        const fid = (0x0100 + n).toString(16).toUpperCase().padStart(4, '0');
        const digest = createHash('sha256').update(fs.readFileSync(path.join(dir, `${fid}.bin`))).digest();
        expect(Buffer.from(hash).equals(digest)).toBe(true);
      }
    }
  });

  (opensslAvailable ? test : test.skip)('openssl cms -verify accepts every SOD with the CSCA certificate', () => {
    if (!opensslAvailable) console.warn('skipping: openssl is not installed');
    for (const id of [ADULT.personalId, CHILD.personalId]) {
      const sodFile = path.join(cwd, `${id}.sod.der`);
      fs.writeFileSync(sodFile, sodContentInfo(new Uint8Array(fs.readFileSync(path.join(cwd, 'chips', id, '011D.bin')))));
      const r = openssl(['cms', '-verify', '-inform', 'DER', '-in', sodFile, '-CAfile', path.join(cwd, 'pki', 'csca.pem'), '-purpose', 'any', '-out', path.join(cwd, `${id}.lds.der`)]);
      expect(r.out).toMatch(/Verification successful/);
      expect(r.status).toBe(0);
    }
  });

  test('without the passphrase nothing is built (exit 1, names the variable)', () => {
    const r = runCli(['chip', 'build', records, '--out', 'chips2', '--pki', 'pki'], { cwd, env: cliEnv({ passphrase: null }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/CARDLINE_DS_PASSPHRASE/);
    expect(fs.existsSync(path.join(cwd, 'chips2'))).toBe(false);
  });

  test('usage errors exit 2, --help exits 0', () => {
    expect(runCli(['chip', 'build', records], { cwd }).status).toBe(2);
    const help = runCli(['chip', 'build', '--help'], { cwd });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--out <dir>/);
    for (const cmd of [['chip', 'personalize'], ['chip', 'verify'], ['pki', 'init'], ['sim', 'chip']]) {
      expect(runCli([...cmd, '--help'], { cwd }).status).toBe(0);
    }
    const noTransport = runCli(['sim', 'chip'], { cwd });
    expect(noTransport.status).toBe(2);
    expect(noTransport.stderr).toMatch(/--vpcd/);
    const badAddress = runCli(['sim', 'chip', '--vpcd', 'host:port'], { cwd });
    expect(badAddress.status).toBe(2);
    expect(badAddress.stderr).toMatch(/is not HOST:PORT/);
    expect(runCli(['sim', 'chip', '--vpcd', '--fault', 'melted'], { cwd }).status).toBe(2);
  });
});
