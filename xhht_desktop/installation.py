"""This installation: its role, its unit, its official. Set once by the first-run wizard or `init`."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import meta, units_repo
from xhht_desktop.db.connection import open_database
from xhht_desktop.db.reference import refresh_reference_data
from xhht_desktop.domain.text import control_problem_vi
from xhht_desktop.domain.units import NEW_PROVINCE_CODE, PROVINCE_CODE
from xhht_desktop.messages import Text

ROLES = {"commune": "xa", "district": "huyen", "department": "tinh"}
ROLE_LABELS_VI = {"commune": "Cán bộ xã", "district": "Phòng GD&ĐT huyện", "department": "Sở GD&ĐT"}


class InitError(ValueError):
    """Wrong input to `init`: raised with a coded Text (xhht_desktop/messages.py); str() is Vietnamese."""


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
    *,
    today_first: bool = False,
    today: dt.date | None = None,
) -> Installation:
    """Set up this installation for a unit given as CODE or CODE@YYYY-MM-DD.

    `CODE@DATE` is the unit holding the code that day. A bare CODE is, with `today_first` (the CLI
    and the wizard), the unit holding it today, else its last holder (`init --unit 23341` is today's
    Xã Đăk Pék; `--role department --unit 51` today's Quảng Ngãi); without it (older callers), the
    plan's 2013 unit where a code was reused.
    """
    if role not in ROLES:
        raise InitError(Text("init.bad_role", role=role))
    level = ROLES[role]
    default = (NEW_PROVINCE_CODE if today_first else PROVINCE_CODE) if role == "department" else ""
    code = (unit_code or default).strip()
    if not code:
        raise InitError(Text("init.no_unit"))
    kind = Text(f"init.level.{level}")
    if "@" in code:
        try:
            unit = units_repo.resolve_unit(db, code)
        except units_repo.UnitSpecError as exc:
            raise InitError(exc.args[0]) from None
        if unit.level != level:
            raise InitError(Text("init.wrong_level", unit=unit.name, key=unit.key, kind=kind))
        return _store(db, role, unit, official_name, official_title)
    versions = [u for u in units_repo.units_with_code(db, code) if u.level == level]
    if not versions:
        raise InitError(Text("init.not_a_code_of", code=code, kind=kind))
    if today_first:
        day = (today or dt.date.today()).isoformat()
        unit = next((u for u in versions if u.valid_on(day)), versions[-1])
    else:
        unit = versions[0] if len(versions) == 1 else _prefer_plan_version(versions)
    return _store(db, role, unit, official_name, official_title)


def _prefer_plan_version(versions: list[units_repo.Unit]) -> units_repo.Unit:
    # A reused code (23293) from an older caller: the plan's structure, the pre-2025 unit.
    return sorted(versions, key=lambda u: u.valid_from)[0]


def init_installation_by_key(db, role: str, unit_key: str, official_name: str = "",
                             official_title: str = "") -> Installation:
    unit = units_repo.unit_by_key(db, unit_key)
    if unit is None:
        raise InitError(Text("init.no_unit_key", key=unit_key))
    if role not in ROLES or unit.level != ROLES[role]:
        raise InitError(Text("init.unit_not_for_role", unit=unit.name))
    return _store(db, role, unit, official_name, official_title)


def check_official(official_name: str, official_title: str) -> None:
    """The official's name and title travel in every package's manifest, which refuses control
    characters: refuse them here, where they are typed (InitError, Vietnamese)."""
    for label, text in ((Text("init.field.official_name"), official_name),
                        (Text("init.field.official_title"), official_title)):
        problem = control_problem_vi(text)
        if problem:
            raise InitError(Text("init.field_problem", label=label, problem=problem))


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


class MoveError(ValueError):
    """`move-to` refused: raised with a coded Text (xhht_desktop/messages.py); str() is Vietnamese."""


def move_offer(db: sqlite_utils.Database, today: dt.date | None = None) -> list[units_repo.Unit]:
    """When this installation's unit has ended by `today`, the units it may move to (its successors,
    the one that inherits its history first); else []."""
    inst = get_installation(db)
    if inst is None or inst.unit.valid_to is None:
        return []
    if (today or dt.date.today()).isoformat() <= inst.unit.valid_to:
        return []
    return [u for u in _successors_in_order(db, inst.unit) if u.level == inst.unit.level]


def _successors_in_order(db, unit: units_repo.Unit) -> list[units_repo.Unit]:
    after = units_repo.successors(db, unit.id)
    default = {u.id for u in after if units_repo._is_default(db, unit.id, u.id)}
    return sorted(after, key=lambda u: (u.id not in default, u.code))


def move_to(db: sqlite_utils.Database, spec: str) -> tuple[units_repo.Unit, Installation]:
    """Move an installation of an abolished unit to its successor (`CODE@DATE` or `CODE`).

    The installation keeps its id, its keys and everything it holds (the old unit's figures stay the
    old unit's); from now on it enters and exports for the successor. The Department sees a new
    (key, unit) pair and confirms it as for any unit a key has not spoken for before.
    Returns (the old unit, the installation as it now stands)."""
    inst = get_installation(db)
    if inst is None:
        raise MoveError(Text("move.not_initialised"))
    old = inst.unit
    try:
        target = units_repo.resolve_unit(db, spec)
    except units_repo.UnitSpecError as exc:
        raise MoveError(exc.args[0]) from None
    allowed = [u for u in _successors_in_order(db, old) if u.level == old.level]
    if target.id not in {u.id for u in allowed}:
        if not allowed:
            raise MoveError(Text("move.no_successor", unit=old.name, key=old.key))
        names = ", ".join(f"{u.name} ({u.code}@{u.valid_from})" for u in allowed)
        raise MoveError(Text("move.not_successor", target=target.name, target_key=target.key, unit=old.name,
                             names=names))
    moved = meta.get(db, "moved_from") or ""
    meta.set_many(db, {"unit_key": target.key,
                       "moved_from": ";".join(filter(None, [moved, f"{old.key}>{target.key}@{dt.date.today().isoformat()}"]))})
    return old, get_installation(db)
