"""The kind `level` (mức độ): recognised degrees, their lapsing, shares above the commune, and the
degree the NĐ 20/2014/NĐ-CP thresholds suggest from a commune's own rates.

The recognised degree (entered with its decision: number, date, issuing body) is what gets reported.
A suggestion is an estimate shown beside it; nothing here ever writes a degree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from xhht_desktop.domain.periods import Period

# Recognitions that hold for a limited time: indicator -> months (TT 25/2023/TT-BGDĐT: 36 months).
LAPSE_MONTHS = {"CDHT_XA_MUC_DO": 36}


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def lapse_date(indicator_code: str, decision_date: str | dt.date | None) -> dt.date | None:
    """The first day a recognition no longer holds (decision date + 36 months), or None if it never lapses."""
    months = LAPSE_MONTHS.get(indicator_code)
    if months is None or not decision_date:
        return None
    day = decision_date if isinstance(decision_date, dt.date) else dt.date.fromisoformat(str(decision_date))
    return add_months(day, months)


def is_lapsed(indicator_code: str, decision_date: str | dt.date | None, period: Period) -> bool:
    """A recognition has lapsed for a period whose last day falls on or after its lapse date."""
    end = lapse_date(indicator_code, decision_date)
    return end is not None and period.end >= end


def effective_degree(indicator_code: str, degree: int | None, decision_date: str | None, period: Period) -> int | None:
    """The degree that counts for the period: a lapsed recognition counts as 0; blank stays blank."""
    if degree is None:
        return None
    if degree > 0 and is_lapsed(indicator_code, decision_date, period):
        return 0
    return degree


def shares_at_or_above(degrees: list[int], scale: tuple[int, int]) -> dict[int, float | None]:
    """Above the commune: for each degree 1..max, the share (%) of reporting units at or above it."""
    lo, hi = scale
    n = len(degrees)
    return {d: (100.0 * sum(1 for x in degrees if x >= d) / n if n else None) for d in range(lo + 1, hi + 1)}


# ---- suggestion from the commune's own rates (NĐ 20/2014/NĐ-CP) ---------------------------------------

@dataclass(frozen=True)
class Threshold:
    indicator: str  # the rate it reads
    standard: float  # %
    dbkk: float | None = None  # % for an extremely disadvantaged commune (ĐBKK), when it differs
    dbkk_indicator: str | None = None  # ĐBKK communes read another age band


@dataclass(frozen=True)
class Rule:
    code: str  # e.g. "ND20_D20": the article
    degree: int
    thresholds: tuple[Threshold, ...]
    requires: tuple[tuple[str, int], ...] = ()  # (level indicator, degree) that must hold first


# §7 of framework-2021-2030-sources.md. Level 2 of PCTHCS has no known thresholds, so it is never
# suggested; level 3 of PCTHCS then needs a recognised level 2.
RULES: dict[str, tuple[Rule, ...]] = {
    "XMC_MUC_DO": (
        Rule("ND20_D20", 1, (Threshold("XMC1_15_35", 90, 90, "XMC1_15_25"),)),
        Rule("ND20_D21", 2, (Threshold("XMC2_15_60", 90, 90, "XMC2_15_35"),), requires=(("XMC_MUC_DO", 1),)),
    ),
    "PCTH_MUC_DO": (
        Rule("ND20_D9", 1, (Threshold("TRE6_VAO_LOP1", 90), Threshold("TRE14_HT_TH", 80, 70))),
        Rule("ND20_D10", 2, (Threshold("TRE6_VAO_LOP1", 95), Threshold("TRE11_HT_TH", 80, 70)),
             requires=(("PCTH_MUC_DO", 1),)),
        Rule("ND20_D11", 3, (Threshold("TRE6_VAO_LOP1", 98), Threshold("TRE11_HT_TH", 90, 80)),
             requires=(("PCTH_MUC_DO", 2),)),
    ),
    "PCTHCS_MUC_DO": (
        Rule("ND20_D14", 1, (Threshold("TN_THCS_15_18", 80, 70),),
             requires=(("PCTH_MUC_DO", 1), ("XMC_MUC_DO", 1))),
        Rule("ND20_D16", 3, (Threshold("TN_THCS_15_18", 95, 90), Threshold("HOC_THPT_GDNN_15_18", 80, 70)),
             requires=(("PCTHCS_MUC_DO", 2),)),
    ),
}


@dataclass(frozen=True)
class Suggestion:
    indicator: str
    degree: int
    rule: str  # the article whose thresholds gave the degree ("ND20_D21"), "ND20_none" below level 1
    dbkk_known: bool  # False: no ĐBKK attribute, standard thresholds used
    rates: dict[str, float] = field(default_factory=dict)  # the rates read, %
    partial: bool = False  # True where the decree has conditions the app cannot see (PCTH level 3)


def _rate(figures: dict[str, tuple[int | None, int | None]], code: str) -> float | None:
    num, den = figures.get(code, (None, None))
    if num is None or not den:
        return None
    return 100.0 * num / den


def suggest_degree(
    indicator_code: str,
    figures: dict[str, tuple[int | None, int | None]],
    recognised: dict[str, int] | None = None,
    *,
    dbkk: bool | None = None,
) -> Suggestion | None:
    """The degree NĐ 20/2014's thresholds give from a commune's own rates, or None where they cannot tell.

    `figures`: indicator code -> (numerator, denominator) of the commune's totals for the period.
    `recognised`: the recognised (effective) degrees of the level indicators, for prerequisites; where a
    prerequisite is not recognised, the suggestion of its own rules stands in for it.
    `dbkk`: whether the commune is ĐBKK; None (the app has no such attribute yet) = standard thresholds,
    and the suggestion says so (`dbkk_known=False`).
    """
    rules = RULES.get(indicator_code)
    if not rules:
        return None
    recognised = dict(recognised or {})
    use_dbkk = bool(dbkk)
    read: dict[str, float] = {}
    best = 0
    best_rule = "ND20_none"
    any_readable = False
    for rule in rules:
        ok = True
        readable = True
        for th in rule.thresholds:
            code = th.dbkk_indicator if (use_dbkk and th.dbkk_indicator) else th.indicator
            value = _rate(figures, code)
            if value is None:
                readable = False
                ok = False
                break
            read[code] = value
            limit = th.dbkk if (use_dbkk and th.dbkk is not None) else th.standard
            if value < limit:
                ok = False
        if readable:
            any_readable = True
        if ok:
            for req_code, req_degree in rule.requires:
                have = recognised.get(req_code)
                if req_code == indicator_code:
                    have = max(have or 0, best)
                elif have is None or have < req_degree:
                    sub = suggest_degree(req_code, figures, recognised, dbkk=dbkk) if req_code in RULES else None
                    have = max(have or 0, sub.degree if sub else 0)
                if have < req_degree:
                    ok = False
                    break
        if ok:
            best, best_rule = rule.degree, rule.code
    if not any_readable:
        return None
    return Suggestion(indicator_code, best, best_rule, dbkk is not None, read,
                      partial=(indicator_code, best) == ("PCTH_MUC_DO", 3))
