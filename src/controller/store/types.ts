/**
 * The store's public row shapes and state vocabularies. Rows carry public identifiers and masked IDs only;
 * personal data leaves the store solely through Store.openRecordPayload, decrypted for data preparation.
 */
import type { ProductId } from '../../identity/products';

/** Where a record stands in production. */
export type RecordStatus = 'queued' | 'in-progress' | 'produced' | 'failed' | 'held';
/** Every {@link RecordStatus}, in the order reports list them. */
export const RECORD_STATUSES: readonly RecordStatus[] = ['queued', 'in-progress', 'produced', 'failed', 'held'];

/** Where a physical blank stands. */
export type CardState = 'issued' | 'in-process' | 'good' | 'spoiled' | 'in-doubt' | 'returned';

/** State of one attempt to produce a record on a card. */
export type JobState = 'running' | 'recovering' | 'succeeded' | 'failed' | 'in-doubt';

/** Outcome of a device step; null while only the intent is written. */
export type StepOutcome = 'ok' | 'failed';

/** Status of an order. */
export type OrderStatus = 'open' | 'closed' | 'cancelled';

/** Status of a run of the line. */
export type RunStatus = 'running' | 'completed' | 'aborted' | 'crashed';

/** Roles of console users. */
export type OperatorRole = 'operator' | 'qa' | 'supervisor' | 'admin';

/** An order. */
export interface OrderRow {
  id: number;
  name: string;
  /** Null when each record's product follows its issue date. */
  product: ProductId | null;
  createdAt: string;
  status: OrderStatus;
}

/** An order with its records counted by status. */
export interface OrderSummary extends OrderRow {
  counts: Record<RecordStatus, number>;
  total: number;
}

/** A record without its sealed payload. */
export interface RecordRow {
  id: number;
  orderId: number;
  seq: number;
  sourceRow: number;
  maskedId: string;
  product: ProductId;
  status: RecordStatus;
  attempts: number;
  failureReason: string | null;
  goodCardId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A physical blank. */
export interface CardRow {
  id: string;
  chipUid: string | null;
  orderId: number | null;
  state: CardState;
  location: string | null;
  recordId: number | null;
  spoilReason: string | null;
  issuedAt: string;
  updatedAt: string;
}

/** One attempt at producing a record on a card. */
export interface JobRow {
  id: number;
  recordId: number;
  /** 1 for the record's first try, then 2, ...: every try counts, a feed that took no blank included. */
  attempt: number;
  cardId: string;
  runId: number | null;
  state: JobState;
  phase: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A device step: its intent, and its outcome once known. */
export interface DeviceStepRow {
  id: number;
  jobId: number;
  cardId: string | null;
  station: string;
  step: string;
  intentAt: string;
  outcomeAt: string | null;
  outcome: StepOutcome | null;
  /** Parsed JSON detail, or null. */
  detail: unknown;
}

/** A run of the line. */
export interface RunRow {
  id: number;
  orderId: number | null;
  config: unknown;
  seed: string | null;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  /** What the run measured, written as it goes (station figures, faults injected); null before the first write. */
  summary: unknown;
}
