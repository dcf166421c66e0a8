/**
 * Version 1: orders and their records, cards (physical blanks), jobs (one per attempt at a card), device steps
 * (intent and outcome), stock movements, operators, runs, the data key check and the audit log.
 *
 * Constraints carry the rules the database itself can enforce, so that no bug in the code above can break
 * them: one good card per record, one active job per record and per card, a step outcome written once, a
 * spoiled card always with a reason, and an audit log that refuses UPDATE and DELETE.
 */
import type { Migration } from './migration';

/** Schema version 1 (see the module comment). */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      -- Which data key sealed this database's rows: a one-way fingerprint per key id, so a wrong key is refused
      -- at start-up instead of failing on the first record.
      CREATE TABLE data_keys (
        key_id      INTEGER PRIMARY KEY CHECK (key_id BETWEEN 1 AND 255),
        fingerprint TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE orders (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        product    TEXT,                       -- null: each record's product follows its issue date
        created_at TEXT NOT NULL,
        status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled'))
      ) STRICT;

      CREATE TABLE records (
        id             INTEGER PRIMARY KEY,
        uid            TEXT NOT NULL UNIQUE,   -- random; binds the sealed payload to this row (GCM AAD)
        order_id       INTEGER NOT NULL REFERENCES orders(id),
        seq            INTEGER NOT NULL CHECK (seq >= 1),     -- position in the order
        source_row     INTEGER NOT NULL,       -- record number in the imported file
        id_hash        TEXT NOT NULL,          -- HMAC-SHA-256 of the personal ID (crypto/keyring.ts)
        masked_id      TEXT NOT NULL,          -- 001******45
        product        TEXT NOT NULL,
        payload        BLOB NOT NULL,          -- sealed: the CitizenRecord JSON, expiry date and photo bytes
        status         TEXT NOT NULL DEFAULT 'queued'
                       CHECK (status IN ('queued', 'in-progress', 'produced', 'failed', 'held')),
        attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        failure_reason TEXT,
        good_card_id   TEXT REFERENCES cards(id),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        UNIQUE (order_id, seq),
        UNIQUE (order_id, id_hash),            -- one record per person per order
        CHECK ((status = 'produced') = (good_card_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX records_by_status ON records (status, order_id, seq);
      CREATE INDEX records_by_id_hash ON records (id_hash);

      CREATE TABLE runs (
        id         INTEGER PRIMARY KEY,
        order_id   INTEGER REFERENCES orders(id),
        config     TEXT NOT NULL DEFAULT '{}', -- JSON
        seed       TEXT,
        started_at TEXT NOT NULL,
        ended_at   TEXT,
        status     TEXT NOT NULL DEFAULT 'running'
                   CHECK (status IN ('running', 'completed', 'aborted', 'crashed')),
        summary    TEXT                        -- JSON: what the run measured (station figures, faults injected)
      ) STRICT;

      CREATE TABLE cards (
        id           TEXT PRIMARY KEY,         -- the blank's serial number
        chip_uid     TEXT,
        order_id     INTEGER REFERENCES orders(id),   -- the order the blank was issued for, if any
        state        TEXT NOT NULL
                     CHECK (state IN ('issued', 'in-process', 'good', 'spoiled', 'in-doubt', 'returned')),
        location     TEXT,
        record_id    INTEGER REFERENCES records(id),
        spoil_reason TEXT,
        issued_at    TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK (state <> 'spoiled' OR (spoil_reason IS NOT NULL AND spoil_reason <> '')),
        CHECK (state NOT IN ('in-process', 'good', 'in-doubt') OR record_id IS NOT NULL)
      ) STRICT;
      -- A record never yields two valid cards (DESIGN.md principle 2), whatever the code above does.
      CREATE UNIQUE INDEX cards_one_good_per_record ON cards (record_id) WHERE state = 'good';
      CREATE INDEX cards_by_state ON cards (state);
      CREATE INDEX cards_by_order ON cards (order_id, state);

      CREATE TABLE jobs (
        id         INTEGER PRIMARY KEY,
        record_id  INTEGER NOT NULL REFERENCES records(id),
        attempt    INTEGER NOT NULL CHECK (attempt >= 1),
        card_id    TEXT NOT NULL REFERENCES cards(id),
        run_id     INTEGER REFERENCES runs(id),
        state      TEXT NOT NULL
                   CHECK (state IN ('running', 'recovering', 'succeeded', 'failed', 'in-doubt')),
        phase      TEXT,                       -- the workflow's own state name, for operators
        reason     TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (record_id, attempt)
      ) STRICT;
      -- A record is on at most one blank at a time, and a blank serves at most one record at a time.
      CREATE UNIQUE INDEX jobs_one_active_per_record ON jobs (record_id)
        WHERE state IN ('running', 'recovering', 'in-doubt');
      CREATE UNIQUE INDEX jobs_one_active_per_card ON jobs (card_id)
        WHERE state IN ('running', 'recovering', 'in-doubt');
      CREATE INDEX jobs_by_state ON jobs (state);

      CREATE TABLE device_steps (
        id         INTEGER PRIMARY KEY,
        job_id     INTEGER NOT NULL REFERENCES jobs(id),
        card_id    TEXT REFERENCES cards(id),
        station    TEXT NOT NULL,
        step       TEXT NOT NULL,
        intent_at  TEXT NOT NULL,
        outcome_at TEXT,
        outcome    TEXT CHECK (outcome IN ('ok', 'failed')),
        detail     TEXT,                       -- JSON, never personal data
        CHECK ((outcome IS NULL) = (outcome_at IS NULL))
      ) STRICT;
      CREATE INDEX device_steps_by_job ON device_steps (job_id);
      CREATE INDEX device_steps_open ON device_steps (job_id) WHERE outcome IS NULL;
      -- Steps are evidence for recovery and audit: an outcome is written once and steps are never deleted.
      CREATE TRIGGER device_steps_outcome_once BEFORE UPDATE ON device_steps
        WHEN OLD.outcome IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'device step outcome already recorded'); END;
      CREATE TRIGGER device_steps_no_delete BEFORE DELETE ON device_steps
        BEGIN SELECT RAISE(ABORT, 'device steps are never deleted'); END;

      CREATE TABLE stock_movements (
        id       INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind IN ('issue', 'load', 'unload', 'good', 'spoil', 'doubt', 'resume', 'return')),
        card_id  TEXT NOT NULL REFERENCES cards(id),
        order_id INTEGER REFERENCES orders(id),      -- copied from the card: the ledger per order needs no join
        quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
        reason   TEXT,
        actor    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX stock_movements_by_card ON stock_movements (card_id);
      CREATE INDEX stock_movements_by_order ON stock_movements (order_id, kind);
      CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
        BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
      CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
        BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;

      CREATE TABLE operators (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        role          TEXT NOT NULL CHECK (role IN ('operator', 'qa', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        disabled_at   TEXT
      ) STRICT;

      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        object    TEXT,
        outcome   TEXT NOT NULL CHECK (outcome IN ('ok', 'partial', 'refused', 'failed')),
        detail    TEXT NOT NULL,               -- canonical JSON
        origin    TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
