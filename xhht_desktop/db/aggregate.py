"""Figures of a unit for a period: a commune's own, or a district's / the province's computed from
everything the database holds below it plus its own entries.

Rates are recomputed from summed counts (never averaged); flags above the commune become the share
of units below that reach them; counts are summed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict, dataclass

import sqlite_utils

from xhht_desktop.db import lineage, units_repo
from xhht_desktop.domain.catalogue import Indicator, entry_keys, indicators_for_level, indicators_visible_at
from xhht_desktop.domain.periods import Period, applies, parse_period
from xhht_desktop.domain.values import rate

LEVEL_ORDER = {"xa": 0, "huyen": 1, "tinh": 2}


@dataclass(slots=True)
class ValueRow:
    indicator: str
    breakdown: str | None
    unit: str
    period: str
    numerator: int | None
    denominator: int | None
    value: float | None
    target: float | None
    met: bool | None
    # Beyond the CLI contract: what the dashboard and reports show.
    kind: str = ""
    target_2015: float | None = None
    target_2020: float | None = None
    target_op: str | None = None
    gap: float | None = None  # value - target (percentage points for rates)
    own_value: float | None = None  # a higher level's own flag or own count
    units_reported: int = 0
    units_expected: int = 0
    # Derived from the unit's former units (a period before it existed; db.lineage): then
    # units_reported/units_expected count those former units.
    derived: bool = False

    def as_json(self) -> dict:
        d = asdict(self)
        return d


def _judge(op: str | None, value: float | None, target: float | None) -> bool | None:
    if value is None or target is None or op is None:
        return None
    if op == ">":
        return value > target
    if op in (">=", "increase"):
        return value >= target if op == ">=" else value > target
    return None


def _lowest_level(ind: Indicator) -> str:
    return min(ind.levels, key=LEVEL_ORDER.__getitem__)


def compute_values(
    db: sqlite_utils.Database,
    unit_id: int,
    period: str | Period,
    *,
    indicators: list[Indicator] | None = None,
    with_trend_targets: bool = True,
) -> list[ValueRow]:
    p = period if isinstance(period, Period) else parse_period(period)
    unit = units_repo.get_unit(db, unit_id)
    if indicators is None:
        indicators = indicators_for_level("xa") if unit.level == "xa" else indicators_visible_at(unit.level)
    indicators = [i for i in indicators if applies(i.periodicity, p)]
    day = p.end.isoformat()
    below = units_repo.descendant_ids(db, unit_id, day) if unit.level != "xa" else {}
    levels = {unit_id: unit.level, **below}
    derived = day < unit.valid_from and lineage.history_levels(db, unit, p)
    if derived:  # before the unit existed: the same rules over its former communes (db.lineage)
        unit, levels = lineage.history_view(unit), derived
    ids = list(levels)

    rows_by_key: dict[tuple[str, str], list[tuple[int, int | None, int | None, int | None]]] = {}
    conn = db.conn
    # One query per chunk of units: chunked IN lists keep the statement within SQLite's limits.
    codes = [i.code for i in indicators]
    imarks = ",".join("?" * len(codes))
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        marks = ",".join("?" * len(chunk))
        for uid, ind, bd, num, den, val in conn.execute(
            f"""SELECT unit_id, indicator, breakdown, numerator, denominator, value FROM indicator_values
                WHERE period=? AND deleted=0 AND unit_id IN ({marks}) AND indicator IN ({imarks})""",
            [p.code, *chunk, *codes],
        ):
            rows_by_key.setdefault((ind, bd), []).append((uid, num, den, val))

    def trend_target(ind: Indicator, bd: str | None) -> float | None:
        last = p.same_period_last_year()
        if not with_trend_targets or last is None:
            return None
        prev_rows = compute_values(db, unit_id, last, indicators=[ind], with_trend_targets=False)
        return next((r.value for r in prev_rows if r.breakdown == bd), None)

    rows = evaluate_unit(unit, levels, rows_by_key, indicators, p, trend_target)
    return lineage.mark_derived(rows) if derived else rows


# ---- the rules, over tallies -------------------------------------------------------------------------
#
# Everything the plan's rules need about one (indicator, breakdown) over a set of units fits in five
# numbers, and the numbers of two disjoint sets add up. So compute_values tallies the rows it fetched,
# and the bulk reports tally each unit's own rows and add its children's tallies (one pass up the
# tree instead of regrouping every descendant for every unit). Both then judge with `judge_unit`.

FRACTION, COUNT, FLAG = 0, 1, 2
# A tally: [n, a, b, reported, ones]
#   n         figures counted: a numerator-and-denominator pair (rates), a value (counts, flags)
#   a, b      Σ numerators and Σ denominators (rates); a = Σ values (counts)
#   reported  of the units counted in n, those at the indicator's lowest level (who must report)
#   ones      of those, flags equal to 1 (đạt)
Tally = list
TallyKey = tuple[str, str]  # (indicator, breakdown or "")


def rule_of(ind: Indicator) -> tuple[int, str]:
    """(FRACTION | COUNT | FLAG, the lowest level that enters it)."""
    return _rule(ind.has_fraction, ind.kind, tuple(ind.levels))


@functools.lru_cache(maxsize=64)
def _rule(has_fraction: bool, kind: str, levels: tuple[str, ...]) -> tuple[int, str]:
    # Cached: the bulk reports ask for it half a million times.
    code = FRACTION if has_fraction else COUNT if kind == "count" else FLAG
    return code, min(levels, key=LEVEL_ORDER.__getitem__)


def add_figure(tallies: dict[TallyKey, Tally], key: TallyKey, kind: int, lowest: str, level: str,
               num: int | None, den: int | None, val: int | None) -> None:
    """Count one unit's stored figure (of a unit at `level`) into `tallies`."""
    if kind == FRACTION:
        if num is None or den is None:  # half a fraction is no figure
            return
        t = tallies.get(key)
        if t is None:
            t = tallies[key] = [0, 0, 0, 0, 0]
        t[0] += 1
        t[1] += num
        t[2] += den
    else:
        if val is None:
            return
        t = tallies.get(key)
        if t is None:
            t = tallies[key] = [0, 0, 0, 0, 0]
        t[0] += 1
        if kind == COUNT:
            t[1] += val
    if level == lowest:
        t[3] += 1
        if kind == FLAG and val == 1:
            t[4] += 1


