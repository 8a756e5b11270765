"""A record's history: how it is stored and how to read it (issue 15). Read it here, never with
`WHERE record_uuid = ?` alone.

Every change of a synced record is a history row (`arrival = 0`): who (changed_by), when
(changed_at), from where (origin: the installation; source: the form, an import, `sync:<package>`,
`conflict:<id>`), which field, old → new, and the record's revision. Those rows are indexed by
`record_uuid` (the partial index `history_record`, migration 0009).

A record's *first arrival by merge* used to write one such row per filled field (or, for the
activity log, one `created` row with the record's fields as JSON), plus `deleted` for a record that
arrived deleted: most of what a national merge wrote. It has had two other forms since:

- `arrival = 1` (migration 0009, no longer written): the same rows, as a block of consecutive ids
  outside the index; the record's `arrival_id` is the first id of its block (at most
  MAX_ARRIVAL_ROWS rows, same `record_uuid`).
- `arrival = 2`, an *arrival group* (written today): ONE row for all the records of a package that
  arrive together with the same (table, revision, updated_at, updated_by, origin): `table_name`,
  `record_uuid` '', `field` 'arrived', `new_value` the number of records, and the group's
  revision, changed_at, changed_by, origin and source. Each of those records points at it
  (`arrival_id`). The values a record had on arrival are not stored again: they are its current
  values rolled back through its later change rows. For each history field f (and `deleted`), the
  value on arrival is the old value of the earliest change row of f after the group row (id above
  `arrival_id`), or else the record's current value. From those values the readers below give the
  very rows the first arrival used to write (field rows, or the `created` JSON; then `deleted`),
  with the group's who/when/where, in the place of the group row's id (records of one package in
  the order they were written).

The rollback is exact because every path that changes a synced record writes a change row per
changed history field and for `deleted`, with its old value (the entry form and workbook import:
values_repo.save_entries / set_complete; the centre log: clc.repository; the written sections:
reports.narrative; merged updates: sync.merge_plan; a conflict taken: sync.merge.resolve_conflict).
A new path that changes a synced record must do the same, or records' arrival rows read wrong.
`check` names a record whose `arrival_id` points at no arrival row (`history_arrival`). Two limits:
a field added to a synced table later with a non-empty default shows in the arrival rows of records
that arrived before it; and within one package the records are read in the order they were
written (by the group's sorted write: UUID order, the order the app's export lists them in), where
they used to read in the package's order - the same rows; only their order within a package that
does not list its records by UUID can differ.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlite_utils

MAX_ARRIVAL_ROWS = 64

CHANGE, ARRIVAL_BLOCK, ARRIVAL_GROUP = 0, 1, 2  # history.arrival
GROUP_FIELD = "arrived"

HISTORY_COLUMNS = ("id", "table_name", "record_uuid", "field", "old_value", "new_value", "revision", "changed_at",
                   "changed_by", "origin", "source")

# json.dumps(..., ensure_ascii=False), as the merge wrote the `created` text (sync.merge_read).
_json_text = json.JSONEncoder(ensure_ascii=False).encode


def group_row(table: str, count: int, revision: int, changed_at: str, changed_by: str, origin: str,
              source: str) -> tuple:
    """The history row of an arrival group (without id and `arrival`), as sync.repo.insert_history's rows."""
    return (table, "", GROUP_FIELD, None, str(count), revision, changed_at, changed_by, origin, source)


def _text(v) -> str | None:
    return None if v is None else str(v)


class _Shape:
    """What a table's first arrival wrote: its history fields, `created` JSON or a row per field,
    and which fields are integers (for the JSON)."""

    def __init__(self, db: sqlite_utils.Database, table: str):
        from xhht_desktop.sync.tables import table_specs  # noqa: PLC0415 - sync.tables imports db modules

        spec = table_specs(db)[table]
        self.fields = spec.history_fields
        self.record = spec.history_on_insert == "record"
        decl = {r[1]: (r[2] or "").upper() for r in db.conn.execute(f"PRAGMA table_info({table})")}
        self.integer = {f for f in self.fields if "INT" in decl.get(f, "")}

    def rows(self, at: dict[str, object]) -> list[tuple[str, str]]:
        """(field, new value) of the rows a first arrival with values `at` (typed) wrote."""
        if self.record:
            filled = {f: at[f] for f in self.fields if at[f] is not None and at[f] != ""}
            out = [("created", _json_text(filled))]
        else:
            out = [(f, _text(at[f])) for f in self.fields if at[f] is not None and at[f] != ""]
        if at["deleted"]:
            out.append(("deleted", str(at["deleted"])))
        return out

    def typed(self, field: str, text: str | None):
        """A change row's old value as the record held it."""
        if text is None or (field not in self.integer and field != "deleted"):
            return text
        try:
            return int(text)
        except ValueError:
            return text


