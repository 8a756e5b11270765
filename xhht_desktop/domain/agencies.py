"""Agencies in time: who monitors and who owns an indicator, for a given period.

Two shipped files, effective-dated like units:
- resources/catalogue/agencies.csv: each provincial agency with its life and, for one abolished on
  30 June 2025, its successor(s) (Sở LĐTBXH: labour to Sở Nội vụ, vocational training — topics
  "nghề" — to Sở GD&ĐT; Sở TT&TT to Sở KH&CN; Sở NN&PTNT to Sở NN&MT);
- resources/catalogue/monitoring.csv: which agency follows which districts and target groups (plan
  section V), with valid_from/valid_to: the plan's rows until 2025-06-30; from 2025-07-01 there are no
  districts and each agency follows its target groups across the whole province.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.text import fold, nfc
from xhht_desktop.paths import resource_path


@dataclass(frozen=True)
class Agency:
    name: str
    short: str
    name_en: str
    valid_from: str
    valid_to: str | None

    def valid_on(self, day: str) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Succession:
    old: str  # full name
    new: str
    topics: tuple[str, ...]  # folded keywords of the indicators this successor takes ("" = the rest)
    effective: str


@dataclass(frozen=True)
class Monitoring:
    agency: str
    agency_en: str
    district_codes: tuple[str, ...]  # empty: the whole province
    target_groups: str
    plan_ref: str
    valid_from: str
    valid_to: str | None

    def valid_on(self, day: str) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _day_after(iso: str) -> str:
    import datetime as dt  # noqa: PLC0415
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Agency, ...], tuple[Succession, ...]]:
    agencies: dict[tuple[str, str], Agency] = {}
    successions = []
    with resource_path("catalogue", "agencies.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a = Agency(nfc(row["agency"]).strip(), nfc(row["short"]).strip(), row["agency_en"].strip(),
                       row["valid_from"].strip(), row["valid_to"].strip() or None)
            agencies.setdefault((a.name, a.valid_from), a)
            if row["successor"].strip() and a.valid_to:
                successions.append(Succession(a.name, nfc(row["successor"]).strip(),
                                              tuple(fold(t) for t in row["successor_topics"].split(";") if t.strip()),
                                              _day_after(a.valid_to)))
    return tuple(agencies.values()), tuple(successions)


def agencies() -> tuple[Agency, ...]:
    return _load()[0]


def agencies_on(day: str) -> list[Agency]:
    return [a for a in agencies() if a.valid_on(day)]


def _find(name_or_short: str) -> list[Agency]:
    key = fold(name_or_short)
    return [a for a in agencies() if fold(a.name) == key or fold(a.short) == key]


def successor_of(name_or_short: str, topic: str = "") -> str | None:
    """Who took over an abolished agency's work on `topic` (an indicator's name), else None."""
    found = _find(name_or_short)
    if not found:
        return None
    rules = [s for s in _load()[1] if s.old == found[0].name]
    text = fold(topic)
    for s in rules:
        if s.topics and any(t in text for t in s.topics):
            return s.new
    return next((s.new for s in rules if not s.topics), None)


def owner_on(owner: str, period: Period, topic: str = "") -> str:
    """An indicator's owner text as it stands for `period`: each agency abolished by the period's last
    day is replaced by its successor for the indicator's topic ("Sở NN&PTNT; Sở LĐTBXH" on "Lao động
    nông thôn qua đào tạo nghề" in 2026 -> "Sở NN&MT; Sở GD&ĐT"). Parts that are not agencies of the
    list (UBND các cấp…) are kept as they are."""
    day = period.end.isoformat()
    out: list[str] = []
    for part in (p.strip() for p in owner.split(";")):
        if not part:
            continue
        found = _find(part)
        if found and not any(a.valid_on(day) for a in found):
            new = successor_of(part, topic)
            if new:
                part = next((a.short for a in agencies() if a.name == new and a.valid_on(day)), new)
        if part not in out:
            out.append(part)
    return "; ".join(out)


@lru_cache(maxsize=1)
def monitoring() -> tuple[Monitoring, ...]:
    out = []
    with resource_path("catalogue", "monitoring.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            codes = tuple(part.strip().split(" ", 1)[0] for part in row["monitors_districts"].split(";")
                          if part.strip())
            out.append(Monitoring(nfc(row["agency"]).strip(), row["agency_en"].strip(), codes,
                                  row["target_groups"].strip(), row["plan_ref"].strip(),
                                  (row.get("valid_from") or "2013-12-02").strip(),
                                  (row.get("valid_to") or "").strip() or None))
    return tuple(out)


def monitoring_for(period: Period) -> list[Monitoring]:
    """The monitoring agencies in force on the period's last day."""
    day = period.end.isoformat()
    return [m for m in monitoring() if m.valid_on(day)]


class AgencyNotInForce(ValueError):
    """An agency asked for a period it did not exist in; the message names its successor."""


def monitoring_agency(name: str, period: Period) -> Monitoring:
    """The monitoring row of `name` (full or short name) valid for `period`, or AgencyNotInForce."""
    key = fold(name)
    rows = [m for m in monitoring() if fold(m.agency) == key
            or any(fold(a.short) == key and a.name == m.agency for a in agencies())]
    for m in rows:
        if m.valid_on(period.end.isoformat()):
            return m
    if not rows:
        raise AgencyNotInForce(f"Không có cơ quan theo dõi «{name}» trong danh mục.")
    new = successor_of(rows[0].agency)
    last = max((m.valid_to or "") for m in rows)
    if new and last and period.end.isoformat() > last:
        import datetime as dt  # noqa: PLC0415
        when = dt.date.fromisoformat(_day_after(last)).strftime("%d/%m/%Y")
        takers = sorted({s.new for s in _load()[1] if s.old == rows[0].agency})
        raise AgencyNotInForce(f"{rows[0].agency} không còn từ {when} (kỳ {period.code}): nhiệm vụ chuyển sang "
                               f"{', '.join(takers)}.")
    first = min(m.valid_from for m in rows)
    raise AgencyNotInForce(f"{rows[0].agency} chỉ có từ {first[8:10]}/{first[5:7]}/{first[:4]} (kỳ {period.code}).")
