"""All SQL of the community learning centre: the centre record and the activity log.

Every write validates first and changes nothing when there is an error (ClcValidationError), runs
in one transaction (nested inside the caller's when there is one, e.g. an Excel import), bumps the
record's revision and writes one `history` row per changed field. Deleting keeps a tombstone
(`deleted` = 1); `restore_activity` brings it back (undo), again as a new revision.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuid_mod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import sqlite_utils

from xhht_desktop.clc.domain import (
    ACTIVITY_FIELDS,
    CENTRE_FIELDS,
    CENTRE_LABELS_VI,
    Activity,
    Centre,
    ClcValidationError,
    FieldError,
    parse_stored_date,
    validate_activity,
)
from xhht_desktop.db import history, meta, units_repo
from xhht_desktop.db.values_repo import RECORD_NAMESPACE, now_iso
from xhht_desktop.domain.text import fold

ACTIVITIES = "clc_activities"
CENTRES = "clc_centres"
_BOOK = ("uuid", "unit_id", "revision", "deleted", "updated_at", "updated_by")
_ACT_COLS = ACTIVITY_FIELDS + _BOOK
_DATE_FIELDS = ("date", "end_date")


def centre_uuid(unit_key: str) -> str:
    """The centre of a commune version is the same record on every installation."""
    return str(uuid_mod.uuid5(RECORD_NAMESPACE, f"clc_centre|{unit_key}"))


@dataclass(frozen=True)
class ActivityFilter:
    """What the page, the CLI and the export select. Dates are inclusive; None means open.
    The text matches every word, accent- and case-insensitively (as `domain.text.matches`)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    category: str | None = None
    text: str = ""

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(fold(self.text).split())

    def accepts(self, a: Activity) -> bool:
        if self.category and a.category != self.category:
            return False
        if self.date_from and a.date < self.date_from:
            return False
        if self.date_to and a.date > self.date_to:
            return False
        haystack = a.folded_text
        return all(word in haystack for word in self.words)


def _to_activity(row: Sequence) -> Activity | None:
    """The activity of a stored row; None when a date is not a readable YYYY-MM-DD (a hand edit or an
    old version: `check` names it, `unreadable_activities` counts it, the lists leave it out)."""
    d = dict(zip(_ACT_COLS, row))
    for name in _DATE_FIELDS:
        d[name], problem = parse_stored_date(d[name])
        if problem:
            return None
    d["deleted"] = bool(d["deleted"])
    return Activity(**d)


def unreadable_activities(db: sqlite_utils.Database, unit_ids: Iterable[int]) -> int:
    """How many live activities of these units have a date the lists cannot read (left out of them)."""
    ids = list(unit_ids)
    n = 0
    # SQL narrows to the candidates (not shaped YYYY-MM-DD, or a day after the 28th; SQLite's date()
    # takes 2014-02-30 as it is), the domain's parser decides.
    suspect = "({c} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' OR substr({c}, 9, 2) > '28')"
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        rows = db.conn.execute(
            f"""SELECT date, end_date FROM {ACTIVITIES} WHERE unit_id IN ({','.join('?' * len(chunk))})
                AND deleted=0 AND ({suspect.format(c='date')} OR {suspect.format(c='end_date')})""", chunk)
        n += sum(1 for d, e in rows if parse_stored_date(d)[1] or parse_stored_date(e)[1])
    return n


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return str(int(v))
    return str(v)


def _unit_bounds(db: sqlite_utils.Database, unit_id: int) -> units_repo.Unit:
    try:
        return units_repo.get_unit(db, unit_id)
    except KeyError:
        raise ClcValidationError([FieldError("unit", f"Không có đơn vị số {unit_id}.")]) from None


def _write_history(db: sqlite_utils.Database, table: str, record: str, changes: Iterable[tuple[str, object, object]],
                   revision: int, stamp: str, actor: str, origin: str, source: str) -> None:
    db.conn.executemany(
        """INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, changed_at,
               changed_by, origin, source) VALUES (?,?,?,?,?,?,?,?,?,?)""",
        [(table, record, name, _text(old), _text(new), revision, stamp, actor, origin, source)
         for name, old, new in changes],
    )


# ---- activities --------------------------------------------------------------------------------

