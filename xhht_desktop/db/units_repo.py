"""Queries over effective-dated units."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.text import fold


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


def history_predecessors(db: sqlite_utils.Database, unit_id: int) -> list[Unit]:
    """The predecessors whose history this unit inherits: its figures for a period before it existed
    are derived from theirs (db.lineage). Every predecessor of the lineage, in code order.
    (A divided commune's history goes to one successor only: the rule belongs here.)"""
    return predecessors(db, unit_id)
