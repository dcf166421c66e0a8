/**
 * Writes bytes to a non-blocking file descriptor, retrying on a timer when the descriptor is full.
 *
 * Why not serialport's own write: @serialport/bindings-cpp 13 waits for "writable" through a poller whose
 * `poll(events)` restarts libuv's poll with only the newly requested events (`uv_poll_start(handle, events)`, not the
 * accumulated set). When the read loop asks for "readable" while a write is waiting for "writable", the write's wait
 * is silently dropped and the write resumes only at the next readable event. With a request/reply device nothing
 * more arrives until the request is complete: the write hangs. We saw it on a pty pair about one run in three of the
 * printer benchmark (a 120 KB panel download stuck with 10 KB sent). Writing to the descriptor ourselves, with a short
 * timed retry on EAGAIN, never touches that poller; the binding keeps doing the reads.
 */
import { write } from 'node:fs';
import type { Clock } from '../clock';

/** Retry delays after EAGAIN, in ms: short at first (a pty drains in microseconds), at most 20 ms. */
const RETRY_MS = [1, 2, 5, 10, 20];

/**
 * Writes every byte of `data` to `fd`; rejects with the first error other than EAGAIN / EWOULDBLOCK / EINTR.
 * `stillOpen` is asked before every attempt: once the port is closed its descriptor number may already belong to
 * another file, and a retry must never write there.
 */
export async function writeAllToFd(fd: number, data: Uint8Array, clock: Clock, stillOpen: () => boolean): Promise<void> {
  let offset = 0;
  let retries = 0;
  while (offset < data.length) {
    if (!stillOpen()) throw new Error(`the port closed with ${data.length - offset} bytes unwritten`);
    try {
      const written = await writeOnce(fd, data, offset);
      offset += written;
      retries = 0;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw e;
      const ms = RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)]!;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    }
  }
}

function writeOnce(fd: number, data: Uint8Array, offset: number): Promise<number> {
  return new Promise((resolve, reject) => {
    write(fd, data, offset, data.length - offset, null, (err, written) => (err ? reject(err) : resolve(written)));
  });
}
