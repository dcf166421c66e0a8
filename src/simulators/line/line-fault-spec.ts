/**
 * The fault language of a whole simulated line:
 *
 *   SPEC   := ENTRY ("," ENTRY)*                 e.g. chip=0.02,jam=0.005,ribbon=0.001,mixup=0.002,feed=0.005
 *   ENTRY  := [TARGET "."] KIND ("=" RATE | "@" N)
 *   TARGET := handler | printers | chips | <a station id>
 *
 * Kinds, by the device that has them:
 * - handler: `feed` (a misfeed at the input feeder, per feed), `jam` (a card jams in transit, per move), `mixup` (a
 *   card is swapped with another card in transit, per transfer).
 * - chips of blanks, drawn once per blank when it is made: `chip` (any of write failure, tearing, dead, slow, each a
 *   quarter of the rate), `chip-write`, `chip-tear`, `chip-dead`, `chip-slow`, `chip-personalized`; `@N` gives
 *   the blank with serial N that fault.
 * - printers: every kind of the printer simulator (`feed`, `jam`/`jam-print`, `jam-insert`, `ribbon`, `cover`,
 *   `rejectfull`, `garble`, `silent`), with its own opportunities (printer/SIMULATOR.md).
 *
 * A kind without a target applies to every device that has it: `jam=0.01` jams cards in transit and at printer
 * heads, each at 1% of its own opportunities. `handler.jam=0.01` or `printer-1.jam=0.01` narrows it.
 */
import type { ChipFault, ChipFaultRates } from '../chip/faults';
import { faultKind, type PrinterFaultKind, type PrinterFaultSpec, PRINTER_FAULT_KINDS } from '../printer/fault-spec';
import { isPrinterKind, type SimulatedLineDescription } from './line-description';

/** The faults of the card handler. */
export const HANDLER_FAULT_KINDS = ['feed', 'jam', 'mixup'] as const;
/** One of {@link HANDLER_FAULT_KINDS}. */
export type HandlerFaultKind = (typeof HANDLER_FAULT_KINDS)[number];

/** The chip fault names of the spec, and the fault each gives. */
const CHIP_KINDS = {
  'chip-write': 'write-failure',
  'chip-tear': 'tearing',
  'chip-dead': 'dead',
  'chip-slow': 'slow',
  'chip-personalized': 'already-personalized',
} as const satisfies Record<string, ChipFault['kind']>;
type ChipSpecKind = keyof typeof CHIP_KINDS | 'chip';

/** One parsed entry. */
export interface LineFaultEntry {
  /** undefined: every device that has the kind. */
  target?: string;
  kind: string;
  rate?: number;
  at?: number;
}

/** A parsed spec (not yet checked against a line). */
export interface LineFaultSpec {
  text: string;
  entries: LineFaultEntry[];
}

/** The handler's share of a spec. */
export interface HandlerFaultSpec {
  rates: Partial<Record<HandlerFaultKind, number>>;
  /** `feed@N`: the Nth feed; `jam@N`: the Nth move; `mixup@N`: the Nth transfer. */
  scripted: { kind: HandlerFaultKind; at: number }[];
}

/** The chips' share: rates per blank, and faults given to particular serial numbers. */
export interface ChipFaultPlan {
  rates: ChipFaultRates;
  scripted: { kind: ChipFault['kind']; serial: number }[];
}

/** A spec resolved against a line: what each device gets. */
export interface ResolvedLineFaults {
  handler: HandlerFaultSpec;
  chips: ChipFaultPlan;
  /** By printer station id. */
  printers: Record<string, PrinterFaultSpec>;
}

/** A spec that does not parse or does not fit the line; the message names the entry. */
export class LineFaultSpecError extends Error {
  override name = 'LineFaultSpecError';
}

const GROUP_TARGETS = ['handler', 'printers', 'chips'];
const ALL_KINDS = [...new Set([...HANDLER_FAULT_KINDS, 'chip', ...Object.keys(CHIP_KINDS), ...PRINTER_FAULT_KINDS, 'jam'])];

/**
 * Parses a line fault spec; the empty string is "no faults".
 * @throws LineFaultSpecError naming the bad entry: its shape, an unknown kind, a rate outside 0-1, a count below 1
 */
export function parseLineFaultSpec(text: string): LineFaultSpec {
  const entries: LineFaultEntry[] = [];
  if (text.trim() === '') return { text, entries };
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') throw new LineFaultSpecError(`empty entry in fault spec "${text}" (entries are separated by single commas)`);
    const m = /^(?:([A-Za-z0-9_-]+)\.)?([a-z-]+)\s*([=@])\s*(.*)$/.exec(entry);
    if (m === null) throw new LineFaultSpecError(`fault entry "${entry}" must be [TARGET.]KIND=RATE or [TARGET.]KIND@N (kinds: ${ALL_KINDS.join(', ')})`);
    const [, target, kind, op, value] = m as unknown as [string, string | undefined, string, string, string];
    if (!ALL_KINDS.includes(kind)) throw new LineFaultSpecError(`unknown fault "${kind}" in "${entry}"; kinds: ${ALL_KINDS.join(', ')}`);
    if (op === '=') {
      const rate = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?$/i.test(value) ? Number(value) : NaN;
      if (!(rate >= 0 && rate <= 1)) throw new LineFaultSpecError(`rate in "${entry}" must be a number from 0 to 1`);
      entries.push({ ...(target === undefined ? {} : { target }), kind, rate });
    } else {
      if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new LineFaultSpecError(`"${entry}": the count must be a whole number from 1`);
      entries.push({ ...(target === undefined ? {} : { target }), kind, at: Number(value) });
    }
  }
  return { text, entries };
}

