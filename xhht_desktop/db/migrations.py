"""Numbered schema migrations (sqlite-utils `Migrations`). Never edit a released migration:
add a new one at the end. PRAGMA user_version mirrors the number applied."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations as _SqliteUtilsMigrations


class Migrations(_SqliteUtilsMigrations):
    """sqlite-utils' Migrations, whose list of applied migrations (read at every open, by
    `open_database`'s checks) is read with plain SQL, and whose `apply` returns at once when
    nothing is pending: sqlite-utils' own go through its Table API, which imports sqlite-utils'
    Database (xhht_desktop.db.database). Applying pending migrations is sqlite-utils' own."""

    def apply(self, db: sqlite_utils.Database, *, stop_before=None) -> None:
        if stop_before is None and not self.pending(db) and self._table_is_current(db):
            return  # what sqlite-utils' apply would do: nothing
        super().apply(db, stop_before=stop_before)

    def _table_is_current(self, db: sqlite_utils.Database) -> bool:
        """The migrations table has sqlite-utils' current shape (primary key `id`): its apply
        would not transform it."""
        columns = db.conn.execute(f"PRAGMA table_info([{self.migrations_table}])").fetchall()
        return [c[1] for c in sorted((c for c in columns if c[5]), key=lambda c: c[5])] == ["id"]

    def applied(self, db: sqlite_utils.Database) -> list[_SqliteUtilsMigrations._AppliedMigration]:
        conn = db.conn
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (self.migrations_table,)).fetchone() is None:
            return []
        return [self._AppliedMigration(name=name, applied_at=applied_at) for name, applied_at in conn.execute(
            f"SELECT name, applied_at FROM [{self.migrations_table}] WHERE migration_set = ? ORDER BY rowid",
            (self.name,))]


MIGRATIONS = Migrations("xhht")


@MIGRATIONS(name="0001_foundation")
def m0001_foundation(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE TABLE indicators (
            code TEXT PRIMARY KEY,
            grp INTEGER NOT NULL,
            name_vi TEXT NOT NULL,
            name_en TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('rate','flag','count','trend')),
            levels TEXT NOT NULL,
            numerator_vi TEXT NOT NULL DEFAULT '',
            denominator_vi TEXT NOT NULL DEFAULT '',
            periodicity TEXT NOT NULL,
            target_2015 REAL,
            target_2020 REAL,
            target_op TEXT,
            breakdowns TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            plan_ref TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            name_folded TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('tinh','huyen','xa')),
            type_label TEXT NOT NULL DEFAULT '',
            valid_from TEXT NOT NULL,
            valid_to TEXT
        );
        CREATE INDEX units_code ON units(code);
        CREATE TABLE unit_parents (
            unit_id INTEGER NOT NULL REFERENCES units(id),
            parent_id INTEGER NOT NULL REFERENCES units(id),
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            PRIMARY KEY (unit_id, valid_from)
        );
        CREATE INDEX unit_parents_parent ON unit_parents(parent_id);
        CREATE TABLE unit_lineage (
            predecessor_id INTEGER NOT NULL REFERENCES units(id),
            successor_id INTEGER NOT NULL REFERENCES units(id),
            effective TEXT NOT NULL,
            PRIMARY KEY (predecessor_id, successor_id)
        );
        CREATE TABLE indicator_values (
            uuid TEXT PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            period TEXT NOT NULL,
            indicator TEXT NOT NULL REFERENCES indicators(code),
            breakdown TEXT NOT NULL DEFAULT '',
            numerator INTEGER,
            denominator INTEGER,
            value INTEGER,
            comment TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            base_revision INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (unit_id, period, indicator, breakdown)
        );
        CREATE INDEX indicator_values_period ON indicator_values(period, indicator);
        CREATE TABLE period_status (
            uuid TEXT PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            period TEXT NOT NULL,
            complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0,1)),
            revision INTEGER NOT NULL DEFAULT 1,
            base_revision INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (unit_id, period)
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            record_uuid TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            revision INTEGER NOT NULL,
            changed_at TEXT NOT NULL,
            changed_by TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX history_record ON history(record_uuid);
        """
    )


# Feature migrations, in order. Each lives in its own module so that work on one feature does
# not touch another's schema. A new migration gets the next number and goes at the end.
from xhht_desktop.db import schema_clc, schema_narrative, schema_programmes, schema_sync  # noqa: E402

MIGRATIONS(name="0002_clc")(schema_clc.migrate)
MIGRATIONS(name="0003_sync")(schema_sync.migrate)
MIGRATIONS(name="0004_programmes")(schema_programmes.migrate)
from xhht_desktop.db import schema_units  # noqa: E402

MIGRATIONS(name="0005_units_time")(schema_units.migrate)
# (0006 was reserved for a branch that did not need it; the number stays unused.)
MIGRATIONS(name="0007_narrative")(schema_narrative.migrate)
from xhht_desktop.db import schema_returns  # noqa: E402

MIGRATIONS(name="0008_returns")(schema_returns.migrate)
from xhht_desktop.db import schema_history  # noqa: E402

MIGRATIONS(name="0009_merge_history")(schema_history.migrate)
from xhht_desktop.db import schema_reference_rows  # noqa: E402

MIGRATIONS(name="0010_reference_rows")(schema_reference_rows.migrate)
from xhht_desktop.db import schema_returns_more  # noqa: E402

MIGRATIONS(name="0011_returns_more")(schema_returns_more.migrate)


def _names() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]


def schema_version() -> int:
    """The number of migrations this version of the app knows."""
    return len(_names())


def applied_names(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]


def current_version(db: sqlite_utils.Database) -> int:
    return db.conn.execute("PRAGMA user_version").fetchone()[0]


def unknown_applied(db: sqlite_utils.Database) -> list[str]:
    known = set(_names())
    return [name for name in applied_names(db) if name not in known]


def pending(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.pending(db)]


def apply(db: sqlite_utils.Database) -> None:
    MIGRATIONS.apply(db)
    version = len(applied_names(db))
    if current_version(db) != version:
        db.conn.execute(f"PRAGMA user_version={int(version)}")
