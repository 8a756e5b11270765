"""Figures of units for a period, from the database: the one SQL-facing layer of the aggregation
engine. It finds what each unit's figures rest on (the units below it on the period's last day, or,
before the unit existed, its former communes: db.lineage), reads their stored rows once, and hands
them to the rules in domain.aggregation — the same rules for one unit (`compute_values`: the
dashboard, `values`, the entry form's context, the progress sheet) and for many at once
(`unit_values`, `tree_values`: the consolidated reports, one pass up the tree of a province or of
the nation).

The indicators are those of the period's programme (plan 2780 up to 2020, the 2021–2030 programme
from 2021), with the targets the database holds (db/reference.py), judged against the programme's
nearest target year at or after the period.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

import sqlite_utils

from xhht_desktop.db import lineage, units_repo
from xhht_desktop.domain import aggregation as A
from xhht_desktop.domain.aggregation import ValueRow  # noqa: F401 - the rows' type, imported from here
from xhht_desktop.domain.catalogue import Indicator
from xhht_desktop.domain.levels import effective_degree
from xhht_desktop.domain.periods import Period, parse_period

ROWS_PER_QUERY = 900  # unit ids per IN list: within SQLite's parameter limit
PREFETCH_UNITS = 4 * ROWS_PER_QUERY  # flat scopes over at most this many units are read in one go
LEVEL_ORDER = A.LEVEL_ORDER


class ProgressFn(Protocol):
    def __call__(self, done: int, total: int, what: object) -> None: ...


# ---- reading ------------------------------------------------------------------------------------

def read_rows(db: sqlite_utils.Database, ids: Iterable[int], period_code: str,
              codes: Iterable[str] | None = None) -> dict[int, list[A.Row]]:
    """The stored figures of the units `ids` for one period, by unit: (indicator, breakdown or "",
    numerator, denominator, value, decision date). One query per 900 units; deleted figures are
    not read."""
    ids = list(ids)
    codes = sorted(set(codes)) if codes is not None else None
    out: dict[int, list[A.Row]] = {}
    for start in range(0, len(ids), ROWS_PER_QUERY):
        chunk = ids[start:start + ROWS_PER_QUERY]
        sql = ("SELECT unit_id, indicator, breakdown, numerator, denominator, value, decision_date "
               f"FROM indicator_values WHERE period=? AND deleted=0 AND unit_id IN ({','.join('?' * len(chunk))})")
        args: list = [period_code, *chunk]
        if codes is not None:
            # "+indicator": keep SQLite on the (unit_id, period, …) index; the (period, indicator) one
            # would read these indicators for the whole country.
            sql += f" AND +indicator IN ({','.join('?' * len(codes))})"
            args += codes
        for row in db.conn.execute(sql, args):
            out.setdefault(row[0], []).append(row[1:])
    return out


def children_on(db: sqlite_utils.Database, day: str) -> dict[int, list[int]]:
    """Parent id → ids of the units attached to it on `day` (both valid then)."""
    children: dict[int, list[int]] = {}
    for uid, parent in db.conn.execute(
        """SELECT p.unit_id, p.parent_id FROM unit_parents p JOIN units u ON u.id=p.unit_id
           WHERE p.valid_from<=:d AND (p.valid_to IS NULL OR p.valid_to>=:d)
             AND u.valid_from<=:d AND (u.valid_to IS NULL OR u.valid_to>=:d)""", {"d": day}):
        children.setdefault(parent, []).append(uid)
    return children


def all_units(db: sqlite_utils.Database) -> dict[int, units_repo.Unit]:
    return {u.id: u for u in units_repo.all_units(db)}


def indicators_of(db: sqlite_utils.Database, level: str, p: Period) -> list[Indicator]:
    """What a unit of `level` reports for the period: its programme's catalogue (with the targets the
    database holds), a commune's own indicators, above it everything visible there."""
    from xhht_desktop.db.reference import catalogue_in_db  # noqa: PLC0415 - reference imports units data

    return catalogue_in_db(db, p).reported_at(level)


# ---- the engine ---------------------------------------------------------------------------------

IndicatorsOf = Callable[[str], list[Indicator]]  # a unit's level -> the indicators it is judged on


def _indicators_in_force(db: sqlite_utils.Database, p: Period, given: list[Indicator] | None) -> IndicatorsOf:
    """What a unit of each level is judged on for `p` (`given`, else its programme's catalogue in the
    database), looked up once per level."""
    return _cached(lambda level: A.in_force(given if given is not None else indicators_of(db, level, p), p))


