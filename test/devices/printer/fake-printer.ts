/**
 * A scripted printer for driver tests: it parses the driver's frames with the real command parser and answers each
 * in order, after a per-command delay on the virtual clock, with whatever bytes the script gives (or nothing). Like
 * a real printer, it works on one command at a time, so replies never overtake each other.
 */
import { type CommandFrame, CommandParser } from '../../../src/devices/printer/command-parser';
import { encodeReply } from '../../../src/devices/printer/frame';
import { createMemoryLink, type MemoryTransport } from '../../../src/devices/transport/memory-link';
import { VirtualClock } from '../../../src/simulators/virtual-clock';

/** The script's answer to one command: reply text, raw bytes, or null for no reply; and how long it takes. */
export interface ScriptedAnswer {
  reply: string | Uint8Array | null;
  delayMs?: number;
}

/** A command as the fake saw it: its text (`Rlr;p`), or `Db;y;zlib;<n>` for downloads. */
export function frameText(frame: CommandFrame): string {
  if (frame.kind === 'bad') return `BAD ${frame.reason}`;
  return [frame.name, ...frame.params, ...(frame.payload === undefined ? [] : [String(frame.payload.length)])].join(';');
}

/** Answers of a healthy printer with serial number SN1. */
export function healthy(text: string): ScriptedAnswer {
  const values: Record<string, string> = { Rtp: 'Fake Printer', Rsn: 'SN1', Rfv: '1.0', 'Rlr;p': 'OK', Rst: 'OK', 'Sk;f': '0', 'Rrt;count': '100', 'Rco;c': '11', 'Rco;p': '22', 'Rco;r': '33', 'Rse;o': 'CLOSED' };
  return { reply: values[text] ?? 'OK' };
}

/** A fake printer on one end of a memory link. */
export class FakePrinter {
  readonly clock: VirtualClock;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  /** Every command received, in order. */
  readonly received: string[] = [];
  private readonly parser = new CommandParser();
  private busy: Promise<void> = Promise.resolve();

  constructor(
    public script: (text: string, frame: CommandFrame) => ScriptedAnswer = healthy,
    clock = new VirtualClock(),
  ) {
    this.clock = clock;
    [this.host, this.device] = createMemoryLink({ clock, names: ['memory:host', 'memory:fake'] });
    this.device.onData((chunk) => {
      for (const frame of this.parser.push(chunk)) this.busy = this.busy.then(() => this.answer(frame));
    });
  }

  private async answer(frame: CommandFrame): Promise<void> {
    const text = frameText(frame);
    this.received.push(text);
    const { reply, delayMs = 0 } = this.script(text, frame);
    if (delayMs > 0) await new Promise<void>((r) => this.clock.setTimeout(r, delayMs));
    if (reply === null || !this.device.isOpen) return;
    await this.device.write(typeof reply === 'string' ? encodeReply(reply) : reply);
  }

  /** Sends bytes nobody asked for. */
  async blurt(bytes: Uint8Array): Promise<void> {
    await this.device.write(bytes);
  }
}
