"""Migration 0011_returns_more (issue 11, continued): the e-mail address each installation announces in
its packages (`manifest.contact_email`, sync/contact.py), kept at the Department per (signing key
fingerprint, unit) so the "Gửi cho các đơn vị" e-mail text is addressed to it. The installation's own
address lives in `meta` (contact_email) like its official's name; an upgrade adds no row."""

from __future__ import annotations

import sqlite_utils

_TABLES = (
    """CREATE TABLE installation_contacts (
        fingerprint TEXT NOT NULL,
        unit_key TEXT NOT NULL,
        email TEXT NOT NULL,             -- '' when the installation said it has none
        package_uuid TEXT NOT NULL,      -- the package that announced it
        package_created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (fingerprint, unit_key)
    )""",
)


def migrate(db: sqlite_utils.Database) -> None:
    for sql in _TABLES:
        db.conn.execute(sql)