class _Units(dict):
    """Units by id, fetched on demand when the caller has not loaded them all."""

    def __init__(self, db: sqlite_utils.Database, known: dict[int, units_repo.Unit] | None):
        super().__init__(known or {})
        self.db = db
        self.complete = known is not None

    def __missing__(self, uid: int) -> units_repo.Unit:
        unit = self[uid] = units_repo.get_unit(self.db, uid)
        return unit

    def load_all(self) -> None:
        if not self.complete:
            self.update(all_units(self.db))
            self.complete = True


def unit_values(
    db: sqlite_utils.Database,
    unit_ids: Iterable[int],
    period: str | Period,
    *,
    units: dict[int, units_repo.Unit] | None = None,
    indicators: list[Indicator] | None = None,
    with_trend_targets: bool = True,
    progress: ProgressFn | None = None,
) -> dict[int, list[ValueRow]]:
    """The figures of each unit of `unit_ids` for the period — the bulk form of `compute_values`.
    Units alive in the period are computed in one pass up the tree of the highest of them (its rows
    read once, 900 units a query); units judged over their former communes each over theirs, all
    those rows read in one go."""
    p = period if isinstance(period, Period) else parse_period(period)
    return _unit_values(db, list(dict.fromkeys(unit_ids)), p, _Units(db, units),
                        _indicators_in_force(db, p, indicators), trend=with_trend_targets,
                        codes=None if indicators is None else {i.code for i in indicators}, progress=progress)


def compute_values(
    db: sqlite_utils.Database,
    unit_id: int,
    period: str | Period,
    *,
    indicators: list[Indicator] | None = None,
    with_trend_targets: bool = True,
) -> list[ValueRow]:
    """A unit's figures for the period: a commune's own, a district's or the province's computed from
    everything below it plus its own entries, or — for a period before the unit existed — derived
    from its former communes (rows marked `derived`)."""
    p = period if isinstance(period, Period) else parse_period(period)
    return unit_values(db, [unit_id], p, indicators=indicators, with_trend_targets=with_trend_targets)[unit_id]


def _derived_members(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period) -> dict[int, str] | None:
    """The former units (id → level) a unit's figures rest on for a period before it existed; None
    when the unit lives in the period or has no former units for it."""
    if not lineage.before_life(unit, p):
        return None
    return lineage.history_levels(db, unit, p) or None


# A flat scope: (the unit as judged, whether derived, the units counted: id -> level).
FlatScope = tuple[units_repo.Unit, bool, dict[int, str]]


def _derived_scope(unit: units_repo.Unit, former: dict[int, str]) -> FlatScope:
    view, members = A.derived_scope(unit.level, former.items())
    return dataclasses.replace(unit, level=view), True, members


def _alive_scope(db: sqlite_utils.Database, unit: units_repo.Unit, day: str, units: _Units,
                 children: dict[int, list[int]] | None = None) -> FlatScope:
    """The unit and every unit below it on `day`, each once (from `children` when the caller has them)."""
    if unit.level == "xa":  # a commune counts only its own figures, whatever hangs below it
        below: dict[int, str] = {}
    elif children is None:
        below = units_repo.descendant_ids(db, unit.id, day)
    else:
        below = {b: units[b].level for b in A.descendants(children, unit.id)}
    return unit, False, {unit.id: unit.level, **below}


def _unit_values(db, ids: list[int], p: Period, units: _Units, inds_of: IndicatorsOf, *, trend: bool,
                 codes: set[str] | None, progress: ProgressFn | None) -> dict[int, list[ValueRow]]:
    day = p.end.isoformat()
    out: dict[int, list[ValueRow]] = {}
    flat: list[FlatScope] = []  # units before their life (over their former units), a lone unit
    alive: list[int] = []
    for uid in ids:
        former = _derived_members(db, units[uid], p)
        if former is not None:
            flat.append(_derived_scope(units[uid], former))
        else:
            alive.append(uid)
    if len(alive) == 1:
        flat.append(_alive_scope(db, units[alive[0]], day, units))
    elif alive:  # one pass up the tree of each highest unit asked for covers those below it
        units.load_all()
        children = children_on(db, day)
        todo = set(alive)
        for uid in sorted(alive, key=lambda u: (-LEVEL_ORDER[units[u].level], units[u].code)):
            if uid not in todo:
                continue
            for node, rows in _tree_values(db, uid, p, units, todo, inds_of, trend=trend, codes=codes,
                                           children=children, progress=None):
                if rows is not None:
                    out[node.id] = rows
                    todo.discard(node.id)
    if flat:
        out.update(_flat_values(db, flat, p, units, inds_of, trend=trend, codes=codes))
    if progress is not None:
        from xhht_desktop.messages import Text  # noqa: PLC0415
        progress(len(ids), len(ids), Text("progress.computing_units"))
    return {uid: out[uid] for uid in ids}


