/**
 * Decides, at each opportunity, whether a fault strikes: a scripted fault at its card or command number (once), a
 * fault armed by hand for the next opportunity (QA's `fault KIND` on the simulator's console), or a draw from the
 * seeded generator at the kind's rate. The draws happen in the order the printer meets opportunities, so the same
 * seed and the same host behaviour give the same faults.
 */
import { createResumableRng, type ResumableRng } from '../plant/resumable-rng';
import type { PrinterFaultKind, PrinterFaultSpec } from './fault-spec';

/**
 * Where a plan is, for saving with a persistent plant: how many numbers it drew, which scripted faults fired, what
 * is armed, and how many faults of each kind struck. A plan restored from it goes on as if never interrupted.
 */
export interface FaultPlanState {
  draws: number;
  fired: number[];
  armed: Partial<Record<PrinterFaultKind, number>>;
  struck: Partial<Record<PrinterFaultKind, number>>;
}

/** A fault plan; see the module comment. */
export class PrinterFaultPlan {
  private readonly rng: ResumableRng;
  private readonly scripted: { kind: PrinterFaultKind; at: number; fired: boolean }[];
  private readonly armed = new Map<PrinterFaultKind, number>();
  private readonly struckCounts = new Map<PrinterFaultKind, number>();

  constructor(
    readonly spec: PrinterFaultSpec,
    seed: string | number,
  ) {
    this.rng = createResumableRng(`printer-faults:${seed}`);
    this.scripted = spec.scripted.map((s) => ({ ...s, fired: false }));
  }

  /** Faults that struck so far, by kind (each counted once, when it struck). */
  get struck(): Partial<Record<PrinterFaultKind, number>> {
    return Object.fromEntries(this.struckCounts);
  }

  /** The plan's position, to save. */
  exportState(): FaultPlanState {
    return {
      draws: this.rng.draws,
      fired: this.scripted.flatMap((s, i) => (s.fired ? [i] : [])),
      armed: Object.fromEntries(this.armed),
      struck: this.struck,
    };
  }

  /** Goes back to a saved position (same spec and seed): replays the draws, so later draws continue the sequence. */
  restoreState(state: FaultPlanState): void {
    this.rng.skipTo(state.draws);
    for (const i of state.fired) if (this.scripted[i] !== undefined) this.scripted[i].fired = true;
    this.armed.clear();
    for (const [k, n] of Object.entries(state.armed)) if (n !== undefined && n > 0) this.armed.set(k as PrinterFaultKind, n);
    this.struckCounts.clear();
    for (const [k, n] of Object.entries(state.struck)) if (n !== undefined && n > 0) this.struckCounts.set(k as PrinterFaultKind, n);
  }

  /**
   * True when `kind` strikes at this opportunity; `n` is the card number (card kinds) or command number (link kinds).
   * A scripted fault fires once, at the first opportunity whose number reaches its own.
   */
  strikes(kind: PrinterFaultKind, n: number): boolean {
    const struck = this.decide(kind, n);
    if (struck) this.struckCounts.set(kind, (this.struckCounts.get(kind) ?? 0) + 1);
    return struck;
  }

  private decide(kind: PrinterFaultKind, n: number): boolean {
    const armed = this.armed.get(kind) ?? 0;
    if (armed > 0) {
      this.armed.set(kind, armed - 1);
      return true;
    }
    const due = this.scripted.find((s) => s.kind === kind && !s.fired && s.at <= n);
    if (due !== undefined) {
      due.fired = true;
      return true;
    }
    const rate = this.spec.rates[kind];
    return rate !== undefined && rate > 0 && this.rng.chance(rate);
  }

  /** Makes `kind` strike at its next opportunity. */
  arm(kind: PrinterFaultKind): void {
    this.armed.set(kind, (this.armed.get(kind) ?? 0) + 1);
  }

  /** Faults armed by hand and not yet struck. */
  get pendingArmed(): PrinterFaultKind[] {
    return [...this.armed.entries()].flatMap(([k, n]) => Array<PrinterFaultKind>(n).fill(k));
  }

  /** A deterministic byte source for garbling replies. */
  randomByte(): number {
    return this.rng.int(0, 255);
  }
}
