"""Schema of the community learning centre (TTHTCĐ) and its activity log (migration 0002).

Both tables are sync-ready like `indicator_values`: a UUID per record, a revision bumped on every
change (base_revision = the revision it was made from), who/where/when, and tombstones
(`deleted` = 1) instead of physical deletes. Every change is also written to `history`.

No CHECK on category/format codes: a newer version (or a sync package from one) may know more of
them, and a CHECK could only be widened by rebuilding the table. The application validates them.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE clc_centres (
            uuid TEXT PRIMARY KEY,
            unit_id INTEGER NOT NULL UNIQUE REFERENCES units(id),
            name TEXT NOT NULL DEFAULT '',
            director TEXT NOT NULL DEFAULT '',
            decision_no TEXT NOT NULL DEFAULT '',
            decision_date TEXT,
            combined_culture INTEGER CHECK (combined_culture IN (0, 1)),
            branches TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            base_revision INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
        );
        CREATE TABLE clc_activities (
            uuid TEXT PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            date TEXT NOT NULL,
            end_date TEXT,
            title TEXT NOT NULL,
            category TEXT NOT NULL,
            format TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            sessions INTEGER NOT NULL CHECK (sessions >= 0),
            partner TEXT NOT NULL DEFAULT '',
            visits INTEGER NOT NULL CHECK (visits >= 0),
            women INTEGER CHECK (women >= 0),
            ethnic_minority INTEGER CHECK (ethnic_minority >= 0),
            rural_workers INTEGER CHECK (rural_workers >= 0),
            learners INTEGER CHECK (learners >= 0),
            rural_workers_new INTEGER CHECK (rural_workers_new >= 0),
            cost INTEGER CHECK (cost >= 0),
            funding TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            revision INTEGER NOT NULL DEFAULT 1,
            base_revision INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT '',
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
        );
        CREATE INDEX clc_activities_unit_date ON clc_activities(unit_id, date);
        """
    )
