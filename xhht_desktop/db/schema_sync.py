"""Schema of sync: exported and received packages, sending installations, held packages, conflicts
(migration 0003).

Keys live in `meta` (see xhht_desktop/sync/keys.py). Units are referred to by `units.key` in the
tables that mirror what a package said, and by `units.id` where only local data is concerned.
"""

from __future__ import annotations

import sqlite_utils


def migrate(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        -- Packages this installation made (commune, district). `history_id` is the last history
        -- row the package covers: the next "since the last export" starts after it.
        CREATE TABLE sync_exports (
            package_uuid TEXT PRIMARY KEY,
            sequence INTEGER NOT NULL UNIQUE,
            previous_uuid TEXT,
            created_at TEXT NOT NULL,
            full INTEGER NOT NULL DEFAULT 0,
            history_id INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            file_size INTEGER NOT NULL,
            file_sha256 TEXT NOT NULL,
            counts TEXT NOT NULL,      -- JSON {table: records}
            periods TEXT NOT NULL,     -- JSON [period codes]
            recipients TEXT NOT NULL,  -- JSON [fingerprints]
            created_by TEXT NOT NULL DEFAULT ''
        );

        -- Installations that sent packages to this Department, one row per (key, unit).
        CREATE TABLE sync_installations (
            fingerprint TEXT NOT NULL,
            unit_key TEXT NOT NULL,
            public_key TEXT NOT NULL,
            installation_id TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            official TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('pending','confirmed','revoked')),
            first_seen TEXT NOT NULL,
            status_changed_at TEXT,
            status_changed_by TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (fingerprint, unit_key)
        );
        CREATE INDEX sync_installations_id ON sync_installations(installation_id);

        -- Packages merged here (imported; duplicates are not recorded twice).
        CREATE TABLE sync_imports (
            package_uuid TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            installation_id TEXT NOT NULL,
            unit_key TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            previous_uuid TEXT,
            full INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            received_by TEXT NOT NULL DEFAULT '',
            file_name TEXT NOT NULL DEFAULT '',
            file_sha256 TEXT NOT NULL,
            counts TEXT NOT NULL,       -- JSON {new, updated, unchanged, older, conflicts}
            catalogue_version TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX sync_imports_installation ON sync_imports(fingerprint, sequence);

        -- Which unit-periods each imported package brought, with the time the sender made it:
        -- the completeness view reads "received" and "late" from here.
        CREATE TABLE sync_import_periods (
            package_uuid TEXT NOT NULL REFERENCES sync_imports(package_uuid),
            unit_key TEXT NOT NULL,
            period TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (package_uuid, unit_key, period)
        );
        CREATE INDEX sync_import_periods_unit ON sync_import_periods(unit_key, period);

        -- Packages from an installation not yet confirmed: kept whole (still encrypted) until the
        -- Department confirms the fingerprint, then applied.
        CREATE TABLE sync_held (
            package_uuid TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            unit_key TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            periods TEXT NOT NULL,      -- JSON [period codes]
            data BLOB NOT NULL
        );
        CREATE INDEX sync_held_installation ON sync_held(fingerprint, unit_key);

        -- Two versions of one record made independently: both kept, the Department chooses.
        CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            record_uuid TEXT NOT NULL,
            unit_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open','resolved')),
            local_origin TEXT NOT NULL,
            local_revision INTEGER NOT NULL,
            local_data TEXT NOT NULL,     -- JSON of the record as stored here when the conflict arose
            incoming_origin TEXT NOT NULL,
            incoming_revision INTEGER NOT NULL,
            incoming_data TEXT NOT NULL,  -- JSON of the record the package brought
            package_uuid TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            resolved_at TEXT,
            resolved_by TEXT NOT NULL DEFAULT '',
            choice TEXT CHECK (choice IN ('local','incoming'))
        );
        CREATE INDEX sync_conflicts_record ON sync_conflicts(record_uuid);
        CREATE INDEX sync_conflicts_status ON sync_conflicts(status);
        """
    )
