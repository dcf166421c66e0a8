/**
 * A store with one order in a known state, built through the Store API on a real SQLite file, with the store's
 * clock pinned so every time (and so every throughput bucket) is known:
 *
 * - order HN-2026-01-A, 12 synthetic records, 20 blanks B001..B020 issued to it;
 * - run 1 (08:00, crashed at 08:05): records 1-5 good first time; record 9's first card spoiled (chip);
 * - run 2 (08:30, completed): records 6-8 good; record 9 good on its second card; record 10 spoiled three times
 *   (qc, mix-up, chip) and failed; record 11's card in doubt (record held); blank B015 spoiled before use,
 *   B016 returned; run 2 writes a summary with three stations;
 * - record 12 still queued, B017..B020 still on the line.
 *
 * So: 9 produced (8 first pass), 1 failed, 1 held, 1 queued; 20 issued = 9 good + 5 spoiled + 1 in doubt +
 * 1 returned + 4 on the line; good cards at 08:00:45 + 45 s steps, 2-minute buckets from 08:00.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../../src/controller/store';
import { REPORT_FORMAT, type ReportData } from '../../../src/controller/report';
import { TODAY, ndjson, openStore, sampleRecords } from '../store/store-fixtures';

/** The order's name. */
export const ORDER = 'HN-2026-01-A';
/** 08:00:00 UTC on the fixture day: the first run starts here. */
export const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
/** A pinned generated-at. */
export const GENERATED_AT = new Date(Date.UTC(2026, 0, 15, 17, 45, 0));

/** The station figures run 2 records. */
export const STATIONS = {
  'printer-1': { utilisation: 0.4312, availability: 0.97, jobsDone: 9 },
  'enc-10': { utilisation: 0.25, availability: 1, jobsDone: 2 },
  'enc-2': { utilisation: 0.8125, availability: 0.9, jobsDone: 7 },
};

/** A store in the state described above. */
export interface Scenario {
  store: Store;
  orderId: number;
  recordIds: number[];
  clock: { t: number };
  runIds: number[];
}

/** Builds the scenario in a new database at `path` (records file written to `dir`). */
export async function buildScenario(path: string, dir: string, opts: { seed?: string } = {}): Promise<Scenario> {
  const clock = { t: T0 - 3600_000 };
  const store = openStore(path, { now: () => clock.t });
  const file = join(dir, `report-${opts.seed ?? 'a'}.ndjson`);
  writeFileSync(file, ndjson(sampleRecords(12, opts.seed ?? 'report')));
  const report = await store.importFile(file, { order: ORDER, today: TODAY });
  if (report.imported !== 12) throw new Error(`fixture import: ${JSON.stringify(report.errors)}`);
  const orderId = store.findOrder(ORDER)!.id;
  const recordIds = store.nextQueued(12, { orderId }).map((r) => r.id);
  const card = (i: number) => `B${String(i).padStart(3, '0')}`;
  store.issueBlanks(Array.from({ length: 20 }, (_, i) => ({ id: card(i + 1), orderId })));

  const rec = (n: number) => recordIds[n - 1]!;
  const job = (n: number, c: number, runId: number) => {
    clock.t += 5_000;
    const j = store.startJob({ recordId: rec(n), cardId: card(c), runId });
    const step = store.beginStep({ jobId: j.id, station: 'enc-2', step: 'write-chip' });
    clock.t += 40_000;
    store.endStep(step.id, 'ok');
    return j;
  };
  const produce = (n: number, c: number, runId: number) => store.completeJob(job(n, c, runId).id);
  const spoil = (n: number, c: number, runId: number, reason: string) => store.failJob(job(n, c, runId).id, { reason, card: 'spoil' });

  clock.t = T0;
  const run1 = store.startRun({ orderId, seed: 'seed-1' }).id;
  for (let n = 1; n <= 5; n++) produce(n, n, run1);
  spoil(9, 6, run1, 'chip: write failed (SW 6581)');
  clock.t += 30_000;
  store.endRun(run1, 'crashed');

  clock.t = T0 + 30 * 60_000;
  const run2 = store.startRun({ orderId, seed: 'seed-2' }).id;
  produce(6, 7, run2);
  produce(7, 8, run2);
  produce(8, 9, run2);
  produce(9, 10, run2);
  spoil(10, 11, run2, 'qc: print score 0.61 below 0.80');
  spoil(10, 12, run2, 'mix-up: chip UID does not match the card');
  spoil(10, 13, run2, 'chip: write failed (SW 6581)');
  store.failJob(job(11, 14, run2).id, { reason: 'chip: no answer after write', card: 'doubt' });
  clock.t += 10_000;
  store.spoilBlank(card(15), 'damaged: scratched before use');
  store.returnBlank(card(16), 'end of shift');
  store.setRunSummary(run2, {
    stations: STATIONS,
    timing: { makespanSeconds: 360, cardsPerHour: 40, boundCardsPerHour: 120, bottleneck: 'encoder (2 x 60.0 s/card)', efficiency: 0.3333 },
    faults: { injected: {}, detected: {} },
  });
  store.endRun(run2, 'completed');
  return { store, orderId, recordIds, clock, runIds: [run1, run2] };
}

