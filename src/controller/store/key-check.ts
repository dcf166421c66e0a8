/**
 * Recognising the data key a database was sealed under. The first time a key is used with a database, its
 * one-way fingerprint (crypto/keyring.ts) is stored in data_keys; afterwards a key whose fingerprint differs is
 * refused at once, with a message that says so, instead of every record failing to open later (or, worse, new
 * records being sealed under a second key nobody will keep).
 */
import { DataKeyError, type DataKeyring } from '../crypto';
import { audit, type StoreContext } from './store-context';

/** Checks `keyring`'s current key against the database, registering it on first use (audited). */
export function checkDataKey(ctx: StoreContext, keyring: DataKeyring): void {
  const fingerprint = keyring.fingerprint()!;
  const row = ctx.sql('SELECT fingerprint FROM data_keys WHERE key_id = ?').get(keyring.currentId) as
    | { fingerprint: string }
    | undefined;
  if (row === undefined) {
    const sealed = (ctx.sql('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    if (sealed > 0) {
      throw new DataKeyError(
        `this database holds ${sealed} records sealed under another data key (no key ${keyring.currentId} is registered): ` +
          'set CARDLINE_DATA_KEY, or restore the data.key file, that the database was created with',
      );
    }
    ctx.sql('INSERT INTO data_keys (key_id, fingerprint, created_at) VALUES (?, ?, ?)').run(
      keyring.currentId,
      fingerprint,
      ctx.at(),
    );
    audit(ctx, { action: 'data-key.register', object: `data-key:${keyring.currentId}`, detail: { fingerprint } });
    return;
  }
  if (row.fingerprint !== fingerprint) {
    throw new DataKeyError(
      `the data key does not match the one this database was sealed with (key ${keyring.currentId}, fingerprint ` +
        `${row.fingerprint.slice(0, 8)}..., given ${fingerprint.slice(0, 8)}...): check CARDLINE_DATA_KEY or the data.key file`,
    );
  }
}