def _trend_targets(db, judged: list[units_repo.Unit], p: Period, units: _Units, inds_of: IndicatorsOf
                   ) -> dict[int, dict[tuple[str, str | None], float | None]]:
    """Last year's figures of the trend indicators of the units `judged` (their real level), each over
    the units below it then (or its former communes, if it did not exist yet)."""
    last = A.trend_period(p)
    wanted = [u.id for u in judged if A.trend_indicators(inds_of(u.level), p)]
    if last is None or not wanted:
        return {}

    def trends_of(level: str) -> list[Indicator]:
        return A.trend_indicators(inds_of(level), p)

    codes = {i.code for u in judged for i in trends_of(u.level)}
    # Last year's units are judged on this year's trend indicators, each at its real level.
    values = _unit_values(db, wanted, last, units, _cached(trends_of), trend=False, codes=codes, progress=None)
    return {uid: {(r.indicator, r.breakdown): r.value for r in rows} for uid, rows in values.items()}


def _cached(fn: IndicatorsOf) -> IndicatorsOf:
    cache: dict[str, list[Indicator]] = {}

    def of(level: str) -> list[Indicator]:
        if level not in cache:
            cache[level] = fn(level)
        return cache[level]
    return of


def _flat_values(db, flat: list[FlatScope], p: Period, units: _Units, inds_of: IndicatorsOf, *, trend: bool,
                 codes: set[str] | None) -> dict[int, list[ValueRow]]:
    """Each flat scope gathered in one go (domain.aggregation.gather); the rows of all of them read at once."""
    real = [units[unit.id] for unit, _, _ in flat]
    targets = _trend_targets(db, real, p, units, inds_of) if trend else {}
    read_ids = {m for unit, derived, members in flat for m in members}
    if len(flat) > 1 and len(read_ids) <= PREFETCH_UNITS:  # many small scopes: one read for all
        rows = read_rows(db, read_ids, p.code, codes)

        def read(ids: list[int]) -> dict[int, list[A.Row]]:
            return rows
    else:  # a large scope (the nation's root) streams, 900 units at a time

        def read(ids: list[int]) -> dict[int, list[A.Row]]:
            return read_rows(db, ids, p.code, codes)
    out: dict[int, list[ValueRow]] = {}
    for (unit, derived, members), real_unit in zip(flat, real):
        inds = inds_of(real_unit.level)
        gathered = A.gather(members, read, A.rules_for(inds), p, None if derived else unit.id,
                            chunk=ROWS_PER_QUERY)
        unit_targets = targets.get(unit.id, {})
        judged = A.judge_unit(unit, gathered, inds, p, lambda ind, bd, t=unit_targets: t.get((ind.code, bd)))
        out[unit.id] = A.mark_derived(judged) if derived else judged
    return out


def _tree_values(db, root_id: int, p: Period, units: _Units, wanted: set[int] | None, inds_of: IndicatorsOf, *,
                 trend: bool, codes: set[str] | None, children: dict[int, list[int]] | None,
                 progress: ProgressFn | None) -> Iterator[tuple[A.TreeNode, list[ValueRow] | None]]:
    """(node, figures or None when not wanted) for the root alive in `p` and every unit below it,
    children before parents: one pass up the tree."""
    from xhht_desktop.messages import Text  # noqa: PLC0415

    units.load_all()
    children = children if children is not None else children_on(db, p.end.isoformat())
    root = units[root_id]
    nodes, is_tree = A.tree_order(children, lambda u: units[u].code, root_id, root.level)
    needed = [n.id for n in nodes if wanted is None or n.id in wanted]
    total = len(needed)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % 200 == 1 or done == total):
            progress(done, total, Text("progress.computing_units"))

    if not is_tree:  # a unit attached twice, a cycle: each unit over the set of units below it
        flat = [_alive_scope(db, units[uid], p.end.isoformat(), units, children) for uid in needed]
        values = _flat_values(db, flat, p, units, inds_of, trend=trend, codes=codes)
        for node in nodes:
            if node.id in values:
                tick()
            yield node, values.get(node.id)
        return
    targets = _trend_targets(db, [units[u] for u in needed], p, units, inds_of) if trend else {}
    rules: dict[str, A.Rule] = {}
    for level in {units[u].level for u in needed}:
        rules.update(A.rules_for(inds_of(level)))
    levels = {n.id: units[n.id].level for n in nodes}
    for node, gathered in A.fold_tree(nodes, levels, lambda ids: read_rows(db, ids, p.code, codes), rules, p,
                                      chunk=ROWS_PER_QUERY):
        if wanted is not None and node.id not in wanted:
            yield node, None
            continue
        tick()
        unit = units[node.id]
        unit_targets = targets.get(node.id, {})
        yield node, A.judge_unit(unit, gathered, inds_of(unit.level), p,
                                 lambda ind, bd, t=unit_targets: t.get((ind.code, bd)))


