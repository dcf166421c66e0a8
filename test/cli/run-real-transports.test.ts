/**
 * A short production run on the real transports: the printer simulator behind a socat pty pair (the Evolis driver
 * opens the other end as a serial port) and the chips of the printer's contact station and of the QC station in
 * pcscd's two vpcd readers (the PC/SC driver talks to them through pcsclite). Device times are scaled down so the
 * realtime run takes seconds; the chip I/O through pcscd is real.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ptyPairUnavailableReason } from '../../src/devices/transport/socat-pty-pair';
import { acquireVpcdSlot, describeWithPcscd, VPCD_READERS } from '../helpers/pcscd';
import { runCli, tempDir } from '../helpers/cli';

const socatMissing = ptyPairUnavailableReason();
const describeIfSocat = socatMissing === undefined ? describeWithPcscd : (name: string, body: () => void) => {
  describe(name, () => {
    test('is skipped: socat is missing', () => {
      // eslint-disable-next-line no-console
      console.warn(`skipping "${name}": ${socatMissing}`);
    });
  });
  describe.skip(name, body);
};

describeIfSocat('cardline run on a line of simulated devices behind a pty and pcscd + vpcd', () => {
  const ws = tempDir('run-real');
  const releases: (() => void)[] = [];
  beforeAll(async () => {
    for (const r of VPCD_READERS) releases.push(await acquireVpcdSlot(r.port));
  }, 240_000);
  afterAll(() => {
    for (const r of releases) r();
    ws.cleanup();
  });

  test('three records produced, every card accounted for, with the chips read back through PC/SC', () => {
    const config = join(ws.dir, 'line.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'real-transports',
        topology: 'workstation',
        stations: [
          { id: 'printer-1', kind: 'printer-encoder', printer: { type: 'simulated-pty' }, reader: { type: 'simulated-vpcd', port: VPCD_READERS[0].port } },
          { id: 'qc-1', kind: 'qc', reader: { type: 'simulated-vpcd', port: VPCD_READERS[1].port }, scanner: { type: 'simulated' } },
        ],
      }),
    );
    const db = join(ws.dir, 'cardline.db');
    const run = runCli(['--db', db, 'run', '--config', config, '--sample', '3', '--seed', '11', '--speed', 'realtime', '--time-scale', '0.02', '--json'], {
      timeoutMs: 240_000,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      records: { total: number; produced: number };
      cards: { good: number; spoiled: number; unaccounted: number };
      audit: { verified: boolean };
    };
    expect(summary.records).toMatchObject({ total: 3, produced: 3 });
    expect(summary.cards).toMatchObject({ good: 3, spoiled: 0, unaccounted: 0 });
    expect(summary.audit.verified).toBe(true);
  }, 250_000);

  test('virtual time is refused for a line with real transports', () => {
    const config = join(ws.dir, 'line.json');
    const r = runCli(['--db', join(ws.dir, 'v.db'), 'run', '--config', config, '--sample', '1', '--speed', 'virtual']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--speed virtual needs a fully simulated line/);
  });
});
