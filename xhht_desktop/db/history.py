"""Reading a record's history (migration 0009_merge_history: see xhht_desktop.db.schema_history).

A record's history rows are its indexed rows (`history.arrival = 0`: changes and saves, found by
`record_uuid` through the partial index `history_record`) and, if it first arrived by merge, the block
of rows of that arrival: ids from the record's `arrival_id` on, `arrival = 1`, same `record_uuid`
(at most MAX_ARRIVAL_ROWS). Both together are exactly the rows the record always had; read them
here rather than with `WHERE record_uuid = ?` alone, which cannot use the partial index.
"""

from __future__ import annotations

import sqlite_utils

MAX_ARRIVAL_ROWS = 64

HISTORY_COLUMNS = ("id", "table_name", "record_uuid", "field", "old_value", "new_value", "revision", "changed_at",
                   "changed_by", "origin", "source")


def record_rows_sql(record_table: str, columns: str) -> str:
    """SELECT `columns` (of history aliased h) of one record (parameters: uuid, uuid), ordered by id.
    `record_table` is a synced table's name from the code, never from outside."""
    return (f"""SELECT {columns} FROM history h WHERE h.record_uuid = ? AND h.arrival = 0
                UNION ALL
                SELECT {columns} FROM {record_table} t JOIN history h
                    ON h.id >= t.arrival_id AND h.id < t.arrival_id + {MAX_ARRIVAL_ROWS}
                WHERE t.uuid = ? AND h.record_uuid = t.uuid AND h.arrival = 1
                ORDER BY 1""")


def record_rows(db: sqlite_utils.Database, record_table: str, record_uuid: str,
                columns: tuple[str, ...]) -> list[tuple]:
    """The history rows of one record, oldest first: `columns` of each."""
    cols = ", ".join(["h.id", *(f"h.{c}" for c in columns)])
    return [r[1:] for r in db.conn.execute(record_rows_sql(record_table, cols), (record_uuid, record_uuid))]


def unit_rows_sql(record_table: str, columns: str, where: str) -> str:
    """SELECT `columns` (h: history, t: the record) of the history of the records of `record_table`
    matching `where` (on t), both indexed rows and arrival blocks; the caller adds ORDER BY / LIMIT.
    The `where` parameters are needed twice."""
    return (f"""SELECT {columns} FROM {record_table} t JOIN history h ON h.record_uuid = t.uuid AND h.arrival = 0
                WHERE {where}
                UNION ALL
                SELECT {columns} FROM {record_table} t JOIN history h
                    ON h.id >= t.arrival_id AND h.id < t.arrival_id + {MAX_ARRIVAL_ROWS}
                       AND h.record_uuid = t.uuid AND h.arrival = 1
                WHERE t.arrival_id IS NOT NULL AND {where}""")
