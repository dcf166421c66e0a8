/**
 * Jobs, device steps and cards: the life of an attempt, the database-level guarantees (one good card per
 * record, one active job per record and per card, step outcomes written once) and the in-flight query that
 * recovery starts from.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, type Store } from '../../../src/controller/store';
import { openStore, storeWithRecords, workspace } from './store-fixtures';

const ws = workspace('production');
afterAll(() => ws.cleanup());
let n = 0;
let store: Store;
let recordIds: number[];
let path: string;

beforeEach(async () => {
  path = join(ws.dir, `prod-${++n}.db`);
  ({ store, recordIds } = await storeWithRecords(path, ws.dir, 3, `prod-${n}`));
  store.issueBlanks(['C1', 'C2', 'C3', 'C4'].map((id) => ({ id })));
});
afterEach(() => store.close());

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return undefined;
}

/** Runs one step (intent, then outcome) for a job. */
function step(jobId: number, name: string, outcome: 'ok' | 'failed' = 'ok'): void {
  const s = store.beginStep({ jobId, station: 'enc-1', step: name });
  store.endStep(s.id, outcome);
}

describe('a job from start to good card', () => {
  it('binds card and record, records each step with intent and outcome, and produces the record', () => {
    const r = recordIds[0]!;
    const job = store.startJob({ recordId: r, cardId: 'C1' });
    expect(job).toMatchObject({ recordId: r, attempt: 1, cardId: 'C1', state: 'running' });
    expect(store.getRecord(r)).toMatchObject({ status: 'in-progress', attempts: 1 });
    expect(store.getCard('C1')).toMatchObject({ state: 'in-process', recordId: r });

    const s = store.beginStep({ jobId: job.id, station: 'enc-1', step: 'write-chip', detail: { apdus: 42 } });
    expect(s).toMatchObject({ outcome: null, outcomeAt: null, cardId: 'C1' });
    const done = store.endStep(s.id, 'ok', { ms: 1800 });
    expect(done).toMatchObject({ outcome: 'ok', detail: { intent: { apdus: 42 }, outcome: { ms: 1800 } } });
    expect(done.outcomeAt).not.toBeNull();

    store.completeJob(job.id);
    expect(store.getRecord(r)).toMatchObject({ status: 'produced', goodCardId: 'C1' });
    expect(store.getCard('C1').state).toBe('good');
    expect(store.getJob(job.id).state).toBe('succeeded');
  });

  it('refuses to end a job while a step has no outcome', () => {
    const job = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    const s = store.beginStep({ jobId: job.id, station: 'printer-1', step: 'print' });
    expect(() => store.completeJob(job.id)).toThrow(/step \d+ \(printer-1 print\) has no outcome yet/);
    expect(codeOf(() => store.failJob(job.id, { reason: 'x', card: 'spoil' }))).toBe('invalid-state');
    store.endStep(s.id, 'ok');
    expect(() => store.completeJob(job.id)).not.toThrow();
  });

  it('writes a step outcome once, and never deletes steps (also from raw SQL)', () => {
    const job = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    const s = store.beginStep({ jobId: job.id, station: 'enc-1', step: 'write-chip' });
    store.endStep(s.id, 'failed');
    expect(codeOf(() => store.endStep(s.id, 'ok'))).toBe('invalid-state');
    expect(() => store.db.prepare("UPDATE device_steps SET outcome = 'ok' WHERE id = ?").run(s.id)).toThrow(/already recorded/);
    expect(() => store.db.prepare('DELETE FROM device_steps').run()).toThrow(/never deleted/);
  });
});

describe('one good card per record', () => {
  it('is enforced by the database: a second good card for a record is a UNIQUE violation', () => {
    const r = recordIds[0]!;
    const job = store.startJob({ recordId: r, cardId: 'C1' });
    store.completeJob(job.id);
    // Bypass every check of the code: raw SQL on a separate connection.
    const raw = new Database(path);
    expect(() => raw.prepare("UPDATE cards SET state = 'good', record_id = ? WHERE id = 'C2'").run(r)).toThrow(
      /UNIQUE constraint failed: cards.record_id/,
    );
    raw.close();
    expect(store.getCard('C2').state).toBe('issued');
  });

  it('a produced record is not queued again, and its resolve path cannot add a second good card', () => {
    const r = recordIds[0]!;
    const job1 = store.startJob({ recordId: r, cardId: 'C1' });
    step(job1.id, 'write-chip');
    store.failJob(job1.id, { reason: 'printer jammed after chip write', card: 'doubt' });
    expect(store.getRecord(r).status).toBe('held');
    expect(codeOf(() => store.startJob({ recordId: r, cardId: 'C2' }))).toBe('invalid-state');
    expect(codeOf(() => store.releaseRecord(r))).toBe('invalid-state');
    store.resolveInDoubt('C1', { decision: 'good', reason: 'chip read back and print inspected', actor: 'qa-lan' });
    expect(store.getRecord(r)).toMatchObject({ status: 'produced', goodCardId: 'C1' });
    expect(codeOf(() => store.startJob({ recordId: r, cardId: 'C2' }))).toBe('invalid-state');
  });

  it('one active job per record and per card, whatever the code does', () => {
    store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    const raw = new Database(path);
    const at = new Date().toISOString();
    const insert = raw.prepare(
      "INSERT INTO jobs (record_id, attempt, card_id, state, created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?)",
    );
    expect(() => insert.run(recordIds[0]!, 2, 'C2', at, at)).toThrow(/UNIQUE/);
    expect(() => insert.run(recordIds[1]!, 1, 'C1', at, at)).toThrow(/UNIQUE/);
    raw.close();
    expect(codeOf(() => store.startJob({ recordId: recordIds[1]!, cardId: 'C1' }))).toBe('invalid-state');
  });
});

