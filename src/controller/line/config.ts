/**
 * Line configuration: which stations the line has, how each device is reached, and the run's policies. JSON files
 * are validated with zod and every problem is reported with its path (`stations[2].printer.path: required`), so a
 * typo never starts a half-configured line. Two topologies are built in (see {@link builtinLineConfig}).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** How the line reaches a printer. */
const printerTransport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('simulated') }).strict(),
  z.object({ type: z.literal('simulated-pty') }).strict(),
  z.object({ type: z.literal('serial'), path: z.string().min(1), baudRate: z.number().int().positive().default(115200) }).strict(),
]);

/** How the line reaches a chip encoder (a PC/SC reader at a contact station). */
const readerTransport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('simulated') }).strict(),
  z.object({ type: z.literal('simulated-vpcd'), port: z.number().int().min(1).max(65535), host: z.string().default('127.0.0.1') }).strict(),
  z.object({ type: z.literal('pcsc'), reader: z.string().min(1) }).strict(),
]);

/** How the line reaches a QR scanner. */
const scannerTransport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('simulated') }).strict(),
  z.object({
    type: z.literal('hid'),
    vendorId: z.number().int().min(0).max(0xffff),
    productId: z.number().int().min(0).max(0xffff),
    mode: z.enum(['hid-pos', 'keyboard-wedge']).default('hid-pos'),
  }).strict(),
]);

const stationId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lowercase letters, digits and "-", starting with a letter');

/** A desktop printer with its own contact encoder (workstation topology). */
const printerEncoder = z.object({ id: stationId, kind: z.literal('printer-encoder'), printer: printerTransport, reader: readerTransport }).strict();
/** A stand-alone chip encoder module (industrial topology). */
const encoder = z.object({ id: stationId, kind: z.literal('encoder'), reader: readerTransport }).strict();
/** A printer module fed by the line's transport (industrial topology). */
const printer = z.object({ id: stationId, kind: z.literal('printer'), printer: printerTransport }).strict();
/** A quality-control station: chip read-back and QR scan. */
const qc = z.object({ id: stationId, kind: z.literal('qc'), reader: readerTransport, scanner: scannerTransport }).strict();

const station = z.discriminatedUnion('kind', [printerEncoder, encoder, printer, qc]);

/** The line configuration schema. */
export const lineConfigSchema = z
  .object({
    name: z.string().min(1).max(64),
    topology: z.enum(['workstation', 'industrial']),
    stations: z.array(station).min(1),
    /** Blanks loaded into the line's input (each desktop printer's feeder, or the industrial feeder). */
    blanksPerFeeder: z.number().int().min(1).max(100_000).default(500),
    /** Cards a record may spoil before it fails. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /**
     * What the printer lays down: `full` prints the whole face in colour (YMCKO); `variable` assumes card bodies
     * pre-printed with the artwork and prints only the variable data's machine-readable part in black resin (the
     * QR code), which is what simulated virtual-time runs use to stay fast.
     */
    printContent: z.enum(['full', 'variable']).default('full'),
    /** Records prepared ahead of the line (chip images, panels), per station. */
    lookaheadPerStation: z.number().int().min(1).max(64).default(3),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.stations.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['stations', i, 'id'], message: `duplicate station id "${s.id}"` });
      seen.add(s.id);
    });
    const kinds = new Set(cfg.stations.map((s) => s.kind));
    const need = (kind: string, why: string) => {
      if (!kinds.has(kind as never)) ctx.addIssue({ code: 'custom', path: ['stations'], message: `a ${cfg.topology} line needs at least one "${kind}" station (${why})` });
    };
    if (cfg.topology === 'workstation') {
      need('printer-encoder', 'desktop printers with their own encoders');
      for (const [i, s] of cfg.stations.entries()) {
        if (s.kind === 'encoder' || s.kind === 'printer') {
          ctx.addIssue({ code: 'custom', path: ['stations', i, 'kind'], message: `"${s.kind}" stations belong to the industrial topology` });
        }
      }
    } else {
      need('encoder', 'chip encoder modules');
      need('printer', 'printer modules');
      for (const [i, s] of cfg.stations.entries()) {
        if (s.kind === 'printer-encoder') ctx.addIssue({ code: 'custom', path: ['stations', i, 'kind'], message: '"printer-encoder" stations belong to the workstation topology' });
      }
    }
    need('qc', 'every card is checked before it leaves the line');
  });

/** A validated line configuration. */
export type LineConfig = z.infer<typeof lineConfigSchema>;
/** One station of a {@link LineConfig}. */
export type StationConfig = LineConfig['stations'][number];
/** A station kind. */
export type StationKind = StationConfig['kind'];

/** Names of the built-in configurations. */
export const BUILTIN_LINES = ['workstation', 'industrial'] as const;

/**
 * The two built-in simulated lines:
 * - `workstation`: two desktop printers, each with its own contact encoder, and one QC station;
 * - `industrial`: a feeder, twelve encoder modules in parallel, four printer modules, two QC stations, an output
 *   stacker that re-sequences cards into order sequence, and a reject box.
 */
export function builtinLineConfig(name: (typeof BUILTIN_LINES)[number]): LineConfig {
  const sim = { type: 'simulated' } as const;
  if (name === 'workstation') {
    return lineConfigSchema.parse({
      name,
      topology: 'workstation',
      stations: [
        { id: 'printer-1', kind: 'printer-encoder', printer: sim, reader: sim },
        { id: 'printer-2', kind: 'printer-encoder', printer: sim, reader: sim },
        { id: 'qc-1', kind: 'qc', reader: sim, scanner: sim },
      ],
    });
  }
  const stations: unknown[] = [];
  for (let i = 1; i <= 12; i++) stations.push({ id: `encoder-${i}`, kind: 'encoder', reader: sim });
  for (let i = 1; i <= 4; i++) stations.push({ id: `printer-${i}`, kind: 'printer', printer: sim });
  for (let i = 1; i <= 2; i++) stations.push({ id: `qc-${i}`, kind: 'qc', reader: sim, scanner: sim });
  return lineConfigSchema.parse({ name, topology: 'industrial', stations, blanksPerFeeder: 20_000 });
}

/** A configuration file that is not valid: every problem with its path. */
export class LineConfigError extends Error {
  override readonly name = 'LineConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid line configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Parses a configuration object (from a file or the API), reporting every problem with its path. */
export function parseLineConfig(value: unknown, source = 'configuration'): LineConfig {
  const result = lineConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? formatPath(i.path) : '(top level)'}: ${i.message}`);
  throw new LineConfigError(source, problems);
}

/** Loads `workstation`, `industrial` or a JSON file. */
export function loadLineConfig(nameOrFile: string): LineConfig {
  if ((BUILTIN_LINES as readonly string[]).includes(nameOrFile)) return builtinLineConfig(nameOrFile as (typeof BUILTIN_LINES)[number]);
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (e) {
    throw new LineConfigError(nameOrFile, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}); built-in lines are ${BUILTIN_LINES.join(', ')}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LineConfigError(nameOrFile, [`not valid JSON: ${(e as Error).message}`]);
  }
  return parseLineConfig(json, nameOrFile);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** True when every device of the line is simulated in memory (the line can run in virtual time). */
export function isFullySimulated(cfg: LineConfig): boolean {
  return cfg.stations.every((s) => Object.values(s).every((v) => typeof v !== 'object' || v === null || (v as { type?: string }).type === 'simulated'));
}
