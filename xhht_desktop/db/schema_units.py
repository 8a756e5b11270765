"""Schema of units in time (migration 0005_units_time).

- `unit_lineage.is_default`: 1 when the successor inherits the predecessor's history; 0 for the other
  successors of a divided commune (Xã Trà Bùi -> Xã Cà Đam inherits, Xã Tây Trà Bồng does not).
- `unit_changes`: later changes of the map brought in by `units import FILE`. The shipped reference
  data is rewritten at startup when the app changes; these rows are replayed after it every time, so
  a refresh never wipes them.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE unit_lineage ADD COLUMN is_default INTEGER NOT NULL DEFAULT 1
            CHECK (is_default IN (0, 1));
        CREATE TABLE unit_changes (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            type_label TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('tinh','huyen','xa')),
            valid_from TEXT NOT NULL,
            predecessors TEXT NOT NULL DEFAULT '',   -- predecessor keys, ';'-separated
            parent TEXT NOT NULL DEFAULT '',         -- parent key ('' = none)
            imported_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            UNIQUE (code, valid_from)
        );
        """
    )
