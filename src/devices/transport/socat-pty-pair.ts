/**
 * Two serial devices wired to each other, made by socat (`socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`):
 * a simulator opens one end and a driver the other, exactly as they would open real serial ports. Used by the
 * printer integration tests, the printer benchmark and demos; it needs the `socat` system package.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../clock';

/** A running pty pair. */
export interface PtyPair {
  /** The end the driver opens. */
  readonly hostPath: string;
  /** The end the device (simulator) opens. */
  readonly devicePath: string;
  /** socat's process id (the only process this module starts). */
  readonly pid: number;
  /** Stops socat (by its pid) and removes the links. */
  stop(): Promise<void>;
}

/** socat is missing or did not make the links. */
export class PtyPairUnavailableError extends Error {
  override name = 'PtyPairUnavailableError';
}

/** The reason a pty pair cannot be made here, or undefined when socat is available. */
export function ptyPairUnavailableReason(): string | undefined {
  const r = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (r.error !== undefined || r.status !== 0) return 'socat is not installed (apt-get install socat)';
  return undefined;
}

/**
 * Starts socat and waits (up to `withinMs` on the system clock: this is process start-up, not device time, so a
 * virtual clock would be wrong here) until both links exist. The links live in a fresh temporary folder.
 */
export async function startPtyPair(withinMs = 5000): Promise<PtyPair> {
  const clock = systemClock;
  const missing = ptyPairUnavailableReason();
  if (missing !== undefined) throw new PtyPairUnavailableError(missing);
  const dir = mkdtempSync(join(tmpdir(), 'cardline-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = clock.now() + withinMs;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null || clock.now() > deadline) {
      await stop();
      throw new PtyPairUnavailableError(`socat did not create the pty pair within ${withinMs} ms${stderr ? `: ${stderr.trim()}` : ''}`);
    }
    await new Promise((r) => clock.setTimeout(() => r(undefined), 20));
  }
  return { hostPath, devicePath, pid: child.pid!, stop };
}
