"""Queries over effective-dated units."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

import sqlite_utils

from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.periods import parse_period as _parse_period
from xhht_desktop.domain.text import fold, nfc
from xhht_desktop.messages import Text


@dataclass(frozen=True)
class Unit:
    id: int
    key: str
    code: str
    name: str
    level: str
    type_label: str
    valid_from: str
    valid_to: str | None

    def valid_on(self, day: str) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def overlaps(self, period: Period) -> bool:
        return self.valid_from <= period.end.isoformat() and (
            self.valid_to is None or self.valid_to >= period.start.isoformat())

    @property
    def short_name(self) -> str:
        """"Xã Đắk Pék" -> "Đắk Pék" (for "UBND XÃ ĐẮK PÉK" and date lines)."""
        prefix = self.type_label + " "
        return self.name[len(prefix):] if self.type_label and self.name.startswith(prefix) else self.name


_COLS = "id, key, code, name, level, type_label, valid_from, valid_to"


def _unit(row) -> Unit:
    return Unit(*row)


def get_unit(db: sqlite_utils.Database, unit_id: int) -> Unit:
    row = db.conn.execute(f"SELECT {_COLS} FROM units WHERE id=?", (unit_id,)).fetchone()
    if row is None:
        raise KeyError(unit_id)
    return _unit(row)


def unit_by_key(db: sqlite_utils.Database, key: str) -> Unit | None:
    row = db.conn.execute(f"SELECT {_COLS} FROM units WHERE key=?", (key,)).fetchone()
    return _unit(row) if row else None


def units_with_code(db: sqlite_utils.Database, code: str) -> list[Unit]:
    rows = db.conn.execute(f"SELECT {_COLS} FROM units WHERE code=? ORDER BY valid_from", (code,))
    return [_unit(r) for r in rows]


def find_unit(db: sqlite_utils.Database, code: str, period: Period | None = None) -> Unit | None:
    """The version of a code in force for a period (at its end, else any overlap), else the latest."""
    versions = units_with_code(db, code.strip())
    if not versions:
        return None
    if period is not None:
        for day in (period.end.isoformat(), period.start.isoformat()):
            for u in versions:
                if u.valid_on(day):
                    return u
        for u in versions:
            if u.overlaps(period):
                return u
    return versions[-1]


def all_units(db: sqlite_utils.Database, level: str | None = None) -> list[Unit]:
    sql = f"SELECT {_COLS} FROM units"
    args: tuple = ()
    if level:
        sql += " WHERE level=?"
        args = (level,)
    return [_unit(r) for r in db.conn.execute(sql + " ORDER BY code, valid_from", args)]


def parent_of(db: sqlite_utils.Database, unit_id: int, day: str) -> Unit | None:
    row = db.conn.execute(
        f"""SELECT {', '.join('u.' + c.strip() for c in _COLS.split(','))}
            FROM unit_parents p JOIN units u ON u.id = p.parent_id
            WHERE p.unit_id=? AND p.valid_from<=? AND (p.valid_to IS NULL OR p.valid_to>=?)""",
        (unit_id, day, day),
    ).fetchone()
    return _unit(row) if row else None


def children(db: sqlite_utils.Database, unit_id: int, day: str | None = None) -> list[Unit]:
    """Direct children; with `day`, only those attached on that day, else every one ever attached."""
    cols = ", ".join("u." + c.strip() for c in _COLS.split(","))
    if day is None:
        rows = db.conn.execute(
            f"SELECT DISTINCT {cols} FROM unit_parents p JOIN units u ON u.id=p.unit_id "
            "WHERE p.parent_id=? ORDER BY u.code", (unit_id,))
    else:
        rows = db.conn.execute(
            f"SELECT {cols} FROM unit_parents p JOIN units u ON u.id=p.unit_id "
            "WHERE p.parent_id=? AND p.valid_from<=? AND (p.valid_to IS NULL OR p.valid_to>=?) "
            "AND u.valid_from<=? AND (u.valid_to IS NULL OR u.valid_to>=?) ORDER BY u.code",
            (unit_id, day, day, day, day))
    return [_unit(r) for r in rows]


def descendant_ids(db: sqlite_utils.Database, unit_id: int, day: str) -> dict[int, str]:
    """All units below `unit_id` on `day` (attached and valid then), with their level."""
    rows = db.conn.execute(
        """WITH RECURSIVE below(id, level) AS (
               SELECT u.id, u.level FROM unit_parents p JOIN units u ON u.id=p.unit_id
               WHERE p.parent_id=:root AND p.valid_from<=:d AND (p.valid_to IS NULL OR p.valid_to>=:d)
                 AND u.valid_from<=:d AND (u.valid_to IS NULL OR u.valid_to>=:d)
               UNION
               SELECT u.id, u.level FROM below b JOIN unit_parents p ON p.parent_id=b.id
               JOIN units u ON u.id=p.unit_id
               WHERE p.valid_from<=:d AND (p.valid_to IS NULL OR p.valid_to>=:d)
                 AND u.valid_from<=:d AND (u.valid_to IS NULL OR u.valid_to>=:d)
           ) SELECT id, level FROM below""",
        {"root": unit_id, "d": day},
    )
    return dict(rows.fetchall())


def search_units(
    db: sqlite_utils.Database,
    query: str,
    *,
    level: str | None = None,
    parent_id: int | None = None,
    on_day: str | None = None,
    limit: int = 200,
) -> list[Unit]:
    """Accent- and case-insensitive search: "dak pek" finds "Xã Đắk Pék"; codes match too."""
    words = fold(query).split()
    sql = f"SELECT {', '.join('u.' + c.strip() for c in _COLS.split(','))} FROM units u"
    where, args = [], []
    if parent_id is not None:
        sql += " JOIN unit_parents p ON p.unit_id=u.id"
        where.append("p.parent_id=?")
        args.append(parent_id)
    if level:
        where.append("u.level=?")
        args.append(level)
    if on_day:
        where.append("u.valid_from<=? AND (u.valid_to IS NULL OR u.valid_to>=?)")
        args += [on_day, on_day]
    for w in words:
        where.append("(u.name_folded LIKE ? OR u.code LIKE ?)")
        args += [f"%{w}%", f"{w}%"]
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " GROUP BY u.id ORDER BY u.valid_from, u.code LIMIT ?"
    args.append(limit)
    return [_unit(r) for r in db.conn.execute(sql, args)]


def successors(db: sqlite_utils.Database, unit_id: int) -> list[Unit]:
    cols = ", ".join("u." + c.strip() for c in _COLS.split(","))
    rows = db.conn.execute(
        f"SELECT {cols} FROM unit_lineage l JOIN units u ON u.id=l.successor_id WHERE l.predecessor_id=?",
        (unit_id,))
    return [_unit(r) for r in rows]


def predecessors(db: sqlite_utils.Database, unit_id: int) -> list[Unit]:
    cols = ", ".join("u." + c.strip() for c in _COLS.split(","))
    rows = db.conn.execute(
        f"SELECT {cols} FROM unit_lineage l JOIN units u ON u.id=l.predecessor_id WHERE l.successor_id=? "
        "ORDER BY u.code", (unit_id,))
    return [_unit(r) for r in rows]


# --- Units in time ------------------------------------------------------------------------------

_SPEC = re.compile(r"^\s*(\d{1,6})\s*(?:@\s*(\d{4}-\d{2}-\d{2})\s*)?$")


class UnitSpecError(ValueError):
    """A unit argument that names no unit. `code`: bad_spec | unknown_code | no_unit_on_date."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(unit_spec_error_vi(code, params))


