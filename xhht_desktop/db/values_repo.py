"""Indicator figures and completeness marks: read, save with history, never half-way.

Every record has a stable UUID derived from what it is (unit version, period, indicator,
breakdown), so the same figure entered on two installations is the same record for sync,
and a revision counter bumped on every change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import sqlite_utils

from xhht_desktop.db import history
from xhht_desktop.domain.text import nfc
from xhht_desktop.domain.values import Entry, Issue, errors_only, validate_entries
from xhht_desktop.messages import Lines, Text

RECORD_NAMESPACE = uuid.UUID("5b7d1f0e-7c39-4e55-9a51-2780c0de2013")
FIELDS = ("numerator", "denominator", "value", "comment", "decision_no", "decision_date", "decision_body")


class ValidationFailed(Exception):
    """Raised when a save has errors; nothing was written."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        # One line per error; a coded Text, so the CLI's --lang and the interface word it.
        super().__init__(Text("values.failed", lines=Lines(i.message for i in errors_only(issues))))


@dataclass
class SaveResult:
    changed: int = 0
    unchanged: int = 0
    issues: list[Issue] = field(default_factory=list)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def value_uuid(unit_key: str, period: str, indicator: str, breakdown: str | None) -> str:
    return str(uuid.uuid5(RECORD_NAMESPACE, f"value|{unit_key}|{period}|{indicator}|{breakdown or ''}"))


def status_uuid(unit_key: str, period: str) -> str:
    return str(uuid.uuid5(RECORD_NAMESPACE, f"status|{unit_key}|{period}"))


def _unit_key(db: sqlite_utils.Database, unit_id: int) -> str:
    return db.conn.execute("SELECT key FROM units WHERE id=?", (unit_id,)).fetchone()[0]


def load_entries(db: sqlite_utils.Database, unit_id: int, period: str) -> dict[tuple[str, str | None], Entry]:
    rows = db.conn.execute(
        """SELECT indicator, breakdown, numerator, denominator, value, comment, decision_no, decision_date,
                  decision_body
           FROM indicator_values WHERE unit_id=? AND period=? AND deleted=0""",
        (unit_id, period),
    )
    out = {}
    for ind, bd, num, den, val, comment, dno, ddate, dbody in rows:
        e = Entry(ind, bd or None, num, den, val, comment or "", dno or "", ddate or None, dbody or "")
        out[e.key] = e
    return out


def previous_entries(db: sqlite_utils.Database, unit_id: int, period: str) -> dict[tuple[str, str | None], Entry]:
    """The unit's figures of the period before (for "far from last time" warnings)."""
    from xhht_desktop.domain.aggregation import change_period
    from xhht_desktop.domain.periods import parse_period

    # Across programmes (2020 -> 2021) the indicators are not the same: nothing to compare with.
    prev = change_period(parse_period(period))
    if prev is None:
        return {}
    return load_entries(db, unit_id, prev.code)


def save_entries(
    db: sqlite_utils.Database,
    unit_id: int,
    period: str,
    entries: list[Entry],
    *,
    actor: str,
    origin: str,
    source: str = "form",
    previous: dict[tuple[str, str | None], Entry] | None = None,
) -> SaveResult:
    """Validate then write `entries` for one unit and period, all or nothing.

    Entries not listed are left as they are. A blank entry over an existing figure clears it
    (blank is "not reported", kept distinct from 0). Raises ValidationFailed on any error.
    """
    from xhht_desktop.db import units_repo  # noqa: PLC0415
    from xhht_desktop.domain.periods import parse_period  # noqa: PLC0415
    units_repo.check_life(db, units_repo.get_unit(db, unit_id), parse_period(period))  # UnitLifeError
    current = load_entries(db, unit_id, period)
    if previous is None:
        previous = previous_entries(db, unit_id, period)
    # Validate the figures as they will stand after the save, so breakdown <= total holds
    # against totals that are not part of this save.
    merged = dict(current)
    for e in entries:
        merged[e.key] = e
    from xhht_desktop.db.reference import catalogue_in_db  # noqa: PLC0415
    issues = validate_entries(list(merged.values()), previous, catalogue=catalogue_in_db(db, period))
    # Only what this save touches can block it (an indicator's total and breakdowns go together).
    touched = {e.indicator for e in entries}
    relevant = [i for i in issues if i.indicator in touched]
    if errors_only(relevant):
        raise ValidationFailed(relevant)
    result = SaveResult(issues=relevant)
    stamp = now_iso()
    ukey = _unit_key(db, unit_id)
    conn = db.conn
    with db.atomic():
        for e in entries:
            old = conn.execute(
                """SELECT uuid, numerator, denominator, value, comment, decision_no, decision_date, decision_body,
                          revision, deleted
                   FROM indicator_values WHERE unit_id=? AND period=? AND indicator=? AND breakdown=?""",
                (unit_id, period, e.indicator, e.breakdown or ""),
            ).fetchone()
            new_vals = (e.numerator, e.denominator, e.value, e.comment or "", nfc(e.decision_no or "").strip(),
                        _decision_date(e.decision_date), nfc(e.decision_body or "").strip())
            if old is None:
                if e.is_blank() and not e.comment and not any(new_vals[4:]):
                    result.unchanged += 1
                    continue
                rec = value_uuid(ukey, period, e.indicator, e.breakdown)
                conn.execute(
                    """INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, numerator,
                           denominator, value, comment, decision_no, decision_date, decision_body, revision,
                           base_revision, updated_at, updated_by, origin)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1,0,?,?,?)""",
                    (rec, unit_id, period, e.indicator, e.breakdown or "", *new_vals, stamp, actor, origin),
                )
                old_vals: tuple = (None, None, None, "", "", None, "")
                revision = 1
            else:
                rec, *rest = old
                old_vals, revision, deleted = tuple(rest[:7]), rest[7], rest[8]
                if tuple(old_vals) == new_vals and not deleted:
                    result.unchanged += 1
                    continue
                revision += 1
                conn.execute(
                    """UPDATE indicator_values SET numerator=?, denominator=?, value=?, comment=?, decision_no=?,
                           decision_date=?, decision_body=?,
                           revision=?, base_revision=?, updated_at=?, updated_by=?, origin=?, deleted=0
                       WHERE uuid=?""",
                    (*new_vals, revision, revision - 1, stamp, actor, origin, rec),
                )
            changes = [(rec, name, _text(o), _text(n), revision, stamp, actor, origin, source)
                       for name, o, n in zip(FIELDS, old_vals, new_vals)
                       if o != n and not (name in _TEXT_FIELDS and not o and not n)]
            if old is not None and deleted:  # entered again over a deletion: that is a change too
                changes.append((rec, "deleted", "1", "0", revision, stamp, actor, origin, source))
            conn.executemany(
                """INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision,
                       changed_at, changed_by, origin, source) VALUES ('indicator_values',?,?,?,?,?,?,?,?,?)""",
                changes,
            )
            result.changed += 1
    return result


