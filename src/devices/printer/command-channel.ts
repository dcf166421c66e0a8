/**
 * One command in flight at a time between the host and the printer: the queue, the time-outs, the retries and the
 * way back into step after a reply went missing.
 *
 * The Evolis command language has no sequence numbers: a reply is matched to a command only by order. So once a
 * reply is lost (time-out) or unreadable (garbled), the channel marks itself out of step and, before the next
 * command, resynchronises:
 * 1. drain: discard everything until the line has been quiet for `quietMs` (late replies that were already coming);
 * 2. probe: send `Rsn` and discard every reply until one equals the serial number read at connect. The printer
 *    answers in order, so every stale reply (a print finishing late, say) comes before the probe's answer;
 * 3. count: an in-order printer owes one line per frame sent. If lines are still owed once the probe matched (the
 *    line that matched was an earlier, timed-out probe's answer), wait for each, up to a read time-out, and discard
 *    it; what does not come within that time was never sent (a lost reply) and is forgotten;
 * 4. drain until quiet once more.
 * Only then is the next command sent. If the probe gets no answer, the printer is offline and the channel stays out
 * of step. Before the serial number is known (at connect) the channel only drains.
 *
 * Replies that arrive while no command waits are stale by definition: they are counted and mark the channel out of
 * step, never given to the next command.
 */
import type { Clock } from '../clock';
import type { ByteTransport } from '../transport/byte-transport';
import { type CommandClass, isRetryable } from './commands';
import { errorForNack, PrinterOfflineError, PrinterProtocolError, PrinterTimeoutError } from './errors';
import { commandLabel, encodeCommand, encodeReply } from './frame';
import { parseReply } from './reply';
import { type ReplyItem, ReplyParser } from './reply-parser';
import type { PrinterTimeouts, ResyncOptions } from './timeouts';

/** Options of {@link CommandChannel}. */
export interface CommandChannelOptions {
  clock: Clock;
  timeouts: PrinterTimeouts;
  resync: ResyncOptions;
  /** Extra attempts for reads and settings after a time-out or a garbled reply. */
  readRetries: number;
}

/** Counts for diagnostics and the benchmark. */
export interface ChannelStats {
  commands: number;
  timeouts: number;
  protocolErrors: number;
  retries: number;
  resyncs: number;
  /** Replies discarded as stale (late answers, extra lines). */
  staleReplies: number;
  bytesOut: number;
  bytesIn: number;
}

/** The probe sent when resynchronising, and the answer that proves the channel is back in step. */
export interface ResyncProbe {
  name: string;
  params: string[];
  expect: string;
}

/** What a command's reply must look like; anything else is a protocol error (and a sign of being out of step). */
export interface ReplyShape {
  test(reply: string): boolean;
  /** For the message: "OK", "a number", ... */
  description: string;
}

/** One command to send. */
export interface ChannelCommand {
  name: string;
  params: readonly string[];
  cls: CommandClass;
  payload?: Uint8Array;
  /** The replies the command can have (besides ERR). Default: any. */
  expect?: ReplyShape;
}

interface Waiter {
  resolve(item: ReplyItem): void;
  reject(error: Error): void;
}

