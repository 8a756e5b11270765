"""History through the lineage, from the database: the figures of a unit for a period before it
existed, derived from the figures its former units entered (rules in domain.lineage).

- A commune created on 1 July 2025: its predecessors in `unit_lineage` (units_repo.history_predecessors),
  back through as many changes as there were.
- A unit above the commune created then (today's province 51): the former units of the communes it
  holds on its first day — so its 2018 figure is the sum over the old communes of Kon Tum.
For any period that ends before the unit's life, the aggregation engine (db.aggregate) counts the
former communes `history_levels` gives instead of the unit and the units below it, with the rules of
a unit above them (domain.aggregation.derived_scope): numerators, denominators and counts summed, flags
and levels the share of former communes that reached them, only those that reported counted — the very
sums of the old province and districts. The rows come back marked `derived`,
`units_reported`/`units_expected` counting former communes. Coverage counts by the same rule
(domain.aggregation.coverage_counts).
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.domain import lineage as L
from xhht_desktop.domain.aggregation import coverage_counts
from xhht_desktop.domain.periods import Period

ROWS_PER_QUERY = 900


def before_life(unit: units_repo.Unit, p: Period) -> bool:
    """The period ends before the unit existed (its figures can only be derived)."""
    return L.before_life(unit, p.end.isoformat())


def sources(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period) -> list[units_repo.Unit]:
    """The former communes whose figures make up the commune `unit`'s figures for `p`."""
    return L.history_sources(unit, p.end.isoformat(), lambda u: units_repo.history_predecessors(db, u.id))


def members(db: sqlite_utils.Database, unit: units_repo.Unit) -> list[units_repo.Unit]:
    """The communes a unit above the commune holds on its first day, in code order."""
    ids = [uid for uid, level in units_repo.descendant_ids(db, unit.id, unit.valid_from).items() if level == "xa"]
    out = []
    for start in range(0, len(ids), ROWS_PER_QUERY):  # one query per chunk, not one per commune
        chunk = ids[start:start + ROWS_PER_QUERY]
        out.extend(units_repo._unit(r) for r in db.conn.execute(
            f"SELECT {units_repo._COLS} FROM units WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return sorted(out, key=lambda u: u.code)


def sources_by_member(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period
                      ) -> list[tuple[units_repo.Unit, list[units_repo.Unit]]]:
    """For a unit above the commune: each commune it holds with the units standing for it in `p`
    (the commune itself if it was alive then, else its former communes)."""
    day = p.end.isoformat()
    out = []
    for m in members(db, unit):
        out.append((m, [m] if L.alive_on(m, day) else sources(db, m, p)))
    return out


def all_sources(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period) -> list[units_repo.Unit]:
    if unit.level == "xa":
        return sources(db, unit, p)
    seen: dict[int, units_repo.Unit] = {}
    for _, srcs in sources_by_member(db, unit, p):
        for s in srcs:
            seen.setdefault(s.id, s)
    return list(seen.values())


def reporting_ids(db: sqlite_utils.Database, ids: list[int], period_code: str) -> set[int]:
    """Of `ids`, the units with at least one figure stored for the period."""
    found: set[int] = set()
    for start in range(0, len(ids), ROWS_PER_QUERY):
        chunk = ids[start:start + ROWS_PER_QUERY]
        found.update(uid for (uid,) in db.conn.execute(
            f"SELECT DISTINCT unit_id FROM indicator_values WHERE period=? AND deleted=0 "
            f"AND unit_id IN ({','.join('?' * len(chunk))})", [period_code, *chunk]))
    return found


def history_levels(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period) -> dict[int, str]:
    """The former units whose figures make up `unit`'s for `p` (a period before it existed), with
    their level — what compute_values counts instead of the unit and the units below it. Empty when
    the unit has no former units for the period."""
    return {s.id: s.level for s in all_sources(db, unit, p)}


# ---- coverage ----------------------------------------------------------------------------------------

def _word_for(units: list[units_repo.Unit], day: str) -> str:
    if units:
        return L.unit_word(u.type_label for u in units)
    # Since 1 July 2025 there are no more townships (thị trấn).
    return "xã, phường" if day >= "2025-07-01" else "xã, phường, thị trấn"


def coverage(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period) -> L.Coverage:
    """What a paper of `unit` for `p` covers: communes (wards…) reported of those it holds, and, when its
    figures are derived, the former communes they come from. Computed from the database, never typed."""
    day = p.end.isoformat()
    if before_life(unit, p):
        if unit.level == "xa":
            groups = [(unit, sources(db, unit, p))]
        else:
            groups = sources_by_member(db, unit, p)
        src_ids = sorted({s.id for _, srcs in groups for s in srcs})
        counted = coverage_counts([(m.id, [s.id for s in srcs]) for m, srcs in groups],
                                  reporting_ids(db, src_ids, p.code))
        srcs_all = {s.id: s for _, srcs in groups for s in srcs}
        holders = [m for m, _ in groups]
        return L.Coverage(
            reported=counted.reported, expected=counted.expected,
            word=_word_for(holders, unit.valid_from), derived=bool(src_ids),
            sources_reported=counted.sources_reported, sources_expected=counted.sources_expected,
            sources_word=_word_for(list(srcs_all.values()), day),
            divided=tuple((f.name, h.name if h else "", here) for f, h, here in divided(db, unit))
            if unit.level == "xa" else ())
    if unit.level == "xa":
        ids, types = [unit.id], {unit.type_label}
    else:
        ids = [uid for uid, level in units_repo.descendant_ids(db, unit.id, day).items() if level == "xa"]
        types = set()
        for start in range(0, len(ids), ROWS_PER_QUERY):
            chunk = ids[start:start + ROWS_PER_QUERY]
            types.update(t for (t,) in db.conn.execute(
                f"SELECT DISTINCT type_label FROM units WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    counted = coverage_counts([(uid, [uid]) for uid in ids], reporting_ids(db, ids, p.code))
    word = L.unit_word(types) if ids else _word_for([], day)
    return L.Coverage(reported=counted.reported, expected=counted.expected, word=word)


def divided(db: sqlite_utils.Database, unit: units_repo.Unit
            ) -> list[tuple[units_repo.Unit, units_repo.Unit | None, bool]]:
    """The former communes of `unit` divided between several successors: (former commune, the
    successor that inherits its history — units_repo.history_predecessors decides — or None, whether
    that successor is `unit`)."""
    out = []
    for pred in units_repo.predecessors(db, unit.id):
        after = units_repo.successors(db, pred.id)
        if len(after) < 2:
            continue
        heirs = [s for s in after if any(h.id == pred.id for h in units_repo.history_predecessors(db, s.id))]
        here = any(h.id == unit.id for h in heirs)
        out.append((pred, unit if here else (heirs[0] if heirs else None), here))
    return out


# ---- former districts ---------------------------------------------------------------------------------

def former_districts(db: sqlite_utils.Database, unit: units_repo.Unit) -> list[tuple[str, str]]:
    """(code, name) of the district each former commune of `unit` belonged to on its last day (one
    entry per former commune: the caller can tell where most came from)."""
    out = []
    for pred in units_repo.history_predecessors(db, unit.id):
        if pred.level == "huyen":  # a district that became one unit (Huyện Lý Sơn → Đặc khu Lý Sơn)
            out.append((pred.code, pred.name))
            continue
        last_day = pred.valid_to or dt.date.today().isoformat()
        parent = units_repo.parent_of(db, pred.id, last_day)
        if parent is not None and parent.level == "huyen":
            out.append((parent.code, parent.name))
    return out
