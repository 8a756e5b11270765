"""Reporting periods: half-years (`2014-H1`, `2014-H2`) and years (`2014`), 2013-H2 … 2030."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from xhht_desktop.messages import Text

FIRST_YEAR = 2013
LAST_YEAR = 2030
_PATTERN = re.compile(r"^(\d{4})(?:-H([12]))?$")


class PeriodError(ValueError):
    """A period code that is malformed or outside 2013-H2 … 2030."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: int  # 1 or 2 for half-years, 0 for the whole year

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}" if self.half else str(self.year)

    @property
    def is_year(self) -> bool:
        return self.half == 0

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def label_vi(self) -> str:
        if self.half == 1:
            return f"6 tháng đầu năm {self.year}"
        if self.half == 2:
            return f"6 tháng cuối năm {self.year}"
        return f"Cả năm {self.year}"

    def previous(self) -> Period | None:
        """The period just before: 2014-H2 -> 2014-H1 -> 2013-H2; 2015 -> 2014."""
        if self.half == 2:
            prev = Period(self.year, 1)
        elif self.half == 1:
            prev = Period(self.year - 1, 2)
        else:
            prev = Period(self.year - 1, 0)
        return prev if _in_range(prev) else None

    def same_period_last_year(self) -> Period | None:
        prev = Period(self.year - 1, self.half)
        return prev if _in_range(prev) else None

    @property
    def programme_code(self) -> str:
        """The programme the period belongs to: "KH2780" up to 2020, "XHHT2130" from 2021."""
        from xhht_desktop.domain.catalogue import programme_for_year

        return programme_for_year(self.year).code

    @property
    def target_year(self) -> int:
        """The nearest target year of the period's programme at or after it:
        2013–2015 → 2015, 2016–2020 → 2020, 2021–2025 → 2025, 2026–2030 → 2030."""
        from xhht_desktop.domain.catalogue import programme_for_year

        return programme_for_year(self.year).target_year_for(self.year)

    @property
    def target_years(self) -> tuple[int, ...]:
        """Both target years of the period's programme (papers show both)."""
        from xhht_desktop.domain.catalogue import programme_for_year

        return programme_for_year(self.year).target_years

    def __str__(self) -> str:
        return self.code


def _in_range(p: Period) -> bool:
    if p.year < FIRST_YEAR or p.year > LAST_YEAR:
        return False
    # The plan dates from December 2013: 2013 has its second half and the year, no first half.
    return not (p.year == FIRST_YEAR and p.half == 1)


def parse_period(code: str) -> Period:
    m = _PATTERN.match((code or "").strip())
    if not m:
        raise PeriodError(Text("period.bad", code=code))
    period = Period(int(m.group(1)), int(m.group(2) or 0))
    if not _in_range(period):
        raise PeriodError(Text("period.out_of_range", code=code, last=LAST_YEAR))
    return period


def all_periods() -> list[Period]:
    """Every period in display order: 2013-H2, 2014-H1, 2014-H2, 2014, …, 2030."""
    out: list[Period] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for half in (1, 2, 0):
            p = Period(year, half)
            if _in_range(p):
                out.append(p)
    return out


def period_for_date(day: dt.date, yearly: bool = False) -> Period:
    return Period(day.year, 0 if yearly else (1 if day.month <= 6 else 2))


def applies(periodicity: str, period: Period) -> bool:
    """`nam` indicators are reported for years only; `6t+nam` for half-years and years."""
    return period.is_year or periodicity == "6t+nam"
