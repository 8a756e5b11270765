"""This installation: its role, its unit, its official. Set once by the first-run wizard or `init`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import meta, units_repo
from xhht_desktop.db.connection import open_database
from xhht_desktop.db.reference import refresh_reference_data
from xhht_desktop.domain.text import control_problem_vi
from xhht_desktop.domain.units import PROVINCE_CODE

ROLES = {"commune": "xa", "district": "huyen", "department": "tinh"}
ROLE_LABELS_VI = {"commune": "Cán bộ xã", "district": "Phòng GD&ĐT huyện", "department": "Sở GD&ĐT"}


class InitError(ValueError):
    """Wrong input to `init`; the message is in Vietnamese."""


@dataclass(frozen=True)
class Installation:
    installation_id: str
    role: str
    unit: units_repo.Unit
    official_name: str
    official_title: str

    @property
    def level(self) -> str:
        return ROLES[self.role]

    @property
    def actor(self) -> str:
        return self.official_name or self.role


def open_app_database(path: str | Path) -> sqlite_utils.Database:
    """Open, migrate and refresh the shipped reference data: what every entry point does first."""
    db = open_database(path)
    refresh_reference_data(db)
    return db


def init_installation(
    db: sqlite_utils.Database,
    role: str,
    unit_code: str | None,
    official_name: str = "",
    official_title: str = "",
) -> Installation:
    if role not in ROLES:
        raise InitError(f"Vai trò «{role}» không hợp lệ: chọn commune (xã), district (huyện) hoặc department (Sở).")
    level = ROLES[role]
    code = (unit_code or (PROVINCE_CODE if role == "department" else "")).strip()
    if not code:
        raise InitError("Chưa chọn đơn vị (mã xã hoặc mã huyện).")
    versions = [u for u in units_repo.units_with_code(db, code) if u.level == level]
    if not versions:
        kind = {"xa": "xã, phường, thị trấn", "huyen": "huyện, thành phố", "tinh": "tỉnh"}[level]
        raise InitError(f"Mã «{code}» không phải là mã {kind} trong danh mục đơn vị hành chính.")
    unit = versions[0] if len(versions) == 1 else _prefer_plan_version(versions)
    return _store(db, role, unit, official_name, official_title)


def _prefer_plan_version(versions: list[units_repo.Unit]) -> units_repo.Unit:
    # A reused code (23293): the plan's structure is the default, so pick the pre-2025 unit.
    return sorted(versions, key=lambda u: u.valid_from)[0]


def init_installation_by_key(db, role: str, unit_key: str, official_name: str = "",
                             official_title: str = "") -> Installation:
    unit = units_repo.unit_by_key(db, unit_key)
    if unit is None:
        raise InitError(f"Không tìm thấy đơn vị «{unit_key}».")
    if role not in ROLES or unit.level != ROLES[role]:
        raise InitError(f"Đơn vị «{unit.name}» không phù hợp với vai trò đã chọn.")
    return _store(db, role, unit, official_name, official_title)


def check_official(official_name: str, official_title: str) -> None:
    """The official's name and title travel in every package's manifest, which refuses control
    characters: refuse them here, where they are typed (InitError, Vietnamese)."""
    for label, text in (("Họ tên cán bộ", official_name), ("Chức vụ", official_title)):
        problem = control_problem_vi(text)
        if problem:
            raise InitError(f"{label}: {problem}")


def set_official(db: sqlite_utils.Database, official_name: str, official_title: str) -> None:
    """Change the official (Settings): checked as at `init`, then stored."""
    check_official(official_name, official_title)
    meta.set_many(db, {"official_name": official_name.strip(), "official_title": official_title.strip()})


def _store(db, role: str, unit: units_repo.Unit, official_name: str, official_title: str) -> Installation:
    check_official(official_name, official_title)
    existing = meta.get(db, "installation_id")
    meta.set_many(db, {
        "installation_id": existing or str(uuid.uuid4()),
        "role": role,
        "unit_key": unit.key,
        "official_name": official_name.strip(),
        "official_title": official_title.strip(),
    })
    from xhht_desktop.sync.keys import ensure_keys  # noqa: PLC0415 - crypto is loaded only when needed
    ensure_keys(db, role)  # signing key for all; the Department's age key pair for the Department
    return get_installation(db)


def get_installation(db: sqlite_utils.Database) -> Installation | None:
    key = meta.get(db, "unit_key")
    role = meta.get(db, "role")
    if not key or not role:
        return None
    unit = units_repo.unit_by_key(db, key)
    if unit is None:
        return None
    return Installation(
        installation_id=meta.get(db, "installation_id", ""),
        role=role,
        unit=unit,
        official_name=meta.get(db, "official_name", ""),
        official_title=meta.get(db, "official_title", ""),
    )
