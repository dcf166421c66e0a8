/**
 * Facts about an order's production that a run summary or report needs, read from the store alone so they cover
 * every run of the order (a resumed run reports the whole order, crashes included).
 */
import type { StoreContext } from './store-context';

/** See {@link orderFacts}. */
export interface OrderFacts {
  /** Timestamp (ms) of the first job of the order, or null when nothing was produced. */
  firstJobAt: number | null;
  /** Timestamp (ms) of the last job change of the order, or null. */
  lastJobAt: number | null;
  /** Spoiled cards of the order by the kind of failure (the reason's prefix before ':'), e.g. chip, mix-up, qc. */
  spoiledByKind: Record<string, number>;
  /** Spoiled cards by full reason (for the report's reject list; reasons hold no personal data). */
  spoiledByReason: Record<string, number>;
  /** Good cards by the hour they were completed (ms of the hour start), for throughput charts. */
  goodByHour: Record<number, number>;
  /** Good cards completed at each moment (ms), ordered: throughput over time at any resolution. */
  goodTimes: number[];
  /** Station faults raised during the order's runs (audit action `station.fault`), by reason. */
  stationFaults: Record<string, number>;
}

/** Reads {@link OrderFacts} for one order. */
export function orderFacts(ctx: StoreContext, orderId: number): OrderFacts {
  const span = ctx
    .sql('SELECT min(j.created_at) AS first, max(j.updated_at) AS last FROM jobs j JOIN records r ON r.id = j.record_id WHERE r.order_id = ?')
    .get(orderId) as { first: string | null; last: string | null };
  const spoiled = ctx
    .sql("SELECT spoil_reason AS reason, count(*) AS n FROM cards WHERE order_id = ? AND state = 'spoiled' GROUP BY spoil_reason")
    .all(orderId) as { reason: string | null; n: number }[];
  const good = ctx
    .sql("SELECT j.updated_at AS at FROM jobs j JOIN records r ON r.id = j.record_id WHERE r.order_id = ? AND j.state = 'succeeded' ORDER BY j.updated_at")
    .all(orderId) as { at: string }[];
  const faults = ctx
    .sql(
      `SELECT json_extract(a.detail, '$.reason') AS reason, count(*) AS n FROM audit_log a
       WHERE a.action = 'station.fault' AND json_extract(a.detail, '$.runId') IN (SELECT id FROM runs WHERE order_id = ?)
       GROUP BY reason`,
    )
    .all(orderId) as { reason: string | null; n: number }[];
  const stationFaults: Record<string, number> = {};
  for (const f of faults) stationFaults[f.reason ?? 'unknown'] = f.n;
  const spoiledByKind: Record<string, number> = {};
  const spoiledByReason: Record<string, number> = {};
  for (const s of spoiled) {
    const reason = s.reason ?? 'unknown';
    const kind = reason.includes(':') ? reason.slice(0, reason.indexOf(':')).trim() : reason;
    spoiledByKind[kind] = (spoiledByKind[kind] ?? 0) + s.n;
    spoiledByReason[reason] = (spoiledByReason[reason] ?? 0) + s.n;
  }
  const goodTimes = good.map((g) => Date.parse(g.at));
  const goodByHour: Record<number, number> = {};
  for (const t of goodTimes) {
    const hour = Math.floor(t / 3_600_000) * 3_600_000;
    goodByHour[hour] = (goodByHour[hour] ?? 0) + 1;
  }
  return {
    firstJobAt: span.first === null ? null : Date.parse(span.first),
    lastJobAt: span.last === null ? null : Date.parse(span.last),
    spoiledByKind,
    spoiledByReason,
    goodByHour,
    goodTimes,
    stationFaults,
  };
}

/** A spoiled card of an order, for the reject box view (reasons hold no personal data; IDs are masked). */
export interface SpoiledCard {
  cardId: string;
  reason: string;
  at: string;
  recordSeq: number | null;
  maskedId: string | null;
}

/** The order's spoiled cards, newest first. */
export function spoiledCards(ctx: StoreContext, orderId: number): SpoiledCard[] {
  return ctx
    .sql(
      `SELECT c.id AS cardId, coalesce(c.spoil_reason, '') AS reason, c.updated_at AS at, r.seq AS recordSeq, r.masked_id AS maskedId
         FROM cards c LEFT JOIN records r ON r.id = c.record_id
        WHERE c.order_id = ? AND c.state = 'spoiled'
        ORDER BY c.updated_at DESC, c.id`,
    )
    .all(orderId) as SpoiledCard[];
}
