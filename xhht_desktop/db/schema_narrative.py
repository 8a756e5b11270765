"""Schema of the written sections of a report (migration 0007): "Đánh giá chung", "Tồn tại, hạn
chế", "Kiến nghị, đề xuất", "Phương hướng" — what a person says about the figures, per unit, period
and section (xhht_desktop.reports.narrative). The sync columns are those of every synced table, so
the sections travel in packages to the Department like the figures.
"""

from __future__ import annotations

import sqlite_utils

_STATEMENTS = (
    """CREATE TABLE narratives (
        uuid TEXT PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id),
        period TEXT NOT NULL,
        section TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1,
        base_revision INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        UNIQUE (unit_id, period, section)
    )""",
)


def migrate(db: sqlite_utils.Database) -> None:
    for statement in _STATEMENTS:
        db.conn.execute(statement)
