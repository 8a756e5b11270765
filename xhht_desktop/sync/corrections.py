"""Correction requests (đề nghị kiểm tra lại): the Department marks a figure (unit, period, indicator)
or a learning-centre activity with a note; the request travels to the installation in its receipt;
the commune sees it beside the field and in a list; its answer — a reply note, or a changed figure —
travels in its next package and closes the request at the Department.

Status: at the Department `open` → `closed` (closed_how 'reply' or 'figure'); at the installation
`open` → `answered` (a reply written, not yet sent) → `sent` (in a package) → `closed` (the
Department's next receipt no longer lists it).
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.text import CONTROL_LINE_RE, control_characters, control_problem_vi
from xhht_desktop.installation import get_installation
from xhht_desktop.messages import CodedError

MAX_MESSAGE = 1000
MAX_REPLIES = 500
STATUS_LABELS_VI = {"open": "chưa trả lời", "answered": "đã trả lời, chưa gửi", "sent": "đã gửi trả lời",
                    "closed": "đã đóng"}
_COLS = ("uuid", "unit_key", "period", "indicator", "activity_uuid", "message", "status", "created_at",
         "created_by", "reply", "replied_at", "closed_at", "closed_how", "package_uuid")


class CorrectionProblem(CodedError):
    """A refused request or reply: a code of xhht_desktop/messages.py with its parameters; `str()` is
    the Vietnamese sentence (the CLI's default), `words(exc, "en")` the English one."""


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def _check_message(text: str, what: str = "message") -> str:
    """`what` is "message" (the Department's request) or "reply" (the commune's answer)."""
    text = (text or "").strip()
    if not text:
        raise CorrectionProblem(f"correction.{what}_empty")
    if len(text) > MAX_MESSAGE:
        raise CorrectionProblem(f"correction.{what}_too_long", limit=MAX_MESSAGE)
    problem = control_problem_vi(text, multiline=True)
    if problem:
        raise CorrectionProblem(f"correction.{what}_control", problem=problem,
                                chars=", ".join(control_characters(text, multiline=True)[:3]))
    return text


def province_roots(db: sqlite_utils.Database, province: units_repo.Unit) -> list[units_repo.Unit]:
    """The Department's province and, transitively, the provinces it was formed from."""
    roots, todo = {}, [province]
    while todo:
        u = todo.pop()
        if u.id not in roots:
            roots[u.id] = u
            todo += units_repo.predecessors(db, u.id)
    return list(roots.values())


def province_unit_ids(db: sqlite_utils.Database, province: units_repo.Unit, period) -> set[int]:
    """The units below the Department's province — or below a province it was formed from — on the
    period's last day: the only units it may ask for a check that period (a merged commune's
    predecessors are in it for the periods before the merger)."""
    day = period.end.isoformat()
    below: set[int] = set()
    for root in province_roots(db, province):
        below |= set(units_repo.descendant_ids(db, root.id, day))
    return below


def activities_for(db: sqlite_utils.Database, unit_key: str, period_code: str) -> list[dict]:
    """The learning-centre activities of a unit dated within a period (not deleted), for the
    Department's chooser: [{uuid, date, title}] by date."""
    period = parse_period(period_code)
    return [{"uuid": u, "date": d, "title": t} for u, d, t in db.conn.execute(
        "SELECT a.uuid, a.date, a.title FROM clc_activities a JOIN units u ON u.id=a.unit_id "
        "WHERE u.key=? AND a.deleted=0 AND a.date BETWEEN ? AND ? ORDER BY a.date, a.title, a.uuid",
        (unit_key, period.start.isoformat(), period.end.isoformat()))]


def activity_summary(db: sqlite_utils.Database, activity_uuid: str) -> dict | None:
    """{date, title} of an activity, for lists (None when this database does not hold it)."""
    row = db.conn.execute("SELECT date, title FROM clc_activities WHERE uuid=?", (activity_uuid,)).fetchone()
    return {"date": row[0], "title": row[1]} if row else None


def request_correction(db: sqlite_utils.Database, unit_spec: str, period_code: str, message: str, *,
                       indicator: str = "", activity_uuid: str = "", now: str | None = None) -> dict:
    """The Department marks a figure or an activity of a unit of its province; returns the request."""
    inst = get_installation(db)
    if inst is None or inst.role != "department":
        raise CorrectionProblem("correction.department_only")
    period = parse_period(period_code)
    try:
        unit = units_repo.resolve_unit(db, unit_spec, period=period)
    except units_repo.UnitSpecError as exc:
        raise CorrectionProblem("correction.unknown_unit", spec=unit_spec, reason=str(exc).rstrip(".")) from None
    problem = units_repo.first_life_problem(db, unit, [period.code])
    if problem is not None:
        raise CorrectionProblem("correction.not_reporting", unit=unit.name, key=unit.key, period=period.code)
    if unit.id not in province_unit_ids(db, inst.unit, period):
        raise CorrectionProblem("correction.outside_province", unit=unit.name, code=unit.code,
                                province=inst.unit.name, period=period.code)
    if bool(indicator) == bool(activity_uuid):
        raise CorrectionProblem("correction.one_subject")
    if indicator:
        from xhht_desktop.db.aggregate import indicators_of  # noqa: PLC0415

        if indicator not in {i.code for i in indicators_of(db, unit.level, period)}:
            raise CorrectionProblem("correction.unknown_indicator", indicator=indicator, period=period.code,
                                    unit=unit.name)
    else:
        ref = activity_uuid.strip().lower()
        rows = db.conn.execute(
            "SELECT a.uuid, a.date, a.title FROM clc_activities a JOIN units u ON u.id=a.unit_id "
            "WHERE u.key=? AND a.deleted=0 AND (a.uuid=? OR (length(?) >= 8 AND substr(a.uuid, 1, length(?))=?))",
            (unit.key, ref, ref, ref, ref)).fetchall()  # the whole uuid, or a unique prefix of 8 or more
        if len(rows) != 1:
            raise CorrectionProblem("correction.unknown_activity", activity=activity_uuid, unit=unit.name)
        activity_uuid, date, title = rows[0]
        if not period.start.isoformat() <= date <= period.end.isoformat():
            raise CorrectionProblem("correction.activity_period", title=title, date=units_repo.vi_date(date),
                                    period=period.code)
    record = {"uuid": str(uuid.uuid4()), "unit_key": unit.key, "period": period.code, "indicator": indicator,
              "activity_uuid": activity_uuid, "message": _check_message(message), "status": "open",
              "created_at": now or _now(), "created_by": inst.actor, "reply": "", "replied_at": None,
              "closed_at": None, "closed_how": "", "package_uuid": ""}
    with db.atomic():
        db.conn.execute(f"INSERT INTO correction_requests ({', '.join(_COLS)}) VALUES ({', '.join('?' * len(_COLS))})",
                        [record[c] for c in _COLS])
    return record


def list_requests(db: sqlite_utils.Database, *, unit_key: str | None = None, status: str | None = None) -> list[dict]:
    sql = f"SELECT {', '.join(_COLS)} FROM correction_requests"
    where, args = [], []
    if unit_key:
        where.append("unit_key=?")
        args.append(unit_key)
    if status:
        where.append("status=?")
        args.append(status)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [dict(zip(_COLS, r)) for r in db.conn.execute(sql + " ORDER BY created_at, uuid", args)]


def open_for_field(db: sqlite_utils.Database, unit_key: str, period: str) -> dict[str, list[dict]]:
    """indicator -> requests not closed, for the entry form (beside the field)."""
    out: dict[str, list[dict]] = {}
    for r in list_requests(db, unit_key=unit_key):
        if r["period"] == period and r["status"] != "closed" and r["indicator"]:
            out.setdefault(r["indicator"], []).append(r)
    return out


def open_for_activities(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """activity uuid -> requests not closed, for the centre log (beside the activity)."""
    out: dict[str, list[dict]] = {}
    for r in list_requests(db):
        if r["status"] != "closed" and r["activity_uuid"]:
            out.setdefault(r["activity_uuid"], []).append(r)
    return out


def find(db: sqlite_utils.Database, ref: str) -> dict:
    """A request by its uuid or a unique prefix of it (at least 4 characters)."""
    ref = (ref or "").strip().lower()
    rows = [r for r in list_requests(db) if len(ref) >= 4 and r["uuid"].startswith(ref)]
    if len(rows) != 1:
        raise CorrectionProblem("correction.ambiguous" if rows else "correction.not_found", ref=ref)
    return rows[0]


def reply(db: sqlite_utils.Database, ref: str, text: str, *, now: str | None = None) -> dict:
    """The commune answers a request; the reply goes with its next package."""
    inst = get_installation(db)
    if inst is None or inst.role == "department":
        raise CorrectionProblem("correction.department_no_reply")
    r = find(db, ref)
    if r["status"] == "closed":
        raise CorrectionProblem("correction.closed")
    text = _check_message(text, "reply")
    with db.atomic():
        db.conn.execute("UPDATE correction_requests SET reply=?, replied_at=?, status='answered' WHERE uuid=?",
                        (text, now or _now(), r["uuid"]))
    return find(db, r["uuid"])


# ---- travelling: in the package (installation → Department) -------------------------------------

def manifest_replies(db: sqlite_utils.Database) -> list[dict]:
    """Replies written since the last package, for `manifest.correction_replies`."""
    return [{"uuid": r["uuid"], "reply": r["reply"], "replied_at": r["replied_at"]}
            for r in list_requests(db, status="answered")][:MAX_REPLIES]


def after_export(db: sqlite_utils.Database, package_uuid: str, replies: list[dict],
                 figures: set[tuple[str, str]], activities: set[str] = frozenset()) -> None:
    """Inside the export's transaction: replies sent; an open request whose figure (or activity) the
    package carries is answered by it."""
    for r in replies:
        db.conn.execute("UPDATE correction_requests SET status='sent', package_uuid=? WHERE uuid=?",
                        (package_uuid, r["uuid"]))
    for r in list_requests(db, status="open"):
        if (r["indicator"] and (r["period"], r["indicator"]) in figures) or \
                (r["activity_uuid"] and r["activity_uuid"] in activities):
            db.conn.execute("UPDATE correction_requests SET status='sent', package_uuid=? WHERE uuid=?",
                            (package_uuid, r["uuid"]))


def check_manifest_replies(value) -> str | None:
    """None when `manifest.correction_replies` (optional) is well-formed, else what is wrong."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_REPLIES:
        return "correction_replies"
    for r in value:
        if not isinstance(r, dict) or type(r.get("uuid")) is not str or len(r["uuid"]) != 36 \
                or type(r.get("reply")) is not str or not (0 < len(r["reply"]) <= MAX_MESSAGE) \
                or control_problem_vi(r["reply"], multiline=True) \
                or type(r.get("replied_at")) is not str or len(r["replied_at"]) > 40 \
                or CONTROL_LINE_RE.search(r["replied_at"]):
            return "correction_replies"
    return None


def _after(a: str, b: str) -> bool:
    try:
        return dt.datetime.fromisoformat(a) >= dt.datetime.fromisoformat(b)  # stamps are to the second
    except (TypeError, ValueError):
        return False


def on_package_imported(db: sqlite_utils.Database, unit_key: str, package_uuid: str, replies: list[dict],
                        figures: set[tuple[str, str]], now: str, package_created_at: str = "",
                        activities: set[str] = frozenset()) -> int:
    """At the Department, inside the merge: close the unit's open requests the package answers (a reply,
    or the figure itself sent again in a package made after the request). Returns how many were closed."""
    closed = 0
    by_uuid = {r["uuid"]: r for r in replies or []}
    for r in list_requests(db, unit_key=unit_key, status="open"):
        answer = by_uuid.get(r["uuid"])
        if answer is not None:
            db.conn.execute("UPDATE correction_requests SET status='closed', reply=?, replied_at=?, closed_at=?, "
                            "closed_how='reply', package_uuid=? WHERE uuid=?",
                            (answer["reply"], answer["replied_at"], now, package_uuid, r["uuid"]))
            closed += 1
        elif ((r["indicator"] and (r["period"], r["indicator"]) in figures)
              or (r["activity_uuid"] and r["activity_uuid"] in activities)) \
                and _after(package_created_at, r["created_at"]):
            db.conn.execute("UPDATE correction_requests SET status='closed', closed_at=?, closed_how='figure', "
                            "package_uuid=? WHERE uuid=?", (now, package_uuid, r["uuid"]))
            closed += 1
    return closed


# ---- travelling: in the receipt (Department → installation) -------------------------------------

def for_receipt(db: sqlite_utils.Database, unit_key: str) -> list[dict]:
    return [{k: r[k] for k in ("uuid", "period", "indicator", "activity_uuid", "message", "created_at")}
            for r in list_requests(db, unit_key=unit_key, status="open")]


def check_receipt_items(items) -> bool:
    if not isinstance(items, list) or len(items) > 5000:
        return False
    for r in items:
        if not isinstance(r, dict) or not all(type(r.get(k)) is str for k in
                                              ("uuid", "period", "indicator", "activity_uuid", "message", "created_at")):
            return False
        if len(r["uuid"]) != 36 or len(r["message"]) > MAX_MESSAGE or len(r["period"]) > 10 \
                or len(r["indicator"]) > 40 or len(r["activity_uuid"]) > 36 or len(r["created_at"]) > 40 \
                or control_problem_vi(r["message"], multiline=True) \
                or any(CONTROL_LINE_RE.search(r[k]) for k in ("uuid", "period", "indicator", "activity_uuid")):
            return False
    return True


def apply_from_receipt(db: sqlite_utils.Database, unit_key: str, items: list[dict], now: str) -> dict:
    """At the installation: new requests arrive open; those it answered and the Department no longer lists
    are closed. Returns {"new": n, "closed": n}."""
    listed = {r["uuid"] for r in items}
    new = 0
    for r in items:
        if db.conn.execute("SELECT 1 FROM correction_requests WHERE uuid=?", (r["uuid"],)).fetchone():
            continue
        db.conn.execute(
            f"INSERT INTO correction_requests ({', '.join(_COLS)}) VALUES ({', '.join('?' * len(_COLS))})",
            [r["uuid"], unit_key, r["period"], r["indicator"], r["activity_uuid"], r["message"], "open",
             r["created_at"], "Sở GD&ĐT", "", None, None, "", ""])
        new += 1
    closed = 0
    for r in list_requests(db, unit_key=unit_key, status="sent"):
        if r["uuid"] not in listed:
            db.conn.execute("UPDATE correction_requests SET status='closed', closed_at=? WHERE uuid=?", (now, r["uuid"]))
            closed += 1
    return {"new": new, "closed": closed}
