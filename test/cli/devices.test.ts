/**
 * `cardline devices` through the built CLI. Whatever this machine has (pcscd running or not, HID or not), the
 * command exits 0 and every section either lists devices or says why it has none.
 */
import net from 'node:net';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { loadPcscLite } from '../../src/devices/chip/pcsc/pcsclite-binding';

interface Section {
  available: boolean;
  reason?: string;
  devices: unknown[];
}

function expectSection(s: Section): void {
  expect(typeof s.available).toBe('boolean');
  expect(Array.isArray(s.devices)).toBe(true);
  if (!s.available) {
    expect(s.devices).toEqual([]);
    expect(typeof s.reason).toBe('string');
  }
  // Every section has devices or says why it has none.
  expect(s.devices.length > 0 || (typeof s.reason === 'string' && s.reason.length > 0)).toBe(true);
}

test('--json: {serial, pcsc, hid}, each {available, reason?, devices}; exit 0', () => {
  const r = runCli(['devices', '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const inventory = JSON.parse(r.stdout) as Record<string, Section>;
  expect(Object.keys(inventory)).toEqual(['serial', 'pcsc', 'hid']);
  for (const kind of ['serial', 'pcsc', 'hid']) expectSection(inventory[kind]!);
  for (const reader of inventory.pcsc!.devices as { name: unknown }[]) expect(typeof reader.name).toBe('string');
  for (const port of inventory.serial!.devices as { path: unknown }[]) expect(typeof port.path).toBe('string');
  for (const dev of inventory.hid!.devices as { vendorId: unknown; kind: unknown }[]) {
    expect(typeof dev.vendorId).toBe('number');
    expect(['hid-pos-scanner', 'keyboard', 'other']).toContain(dev.kind);
  }
});

test('human output: one section per kind, each with its devices or its reason; exit 0', () => {
  const r = runCli(['devices']);
  expect(r.code).toBe(0);
  const sections = r.stdout.trim().split(/\n\n/);
  expect(sections.map((s) => s.split('\n')[0]!.replace(/ \(\d+\)$|: unavailable$/, ''))).toEqual(['Serial ports', 'PC/SC readers', 'HID devices']);
  for (const s of sections) expect(s.split('\n').length).toBeGreaterThan(1);
});

test('a bad --timeout is a usage error (exit 2)', () => {
  expect(runCli(['devices', '--timeout', '0']).code).toBe(2);
  expect(runCli(['devices', '--timeout', 'soon']).code).toBe(2);
});

/** Why pcsclite cannot be loaded here (then the hung-daemon test has nothing to hang), or undefined. */
function pcscliteMissing(): string | undefined {
  try {
    loadPcscLite();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
const pcscMissing = pcscliteMissing();
if (pcscMissing !== undefined) console.warn(`skipped "a hung pcscd": ${pcscMissing}`);

(pcscMissing === undefined ? describe : describe.skip)('a hung pcscd', () => {
  test('costs the PC/SC section its time-out, not the command: exit 0, the reason names the hang', () => {
    // A socket that accepts connections and never answers: pcsclite's context set-up blocks on it forever.
    const { dir, cleanup } = tempDir('hung-pcscd');
    const socket = join(dir, 'pcscd.comm');
    const server = net.createServer(() => undefined).listen(socket);
    try {
      const r = runCli(['devices', '--json', '--timeout', '1500'], { env: { PCSCLITE_CSOCK_NAME: socket }, timeoutMs: 30_000 });
      expect(r.code).toBe(0);
      const inventory = JSON.parse(r.stdout) as Record<string, Section>;
      expect(inventory.pcsc).toEqual({ available: false, reason: expect.stringMatching(/pcscd did not answer within 1500 ms/) as string, devices: [] });
      expectSection(inventory.serial!);
      expectSection(inventory.hid!);
    } finally {
      server.close();
      cleanup();
    }
  });
});
