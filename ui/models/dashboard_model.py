"""What the dashboard shows for a unit and period, computed from core functions (no widgets).

A commune sees its own figures; a district or the Department sees figures computed by
`compute_values` from everything below it plus its own entries. The indicators are those of the
period's programme, with the targets the database holds (a draft until the Department confirms it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.db.aggregate import ValueRow, compute_values
from xhht_desktop.domain.aggregation import change_period
from xhht_desktop.db.reference import catalogue_in_db
from xhht_desktop.domain.catalogue import Indicator, Programme
from xhht_desktop.domain.lineage import comparable
from xhht_desktop.domain.periods import Period
from xhht_desktop.reports.verdict import TOO_FEW, coverage_threshold, enough_units

from ui.models.presentation import (
    CLOSE,
    FAR,
    MET,
    NO_TARGET,
    NOT_REPORTED,
    LiteracyGap,
    judge_status,
    literacy_gap,
)

# Literacy rates whose women's and men's figures are compared: plan 2780's, then the 2021–2030
# programme's (literate at level 2 aged 15–60, at level 1 aged 15–35).
LITERACY_INDICATORS = ("XMC_15_60", "XMC_15_35", "XMC2_15_60", "XMC1_15_35")


@dataclass
class IndicatorSummary:
    indicator: Indicator
    total: ValueRow
    breakdowns: list[ValueRow]
    previous: ValueRow | None
    status: str
    own_flag: bool  # the value is this unit's own 0/1 flag or degree (not a share of units)

    @property
    def is_level(self) -> bool:
        return self.indicator.kind == "level"

    @property
    def shares(self) -> dict[int, float | None]:
        """Kind `level` above the commune: degree -> share (%) of the units below at or above it."""
        return dict(self.total.shares or {})

    @property
    def change(self) -> float | None:
        """Change of the value since the previous period (points for rates, units for counts)."""
        if self.previous is None or self.previous.value is None or self.total.value is None:
            return None
        if self.previous.derived != self.total.derived:  # across the 2025 reform: own flag vs a share
            def scaled(r: ValueRow) -> float | None:
                own = self.own_flag and not r.derived and r.numerator is None and r.denominator is None
                return comparable(r.value, own_flag=own)
            return scaled(self.total) - scaled(self.previous)
        return self.total.value - self.previous.value


@dataclass
class DashboardData:
    unit: units_repo.Unit
    period: Period
    previous_period: Period | None
    programme: Programme | None = None
    summaries: list[IndicatorSummary] = field(default_factory=list)
    literacy: list[LiteracyGap] = field(default_factory=list)
    own_complete: bool = False
    units_below: int = 0  # units expected to report below this one (0 for a commune)
    units_below_complete: int = 0
    # The province's own figures of the period, (indicator, breakdown) -> value, from the
    # Department's latest receipt (xhht_desktop.sync.receipts.province_figures): read with the rest,
    # not once per row on the GUI thread.
    province: dict[tuple[str, str], float | None] = field(default_factory=dict)

    def by_group(self) -> dict[int, list[IndicatorSummary]]:
        out: dict[int, list[IndicatorSummary]] = {}
        for s in self.summaries:
            out.setdefault(s.indicator.group, []).append(s)
        return out

    def status_counts(self) -> dict[str, int]:
        counts = {MET: 0, CLOSE: 0, FAR: 0, NO_TARGET: 0, NOT_REPORTED: 0}
        for s in self.summaries:
            counts[s.status] = counts.get(s.status, 0) + 1
        return counts

    @property
    def reported(self) -> int:
        return sum(1 for s in self.summaries
                   if s.total.value is not None or any(v is not None for v in s.shares.values()))


def load_dashboard(db: sqlite_utils.Database, unit: units_repo.Unit, period: Period) -> DashboardData:
    """Figures, statuses, literacy gaps and completeness for one unit and period."""
    cat = catalogue_in_db(db, period)
    catalogue = cat.by_code
    rows = compute_values(db, unit.id, period)
    prev_period = period.previous()
    prev_rows: dict[tuple[str, str | None], ValueRow] = {}
    # 2020 -> 2021 changes programme: other indicators, nothing to compare with (a shared code such
    # as TUAN_LE_HTSD is another indicator of another plan): domain.aggregation.change_period.
    compare_with = change_period(period)
    if compare_with is not None:
        prev_rows = {(r.indicator, r.breakdown): r for r in compute_values(db, unit.id, compare_with)}
    totals = [r for r in rows if r.breakdown is None]
    parts: dict[str, list[ValueRow]] = {}
    for r in rows:
        if r.breakdown is not None:
            parts.setdefault(r.indicator, []).append(r)
    data = DashboardData(unit=unit, period=period, previous_period=prev_period, programme=cat.programme)
    threshold = coverage_threshold(db)  # below it a higher level is not judged (reports.verdict)
    for r in totals:
        ind = catalogue[r.indicator]
        if ind.kind == "level":
            own_flag = r.shares is None  # the unit's own degree; above the commune, shares of units
        else:
            own_flag = ind.kind == "flag" and r.numerator is None and r.denominator is None
        # A unit's own flag is judged on 0/100; compute_values already did, so its gap is in points.
        if r.value is None:
            # Above the commune a level with no degree of the unit's own still has its units' shares.
            has_shares = ind.kind == "level" and any(v is not None for v in (r.shares or {}).values())
            status = NO_TARGET if has_shares else NOT_REPORTED
        elif ind.kind == "level":
            status = NO_TARGET if r.met is None else (MET if r.met else FAR)
            if status != NO_TARGET and not enough_units(r.units_reported, r.units_expected, threshold):
                status = TOO_FEW
        else:
            status = judge_status(r.met, r.value, r.gap, r.target, r.units_reported, r.units_expected, threshold)
        data.summaries.append(IndicatorSummary(ind, r, parts.get(r.indicator, []),
                                               prev_rows.get((r.indicator, None)), status, own_flag))
    by_key = {(r.indicator, r.breakdown): r for r in rows}
    for code in LITERACY_INDICATORS:
        total, women = by_key.get((code, None)), by_key.get((code, "nu"))
        if total is None or women is None:
            continue
        data.literacy.append(literacy_gap(code, (total.numerator, total.denominator),
                                          (women.numerator, women.denominator)))
    data.own_complete = values_repo.is_complete(db, unit.id, period.code)
    if unit.level != "xa":
        below = units_repo.descendant_ids(db, unit.id, period.end.isoformat())
        # The units that report: communes, and districts while they exist.
        reporting = [uid for uid in below]
        data.units_below = len(reporting)
        data.units_below_complete = sum(1 for uid in reporting if values_repo.is_complete(db, uid, period.code))
    data.province = province_figures(db, period.code)
    return data


def province_figures(db: sqlite_utils.Database, period_code: str) -> dict[tuple[str, str], float | None]:
    """The same rows as xhht_desktop.sync.receipts.province_figures, without importing the receipts' module
    (and its cryptography: 70 ms) wherever the dashboard is shown."""
    return {(i, b): v for i, b, v in db.conn.execute(
        "SELECT indicator, breakdown, value FROM province_figures WHERE period=?", (period_code,))}