/**
 * Report data made by hand (no store), large enough to run over several pages: `reasons` distinct reject
 * reasons, `runs` runs, `stations` stations and 50 inconsistent cards, for an order with a Vietnamese name.
 */
export function largeReportData(opts: { reasons: number; runs: number; stations: number }): ReportData {
  const start = Date.UTC(2026, 0, 15, 6, 0, 0);
  const reasons = Array.from({ length: opts.reasons }, (_, i) => ({
    label: `${['chip', 'qc', 'mix-up', 'printer'][i % 4]}: synthetic reason number ${i + 1} with enough words to wrap in the reason column of the table`,
    count: opts.reasons - i,
  }));
  const spoiled = reasons.reduce((s, r) => s + r.count, 0);
  const buckets = Array.from({ length: 24 }, (_, i) => ({ start: new Date(start + i * 1_800_000).toISOString(), count: 100 + ((i * 37) % 90) }));
  const good = buckets.reduce((s, b) => s + b.count, 0);
  return {
    format: REPORT_FORMAT,
    generatedAt: '2026-01-16T02:00:00.000Z',
    order: { id: 7, name: 'Hà Nội đợt 1/2026', product: 'vn-cancuoc-2024', status: 'open', createdAt: '2026-01-14T10:00:00.000Z', recordsByProduct: [{ label: 'vn-cancuoc-2024', count: good + 10 }] },
    period: { firstJobAt: new Date(start).toISOString(), lastJobAt: new Date(start + 12 * 3_600_000 - 60_000).toISOString(), seconds: 12 * 3600 - 60 },
    runs: {
      total: opts.runs,
      byStatus: { running: 0, completed: opts.runs - 1, aborted: 0, crashed: 1 },
      list: Array.from({ length: opts.runs }, (_, i) => ({
        id: i + 1,
        status: i === 3 ? ('crashed' as const) : ('completed' as const),
        startedAt: new Date(start + i * 60_000).toISOString(),
        endedAt: new Date(start + i * 60_000 + 50_000).toISOString(),
        seed: `seed-${i + 1}`,
      })),
    },
    records: { total: good + 10, produced: good, failed: 4, held: 2, queued: 4, inProgress: 0, failedReasons: [{ label: 'chip: write failed', count: 4 }] },
    yield: { producedFirstPass: good - 3, firstPassYield: (good - 3) / good, cardsConsumed: good + spoiled, cardsGood: good, goodPerConsumed: good / (good + spoiled) },
    rejects: {
      total: spoiled,
      byKind: [{ label: 'chip', count: spoiled, share: 1 }],
      byReason: reasons.map((r) => ({ ...r, share: r.count / spoiled })),
    },
    throughput: { bucketSeconds: 1800, bucketLabel: '30 min', buckets, good, averagePerHour: good / 12, peak: Math.max(...buckets.map((b) => b.count)) },
    stations: {
      fromRun: { id: opts.runs, status: 'completed' },
      latestRunWithout: null,
      stations: Array.from({ length: opts.stations }, (_, i) => ({ id: `enc-${i + 1}`, utilisation: (i % 10) / 10, availability: 1 - (i % 3) / 10, jobsDone: 10 * i })),
      timing: null,
    },
    stock: { issued: good + spoiled + 20, good, spoiled, inDoubt: 2, returned: 10, onLine: 5, unaccounted: 3, inconsistentCards: Array.from({ length: 50 }, (_, i) => `C${String(i + 1).padStart(6, '0')}`) },
    audit: { ok: true, entries: 4321, head: { seq: 4321, hash: 'ab'.repeat(32) }, firstBreak: null, missingTriggers: [] },
  };
}
