/**
 * The line the console drives: at most one run at a time, started on an order by a person, with its events fanned
 * out to the console's event streams, and the decisions on held cards under dual control: destroying a card needs
 * two different supervisors, the second approving what the first proposed.
 */
import type { LineEvent, LineRun } from '../line/line-run';
import type { StationFaultReason } from '../../workflows/station';
import { ApiError } from './api-error';

/** Starts a run of the line on `order` (the CLI composes the devices); `done` settles when the run ends. */
export type LineStarter = (o: { order: string; by: string; onEvent: (e: LineEvent) => void; onLine: (line: LineRun) => void }) => Promise<unknown>;

/** What the console shows of the line when no run is going. */
export interface LineStatus {
  state: string;
  order: string | null;
  startedBy: string | null;
  error: string | null;
  /** Blanks left in the line's input feeder (null when no run is going). */
  feederBlanks: number | null;
}

/** A destroy decision waiting for its second supervisor. */
interface Proposal {
  by: string;
  at: number;
}

/** The console's line; see the module comment. */
export class ConsoleLine {
  private line: LineRun | undefined;
  private order: string | null = null;
  private startedBy: string | null = null;
  private running = false;
  private lastError: string | null = null;
  private readonly listeners = new Set<(e: LineEvent | { type: 'run'; state: string; order: string | null; error?: string }) => void>();
  private readonly proposals = new Map<number, Proposal>();

  constructor(
    private readonly starter: LineStarter | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Subscribes to the line's events; returns the unsubscribe function. */
  subscribe(listener: (e: LineEvent | { type: 'run'; state: string; order: string | null; error?: string }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): LineStatus {
    return {
      state: this.running ? (this.line?.lineState ?? 'starting') : 'idle',
      order: this.order,
      startedBy: this.startedBy,
      error: this.lastError,
      feederBlanks: this.running && this.line ? this.line.feederBlanks : null,
    };
  }

  /** Starts the line on `order`. 409 while a run is going; 501 when this server drives no line. */
  start(order: string, by: string): void {
    if (this.starter === undefined) throw new ApiError(501, 'this server drives no line (start it with cardline serve --line ...)');
    if (this.running) throw new ApiError(409, `the line is already running order ${this.order}`);
    this.running = true;
    this.order = order;
    this.startedBy = by;
    this.lastError = null;
    this.proposals.clear();
    this.emit({ type: 'run', state: 'starting', order });
    this.starter({ order, by, onEvent: (e) => this.emit(e), onLine: (line) => (this.line = line) }).then(
      () => this.ended(null),
      (e: unknown) => this.ended(e instanceof Error ? e.message : String(e)),
    );
  }

  /** PAUSE, RESUME, DRAIN or STOP. */
  control(action: 'PAUSE' | 'RESUME' | 'DRAIN' | 'STOP'): void {
    this.requireLine().control(action);
  }

  stations() {
    return this.line?.stationsView() ?? [];
  }

  held() {
    return (this.line?.heldView() ?? []).map((h) => ({ ...h, proposedBy: this.proposals.get(h.recordId)?.by ?? null }));
  }

  jobs() {
    return this.line?.jobsView() ?? [];
  }

  async operatorAction(station: string, reason: StationFaultReason, by: string, origin: string): Promise<void> {
    try {
      await this.requireLine().operatorAction(station, reason, by, origin);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError(409, e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * A supervisor's decision on a held card. `verify` stands alone; `destroy` is first a proposal, and takes effect
   * when a different supervisor makes the same decision. Returns what happened.
   */
  async decide(recordId: number, decision: 'verify' | 'destroy', by: string): Promise<{ outcome: 'proposed' | 'decided'; by: string[] }> {
    const line = this.requireLine();
    if (!line.heldView().some((h) => h.recordId === recordId)) throw new ApiError(404, `no card of record ${recordId} is held for a decision`);
    if (decision === 'verify') {
      this.proposals.delete(recordId);
      await line.decide(recordId, 'verify', [by]);
      return { outcome: 'decided', by: [by] };
    }
    const first = this.proposals.get(recordId);
    if (first === undefined) {
      this.proposals.set(recordId, { by, at: this.now() });
      return { outcome: 'proposed', by: [by] };
    }
    if (first.by.toLowerCase() === by.toLowerCase()) throw new ApiError(409, `${by} already proposed destroying this card: a second, different supervisor must approve (dual control)`);
    this.proposals.delete(recordId);
    await line.decide(recordId, 'destroy', [first.by, by]);
    return { outcome: 'decided', by: [first.by, by] };
  }

  private requireLine(): LineRun {
    if (!this.running || this.line === undefined) throw new ApiError(409, 'the line is not running');
    return this.line;
  }

  private ended(error: string | null): void {
    this.running = false;
    this.line = undefined;
    this.lastError = error;
    this.emit({ type: 'run', state: error === null ? 'ended' : 'failed', order: this.order, ...(error !== null ? { error } : {}) });
  }

  private emit(e: LineEvent | { type: 'run'; state: string; order: string | null; error?: string }): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // One broken listener (a closed socket) does not stop the others.
      }
    }
  }
}
