"""Schema of the reference rows the Department edits (migration 0010_reference_rows, issue 11).

* `indicators` gains `source` ('catalogue' as shipped; 'department' once the Department adds or
  corrects the row — a refresh from resources never overwrites a 'department' row, as for targets),
  `updated_at`, `updated_by`, `note`.
* `agencies` — the provincial agencies in time (resources/catalogue/agencies.csv is the seed, one row
  per (agency, successor) there), keyed by (name, valid_from), with the successors of an abolished one
  as a JSON list and the same `source` rule.
* `reference_stamp` — one row whose `stamp` changes (a random value, never repeated, also after a
  rollback) whenever a row of `indicators`, `indicator_targets` or `agencies` is written: triggers keep
  it, so a catalogue loaded from the database (db/reference.py `catalogue_in_db`) is rebuilt when, and
  only when, that database's reference rows changed — whoever wrote them.

The statements run one by one inside the migration's transaction. No existing row changes here (the
refresh at the next open writes the agencies).
"""

from __future__ import annotations

import sqlite_utils

_STATEMENTS = (
    "ALTER TABLE indicators ADD COLUMN source TEXT NOT NULL DEFAULT 'catalogue'",
    "ALTER TABLE indicators ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE indicators ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE indicators ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE agencies (
        name TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        short TEXT NOT NULL DEFAULT '',
        name_en TEXT NOT NULL DEFAULT '',
        valid_to TEXT,
        successors TEXT NOT NULL DEFAULT '[]',  -- JSON [[successor's name, "topic;topic"], …] (abolished one)
        note TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT 'catalogue',
        updated_at TEXT NOT NULL DEFAULT '',
        updated_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (name, valid_from)
    )""",
    """CREATE TABLE reference_stamp (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stamp TEXT NOT NULL
    )""",
    "INSERT INTO reference_stamp (id, stamp) VALUES (1, lower(hex(randomblob(8))))",
)


def _triggers() -> list[str]:
    out = []
    for table in ("indicators", "indicator_targets", "agencies"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            out.append(f"CREATE TRIGGER reference_stamp_{table}_{event.lower()} AFTER {event} ON {table} "
                       "BEGIN UPDATE reference_stamp SET stamp = lower(hex(randomblob(8))) WHERE id = 1; END")
    return out


def migrate(db: sqlite_utils.Database) -> None:
    conn = db.conn
    for sql in (*_STATEMENTS, *_triggers()):
        conn.execute(sql)
    conn.execute("DELETE FROM meta WHERE key='reference_hash'")  # the next open writes the agencies
