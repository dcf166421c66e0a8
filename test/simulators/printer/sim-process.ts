/**
 * `cardline sim printer` as a separate process, the way an operator runs it: its stdout read line by line, its stdin
 * written like a console. Only the process started here is ever signalled, by its pid.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI } from '../../helpers/cli';

/** A running simulator process. */
export class SimProcess {
  readonly lines: string[] = [];
  stderr = '';
  private readonly waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      partial += text;
      const parts = partial.split('\n');
      partial = parts.pop()!;
      for (const line of parts) this.onLine(line);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Starts `cardline sim printer --port PORT ARGS...` and waits for its "printer ready" line. */
  static async start(port: string, args: string[], withinMs = 10_000): Promise<SimProcess> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it)`);
    const child = spawn(process.execPath, [CLI, 'sim', 'printer', '--port', port, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const sim = new SimProcess(child);
    await sim.waitForLine((l) => l.startsWith('printer ready on '), withinMs);
    return sim;
  }

  private onLine(line: string): void {
    this.lines.push(line);
    const i = this.waiters.findIndex((w) => w.test(line));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(line);
  }

  /** The next line (or an earlier one not yet claimed) matching `test`, within `withinMs` of real time. */
  waitForLine(test: (line: string) => boolean, withinMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching line from the simulator within ${withinMs} ms; got:\n${this.lines.join('\n')}\nstderr: ${this.stderr}`)), withinMs);
      this.waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** Types a console command and returns the line it printed (the one starting with the command's first word). */
  async command(line: string): Promise<string> {
    const word = line.trim().split(/\s+/)[0]!;
    const reply = this.waitForLine((l) => l.startsWith(`${word}:`));
    this.child.stdin.write(`${line}\n`);
    return reply;
  }

  /** Stops the process with SIGTERM (by its pid) and returns its exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined) process.kill(this.child.pid, 'SIGTERM');
    return this.exited;
  }
}