def _arrival_rows(db: sqlite_utils.Database, table: str, where: str, args: Sequence,
                  record_columns: Sequence[str] = ()) -> list[tuple[tuple, dict, tuple]]:
    """The rows the first arrival of the records of `table` matching `where` (on t) wrote, for
    those that arrived in a group: (sort key, history row as a dict of HISTORY_COLUMNS, values of
    `record_columns` of the record)."""
    shape = _Shape(db, table)
    fields = shape.fields
    cols = ", ".join(["t.uuid", "t.arrival_id", "t.rowid", "t.deleted", *(f"t.{f}" for f in fields),
                      *(f"t.{c}" for c in record_columns),
                      "g.table_name, g.revision, g.changed_at, g.changed_by, g.origin, g.source"])
    group = f"JOIN history g ON g.id = t.arrival_id AND g.arrival = {ARRIVAL_GROUP} AND g.table_name = '{table}'"
    records = db.conn.execute(f"SELECT {cols} FROM {table} t {group} WHERE {where}", args).fetchall()
    if not records:
        return []
    # The old value of the earliest change of each field after the arrival (SQLite: the bare columns
    # of a min() aggregate come from the row with the minimum).
    earliest: dict[tuple[str, str], str | None] = {}
    for uuid_, field, old, _id in db.conn.execute(
            f"""SELECT t.uuid, h.field, h.old_value, min(h.id) FROM {table} t {group}
                JOIN history h ON h.record_uuid = t.uuid AND h.arrival = {CHANGE} AND h.id > t.arrival_id
                WHERE {where} GROUP BY t.uuid, h.field""", args):
        earliest[(uuid_, field)] = old
    # Records of one package in the order they were written (rowid): the package's order, or UUID order
    # when the merge sorted them - the order of a package the app exported.
    first_of_source: dict[str, int] = {}
    for r in records:
        source, gid = r[-1], r[1]
        if gid < first_of_source.get(source, gid + 1):
            first_of_source[source] = gid
    nf = len(fields)
    out = []
    for r in records:
        uuid_, gid, rowid, deleted = r[0], r[1], r[2], r[3]
        current = dict(zip(fields, r[4:4 + nf]))
        current["deleted"] = deleted
        at = {}
        for f in (*fields, "deleted"):
            key = (uuid_, f)
            at[f] = shape.typed(f, earliest[key]) if key in earliest else current[f]
        extra = tuple(r[4 + nf:4 + nf + len(record_columns)])
        table_name, revision, changed_at, changed_by, origin, source = r[-6:]
        for i, (field, new) in enumerate(shape.rows(at)):
            row = {"id": gid, "table_name": table_name, "record_uuid": uuid_, "field": field, "old_value": None,
                   "new_value": new, "revision": revision, "changed_at": changed_at, "changed_by": changed_by,
                   "origin": origin, "source": source}
            out.append(((first_of_source[source], rowid, i), row, extra))
    return out


def record_rows_sql(record_table: str, columns: str) -> str:
    """SELECT `columns` (of history aliased h) of the stored rows of one record (parameters: uuid,
    uuid), ordered by id: its change rows and a 0009 arrival block, not an arrival group's rows
    (record_rows gives those too). `record_table` is a synced table's name from the code."""
    return (f"""SELECT {columns} FROM history h WHERE h.record_uuid = ? AND h.arrival = {CHANGE}
                UNION ALL
                SELECT {columns} FROM {record_table} t JOIN history h
                    ON h.id >= t.arrival_id AND h.id < t.arrival_id + {MAX_ARRIVAL_ROWS}
                WHERE t.uuid = ? AND h.record_uuid = t.uuid AND h.arrival = {ARRIVAL_BLOCK}
                ORDER BY 1""")


def record_rows(db: sqlite_utils.Database, record_table: str, record_uuid: str,
                columns: tuple[str, ...]) -> list[tuple]:
    """The history rows of one record, oldest first: `columns` (of HISTORY_COLUMNS) of each."""
    cols = ", ".join(["h.id", *(f"h.{c}" for c in columns)])
    stored = [((r[0], 0, 0), r[1:]) for r in
              db.conn.execute(record_rows_sql(record_table, cols), (record_uuid, record_uuid))]
    arrived = [(key, tuple(row[c] for c in columns))
               for key, row, _ in _arrival_rows(db, record_table, "t.uuid = ?", (record_uuid,))]
    if not arrived:
        return [r for _, r in stored]
    return [r for _, r in sorted(stored + arrived, key=_first)]


def _first(item: tuple):
    return item[0]


def unit_rows_sql(record_table: str, columns: str, where: str) -> str:
    """SELECT `columns` (h: history, t: the record) of the stored history rows of the records of
    `record_table` matching `where` (on t): change rows and 0009 arrival blocks, not the rows of
    an arrival group (unit_rows gives those too); the caller adds ORDER BY / LIMIT. The `where`
    parameters are needed twice."""
    return (f"""SELECT {columns} FROM {record_table} t JOIN history h ON h.record_uuid = t.uuid AND h.arrival = {CHANGE}
                WHERE {where}
                UNION ALL
                SELECT {columns} FROM {record_table} t JOIN history h
                    ON h.id >= t.arrival_id AND h.id < t.arrival_id + {MAX_ARRIVAL_ROWS}
                       AND h.record_uuid = t.uuid AND h.arrival = {ARRIVAL_BLOCK}
                WHERE t.arrival_id IS NOT NULL AND {where}""")


def unit_rows(db: sqlite_utils.Database, record_table: str, where: str, args: Sequence,
              columns: tuple[str, ...], record_columns: tuple[str, ...] = (), *, newest_first: bool = True,
              limit: int | None = None) -> list[tuple]:
    """The history rows of the records of `record_table` matching `where` (on t, the record; its
    parameters `args`), newest (or oldest) first, at most `limit`: `columns` of each (of
    HISTORY_COLUMNS), then `record_columns` of its record."""
    cols = ", ".join(["h.id", *(f"h.{c}" for c in columns), *(f"t.{c}" for c in record_columns)])
    sql = unit_rows_sql(record_table, cols, where) + (" ORDER BY 1 DESC" if newest_first else " ORDER BY 1")
    params = [*args, *args]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    stored = [((r[0], 0, 0), r[1:]) for r in db.conn.execute(sql, params)]
    arrived = [(key, tuple(row[c] for c in columns) + extra)
               for key, row, extra in _arrival_rows(db, record_table, where, args, record_columns)]
    if arrived:
        stored = sorted(stored + arrived, key=_first, reverse=newest_first)
    rows = [r for _, r in stored]
    return rows if limit is None else rows[:limit]
