"""Who has reported: the expected unit × period grid at the Department, computed — never a box
someone ticks.

A cell is
* `received` — figures for that unit and period are in the database, sent in time;
* `late` — received, but the first package that brought them was made after the deadline;
* `waiting` — nothing applied yet, but a package held for confirmation brings that period;
* `missing` — nothing, and the deadline has passed;
* `not_due` — nothing yet, and the deadline has not passed;
* `none` — the unit did not exist (or had no district level) in that period.

The deadline is the period's last day plus `report_deadline_days` (meta, default 15): the plan
asks for half-year and yearly reports without a date, so the Department sets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import sqlite_utils

from xhht_desktop.db import meta, units_repo
from xhht_desktop.domain import agencies as agencies_mod
from xhht_desktop.db.reference import agencies_in_db, catalogue_in_db
from xhht_desktop.domain.catalogue import entry_keys
from xhht_desktop.domain.periods import Period, applies, parse_period
from xhht_desktop.sync import repo

RECEIVED, LATE, WAITING, MISSING, NOT_DUE, NONE = "received", "late", "waiting", "missing", "not_due", "none"
STATUS_LABELS_VI = {
    RECEIVED: "Đã nhận",
    LATE: "Nhận muộn",
    WAITING: "Chờ xác nhận",
    MISSING: "Chưa nhận",
    NOT_DUE: "Chưa đến hạn",
    NONE: "",
}
DEFAULT_DEADLINE_DAYS = 15
META_DEADLINE_DAYS = "report_deadline_days"


@dataclass(frozen=True)
class Agency:
    name: str
    district_codes: tuple[str, ...]  # empty: the agency follows the whole province


@lru_cache(maxsize=1)
def monitoring_agencies() -> tuple[Agency, ...]:
    """resources/catalogue/monitoring.csv: which agency follows which districts (plan section V), every
    row of every time (see xhht_desktop/domain/agencies.py for the rows valid for a period)."""
    return tuple(Agency(m.agency, m.district_codes) for m in agencies_mod.monitoring())


@dataclass
class UnitRow:
    key: str
    code: str
    name: str
    level: str
    district_code: str  # "" for a district itself and for communes after 2025
    district_name: str


@dataclass
class Cell:
    status: str
    reported: int = 0
    expected: int = 0
    first_sent: str | None = None  # when the sender made the first package with this period


@dataclass
class Completeness:
    periods: list[str]
    units: list[UnitRow]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (unit key, period) -> cell

    def cell(self, unit_key: str, period: str) -> Cell:
        return self.cells.get((unit_key, period), Cell(NONE))

    def totals(self, period: str) -> dict[str, int]:
        out = dict.fromkeys((RECEIVED, LATE, WAITING, MISSING, NOT_DUE), 0)
        for u in self.units:
            status = self.cell(u.key, period).status
            if status in out:
                out[status] += 1
        return out

    def to_json(self) -> dict:
        return {
            "periods": self.periods,
            "units": [{"key": u.key, "code": u.code, "name": u.name, "level": u.level,
                       "district": u.district_code} for u in self.units],
            "cells": [{"unit": k[0], "period": k[1], "status": c.status, "reported": c.reported,
                       "expected": c.expected, "first_sent": c.first_sent} for k, c in self.cells.items()],
            "totals": {p: self.totals(p) for p in self.periods},
        }


def deadline_days(db: sqlite_utils.Database) -> int:
    """Days after a period's end within which its report is on time."""
    try:
        return int(meta.get(db, META_DEADLINE_DAYS) or DEFAULT_DEADLINE_DAYS)
    except ValueError:
        return DEFAULT_DEADLINE_DAYS


def deadline(db: sqlite_utils.Database, period: Period) -> dt.date:
    return period.end + dt.timedelta(days=deadline_days(db))


def _expected(db: sqlite_utils.Database, level: str, period_code: str) -> int:
    p = parse_period(period_code)
    # the indicators of the period's programme (plan 2780 up to 2020, the 2021–2030 programme after),
    # as in force in this database
    cat = catalogue_in_db(db, p)
    return _expected_in(cat, cat.version, level, period_code)


@lru_cache(maxsize=256)
def _expected_in(cat, version: str, level: str, period_code: str) -> int:
    p = parse_period(period_code)
    return sum(len(entry_keys(i)) for i in cat.for_level(level) if applies(i.periodicity, p))


def completeness(db: sqlite_utils.Database, periods: list[str | Period], *, district: str | None = None,
                 agency: str | None = None, today: dt.date | None = None) -> Completeness:
    """The grid for `periods`, optionally only one district's units (code) or one agency's districts."""
    ps = [p if isinstance(p, Period) else parse_period(p) for p in periods]
    today = today or dt.date.today()
    allowed: set[str] | None = None
    if district:
        allowed = {district}
    allowed_in: dict[str, set[str] | None] = {}
    for p in ps:  # the agency valid for each period (agencies in time: domain/agencies.py)
        allowed_in[p.code] = allowed
        if agency:
            match = agencies_mod.monitoring_agency(agency, p, agencies_in_db(db))  # AgencyNotInForce (ValueError) names the successor
            if match.district_codes:
                allowed_in[p.code] = (set(match.district_codes) if allowed is None
                                      else allowed & set(match.district_codes))
    units: dict[str, UnitRow] = {}
    ids: dict[str, int] = {}
    valid: dict[str, set[str]] = {}
    every_unit = units_repo.all_units(db)
    for p in ps:
        day = p.end.isoformat()
        parents = repo.parents_on(db, day)  # one query, not one per commune (ten thousand in the nation)
        for u in every_unit:
            if u.level not in ("xa", "huyen") or not u.valid_on(day):
                continue
            if u.level == "xa":
                parent = parents.get(u.id)
                dcode, dname = (parent[0], parent[1]) if parent and parent[2] == "huyen" else ("", "")
            else:
                dcode, dname = u.code, u.name
            if allowed_in[p.code] is not None and dcode not in allowed_in[p.code]:
                continue
            if _expected(db, u.level, p.code) == 0:
                continue
            units.setdefault(u.key, UnitRow(u.key, u.code, u.name, u.level, dcode, dname))
            ids[u.key] = u.id
            valid.setdefault(u.key, set()).add(p.code)
    codes = [p.code for p in ps]
    reported = repo.reported_counts(db, codes)
    first = repo.first_package_times(db, codes)
    held = repo.held_periods(db)
    grid = Completeness(periods=codes, units=sorted(units.values(), key=lambda u: (u.district_code, u.level != "huyen",
                                                                                   u.code)))
    for p in ps:
        due = deadline(db, p)
        for u in grid.units:
            if p.code not in valid[u.key]:
                continue
            n = reported.get((ids[u.key], p.code), 0)
            sent = first.get((u.key, p.code))
            cell = Cell(NOT_DUE, n, _expected(db, u.level, p.code), sent)
            if n:
                late = sent is not None and _sent_day(sent) > due
                cell.status = LATE if late else RECEIVED
            elif p.code in held.get(u.key, ()):
                cell.status = WAITING
            elif today > due:
                cell.status = MISSING
            grid.cells[(u.key, p.code)] = cell
    return grid


def _sent_day(iso: str) -> dt.date:
    """The day a package was made; a time that does not parse (stored by an older version, before
    times were checked on arrival) counts as late rather than failing the whole grid."""
    try:
        return dt.datetime.fromisoformat(iso).date()
    except (TypeError, ValueError):
        return dt.date.max
