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


AGENCY_FIELDS = ("name", "short", "name_en", "valid_from", "valid_to", "successors", "note")
AGENCY_TEXT_LIMITS = {"name": 200, "short": 60, "name_en": 200, "note": 500}
EDUCATION_AGENCY = ("Sở Giáo dục và Đào tạo", "2013-12-02")  # the Department itself, as the plan names it


class AgencyBook:
    """The agencies and their successions, as shipped (`shipped_book()`) or as a database holds them
    (`xhht_desktop.db.reference.agencies_in_db`): the Department may add or correct agencies and send
    them in a reference update."""

    def __init__(self, agencies: tuple[Agency, ...], successions: tuple[Succession, ...],
                 notes: dict[tuple[str, str], str] | None = None):
        self.agencies = agencies
        self.successions = successions
        self.notes = notes or {}

    def on(self, day: str) -> list[Agency]:
        return [a for a in self.agencies if a.valid_on(day)]

    def find(self, name_or_short: str) -> list[Agency]:
        key = fold(name_or_short)
        return [a for a in self.agencies if fold(a.name) == key or fold(a.short) == key]

    def successor_of(self, name_or_short: str, topic: str = "") -> str | None:
        found = self.find(name_or_short)
        if not found:
            return None
        rules = [s for s in self.successions if s.old == found[0].name]
        text = fold(topic)
        for s in rules:
            if s.topics and any(t in text for t in s.topics):
                return s.new
        return next((s.new for s in rules if not s.topics), None)

    def education_agency(self, day: str) -> Agency | None:
        """The Department of Education (issuer of the province's papers) on `day`: the plan's Sở
        GD&ĐT, or whoever the agency list says took its work over (a renamed or merged Department)."""
        current = next((a for a in self.agencies if (a.name, a.valid_from) == EDUCATION_AGENCY), None)
        seen = set()
        while current is not None and not current.valid_on(day) and current.name not in seen:
            seen.add(current.name)
            new = next((s.new for s in self.successions if s.old == current.name and not s.topics), None)
            current = next((a for a in self.agencies if a.name == new and a.valid_on(day)),
                           next((a for a in self.agencies if a.name == new), None)) if new else None
        return current

    def rows(self) -> list[dict]:
        """One dict per agency (AGENCY_FIELDS), as stored and as an update carries them."""
        out = []
        for a in self.agencies:
            succ = [[s.new, ";".join(s.topics)] for s in self.successions if s.old == a.name and a.valid_to
                    and s.effective == _day_after(a.valid_to)]
            out.append({"name": a.name, "short": a.short, "name_en": a.name_en, "valid_from": a.valid_from,
                        "valid_to": a.valid_to, "successors": succ, "note": self.notes.get((a.name, a.valid_from), "")})
        return out

    @classmethod
    def from_rows(cls, rows: list[dict]) -> AgencyBook:
        agencies, successions, notes = [], [], {}
        for r in rows:
            a = Agency(r["name"], r["short"], r["name_en"], r["valid_from"], r["valid_to"] or None)
            agencies.append(a)
            notes[(a.name, a.valid_from)] = r.get("note", "")
            if a.valid_to:
                for new, topics in r["successors"]:
                    successions.append(Succession(a.name, new, tuple(fold(t) for t in topics.split(";") if t.strip()),
                                                  _day_after(a.valid_to)))
        return cls(tuple(agencies), tuple(successions), notes)


def agency_row_problem(row) -> tuple[str, dict] | None:
    """None when `row` (AGENCY_FIELDS) is a valid agency, else (code, params): `bad_agency` (a missing
    or extra field, a bad date, successors of an agency still in force) or `bad_text`."""
    import datetime as dt  # noqa: PLC0415

    from xhht_desktop.domain.text import CONTROL_LINE_RE  # noqa: PLC0415

    if not isinstance(row, dict) or set(row) != set(AGENCY_FIELDS):
        return "bad_agency", {"name": "", "field": "row"}
    name = row["name"]
    ctx = {"name": str(name)[:60]}
    for f, limit in AGENCY_TEXT_LIMITS.items():
        v = row[f]
        if type(v) is not str or len(v) > limit or CONTROL_LINE_RE.search(v) or v != v.strip() or v != nfc(v):
            return "bad_text", {**ctx, "field": f}
    if not name or not row["short"]:
        return "bad_text", {**ctx, "field": "name" if not name else "short"}
    days = []
    for f in ("valid_from", "valid_to"):
        v = row[f]
        if v is None and f == "valid_to":
            continue
        try:
            if type(v) is not str or len(v) != 10:
                raise ValueError
            days.append(dt.date.fromisoformat(v))
        except ValueError:
            return "bad_agency", {**ctx, "field": f}
    if len(days) == 2 and days[1] < days[0]:
        return "bad_agency", {**ctx, "field": "valid_to"}
    succ = row["successors"]
    if type(succ) is not list or len(succ) > 10 or (succ and row["valid_to"] is None):
        return "bad_agency", {**ctx, "field": "successors"}
    for item in succ:
        if (type(item) is not list or len(item) != 2 or any(type(x) is not str or len(x) > 200
                                                             or CONTROL_LINE_RE.search(x) for x in item)
                or not item[0] or item[0] == name):
            return "bad_agency", {**ctx, "field": "successors"}
    return None


