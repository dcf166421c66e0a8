/**
 * The card accountability ledger. The identity issued = good + spoiled + in doubt + returned + on the line must
 * hold after every event, for any sequence of events (fast-check), including refused ones; and cards taken off
 * the books behind the store's back must show as unaccounted.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { StoreError, type LedgerFigures, type Store } from '../../../src/controller/store';
import { TODAY, ndjson, openStore, sampleRecords, workspace } from './store-fixtures';

const ws = workspace('ledger');
afterAll(() => ws.cleanup());

/** One card event, with indices resolved modulo what exists when it runs. */
type Op =
  | { kind: 'issue'; count: number; forOrder: boolean }
  | { kind: 'start'; record: number; card: number }
  | { kind: 'step'; job: number; outcome: 'ok' | 'failed'; leaveOpen: boolean }
  | { kind: 'complete'; job: number }
  | { kind: 'fail'; job: number; fate: 'spoil' | 'doubt' | 'unload' }
  | { kind: 'resolve'; card: number; good: boolean }
  | { kind: 'return'; card: number }
  | { kind: 'spoil-blank'; card: number };

/** Weighted towards the events that move cards through jobs, so most sequences get past the refusals. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), count: fc.integer({ min: 1, max: 3 }), forOrder: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('start' as const), record: fc.nat(), card: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('step' as const), job: fc.nat(), outcome: fc.constantFrom('ok' as const, 'failed' as const), leaveOpen: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('complete' as const), job: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fail' as const), job: fc.nat(), fate: fc.constantFrom('spoil' as const, 'doubt' as const, 'unload' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), card: fc.nat(), good: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('return' as const), card: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('spoil-blank' as const), card: fc.nat() }) },
);

function accounted(f: LedgerFigures): number {
  return f.good + f.spoiled + f.inDoubt + f.returned + f.onLine;
}

function expectBalanced(store: Store, orderId: number): void {
  const all = store.stockLedger();
  expect(all.overall.issued).toBe(accounted(all.overall) + all.overall.unaccounted);
  expect(all.overall.unaccounted).toBe(0);
  expect(all.inconsistentCards).toEqual([]);
  const mine = store.stockLedger({ orderId }).orders[0]!;
  expect(mine.unaccounted).toBe(0);
  expect(mine.issued).toBe(accounted(mine));
  // Per-order figures and the unassigned ones add up to the overall figures.
  const sum = [...all.orders, all.unassigned!].reduce((s, f) => s + f.issued, 0);
  expect(sum).toBe(all.overall.issued);
  // And the database never holds two good cards for one record.
  expect(store.db.prepare("SELECT count(*) FROM (SELECT record_id FROM cards WHERE state = 'good' GROUP BY record_id HAVING count(*) > 1)").pluck().get()).toBe(0);
}

describe('stock ledger', () => {
  let store: Store;
  beforeAll(() => {
    store = openStore(join(ws.dir, 'property.db'));
    // Durability is not what this property is about; without an fsync per commit it runs ten times faster.
    store.db.pragma('synchronous = NORMAL');
  });
  afterAll(() => store.close());

  it('balances after every event of any sequence, and refused events change nothing', async () => {
    let caseNo = 0;
    const succeeded = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 60, size: 'medium' }), async (ops) => {
        const c = ++caseNo;
        const file = ws.file(`case-${c}.ndjson`, ndjson(sampleRecords(4, `ledger-${c}`)));
        await store.importFile(file, { order: `CASE-${c}`, today: TODAY });
        const orderId = store.findOrder(`CASE-${c}`)!.id;
        const records = store.nextQueued(10, { orderId }).map((r) => r.id);
        const cards: string[] = [];
        const jobs: number[] = [];
        const doubted: string[] = [];
        let issuedByMe = 0;
        for (const op of ops) {
          const before = store.stockLedger();
          const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
          // Jobs are picked among the latest two, which are the ones most likely still active.
          const recentJobs = jobs.slice(-2);
          try {
            switch (op.kind) {
              case 'issue': {
                const batch = Array.from({ length: op.count }, () => `C${c}-${cards.length + 1}`).map((id, i) => `${id}-${i}`);
                store.issueBlanks(batch.map((id) => ({ id, ...(op.forOrder ? { orderId } : {}) })));
                cards.push(...batch);
                issuedByMe += batch.length;
                break;
              }
              case 'start': {
                const record = pick(records, op.record);
                const card = pick(cards, op.card);
                if (record === undefined || card === undefined) continue;
                jobs.push(store.startJob({ recordId: record, cardId: card }).id);
                break;
              }
              case 'step': {
                const job = pick(recentJobs, op.job);
                if (job === undefined) continue;
                const s = store.beginStep({ jobId: job, station: 'enc-1', step: 'write-chip' });
                if (!op.leaveOpen) store.endStep(s.id, op.outcome);
                break;
              }
              case 'complete': {
                const job = pick(recentJobs, op.job);
                if (job === undefined) continue;
                store.completeJob(job);
                break;
              }
              case 'fail': {
                const job = pick(recentJobs, op.job);
                if (job === undefined) continue;
                // Close any open step first, as the line does before ending a job.
                for (const s of store.stepsOfJob(job).filter((x) => x.outcome === null)) store.endStep(s.id, 'failed');
                const failed = store.failJob(job, { reason: 'test failure', card: op.fate });
                if (op.fate === 'doubt') doubted.push(failed.cardId);
                break;
              }
              case 'resolve': {
                // Mostly cards that were put in doubt; sometimes any card, to exercise the refusal.
                const card = op.card % 4 === 0 ? pick(cards, op.card) : pick(doubted, op.card);
                if (card === undefined) continue;
                store.resolveInDoubt(card, op.good
                  ? { decision: 'good', reason: 'verified', actor: 'qa' }
                  : { decision: 'spoiled', reason: 'destroyed', actor: 'qa', approvedBy: 'supervisor' });
                break;
              }
              case 'return': {
                const card = pick(cards, op.card);
                if (card === undefined) continue;
                store.returnBlank(card, 'end of shift');
                break;
              }
              case 'spoil-blank': {
                const card = pick(cards, op.card);
                if (card === undefined) continue;
                store.spoilBlank(card, 'bent in hopper');
                break;
              }
            }
            succeeded.set(op.kind, (succeeded.get(op.kind) ?? 0) + 1);
          } catch (error) {
            if (!(error instanceof StoreError)) throw error;
            // A refused event is one transaction rolled back: the ledger is exactly as before.
            expect(store.stockLedger()).toEqual(before);
          }
          expectBalanced(store, orderId);
        }
        const mine = store.db.prepare('SELECT count(*) FROM cards WHERE id LIKE ?').pluck().get(`C${c}-%`);
        expect(mine).toBe(issuedByMe);
      }),
      { numRuns: 50 },
    );
    // The sequences reach every transition, not only refusals.
    for (const kind of ['issue', 'start', 'step', 'complete', 'fail', 'resolve', 'return', 'spoil-blank']) {
      expect(succeeded.get(kind) ?? 0).toBeGreaterThan(0);
    }
  });
});

describe('cards off the books', () => {
  it('a card row deleted or added behind the store\'s back shows as unaccounted and inconsistent', async () => {
    const path = join(ws.dir, 'tamper.db');
    const store = openStore(path);
    await store.importFile(ws.file('tamper.ndjson', ndjson(sampleRecords(1, 'tamper'))), { order: 'T', today: TODAY });
    const orderId = store.findOrder('T')!.id;
    store.issueBlanks(['T1', 'T2', 'T3'].map((id) => ({ id, orderId })));
    store.returnBlank('T3');
    expect(store.stockLedger({ orderId }).orders[0]).toMatchObject({ issued: 3, onLine: 2, returned: 1, unaccounted: 0 });

    const raw = new Database(path);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("DELETE FROM cards WHERE id = 'T2'").run();
    raw.prepare("UPDATE cards SET state = 'good', record_id = 1 WHERE id = 'T1'").run();
    raw.close();
    const ledger = store.stockLedger({ orderId });
    expect(ledger.orders[0]).toMatchObject({ issued: 3, good: 1, returned: 1, onLine: 0, unaccounted: 1 });
    expect(ledger.inconsistentCards).toEqual(['T1', 'T2']);

    const raw2 = new Database(path);
    raw2.prepare("INSERT INTO cards (id, order_id, state, issued_at, updated_at) VALUES ('EXTRA', ?, 'issued', 'x', 'x')").run(orderId);
    raw2.close();
    const after = store.stockLedger({ orderId });
    expect(after.orders[0]!.unaccounted).toBe(0); // one missing, one extra: the count alone balances...
    expect(after.inconsistentCards).toEqual(['EXTRA', 'T1', 'T2']); // ...but the movements do not
    expect(store.stockLedger().overall.unaccounted).toBe(0);
    store.close();
  });
});
