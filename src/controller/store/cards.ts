/**
 * Cards: the physical blanks, and the ledger movements that every change of their state writes. A card's state
 * is the current view; stock_movements is the append-only history the ledger is checked against.
 */
import { audit, type StoreContext } from './store-context';
import { getOrderById } from './orders';
import { StoreError } from './store-error';
import { toCard, type SqlRow } from './row-mapping';
import type { CardRow, CardState } from './types';

/** A change of a card's state, named as its stock movement. */
export type CardEvent = 'load' | 'unload' | 'good' | 'spoil' | 'doubt' | 'resume' | 'return';

/** Allowed transitions: the states an event applies to and the state it leads to. */
export const CARD_TRANSITIONS: Readonly<Record<CardEvent, { from: readonly CardState[]; to: CardState }>> = {
  // A blank is bound (tentatively) to a record when it enters a job.
  load: { from: ['issued'], to: 'in-process' },
  // The job ended before any device touched the card: it goes back to the line's stock unbound.
  unload: { from: ['in-process'], to: 'issued' },
  good: { from: ['in-process', 'in-doubt'], to: 'good' },
  // A blank may also be spoiled before use (damaged in the hopper, misfed).
  spoil: { from: ['issued', 'in-process', 'in-doubt'], to: 'spoiled' },
  doubt: { from: ['in-process'], to: 'in-doubt' },
  // A person checked a card in doubt and found the step had gone well: it goes on through the line.
  resume: { from: ['in-doubt'], to: 'in-process' },
  return: { from: ['issued'], to: 'returned' },
};

/** The state each movement kind leaves a card in (kind `issue` creates the card). */
export const STATE_AFTER_MOVEMENT: Readonly<Record<CardEvent | 'issue', CardState>> = {
  issue: 'issued',
  ...(Object.fromEntries(Object.entries(CARD_TRANSITIONS).map(([k, t]) => [k, t.to])) as Record<CardEvent, CardState>),
};

/** Longest card serial accepted. */
export const MAX_CARD_ID = 64;

/** The card with serial `id`; throws not-found. */
export function getCard(ctx: StoreContext, id: string): CardRow {
  const row = ctx.sql('SELECT * FROM cards WHERE id = ?').get(id) as SqlRow | undefined;
  if (row === undefined) throw new StoreError('not-found', `no card with serial "${id}"`);
  return toCard(row);
}

function insertMovement(
  ctx: StoreContext,
  kind: CardEvent | 'issue',
  card: { id: string; orderId: number | null },
  reason: string | null,
  actor: string,
): void {
  ctx
    .sql('INSERT INTO stock_movements (at, kind, card_id, order_id, quantity, reason, actor) VALUES (?, ?, ?, ?, 1, ?, ?)')
    .run(ctx.at(), kind, card.id, card.orderId, reason, actor);
}

/** A blank handed to the line. */
export interface IssueCard {
  /** The blank's serial number. */
  id: string;
  chipUid?: string;
  /** The order it is issued for, if the vault issues per order. */
  orderId?: number;
  location?: string;
}

/** Registers blanks issued to the line, each with an `issue` movement; throws conflict for a known serial. */
export function issueCards(ctx: StoreContext, cards: readonly IssueCard[], actor: string): CardRow[] {
  const at = ctx.at();
  const insert = ctx.sql(
    `INSERT INTO cards (id, chip_uid, order_id, state, location, issued_at, updated_at)
     VALUES (?, ?, ?, 'issued', ?, ?, ?)`,
  );
  const exists = ctx.sql('SELECT 1 FROM cards WHERE id = ?');
  for (const c of cards) {
    if (c.id.trim() === '' || c.id.length > MAX_CARD_ID || /[\u0000-\u001f\u007f]/.test(c.id)) {
      throw new StoreError('invalid-argument', `a card serial is 1 to ${MAX_CARD_ID} printable characters`);
    }
    if (exists.get(c.id) !== undefined) throw new StoreError('conflict', `card "${c.id}" was already issued`);
    if (c.orderId !== undefined) getOrderById(ctx, c.orderId);
    insert.run(c.id, c.chipUid ?? null, c.orderId ?? null, c.location ?? null, at, at);
    insertMovement(ctx, 'issue', { id: c.id, orderId: c.orderId ?? null }, null, actor);
  }
  return cards.map((c) => getCard(ctx, c.id));
}

