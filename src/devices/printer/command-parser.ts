/**
 * The printer's side of the framing: cuts the host's byte stream into commands. Used by the simulator (a simulator
 * may decode what a driver encodes) and by tests. Bytes before an ESC are ignored, as a printer ignores line noise;
 * an ESC inside a frame aborts that frame and starts a new one. For {@link BINARY_COMMANDS} the parser switches to
 * counting bytes once the length parameter and its `;` have arrived, so CR bytes in the data are data.
 *
 * Every frame the host sent yields exactly one item, good or bad, so the printer can answer each with one reply.
 */
import { BINARY_COMMANDS, CR, ESC, MAX_COMMAND_TEXT, MAX_PAYLOAD_BYTES } from './frame';

/** One frame from the host. */
export type CommandFrame =
  | {
      kind: 'command';
      /** The command name, e.g. `Rlr`. */
      name: string;
      /** Text parameters; for binary commands the length is not among them. */
      params: string[];
      /** Binary data of a {@link BINARY_COMMANDS} command. */
      payload?: Uint8Array;
    }
  /** A frame that is not a command: `text` is what arrived of it (binary data left out). */
  | { kind: 'bad'; reason: string; text: string };

type State = 'idle' | 'text' | 'payload' | 'payload-end';

/** Incremental command parser; see the module comment. */
export class CommandParser {
  private state: State = 'idle';
  private text = '';
  private overflow = false;
  private nonText: number | undefined;
  private payloadParts: Uint8Array[] = [];
  private payloadRemaining = 0;
  private payloadLength = 0;
  private pending: { name: string; params: string[] } | undefined;
  /** Bytes seen outside any frame (line noise), for diagnostics. */
  ignoredBytes = 0;

  /** Feeds a chunk; returns the frames it completed, in order. */
  push(chunk: Uint8Array): CommandFrame[] {
    const out: CommandFrame[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'payload') {
        // Copy whole runs of data at once: a panel is hundreds of kilobytes.
        const n = Math.min(this.payloadRemaining, chunk.length - i);
        this.payloadParts.push(new Uint8Array(chunk.subarray(i, i + n))); // a copy: Buffer.slice would be a view
        this.payloadRemaining -= n;
        i += n;
        if (this.payloadRemaining === 0) this.state = 'payload-end';
        continue;
      }
      const b = chunk[i++]!;
      switch (this.state) {
        case 'idle':
          if (b === ESC) this.startFrame();
          else this.ignoredBytes++;
          break;
        case 'payload-end':
          if (b === CR) {
            out.push({ kind: 'command', name: this.pending!.name, params: this.pending!.params, payload: concat(this.payloadParts, this.payloadLength) });
          } else {
            out.push({ kind: 'bad', reason: `no CR after ${this.payloadLength} data bytes`, text: this.text });
          }
          this.payloadParts = [];
          this.state = 'idle';
          if (b === ESC) this.startFrame();
          break;
        case 'text':
          if (b === ESC) {
            out.push({ kind: 'bad', reason: 'frame interrupted by a new ESC', text: this.text });
            this.startFrame();
          } else if (b === CR) {
            out.push(this.finishText());
            this.state = 'idle';
          } else {
            this.addTextByte(b, out);
          }
          break;
      }
    }
    return out;
  }

  private startFrame(): void {
    this.state = 'text';
    this.text = '';
    this.overflow = false;
    this.nonText = undefined;
  }

  private addTextByte(b: number, out: CommandFrame[]): void {
    if (this.text.length >= MAX_COMMAND_TEXT) {
      this.overflow = true;
      return;
    }
    if (this.nonText === undefined && (b < 0x20 || b > 0x7e)) this.nonText = b;
    this.text += String.fromCharCode(b);
    if (b !== 0x3b || this.nonText !== undefined) return;
    // A ';' may complete the header of a binary command: NAME;p1;...;pk;LENGTH;
    const parts = this.text.split(';');
    const name = parts[0]!;
    const k = BINARY_COMMANDS[name];
    if (k === undefined || parts.length !== k + 3) return;
    const lengthText = parts[k + 1]!;
    const length = /^\d{1,9}$/.test(lengthText) ? Number(lengthText) : NaN;
    if (!(length <= MAX_PAYLOAD_BYTES)) {
      // The frame's end cannot be found without a believable length: give up on it and wait for the next ESC.
      out.push({ kind: 'bad', reason: `${name} data length "${lengthText}" is not a number up to ${MAX_PAYLOAD_BYTES}`, text: this.text });
      this.state = 'idle';
      return;
    }
    this.pending = { name, params: parts.slice(1, k + 1) };
    this.payloadLength = length;
    this.payloadRemaining = length;
    this.payloadParts = [];
    this.state = length === 0 ? 'payload-end' : 'payload';
  }

  private finishText(): CommandFrame {
    if (this.overflow) return { kind: 'bad', reason: `command text longer than ${MAX_COMMAND_TEXT} characters`, text: this.text };
    if (this.nonText !== undefined) return { kind: 'bad', reason: `byte 0x${this.nonText.toString(16).padStart(2, '0')} in command text`, text: this.text };
    const [name = '', ...params] = this.text.split(';');
    if (!/^[A-Za-z]+$/.test(name)) return { kind: 'bad', reason: `"${name}" is not a command name`, text: this.text };
    if (BINARY_COMMANDS[name] !== undefined) return { kind: 'bad', reason: `${name} without its data length`, text: this.text };
    return { kind: 'command', name, params };
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
