/**
 * The data of a production report: a plain, JSON-ready object that gatherReportData reads from the store and
 * renderReportPdf draws. It is also what `cardline report --json` prints, so its shape is a contract: add
 * fields, never rename them. It holds figures, reasons, card serials and run ids, never personal data.
 *
 * Times are ISO 8601 strings in UTC. Fractions (yields, shares, utilisation) are numbers from 0 to 1, rounded
 * to 4 decimals, or null when their denominator is 0 (a yield of nothing is undefined, not 0 % or 100 %).
 */
import type { AuditVerification } from '../audit';
import type { LedgerFigures, OrderStatus, RunStatus } from '../store';

/** Identifies the shape for scripts that read `--json`. */
export const REPORT_FORMAT = 'cardline-report/1';

/** A label with a count. */
export interface CountRow {
  label: string;
  count: number;
}

/** A label with a count and its share of the table's total. */
export interface ShareRow extends CountRow {
  share: number;
}

/** One run of the line over the order. */
export interface RunLine {
  id: number;
  status: RunStatus;
  startedAt: string;
  /** Null while the run is still running (or crashed and was not yet closed by recovery). */
  endedAt: string | null;
  seed: string | null;
}

/** Good cards per time bucket (section 4). */
export interface Throughput {
  /** Width of a bucket, in seconds (chosen from the order's span: see throughput.ts). */
  bucketSeconds: number;
  /** The bucket width in words: `1 min`, `30 min`, `1 h`. */
  bucketLabel: string;
  /** Buckets from the one holding the first job to the one holding the last event, empty ones included. */
  buckets: { start: string; count: number }[];
  /** Good cards in all buckets. */
  good: number;
  /** Good cards per hour from the first job to the last (null when that span is 0). */
  averagePerHour: number | null;
  /** The fullest bucket's count. */
  peak: number;
}

/** One station's figures as the line measured them (section 5). */
export interface StationLine {
  id: string;
  /** Share of the run's time the station was busy with a card. */
  utilisation: number;
  /** Share of the run's time the station was neither waiting for an operator nor offline. */
  availability: number;
  jobsDone: number;
}

/** Station figures of the latest run that recorded them (section 5). */
export interface StationSection {
  /** The run the figures come from, or null when no run of the order recorded station figures. */
  fromRun: { id: number; status: RunStatus } | null;
  /** The order's latest run, when it is not the one the figures come from (it recorded none). */
  latestRunWithout: number | null;
  stations: StationLine[];
  /** What the run summary said about the line as a whole, when it said it. */
  timing: { bottleneck: string; boundCardsPerHour: number; efficiency: number } | null;
}

/** Everything a production report shows. */
export interface ReportData {
  format: typeof REPORT_FORMAT;
  /** When the report was made (the command's clock; pinned by tests). The PDF's info dates are this. */
  generatedAt: string;
  order: {
    id: number;
    name: string;
    /** Null when each record's product follows its issue date. */
    product: string | null;
    status: OrderStatus;
    createdAt: string;
    /** Records by product (what was actually made when the order's product is null). */
    recordsByProduct: CountRow[];
  };
  /** First and last job of the order (null before any job), and the seconds between them. */
  period: { firstJobAt: string | null; lastJobAt: string | null; seconds: number };
  runs: { total: number; byStatus: Record<RunStatus, number>; list: RunLine[] };
  /** Section 2: records by status; `failedReasons` are the last reasons of the failed records. */
  records: {
    total: number;
    produced: number;
    failed: number;
    held: number;
    queued: number;
    inProgress: number;
    failedReasons: CountRow[];
  };
  /** Section 2: first-pass yield and card yield. */
  yield: {
    /** Produced records whose good card is the only card they consumed. */
    producedFirstPass: number;
    /** producedFirstPass / produced. */
    firstPassYield: number | null;
    /** Cards consumed: good + spoiled + in doubt. */
    cardsConsumed: number;
    cardsGood: number;
    /** cardsGood / cardsConsumed. */
    goodPerConsumed: number | null;
  };
  /** Section 3: spoiled cards of the order, by kind (the reason's prefix) and by full reason. */
  rejects: { total: number; byKind: ShareRow[]; byReason: ShareRow[] };
  /** Section 4. */
  throughput: Throughput;
  /** Section 5. */
  stations: StationSection;
  /** Section 6: the order's ledger and the cards whose state disagrees with their movements. */
  stock: LedgerFigures & { inconsistentCards: string[] };
  /** Section 7: the whole audit log's chain (it is one chain for every order). */
  audit: AuditVerification;
}
