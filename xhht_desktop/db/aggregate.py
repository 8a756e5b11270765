"""Figures of a unit for a period: a commune's own, or a district's / the province's computed from
everything the database holds below it plus its own entries.

Rates are recomputed from summed counts (never averaged); flags above the commune become the share
of units below that reach them; counts are summed; levels (mức độ) above the commune become the share
of units at or above each degree, beside the level's own recognised degree. A recognition that has
lapsed (CDHT_XA_MUC_DO, 36 months after its decision) counts as 0 for the period.

The indicators are those of the period's programme (plan 2780 up to 2020, the 2021–2030 programme
from 2021), with the targets the database holds (db/reference.py), judged against the programme's
nearest target year at or after the period.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict, dataclass

import sqlite_utils

from xhht_desktop.db import lineage, units_repo
from xhht_desktop.domain.catalogue import Indicator, entry_keys
from xhht_desktop.domain.levels import effective_degree
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
    own_value: float | None = None  # a higher level's own flag, own count or own degree
    units_reported: int = 0
    units_expected: int = 0
    # The programme's targets: {target year: figure}, the year this period is judged against, and
    # whether that target is a draft ("mục tiêu dự thảo, chưa được Sở xác nhận").
    targets: dict[int, float | None] | None = None
    target_year: int | None = None
    target_draft: bool = False
    draft_years: tuple[int, ...] = ()
    # kind "level": {degree: share (%) of the units below at or above it} above the commune, the
    # degree as recognised (before lapsing), and whether that recognition has lapsed this period.
    shares: dict[int, float | None] | None = None
    recognised: int | None = None
    lapsed: bool = False
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
        indicators = indicators_of(db, unit.level, p)
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
    level_codes = {i.code for i in indicators if i.kind == "level"}
    imarks = ",".join("?" * len(codes))
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        marks = ",".join("?" * len(chunk))
        for uid, ind, bd, num, den, val, ddate in conn.execute(
            f"""SELECT unit_id, indicator, breakdown, numerator, denominator, value, decision_date
                FROM indicator_values
                WHERE period=? AND deleted=0 AND unit_id IN ({marks}) AND indicator IN ({imarks})""",
            [p.code, *chunk, *codes],
        ):
            if ind in level_codes:
                num, den, val = level_figure(ind, val, ddate, p)
            rows_by_key.setdefault((ind, bd), []).append((uid, num, den, val))

    def trend_target(ind: Indicator, bd: str | None) -> float | None:
        last = p.same_period_last_year()
        if not with_trend_targets or last is None:
            return None
        prev_rows = compute_values(db, unit_id, last, indicators=[ind], with_trend_targets=False)
        return next((r.value for r in prev_rows if r.breakdown == bd), None)

    rows = evaluate_unit(unit, levels, rows_by_key, indicators, p, trend_target)
    return lineage.mark_derived(rows) if derived else rows


def indicators_of(db: sqlite_utils.Database, level: str, p: Period) -> list[Indicator]:
    """What a unit of `level` reports for the period: its programme's catalogue (with the targets the
    database holds), a commune's own indicators, above it everything visible there."""
    from xhht_desktop.db.reference import catalogue_in_db  # noqa: PLC0415 - reference imports units data

    return catalogue_in_db(db, p).reported_at(level)


def level_figure(indicator: str, degree: int | None, decision_date: str | None, p: Period
                 ) -> tuple[int | None, None, int | None]:
    """A stored degree as the rules count it: (recognised degree, None, effective degree), the
    effective one 0 when the recognition has lapsed by the period's end. The recognised degree
    travels in the numerator slot, which kind `level` does not otherwise use."""
    return degree, None, effective_degree(indicator, degree, decision_date, p)


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


# ---- the rules, over tallies -------------------------------------------------------------------------
#
# Everything the plan's rules need about one (indicator, breakdown) over a set of units fits in five
# numbers, and the numbers of two disjoint sets add up. So compute_values tallies the rows it fetched,
# and the bulk reports tally each unit's own rows and add its children's tallies (one pass up the
# tree instead of regrouping every descendant for every unit). Both then judge with `judge_unit`.

