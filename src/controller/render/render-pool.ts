import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { WorkerPool } from '../workers/worker-pool';
import { renderCardFiles } from './render-card-files';
import type { RenderResult, RenderTask } from './render-task';

/** Renders cards on every core (one worker thread per core), or in-process when asked for one thread. */
export interface CardRenderer {
  render(task: RenderTask): Promise<RenderResult>;
  close(): Promise<void>;
}

/**
 * A renderer over `threads` worker threads. With `threads` 1, or when the compiled worker script is absent
 * (running from TypeScript sources under a test runner), it renders in the calling thread.
 */
export function createCardRenderer(threads: number): CardRenderer {
  const script = join(__dirname, 'render-worker.js');
  if (threads <= 1 || !existsSync(script)) {
    return { render: renderCardFiles, close: async () => {} };
  }
  const pool = new WorkerPool<RenderTask, RenderResult>(script, threads);
  return { render: (task) => pool.run(task), close: () => pool.close() };
}