def unit_spec_error_vi(code: str, params: dict) -> Text:
    """The refusal as a coded Text (xhht_desktop/messages.py): Vietnamese as a str."""
    spec = params.get("spec", "")
    if code == "bad_spec":
        return Text("unit.bad_spec", spec=spec)
    if code == "unknown_code":
        return Text("unit.unknown_code", unit_code=params.get("unit_code", spec))
    holders = params.get("holders") or ()
    lines_vi = "; ".join(f"{u.name} ({_life_vi(u)})" for u in holders)
    lines_en = "; ".join(f"{u.name} ({_life_en(u)})" for u in holders)
    return Text("unit.no_unit_on_date", day=params.get("day", ""), day_vi=vi_date(params.get("day", "")),
                unit_code=params.get("unit_code"),
                holders_vi=f". Mã này thuộc: {lines_vi}." if lines_vi else ".",
                holders_en=f". The code belongs to: {lines_en}." if lines_en else ".")


def vi_date(iso: str | None) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _life_vi(u: Unit) -> str:
    return (f"từ {vi_date(u.valid_from)}" if u.valid_to is None
            else f"{vi_date(u.valid_from)}–{vi_date(u.valid_to)}")


def _life_en(u: Unit) -> str:
    return f"from {u.valid_from}" if u.valid_to is None else f"{u.valid_from} to {u.valid_to}"


