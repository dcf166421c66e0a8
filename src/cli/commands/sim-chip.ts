/**
 * `cardline sim chip --vpcd [HOST:PORT]`: virtual chip cards in a real pcscd. Cards go into the vpcd reader
 * one after another (a fresh blank each time) and stay until the host has finished with them: by default
 * two sessions, `chip personalize` then `chip verify`. One line per card event; runs until interrupted
 * (SIGINT, SIGTERM: the card in the reader is taken out cleanly) or until `--count` cards went through.
 */
import { randomInt } from 'node:crypto';
import { Option, InvalidArgumentError, type Command } from 'commander';
import { bytesToHex } from '../../identity/bac/bytes';
import type { ChipFault } from '../../simulators/chip/faults';
import { VirtualChip } from '../../simulators/chip/virtual-chip';
import { VPCD_BRIDGE_DEFAULTS, VpcdUnavailableError } from '../../simulators/chip/vpcd-bridge';
import { type VpcdFeederEvent, feedCardsThroughVpcd } from '../../simulators/chip/vpcd-card-feeder';
import { InputError, UsageError } from '../cli-errors';
import { positiveInteger } from '../options';

/** The faults `--fault` offers. */
export const SIM_CHIP_FAULTS = ['dead', 'slow', 'already-personalized', 'write-fail', 'tear'] as const;
/** One of {@link SIM_CHIP_FAULTS}. */
export type SimChipFault = (typeof SIM_CHIP_FAULTS)[number];

/** Where vpcd listens. */
export interface VpcdAddress {
  host: string;
  port: number;
}

/** Parses `HOST:PORT` or `PORT` (host 127.0.0.1); commander reports a bad value as a usage error. */
export function parseVpcdAddress(value: string): VpcdAddress {
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(value.trim());
  const port = m === null ? NaN : Number(m[2]);
  if (m === null || port < 1 || port > 65535) throw new InvalidArgumentError(`"${value}" is not HOST:PORT (e.g. 127.0.0.1:35963)`);
  return { host: m[1] === undefined || m[1] === '' ? VPCD_BRIDGE_DEFAULTS.host : m[1], port };
}

/** The chip fault for `--fault`, with the byte position or delay given. */
export function chipFaultFor(kind: SimChipFault | undefined, atByte: number, slowMs: number): ChipFault[] {
  switch (kind) {
    case undefined:
      return [];
    case 'dead':
      return [{ kind: 'dead' }];
    case 'slow':
      return [{ kind: 'slow', delayMs: slowMs }];
    case 'already-personalized':
      return [{ kind: 'already-personalized' }];
    case 'write-fail':
      return [{ kind: 'write-failure', atByte }];
    case 'tear':
      return [{ kind: 'tearing', atByte }];
  }
}

interface SimChipOptions {
  /** `true` when given without a value. */
  vpcd?: VpcdAddress | true;
  seed?: string;
  fault?: SimChipFault;
  faultAt: number;
  slowMs: number;
  count?: number;
  sessions: number;
  waitVpcd: number;
  json?: boolean;
}

/** Registers `chip` under the `sim` command. */
export function registerSimChip(sim: Command): void {
  sim
    .command('chip')
    .description('insert virtual chip cards into pcscd through the vpcd driver, one after another, until interrupted')
    .option(
      '--vpcd [host:port]',
      `attach to vpcd (default ${VPCD_BRIDGE_DEFAULTS.host}:${VPCD_BRIDGE_DEFAULTS.port}, reader "Virtual PCD 00 00"; port 35964 is "00 01")`,
      parseVpcdAddress,
    )
    .option('--seed <seed>', 'seed of the chips (UIDs, challenges): the same seed gives the same cards (default: random, printed)')
    .addOption(new Option('--fault <kind>', 'give every card this fault').choices(SIM_CHIP_FAULTS))
    .option('--fault-at <byte>', 'for write-fail and tear: the position in the written byte stream where it strikes', positiveInteger(1_000_000), 1000)
    .option('--slow-ms <ms>', 'for slow: how late each answer comes', positiveInteger(600_000), 10_000)
    .option('--count <n>', 'stop after this many cards (default: until interrupted)', positiveInteger(1_000_000))
    .option('--sessions <n>', 'host sessions after which a card leaves the reader (personalize, then verify)', positiveInteger(100), 2)
    .option('--wait-vpcd <ms>', 'how long to keep trying to reach vpcd (pcscd starting)', positiveInteger(3_600_000), VPCD_BRIDGE_DEFAULTS.connectWithinMs)
    .option('--json', 'print one JSON object per event (NDJSON)')
    .action((opts: SimChipOptions) => runSimChip(opts));
}