FRACTION, COUNT, FLAG, LEVEL = 0, 1, 2, 3
# A tally: [n, a, b, reported, ones] (+ one slot per degree for levels)
#   n         figures counted: a numerator-and-denominator pair (rates), a value (counts, flags, levels)
#   a, b      Σ numerators and Σ denominators (rates); a = Σ values (counts)
#   reported  of the units counted in n, those at the indicator's lowest level (who must report)
#   ones      of those, flags equal to 1 (đạt)
#   [5 + d-1] levels: of those, units whose effective degree is d or more (d = 1 … LEVEL_SLOTS)
Tally = list
LEVEL_SLOTS = 9
TallyKey = tuple[str, str]  # (indicator, breakdown or "")


def rule_of(ind: Indicator) -> tuple[int, str]:
    """(FRACTION | COUNT | FLAG, the lowest level that enters it)."""
    return _rule(ind.has_fraction, ind.kind, tuple(ind.levels))


@functools.lru_cache(maxsize=64)
def _rule(has_fraction: bool, kind: str, levels: tuple[str, ...]) -> tuple[int, str]:
    # Cached: the bulk reports ask for it half a million times.
    code = FRACTION if has_fraction else COUNT if kind == "count" else LEVEL if kind == "level" else FLAG
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
    elif kind == LEVEL:
        add_level(tallies, key, lowest, level, val)
        return
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


def add_level(tallies: dict[TallyKey, Tally], key: TallyKey, lowest: str, level: str, degree: int | None) -> None:
    """Count one unit's effective degree: at the lowest level, into the 'at or above d' slots."""
    if degree is None:
        return
    t = tallies.get(key)
    if t is None:
        t = tallies[key] = [0] * (5 + LEVEL_SLOTS)
    t[0] += 1
    t[1] += degree
    if level == lowest:
        t[3] += 1
        for d in range(1, min(degree, LEVEL_SLOTS) + 1):
            t[4 + d] += 1


def merge_tallies(into: dict[TallyKey, Tally], other: dict[TallyKey, Tally]) -> dict[TallyKey, Tally]:
    """Add the tallies of a disjoint set of units into `into` (`other` must not be used afterwards:
    its lists may now belong to `into`)."""
    for key, t in other.items():
        u = into.get(key)
        if u is None:
            into[key] = t
        elif len(u) == 5:
            u[0] += t[0]
            u[1] += t[1]
            u[2] += t[2]
            u[3] += t[3]
            u[4] += t[4]
        else:  # a level's tally
            for i, x in enumerate(t):
                u[i] += x
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
    years = p.target_years
    level = unit.level
    period_code, unit_code = p.code, unit.code
    for ind in indicators:
        kind, lowest = rule_of(ind)
        at_lowest = level == lowest
        # Who must report: the unit itself at its own level; above it, the lowest-level units below.
        expected = 1 if at_lowest else counts.get(lowest, 0)
        target = ind.target_for_year(target_year)
        op = ind.target_op
        targets = {y: ind.targets.get(y) for y in years}
        draft = target_year in ind.draft_targets
        draft_years = tuple(sorted(y for y in ind.draft_targets if y in targets))
        for bd in entry_keys(ind):
            key = (ind.code, bd or "")
            t = tallies.get(key)
            o = own.get(key)
            num = den = None
            value: float | None = None
            own_value: float | None = None
            shares = recognised = None
            lapsed = False
            if kind == LEVEL:
                value, own_value, shares, recognised, lapsed, reported = judge_level(
                    ind, level, at_lowest, t, o)
            elif kind == FRACTION:
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
                units_expected=expected, targets=targets, target_year=target_year, target_draft=draft,
                draft_years=draft_years, shares=shares, recognised=recognised, lapsed=lapsed,
            ))
    return out


def judge_level(ind: Indicator, level: str, at_lowest: bool, t: Tally | None,
                o: tuple[int | None, int | None, int | None] | None):
    """Kind `level`: (value, own_value, shares, recognised, lapsed, reported).

    The value is the unit's own effective degree (a commune's, or the province's own recognised
    degree); above the lowest level, `shares` gives for each degree the share (%) of the units below
    at or above it, and `reported` the units below that gave a degree."""
    recognised = o[0] if o is not None else None
    mine = o[2] if o is not None else None
    value = float(mine) if mine is not None else None
    lapsed = bool(recognised and mine == 0)
    own_value = value if level != "xa" else None
    shares = None
    if at_lowest:
        reported = int(mine is not None)
    else:
        reported = t[3] if t is not None else 0
        hi = ind.scale[1] if ind.scale else 0
        shares = {d: (100.0 * t[4 + d] / t[3] if t is not None and t[3] else None) for d in range(1, hi + 1)}
    return value, own_value, shares, recognised, lapsed, reported
