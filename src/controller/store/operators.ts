/** The people who sign in to the console: name, role and password hash (never the password). */
import { audit, type StoreContext } from './store-context';
import { StoreError } from './store-error';

/** An operator account. */
export interface OperatorRow {
  id: number;
  name: string;
  role: 'operator' | 'qa' | 'supervisor' | 'admin';
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._ -]{0,62}[\p{L}\p{N}]$/u;

interface Row {
  id: number;
  name: string;
  role: OperatorRow['role'];
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

function toOperator(r: Row): OperatorRow {
  return { id: r.id, name: r.name, role: r.role, passwordHash: r.password_hash, createdAt: r.created_at, disabledAt: r.disabled_at };
}

/** Adds an account; throws conflict for a name that exists, invalid-argument for a bad name. Audited. */
export function addOperator(ctx: StoreContext, o: { name: string; role: OperatorRow['role']; passwordHash: string }, actor: string): OperatorRow {
  const name = o.name.normalize('NFC').trim();
  if (!NAME.test(name)) throw new StoreError('invalid-argument', 'an operator name is 2 to 64 letters, digits, ".", "_", "-" or spaces, starting and ending with a letter or digit');
  if (ctx.sql('SELECT 1 FROM operators WHERE name = ?').get(name) !== undefined) throw new StoreError('conflict', `an operator named "${name}" exists`);
  const info = ctx
    .sql('INSERT INTO operators (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(name, o.role, o.passwordHash, ctx.at());
  audit(ctx, { actor, action: 'operator.add', object: `operator:${name}`, detail: { role: o.role } });
  return getOperator(ctx, Number(info.lastInsertRowid));
}

/** The account with id `id`; throws not-found. */
export function getOperator(ctx: StoreContext, id: number): OperatorRow {
  const r = ctx.sql('SELECT * FROM operators WHERE id = ?').get(id) as Row | undefined;
  if (r === undefined) throw new StoreError('not-found', `no operator with id ${id}`);
  return toOperator(r);
}

/** The account named `name`, if any. */
export function findOperator(ctx: StoreContext, name: string): OperatorRow | undefined {
  const r = ctx.sql('SELECT * FROM operators WHERE name = ?').get(name.normalize('NFC').trim()) as Row | undefined;
  return r === undefined ? undefined : toOperator(r);
}

/** Every account, by name. */
export function listOperators(ctx: StoreContext): OperatorRow[] {
  return (ctx.sql('SELECT * FROM operators ORDER BY name').all() as Row[]).map(toOperator);
}