@lru_cache(maxsize=1)
def shipped_book() -> AgencyBook:
    """resources/catalogue/agencies.csv (one row per agency and successor there)."""
    agencies: dict[tuple[str, str], Agency] = {}
    notes: dict[tuple[str, str], str] = {}
    successions = []
    with resource_path("catalogue", "agencies.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a = Agency(nfc(row["agency"]).strip(), nfc(row["short"]).strip(), row["agency_en"].strip(),
                       row["valid_from"].strip(), row["valid_to"].strip() or None)
            agencies.setdefault((a.name, a.valid_from), a)
            note = nfc(row.get("note") or "").strip()
            if note:
                notes[(a.name, a.valid_from)] = "; ".join(filter(None, (notes.get((a.name, a.valid_from)), note)))
            if row["successor"].strip() and a.valid_to:
                successions.append(Succession(a.name, nfc(row["successor"]).strip(),
                                              tuple(fold(t) for t in row["successor_topics"].split(";") if t.strip()),
                                              _day_after(a.valid_to)))
    return AgencyBook(tuple(agencies.values()), tuple(successions), notes)


def _load() -> tuple[tuple[Agency, ...], tuple[Succession, ...]]:
    book = shipped_book()
    return book.agencies, book.successions


def agencies() -> tuple[Agency, ...]:
    return _load()[0]


def agencies_on(day: str) -> list[Agency]:
    return shipped_book().on(day)


def _find(name_or_short: str) -> list[Agency]:
    return shipped_book().find(name_or_short)


def successor_of(name_or_short: str, topic: str = "", book: AgencyBook | None = None) -> str | None:
    """Who took over an abolished agency's work on `topic` (an indicator's name), else None."""
    return (book or shipped_book()).successor_of(name_or_short, topic)


def owner_on(owner: str, period: Period, topic: str = "", book: AgencyBook | None = None) -> str:
    """An indicator's owner text as it stands for `period`: each agency abolished by the period's last
    day is replaced by its successor for the indicator's topic ("Sở NN&PTNT; Sở LĐTBXH" on "Lao động
    nông thôn qua đào tạo nghề" in 2026 -> "Sở NN&MT; Sở GD&ĐT"). Parts that are not agencies of the
    list (UBND các cấp…) are kept as they are. `book`: a database's agencies (default: as shipped)."""
    book = book or shipped_book()
    day = period.end.isoformat()
    out: list[str] = []
    for part in (p.strip() for p in owner.split(";")):
        if not part:
            continue
        found = book.find(part)
        if found and not any(a.valid_on(day) for a in found):
            new = book.successor_of(part, topic)
            if new:
                part = next((a.short for a in book.agencies if a.name == new and a.valid_on(day)), new)
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


def monitoring_agency(name: str, period: Period, book: AgencyBook | None = None) -> Monitoring:
    """The monitoring row of `name` (full or short name) valid for `period`, or AgencyNotInForce.
    `book`: a database's agencies (default: as shipped)."""
    book = book or shipped_book()
    key = fold(name)
    rows = [m for m in monitoring() if fold(m.agency) == key
            or any(fold(a.short) == key and a.name == m.agency for a in book.agencies)]
    for m in rows:
        if m.valid_on(period.end.isoformat()):
            return m
    if not rows:
        raise AgencyNotInForce(f"Không có cơ quan theo dõi «{name}» trong danh mục.")
    new = book.successor_of(rows[0].agency)
    last = max((m.valid_to or "") for m in rows)
    if new and last and period.end.isoformat() > last:
        import datetime as dt  # noqa: PLC0415
        when = dt.date.fromisoformat(_day_after(last)).strftime("%d/%m/%Y")
        takers = sorted({s.new for s in book.successions if s.old == rows[0].agency})
        raise AgencyNotInForce(f"{rows[0].agency} không còn từ {when} (kỳ {period.code}): nhiệm vụ chuyển sang "
                               f"{', '.join(takers)}.")
    first = min(m.valid_from for m in rows)
    raise AgencyNotInForce(f"{rows[0].agency} chỉ có từ {first[8:10]}/{first[5:7]}/{first[:4]} (kỳ {period.code}).")
