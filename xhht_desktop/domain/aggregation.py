"""The aggregation rules: how stored figures become a unit's figures for a period — no database.

One engine for every figure the app shows or prints (the dashboard, `values`, the entry form's
context, the progress sheet, the consolidated report of a district, a province or the nation).
db.aggregate reads the stored rows once and feeds them here; nothing in this module runs SQL.

What a unit's figure rests on (its *scope*) is a tree of units, each with its own stored rows:
- a unit alive in the period: itself and every unit below it on the period's last day (a commune
  counts only its own figures, whatever hangs below it);
- a unit for a period before it existed (the 2025 reform): its former communes (domain.lineage
  finds them), judged as a unit above them (`history_view_level`), its own rows not counted; its
  figures are marked `derived`;
- a whole report: the tree below its root, where each unit's figures are its own tallies plus its
  children's, so one pass up the tree gives every unit's figures (`fold_tree`). One unit over a flat
  set of units (`gather`: the units below it, its former communes, or links that are not a tree)
  adds up as the fold over a one-level tree (`star`) would, without the intermediate tallies; the
  units it counts are the set's members.

How figures add up, by the indicator's kind (domain.catalogue KINDS):
- rate, trend (numerator/denominator): numerators and denominators summed, the rate recomputed from
  the sums (never averaged); half a fraction is no figure;
- count: summed; a unit above the commune also shows its own count (`own_value`);
- flag (1 đạt / 0 chưa): a unit's own at the level that enters it; above it, the share (%) of the
  units of that level below that reached it, beside the unit's own flag;
- level (mức độ): the unit's own effective degree (a lapsed recognition counts 0: domain.levels);
  above the level that enters it, for each degree the share (%) of the units below at or above it.
Coverage: every figure says how many of the units that must report it did (`units_reported` of
`units_expected`: the unit itself at the indicator's lowest level, else the units of that level below);
reports.verdict refuses a verdict resting on too few. Blank is never zero: a figure nobody reported is
None. Judging: against the target of the programme's nearest target year at or after the period
(the programme's draft targets said so); a trend ("increase") against the same figure of the same
period last year, over the units below the unit then, within the same programme.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import NamedTuple, Protocol

from xhht_desktop.domain.catalogue import Indicator, entry_keys
from xhht_desktop.domain.levels import effective_degree
from xhht_desktop.domain.lineage import derive, history_view_level
from xhht_desktop.domain.periods import Period, applies
from xhht_desktop.domain.values import rate

LEVEL_ORDER = {"xa": 0, "huyen": 1, "tinh": 2}


class Judged(Protocol):
    """What the rules need of a unit: its code (printed on every row) and level."""

    code: str
    level: str


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
        return asdict(self)


# ---- the period and programme rules -------------------------------------------------------------

def in_force(indicators: Iterable[Indicator], p: Period) -> list[Indicator]:
    """The indicators reported for `p`: a yearly indicator has no half-year figure."""
    return [i for i in indicators if applies(i.periodicity, p)]


def trend_period(p: Period) -> Period | None:
    """What a trend ("higher than last year") is judged against: the same period last year, if the
    same programme runs then (as the entry form says: 2021 has nothing of its own programme in 2020;
    a code both catalogues share is another indicator of another plan)."""
    last = p.same_period_last_year()
    return last if last is not None and last.programme_code == p.programme_code else None


def trend_indicators(indicators: Iterable[Indicator], p: Period) -> list[Indicator]:
    """Of `indicators` (judged for `p`), the trends whose figure last year can be looked up."""
    last = trend_period(p)
    if last is None:
        return []
    return [i for i in indicators if i.target_op == "increase" and applies(i.periodicity, last)]


def change_period(p: Period) -> Period | None:
    """The period a paper's "change" column compares with: the previous one, if the same programme
    runs then (2021 against 2020 would set other indicators side by side)."""
    prev = p.previous()
    return prev if prev is not None and prev.programme_code == p.programme_code else None


def judge_target(op: str | None, value: float | None, target: float | None) -> bool | None:
    """Whether `value` meets `target` under the indicator's operator; None when it cannot tell."""
    if value is None or target is None or op is None:
        return None
    if op == ">":
        return value > target
    if op in (">=", "increase"):
        return value >= target if op == ">=" else value > target
    return None


# ---- the kinds, over tallies -------------------------------------------------------------------
#
# Everything the rules need about one (indicator, breakdown) over a set of units fits in a few
# numbers, and the numbers of two disjoint sets add up: a unit's tally is its own rows' plus its
# children's tallies.

