import type { Writable } from 'node:stream';

/**
 * Writes text to a stream and waits for it to drain when its buffer is full, so commands that print a line per
 * record for a million records keep memory flat instead of queueing everything in the stream.
 */
export function writeText(stream: Writable, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      stream.off('drain', onDrain);
      reject(err);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/**
 * Streams a JSON array one element at a time (`[`, elements separated by commas, `]`), for `--json` outputs
 * that can be as long as the input file.
 */
export class JsonArrayWriter {
  private count = 0;
  constructor(private readonly stream: Writable) {}

  /** Appends one element. */
  async push(value: unknown): Promise<void> {
    const prefix = this.count === 0 ? '[\n' : ',\n';
    this.count++;
    await writeText(this.stream, prefix + JSON.stringify(value));
  }

  /** Closes the array (an empty input prints `[]`). */
  async end(): Promise<void> {
    await writeText(this.stream, this.count === 0 ? '[]\n' : '\n]\n');
  }
}
