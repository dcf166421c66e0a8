/**
 * The summary of an order's production, as `cardline run --json` prints it. Everything but the injected faults
 * comes from the store, so a summary after `--resume` covers the whole order, crashes included.
 */
import type { Store } from '../store';
import type { LineConfig, StationKind } from './config';

/** The summary's shape (the contract of `cardline run --json`). */
export interface RunSummary {
  order: string;
  records: { total: number; produced: number; failed: number; held: number; queued: number };
  cards: { consumed: number; good: number; spoiled: number; inDoubt: number; returned: number; onLine: number; unaccounted: number };
  faults: { injected: Record<string, number>; detected: Record<string, number> };
  timing: {
    makespanSeconds: number;
    cardsPerHour: number;
    boundCardsPerHour: number;
    bottleneck: string;
    efficiency: number;
  };
  stations: Record<string, { utilisation: number; availability: number; jobsDone: number }>;
  audit: { entries: number; verified: boolean; firstBreak?: string };
  runs: number;
  /** Present when the run ended before the order did: what it waits for (operator decisions on held cards). */
  stalled?: string;
}

/** Seconds per card at each kind of station: what the line's devices take (from the simulators or a data sheet). */
export type CycleTimes = Partial<Record<StationKind, number>>;

/**
 * The throughput the configured devices allow: each kind of station can do (count / seconds per card) cards a
 * second; the line can do no more than its slowest kind, the bottleneck.
 */
export function boundThroughput(config: LineConfig, cycle: CycleTimes): { cardsPerHour: number; bottleneck: string } {
  const counts = new Map<StationKind, number>();
  for (const s of config.stations) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  let best = { cardsPerHour: Infinity, bottleneck: 'none' };
  for (const [kind, n] of counts) {
    const seconds = cycle[kind];
    if (seconds === undefined || seconds <= 0) continue;
    const perHour = (n * 3600) / seconds;
    if (perHour < best.cardsPerHour) best = { cardsPerHour: perHour, bottleneck: `${kind} (${n} x ${seconds.toFixed(1)} s/card)` };
  }
  return best;
}

/** Builds the summary of `orderId` from the store, plus what only the run knows (injected faults, station figures). */
export function summarize(
  store: Store,
  orderId: number,
  config: LineConfig,
  cycle: CycleTimes,
  extra: { injected: Record<string, number>; stations: RunSummary['stations'] },
): RunSummary {
  const order = store.getOrder(orderId);
  const counts = store.listOrders().find((o) => o.id === orderId)!.counts;
  const ledger = store.stockLedger({ orderId }).orders.find((o) => o.orderId === orderId) ?? store.stockLedger({ orderId }).overall;
  const facts = store.orderFacts(orderId);
  const audit = store.verifyAudit();
  const makespanSeconds = facts.firstJobAt !== null && facts.lastJobAt !== null ? (facts.lastJobAt - facts.firstJobAt) / 1000 : 0;
  const good = ledger.good;
  const cardsPerHour = makespanSeconds > 0 ? (good * 3600) / makespanSeconds : 0;
  const bound = boundThroughput(config, cycle);
  // Both from the store, so a summary after --resume counts the faults of every run of the order. The kinds are named
  // as --faults names them where they match (mix-up -> mixup).
  const detected: Record<string, number> = { ...facts.stationFaults };
  for (const [kind, n] of Object.entries(facts.spoiledByKind)) {
    const key = kind === 'mix-up' ? 'mixup' : kind;
    detected[key] = (detected[key] ?? 0) + n;
  }
  return {
    order: order.name,
    records: {
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      produced: counts.produced,
      failed: counts.failed,
      held: counts.held,
      queued: counts.queued + counts['in-progress'],
    },
    cards: {
      consumed: ledger.good + ledger.spoiled + ledger.inDoubt,
      good: ledger.good,
      spoiled: ledger.spoiled,
      inDoubt: ledger.inDoubt,
      returned: ledger.returned,
      onLine: ledger.onLine,
      unaccounted: ledger.unaccounted,
    },
    faults: { injected: extra.injected, detected },
    timing: {
      makespanSeconds: round(makespanSeconds, 1),
      cardsPerHour: round(cardsPerHour, 1),
      boundCardsPerHour: round(bound.cardsPerHour, 1),
      bottleneck: bound.bottleneck,
      efficiency: bound.cardsPerHour > 0 && Number.isFinite(bound.cardsPerHour) ? round(cardsPerHour / bound.cardsPerHour, 3) : 0,
    },
    stations: extra.stations,
    audit: { entries: audit.entries, verified: audit.ok, ...(audit.firstBreak ? { firstBreak: JSON.stringify(audit.firstBreak).slice(0, 300) } : {}) },
    runs: store.runsOfOrder(orderId).length,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
