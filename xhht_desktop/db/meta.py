"""Installation settings kept in the `meta` table (role, unit, official, preferences)."""

from __future__ import annotations

import sqlite_utils


def get(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row and row[0] is not None else default


def set_many(db: sqlite_utils.Database, values: dict[str, str | None]) -> None:
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            list(values.items()),
        )


def put(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    set_many(db, {key: value})