def list_activities(db: sqlite_utils.Database, unit_ids: Iterable[int], filt: ActivityFilter | None = None, *,
                    include_deleted: bool = False) -> list[Activity]:
    """Activities of the given units, oldest first; `filt` narrows dates, category and text."""
    filt = filt or ActivityFilter()
    ids = list(unit_ids)
    out: list[Activity] = []
    for start in range(0, len(ids), 900):  # stay within SQLite's parameter limit
        chunk = ids[start:start + 900]
        sql = f"SELECT {', '.join(_ACT_COLS)} FROM {ACTIVITIES} WHERE unit_id IN ({','.join('?' * len(chunk))})"
        args: list = list(chunk)
        if not include_deleted:
            sql += " AND deleted=0"
        if filt.date_from:
            sql += " AND date>=?"
            args.append(filt.date_from.isoformat())
        if filt.date_to:
            sql += " AND date<=?"
            args.append(filt.date_to.isoformat())
        if filt.category:
            sql += " AND category=?"
            args.append(filt.category)
        out += [a for a in map(_to_activity, db.conn.execute(sql, args)) if a is not None]
    out = [a for a in out if filt.accepts(a)] if filt.text else out
    out.sort(key=lambda a: (a.date, a.updated_at, a.uuid))
    return out


def get_activity(db: sqlite_utils.Database, record_uuid: str) -> Activity | None:
    row = db.conn.execute(f"SELECT {', '.join(_ACT_COLS)} FROM {ACTIVITIES} WHERE uuid=?", (record_uuid,)).fetchone()
    return _to_activity(row) if row else None


def _check(db: sqlite_utils.Database, unit_id: int, activity: Activity, today: dt.date | None) -> None:
    unit = _unit_bounds(db, unit_id)
    if unit.level != "xa":
        raise ClcValidationError([FieldError("unit", "Sổ hoạt động TTHTCĐ chỉ ghi cho xã, phường, thị trấn "
                                                     f"(«{unit.name}» là cấp trên).")])
    errors = validate_activity(activity, today=today, unit_valid_from=unit.valid_from, unit_valid_to=unit.valid_to)
    if errors:
        raise ClcValidationError(errors)


def add_activity(db: sqlite_utils.Database, unit_id: int, activity: Activity, *, actor: str, origin: str,
                 source: str = "form", record_uuid: str | None = None, today: dt.date | None = None) -> Activity:
    """Validate and store a new activity; returns it as stored (with its uuid and revision 1)."""
    _check(db, unit_id, activity, today)
    rec = record_uuid or str(uuid_mod.uuid4())
    stamp = now_iso()
    values = activity.values()
    with db.atomic():
        db.conn.execute(
            f"""INSERT INTO {ACTIVITIES} (uuid, unit_id, {', '.join(ACTIVITY_FIELDS)}, revision, base_revision,
                    updated_at, updated_by, origin, deleted)
                VALUES (?, ?, {', '.join('?' * len(ACTIVITY_FIELDS))}, 1, 0, ?, ?, ?, 0)""",
            (rec, unit_id, *values.values(), stamp, actor, origin))
        _write_history(db, ACTIVITIES, rec, [(k, None, v) for k, v in values.items() if v not in (None, "")],
                       1, stamp, actor, origin, source)
    return get_activity(db, rec)


def update_activity(db: sqlite_utils.Database, record_uuid: str, activity: Activity, *, actor: str, origin: str,
                    source: str = "form", today: dt.date | None = None) -> Activity:
    """Store new values for an existing activity (also un-deletes it). Unchanged values write nothing."""
    current = get_activity(db, record_uuid)
    if current is None:
        raise ClcValidationError([FieldError("uuid", "Hoạt động này không còn trong cơ sở dữ liệu.")])
    _check(db, current.unit_id, activity, today)
    old, new = current.values(), activity.values()
    changes = [(k, old[k], new[k]) for k in ACTIVITY_FIELDS if old[k] != new[k]]
    if current.deleted:
        changes.append(("deleted", 1, 0))
    if not changes:
        return current
    revision = current.revision + 1
    stamp = now_iso()
    with db.atomic():
        db.conn.execute(
            f"""UPDATE {ACTIVITIES} SET {', '.join(f'{k}=?' for k in ACTIVITY_FIELDS)}, deleted=0, revision=?,
                    base_revision=?, updated_at=?, updated_by=?, origin=? WHERE uuid=?""",
            (*new.values(), revision, current.revision, stamp, actor, origin, record_uuid))
        _write_history(db, ACTIVITIES, record_uuid, changes, revision, stamp, actor, origin, source)
    return get_activity(db, record_uuid)


