/**
 * Decides, at each opportunity, whether a fault strikes: a scripted fault at its card or command number (once), a
 * fault armed by hand for the next opportunity (QA's `fault KIND` on the simulator's console), or a draw from the
 * seeded generator at the kind's rate. The draws happen in the order the printer meets opportunities, so the same
 * seed and the same host behaviour give the same faults.
 */
import { createRng, type Rng } from '../../identity/sample/rng';
import type { PrinterFaultKind, PrinterFaultSpec } from './fault-spec';

/** A fault plan; see the module comment. */
export class PrinterFaultPlan {
  private readonly rng: Rng;
  private readonly scripted: { kind: PrinterFaultKind; at: number; fired: boolean }[];
  private readonly armed = new Map<PrinterFaultKind, number>();

  constructor(
    readonly spec: PrinterFaultSpec,
    seed: string | number,
  ) {
    this.rng = createRng(`printer-faults:${seed}`);
    this.scripted = spec.scripted.map((s) => ({ ...s, fired: false }));
  }

  /**
   * True when `kind` strikes at this opportunity; `n` is the card number (card kinds) or command number (link kinds).
   * A scripted fault fires once, at the first opportunity whose number reaches its own.
   */
  strikes(kind: PrinterFaultKind, n: number): boolean {
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
