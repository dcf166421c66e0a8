/**
 * The `--faults` language of the printer simulator:
 *
 *   SPEC  := ENTRY ("," ENTRY)*            e.g. feed=0.01,jam=0.005,jam-insert@3,garble@12
 *   ENTRY := KIND "=" RATE                 probability at each opportunity, 0..1
 *          | KIND "@" N                    once, at the Nth card (card kinds) or Nth command (link kinds), N >= 1
 *
 * Card kinds count cards in the order the printer picks them from its feeder (1 = the first card of the run):
 * feed (pick failure: the feeder reports empty), jam-insert (the card jams on its way to the contact station),
 * jam-print (it jams at the print head; `jam` is the same), ribbon (the ribbon ends as the card is printed), cover
 * (the cover is found open when the card is to be picked), rejectfull (the reject box reports full when the card is
 * to be picked). Link kinds count command frames received (1 = the first command of the run): garble (the reply
 * comes back corrupted), silent (no reply at all; the command is still carried out).
 */

/** The faults the simulator can inject. */
export const PRINTER_FAULT_KINDS = ['feed', 'jam-insert', 'jam-print', 'ribbon', 'cover', 'rejectfull', 'garble', 'silent'] as const;
/** One of {@link PRINTER_FAULT_KINDS}. */
export type PrinterFaultKind = (typeof PRINTER_FAULT_KINDS)[number];

/** Other names accepted in a spec. */
const ALIASES: Readonly<Record<string, PrinterFaultKind>> = { jam: 'jam-print' };

/** Kinds counted in commands rather than cards. */
export const LINK_FAULT_KINDS: readonly PrinterFaultKind[] = ['garble', 'silent'];

/** A parsed spec. */
export interface PrinterFaultSpec {
  /** Probability per opportunity, by kind. */
  rates: Partial<Record<PrinterFaultKind, number>>;
  /** One-off faults: at card (or command) number `at`. */
  scripted: { kind: PrinterFaultKind; at: number }[];
}

/** A spec that does not parse; the message quotes the entry and says what is expected. */
export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const KNOWN = [...PRINTER_FAULT_KINDS, ...Object.keys(ALIASES)].join(', ');

/** True for a kind counted in commands. */
export function isLinkFault(kind: PrinterFaultKind): boolean {
  return LINK_FAULT_KINDS.includes(kind);
}

/** Resolves a kind name or alias. */
export function faultKind(name: string): PrinterFaultKind | undefined {
  return (PRINTER_FAULT_KINDS as readonly string[]).includes(name) ? (name as PrinterFaultKind) : ALIASES[name];
}

/**
 * Parses a spec; the empty string is "no faults".
 * @throws FaultSpecError naming the bad entry
 */
export function parseFaultSpec(text: string): PrinterFaultSpec {
  const spec: PrinterFaultSpec = { rates: {}, scripted: [] };
  if (text.trim() === '') return spec;
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') throw new FaultSpecError(`empty entry in fault spec "${text}" (entries are separated by single commas)`);
    const m = /^([a-z-]+)\s*([=@])\s*(.*)$/.exec(entry);
    if (m === null) throw new FaultSpecError(`fault entry "${entry}" must be KIND=RATE or KIND@N (known kinds: ${KNOWN})`);
    const [, name, op, value] = m as unknown as [string, string, string, string];
    const kind = faultKind(name);
    if (kind === undefined) throw new FaultSpecError(`unknown fault "${name}" in "${entry}"; known kinds: ${KNOWN}`);
    if (op === '=') {
      const rate = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?$/i.test(value) ? Number(value) : NaN;
      if (!(rate >= 0 && rate <= 1)) throw new FaultSpecError(`rate in "${entry}" must be a number from 0 to 1`);
      if (spec.rates[kind] !== undefined) throw new FaultSpecError(`fault "${name}" has two rates`);
      spec.rates[kind] = rate;
    } else {
      const unit = isLinkFault(kind) ? 'command' : 'card';
      if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new FaultSpecError(`"${entry}": the ${unit} number must be a whole number from 1`);
      spec.scripted.push({ kind, at: Number(value) });
    }
  }
  return spec;
}

/** The spec as text again (for the simulator's start-up line). */
export function formatFaultSpec(spec: PrinterFaultSpec): string {
  const parts = [
    ...Object.entries(spec.rates).map(([k, r]) => `${k}=${r}`),
    ...spec.scripted.map((s) => `${s.kind}@${s.at}`),
  ];
  return parts.length === 0 ? 'none' : parts.join(',');
}
