/**
 * `cardline chip personalize` and `cardline chip verify` through pcscd and vpcd, with `cardline sim chip`
 * running as a child process and feeding the virtual cards: a good card passes QC, a card without photo
 * too, and faults give exit 1 with the typed error's message. Skips (saying why) where pcscd or vpcd are
 * missing. Uses the second vpcd reader, so it can run beside the driver's integration test.
 */
import path from 'node:path';
import { acquireVpcdSlot, describeWithPcscd, VPCD_READERS } from '../helpers/pcscd';
import { ADULT, CHILD, cliEnv, requireBuiltCli, runCli, startCli, waitForLine, workDir, writeRecords } from './chip-fixtures';

const { name: READER, port: PORT } = VPCD_READERS[1];

describeWithPcscd('chip personalize / verify through pcscd + vpcd with sim chip', () => {
  const cwd = workDir('cardline-chip-pcscd-');
  let adult: string;
  let child: string;
  let releaseSlot: () => void = () => undefined;
  const sims: ReturnType<typeof startCli>[] = [];

  beforeAll(async () => {
    requireBuiltCli();
    releaseSlot = await acquireVpcdSlot(PORT);
    adult = writeRecords(cwd, [ADULT], 'adult.ndjson');
    child = writeRecords(cwd, [CHILD], 'child.ndjson');
    expect(runCli(['pki', 'init', '--dir', 'pki'], { cwd }).status).toBe(0);
  }, 150_000);

  afterEach(async () => {
    for (const sim of sims.splice(0)) {
      if (sim.child.exitCode === null) sim.child.kill('SIGTERM');
      await sim.exited;
    }
  }, 15_000);

  afterAll(() => releaseSlot());

  function sim(...extra: string[]): ReturnType<typeof startCli> {
    const s = startCli(['sim', 'chip', '--vpcd', `127.0.0.1:${PORT}`, '--seed', 'cli-test', ...extra], { cwd });
    sims.push(s);
    return s;
  }

  const station = (cmd: 'personalize' | 'verify', record: string, ...extra: string[]) =>
    runCli(['chip', cmd, '--reader', READER, '--record', record, '--pki', 'pki', '--timeout', '10000', '--json', ...extra], { cwd, timeoutMs: 60_000 });

  test('two cards: each personalized, then verified (all checks pass), then replaced by the simulator', async () => {
    const s = sim('--count', '2');
    for (const [record, files] of [
      [adult, ['011E', '0101', '0102', '010D', '010F', '011D']],
      [child, ['011E', '0101', '010D', '010F', '011D']],
    ] as const) {
      const p = station('personalize', record);
      expect(p.stderr).not.toMatch(/error/i);
      expect(p.status).toBe(0);
      const perso = JSON.parse(p.stdout) as { apdus: number; bytesWritten: number; files: { fid: string }[]; locked: boolean; personalId: string };
      expect(perso.files.map((f) => f.fid)).toEqual(files);
      expect(perso.locked).toBe(true);
      expect(perso.apdus).toBeGreaterThan(10);
      expect(perso.personalId).toMatch(/^\d{3}\*+\d{2}$/);

      const v = station('verify', record);
      expect(v.status).toBe(0);
      const report = JSON.parse(v.stdout) as Record<string, unknown>;
      expect(report).toMatchObject({ bac: true, passiveAuthentication: true, activeAuthentication: true, dataMatchesRecord: true, errors: [] });
    }
    expect(await s.exited).toBe(0);
    expect(s.lines.filter((l) => /removed \(done\)/.test(l))).toHaveLength(2);
    expect(s.lines.some((l) => /^card 1: session 2 ended: \d+ APDUs, locked, 6 files$/.test(l))).toBe(true);
    expect(s.lines.some((l) => /^card 2: session 2 ended: \d+ APDUs, locked, 5 files$/.test(l))).toBe(true);
  }, 120_000);

  test('verify against another record: BAC fails, exit 1, the JSON report says why', async () => {
    sim('--count', '1');
    expect(station('personalize', adult).status).toBe(0);
    const v = station('verify', child);
    expect(v.status).toBe(1);
    const report = JSON.parse(v.stdout) as { bac: boolean; errors: { check: string; message: string }[] };
    expect(report.bac).toBe(false);
    expect(report.errors[0]!.message).toMatch(/BAC failed/);
  }, 60_000);

  test.each([
    ['write-fail', /UPDATE BINARY DG2 \(0102\) at offset \d+: chip answered 6581 \[ChipWriteError\]/],
    ['tear', /the card left the field during the write \[ChipTornError\]/],
    ['already-personalized', /already personalized.*\[ChipAlreadyPersonalizedError\]/],
    ['dead', /no usable answer to reset.*\[NoAtrError\]/],
  ])('--fault %s: personalize exits 1 with the typed error', async (fault, message) => {
    const s = sim('--fault', fault);
    await waitForLine(s.lines, /card 1: inserted/);
    const p = runCli(['chip', 'personalize', '--reader', READER, '--record', adult, '--pki', 'pki', '--timeout', '5000'], { cwd, timeoutMs: 30_000 });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(message);
  }, 40_000);

  test('--fault slow beyond --apdu-timeout: exit 1 with ChipTimeoutError, quickly', async () => {
    const s = sim('--fault', 'slow', '--slow-ms', '4000');
    await waitForLine(s.lines, /card 1: inserted/);
    const started = Date.now();
    const p = runCli(['chip', 'personalize', '--reader', READER, '--record', adult, '--pki', 'pki', '--timeout', '5000', '--apdu-timeout', '500'], { cwd, timeoutMs: 30_000 });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/did not answer .* within 500 ms \[ChipTimeoutError\]/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 40_000);

  test('no card: exit 1 after --timeout; unknown reader: exit 1 naming the readers there are', () => {
    const p = runCli(['chip', 'verify', '--reader', READER, '--record', adult, '--pki', 'pki', '--timeout', '700'], { cwd });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/no card within 700 ms \[NoCardError\]/);
    const q = runCli(['chip', 'verify', '--reader', 'No Such Reader', '--record', adult, '--pki', 'pki', '--timeout', '700'], { cwd });
    expect(q.status).toBe(1);
    expect(q.stderr).toMatch(/no PC\/SC reader named "No Such Reader".*"Virtual PCD 00 00"/);
  }, 30_000);

  test('sim chip stops cleanly on SIGTERM, taking its card out', async () => {
    const s = sim();
    await waitForLine(s.lines, /card 1: inserted/);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.lines).toContain('card 1: removed (stopped)');
    expect(s.lines.some((l) => /1 card\(s\) inserted, 0 done \(interrupted\)/.test(l))).toBe(true);
  }, 20_000);

  test('sim chip without vpcd listening: exit 1 with the hint', () => {
    const started = Date.now();
    const r = runCli(['sim', 'chip', '--vpcd', '127.0.0.1:9', '--count', '1', '--wait-vpcd', '500'], { cwd, env: cliEnv(), timeoutMs: 30_000 });
    expect(r.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.stderr).toMatch(/vpcd is not reachable at 127\.0\.0\.1:9 .*pcscd/);
  }, 30_000);

  test('the record file must exist (exit 1)', () => {
    const r = runCli(['chip', 'verify', '--reader', READER, '--record', path.join(cwd, 'missing.ndjson')], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.ndjson: cannot read \(ENOENT\)/);
  });
});
