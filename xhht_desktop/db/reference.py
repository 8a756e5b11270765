"""Catalogue and unit lists shipped under resources/, copied into the database.

Run at every open: cheap when nothing changed (one meta lookup), and a new app version with an
updated catalogue refreshes it without a migration.

Catalogues: both programmes (`programmes`), their indicators keyed by (programme, code) and their
targets per (programme, indicator, target year) with the draft flag. A target the Department has
confirmed or corrected (`source` = 'department') is never overwritten by a refresh.
"""

from __future__ import annotations

import datetime as _dt
import hashlib

import sqlite_utils

from xhht_desktop.domain.catalogue import (
    Catalogue,
    Indicator,
    all_catalogues,
    catalogue_for,
    catalogues_version,
)
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.units import load_unit_records


def _reference_hash() -> str:
    units, lineage = load_unit_records()
    h = hashlib.sha256(catalogues_version().encode())
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
        refresh_catalogues(db)
        write_units(conn)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('reference_hash', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (wanted,),
        )


# ---- catalogues ---------------------------------------------------------------------------------------

def refresh_catalogues(db: sqlite_utils.Database) -> None:
    """Write both shipped catalogues into `programmes`, `indicators` and `indicator_targets`."""
    conn = db.conn
    for cat in all_catalogues():
        p = cat.programme
        conn.execute(
            """INSERT INTO programmes (code, name_vi, name_en, first_period, last_period, target_years,
                   legal_basis_vi, legal_basis_en, catalogue_version) VALUES (?,?,?,?,?,?,?,?,?)
               ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en,
                   first_period=excluded.first_period, last_period=excluded.last_period,
                   target_years=excluded.target_years, legal_basis_vi=excluded.legal_basis_vi,
                   legal_basis_en=excluded.legal_basis_en, catalogue_version=excluded.catalogue_version""",
            (p.code, p.name_vi, p.name_en, p.first_period, p.last_period, ";".join(map(str, p.target_years)),
             "\n".join(p.legal_basis_vi), "\n".join(p.legal_basis_en), cat.version),
        )
        conn.executemany(
            """INSERT INTO indicators (programme, code, grp, name_vi, name_en, kind, levels, numerator_vi,
                   denominator_vi, periodicity, target_op, breakdowns, owner, plan_ref, scale_min, scale_max,
                   position)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(programme, code) DO UPDATE SET grp=excluded.grp, name_vi=excluded.name_vi,
                   name_en=excluded.name_en, kind=excluded.kind, levels=excluded.levels,
                   numerator_vi=excluded.numerator_vi, denominator_vi=excluded.denominator_vi,
                   periodicity=excluded.periodicity, target_op=excluded.target_op,
                   breakdowns=excluded.breakdowns, owner=excluded.owner, plan_ref=excluded.plan_ref,
                   scale_min=excluded.scale_min, scale_max=excluded.scale_max, position=excluded.position""",
            [
                (p.code, i.code, i.group, i.name_vi, i.name_en, i.kind, ";".join(i.levels), i.numerator_vi,
                 i.denominator_vi, i.periodicity, i.target_op, ";".join(i.breakdowns), i.owner, i.plan_ref,
                 i.scale[0] if i.scale else None, i.scale[1] if i.scale else None, pos)
                for pos, i in enumerate(cat.indicators, start=1)
            ],
        )
        conn.executemany(
            """INSERT INTO indicator_targets (programme, indicator, target_year, value, draft, source)
               VALUES (?,?,?,?,?,'catalogue')
               ON CONFLICT(programme, indicator, target_year) DO UPDATE SET value=excluded.value,
                   draft=excluded.draft WHERE indicator_targets.source='catalogue'""",
            [(p.code, i.code, year, value, int(year in i.draft_targets))
             for i in cat.indicators for year, value in i.targets.items()],
        )


def stored_targets(db: sqlite_utils.Database, programme_code: str) -> dict[tuple[str, int], tuple[float | None, bool, str]]:
    """(indicator, target year) -> (figure, draft, source) as the database holds them."""
    return {
        (ind, year): (value, bool(draft), source)
        for ind, year, value, draft, source in db.conn.execute(
            "SELECT indicator, target_year, value, draft, source FROM indicator_targets WHERE programme=?",
            (programme_code,))
    }


def catalogue_in_db(db: sqlite_utils.Database, period_or_programme) -> Catalogue:
    """The period's (or programme's) catalogue with the targets the database holds: the shipped one
    when they agree (the usual case), else a copy whose indicators carry the stored targets and
    draft flags (a target the Department confirmed is no longer a draft)."""
    import dataclasses

    shipped = catalogue_for(period_or_programme)
    stored = stored_targets(db, shipped.programme.code)
    changed: dict[str, Indicator] = {}
    for ind in shipped.indicators:
        targets = dict(ind.targets)
        drafts = set(ind.draft_targets)
        for year in list(targets):
            row = stored.get((ind.code, year))
            if row is None:
                continue
            value, draft, _source = row
            targets[year] = value
            drafts.discard(year)
            if draft:
                drafts.add(year)
        if targets != ind.targets or drafts != set(ind.draft_targets):
            changed[ind.code] = dataclasses.replace(ind, targets=targets, draft_targets=frozenset(drafts))
    if not changed:
        return shipped
    return Catalogue(shipped.programme, tuple(changed.get(i.code, i) for i in shipped.indicators),
                     shipped.version + "+db")


def set_target(db: sqlite_utils.Database, programme_code: str, indicator: str, target_year: int,
               value: float | None, *, actor: str, note: str = "", now: str | None = None) -> None:
    """The Department confirms or corrects a target (or sets one the catalogue lacks): the row becomes
    the Department's (`source` = 'department', no longer a draft) and later refreshes keep it.
    Raises KeyError for an indicator or target year the programme does not have, ValueError for a
    figure that is not a finite number ≥ 0."""
    import datetime as dt  # noqa: PLC0415
    import math  # noqa: PLC0415

    known = db.conn.execute("SELECT target_years FROM programmes WHERE code=?", (programme_code,)).fetchone()
    if known is None or str(target_year) not in known[0].split(";"):
        raise KeyError(f"{programme_code}: {target_year}")
    if not db.conn.execute("SELECT 1 FROM indicators WHERE programme=? AND code=?",
                           (programme_code, indicator)).fetchone():
        raise KeyError(f"{programme_code}: {indicator}")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                              or not math.isfinite(value) or value < 0):
        raise ValueError(f"mục tiêu «{value}» không hợp lệ")
    stamp = now or dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    with db.atomic():
        db.conn.execute(
            """INSERT INTO indicator_targets (programme, indicator, target_year, value, draft, source, updated_at,
                   updated_by, note) VALUES (?,?,?,?,0,'department',?,?,?)
               ON CONFLICT(programme, indicator, target_year) DO UPDATE SET value=excluded.value, draft=0,
                   source='department', updated_at=excluded.updated_at, updated_by=excluded.updated_by,
                   note=excluded.note""",
            (programme_code, indicator, int(target_year), None if value is None else float(value), stamp, actor,
             note))


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