function isHandlerKind(kind: string): kind is HandlerFaultKind {
  return (HANDLER_FAULT_KINDS as readonly string[]).includes(kind);
}

function isChipKind(kind: string): kind is ChipSpecKind {
  return kind === 'chip' || kind in CHIP_KINDS;
}

/**
 * Splits a spec among the devices of a line.
 * @throws LineFaultSpecError for a target that is not on the line, a kind its target does not have, two rates for
 *   one kind of one device, `chip@N`, or chip rates adding up to more than 1
 */
export function resolveLineFaults(spec: LineFaultSpec | string, description: SimulatedLineDescription): ResolvedLineFaults {
  const parsed = typeof spec === 'string' ? parseLineFaultSpec(spec) : spec;
  const printerIds = description.stations.filter((s) => isPrinterKind(s.kind)).map((s) => s.id);
  const stationIds = description.stations.map((s) => s.id);
  const out: ResolvedLineFaults = {
    handler: { rates: {}, scripted: [] },
    chips: { rates: {}, scripted: [] },
    printers: Object.fromEntries(printerIds.map((id) => [id, { rates: {}, scripted: [] } as PrinterFaultSpec])),
  };
  for (const e of parsed.entries) {
    const label = `${e.target === undefined ? '' : `${e.target}.`}${e.kind}${e.rate !== undefined ? `=${e.rate}` : `@${e.at}`}`;
    const target = e.target;
    if (target !== undefined && !GROUP_TARGETS.includes(target) && !stationIds.includes(target)) {
      throw new LineFaultSpecError(`"${label}": no station "${target}" on this line; targets: ${[...GROUP_TARGETS, ...stationIds].join(', ')}`);
    }
    if (target !== undefined && stationIds.includes(target) && !printerIds.includes(target)) {
      throw new LineFaultSpecError(`"${label}": station "${target}" has no faults of its own; give encoder and QC faults through chips (chip=...)`);
    }
    let applied = false;
    if (isHandlerKind(e.kind) && (target === undefined || target === 'handler')) {
      addHandler(out.handler, e.kind, e, label);
      applied = true;
    }
    if (isChipKind(e.kind) && (target === undefined || target === 'chips')) {
      addChip(out.chips, e.kind, e, label);
      applied = true;
    }
    const printerKind = faultKind(e.kind);
    if (printerKind !== undefined && (target === undefined || target === 'printers' || printerIds.includes(target))) {
      const ids = target === undefined || target === 'printers' ? printerIds : [target];
      for (const id of ids) addPrinter(out.printers[id]!, printerKind, e, label);
      applied = applied || ids.length > 0;
    }
    if (!applied) {
      throw new LineFaultSpecError(`"${label}": ${target === undefined ? `no device on this line has fault "${e.kind}"` : `${target} has no fault "${e.kind}"`}`);
    }
  }
  const sum = Object.values(out.chips.rates).reduce((a, b) => a + (b ?? 0), 0);
  if (sum > 1 + 1e-12) throw new LineFaultSpecError(`chip fault rates add up to ${sum}, more than 1 (a blank has at most one chip fault)`);
  return out;
}

function addHandler(h: HandlerFaultSpec, kind: HandlerFaultKind, e: LineFaultEntry, label: string): void {
  if (e.rate !== undefined) {
    if (h.rates[kind] !== undefined) throw new LineFaultSpecError(`"${label}": the handler's ${kind} has two rates`);
    h.rates[kind] = e.rate;
  } else h.scripted.push({ kind, at: e.at! });
}

function addChip(c: ChipFaultPlan, kind: ChipSpecKind, e: LineFaultEntry, label: string): void {
  const rateKey: Record<ChipFault['kind'], keyof ChipFaultRates> = {
    'write-failure': 'writeFailure',
    tearing: 'tearing',
    dead: 'dead',
    slow: 'slow',
    'already-personalized': 'alreadyPersonalized',
  };
  if (e.at !== undefined) {
    if (kind === 'chip') throw new LineFaultSpecError(`"${label}": give the chip fault to put on blank ${e.at}: chip-write, chip-tear, chip-dead, chip-slow or chip-personalized`);
    c.scripted.push({ kind: CHIP_KINDS[kind], serial: e.at });
    return;
  }
  const kinds: ChipFault['kind'][] = kind === 'chip' ? ['write-failure', 'tearing', 'dead', 'slow'] : [CHIP_KINDS[kind]];
  const share = kind === 'chip' ? e.rate! / 4 : e.rate!;
  for (const k of kinds) {
    const key = rateKey[k];
    // `chip=` and a particular kind add up: chip=0.04,chip-dead=0.01 makes dead chips 0.02.
    c.rates[key] = (c.rates[key] ?? 0) + share;
  }
}

function addPrinter(p: PrinterFaultSpec, kind: PrinterFaultKind, e: LineFaultEntry, label: string): void {
  if (e.rate !== undefined) {
    if (p.rates[kind] !== undefined) throw new LineFaultSpecError(`"${label}": a printer's ${kind} has two rates`);
    p.rates[kind] = e.rate;
  } else p.scripted.push({ kind, at: e.at! });
}
