/**
 * A simulated encoder slot fed with virtual cards through vpcd: cards are inserted one after another, each
 * stays in the reader until the host has finished with it, then the next comes. What "finished" means is
 * counted in host sessions: a session is a power cycle of the card in which the host sent at least one APDU
 * (pcscd powers the card for each new connection after the previous one powered it down). The default of
 * two fits the production order, `chip personalize` (session 1) then `chip verify` (session 2).
 *
 * A card that leaves by itself (tearing) is replaced by the next. A card that vpcd drops (pcscd restarted)
 * is still physically in the slot, so it is attached again, a bounded number of times.
 */
import { type VpcdBridgeOptions, type VpcdCard, type VpcdRemovalReason, VpcdBridge } from './vpcd-bridge';

/** What the feeder reports, one event per thing an operator would notice. */
export type VpcdFeederEvent =
  | { kind: 'inserted'; card: number }
  | { kind: 'powered'; card: number; mute: boolean }
  | { kind: 'session-ended'; card: number; session: number; apdus: number }
  | { kind: 'reattaching'; card: number; attempt: number }
  | { kind: 'card-error'; card: number; message: string }
  | { kind: 'removed'; card: number; reason: 'done' | 'stopped' | Exclude<VpcdRemovalReason, 'closed'> };

/** Why a card left the feeder's reader. */
type RemovalReason = Extract<VpcdFeederEvent, { kind: 'removed' }>['reason'];

/** Options of {@link feedCardsThroughVpcd}. */
export interface VpcdFeederOptions extends Omit<VpcdBridgeOptions, 'onEvent' | 'signal'> {
  /** Cards to feed (at least 1; `Infinity` feeds until `signal` aborts). */
  count: number;
  /** The card for slot position `index` (1-based). */
  makeCard: (index: number) => VpcdCard;
  /** Host sessions after which a card leaves the reader. Default 2. */
  sessionsPerCard?: number;
  /** How often one card may be re-attached after vpcd dropped it. Default 5. */
  maxReattach?: number;
  /** Stops feeding: the card in the reader is taken out, no further card comes. */
  signal?: AbortSignal;
  onEvent?: (event: VpcdFeederEvent) => void;
}

/** What a feeding run did. */
export interface VpcdFeederSummary {
  /** Cards inserted. */
  inserted: number;
  /** Cards that left after their sessions. */
  done: number;
}

/**
 * Feeds `count` cards through the vpcd reader at `host:port`. Resolves when all cards went through or
 * `signal` aborted; rejects with `VpcdUnavailableError` when vpcd cannot be reached.
 */
export async function feedCardsThroughVpcd(options: VpcdFeederOptions): Promise<VpcdFeederSummary> {
  const sessionsPerCard = options.sessionsPerCard ?? 2;
  const maxReattach = options.maxReattach ?? 5;
  const emit = options.onEvent ?? (() => undefined);
  const signal = options.signal;
  const { host, port, connectWithinMs, initialBackoffMs, maxBackoffMs } = options;
  const bridgeOptions = Object.fromEntries(
    Object.entries({ host, port, connectWithinMs, initialBackoffMs, maxBackoffMs }).filter(([, v]) => v !== undefined),
  ) as Omit<VpcdBridgeOptions, 'onEvent' | 'signal'>;
  const summary: VpcdFeederSummary = { inserted: 0, done: 0 };
  const count = options.count;
  if (!(count === Number.POSITIVE_INFINITY || (Number.isInteger(count) && count >= 1))) {
    throw new RangeError(`count must be a positive integer or Infinity, got ${count}`);
  }

  for (let index = 1; index <= options.count && !signal?.aborted; index++) {
    const card = options.makeCard(index);
    let sessions = 0;
    let apdus = 0;
    let finished = false;
    let reason: RemovalReason = 'stopped';
    let inserted = false;
    for (let attempt = 0; ; attempt++) {
      let bridge: VpcdBridge;
      try {
        bridge = await VpcdBridge.attach(card, {
          ...bridgeOptions,
          ...(signal === undefined ? {} : { signal }),
          onEvent: (e) => {
            if (e.kind === 'apdu') apdus++;
            else if (e.kind === 'card-error') emit({ kind: 'card-error', card: index, message: e.message });
            else if (e.kind === 'power-on' || e.kind === 'power-off') {
              if (apdus > 0) {
                sessions++;
                emit({ kind: 'session-ended', card: index, session: sessions, apdus });
                apdus = 0;
                if (sessions >= sessionsPerCard) {
                  finished = true;
                  void bridge.close();
                  return;
                }
              }
              if (e.kind === 'power-on') emit({ kind: 'powered', card: index, mute: e.mute });
            }
          },
        });
      } catch (e) {
        if (signal?.aborted) break;
        throw e;
      }
      if (!inserted) {
        inserted = true;
        summary.inserted++;
        emit({ kind: 'inserted', card: index });
      }
      const ended = await bridge.removed;
      if (finished) {
        reason = 'done';
        summary.done++;
        break;
      }
      if (signal?.aborted || ended === 'closed') {
        reason = 'stopped';
        break;
      }
      if (ended === 'vpcd-closed' && attempt < maxReattach) {
        emit({ kind: 'reattaching', card: index, attempt: attempt + 1 });
        continue;
      }
      reason = ended;
      break;
    }
    if (inserted) emit({ kind: 'removed', card: index, reason });
  }
  return summary;
}
