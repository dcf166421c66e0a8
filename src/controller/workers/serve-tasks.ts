import { parentPort } from 'node:worker_threads';
import type { PoolRequest, PoolResponse } from './worker-pool';

/**
 * Worker-side half of {@link WorkerPool}: answers each request with the handler's result or its error message.
 * Call once at the top of a worker script.
 */
export function serveTasks<In, Out>(
  handler: (input: In) => Promise<Out> | Out,
  /** Buffers of the output to move to the main thread instead of copying them (large panels). */
  transferables?: (output: Out) => ArrayBuffer[],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run inside a worker thread');
  port.on('message', async (req: PoolRequest<In>) => {
    let response: PoolResponse<Out>;
    try {
      response = { id: req.id, output: await handler(req.input) };
    } catch (err) {
      response = { id: req.id, error: err instanceof Error ? err.message : String(err) };
    }
    const transfer = 'output' in response && transferables ? transferables(response.output) : [];
    port.postMessage(response, transfer);
  });
}