def tree_values(
    db: sqlite_utils.Database,
    root_id: int,
    p: Period,
    *,
    units: dict[int, units_repo.Unit] | None = None,
    wanted: set[int] | None = None,
    progress: ProgressFn | None = None,
) -> Iterator[tuple[A.TreeNode, list[ValueRow] | None]]:
    """(node, compute_values of the unit) for the root and every unit below it on the period's last
    day, each after the units below it (the root last); the figures are None for units not in
    `wanted` (None: all). A generator: the caller keeps what it needs, nothing else is held.

    For a period before the root existed (today's province asked for 2018) the tree is the communes
    it holds on its first day, each with its figures derived from its former communes, then the root
    derived from all of them."""
    from xhht_desktop.messages import Text  # noqa: PLC0415

    known = _Units(db, units)
    known.load_all()
    inds_of = _indicators_in_force(db, p, None)
    root = known[root_id]
    if lineage.before_life(root, p):
        members = lineage.members(db, root) if root.level != "xa" else []
        nodes = [*(A.TreeNode(m.id, (), 1) for m in members), A.TreeNode(root_id, tuple(m.id for m in members), 0)]
        ids = [n.id for n in nodes if wanted is None or n.id in wanted]
        if progress is not None:
            progress(0, len(ids), Text("progress.computing_units"))
        values = _unit_values(db, ids, p, known, inds_of, trend=True, codes=None, progress=None)
        if progress is not None:
            progress(len(ids), len(ids), Text("progress.computing_units"))
        for node in nodes:
            yield node, values.get(node.id)
        return
    yield from _tree_values(db, root_id, p, known, wanted, inds_of, trend=True, codes=None, children=None,
                            progress=progress)


def bulk_values(
    db: sqlite_utils.Database,
    root_id: int,
    period: str | Period,
    *,
    unit_ids: list[int] | None = None,
    progress: ProgressFn | None = None,
) -> dict[int, list[ValueRow]]:
    """The figures of the root and every unit below it (or of `unit_ids`), in one pass up the tree."""
    p = period if isinstance(period, Period) else parse_period(period)
    wanted = None if unit_ids is None else set(unit_ids)
    out = {node.id: rows for node, rows in tree_values(db, root_id, p, wanted=wanted, progress=progress)
           if rows is not None}
    if unit_ids is None:
        return out
    missing = [uid for uid in unit_ids if uid not in out]
    if missing:
        out.update(unit_values(db, missing, p))
    return {uid: out[uid] for uid in unit_ids}


# ---- suggestions ---------------------------------------------------------------------------------

def level_suggestions(db: sqlite_utils.Database, unit_id: int, period: str | Period) -> dict:
    """For each level (mức độ) the unit enters whose NĐ 20/2014 thresholds its own rates can tell:
    the suggested degree (domain.levels.Suggestion: indicator, degree, rule, dbkk_known, rates).
    Units carry no ĐBKK attribute yet, so the standard thresholds are used and `dbkk_known` is False.
    Nothing is written: the recognised degree stays what the unit entered."""
    from xhht_desktop.db import values_repo  # noqa: PLC0415
    from xhht_desktop.domain.levels import RULES, suggest_degree  # noqa: PLC0415

    p = period if isinstance(period, Period) else parse_period(period)
    unit = units_repo.get_unit(db, unit_id)
    entries = values_repo.load_entries(db, unit_id, p.code)
    figures = {code: (e.numerator, e.denominator) for (code, bd), e in entries.items() if bd is None}
    recognised = {}
    for (code, bd), e in entries.items():
        if bd is None and code in RULES and e.value is not None:
            recognised[code] = effective_degree(code, e.value, e.decision_date, p)
    out = {}
    for ind in indicators_of(db, unit.level, p):
        if ind.kind != "level" or ind.code not in RULES:
            continue
        s = suggest_degree(ind.code, figures, recognised, dbkk=None)
        if s is not None:
            out[ind.code] = s
    return out