def _set_deleted(db: sqlite_utils.Database, record_uuid: str, deleted: bool, *, actor: str, origin: str,
                 source: str) -> Activity:
    current = get_activity(db, record_uuid)
    if current is None:
        raise ClcValidationError([FieldError("uuid", "Hoạt động này không còn trong cơ sở dữ liệu.")])
    if current.deleted == deleted:
        return current
    revision = current.revision + 1
    stamp = now_iso()
    with db.atomic():
        db.conn.execute(
            f"""UPDATE {ACTIVITIES} SET deleted=?, revision=?, base_revision=?, updated_at=?, updated_by=?, origin=?
                WHERE uuid=?""",
            (int(deleted), revision, current.revision, stamp, actor, origin, record_uuid))
        _write_history(db, ACTIVITIES, record_uuid, [("deleted", int(current.deleted), int(deleted))],
                       revision, stamp, actor, origin, source)
    return get_activity(db, record_uuid)


def delete_activity(db: sqlite_utils.Database, record_uuid: str, *, actor: str, origin: str,
                    source: str = "form") -> Activity:
    """Mark the activity deleted (a tombstone, kept for sync and undo); never a physical DELETE."""
    return _set_deleted(db, record_uuid, True, actor=actor, origin=origin, source=source)


def restore_activity(db: sqlite_utils.Database, record_uuid: str, *, actor: str, origin: str,
                     source: str = "undo") -> Activity:
    """Bring a deleted activity back (undo of a deletion) as a new revision."""
    return _set_deleted(db, record_uuid, False, actor=actor, origin=origin, source=source)


def activity_history(db: sqlite_utils.Database, record_uuid: str) -> list[dict]:
    cols = ("changed_at", "changed_by", "field", "old_value", "new_value", "revision", "source", "origin")
    return [dict(zip(cols, r)) for r in history.record_rows(db, ACTIVITIES, record_uuid, cols)]


def latest_activity_date(db: sqlite_utils.Database) -> dt.date | None:
    """The date of the latest activity stored (any unit)."""
    latest = db.conn.execute(f"SELECT MAX(date) FROM {ACTIVITIES} WHERE deleted=0").fetchone()[0]
    return dt.date.fromisoformat(latest) if latest else None


def recent_templates(db: sqlite_utils.Database, unit_id: int, limit: int = 300) -> list[Activity]:
    """The latest activity of each distinct title, newest first: the entry form's title completion
    fills category, format, place, partner, sessions and funding from it."""
    rows = db.conn.execute(
        f"""SELECT {', '.join(_ACT_COLS)} FROM {ACTIVITIES} WHERE unit_id=? AND deleted=0
            ORDER BY date DESC, updated_at DESC""", (unit_id,))
    seen: set[str] = set()
    out: list[Activity] = []
    for r in rows:
        a = _to_activity(r)
        if a is not None and a.title not in seen:
            seen.add(a.title)
            out.append(a)
            if len(out) >= limit:
                break
    return out


def distinct_texts(db: sqlite_utils.Database, unit_id: int, column: str, limit: int = 100) -> list[str]:
    """Partners, places or funding sources used before, most used first."""
    if column not in ("partner", "place", "funding"):
        raise ValueError(column)
    rows = db.conn.execute(
        f"""SELECT {column}, COUNT(*) AS n FROM {ACTIVITIES} WHERE unit_id=? AND deleted=0 AND {column}<>''
            GROUP BY {column} ORDER BY n DESC, MAX(date) DESC LIMIT ?""", (unit_id, limit))
    return [r[0] for r in rows]


def find_same_activity(db: sqlite_utils.Database, unit_id: int, a: Activity) -> Activity | None:
    """A stored activity with the same day, title, category, format, sessions and visits (an Excel row
    imported twice)."""
    rows = db.conn.execute(
        f"""SELECT {', '.join(_ACT_COLS)} FROM {ACTIVITIES}
            WHERE unit_id=? AND deleted=0 AND date=? AND title=? AND category=? AND format=? AND sessions=?
              AND visits=? LIMIT 1""",
        (unit_id, a.date.isoformat(), a.title, a.category, a.format, a.sessions, a.visits)).fetchone()
    return _to_activity(rows) if rows else None


# ---- entry-form defaults (installation settings, not synced) ------------------------------------

_DEFAULTS_KEY = "clc.entry_defaults"


