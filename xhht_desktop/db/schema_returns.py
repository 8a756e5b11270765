"""Schema of the Department's way back (migration 0008_returns): reference updates, receipts and
correction requests (issue 11).

* `reference_updates` — at the Department, every update published (`direction` = 'published', the
  signed file kept whole); at an installation, every update applied ('applied'). The version only grows.
* `receipts` — at the Department, the receipts written per installation ('sent'); at an installation,
  the receipts opened ('applied'), their number only growing per Department key.
* `receipt_keys` — at the Department, the age recipient each installation announced in its packages
  (`manifest.receipt_recipient`), per (signing key fingerprint, unit): receipts are encrypted to it.
* `package_acks` — at an installation, which of its packages the Department says it received, when,
  and with which verdict.
* `correction_requests` — the same request on both sides (its uuid travels): the Department's mark on
  a figure (unit, period, indicator) or a learning-centre activity, with its note, the commune's reply
  and whether it is closed.
* `province_figures` — at an installation, the province's figures a receipt brought, for comparison.

Every installation gets its own age key pair (kept in `meta` under META_RECEIPT_IDENTITY, like its
signing key; receipts are encrypted to it): made by `init`, and for a database upgraded to this schema by
its first package after the upgrade, which carries its public part. (Not in the migration itself: an
upgrade changes no existing row, and the upgrade tests compare `meta` row for row.)
"""

from __future__ import annotations

import sqlite_utils

META_RECEIPT_IDENTITY = "sync_receipt_identity"

_TABLES = (
    """CREATE TABLE reference_updates (
        version INTEGER NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('published','applied')),
        created_at TEXT NOT NULL,
        signer TEXT NOT NULL,            -- fingerprint of the Department's signing key
        file_sha256 TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}',  -- JSON counts of what it carries / changed
        at TEXT NOT NULL,                -- published or applied at
        by TEXT NOT NULL DEFAULT '',
        data BLOB,                       -- the signed file (published ones)
        PRIMARY KEY (direction, version)
    )""",
    """CREATE TABLE receipts (
        id INTEGER PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('sent','applied')),
        number INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,       -- the installation's signing key
        unit_key TEXT NOT NULL,
        signer TEXT NOT NULL,            -- the Department's signing key
        created_at TEXT NOT NULL,
        at TEXT NOT NULL,
        file_name TEXT NOT NULL DEFAULT '',
        file_sha256 TEXT NOT NULL
    )""",
    "CREATE INDEX receipts_installation ON receipts(fingerprint, unit_key, number)",
    """CREATE TABLE receipt_keys (
        fingerprint TEXT NOT NULL,
        unit_key TEXT NOT NULL,
        recipient TEXT NOT NULL,
        package_uuid TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (fingerprint, unit_key)
    )""",
    """CREATE TABLE package_acks (
        package_uuid TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL,
        status TEXT NOT NULL,
        received_at TEXT NOT NULL,       -- when the Department merged it
        receipt_number INTEGER NOT NULL,
        acknowledged_at TEXT NOT NULL    -- when the receipt was applied here
    )""",
    """CREATE TABLE correction_requests (
        uuid TEXT PRIMARY KEY,
        unit_key TEXT NOT NULL,
        period TEXT NOT NULL,
        indicator TEXT NOT NULL DEFAULT '',
        activity_uuid TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open','answered','sent','closed')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        reply TEXT NOT NULL DEFAULT '',
        replied_at TEXT,
        closed_at TEXT,
        closed_how TEXT NOT NULL DEFAULT '',   -- 'reply' | 'figure' | ''
        package_uuid TEXT NOT NULL DEFAULT ''  -- the package that carried the answer
    )""",
    "CREATE INDEX correction_requests_unit ON correction_requests(unit_key, period, status)",
    """CREATE TABLE province_figures (
        period TEXT NOT NULL,
        indicator TEXT NOT NULL,
        breakdown TEXT NOT NULL DEFAULT '',
        value REAL,
        numerator INTEGER,
        denominator INTEGER,
        units_reported INTEGER,
        receipt_number INTEGER NOT NULL,
        PRIMARY KEY (period, indicator, breakdown)
    )""",
)


def migrate(db: sqlite_utils.Database) -> None:
    for sql in _TABLES:
        db.conn.execute(sql)
