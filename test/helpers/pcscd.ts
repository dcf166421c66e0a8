/**
 * The real PC/SC stack for integration tests: is everything installed (pcsclite, pcscd, the vpcd driver),
 * is pcscd running, and if it is installed but not running, start it for the tests and stop it again.
 *
 * Jest runs test files in parallel worker processes, so the pcscd a test starts is shared: a small
 * reference count in the temp directory (one file per user, a directory as lock) makes the last user stop
 * it, and only a pcscd some test started (never one the system runs). Everything here is synchronous so a
 * test file can decide at collection time between `describe` and `describe.skip`.
 *
 * The vpcd readers are shared too: {@link acquireVpcdSlot} serialises the files that insert virtual cards
 * into the same reader.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPcscLite } from '../../src/devices/chip/pcsc/pcsclite-binding';

/** The pcscd socket pcsc-lite clients use (PCSCLITE_CSOCK_NAME overrides it, as in libpcsclite). */
export const PCSCD_SOCKET = process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';

/** vpcd's two readers and their TCP ports (/etc/reader.conf.d/vpcd: CHANNELID 0x8C7B = 35963). */
export const VPCD_READERS = [
  { name: 'Virtual PCD 00 00', port: 35963 },
  { name: 'Virtual PCD 00 01', port: 35964 },
] as const;

const STATE_DIR = path.join(os.tmpdir(), 'cardline-test-pcscd');
const LOCK_DIR = path.join(STATE_DIR, 'lock');
const OWNER_FILE = path.join(STATE_DIR, 'owner.json');
const USERS_DIR = path.join(STATE_DIR, 'users');
const LOG_FILE = path.join(STATE_DIR, 'pcscd.log');

/** The outcome of {@link requirePcscStack}. */
export type PcscStack =
  | { available: true; startedByTests: boolean; release: () => void }
  | { available: false; reason: string; release: () => void };

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function findExecutable(name: string, extra: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extra];
  return dirs.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
}

/** True when something accepts connections on pcscd's socket (checked in a child: Node cannot connect synchronously). */
export function pcscdRunning(): boolean {
  if (!fs.existsSync(PCSCD_SOCKET)) return false;
  const script =
    "const s=require('net').connect(process.argv[1]);s.on('connect',()=>{s.destroy();process.exit(0)});" +
    "s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),1000);";
  return spawnSync(process.execPath, ['-e', script, PCSCD_SOCKET], { timeout: 3000 }).status === 0;
}

/** Why the PC/SC stack cannot be used at all, or undefined when everything is installed. */
export function missingPcscPackages(): string | undefined {
  try {
    loadPcscLite();
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return `${(e as Error).message}${cause instanceof Error ? ` [${cause.message.split('\n')[0]}]` : ''}`;
  }
  if (findExecutable('pcscd', ['/usr/sbin', '/usr/local/sbin']) === undefined) return 'pcscd is not installed (apt-get install pcscd)';
  const vpcdInstalled = ['/etc/reader.conf.d/vpcd', '/usr/lib/pcsc/drivers/serial/libifdvpcd.so'].some((f) => fs.existsSync(f));
  if (!vpcdInstalled) return 'the vpcd virtual reader driver is not installed (apt-get install vsmartcard-vpcd)';
  return undefined;
}

/** Runs `fn` holding the state directory's lock (a directory: mkdir is atomic); a lock older than 30 s is stale. */
function withStateLock<T>(fn: () => T): T {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(LOCK_DIR).mtimeMs > 30_000) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // removed meanwhile
      }
      if (Date.now() > deadline) throw new Error(`cannot take the test lock ${LOCK_DIR}`);
      sleepSync(50);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

interface Owner {
  pid: number;
}

function readOwner(): Owner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(OWNER_FILE, 'utf8')) as Owner;
    return alive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** User tokens of live processes (a worker that crashed leaves a token whose pid is dead: dropped). */
function liveUsers(): string[] {
  fs.mkdirSync(USERS_DIR, { recursive: true });
  const users: string[] = [];
  for (const token of fs.readdirSync(USERS_DIR)) {
    const pid = Number(token.split('-')[0]);
    if (Number.isInteger(pid) && alive(pid)) users.push(token);
    else fs.rmSync(path.join(USERS_DIR, token), { force: true });
  }
  return users;
}