async function runSimChip(opts: SimChipOptions): Promise<void> {
  if (opts.vpcd === undefined) throw new UsageError('sim chip needs a transport: --vpcd [host:port]');
  const address = opts.vpcd === true ? { host: VPCD_BRIDGE_DEFAULTS.host, port: VPCD_BRIDGE_DEFAULTS.port } : opts.vpcd;
  const seed = opts.seed ?? String(randomInt(1, 2 ** 31));
  if (opts.seed === undefined) process.stderr.write(`cardline sim chip: seed ${seed}\n`);
  const faults = chipFaultFor(opts.fault, opts.faultAt, opts.slowMs);
  const chips = new Map<number, VirtualChip>();
  const where = `${address.host}:${address.port}`;

  const print = (card: number, text: string, event: Record<string, unknown>): void => {
    process.stdout.write(opts.json ? `${JSON.stringify({ card, ...event })}\n` : `card ${card}: ${text}\n`);
  };
  const onEvent = (e: VpcdFeederEvent): void => {
    const chip = chips.get(e.card);
    switch (e.kind) {
      case 'inserted': {
        const uid = chip === undefined ? '' : bytesToHex(chip.uid);
        print(e.card, `inserted into vpcd ${where} (uid ${uid}, fault ${opts.fault ?? 'none'})`, { event: 'inserted', vpcd: where, uid, fault: opts.fault ?? null });
        break;
      }
      case 'powered':
        print(e.card, e.mute ? 'power on: no answer to reset (dead chip)' : 'powered on', { event: 'powered', mute: e.mute });
        break;
      case 'session-ended': {
        const snap = chip?.inspect();
        const state = snap === undefined ? '' : `, ${snap.locked ? 'locked' : 'not locked'}, ${snap.files.length} files`;
        print(e.card, `session ${e.session} ended: ${e.apdus} APDUs${state}`, { event: 'session-ended', session: e.session, apdus: e.apdus, locked: snap?.locked ?? null });
        break;
      }
      case 'reattaching':
        print(e.card, `vpcd dropped the card; attaching it again (attempt ${e.attempt})`, { event: 'reattaching', attempt: e.attempt });
        break;
      case 'card-error':
        print(e.card, `chip error: ${e.message}`, { event: 'card-error', message: e.message });
        break;
      case 'removed':
        print(e.card, `removed (${e.reason})`, { event: 'removed', reason: e.reason });
        chips.delete(e.card);
        break;
    }
  };

  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const summary = await feedCardsThroughVpcd({
      host: address.host,
      port: address.port,
      connectWithinMs: opts.waitVpcd,
      count: opts.count ?? Number.POSITIVE_INFINITY,
      sessionsPerCard: opts.sessions,
      signal: controller.signal,
      makeCard: (index) => {
        const chip = new VirtualChip({ seed: `${seed}/${index}`, faults });
        chips.set(index, chip);
        return chip;
      },
      onEvent,
    });
    const text = `${summary.inserted} card(s) inserted, ${summary.done} done${controller.signal.aborted ? ' (interrupted)' : ''}`;
    process.stderr.write(`cardline sim chip: ${text}\n`);
  } catch (e) {
    if (e instanceof VpcdUnavailableError) throw new InputError(e.message);
    throw e;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
