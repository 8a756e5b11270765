"""History through the lineage: a unit's figures for a period before it existed, derived from the
units it replaced (the 2025 reform: 102 Kon Tum communes became 40 communes of Quảng Ngãi).

Pure rules over figures, no database:
- which former units stand for a unit in a period (`history_sources`): its predecessors alive on the
  period's last day, and for a predecessor that did not exist yet either, its own predecessors;
- how their figures add up: as for a unit above them (`history_view_level`; domain.aggregation applies
  the plan's rules) — counts, numerators and denominators summed; flags and levels the share of the former
  units that reached them; only former units that reported a figure count, and the figure says how many
  of how many did. `derive` states the same sums over figures already computed (the groups by former
  district add up communes' figures with it);
- how much a paper covers (`Coverage`), and the analysis view by former district (`former_district_groups`).
Figures stay attached to the unit that entered them: nothing here is stored, everything is recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

# What every derived figure carries on screen and on paper.
DERIVED_NOTE_VI = "ghép từ số liệu các xã trước sáp nhập"
DERIVED_NOTE_EN = "combined from the figures of the communes before the merger"


class Lived(Protocol):
    """Anything with a life (a unit): ISO dates, `valid_to` None while it lives."""

    id: int
    valid_from: str
    valid_to: str | None


U = TypeVar("U", bound=Lived)


def alive_on(unit: Lived, day: str) -> bool:
    """A unit reports a period iff the period's last day (`day`, ISO) falls within its life."""
    return unit.valid_from <= day and (unit.valid_to is None or day <= unit.valid_to)


def before_life(unit: Lived, day: str) -> bool:
    """The period ending on `day` ends before the unit existed: its figures, if any, are derived."""
    return day < unit.valid_from


def history_sources(unit: U, day: str, predecessors_of: Callable[[U], Sequence[U]]) -> list[U]:
    """The former units whose figures make up `unit`'s figure for the period ending on `day`:
    each predecessor alive that day; a predecessor not yet born then is replaced by its own
    predecessors, and so on back. Each former unit once, in the order met; cycles are cut."""
    out: list[U] = []
    seen = {unit.id}

    def walk(u: U) -> None:
        for p in predecessors_of(u):
            if p.id in seen:
                continue
            seen.add(p.id)
            if alive_on(p, day):
                out.append(p)
            elif before_life(p, day):
                walk(p)
            # a predecessor already gone by `day` has nothing for this period

    walk(unit)
    return out


def history_view_level(level: str) -> str:
    """The level a unit's figures are judged at over its former communes: above them. A commune's
    derived figures are those of a unit holding its former communes (flags become the share that
    reached them, "units reported" counts them); a unit above the commune keeps its level."""
    return "huyen" if level == "xa" else level


# ---- the sums -------------------------------------------------------------------------------------

Figure = tuple  # (numerator, denominator, value) of one former unit; None: it did not report


@dataclass(frozen=True)
class Derived:
    """One figure derived from former units.

    - fraction (rate, trend): numerator/denominator = Σ over the units that reported both;
      value = 100 × numerator / denominator.
    - count: value = Σ values.
    - flag: numerator = units at 1, denominator = units that reported; value = their share (%).
    - level: `at_least[d-1]` = units at degree ≥ d (d = 1…top); numerator = units at or above the
      `bar` degree (the target, else 1), denominator = units that reported; value = their share (%).
    `reported` of `expected` former units sent the figure; value None when none did (blank is not 0).
    """

    numerator: int | None
    denominator: int | None
    value: float | None
    reported: int
    expected: int
    at_least: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.reported == self.expected