def load_entry_defaults(db: sqlite_utils.Database) -> dict:
    """What the entry form remembers between sessions: last category, format, partner, place…"""
    try:
        data = json.loads(meta.get(db, _DEFAULTS_KEY, "{}") or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def save_entry_defaults(db: sqlite_utils.Database, values: dict) -> None:
    meta.put(db, _DEFAULTS_KEY, json.dumps(values, ensure_ascii=False))


# ---- the centre --------------------------------------------------------------------------------

_CENTRE_COLS = ("uuid", "unit_id", "name", "director", "decision_no", "decision_date", "combined_culture",
                "branches", "notes", "revision", "updated_at", "updated_by")


def _to_centre(row: Sequence) -> Centre:
    d = dict(zip(_CENTRE_COLS, row))
    d["decision_date"], problem = parse_stored_date(d["decision_date"])
    if problem:  # shown flagged on the page; `check` reports it too
        d["problems"] = (f"{CENTRE_LABELS_VI['decision_date']} lưu trong máy không hợp lệ: {problem}.",)
    d["combined_culture"] = None if d["combined_culture"] is None else bool(d["combined_culture"])
    d["branches"] = [b for b in (d["branches"] or "").split("\n") if b]
    return Centre(**d)


def _centre_values(c: Centre) -> dict[str, object]:
    return {
        "name": c.name, "director": c.director, "decision_no": c.decision_no,
        "decision_date": c.decision_date.isoformat() if c.decision_date else None,
        "combined_culture": None if c.combined_culture is None else int(c.combined_culture),
        # One branch per line: a plain column keeps history and sync field-by-field readable.
        "branches": "\n".join(c.branches), "notes": c.notes,
    }


def get_centre(db: sqlite_utils.Database, unit_id: int) -> Centre | None:
    row = db.conn.execute(f"SELECT {', '.join(_CENTRE_COLS)} FROM {CENTRES} WHERE unit_id=? AND deleted=0",
                          (unit_id,)).fetchone()
    return _to_centre(row) if row else None


def save_centre(db: sqlite_utils.Database, unit_id: int, centre: Centre, *, actor: str, origin: str,
                source: str = "form") -> Centre:
    """Create or update the commune's centre (one per commune version)."""
    unit = _unit_bounds(db, unit_id)
    if unit.level != "xa":
        raise ClcValidationError([FieldError("unit", "Chỉ xã, phường, thị trấn mới có TTHTCĐ.")])
    if not (centre.name or "").strip():
        raise ClcValidationError([FieldError("name", "Tên trung tâm: chưa nhập (bắt buộc).")])
    new = _centre_values(centre)
    stamp = now_iso()
    row = db.conn.execute(
        f"SELECT uuid, {', '.join(CENTRE_FIELDS)}, revision, deleted FROM {CENTRES} WHERE unit_id=?",
        (unit_id,)).fetchone()
    with db.atomic():
        if row is None:
            rec = centre_uuid(unit.key)
            db.conn.execute(
                f"""INSERT INTO {CENTRES} (uuid, unit_id, {', '.join(CENTRE_FIELDS)}, revision, base_revision,
                        updated_at, updated_by, origin)
                    VALUES (?, ?, {', '.join('?' * len(CENTRE_FIELDS))}, 1, 0, ?, ?, ?)""",
                (rec, unit_id, *new.values(), stamp, actor, origin))
            _write_history(db, CENTRES, rec, [(k, None, v) for k, v in new.items() if v not in (None, "")],
                           1, stamp, actor, origin, source)
        else:
            rec, *old_vals, revision, deleted = row
            old = dict(zip(CENTRE_FIELDS, old_vals))
            changes = [(k, old[k], new[k]) for k in CENTRE_FIELDS if old[k] != new[k]]
            if deleted:
                changes.append(("deleted", 1, 0))
            if changes:
                db.conn.execute(
                    f"""UPDATE {CENTRES} SET {', '.join(f'{k}=?' for k in CENTRE_FIELDS)}, deleted=0, revision=?,
                            base_revision=?, updated_at=?, updated_by=?, origin=? WHERE uuid=?""",
                    (*new.values(), revision + 1, revision, stamp, actor, origin, rec))
                _write_history(db, CENTRES, rec, changes, revision + 1, stamp, actor, origin, source)
    return get_centre(db, unit_id)


def predecessor_centres(db: sqlite_utils.Database, unit_id: int) -> list[tuple[units_repo.Unit, Centre]]:
    """Centres of the communes merged into this one (1 July 2025), for a new commune's first set-up."""
    out = []
    for unit in units_repo.predecessors(db, unit_id):
        c = get_centre(db, unit.id)
        if c is not None:
            out.append((unit, c))
    return out


def default_centre_name(unit: units_repo.Unit) -> str:
    """"Xã Đắk Pék" -> "Trung tâm học tập cộng đồng xã Đắk Pék"."""
    kind = (unit.type_label or "xã").lower()
    return f"Trung tâm học tập cộng đồng {kind} {unit.short_name}"
