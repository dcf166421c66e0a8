/**
 * Column-to-field mapping for the rows the store returns. SQL stays snake_case (the schema is read by people with
 * the sqlite3 shell); TypeScript gets camelCase. One place, so a new column is added once.
 */
import type { ProductId } from '../../identity/products';
import type {
  CardRow,
  CardState,
  DeviceStepRow,
  JobRow,
  JobState,
  OrderRow,
  OrderStatus,
  RecordRow,
  RecordStatus,
  RunRow,
  RunStatus,
  StepOutcome,
} from './types';

/** A row as better-sqlite3 returns it. */
export type SqlRow = Record<string, unknown>;

const str = (v: unknown): string => v as string;
const num = (v: unknown): number => v as number;
const optStr = (v: unknown): string | null => (v == null ? null : (v as string));
const optNum = (v: unknown): number | null => (v == null ? null : (v as number));
const json = (v: unknown): unknown => (v == null ? null : (JSON.parse(v as string) as unknown));

/** orders row -> {@link OrderRow} */
export function toOrder(r: SqlRow): OrderRow {
  return {
    id: num(r.id),
    name: str(r.name),
    product: optStr(r.product) as ProductId | null,
    createdAt: str(r.created_at),
    status: str(r.status) as OrderStatus,
  };
}

/** records row -> {@link RecordRow} (the payload column is never mapped) */
export function toRecord(r: SqlRow): RecordRow {
  return {
    id: num(r.id),
    orderId: num(r.order_id),
    seq: num(r.seq),
    sourceRow: num(r.source_row),
    maskedId: str(r.masked_id),
    product: str(r.product) as ProductId,
    status: str(r.status) as RecordStatus,
    attempts: num(r.attempts),
    failureReason: optStr(r.failure_reason),
    goodCardId: optStr(r.good_card_id),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

/** cards row -> {@link CardRow} */
export function toCard(r: SqlRow): CardRow {
  return {
    id: str(r.id),
    chipUid: optStr(r.chip_uid),
    orderId: optNum(r.order_id),
    state: str(r.state) as CardState,
    location: optStr(r.location),
    recordId: optNum(r.record_id),
    spoilReason: optStr(r.spoil_reason),
    issuedAt: str(r.issued_at),
    updatedAt: str(r.updated_at),
  };
}

/** jobs row -> {@link JobRow} */
export function toJob(r: SqlRow): JobRow {
  return {
    id: num(r.id),
    recordId: num(r.record_id),
    attempt: num(r.attempt),
    cardId: str(r.card_id),
    runId: optNum(r.run_id),
    state: str(r.state) as JobState,
    phase: optStr(r.phase),
    reason: optStr(r.reason),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

/** device_steps row -> {@link DeviceStepRow} */
export function toStep(r: SqlRow): DeviceStepRow {
  return {
    id: num(r.id),
    jobId: num(r.job_id),
    cardId: optStr(r.card_id),
    station: str(r.station),
    step: str(r.step),
    intentAt: str(r.intent_at),
    outcomeAt: optStr(r.outcome_at),
    outcome: optStr(r.outcome) as StepOutcome | null,
    detail: json(r.detail),
  };
}

/** runs row -> {@link RunRow} */
export function toRun(r: SqlRow): RunRow {
  return {
    id: num(r.id),
    orderId: optNum(r.order_id),
    config: json(r.config),
    seed: optStr(r.seed),
    startedAt: str(r.started_at),
    endedAt: optStr(r.ended_at),
    status: str(r.status) as RunStatus,
    summary: r.summary === null || r.summary === undefined ? null : json(r.summary),
  };
}