/** The command/reply channel; see the module comment. */
export class CommandChannel {
  readonly stats: ChannelStats = { commands: 0, timeouts: 0, protocolErrors: 0, retries: 0, resyncs: 0, staleReplies: 0, bytesOut: 0, bytesIn: 0 };
  private readonly parser = new ReplyParser();
  private readonly inbox: ReplyItem[] = [];
  private waiter: Waiter | undefined;
  private draining: { activity(chunk: Uint8Array): void; fail(error: Error): void } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed: PrinterOfflineError | undefined;
  private probe: ResyncProbe | undefined;
  /** True until the first drain: a previous session may have left bytes on the line. */
  private outOfStep = true;
  /** Frames written and reply lines received: an in-order printer owes one line per frame. */
  private framesOut = 0;
  private linesIn = 0;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: CommandChannelOptions,
  ) {
    transport.onData((chunk) => this.onChunk(chunk));
    transport.onClose((error) => this.onClosed(error));
  }

  /** True when the next command will resynchronise first. */
  get needsResync(): boolean {
    return this.outOfStep;
  }

  /** Sets the probe used when resynchronising (after connect, once the serial number is known). */
  setProbe(probe: ResyncProbe): void {
    this.probe = probe;
  }

  /**
   * Sends one command after those already queued and returns its reply text (`OK` or a value).
   * @throws the typed error of an `ERR` reply, PrinterTimeoutError, PrinterProtocolError (also for a reply of the
   *   wrong shape), PrinterOfflineError
   */
  send(command: ChannelCommand): Promise<string> {
    const run = this.queue.then(() => this.sendWithRetries(command));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits `ms` on the channel's clock (polling). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.options.clock.setTimeout(resolve, ms));
  }

  private async sendWithRetries(command: ChannelCommand): Promise<string> {
    const attempts = isRetryable(command.cls) ? 1 + this.options.readRetries : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(command);
      } catch (e) {
        const transient = e instanceof PrinterTimeoutError || e instanceof PrinterProtocolError;
        if (!transient || attempt >= attempts) throw e;
        this.stats.retries++;
      }
    }
  }

  private async sendOnce({ name, params, cls, payload, expect }: ChannelCommand): Promise<string> {
    if (this.closed) throw this.closed;
    if (this.inbox.length > 0) {
      // Replies nobody asked for since the last command: stale.
      this.stats.staleReplies += this.inbox.length;
      this.inbox.length = 0;
      this.outOfStep = true;
    }
    if (this.outOfStep) await this.resync();
    const label = commandLabel(name, params, payload);
    const frame = encodeCommand(name, params, payload);
    this.stats.commands++;
    const item = await this.exchange(frame, this.timeoutFor(cls, payload), label);
    if (item.kind === 'error') {
      this.stats.protocolErrors++;
      this.outOfStep = true;
      throw item.error.forCommand(label);
    }
    const reply = parseReply(item.text);
    if (reply.kind === 'nack') throw errorForNack(label, reply.code, reply.text, item.text);
    if (expect !== undefined && !expect.test(item.text)) {
      // A well-formed line that this command cannot answer is most likely a stale reply to an earlier command.
      this.stats.protocolErrors++;
      this.outOfStep = true;
      throw new PrinterProtocolError(`expected ${expect.description}, got "${item.text}"`, encodeReply(item.text), label);
    }
    return item.text;
  }

  private timeoutFor(cls: CommandClass, payload?: Uint8Array): number {
    const t = this.options.timeouts;
    switch (cls) {
      case 'read':
      case 'setting':
      case 'job':
        return t.readMs;
      case 'move':
        return t.moveMs;
      case 'print':
        return t.printMs;
      case 'download':
        return t.downloadMs + Math.ceil(((payload?.length ?? 0) * 1000) / t.downloadBytesPerSecond);
    }
  }

  /** Writes a frame and waits for the next line, within `timeoutMs` counted from before the write. */
  private exchange(frame: Uint8Array, timeoutMs: number, label: string): Promise<ReplyItem> {
    const reply = this.nextItem(timeoutMs, label);
    this.stats.bytesOut += frame.length;
    this.framesOut++;
    this.transport.write(frame).catch((err: Error) => {
      this.outOfStep = true;
      this.failWaiter(new PrinterOfflineError(`writing to ${this.transport.name} failed: ${err.message}`, label, { cause: err }));
    });
    return reply;
  }

  /** The next line from the printer (at once if one is queued), or a time-out. */
  private async nextItem(timeoutMs: number, label: string): Promise<ReplyItem> {
    const item = await this.waitItem(timeoutMs);
    if (item !== undefined) return item;
    this.outOfStep = true;
    this.stats.timeouts++;
    throw new PrinterTimeoutError(label, timeoutMs);
  }

  /** The next line, or undefined when none comes within `timeoutMs`. */
  private waitItem(timeoutMs: number): Promise<ReplyItem | undefined> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.reject(this.closed);
    const { clock } = this.options;
    return new Promise<ReplyItem | undefined>((resolve, reject) => {
      const timer = clock.setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiter = {
        resolve: (item) => {
          clock.clearTimeout(timer);
          this.waiter = undefined;
          resolve(item);
        },
        reject: (error) => {
          clock.clearTimeout(timer);
          this.waiter = undefined;
          reject(error);
        },
      };
    });
  }

  private failWaiter(error: Error): void {
    this.waiter?.reject(error);
  }

  private onChunk(chunk: Uint8Array): void {
    this.stats.bytesIn += chunk.length;
    const items = this.parser.push(chunk);
    this.linesIn += items.length;
    if (this.draining !== undefined) {
      this.draining.activity(chunk);
      this.stats.staleReplies += items.length;
      return;
    }
    for (const item of items) this.inbox.push(item);
    while (this.waiter !== undefined && this.inbox.length > 0) this.waiter.resolve(this.inbox.shift()!);
  }

  private onClosed(error?: Error): void {
    this.closed = new PrinterOfflineError(`${this.transport.name} closed${error ? `: ${error.message}` : ''}`, undefined, { cause: error });
    this.failWaiter(this.closed);
    this.draining?.fail(this.closed);
  }

  private async resync(): Promise<void> {
    this.stats.resyncs++;
    await this.drainUntilQuiet();
    const probe = this.probe;
    if (probe !== undefined) {
      const label = commandLabel(probe.name, probe.params);
      const readMs = this.options.timeouts.readMs;
      let stale = 0;
      let item: ReplyItem;
      try {
        item = await this.exchange(encodeCommand(probe.name, probe.params), readMs, label);
        while (!(item.kind === 'reply' && item.text === probe.expect)) {
          if (++stale > this.options.resync.maxStaleReplies) {
            throw new PrinterProtocolError(`more than ${this.options.resync.maxStaleReplies} replies came before the answer to the resynchronisation probe`, new Uint8Array(), label);
          }
          this.stats.staleReplies++;
          item = await this.nextItem(readMs, label);
        }
      } catch (e) {
        if (e instanceof PrinterTimeoutError) {
          throw new PrinterOfflineError(`no answer to the resynchronisation probe ${label} within ${readMs} ms`, label, { cause: e });
        }
        throw e;
      }
      // The matching answer may have been an earlier probe's (one that timed out). Lines still owed by the printer
      // would then arrive behind it: wait for each, up to a read time-out, before trusting the line again.
      while (this.framesOut > this.linesIn) {
        if ((await this.waitItem(readMs)) === undefined) break;
        this.stats.staleReplies++;
      }
      // Whatever is still owed now was never sent (a lost reply): stop counting it.
      this.linesIn = this.framesOut;
      await this.drainUntilQuiet();
    }
    this.outOfStep = false;
  }

  /** Discards everything until no byte has come for `quietMs`; fails if the printer keeps talking past `maxDrainMs`. */
  private drainUntilQuiet(): Promise<void> {
    const { clock, resync } = this.options;
    this.stats.staleReplies += this.inbox.length;
    this.inbox.length = 0;
    if (this.closed) return Promise.reject(this.closed);
    return new Promise<void>((resolve, reject) => {
      const start = clock.now();
      let timer: unknown;
      const finish = (error?: Error): void => {
        clock.clearTimeout(timer);
        this.draining = undefined;
        this.parser.reset();
        if (error) reject(error);
        else resolve();
      };
      const arm = (): void => {
        clock.clearTimeout(timer);
        timer = clock.setTimeout(() => finish(), resync.quietMs);
      };
      this.draining = {
        activity: (chunk) => {
          if (clock.now() - start > resync.maxDrainMs) {
            finish(new PrinterProtocolError(`the printer kept sending for more than ${resync.maxDrainMs} ms while the driver waited for quiet`, new Uint8Array(chunk.subarray(0, 120))));
          } else {
            arm();
          }
        },
        fail: (error) => finish(error),
      };
      arm();
    });
  }
}
