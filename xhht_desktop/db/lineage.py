"""History through the lineage, from the database: the figures of a unit for a period before it
existed, derived from the figures its former units entered (rules in domain.lineage).

- A commune created on 1 July 2025: its predecessors in `unit_lineage` (units_repo.history_predecessors),
  back through as many changes as there were.
- A unit above the commune created then (today's province 51): the former units of the communes it
  holds on its first day — so its 2018 figure is the sum over the old communes of Kon Tum.
compute_values (db.aggregate) calls `derived_values` for any period that ends before the unit's life;
the rows come back marked `derived`, with `units_reported`/`units_expected` counting former units.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.domain import lineage as L
from xhht_desktop.domain.catalogue import Indicator, entry_keys
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
    ids = units_repo.descendant_ids(db, unit.id, unit.valid_from)
    out = [units_repo.get_unit(db, uid) for uid, level in ids.items() if level == "xa"]
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


def _stored(db: sqlite_utils.Database, ids: list[int], period_code: str, codes: list[str] | None
            ) -> dict[tuple[str, str], dict[int, tuple]]:
    """(indicator, breakdown or "") -> unit id -> (numerator, denominator, value) stored for `period_code`."""
    out: dict[tuple[str, str], dict[int, tuple]] = {}
    for start in range(0, len(ids), ROWS_PER_QUERY):
        chunk = ids[start:start + ROWS_PER_QUERY]
        sql = ("SELECT unit_id, indicator, breakdown, numerator, denominator, value FROM indicator_values "
               f"WHERE period=? AND deleted=0 AND unit_id IN ({','.join('?' * len(chunk))})")
        args: list = [period_code, *chunk]
        if codes is not None:
            sql += f" AND indicator IN ({','.join('?' * len(codes))})"
            args += codes
        for uid, ind, bd, num, den, val in db.conn.execute(sql, args):
            out.setdefault((ind, bd or ""), {})[uid] = (num, den, val)
    return out


def reporting_ids(db: sqlite_utils.Database, ids: list[int], period_code: str) -> set[int]:
    """Of `ids`, the units with at least one figure stored for the period."""
    found: set[int] = set()
    for start in range(0, len(ids), ROWS_PER_QUERY):
        chunk = ids[start:start + ROWS_PER_QUERY]
        found.update(uid for (uid,) in db.conn.execute(
            f"SELECT DISTINCT unit_id FROM indicator_values WHERE period=? AND deleted=0 "
            f"AND unit_id IN ({','.join('?' * len(chunk))})", [period_code, *chunk]))
    return found


def _bar(ind: Indicator, target: float | None) -> int | None:
    return int(target) if ind.kind == "level" and target is not None else None


def derived_values(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period, indicators: list[Indicator], *,
                   with_trend_targets: bool = True):
    """compute_values for a period before the unit existed: its figures derived from its former
    communes, each row marked `derived`. None when the unit has no former units for the period
    (nothing to derive from)."""
    from xhht_desktop.db.aggregate import ValueRow, _judge, compute_values  # noqa: PLC0415 (aggregate imports us)

    srcs = all_sources(db, unit, p)
    if not srcs:
        return None
    ids = [s.id for s in srcs]
    stored = _stored(db, ids, p.code, [i.code for i in indicators])
    expected = len(ids)
    target_year = p.target_year
    out: list[ValueRow] = []
    for ind in indicators:
        target = ind.target_for_year(target_year)
        op = ind.target_op
        lowest_is_commune = "xa" in ind.levels
        scale = getattr(ind, "scale", None)
        for bd in entry_keys(ind):
            by_unit = stored.get((ind.code, bd or ""), {})
            d = L.derive(ind.kind, (by_unit.get(i) for i in ids), expected if lowest_is_commune else 0,
                         has_fraction=ind.has_fraction, scale=scale, bar=_bar(ind, target))
            row_target = target
            if op == "increase":
                row_target = None
                last = p.same_period_last_year()
                if with_trend_targets and last is not None:
                    prev = compute_values(db, unit.id, last, indicators=[ind], with_trend_targets=False)
                    row_target = next((r.value for r in prev if r.breakdown == bd), None)
            met = None if ind.kind == "level" else _judge(op, d.value, row_target)
            gap = None if d.value is None or row_target is None or ind.kind == "level" else d.value - row_target
            out.append(ValueRow(
                indicator=ind.code, breakdown=bd, unit=unit.code, period=p.code,
                numerator=d.numerator, denominator=d.denominator, value=d.value, target=row_target, met=met,
                kind=ind.kind, target_2015=ind.target_2015, target_2020=ind.target_2020,
                target_op=op, gap=gap, own_value=None, units_reported=d.reported, units_expected=d.expected,
                derived=True,
            ))
    return out


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
        done = reporting_ids(db, src_ids, p.code)
        srcs_all = {s.id: s for _, srcs in groups for s in srcs}
        holders = [m for m, _ in groups]
        return L.Coverage(
            reported=sum(1 for _, srcs in groups if any(s.id in done for s in srcs)), expected=len(groups),
            word=_word_for(holders, unit.valid_from), derived=bool(src_ids),
            sources_reported=len(done), sources_expected=len(src_ids),
            sources_word=_word_for(list(srcs_all.values()), day))
    if unit.level == "xa":
        ids, types = [unit.id], {unit.type_label}
    else:
        ids = [uid for uid, level in units_repo.descendant_ids(db, unit.id, day).items() if level == "xa"]
        types = set()
        for start in range(0, len(ids), ROWS_PER_QUERY):
            chunk = ids[start:start + ROWS_PER_QUERY]
            types.update(t for (t,) in db.conn.execute(
                f"SELECT DISTINCT type_label FROM units WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    done = reporting_ids(db, ids, p.code)
    word = L.unit_word(types) if ids else _word_for([], day)
    return L.Coverage(reported=len(done), expected=len(ids), word=word)


# ---- former districts ---------------------------------------------------------------------------------

def former_districts(db: sqlite_utils.Database, unit: units_repo.Unit) -> list[tuple[str, str]]:
    """(code, name) of the district each former commune of `unit` belonged to on its last day (one
    entry per former commune: the caller can tell where most came from)."""
    out = []
    for pred in units_repo.history_predecessors(db, unit.id):
        last_day = pred.valid_to or dt.date.today().isoformat()
        parent = units_repo.parent_of(db, pred.id, last_day)
        while parent is not None and parent.level not in ("huyen",):
            if parent.level == "tinh":
                parent = None
                break
            parent = units_repo.parent_of(db, parent.id, last_day)
        if parent is not None:
            out.append((parent.code, parent.name))
    return out
