"""History of a record's first arrival by merge (migration 0009_merge_history, issue 15).

Since written differently: one row per arrival group (`arrival = 2`), see xhht_desktop.db.history,
which describes both forms and reads them. What follows is what this migration set up, and how the
databases merged since it (until the arrival groups) keep their first arrivals.

A record that arrives by merge for the first time still gets its history rows - one per filled field
(or one `created` row for the wide tables), who, when, from which package and installation, old →
new - exactly as before. What changes is how they are found: they are written in a block of
consecutive `history.id`s marked `arrival = 1`, and the record row keeps the first id of that block
(`arrival_id`). The index on `history(record_uuid)` covers only the other rows (`arrival = 0`: every
change, every save on this machine). The UUID is random, so one index entry per field of each new
record landed on its own page of a multi-gigabyte index: at national scale that index was most of
what the merge wrote. Now a first arrival only appends (the history table grows at its end), and a
record's history is its indexed change rows plus the rows from its `arrival_id` on
(`xhht_desktop.db.history`).

The upgrade changes no row: existing history rows keep `arrival = 0` and stay indexed; existing
records have `arrival_id` NULL (their history is all in the index, as before).
"""

from __future__ import annotations

import sqlite_utils

# The synced tables whose records a merge creates (sync.tables.KNOWN_TABLES).
RECORD_TABLES = ("indicator_values", "period_status", "clc_centres", "clc_activities", "narratives")


def migrate(db: sqlite_utils.Database) -> None:
    conn = db.conn
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.execute("ALTER TABLE history ADD COLUMN arrival INTEGER NOT NULL DEFAULT 0")
    for table in RECORD_TABLES:
        if table in existing:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN arrival_id INTEGER")
    conn.execute("DROP INDEX IF EXISTS history_record")
    conn.execute("CREATE INDEX history_record ON history(record_uuid) WHERE arrival = 0")