def merge_tallies(into: dict[TallyKey, Tally], other: dict[TallyKey, Tally]) -> dict[TallyKey, Tally]:
    """Add the tallies of a disjoint set of units into `into` (`other` must not be used afterwards:
    its lists may now belong to `into`)."""
    for key, t in other.items():
        u = into.get(key)
        if u is None:
            into[key] = t
        else:
            u[0] += t[0]
            u[1] += t[1]
            u[2] += t[2]
            u[3] += t[3]
            u[4] += t[4]
    return into


def evaluate_unit(
    unit: units_repo.Unit,
    levels: dict[int, str],
    rows_by_key: dict[tuple[str, str], list[tuple[int, int | None, int | None, int | None]]],
    indicators: list[Indicator],
    p: Period,
    trend_target: Callable[[Indicator, str | None], float | None],
) -> list[ValueRow]:
    """The plan's rules over figures already fetched.

    `levels` maps every unit counted (the unit itself and all units below it) to its level;
    `rows_by_key` maps (indicator, breakdown or "") to (unit id, numerator, denominator, value) rows.
    """
    tallies: dict[TallyKey, Tally] = {}
    own: dict[TallyKey, tuple[int | None, int | None, int | None]] = {}
    unit_id = unit.id
    for ind in indicators:
        kind, lowest = rule_of(ind)
        for bd in entry_keys(ind):
            key = (ind.code, bd or "")
            for u, n, d, v in rows_by_key.get(key, ()):
                level = levels.get(u)
                if level is None:
                    continue
                add_figure(tallies, key, kind, lowest, level, n, d, v)
                if u == unit_id:
                    own[key] = (n, d, v)
    counts: dict[str, int] = {}
    for level in levels.values():
        counts[level] = counts.get(level, 0) + 1
    return judge_unit(unit, tallies, own, counts, indicators, p, trend_target)


def judge_unit(
    unit: units_repo.Unit,
    tallies: dict[TallyKey, Tally],
    own: dict[TallyKey, tuple[int | None, int | None, int | None]],
    counts: dict[str, int],
    indicators: list[Indicator],
    p: Period,
    trend_target: Callable[[Indicator, str | None], float | None],
) -> list[ValueRow]:
    """The plan's rules for `unit` — shared by compute_values and the bulk reports.

    `tallies` cover the unit and every unit below it; `own` holds the unit's own stored
    (numerator, denominator, value) by key; `counts` the number of units of each level among them.
    """
    out: list[ValueRow] = []
    target_year = p.target_year
    level = unit.level
    period_code, unit_code = p.code, unit.code
    for ind in indicators:
        kind, lowest = rule_of(ind)
        at_lowest = level == lowest
        # Who must report: the unit itself at its own level; above it, the lowest-level units below.
        expected = 1 if at_lowest else counts.get(lowest, 0)
        target = ind.target_for_year(target_year)
        op = ind.target_op
        for bd in entry_keys(ind):
            key = (ind.code, bd or "")
            t = tallies.get(key)
            o = own.get(key)
            num = den = None
            value: float | None = None
            own_value: float | None = None
            if kind == FRACTION:
                if t is not None:
                    num, den = t[1], t[2]
                    value = rate(num, den)
                if at_lowest:
                    reported = int(o is not None and o[0] is not None and o[1] is not None)
            elif kind == COUNT:
                if level != "xa" and o is not None and o[2] is not None:
                    own_value = float(o[2])
                if t is not None:
                    value = float(t[1])
                if at_lowest:
                    reported = int(o is not None and o[2] is not None)
            else:  # flag
                mine = o[2] if o is not None else None
                if at_lowest:
                    value = float(mine) if mine is not None else None
                    if level != "xa":
                        own_value = value
                    reported = int(mine is not None)
                else:
                    own_value = float(mine) if mine is not None else None
                    if t is not None and t[3]:
                        num, den = t[4], t[3]
                        value = 100.0 * num / den
            # Units reported counts the expected (lowest-level) units that sent this figure; a higher
            # level's own entry is part of the sums but not of this count.
            if not at_lowest:
                reported = t[3] if t is not None else 0
            compare_value = value
            if kind == FLAG and at_lowest and value is not None:
                compare_value = 100.0 * value  # a unit's own flag: đạt = 100%
            row_target = trend_target(ind, bd) if op == "increase" else target
            met = _judge(op, compare_value, row_target)
            gap = None if compare_value is None or row_target is None else compare_value - row_target
            out.append(ValueRow(
                indicator=ind.code, breakdown=bd, unit=unit_code, period=period_code,
                numerator=num, denominator=den, value=value, target=row_target, met=met,
                kind=ind.kind, target_2015=ind.target_2015, target_2020=ind.target_2020,
                target_op=op, gap=gap, own_value=own_value, units_reported=reported,
                units_expected=expected,
            ))
    return out
