/**
 * An observation hook on the APDUs a channel exchanges, for counting (the benchmark reports APDUs per card)
 * and for operational logs. It sees command headers, lengths, status words and timings, never data fields:
 * those carry personal data (DESIGN.md, principle 7).
 */

/** One command as the trace sees it. */
export interface TracedCommand {
  /** CLA INS P1 P2 as hex, e.g. "00B00000". */
  header: string;
  /** Nc: command data length. */
  nc: number;
  /** Total bytes on the wire. */
  length: number;
}

/** One response as the trace sees it. */
export interface TracedResponse {
  header: string;
  /** SW1 SW2, e.g. 0x9000. */
  sw: number;
  /** Response data length. */
  dataLength: number;
  /** Time between sending the command and receiving this response, by the channel's clock. */
  elapsedMs: number;
}

/** Receives every APDU a channel exchanges, including GET RESPONSE and 6Cxx resends. */
export interface ApduTrace {
  command(c: TracedCommand): void;
  response(r: TracedResponse): void;
}

/** A trace that counts: commands, bytes each way, and commands per INS byte. */
export class ApduCounter implements ApduTrace {
  /** Commands sent. */
  commands = 0;
  /** Responses received. */
  responses = 0;
  /** Bytes sent (whole command APDUs). */
  bytesSent = 0;
  /** Response bytes received, status words included. */
  bytesReceived = 0;
  /** Sum of response times. */
  totalElapsedMs = 0;
  /** Commands per instruction byte, as two hex digits ("B0" for READ BINARY). */
  readonly byInstruction = new Map<string, number>();

  command(c: TracedCommand): void {
    this.commands++;
    this.bytesSent += c.length;
    const ins = c.header.slice(2, 4);
    this.byInstruction.set(ins, (this.byInstruction.get(ins) ?? 0) + 1);
  }

  response(r: TracedResponse): void {
    this.responses++;
    this.bytesReceived += r.dataLength + 2;
    this.totalElapsedMs += r.elapsedMs;
  }
}

/** A trace that forwards to several. */
export function fanOutTrace(...traces: ApduTrace[]): ApduTrace {
  return {
    command: (c) => traces.forEach((t) => t.command(c)),
    response: (r) => traces.forEach((t) => t.response(r)),
  };
}
