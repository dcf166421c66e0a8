/**
 * Cuts the byte stream from the printer into replies. A reply is printable ASCII (0x20-0x7E) ended by CR; one LF
 * right after a CR is dropped (adapters that send CR LF). Anything else becomes a {@link PrinterProtocolError}
 * carrying the offending line's raw bytes: a byte outside printable ASCII, a line longer than
 * {@link MAX_REPLY_BYTES}, or an empty line. One item per CR, whatever the chunking, so the driver can keep counting
 * one reply per command even when a reply is garbled.
 *
 * The parser holds at most MAX_REPLY_BYTES + 1 bytes whatever it is fed, and never throws.
 */
import { CR, LF, MAX_REPLY_BYTES } from './frame';
import { PrinterProtocolError } from './errors';

/** One line from the printer. */
export type ReplyItem =
  /** A well-formed reply; `text` excludes the CR. */
  | { kind: 'reply'; text: string }
  /** A line that is not a reply. */
  | { kind: 'error'; error: PrinterProtocolError };

/** Incremental reply parser; see the module comment. */
export class ReplyParser {
  private line: number[] = [];
  private lineLength = 0;
  private firstBad: string | undefined;
  private afterCr = false;

  constructor(private readonly maxBytes = MAX_REPLY_BYTES) {}

  /** Bytes of an unfinished line held (for the driver's "partial reply" diagnostics). */
  get pendingBytes(): number {
    return this.lineLength;
  }

  /** Feeds a chunk; returns the lines it completed, in order. */
  push(chunk: Uint8Array): ReplyItem[] {
    const items: ReplyItem[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (b === LF) continue;
      }
      if (b === CR) {
        items.push(this.finishLine());
        this.afterCr = true;
        continue;
      }
      if (this.firstBad === undefined && (b < 0x20 || b > 0x7e)) {
        this.firstBad = `byte 0x${b.toString(16).padStart(2, '0')} at offset ${this.lineLength} is not printable ASCII`;
      }
      // Keep the first maxBytes (+1 to show the overflow) for the error's raw bytes; count the rest.
      if (this.line.length <= this.maxBytes) this.line.push(b);
      this.lineLength++;
    }
    return items;
  }

  /** Forgets an unfinished line (after the driver drained a noisy line). */
  reset(): void {
    this.line = [];
    this.lineLength = 0;
    this.firstBad = undefined;
    this.afterCr = false;
  }

  private finishLine(): ReplyItem {
    const length = this.lineLength;
    const raw = Uint8Array.from([...this.line, CR]);
    const bad = this.firstBad;
    this.line = [];
    this.lineLength = 0;
    this.firstBad = undefined;
    if (length > this.maxBytes) return { kind: 'error', error: new PrinterProtocolError(`reply of ${length} bytes is longer than the ${this.maxBytes}-byte limit`, raw) };
    if (bad !== undefined) return { kind: 'error', error: new PrinterProtocolError(`reply is not ASCII text: ${bad}`, raw) };
    if (length === 0) return { kind: 'error', error: new PrinterProtocolError('empty reply', raw) };
    return { kind: 'reply', text: String.fromCharCode(...raw.subarray(0, length)) };
  }
}