def unit_label_vi(u: Unit) -> str:
    """"Xã Đắk Pék (23353, 02/12/2013–30/06/2025)": a unit with its dates, for lists that mix old and new."""
    return f"{u.name} ({u.code}, {_life_vi(u)})"


def holder_on(db: sqlite_utils.Database, code: str, day: str) -> Unit | None:
    for u in units_with_code(db, code):
        if u.valid_on(day):
            return u
    return None


def resolve_unit(db: sqlite_utils.Database, spec: str, *, period: Period | None = None,
                 today: _dt.date | None = None) -> Unit:
    """"CODE@YYYY-MM-DD" -> the unit holding CODE that day; bare "CODE" -> with `period`, the unit
    holding it on the period's last day; without, the unit holding it today, else its last holder.

    A bare code with a period that no holder covers gives the holder nearest in time (the last one
    before, else the first after), so that the caller's `life_problem` can say where the data went.
    """
    m = _SPEC.match(nfc(spec or ""))
    if not m:
        raise UnitSpecError("bad_spec", spec=spec)
    code, day = m.group(1), m.group(2)
    versions = units_with_code(db, code)
    if not versions:
        raise UnitSpecError("unknown_code", spec=spec, unit_code=code)
    if day:
        try:
            _dt.date.fromisoformat(day)
        except ValueError:
            raise UnitSpecError("bad_spec", spec=spec) from None
        unit = holder_on(db, code, day)
        if unit is None:
            raise UnitSpecError("no_unit_on_date", spec=spec, unit_code=code, day=day, holders=tuple(versions))
        return unit
    day = period.end.isoformat() if period is not None else (today or _dt.date.today()).isoformat()
    unit = holder_on(db, code, day)
    if unit is not None:
        return unit
    before = [u for u in versions if u.valid_to is not None and u.valid_to < day]
    if before:
        return max(before, key=lambda u: u.valid_to)
    return versions[0] if period is not None else versions[-1]


@dataclass(frozen=True)
class LifeProblem:
    code: str  # "not_yet" | "ended"
    unit: Unit
    period: str
    successors: tuple[Unit, ...]  # "ended": where its data went; "not_yet": its predecessors
    effective: str  # ISO date the successor took over ("ended") or the unit began ("not_yet")


def lives_through(unit: Unit, period: Period) -> bool:
    """A unit reports a period iff the period's last day falls within its life."""
    return unit.valid_on(period.end.isoformat())


def life_problem(db: sqlite_utils.Database, unit: Unit, period: Period) -> LifeProblem | None:
    if lives_through(unit, period):
        return None
    if unit.valid_to is not None and period.end.isoformat() > unit.valid_to:
        after = successors(db, unit.id)
        if not after:
            # A district (abolished with no successor of its own): its data went to its province's
            # successor (Huyện Đắk Glei -> Tỉnh Quảng Ngãi).
            parent = parent_of(db, unit.id, unit.valid_to)
            while parent is not None and not after:
                after = successors(db, parent.id)
                parent = parent_of(db, parent.id, parent.valid_to or unit.valid_to)
        after = sorted(after, key=lambda u: (not _is_default(db, unit.id, u.id), u.code))
        effective = (_dt.date.fromisoformat(unit.valid_to) + _dt.timedelta(days=1)).isoformat()
        return LifeProblem("ended", unit, period.code, tuple(after), effective)
    return LifeProblem("not_yet", unit, period.code, tuple(predecessors(db, unit.id)), unit.valid_from)