FRACTION, COUNT, FLAG, LEVEL = 0, 1, 2, 3
# A tally: [n, a, b, reported, ones] (+ one slot per degree for levels)
#   n         figures counted: a numerator-and-denominator pair (rates), a value (counts, flags, levels)
#   a, b      Σ numerators and Σ denominators (rates); a = Σ values (counts, levels)
#   reported  of the units counted in n, those at the indicator's lowest level (who must report)
#   ones      of those, flags equal to 1 (đạt)
#   [5 + d-1] levels: of those, units whose effective degree is d or more (d = 1 … LEVEL_SLOTS)
Tally = list
LEVEL_SLOTS = 9  # domain.catalogue refuses a level scale above this
TallyKey = tuple[str, str]  # (indicator, breakdown or "")
Row = tuple  # a stored figure: (indicator, breakdown or "", numerator, denominator, value, decision_date)
Own = tuple  # a unit's own figure as the rules count it: (numerator, denominator, value)
Rule = tuple[int, str]  # (FRACTION | COUNT | FLAG | LEVEL, the lowest level that enters the indicator)


def lowest_level(ind: Indicator) -> str:
    """The level that enters the indicator: who must report it."""
    return min(ind.levels, key=LEVEL_ORDER.__getitem__)


def rule_of(ind: Indicator) -> Rule:
    return _rule(ind.has_fraction, ind.kind, tuple(ind.levels))


@functools.lru_cache(maxsize=64)
def _rule(has_fraction: bool, kind: str, levels: tuple[str, ...]) -> Rule:
    # Cached: a national report asks for it half a million times.
    code = FRACTION if has_fraction else COUNT if kind == "count" else LEVEL if kind == "level" else FLAG
    return code, min(levels, key=LEVEL_ORDER.__getitem__)


def rules_for(indicators: Iterable[Indicator]) -> dict[str, Rule]:
    """The rule of each indicator code: what the tallies need to read a stored row."""
    return {i.code: rule_of(i) for i in indicators}


def level_figure(indicator: str, degree: int | None, decision_date: str | None, p: Period) -> Own:
    """A stored degree as the rules count it: (recognised degree, None, effective degree), the
    effective one 0 when the recognition has lapsed by the period's end. The recognised degree
    travels in the numerator slot, which kind `level` does not otherwise use."""
    return degree, None, effective_degree(indicator, degree, decision_date, p)


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


def tally_own(level: str, rows: Iterable[Row], rules: Mapping[str, Rule], p: Period
              ) -> tuple[dict[TallyKey, Tally], dict[TallyKey, Own]]:
    """One unit's stored rows for `p`: their tallies, and its own figures by key. Rows of indicators
    without a rule (not in the period's programme) are left out."""
    tallies: dict[TallyKey, Tally] = {}
    own: dict[TallyKey, Own] = {}
    _gather_unit(tallies, own, True, level, rows, rules, p)
    return tallies, own


# ---- scopes: what a unit's figures rest on -------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TreeNode:
    """A unit of a scope's tree: `kids` are attached to it (report order: those with nothing below
    first, each by code); `depth` 0 is the root."""

    id: int
    kids: tuple[int, ...]
    depth: int


class Gathered(NamedTuple):
    """What the rules need to judge one unit: the tallies over its scope, its own figures (none when
    derived), and how many units of each level the scope counts."""

    tallies: dict[TallyKey, Tally]
    own: dict[TallyKey, Own]
    counts: dict[str, int]


def tree_order(children: Mapping[int, Sequence[int]], code_of: Callable[[int], str], root_id: int,
               root_level: str) -> tuple[list[TreeNode], bool]:
    """The root and every unit below it, each after the units below it (the root last), and whether
    the links form a tree. They might not (a unit attached twice on the same day, a cycle): then each
    unit is listed once, where first met, and the caller must count by sets (`star`)."""
    def order(uid: int) -> tuple[bool, str]:
        return bool(children.get(uid)), code_of(uid)

    if root_level == "xa":  # a commune's figures are its own
        return [TreeNode(root_id, (), 0)], True
    out: list[TreeNode] = []
    seen = {root_id}
    is_tree = True
    stack: list[tuple[int, int, tuple[int, ...] | None]] = [(root_id, 0, None)]
    while stack:
        uid, depth, kids = stack.pop()
        if kids is not None:
            out.append(TreeNode(uid, kids, depth))
            continue
        fresh = []
        for k in sorted(children.get(uid, ()), key=order):
            if k in seen:
                is_tree = False
                continue
            seen.add(k)
            fresh.append(k)
        stack.append((uid, depth, tuple(fresh)))
        stack.extend((k, depth + 1, None) for k in reversed(fresh))
    return out, is_tree


