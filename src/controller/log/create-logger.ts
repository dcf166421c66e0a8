/**
 * The structured logger: pino, JSON lines to a file or stderr, with personal data kept out (DESIGN.md
 * principle 7). Three layers, because a log line is written once and read by many:
 *
 * 1. every logged object goes through crypto/scrub.ts: record fields other than the personal ID are dropped,
 *    the personal ID masked (`001******45`), bytes replaced by their length, 12-digit runs in strings masked;
 * 2. pino's redact paths name the record fields at the top level and one level down, in case an object reaches
 *    pino by another route (child bindings, a future serializer);
 * 3. the finished line is masked for 12-digit runs just before it is written, which covers the message, its
 *    format arguments and an error's message that pino copies into `msg`.
 */
import pino, { type Logger, type LevelWithSilent } from 'pino';
import { RECORD_FIELDS } from '../../identity/record';
import { maskPersonalId, maskPersonalIdsInText, REMOVED, scrubPersonalData } from '../crypto';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** A file to append JSON lines to (its folder is created), or `stderr` (default). */
  destination?: string;
  /** Minimum level (default `info`, or `LOG_LEVEL` from the environment). */
  level?: LevelWithSilent;
  /** Logger name, written as `name` on every line. */
  name?: string;
  /**
   * Write each line before the call returns (default true): a control system's log is evidence, and the lines
   * just before a crash are the ones needed. The line rate is a few hundred per second at most.
   */
  sync?: boolean;
}

/** pino redact paths: the record's fields at the top level and one level down (`record.fullName`). */
export const REDACT_PATHS: readonly string[] = RECORD_FIELDS.flatMap((f) => [f, `*.${f}`]);

function censor(value: unknown, path: string[]): unknown {
  return path[path.length - 1] === 'personalId' && typeof value === 'string' ? maskPersonalId(value) : REMOVED;
}

/** A pino logger that never writes personal data in clear. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const sync = opts.sync ?? true;
  const destination =
    opts.destination === undefined || opts.destination === 'stderr'
      ? pino.destination({ fd: 2, sync })
      : pino.destination({ dest: opts.destination, mkdir: true, sync, append: true });
  const level = opts.level ?? (process.env.LOG_LEVEL as LevelWithSilent | undefined) ?? 'info';
  return pino(
    {
      level,
      ...(opts.name === undefined ? {} : { name: opts.name }),
      redact: { paths: [...REDACT_PATHS], censor },
      formatters: {
        log: (obj) => scrubPersonalData(obj) as Record<string, unknown>,
        bindings: (bindings) => scrubPersonalData(bindings) as Record<string, unknown>,
      },
      // Errors were already turned into masked plain objects by the scrub; pino's own serializer would rename them.
      serializers: { err: (e: unknown) => e },
      hooks: { streamWrite: (line) => maskPersonalIdsInText(line) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