def _is_default(db: sqlite_utils.Database, pred_id: int, succ_id: int) -> bool:
    row = db.conn.execute("SELECT is_default FROM unit_lineage WHERE predecessor_id=? AND successor_id=?",
                          (pred_id, succ_id)).fetchone()
    return bool(row and row[0])


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def life_problem_vi(problem: LifeProblem) -> Text:
    """The refusal, with the successor named: "Xã Đắk Pék đã nhập vào Xã Đăk Pék (23341) từ 01/07/2025".
    A coded Text (xhht_desktop/messages.py): Vietnamese as a str, messages.words() in English."""
    u = problem.unit
    common = {"unit": u.name, "code": u.code, "period": problem.period, "when": problem.effective,
              "when_vi": vi_date(problem.effective)}
    if problem.code == "not_yet":
        preds = ", ".join(f"{p.name} ({p.code})" for p in problem.successors[:6])
        more = "…" if len(problem.successors) > 6 else ""
        return Text("unit.life.not_yet", **common,
                    preds_vi=f"; số liệu kỳ này thuộc các đơn vị trước sáp nhập: {preds}{more}" if preds else "",
                    preds_en=f"; this period belongs to the units before the merger: {preds}{more}" if preds else "")
    succ = problem.successors
    if not succ:
        return Text("unit.life.ended", **common, until=u.valid_to, until_vi=vi_date(u.valid_to))
    first = {"succ": succ[0].name, "succ_lower": _lower_first(succ[0].name), "succ_code": succ[0].code}
    if u.level == "tinh" and u.name == succ[0].name:  # old Quảng Ngãi -> today's Quảng Ngãi
        return Text("unit.life.province_renewed", **common, **first, until=u.valid_to, until_vi=vi_date(u.valid_to))
    if u.level == "tinh":
        return Text("unit.life.province_merged", **common, **first)
    if u.level == "huyen" and succ[0].level == "tinh":
        return Text("unit.life.district_abolished", **common, **first)
    if len(succ) > 1:
        return Text("unit.life.divided", **common, **first, names=", ".join(f"{s.name} ({s.code})" for s in succ))
    return Text("unit.life.merged", **common, **first)


class UnitLifeError(ValueError):
    """A figure for a period outside its unit's life: refused with the successor named."""

    def __init__(self, problem: LifeProblem):
        self.problem = problem
        super().__init__(life_problem_vi(problem))


def check_life(db: sqlite_utils.Database, unit: Unit, period: Period) -> None:
    """Raise UnitLifeError when `unit` does not report `period`."""
    problem = life_problem(db, unit, period)
    if problem is not None:
        raise UnitLifeError(problem)


def history_predecessors(db: sqlite_utils.Database, unit_id: int) -> list[Unit]:
    """Predecessors whose history this unit inherits: all of them, except that a divided commune's
    history goes only to the successor the dataset marks as its default (Xã Trà Bùi -> Xã Cà Đam)."""
    cols = ", ".join("u." + c.strip() for c in _COLS.split(","))
    rows = db.conn.execute(
        f"SELECT {cols} FROM unit_lineage l JOIN units u ON u.id=l.predecessor_id "
        "WHERE l.successor_id=? AND l.is_default=1 ORDER BY u.code", (unit_id,))
    return [_unit(r) for r in rows]


def divided_predecessors(db: sqlite_utils.Database, unit_id: int) -> list[tuple[Unit, Unit]]:
    """(predecessor, default successor) for predecessors divided with this unit whose history went
    elsewhere: the derived figure must say so (Xã Tây Trà Bồng: "Xã Trà Bùi: số liệu thuộc Xã Cà Đam")."""
    out = []
    for pred_id, in db.conn.execute(
            "SELECT predecessor_id FROM unit_lineage WHERE successor_id=? AND is_default=0", (unit_id,)).fetchall():
        row = db.conn.execute(
            "SELECT successor_id FROM unit_lineage WHERE predecessor_id=? AND is_default=1", (pred_id,)).fetchone()
        if row:
            out.append((get_unit(db, pred_id), get_unit(db, row[0])))
    return out


def first_life_problem(db: sqlite_utils.Database, unit: Unit, period_codes) -> LifeProblem | None:
    """The first of `period_codes` (valid codes) that `unit` did not live through, else None.
    Malformed codes are left to the caller's own validation."""
    for code in sorted(set(period_codes)):
        try:
            period = _parse_period(code)
        except ValueError:
            continue
        problem = life_problem(db, unit, period)
        if problem is not None:
            return problem
    return None
