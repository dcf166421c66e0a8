/**
 * Runs one section's probe in a child process (discovery-child.js) and kills it when it has not answered in time:
 * the only time-out that holds against a native call blocked in a hung daemon (see discovery-child.ts).
 */
import { spawn } from 'node:child_process';
import type { Clock } from '../clock';
import type { AnySection, DeviceKind } from './device-inventory';

/** Runs `script kind waitMs`; resolves with the section it prints, or with an unavailable section saying why. */
export function runProbeInChild(script: string, kind: DeviceKind, waitMs: number, timeoutMs: number, clock: Clock): Promise<AnySection> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, kind, String(waitMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (section: AnySection) => {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      // The answer is in; whatever the child still does (closing native handles) is of no interest.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(section);
    };
    const timer = clock.setTimeout(() => finish(unavailable(noAnswerReason(kind, timeoutMs))), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      try {
        finish(JSON.parse(stdout.slice(0, end)) as AnySection);
      } catch {
        finish(unavailable(`the ${kind} probe printed something that is not JSON: ${stdout.slice(0, 200)}`));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('error', (e) => finish(unavailable(`the ${kind} probe could not start: ${e.message}`)));
    child.on('close', (code, signal) => {
      const why = stderr.trim().split('\n')[0] || (signal !== null ? `killed by ${signal}` : `exit code ${String(code)}`);
      finish(unavailable(`the ${kind} probe failed: ${why}`));
    });
  });
}

function unavailable(reason: string): AnySection {
  return { available: false, reason, devices: [] };
}

/** What to tell the operator when a section did not answer in time. */
export function noAnswerReason(kind: DeviceKind, timeoutMs: number): string {
  switch (kind) {
    case 'pcsc':
      return `pcscd did not answer within ${timeoutMs} ms: it may be hung (restart it: systemctl restart pcscd)`;
    case 'hid':
      return `listing HID devices did not finish within ${timeoutMs} ms`;
    case 'serial':
      return `listing serial ports did not finish within ${timeoutMs} ms (udevadm did not answer)`;
  }
}