describe('failures', () => {
  it('a spoiled card sends the record back to the queue, until the attempts run out', () => {
    const r = recordIds[0]!;
    for (const [i, card] of ['C1', 'C2', 'C3'].entries()) {
      const job = store.startJob({ recordId: r, cardId: card });
      expect(job.attempt).toBe(i + 1);
      step(job.id, 'write-chip', 'failed');
      store.failJob(job.id, { reason: 'chip write failed', card: 'spoil' });
      expect(store.getCard(card)).toMatchObject({ state: 'spoiled', spoilReason: 'chip write failed' });
    }
    expect(store.getRecord(r)).toMatchObject({ status: 'failed', attempts: 3, failureReason: 'chip write failed' });
  });

  it('a card no device touched goes back unbound; one that was touched cannot be unloaded', () => {
    const job = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    store.failJob(job.id, { reason: 'data preparation failed', card: 'unload' });
    expect(store.getCard('C1')).toMatchObject({ state: 'issued', recordId: null });
    expect(store.getRecord(recordIds[0]!).status).toBe('queued');
    const job2 = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    step(job2.id, 'feed');
    expect(() => store.failJob(job2.id, { reason: 'x', card: 'unload' })).toThrow(/may have been acted on/);
  });

  it('destroying a card in doubt needs a second person', () => {
    const job = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    store.failJob(job.id, { reason: 'power cut during chip write', card: 'doubt' });
    expect(() => store.resolveInDoubt('C1', { decision: 'spoiled', reason: 'unreadable', actor: 'op-a' })).toThrow(/second person/);
    expect(() => store.resolveInDoubt('C1', { decision: 'spoiled', reason: 'unreadable', actor: 'op-a', approvedBy: 'op-a' })).toThrow(/second person/);
    store.resolveInDoubt('C1', { decision: 'spoiled', reason: 'chip unreadable', actor: 'op-a', approvedBy: 'sup-b' });
    expect(store.getCard('C1')).toMatchObject({ state: 'spoiled', spoilReason: 'chip unreadable' });
    expect(store.getRecord(recordIds[0]!).status).toBe('queued');
    const audit = store.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'card.resolve'").get() as { actor: string; detail: string };
    expect(audit.actor).toBe('op-a');
    expect(JSON.parse(audit.detail)).toMatchObject({ decision: 'spoiled', approvedBy: 'sup-b' });
  });

  it('refuses transitions that make no sense, with a code to act on', () => {
    expect(codeOf(() => store.returnBlank('NOPE'))).toBe('not-found');
    expect(codeOf(() => store.issueBlanks([{ id: 'C1' }]))).toBe('conflict');
    const job = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    expect(codeOf(() => store.returnBlank('C1'))).toBe('invalid-state');
    expect(codeOf(() => store.failJob(job.id, { reason: ' ', card: 'spoil' }))).toBe('invalid-argument');
    store.completeJob(job.id);
    expect(codeOf(() => store.completeJob(job.id))).toBe('invalid-state');
    expect(codeOf(() => store.beginStep({ jobId: job.id, station: 'x', step: 'y' }))).toBe('invalid-state');
  });
});

describe('inFlight', () => {
  it('lists steps with an intent and no outcome, active jobs, and cards in process or in doubt', () => {
    const j1 = store.startJob({ recordId: recordIds[0]!, cardId: 'C1' });
    step(j1.id, 'feed');
    const open = store.beginStep({ jobId: j1.id, station: 'enc-2', step: 'write-chip' });
    const j2 = store.startJob({ recordId: recordIds[1]!, cardId: 'C2' });
    store.failJob(j2.id, { reason: 'jam', card: 'doubt' });
    const j3 = store.startJob({ recordId: recordIds[2]!, cardId: 'C3' });
    store.completeJob(j3.id);

    // A restart: a new connection sees exactly what was committed.
    store.close();
    store = openStore(path);
    const f = store.inFlight();
    expect(f.openSteps.map((s) => [s.id, s.jobId, s.station, s.step, s.recordId, s.jobState])).toEqual([
      [open.id, j1.id, 'enc-2', 'write-chip', recordIds[0], 'running'],
    ]);
    expect(f.openSteps[0]!.maskedId).toMatch(/^\d{3}\*{6}\d{2}$/);
    expect(f.activeJobs.map((j) => [j.id, j.state])).toEqual([
      [j1.id, 'running'],
      [j2.id, 'in-doubt'],
    ]);
    expect(f.cards.map((c) => [c.id, c.state])).toEqual([
      ['C1', 'in-process'],
      ['C2', 'in-doubt'],
    ]);
    store.markJobRecovering(j1.id, 'asking the encoder');
    expect(store.getJob(j1.id)).toMatchObject({ state: 'recovering', phase: 'asking the encoder' });
  });

});

describe('runs and restarts', () => {
  it('records runs and every restart in the audit log', () => {
    const run = store.startRun({ config: { stations: 4 }, seed: 'abc' });
    expect(store.runningRuns().map((r) => r.id)).toEqual([run.id]);
    store.endRun(run.id, 'crashed');
    expect(store.runningRuns()).toEqual([]);
    const e = store.recordRestart('recovery after crash');
    expect(e).toMatchObject({ action: 'system.restart', actor: 'system', detail: { reason: 'recovery after crash' } });
    const actions = store.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
    expect(actions).toEqual(expect.arrayContaining(['run.start', 'run.end', 'system.restart']));
    expect(store.verifyAudit().ok).toBe(true);
  });
});
