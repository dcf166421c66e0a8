/**
 * gatherReportData on a store built through the Store API (report-fixtures.ts): every figure of every section,
 * the order kept apart from other orders, first pass counted by cards consumed (not attempts), findings an
 * auditor must see (cards unaccounted, a broken chain), and no personal data in the result.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { gatherReportData, REPORT_FORMAT } from '../../../src/controller/report';
import { StoreError } from '../../../src/controller/store';
import { TODAY, ndjson, sampleRecords, workspace } from '../store/store-fixtures';
import { GENERATED_AT, ORDER, buildScenario, type Scenario } from './report-fixtures';

const ws = workspace('report-gather');
afterAll(() => ws.cleanup());
let n = 0;
let s: Scenario;
beforeEach(async () => {
  s = await buildScenario(join(ws.dir, `gather-${++n}.db`), ws.dir);
});
afterEach(() => s.store.close());

describe('gatherReportData', () => {
  it('reads the header: order, products made, first and last job, and how each run ended', () => {
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(d.format).toBe(REPORT_FORMAT);
    expect(d.generatedAt).toBe('2026-01-15T17:45:00.000Z');
    expect(d.order).toMatchObject({ id: s.orderId, name: ORDER, product: null, status: 'open' });
    expect(d.order.recordsByProduct.reduce((sum, p) => sum + p.count, 0)).toBe(12);
    expect(d.period).toEqual({ firstJobAt: '2026-01-15T08:00:05.000Z', lastJobAt: '2026-01-15T08:36:00.000Z', seconds: 2155 });
    expect(d.runs.total).toBe(2);
    expect(d.runs.byStatus).toEqual({ running: 0, completed: 1, aborted: 0, crashed: 1 });
    expect(d.runs.list).toEqual([
      { id: s.runIds[0], status: 'crashed', startedAt: '2026-01-15T08:00:00.000Z', endedAt: '2026-01-15T08:05:00.000Z', seed: 'seed-1' },
      { id: s.runIds[1], status: 'completed', startedAt: '2026-01-15T08:30:00.000Z', endedAt: '2026-01-15T08:36:10.000Z', seed: 'seed-2' },
    ]);
  });

  it('reads the yield: records by status with failure reasons, first-pass yield and cards good per card consumed', () => {
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(d.records).toEqual({
      total: 12,
      produced: 9,
      failed: 1,
      held: 1,
      queued: 1,
      inProgress: 0,
      failedReasons: [{ label: 'chip: write failed (SW 6581)', count: 1 }],
    });
    expect(d.yield).toEqual({ producedFirstPass: 8, firstPassYield: 0.8889, cardsConsumed: 15, cardsGood: 9, goodPerConsumed: 0.6 });
  });

  it('reads the rejects by kind and by reason, with shares of all spoiled cards', () => {
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(d.rejects).toEqual({
      total: 5,
      byKind: [
        { label: 'chip', count: 2, share: 0.4 },
        { label: 'damaged', count: 1, share: 0.2 },
        { label: 'mix-up', count: 1, share: 0.2 },
        { label: 'qc', count: 1, share: 0.2 },
      ],
      byReason: [
        { label: 'chip: write failed (SW 6581)', count: 2, share: 0.4 },
        { label: 'damaged: scratched before use', count: 1, share: 0.2 },
        { label: 'mix-up: chip UID does not match the card', count: 1, share: 0.2 },
        { label: 'qc: print score 0.61 below 0.80', count: 1, share: 0.2 },
      ],
    });
  });

  it('reads throughput in 2-minute buckets from the first job, idle half hour included', () => {
    const t = gatherReportData(s.store, s.orderId, GENERATED_AT).throughput;
    expect(t).toMatchObject({ bucketSeconds: 120, bucketLabel: '2 min', good: 9, peak: 3, averagePerHour: 15 });
    expect(t.buckets).toHaveLength(19);
    const nonEmpty = t.buckets.filter((b) => b.count > 0);
    expect(nonEmpty).toEqual([
      { start: '2026-01-15T08:00:00.000Z', count: 2 },
      { start: '2026-01-15T08:02:00.000Z', count: 3 },
      { start: '2026-01-15T08:30:00.000Z', count: 2 },
      { start: '2026-01-15T08:32:00.000Z', count: 2 },
    ]);
  });

  it('reads the stations of the latest run that recorded them, the ledger and the audit chain', () => {
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(d.stations).toEqual({
      fromRun: { id: s.runIds[1], status: 'completed' },
      latestRunWithout: null,
      stations: [
        { id: 'enc-2', utilisation: 0.8125, availability: 0.9, jobsDone: 7 },
        { id: 'enc-10', utilisation: 0.25, availability: 1, jobsDone: 2 },
        { id: 'printer-1', utilisation: 0.4312, availability: 0.97, jobsDone: 9 },
      ],
      timing: { bottleneck: 'encoder (2 x 60.0 s/card)', boundCardsPerHour: 120, efficiency: 0.3333 },
    });
    expect(d.stock).toEqual({ issued: 20, good: 9, spoiled: 5, inDoubt: 1, returned: 1, onLine: 4, unaccounted: 0, inconsistentCards: [] });
    expect(d.audit).toMatchObject({ ok: true, entries: s.store.auditCount(), firstBreak: null, missingTriggers: [] });
    expect(d.audit.head).toEqual({ seq: s.store.auditCount(), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('names a later run without station figures, and says when no run recorded any', async () => {
    s.store.startRun({ orderId: s.orderId, seed: 'seed-3' });
    const later = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(later.stations.fromRun?.id).toBe(s.runIds[1]);
    expect(later.stations.latestRunWithout).toBe(s.runIds[1]! + 1);
    expect(later.runs.byStatus.running).toBe(1);

    const other = sampleRecords(2, 'no-runs');
    const file = join(ws.dir, `no-runs-${n}.ndjson`);
    writeFileSync(file, ndjson(other));
    await s.store.importFile(file, { order: 'EMPTY', today: TODAY });
    const d = gatherReportData(s.store, s.store.findOrder('EMPTY')!.id, GENERATED_AT);
    expect(d.stations).toEqual({ fromRun: null, latestRunWithout: null, stations: [], timing: null });
    expect(d.period).toEqual({ firstJobAt: null, lastJobAt: null, seconds: 0 });
    expect(d.yield).toEqual({ producedFirstPass: 0, firstPassYield: null, cardsConsumed: 0, cardsGood: 0, goodPerConsumed: null });
    expect(d.throughput).toMatchObject({ buckets: [], good: 0, averagePerHour: null });
    expect(d.stock).toMatchObject({ issued: 0, unaccounted: 0 });
    expect(d.records).toMatchObject({ total: 2, queued: 2 });
  });

  it("counts only the order's own records, cards and runs when the database holds other orders", async () => {
    const before = gatherReportData(s.store, s.orderId, GENERATED_AT);
    const file = join(ws.dir, `other-${n}.ndjson`);
    writeFileSync(file, ndjson(sampleRecords(2, 'other-order')));
    await s.store.importFile(file, { order: 'OTHER', today: TODAY });
    const otherId = s.store.findOrder('OTHER')!.id;
    const [r1, r2] = s.store.nextQueued(2, { orderId: otherId });
    s.store.issueBlanks([{ id: 'O1', orderId: otherId }, { id: 'O2', orderId: otherId }, { id: 'FREE-1' }]);
    const run = s.store.startRun({ orderId: otherId });
    s.store.completeJob(s.store.startJob({ recordId: r1!.id, cardId: 'O1', runId: run.id }).id);
    s.store.failJob(s.store.startJob({ recordId: r2!.id, cardId: 'O2', runId: run.id }).id, { reason: 'qc: other order', card: 'spoil' });
    s.store.setRunSummary(run.id, { stations: { 'other-1': { utilisation: 1, availability: 1, jobsDone: 2 } } });
    const after = gatherReportData(s.store, s.orderId, GENERATED_AT);
    // Only the audit chain (one chain for the whole database) moved on.
    expect({ ...after, audit: null }).toEqual({ ...before, audit: null });
    expect(after.audit.entries).toBeGreaterThan(before.audit.entries);
  });

  it('counts first pass by cards consumed: an unload does not spend a card, a card in doubt verified good is its first card', () => {
    const [, , , , , , , , , , r11, r12] = s.recordIds;
    // Record 12: a feed failed before any device step, so the blank went back unused, then the record passed.
    s.store.failJob(s.store.startJob({ recordId: r12!, cardId: 'B017' }).id, { reason: 'feed: misfeed', card: 'unload' });
    s.store.completeJob(s.store.startJob({ recordId: r12!, cardId: 'B017' }).id);
    expect(s.store.getRecord(r12!).attempts).toBe(1); // attempts count blanks used: the unloaded one was not
    // Record 11: its card in doubt is read back and verified good.
    s.store.resolveInDoubt('B014', { decision: 'good', reason: 'chip read back and matches', actor: 'op-1' });
    expect(s.store.getRecord(r11!).status).toBe('produced');
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    // B017 became good (16 consumed: 11 good + 5 spoiled), B014 left doubt for good.
    expect(d.yield).toEqual({ producedFirstPass: 10, firstPassYield: 0.9091, cardsConsumed: 16, cardsGood: 11, goodPerConsumed: 0.6875 });
  });

  it('shows cards unaccounted and the inconsistent card when a card row was added behind the store', () => {
    s.store.db
      .prepare("INSERT INTO cards (id, order_id, state, issued_at, updated_at) VALUES ('X-EXTRA', ?, 'issued', ?, ?)")
      .run(s.orderId, '2026-01-15T09:00:00.000Z', '2026-01-15T09:00:00.000Z');
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(d.stock).toMatchObject({ issued: 20, onLine: 5, unaccounted: -1, inconsistentCards: ['X-EXTRA'] });
  });

  it('reports the first break of an audit chain altered with its triggers dropped', () => {
    const db = s.store.db;
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET actor = 'nobody' WHERE seq = 3").run();
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(d.audit).toMatchObject({ ok: false, firstBreak: { seq: 3 }, missingTriggers: ['audit_log_no_update', 'audit_log_no_delete'] });
  });

  it('masks a personal ID that slipped into a reason', () => {
    const r12 = s.recordIds[11]!;
    s.store.failJob(s.store.startJob({ recordId: r12, cardId: 'B018' }).id, { reason: 'mix-up: printed 001199012345 on the card', card: 'spoil' });
    const d = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(JSON.stringify(d)).not.toContain('001199012345');
    expect(d.rejects.byReason.map((r) => r.label)).toContain('mix-up: printed 001******45 on the card');
  });

  it('holds no personal data of the records: no ID, name, birth date, address or parent', () => {
    const json = JSON.stringify(gatherReportData(s.store, s.orderId, GENERATED_AT));
    for (const r of sampleRecords(12, 'report')) {
      for (const value of [r.personalId, r.fullName, r.dateOfBirth, r.placeOfResidence, r.placeOfOrigin, r.fatherName, r.motherName]) {
        if (value) expect(json).not.toContain(value);
      }
    }
    expect(json).not.toMatch(/\d{3}\*{6}\d{2}/); // not even masked IDs: the report needs none
  });

  it('is the same for the same data and time, and reads no clock of its own', () => {
    const a = gatherReportData(s.store, s.orderId, GENERATED_AT);
    expect(gatherReportData(s.store, s.orderId, new Date(GENERATED_AT.getTime()))).toEqual(a);
    expect(gatherReportData(s.store, s.orderId, new Date('2030-01-01T00:00:00Z'))).toEqual({ ...a, generatedAt: '2030-01-01T00:00:00.000Z' });
  });

  it('refuses an unknown order and an invalid time', () => {
    expect(() => gatherReportData(s.store, 999, GENERATED_AT)).toThrow(StoreError);
    expect(() => gatherReportData(s.store, s.orderId, new Date('nonsense'))).toThrow(RangeError);
  });
});
