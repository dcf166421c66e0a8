import { fork } from 'node:child_process';
import { cpus, totalmem, type as osType, release } from 'node:os';

/** One benchmark figure, as printed in the table and recorded in BENCHMARKS.md. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Target the issue sets, as text (e.g. ">= 50000"), when there is one. */
  target?: string;
  /** Whether the figure meets the target (undefined when there is none). */
  met?: boolean;
  note?: string;
}

/** What a child benchmark process reports back: its own figures plus its peak RSS and CPU time. */
export interface ChildReport {
  [key: string]: number;
  maxRssMb: number;
  cpuSeconds: number;
  wallSeconds: number;
}

/**
 * Runs a benchmark script in a fresh Node process so its peak RSS and CPU time are its own, not the harness's.
 * The child calls {@link reportToParent} once at the end.
 */
export function runChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | undefined;
    child.on('message', (m) => {
      report = m as ChildReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && report) resolve(report);
      else reject(new Error(`${script} exited with code ${code}`));
    });
  });
}

/** Child side of {@link runChild}: sends the figures plus peak RSS and CPU time since process start. */
export function reportToParent(figures: Record<string, number>, wallSeconds: number): void {
  const usage = process.resourceUsage();
  const report: ChildReport = {
    ...figures,
    maxRssMb: usage.maxRSS / 1024,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    wallSeconds,
  };
  process.send?.(report);
}

/** Seconds elapsed since `start` (from process.hrtime.bigint()). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** A one-line description of the machine for the results header. */
export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node ${process.version}`;
}