function startPcscd(): Owner {
  const binary = findExecutable('pcscd', ['/usr/sbin', '/usr/local/sbin'])!;
  const log = fs.openSync(LOG_FILE, 'a');
  // Foreground (-f) so the pid we hold is pcscd's own; detached so it outlives the worker that started it
  // while other workers still use it. No -a: APDU logging would write card data to the log.
  const child = spawn(binary, ['-f'], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('pcscd did not start');
  const deadline = Date.now() + 5000;
  while (!pcscdRunning()) {
    if (!alive(pid) || Date.now() > deadline) {
      const tail = fs.existsSync(LOG_FILE) ? fs.readFileSync(LOG_FILE, 'utf8').split('\n').slice(-5).join(' | ') : '';
      throw new Error(`pcscd did not come up (log: ${tail || 'empty'})`);
    }
    sleepSync(100);
  }
  const owner = { pid };
  fs.writeFileSync(OWNER_FILE, JSON.stringify(owner));
  return owner;
}

function stopPcscd(owner: Owner): void {
  try {
    process.kill(owner.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + 3000;
  while (alive(owner.pid) && Date.now() < deadline) sleepSync(50);
  if (alive(owner.pid)) process.kill(owner.pid, 'SIGKILL');
  fs.rmSync(OWNER_FILE, { force: true });
}

/**
 * Makes sure pcscd runs for this test file: uses a running one, or starts one when everything is installed.
 * Returns why not when the stack is missing or pcscd cannot be started. Call `release()` in `afterAll`.
 */
export function requirePcscStack(): PcscStack {
  const missing = missingPcscPackages();
  if (missing !== undefined) return { available: false, reason: missing, release: () => undefined };
  const token = `${process.pid}-${randomUUID()}`;
  try {
    const startedByTests = withStateLock(() => {
      fs.mkdirSync(USERS_DIR, { recursive: true });
      let owner = readOwner();
      if (owner === undefined) {
        fs.rmSync(OWNER_FILE, { force: true });
        if (!pcscdRunning()) owner = startPcscd();
      }
      if (owner === undefined) return false;
      try {
        fs.writeFileSync(path.join(USERS_DIR, token), '');
      } catch (e) {
        if (liveUsers().length === 0) stopPcscd(owner);
        throw e;
      }
      return true;
    });
    let released = false;
    const release = (): void => {
      if (released || !startedByTests) return;
      released = true;
      withStateLock(() => {
        fs.rmSync(path.join(USERS_DIR, token), { force: true });
        const owner = readOwner();
        if (owner !== undefined && liveUsers().length === 0) stopPcscd(owner);
      });
    };
    return { available: true, startedByTests, release };
  } catch (e) {
    return { available: false, reason: `pcscd is installed but could not be started: ${(e as Error).message}`, release: () => undefined };
  }
}

/**
 * `describe` when the PC/SC stack is usable (pcscd started for the file if needed, and stopped after it
 * when this file was its last user), else `describe.skip` plus one test that prints why, so the skip shows
 * in the output.
 */
export function describeWithPcscd(name: string, body: () => void): void {
  const stack = requirePcscStack();
  if (!stack.available) {
    describe(name, () => {
      test('is skipped: the PC/SC stack is not available', () => {
        // eslint-disable-next-line no-console
        console.warn(`skipping "${name}": ${stack.reason}`);
      });
    });
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    afterAll(() => stack.release());
    body();
  });
}

/**
 * Takes exclusive use of the vpcd reader on `port` across jest workers (a lock directory naming its pid).
 * Resolves with the release function; waits up to `timeoutMs`.
 */
export async function acquireVpcdSlot(port: number, timeoutMs = 120_000): Promise<() => void> {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const lock = path.join(STATE_DIR, `vpcd-${port}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // being created or removed
      }
      if (Number.isInteger(holder) && !alive(holder)) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`the vpcd reader on port ${port} stayed in use by pid ${holder} for ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
