"""Summaries of the activity log per period and category, and the suggested numerator of
LDNT_HOC_TTHTCD.

An activity belongs to the period holding its (start) date. A district's or the province's summary
adds up the communes below it on the last day of the period (as the indicator aggregation does).

Blank is not zero: `learners`, `women`, `ethnic_minority` and `rural_workers` are sums of the values
recorded; when a category has activities but none of them records a field, that field is None
(not reported), not 0. A category with no activity has zeros.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from xhht_desktop.clc.domain import CATEGORIES, Activity
from xhht_desktop.clc.repository import ActivityFilter, list_activities
from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import Period, parse_period

SUMMARY_KEYS = ("category", "activities", "sessions", "visits", "learners", "women", "ethnic_minority",
                "rural_workers")
_OPTIONAL = ("learners", "women", "ethnic_minority", "rural_workers")

# The rule behind suggested_rural_workers, in the words the UI shows as a tooltip.
SUGGESTION_RULE_VI = (
    "Số lao động nông thôn (người, không tính trùng) học tại TTHTCĐ = tổng cột «LĐNT học lần đầu trong "
    "năm» của các hoạt động trong kỳ: mỗi hoạt động chỉ ghi những người chưa học ở trung tâm từ "
    "01/01 năm đó, nên cộng lại không ai bị tính hai lần. Có số gợi ý cho kỳ 6 tháng đầu năm và cả "
    "năm; kỳ 6 tháng cuối năm không có, vì người đã học ở 6 tháng đầu có thể học lại mà không được "
    "ghi. Số gợi ý không bao giờ ghi đè số cán bộ đã nhập."
)


def period_window(period: Period) -> tuple[dt.date, dt.date]:
    return period.start, period.end


def commune_ids(db: sqlite_utils.Database, unit_id: int, day: dt.date) -> list[int]:
    """The unit itself for a commune; for a district or province, the communes below it on `day`
    (clamped into the unit's own lifetime, so a dissolved district still finds its communes)."""
    unit = units_repo.get_unit(db, unit_id)
    if unit.level == "xa":
        return [unit_id]
    iso = day.isoformat()
    if unit.valid_to and iso > unit.valid_to:
        iso = unit.valid_to
    if iso < unit.valid_from:
        iso = unit.valid_from
    return sorted(uid for uid, level in units_repo.descendant_ids(db, unit_id, iso).items() if level == "xa")


def summarize_activities(activities: list[Activity]) -> list[dict]:
    """One dict per category (all eight, in the spec's order), then the total (`category` None)."""
    groups: dict[str | None, list[Activity]] = {code: [] for code, _ in CATEGORIES}
    for a in activities:
        groups.setdefault(a.category, []).append(a)  # an unknown (newer) code still gets its row
    rows = [_summarize(code, items) for code, items in groups.items()]
    rows.append(_summarize(None, activities))
    return rows


def _summarize(code: str | None, items: list[Activity]) -> dict:
    row: dict = {"category": code, "activities": len(items), "sessions": sum(a.sessions for a in items),
                 "visits": sum(a.visits for a in items)}
    for name in _OPTIONAL:
        known = [getattr(a, name) for a in items if getattr(a, name) is not None]
        row[name] = sum(known) if known or not items else None
    return {k: row[k] for k in SUMMARY_KEYS}


def summarize_range(db: sqlite_utils.Database, unit_id: int, date_from: dt.date | None,
                    date_to: dt.date | None) -> list[dict]:
    """The summary over any date range (the page's filter); see `summarize`."""
    day = date_to or dt.date.today()
    ids = commune_ids(db, unit_id, day)
    return summarize_activities(list_activities(db, ids, ActivityFilter(date_from, date_to)))


def summarize(db: sqlite_utils.Database, unit_id: int, period_code: str) -> list[dict]:
    """Per category: activities, sessions, visits (lượt), learners (người, không trùng trong từng hoạt
    động — a person in two activities counts twice), women, ethnic minorities and rural workers
    (lượt); plus a final dict with `category` None for the total. This is also the JSON of
    `clc summary --period P --json`. For a district or the province, sums the communes below."""
    period = parse_period(period_code)
    ids = commune_ids(db, unit_id, period.end)
    start, end = period_window(period)
    return summarize_activities(list_activities(db, ids, ActivityFilter(start, end)))


RURAL_WORKERS_INDICATOR = "LDNT_HOC_TTHTCD"


def suggested_rural_workers(db: sqlite_utils.Database, unit_id: int, period_code: str) -> int | None:
    """The distinct rural workers (người, not lượt) who learned at the centre in the period: the
    suggested numerator of LDNT_HOC_TTHTCD. Never written anywhere; the UI only offers it.

    Rule: each activity records `rural_workers_new`, the rural workers learning at the centre for
    the first time since 1 January of that year. Their sum over a window that starts on 1 January
    counts every person once: exact for the year and for its first half. For the second half it
    would miss people who also learned in the first half, so there is no suggestion (None).
    None as well when no activity of the window records the figure. A district or the province
    adds up its communes (a person learning in two communes would count twice; negligible).
    None for a period of the 2021–2030 programme, whose catalogue has no such indicator.
    """
    period = parse_period(period_code)
    if period.half == 2:
        return None
    from xhht_desktop.domain.catalogue import catalogue_for  # noqa: PLC0415

    if RURAL_WORKERS_INDICATOR not in catalogue_for(period).by_code:  # plan 2780 only (up to 2020)
        return None
    ids = commune_ids(db, unit_id, period.end)
    start, end = period_window(period)
    known = [a.rural_workers_new for a in list_activities(db, ids, ActivityFilter(start, end))
             if a.rural_workers_new is not None]
    return sum(known) if known else None
