/** Runs of the line: which order, with which configuration and seed, from when to when, how it ended. */
import { audit, type StoreContext } from './store-context';
import { StoreError } from './store-error';
import { toRun, type SqlRow } from './row-mapping';
import type { RunRow, RunStatus } from './types';

/** The run with id `id`; throws not-found. */
export function getRun(ctx: StoreContext, id: number): RunRow {
  const row = ctx.sql('SELECT * FROM runs WHERE id = ?').get(id) as SqlRow | undefined;
  if (row === undefined) throw new StoreError('not-found', `no run with id ${id}`);
  return toRun(row);
}

/** Starts a run (audited). `config` is stored as JSON and must hold no secrets or personal data. */
export function startRun(
  ctx: StoreContext,
  opts: { orderId?: number; config?: unknown; seed?: string; actor: string },
): RunRow {
  const info = ctx
    .sql("INSERT INTO runs (order_id, config, seed, started_at, status) VALUES (?, ?, ?, ?, 'running')")
    .run(opts.orderId ?? null, JSON.stringify(opts.config ?? {}), opts.seed ?? null, ctx.at());
  const run = getRun(ctx, Number(info.lastInsertRowid));
  audit(ctx, { actor: opts.actor, action: 'run.start', object: `run:${run.id}`, detail: { order: run.orderId, seed: run.seed } });
  return run;
}

/** Ends a running run (audited). */
export function endRun(ctx: StoreContext, id: number, status: Exclude<RunStatus, 'running'>, actor: string): RunRow {
  const run = getRun(ctx, id);
  if (run.status !== 'running') throw new StoreError('invalid-state', `run ${id} already ended (${run.status})`);
  ctx.sql('UPDATE runs SET status = ?, ended_at = ? WHERE id = ?').run(status, ctx.at(), id);
  audit(ctx, { actor, action: 'run.end', object: `run:${id}`, outcome: status === 'completed' ? 'ok' : 'failed', detail: { status } });
  return getRun(ctx, id);
}

/** Runs still marked running (after a crash: to be closed as crashed by recovery). */
export function runningRuns(ctx: StoreContext): RunRow[] {
  return (ctx.sql("SELECT * FROM runs WHERE status = 'running' ORDER BY id").all() as SqlRow[]).map(toRun);
}
