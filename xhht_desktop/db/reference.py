"""Catalogue and unit lists shipped under resources/, copied into the database.

Run at every open: cheap when nothing changed (one meta lookup), and a new app version with an
updated catalogue refreshes it without a migration.
"""

from __future__ import annotations

import datetime as _dt
import hashlib

import sqlite_utils

from xhht_desktop.domain.catalogue import catalogue_version, load_catalogue
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.units import load_unit_records


def _reference_hash() -> str:
    units, lineage = load_unit_records()
    h = hashlib.sha256(catalogue_version().encode())
    for u in units:
        h.update(repr((u.key, u.name, u.level, u.valid_to, u.parents)).encode())
    h.update(repr(lineage).encode())
    return h.hexdigest()[:16]


def refresh_reference_data(db: sqlite_utils.Database) -> None:
    conn = db.conn
    wanted = _reference_hash()
    row = conn.execute("SELECT value FROM meta WHERE key='reference_hash'").fetchone()
    if row and row[0] == wanted:
        return
    with db.atomic():
        conn.executemany(
            """INSERT INTO indicators (code, grp, name_vi, name_en, kind, levels, numerator_vi,
                   denominator_vi, periodicity, target_2015, target_2020, target_op, breakdowns, owner, plan_ref)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(code) DO UPDATE SET grp=excluded.grp, name_vi=excluded.name_vi,
                   name_en=excluded.name_en, kind=excluded.kind, levels=excluded.levels,
                   numerator_vi=excluded.numerator_vi, denominator_vi=excluded.denominator_vi,
                   periodicity=excluded.periodicity, target_2015=excluded.target_2015,
                   target_2020=excluded.target_2020, target_op=excluded.target_op,
                   breakdowns=excluded.breakdowns, owner=excluded.owner, plan_ref=excluded.plan_ref""",
            [
                (i.code, i.group, i.name_vi, i.name_en, i.kind, ";".join(i.levels), i.numerator_vi,
                 i.denominator_vi, i.periodicity, i.target_2015, i.target_2020, i.target_op,
                 ";".join(i.breakdowns), i.owner, i.plan_ref)
                for i in load_catalogue()
            ],
        )
        write_units(conn)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('reference_hash', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (wanted,),
        )


# --- units part (helper "units") ----------------------------------------------------------------

def write_units(conn) -> None:
    """Shipped units, parents and lineage, then the changes brought in by `units import` replayed on
    top (so that a refresh never wipes them). Keys (CODE@VALID_FROM) never change: existing figures
    stay attached to their unit."""
    units, lineage = load_unit_records()
    conn.executemany(
        """INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to)
           VALUES (?,?,?,?,?,?,?,?)
           ON CONFLICT(key) DO UPDATE SET name=excluded.name, name_folded=excluded.name_folded,
               level=excluded.level, type_label=excluded.type_label, valid_to=excluded.valid_to""",
        [(u.key, u.code, u.name, fold(u.name), u.level, u.type_label, u.valid_from, u.valid_to)
         for u in units],
    )
    ids = dict(conn.execute("SELECT key, id FROM units"))
    conn.execute("DELETE FROM unit_parents")
    conn.executemany(
        "INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,?)",
        [(ids[u.key], ids[pk], frm, to) for u in units for (pk, frm, to) in u.parents],
    )
    conn.execute("DELETE FROM unit_lineage")
    conn.executemany(
        "INSERT INTO unit_lineage (predecessor_id, successor_id, effective, is_default) VALUES (?,?,?,?)",
        [(ids[a], ids[b], day, flag) for a, b, day, flag in lineage],
    )
    replay_unit_changes(conn)


def replay_unit_changes(conn, change_ids: list[int] | None = None) -> None:
    """Apply stored `unit_changes` rows, oldest first (all, or only `change_ids`)."""
    sql = "SELECT code, name, type_label, level, valid_from, predecessors, parent FROM unit_changes"
    if change_ids is not None:
        sql += f" WHERE id IN ({','.join('?' * len(change_ids))})"
    for code, name, type_label, level, valid_from, preds, parent in conn.execute(
            sql + " ORDER BY valid_from, id", change_ids or ()).fetchall():
        key = f"{code}@{valid_from}"
        conn.execute(
            """INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to)
               VALUES (?,?,?,?,?,?,?,NULL)
               ON CONFLICT(key) DO UPDATE SET name=excluded.name, name_folded=excluded.name_folded,
                   level=excluded.level, type_label=excluded.type_label""",
            (key, code, name, fold(name), level, type_label, valid_from))
        new_id = conn.execute("SELECT id FROM units WHERE key=?", (key,)).fetchone()[0]
        end = (_dt.date.fromisoformat(valid_from) - _dt.timedelta(days=1)).isoformat()
        for pkey in filter(None, preds.split(";")):
            row = conn.execute("SELECT id FROM units WHERE key=?", (pkey,)).fetchone()
            if row is None or row[0] == new_id:
                continue
            conn.execute("UPDATE units SET valid_to=? WHERE id=? AND (valid_to IS NULL OR valid_to>?)",
                         (end, row[0], end))
            conn.execute("UPDATE unit_parents SET valid_to=? WHERE unit_id=? AND (valid_to IS NULL OR valid_to>?)",
                         (end, row[0], end))
            conn.execute("INSERT OR REPLACE INTO unit_lineage (predecessor_id, successor_id, effective, is_default) "
                         "VALUES (?,?,?,1)", (row[0], new_id, valid_from))
        if parent:
            prow = conn.execute("SELECT id FROM units WHERE key=?", (parent,)).fetchone()
            if prow is not None:
                conn.execute("DELETE FROM unit_parents WHERE unit_id=? AND valid_from=?", (new_id, valid_from))
                conn.execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,NULL)",
                             (new_id, prow[0], valid_from))