def descendants(children: Mapping[int, Sequence[int]], root_id: int) -> set[int]:
    """Every unit below `root_id` through `children`, each once (links that are not a tree too)."""
    out: set[int] = set()
    todo = list(children.get(root_id, ()))
    while todo:
        uid = todo.pop()
        if uid in out or uid == root_id:
            continue
        out.add(uid)
        todo.extend(children.get(uid, ()))
    return out


def star(root_id: int, members: Iterable[int]) -> list[TreeNode]:
    """A flat scope as a one-level tree: each member a leaf, then the root. The root's own rows count
    only if the reader has them (a derived unit's root is not read)."""
    ids = [m for m in members if m != root_id]
    return [*(TreeNode(m, (), 1) for m in ids), TreeNode(root_id, tuple(ids), 0)]


def fold_tree(nodes: Sequence[TreeNode], levels: Mapping[int, str],
              read: Callable[[list[int]], Mapping[int, Iterable[Row]]], rules: Mapping[str, Rule], p: Period,
              *, chunk: int = 900) -> Iterator[tuple[TreeNode, Gathered]]:
    """One pass up a tree: for each node in order (children before parents), what the rules need to
    judge it — its own rows' tallies plus its children's. `read(ids)` gives the stored rows of a
    chunk of units (ids it has nothing for: no rows). The consumer must judge a node before asking
    for the next: its tallies are then added into its parent's. Only the tallies of units whose parent
    is not reached yet are held."""
    pending: dict[int, Gathered] = {}
    for start in range(0, len(nodes), chunk):
        part = nodes[start:start + chunk]
        rows = read([n.id for n in part])
        for node in part:
            level = levels[node.id]
            tallies, own = tally_own(level, rows.get(node.id, ()), rules, p)
            counts = {level: 1}
            if node.kids and level == "xa":  # a commune counts only its own figures, whatever hangs below
                yield node, Gathered({k: list(t) for k, t in tallies.items()}, own, {level: 1})
            elif not node.kids:
                yield node, Gathered(tallies, own, counts)
            for k in node.kids:
                t, _, c = pending.pop(k)
                merge_tallies(tallies, t)
                for lv, n in c.items():
                    counts[lv] = counts.get(lv, 0) + n
            if node.kids and level != "xa":
                yield node, Gathered(tallies, own, counts)
            pending[node.id] = Gathered(tallies, own, counts)


def gather(members: Mapping[int, str], read: Callable[[list[int]], Mapping[int, Iterable[Row]]],
           rules: Mapping[str, Rule], p: Period, own_id: int | None, *, chunk: int = 900) -> Gathered:
    """A flat scope — the fold over `star(own_id, members)` without its intermediate tallies: every
    member's rows into one tally, `chunk` members read at a time; `own_id`'s rows (if a member) are
    also its own."""
    tallies: dict[TallyKey, Tally] = {}
    own: dict[TallyKey, Own] = {}
    counts: dict[str, int] = {}
    ids = list(members)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        rows = read(part)
        for uid in part:
            level = members[uid]
            counts[level] = counts.get(level, 0) + 1
            _gather_unit(tallies, own, uid == own_id, level, rows.get(uid, ()), rules, p)
    return Gathered(tallies, own, counts)


def _gather_unit(tallies: dict[TallyKey, Tally], own: dict[TallyKey, Own], is_own: bool, level: str,
                 rows: Iterable[Row], rules: Mapping[str, Rule], p: Period) -> None:
    for ind, bd, num, den, val, ddate in rows:
        rule = rules.get(ind)
        if rule is None:
            continue
        if rule[0] == LEVEL:
            num, den, val = level_figure(ind, val, ddate, p)
        key = (ind, bd or "")
        add_figure(tallies, key, rule[0], rule[1], level, num, den, val)
        if is_own:
            own[key] = (num, den, val)


def derived_scope(unit_level: str, sources: Iterable[tuple[int, str]]) -> tuple[str, dict[int, str]]:
    """A unit for a period before it existed, over its former units (id, level): the level it is
    judged at and the units counted — the former units only, never the unit itself."""
    return history_view_level(unit_level), dict(sources)


def mark_derived(rows: list[ValueRow]) -> list[ValueRow]:
    """Rows combined from the former units (on screen, in `values`, on paper)."""
    for r in rows:
        r.derived = True
    return rows


# ---- coverage -----------------------------------------------------------------------------------