/**
 * Issues blanks that were returned (the unused blanks of a finished order) again, for `orderId`: each gets a new
 * `issue` movement for its new order. The returned order keeps its `return` movement, so both orders' ledgers
 * balance. Throws invalid-state for a card that is not returned.
 */
export function reissueCards(ctx: StoreContext, ids: readonly string[], orderId: number | null, location: string | null, actor: string): CardRow[] {
  if (orderId !== null) getOrderById(ctx, orderId);
  const at = ctx.at();
  for (const id of ids) {
    const card = getCard(ctx, id);
    if (card.state !== 'returned') throw new StoreError('invalid-state', `card "${id}" is ${card.state}: only a returned blank can be issued again`);
    ctx.sql("UPDATE cards SET state = 'issued', order_id = ?, record_id = NULL, location = ?, updated_at = ? WHERE id = ?").run(orderId, location, at, id);
    insertMovement(ctx, 'issue', { id, orderId }, 'issued again after its return', actor);
  }
  return ids.map((id) => getCard(ctx, id));
}

/** Options of {@link applyCardEvent}. */
export interface CardEventOptions {
  /** For `load`: the record the card is bound to. */
  recordId?: number;
  /** Required for `spoil`; recorded with the movement for every event. */
  reason?: string;
  location?: string;
  actor: string;
}

/**
 * Moves a card through `event` (checked against {@link CARD_TRANSITIONS}) and writes the movement. A second
 * good card for one record is refused by the database (unique index) and reported as a conflict.
 */
export function applyCardEvent(ctx: StoreContext, cardId: string, event: CardEvent, opts: CardEventOptions): CardRow {
  const card = getCard(ctx, cardId);
  const transition = CARD_TRANSITIONS[event];
  if (!transition.from.includes(card.state)) {
    throw new StoreError('invalid-state', `card "${cardId}" is ${card.state}: "${event}" applies to ${transition.from.join(' or ')} cards`);
  }
  const reason = opts.reason?.trim() || null;
  if (event === 'spoil' && reason === null) throw new StoreError('invalid-argument', 'a spoiled card needs a reason');
  if (event === 'load' && opts.recordId === undefined) throw new StoreError('invalid-argument', 'loading a card needs a record');
  const recordId = event === 'load' ? opts.recordId! : event === 'unload' || (event === 'spoil' && card.state === 'issued') ? null : card.recordId;
  try {
    ctx
      .sql('UPDATE cards SET state = ?, record_id = ?, spoil_reason = ?, location = ?, updated_at = ? WHERE id = ?')
      .run(
        transition.to,
        recordId,
        event === 'spoil' ? reason : card.spoilReason,
        opts.location ?? card.location,
        ctx.at(),
        cardId,
      );
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new StoreError('conflict', `record ${card.recordId} already has a good card: card "${cardId}" cannot be good too`);
    }
    throw error;
  }
  insertMovement(ctx, event, card, reason, opts.actor);
  if (event === 'spoil' || event === 'doubt' || event === 'resume' || event === 'return') {
    audit(ctx, {
      actor: opts.actor,
      action: `card.${event}`,
      object: `card:${cardId}`,
      detail: { from: card.state, to: transition.to, record: recordId, reason },
    });
  }
  return getCard(ctx, cardId);
}

/** Records where a card is (no ledger effect). */
export function setCardLocation(ctx: StoreContext, cardId: string, location: string | null): CardRow {
  getCard(ctx, cardId);
  ctx.sql('UPDATE cards SET location = ?, updated_at = ? WHERE id = ?').run(location, ctx.at(), cardId);
  return getCard(ctx, cardId);
}
