/**
 * The simulator's console: one operator (or QA) command per line, as typed on the simulator process's stdin, and
 * the line it prints back. Kept apart from the CLI so tests drive exactly what a person types.
 */
import { faultKind, PRINTER_FAULT_KINDS } from './fault-spec';
import type { PrinterSimulator } from './printer-simulator';

/** The commands, for `help` and error messages. */
export const OPERATOR_COMMANDS = [
  'refill [N]',
  'clear-jam',
  'replace-ribbon [PANELS]',
  'open-cover',
  'close-cover',
  'empty-reject',
  'clean',
  'status',
  'fault KIND',
  'help',
] as const;

/** What a console line did. */
export interface ConsoleResult {
  ok: boolean;
  text: string;
}

function count(arg: string | undefined, what: string, max: number): number | string | undefined {
  if (arg === undefined) return undefined;
  if (!/^\d{1,9}$/.test(arg) || Number(arg) > max) return `${what} must be a whole number from 0 to ${max}, got "${arg}"`;
  return Number(arg);
}

/** Runs one console line against the simulator. Blank lines and `#` comments do nothing (ok, empty text). */
export function runConsoleLine(sim: PrinterSimulator, line: string): ConsoleResult {
  const words = line.trim().split(/\s+/);
  const [command = '', arg, extra] = words;
  if (command === '' || command.startsWith('#')) return { ok: true, text: '' };
  const op = sim.operator;
  const bad = (text: string): ConsoleResult => ({ ok: false, text: `${command}: ${text}` });
  if (extra !== undefined) return bad(`too many arguments; commands: ${OPERATOR_COMMANDS.join(', ')}`);
  switch (command) {
    case 'refill': {
      const n = count(arg, 'the number of cards', 1_000_000);
      return typeof n === 'string' ? bad(n) : { ok: true, text: op.refill(n) };
    }
    case 'replace-ribbon': {
      const n = count(arg, 'the number of panels', 100_000);
      return typeof n === 'string' ? bad(n) : { ok: true, text: op.replaceRibbon(n) };
    }
    case 'clear-jam':
    case 'open-cover':
    case 'close-cover':
    case 'empty-reject':
    case 'clean':
    case 'status':
    case 'help': {
      if (arg !== undefined) return bad('takes no argument');
      const actions: Record<string, () => string> = {
        'clear-jam': () => op.clearJam(),
        'open-cover': () => op.openCover(),
        'close-cover': () => op.closeCover(),
        'empty-reject': () => op.emptyReject(),
        clean: () => op.clean(),
        status: () => op.status(),
        help: () => `help: ${OPERATOR_COMMANDS.join(', ')}; fault kinds: ${PRINTER_FAULT_KINDS.join(', ')}`,
      };
      return { ok: true, text: actions[command]!() };
    }
    case 'fault': {
      const kind = arg === undefined ? undefined : faultKind(arg);
      if (kind === undefined) return bad(`give a fault kind: ${PRINTER_FAULT_KINDS.join(', ')}`);
      sim.armFault(kind);
      return { ok: true, text: `fault: ${kind} armed for its next opportunity` };
    }
    default:
      return { ok: false, text: `unknown command "${command}"; commands: ${OPERATOR_COMMANDS.join(', ')}` };
  }
}