_TEXT_FIELDS = ("comment", "decision_no", "decision_body")


def _decision_date(raw) -> str | None:
    """The decision date as stored: YYYY-MM-DD (validation has already refused a bad one)."""
    from xhht_desktop.domain.values import parse_decision_date

    iso, _err = parse_decision_date(raw)
    return iso


def _text(v) -> str | None:
    return None if v is None else str(v)


def history_for_unit(db: sqlite_utils.Database, unit_id: int, period: str | None = None, limit: int = 500):
    """Recent changes of a unit's figures: newest first, as dicts (a first arrival by merge included:
    xhht_desktop.db.history)."""
    where, args = "t.unit_id=?", [unit_id]
    if period:
        where += " AND t.period=?"
        args.append(period)
    hcols = ("changed_at", "changed_by", "field", "old_value", "new_value", "revision", "source")
    tcols = ("period", "indicator", "breakdown")
    return [dict(zip(hcols + tcols, r))
            for r in history.unit_rows(db, "indicator_values", where, args, hcols, tcols, limit=limit)]


def record_history(db: sqlite_utils.Database, record_uuid: str):
    cols = ("changed_at", "changed_by", "field", "old_value", "new_value", "revision", "source", "origin")
    return [dict(zip(cols, r)) for r in history.record_rows(db, "indicator_values", record_uuid, cols)]


# ---- completeness marks ------------------------------------------------------------------------

def is_complete(db: sqlite_utils.Database, unit_id: int, period: str) -> bool:
    row = db.conn.execute(
        "SELECT complete FROM period_status WHERE unit_id=? AND period=? AND deleted=0", (unit_id, period)
    ).fetchone()
    return bool(row and row[0])


def set_complete(db: sqlite_utils.Database, unit_id: int, period: str, complete: bool, *,
                 actor: str, origin: str, source: str = "form") -> None:
    stamp = now_iso()
    conn = db.conn
    with db.atomic():
        old = conn.execute("SELECT uuid, complete, revision, deleted FROM period_status WHERE unit_id=? AND period=?",
                           (unit_id, period)).fetchone()
        if old is None:
            rec, revision, before = status_uuid(_unit_key(db, unit_id), period), 1, None
            conn.execute(
                """INSERT INTO period_status (uuid, unit_id, period, complete, revision, base_revision,
                       updated_at, updated_by, origin) VALUES (?,?,?,?,1,0,?,?,?)""",
                (rec, unit_id, period, int(complete), stamp, actor, origin))
        else:
            rec, before, revision, deleted = old
            if bool(before) == complete and not (deleted and complete):  # a deleted mark is not complete
                return
            revision += 1
            conn.execute(
                """UPDATE period_status SET complete=?, revision=?, base_revision=?, updated_at=?,
                       updated_by=?, origin=?, deleted=0 WHERE uuid=?""",
                (int(complete), revision, revision - 1, stamp, actor, origin, rec))
        changes = [("complete", _text(before), str(int(complete)))]
        if old is not None and bool(before) == complete:
            changes = []
        if old is not None and deleted:  # marked again over a deletion: that is a change too
            changes.append(("deleted", "1", "0"))
        conn.executemany(
            """INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, changed_at,
                   changed_by, origin, source) VALUES ('period_status',?,?,?,?,?,?,?,?,?)""",
            [(rec, f, o, n, revision, stamp, actor, origin, source) for f, o, n in changes])


def reported_periods(db: sqlite_utils.Database, unit_id: int) -> list[str]:
    return [r[0] for r in db.conn.execute(
        "SELECT DISTINCT period FROM indicator_values WHERE unit_id=? AND deleted=0 "
        "AND (numerator IS NOT NULL OR value IS NOT NULL)", (unit_id,))]