class Covered(NamedTuple):
    reported: int  # units (the paper's unit, or the communes below it) with at least one figure
    expected: int
    sources_reported: int = 0  # when derived: former units with at least one figure
    sources_expected: int = 0


def coverage_counts(groups: Sequence[tuple[int, Sequence[int]]], reporting: set[int]) -> Covered:
    """How much of a unit a paper covers. `groups`: each unit that must report, with the units that
    stand for it in the period (itself; or, before it existed, its former units); `reporting`: the
    units with at least one figure. A unit counts as reported when any unit standing for it did;
    each former unit counts once."""
    sources = {s for _, srcs in groups for s in srcs}
    return Covered(
        reported=sum(1 for _, srcs in groups if any(s in reporting for s in srcs)), expected=len(groups),
        sources_reported=len(sources & reporting), sources_expected=len(sources))


# ---- judging one unit ---------------------------------------------------------------------------

def judge_unit(
    unit: Judged,
    gathered: Gathered,
    indicators: Sequence[Indicator],
    p: Period,
    trend_target: Callable[[Indicator, str | None], float | None],
) -> list[ValueRow]:
    """The rules for `unit` (at the level it is judged at) over what its scope gathered: one row per
    indicator and breakdown, in catalogue order. `trend_target(ind, breakdown)` gives last year's
    figure of a trend."""
    tallies, own, counts = gathered
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
            reported = 0
            if kind == LEVEL:
                value, own_value, shares, recognised, lapsed, reported = judge_level(ind, level, at_lowest, t, o)
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
            met = judge_target(op, compare_value, row_target)
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


def judge_level(ind: Indicator, level: str, at_lowest: bool, t: Tally | None, o: Own | None):
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


# ---- figures already computed, added up (the agencies' view, the groups by former district) -------

def sum_rows(kind: str, rows: Sequence[ValueRow]) -> tuple[int | None, int | None, float | None]:
    """(numerator, denominator, value) of disjoint units' figures of one indicator added up: counts
    summed, rates from the summed numerators and denominators; flags without a fraction (a unit's own
    đạt/chưa) as the share of units that reached them. Nobody reported: (None, None, None)."""
    have = [r for r in rows if r is not None and r.value is not None]
    if not have:
        return None, None, None
    if kind == "count":
        return None, None, float(sum(r.value for r in have))
    if all(r.numerator is not None and r.denominator is not None for r in have):
        num = sum(r.numerator for r in have)
        den = sum(r.denominator for r in have)
        return num, den, rate(num, den)
    num = sum(int(r.value >= 1) for r in have)
    return num, len(have), rate(num, len(have))


def group_rows(indicators: Sequence[Indicator], units_rows: Sequence[Mapping[tuple[str, str | None], ValueRow]],
               unit_code: str, p: Period) -> dict[tuple[str, str | None], ValueRow]:
    """The figures of a group of units (the analysis view by former district), added up from the
    units' figures already computed, by the lineage's rule (domain.lineage.derive): numerators,
    denominators and counts summed; the units' own flags (levels) as the share that reached them;
    figures already shares (derived from former communes) by their numerators and denominators.
    `units_rows`: each unit's figures by (indicator, breakdown)."""
    out: dict[tuple[str, str | None], ValueRow] = {}
    for ind in indicators:
        for bd in entry_keys(ind):
            rows = [r for r in (u.get((ind.code, bd)) for u in units_rows) if r is not None]
            have = [r for r in rows if r.value is not None]
            target = rows[0].target if rows and ind.target_op != "increase" else None
            shares = bool(have) and all(r.numerator is not None and r.denominator is not None for r in have)
            d = derive(ind.kind, [(r.numerator, r.denominator, r.value) for r in have], len(rows),
                       has_fraction=ind.has_fraction or (ind.kind != "count" and shares),
                       scale=getattr(ind, "scale", None),
                       bar=int(target) if ind.kind == "level" and target else None)
            met = None if ind.kind == "level" else judge_target(ind.target_op, d.value, target)
            out[(ind.code, bd)] = ValueRow(
                indicator=ind.code, breakdown=bd, unit=unit_code, period=p.code, numerator=d.numerator,
                denominator=d.denominator if ind.kind != "count" else None, value=d.value, target=target,
                met=met, kind=ind.kind, target_2015=ind.target_2015, target_2020=ind.target_2020,
                target_op=ind.target_op, gap=None if met is None else d.value - target,
                units_reported=sum(r.units_reported for r in rows), units_expected=sum(r.units_expected for r in rows),
                derived=any(r.derived for r in rows))
    return out
