/**
 * Gathers a production report's data from the store: the figures only, no drawing, so each half is tested on
 * its own and `cardline report --json` prints exactly what the PDF shows.
 */
import type { RunStatus, Store } from '../store';
import { REPORT_FORMAT, type ReportData } from './report-data';
import { countRows, shareRows } from './count-shares';
import { fraction } from './fractions';
import { failedRecordReasons, maskedCounts, producedFirstPass, recordsByProduct } from './record-queries';
import { stationSection } from './station-figures';
import { throughput } from './throughput';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The report data of order `orderId` as the store holds it now. `generatedAt` is the caller's clock (the
 * command passes the wall clock, tests pin it); nothing here reads the time, so the same store and the same
 * `generatedAt` give the same data. Throws StoreError `not-found` for an unknown order.
 *
 * Everything is read in one read transaction: the line may be writing while an auditor runs the report, and
 * the sections must agree with each other (the yield with the ledger, the ledger with the counts). In WAL mode
 * the read does not hold the writers up.
 */
export function gatherReportData(store: Store, orderId: number, generatedAt: Date): ReportData {
  if (Number.isNaN(generatedAt.getTime())) throw new RangeError('generatedAt is not a valid date');
  // The store's own methods run as savepoints inside this transaction (better-sqlite3 nests them).
  return store.db.transaction(() => gather(store, orderId, generatedAt))();
}

function gather(store: Store, orderId: number, generatedAt: Date): ReportData {
  const order = store.getOrder(orderId);
  const counts = store.listOrders().find((o) => o.id === orderId)!.counts;
  const stock = store.stockLedger({ orderId });
  // Asked about one order, the store always lists that order (with zeros when it has no cards).
  const { orderId: _id, order: _name, ...ledger } = stock.orders.find((o) => o.orderId === orderId)!;
  const facts = store.orderFacts(orderId);
  const runs = store.runsOfOrder(orderId);

  const byStatus: Record<RunStatus, number> = { running: 0, completed: 0, aborted: 0, crashed: 0 };
  for (const r of runs) byStatus[r.status]++;
  const firstPass = producedFirstPass(store, orderId);
  const cardsConsumed = ledger.good + ledger.spoiled + ledger.inDoubt;
  const byKind = shareRows(maskedCounts(facts.spoiledByKind));
  const byReason = shareRows(maskedCounts(facts.spoiledByReason));

  return {
    format: REPORT_FORMAT,
    generatedAt: generatedAt.toISOString(),
    order: {
      id: order.id,
      name: order.name,
      product: order.product,
      status: order.status,
      createdAt: order.createdAt,
      recordsByProduct: countRows(recordsByProduct(store, orderId)),
    },
    period: {
      firstJobAt: iso(facts.firstJobAt),
      lastJobAt: iso(facts.lastJobAt),
      seconds: facts.firstJobAt !== null && facts.lastJobAt !== null ? (facts.lastJobAt - facts.firstJobAt) / 1000 : 0,
    },
    runs: {
      total: runs.length,
      byStatus,
      list: runs.map((r) => ({ id: r.id, status: r.status, startedAt: r.startedAt, endedAt: r.endedAt, seed: r.seed })),
    },
    records: {
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      produced: counts.produced,
      failed: counts.failed,
      held: counts.held,
      queued: counts.queued,
      inProgress: counts['in-progress'],
      failedReasons: countRows(failedRecordReasons(store, orderId)),
    },
    yield: {
      producedFirstPass: firstPass,
      firstPassYield: fraction(firstPass, counts.produced),
      cardsConsumed,
      cardsGood: ledger.good,
      goodPerConsumed: fraction(ledger.good, cardsConsumed),
    },
    rejects: { total: byReason.total, byKind: byKind.rows, byReason: byReason.rows },
    throughput: throughput(facts.goodTimes, facts.firstJobAt, facts.lastJobAt),
    stations: stationSection(runs),
    stock: { ...ledger, inconsistentCards: stock.inconsistentCards },
    audit: store.verifyAudit(),
  };
}
