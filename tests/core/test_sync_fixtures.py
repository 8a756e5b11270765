"""Installations side by side for the sync tests: each its own database file under tmp_path.

Đắk Glei (610): communes 23353 Đắk Pék, 23344, 23347; Ngọc Hồi (611): 23377 Thị trấn Plei Kần.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import get_installation, init_installation, open_app_database
from xhht_desktop.sync import export, keys, merge

PEK, C44, C47, NGOC = "23353", "23344", "23347", "23377"
DAK_GLEI = "610"
ON_TIME = dt.datetime(2014, 7, 5, 9, 30)  # before the 2014-H1 deadline (30/06 + 15 days)


class Site:
    """One installation: its database file, its role and unit."""

    def __init__(self, path: Path, role: str, unit: str | None, official: str):
        self.path = path
        self.db = open_app_database(path)
        init_installation(self.db, role, unit, official, "Cán bộ")
        self.inst = get_installation(self.db)

    @property
    def unit_id(self) -> int:
        return self.inst.unit.id

    @property
    def fingerprint(self) -> str:
        return keys.installation_fingerprint(self.db)

    def save(self, period: str, *entries: Entry):
        return values_repo.save_entries(self.db, self.unit_id, period, list(entries),
                                        actor=self.inst.actor, origin=self.inst.installation_id)

    def export(self, out: Path, *, full: bool = False, now: dt.datetime | None = None) -> Path:
        out.mkdir(parents=True, exist_ok=True)
        return export.export_package(self.db, out, full=full, now=now).path

    def dump(self) -> str:
        return "\n".join(self.db.conn.iterdump())

    def close(self) -> None:
        self.db.conn.close()


def department(tmp_path: Path) -> Site:
    return Site(tmp_path / "so.sqlite3", "department", None, "Trần Thị Sở")


def sender(tmp_path: Path, dept: Site, role: str, unit: str, name: str | None = None) -> Site:
    site = Site(tmp_path / f"{name or unit}.sqlite3", role, unit, f"Cán bộ {unit}")
    keys.trust_department(site.db, keys.department_public_key_text(dept.db))
    return site


def confirm_all(dept: Site) -> merge.MergeReport:
    pending = [i["fingerprint"] for i in merge.list_installations(dept.db) if i["status"] == "pending"]
    return merge.confirm_installations(dept.db, pending) if pending else merge.MergeReport()


def figure(site: Site, unit_code: str, period: str, indicator: str, breakdown: str | None = None):
    """(numerator, denominator, value) stored for a unit at a site, or None."""
    u = units_repo.find_unit(site.db, unit_code, parse_period(period))
    return site.db.conn.execute(
        "SELECT numerator, denominator, value FROM indicator_values WHERE unit_id=? AND period=? AND indicator=? "
        "AND breakdown=? AND deleted=0", (u.id, period, indicator, breakdown or "")).fetchone()


def statuses(report: merge.MergeReport) -> list[str]:
    return [p.status for p in report.packages]
