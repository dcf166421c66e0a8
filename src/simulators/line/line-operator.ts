/**
 * What people at a simulated line do, station by station: load blanks into the input feeder, clear jams, change
 * ribbons, close covers, empty reject boxes. The console and tests call it; each action returns the line it prints.
 * An action a station does not have is refused with {@link LineOperatorError}, never silently ignored.
 */
import type { PrinterSimulator } from '../printer/printer-simulator';
import type { SimulatedStationKind } from './line-description';
import type { SimulatedCardHandler } from './simulated-card-handler';

/** An operator action that does not apply: unknown station, or an action the station does not have. */
export class LineOperatorError extends Error {
  override name = 'LineOperatorError';
}

/** What the operator needs to know of a station. */
export interface OperatedStation {
  id: string;
  kind: SimulatedStationKind;
  printer?: PrinterSimulator;
}

/** The operator's actions on one line; see the module comment. */
export class LineOperator {
  constructor(
    private readonly handler: SimulatedCardHandler,
    private readonly stations: ReadonlyMap<string, OperatedStation>,
  ) {}

  /** Loads blanks into the line's input feeder (default: fill it). */
  loadBlanks(count?: number): string {
    return this.handler.loadBlanks(count);
  }

  /** Clears a jam: `handler` (default) or a printer station. The jammed card leaves the line, spoiled. */
  clearJam(station = 'handler'): string {
    if (station === 'handler') return this.handler.clearJam();
    return this.printer(station, 'clear-jam').operator.clearJam();
  }

  /** Takes the card inside a printer station out by hand (destroyed after a decision); other stations: nothing. */
  takeOut(station: string): string {
    const s = this.station(station);
    if (s.printer === undefined) return `take-out: ${station} is a ${s.kind} station; take its card out by hand`;
    return s.printer.operator.takeCardOut();
  }

  /** Empties a reject box: `reject` (default, the line's) or a printer station's own. */
  emptyRejectBox(station = 'reject'): string {
    if (station === 'reject') return this.handler.emptyRejectBox();
    return this.printer(station, 'empty-reject').operator.emptyReject();
  }

  /**
   * Reseats a printer's feeder stack (clears a pick failure). No cards are added: on a line, the handler fills
   * printers' feeders from the input feeder.
   */
  refill(station: string): string {
    return this.printer(station, 'refill').operator.refill(0);
  }

  /** Puts a new ribbon in a printer (default: the size it started with). */
  replaceRibbon(station: string, panels?: number): string {
    return this.printer(station, 'replace-ribbon').operator.replaceRibbon(panels);
  }

  openCover(station: string): string {
    return this.printer(station, 'open-cover').operator.openCover();
  }

  closeCover(station: string): string {
    return this.printer(station, 'close-cover').operator.closeCover();
  }

  /** Cleans a printer. */
  clean(station: string): string {
    return this.printer(station, 'clean').operator.clean();
  }

  /** What a person would see at a station, or at every device of the line when none is named. */
  status(station?: string): string {
    if (station === undefined) return [this.handler.status(), ...[...this.stations.keys()].map((id) => this.status(id))].join('\n');
    if (station === 'handler') return this.handler.status();
    const s = this.station(station);
    if (s.printer !== undefined) return `${s.id}: ${s.printer.operator.status()}`;
    return `${s.id}: ${s.kind} station`;
  }

  private station(id: string): OperatedStation {
    const s = this.stations.get(id);
    if (s === undefined) throw new LineOperatorError(`no station "${id}" on this line; stations: handler, ${[...this.stations.keys()].join(', ')}`);
    return s;
  }

  private printer(id: string, action: string): PrinterSimulator {
    const s = this.station(id);
    if (s.printer === undefined) throw new LineOperatorError(`${action}: station "${id}" is a ${s.kind} station, it has no printer`);
    return s.printer;
  }
}