def derive(kind: str, figures: Iterable[Figure | None], expected: int, *, has_fraction: bool | None = None,
           scale: tuple[int, int] | None = None, bar: int | None = None) -> Derived:
    """The derived figure of one (indicator, breakdown) from the former units' own figures."""
    if has_fraction is None:
        has_fraction = kind in ("rate", "trend")
    rows = [f for f in figures if f is not None]
    if has_fraction:
        pairs = [(n, d) for n, d, _ in rows if n is not None and d is not None]
        if not pairs:
            return Derived(None, None, None, 0, expected)
        num, den = sum(n for n, _ in pairs), sum(d for _, d in pairs)
        return Derived(num, den, (100.0 * num / den) if den else None, len(pairs), expected)
    values = [v for _, _, v in rows if v is not None]
    if not values:
        return Derived(None, None, None, 0, expected)
    if kind == "count":
        return Derived(None, None, float(sum(values)), len(values), expected)
    if kind == "level":
        top = scale[1] if scale else max(max(values), 1)
        at_least = tuple(sum(1 for v in values if v >= d) for d in range(1, top + 1))
        reached = sum(1 for v in values if v >= (bar if bar else 1))
        return Derived(reached, len(values), 100.0 * reached / len(values), len(values), expected, at_least)
    # flag (and anything else entered as 0/1)
    ones = sum(1 for v in values if v == 1)
    return Derived(ones, len(values), 100.0 * ones / len(values), len(values), expected)


def comparable(value: float | None, *, own_flag: bool) -> float | None:
    """A figure on the scale a derived share uses: a unit's own flag 1/0 reads as 100/0 %."""
    if value is None:
        return None
    return 100.0 * value if own_flag else value


# ---- coverage --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    """How much of a unit a paper covers, computed from the units, never typed.

    `reported` of the `expected` units (communes, wards…) below the paper's unit — or the unit
    itself — have at least one figure for the period. When the figures are derived, `sources_reported`
    of the `sources_expected` former units they are combined from sent at least one figure.
    """

    reported: int
    expected: int
    word: str  # "xã, phường" (since 1 July 2025) or "xã, phường, thị trấn"
    derived: bool = False
    sources_reported: int = 0
    sources_expected: int = 0
    sources_word: str = "xã, phường, thị trấn"
    # Former communes divided between several successors: (name, name of the successor its history
    # went to, whether that is this unit) — "the derived figure says so".
    divided: tuple[tuple[str, str, bool], ...] = ()

    def text_vi(self) -> str:
        """"Phạm vi số liệu: 40/40 xã, phường" (+ "; ghép từ số liệu các xã trước sáp nhập: 98/102 xã, …")."""
        out = f"Phạm vi số liệu: {self.reported}/{self.expected} {self.word}"
        if self.derived:
            out += (f"; {DERIVED_NOTE_VI}: {self.sources_reported}/{self.sources_expected} "
                    f"{self.sources_word} đã báo cáo")
            for name, holder, here in self.divided:
                out += (f"; {name} được chia cho nhiều đơn vị, số liệu trước sáp nhập tính cả vào đơn vị này"
                        if here else f"; số liệu trước sáp nhập của {name} (được chia) thuộc {holder}")
        return out + "."


UNIT_WORDS = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố")


def unit_word(types: Iterable[str]) -> str:
    """"xã, phường, thị trấn" from the type labels present ("Xã", "Phường", "Thị trấn", "Đặc khu"…),
    in that order (an island district stands for itself: Huyện Lý Sơn → Đặc khu Lý Sơn)."""
    present = {t.lower() for t in types if t}
    words = [w for w in UNIT_WORDS if w in present]
    return ", ".join(words or ["xã"])


# ---- the analysis view by former district --------------------------------------------------------

K = TypeVar("K", bound=Hashable)


def former_district_groups(units: Sequence[K], districts_of: Callable[[K], Sequence[tuple[str, str]]]
                           ) -> list[tuple[str, list[K]]]:
    """Group today's units by the former district(s) of their predecessors — an analysis view, never a
    reporting level. `districts_of(unit)` gives (code, name) of the districts its predecessors belonged
    to on their last day. A unit formed across districts is listed under the one most of its
    predecessors came from (the lowest code on a tie); one with no former district under "".
    Groups come in order of district code, units in the order given."""
    groups: dict[tuple[str, str], list[K]] = {}
    for u in units:
        found = list(districts_of(u))
        if not found:
            key = ("", "")
        else:
            tally: dict[tuple[str, str], int] = {}
            for d in found:
                tally[d] = tally.get(d, 0) + 1
            key = min(tally, key=lambda d: (-tally[d], d[0]))
        groups.setdefault(key, []).append(u)
    return [(name, members) for (code, name), members in sorted(groups.items(), key=lambda kv: (kv[0][0] == "", kv[0][0]))]
