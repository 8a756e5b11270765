"""Figures of a unit for a period: a commune's own, or a district's / the province's computed from
everything the database holds below it plus its own entries.

Rates are recomputed from summed counts (never averaged); flags above the commune become the share
of units below that reach them; counts are summed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import sqlite_utils

from xhht_desktop.db import units_repo
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

    return evaluate_unit(unit, levels, rows_by_key, indicators, p, trend_target)


def evaluate_unit(
    unit: units_repo.Unit,
    levels: dict[int, str],
    rows_by_key: dict[tuple[str, str], list[tuple[int, int | None, int | None, int | None]]],
    indicators: list[Indicator],
    p: Period,
    trend_target: Callable[[Indicator, str | None], float | None],
) -> list[ValueRow]:
    """The plan's rules over figures already fetched — shared by compute_values and the bulk reports.

    `levels` maps every unit counted (the unit itself and all units below it) to its level;
    `rows_by_key` maps (indicator, breakdown or "") to (unit id, numerator, denominator, value) rows.
    """
    unit_id = unit.id
    out: list[ValueRow] = []
    target_year = p.target_year
    for ind in indicators:
        lowest = _lowest_level(ind)
        if unit.level == lowest:
            expected = {unit_id}
        else:
            expected = {u for u, lv in levels.items() if lv == lowest and u != unit_id}
        for bd in entry_keys(ind):
            rows = rows_by_key.get((ind.code, bd or ""), ())
            num = den = None
            value: float | None = None
            own: float | None = None
            if ind.has_fraction:
                pairs = [(u, n, d) for u, n, d, _ in rows if n is not None and d is not None and u in levels]
                reporters = {u for u, _, _ in pairs}
                if pairs:
                    num = sum(n for _, n, _ in pairs)
                    den = sum(d for _, _, d in pairs)
                    value = rate(num, den)
            elif ind.kind == "count":
                vals = [(u, v) for u, _, _, v in rows if v is not None and u in levels]
                reporters = {u for u, _ in vals}
                own = next((float(v) for u, v in vals if u == unit_id), None) if unit.level != "xa" else None
                if vals:
                    value = float(sum(v for _, v in vals))
            else:  # flag
                vals = {u: v for u, _, _, v in rows if v is not None and u in levels}
                reporters = set(vals)
                if unit.level == lowest:
                    value = float(vals[unit_id]) if unit_id in vals else None
                    if unit.level != "xa" and value is not None:
                        own = value
                else:
                    own = float(vals[unit_id]) if unit_id in vals else None
                    below_vals = [vals[u] for u in expected if u in vals]
                    if below_vals:
                        num = sum(1 for v in below_vals if v == 1)
                        den = len(below_vals)
                        value = 100.0 * num / den
            # Units reported counts the expected (lowest-level) units that sent this figure; a higher
            # level's own entry is part of the sums but not of this count.
            reported = len(reporters & expected)
            target = ind.target_for_year(target_year)
            op = ind.target_op
            compare_value = value
            if ind.kind == "flag" and unit.level == lowest and value is not None:
                compare_value = 100.0 * value  # a unit's own flag: đạt = 100%
            if op == "increase":
                target = trend_target(ind, bd)
            met = _judge(op, compare_value, target)
            gap = None if compare_value is None or target is None else compare_value - target
            out.append(ValueRow(
                indicator=ind.code, breakdown=bd, unit=unit.code, period=p.code,
                numerator=num, denominator=den, value=value, target=target, met=met,
                kind=ind.kind, target_2015=ind.target_2015, target_2020=ind.target_2020,
                target_op=op, gap=gap, own_value=own, units_reported=reported,
                units_expected=len(expected),
            ))
    return out
