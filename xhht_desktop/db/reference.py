"""Catalogue and unit lists shipped under resources/, copied into the database.

Run at every open: cheap when nothing changed (one meta lookup and the shipped files' sizes and
times, `refresh_reference_data`), and a new app version with an updated catalogue refreshes it
without a migration.

Catalogues: both programmes (`programmes`), their indicators keyed by (programme, code) and their
targets per (programme, indicator, target year) with the draft flag; the provincial agencies
(`agencies`). A row the Department has added, confirmed or corrected (`source` = 'department': here
with `set_indicator`, `set_target`, `set_agency`, or brought by a reference update) is never
overwritten by a refresh; a row it never touched still follows the resources of a new app version.

The catalogue in force is read from the database: `catalogue_in_db(db, period)` (and
`agencies_in_db(db)`), cached per database object and rebuilt when that database's `reference_stamp`
changed (triggers change it on every write to the reference rows, whichever connection wrote them),
so two databases open in one process (a Department's and a commune's) each see their own.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from xhht_desktop import __version__
from xhht_desktop.domain.catalogue import (
    KINDS,
    PROGRAMMES,
    Catalogue,
    Indicator,
    Programme,
    all_catalogues,
    catalogue_for,
    catalogues_version,
    fraction_shape,
    indicator_from_row,
    indicator_row_problem,
    indicator_to_row,
    programme,
    programme_for_period,
    target_problem,
)
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.units import load_unit_records
from xhht_desktop.messages import CodedError
from xhht_desktop.paths import resource_path

if TYPE_CHECKING:
    from xhht_desktop.domain.agencies import AgencyBook


def _agencies():
    """xhht_desktop.domain.agencies, imported when first needed: opening a database whose reference
    data are current, or reading its catalogue (the dashboard's figures), needs none of it (2.5 ms
    of the GUI start to the first page's figures)."""
    from xhht_desktop.domain import agencies

    return agencies


class ReferenceProblem(CodedError):
    """A catalogue row, target or agency that cannot be stored (code `refrow.*` of messages.py)."""


def problem_message_code(code: str, params: dict) -> str:
    """The messages.py code of a row problem (an agency's text has its own wording)."""
    return "refrow.bad_agency_text" if code == "bad_text" and "name" in params else f"refrow.{code}"


def _reference_hash() -> str:
    units, lineage = load_unit_records()
    h = hashlib.sha256(catalogues_version().encode())
    h.update(resource_path("catalogue", "agencies.csv").read_bytes())
    for u in units:
        h.update(repr((u.key, u.name, u.level, u.valid_to, u.parents)).encode())
    h.update(repr(lineage).encode())
    return h.hexdigest()[:16]


def _reference_files() -> list[Path]:
    """What `_reference_hash` is computed from: the shipped catalogue and unit lists, and the code
    that reads the unit lists (its names and dates are constants there). In the built app the code
    is inside the executable."""
    from xhht_desktop.domain import catalogue as catalogue_mod
    from xhht_desktop.domain import units as units_mod

    files = sorted(resource_path("catalogue").glob("*.csv")) + sorted(resource_path("units").glob("*.csv"))
    files += [Path(catalogue_mod.__file__), Path(units_mod.__file__)]
    if getattr(sys, "frozen", False):
        files.append(Path(sys.executable))
    return files


def _files_stamp() -> str:
    """The app's version, and the size and modification time of every file of `_reference_files`:
    a fraction of a millisecond, where the hash reads and parses every unit list (4 ms at each
    open). Equal to the stamp stored with the hash: those files are the ones the hash was
    computed from, the hash is not computed again."""
    parts = [__version__]
    for path in _reference_files():
        try:
            st = path.stat()
        except OSError:
            parts.append(f"{path.name} -")
            continue
        parts.append(f"{path.name} {st.st_size} {st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


_PUT_META = "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value"


def refresh_reference_data(db: sqlite_utils.Database) -> None:
    """Write the shipped reference data into the database when it changed since the last open.

    `reference_hash` is the content hash of what was written; `reference_files` the stamp of the
    files it was computed from (`_files_stamp`) beside it. When the files' stamp is the stored one,
    nothing is read; otherwise the hash is computed: a different one refreshes the data, an equal
    one (the app moved, a new build with the same lists) only stores the new stamp — skipped,
    not waited for, when the database is busy or read-only (the next open tries again).
    """
    conn = db.conn
    stamp = _files_stamp()
    stored = dict(conn.execute(
        "SELECT key, value FROM meta WHERE key IN ('reference_hash', 'reference_files')").fetchall())
    stored_hash = stored.get("reference_hash")
    if stored_hash is not None and stored.get("reference_files") == f"{stamp} {stored_hash}":
        return
    wanted = _reference_hash()
    if stored_hash == wanted:
        _store_stamp(db, f"{stamp} {wanted}")
        return
    with db.atomic():
        refresh_catalogues(db)
        write_units(conn)
        conn.execute(_PUT_META, ("reference_hash", wanted))
        conn.execute(_PUT_META, ("reference_files", f"{stamp} {wanted}"))


def _store_stamp(db: sqlite_utils.Database, value: str) -> None:
    conn = db.conn
    timeout_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout=0")
    try:
        with db.atomic():
            conn.execute(_PUT_META, ("reference_files", value))
    except sqlite3.OperationalError:
        pass  # another program is writing, or the file is read-only: the hash is computed again next time
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")


# ---- catalogues ---------------------------------------------------------------------------------------

def refresh_catalogues(db: sqlite_utils.Database) -> None:
    """Write both shipped catalogues into `programmes`, `indicators` and `indicator_targets`."""
    conn = db.conn
    for cat in all_catalogues():
        p = cat.programme
        conn.execute(
            """INSERT INTO programmes (code, name_vi, name_en, first_period, last_period, target_years,
                   legal_basis_vi, legal_basis_en, catalogue_version) VALUES (?,?,?,?,?,?,?,?,?)
               ON CONFLICT(code) DO UPDATE SET name_vi=excluded.name_vi, name_en=excluded.name_en,
                   first_period=excluded.first_period, last_period=excluded.last_period,
                   target_years=excluded.target_years, legal_basis_vi=excluded.legal_basis_vi,
                   legal_basis_en=excluded.legal_basis_en, catalogue_version=excluded.catalogue_version""",
            (p.code, p.name_vi, p.name_en, p.first_period, p.last_period, ";".join(map(str, p.target_years)),
             "\n".join(p.legal_basis_vi), "\n".join(p.legal_basis_en), cat.version),
        )
        conn.executemany(
            """INSERT INTO indicators (programme, code, grp, name_vi, name_en, kind, levels, numerator_vi,
                   denominator_vi, periodicity, target_op, breakdowns, owner, plan_ref, scale_min, scale_max,
                   position)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(programme, code) DO UPDATE SET grp=excluded.grp, name_vi=excluded.name_vi,
                   name_en=excluded.name_en, kind=excluded.kind, levels=excluded.levels,
                   numerator_vi=excluded.numerator_vi, denominator_vi=excluded.denominator_vi,
                   periodicity=excluded.periodicity, target_op=excluded.target_op,
                   breakdowns=excluded.breakdowns, owner=excluded.owner, plan_ref=excluded.plan_ref,
                   scale_min=excluded.scale_min, scale_max=excluded.scale_max, position=excluded.position
               WHERE indicators.source='catalogue'""",
            [
                (p.code, i.code, i.group, i.name_vi, i.name_en, i.kind, ";".join(i.levels), i.numerator_vi,
                 i.denominator_vi, i.periodicity, i.target_op, ";".join(i.breakdowns), i.owner, i.plan_ref,
                 i.scale[0] if i.scale else None, i.scale[1] if i.scale else None, pos)
                for pos, i in enumerate(cat.indicators, start=1)
            ],
        )
        conn.executemany(
            """INSERT INTO indicator_targets (programme, indicator, target_year, value, draft, source)
               VALUES (?,?,?,?,?,'catalogue')
               ON CONFLICT(programme, indicator, target_year) DO UPDATE SET value=excluded.value,
                   draft=excluded.draft WHERE indicator_targets.source='catalogue'""",
            [(p.code, i.code, year, value, int(year in i.draft_targets))
             for i in cat.indicators for year, value in i.targets.items()],
        )
    refresh_agencies(db)


def refresh_agencies(db: sqlite_utils.Database) -> None:
    """The shipped agencies into `agencies`; the Department's rows stay as they are."""
    book = _agencies().shipped_book()
    db.conn.executemany(
        """INSERT INTO agencies (name, valid_from, short, name_en, valid_to, successors, note, position)
           VALUES (?,?,?,?,?,?,?,?)
           ON CONFLICT(name, valid_from) DO UPDATE SET short=excluded.short, name_en=excluded.name_en,
               valid_to=excluded.valid_to, successors=excluded.successors, note=excluded.note,
               position=excluded.position WHERE agencies.source='catalogue'""",
        [(r["name"], r["valid_from"], r["short"], r["name_en"], r["valid_to"],
          json.dumps(r["successors"], ensure_ascii=False), r["note"], pos)
         for pos, r in enumerate(book.rows(), start=1)])


def stored_targets(db: sqlite_utils.Database, programme_code: str) -> dict[tuple[str, int], tuple[float | None, bool, str]]:
    """(indicator, target year) -> (figure, draft, source) as the database holds them."""
    return {
        (ind, year): (value, bool(draft), source)
        for ind, year, value, draft, source in db.conn.execute(
            "SELECT indicator, target_year, value, draft, source FROM indicator_targets WHERE programme=?",
            (programme_code,))
    }


# ---- the catalogue in force, from the database ----------------------------------------------------

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # db -> {key: (stamp, object)}
_INDICATOR_COLUMNS = ("programme, code, grp, name_vi, name_en, kind, levels, numerator_vi, denominator_vi, "
                      "periodicity, target_op, breakdowns, owner, plan_ref, scale_min, scale_max")


def _stamp(db: sqlite_utils.Database) -> str | None:
    try:
        row = db.conn.execute("SELECT stamp FROM reference_stamp WHERE id=1").fetchone()
    except sqlite3.OperationalError:  # a schema before 0010_reference_rows (during an upgrade)
        return None
    return row[0] if row else None


_PINNED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # db -> its stamp, read once (pin_stamp)


def pin_stamp(db: sqlite_utils.Database) -> None:
    """Read the reference stamp once and trust it until `unpin_stamp`: for work that changes no
    reference data and asks for the catalogue thousands of times (a merge validates each package's
    figures against its period's catalogue: one query for the stamp each time cost 1.4 s of a
    10,000-package merge). Writes go through one writer, so nothing else changes it meanwhile."""
    try:
        _PINNED[db] = _stamp(db)
    except TypeError:  # not weak-referenceable: not pinned
        pass


def unpin_stamp(db: sqlite_utils.Database) -> None:
    try:
        _PINNED.pop(db, None)
    except TypeError:
        pass


def _cached(db: sqlite_utils.Database, key: str, build):
    try:
        stamp = _PINNED[db]
    except (KeyError, TypeError):
        stamp = _stamp(db)
    if stamp is None:
        return build()
    try:
        per_db = _CACHE.setdefault(db, {})
    except TypeError:  # not weak-referenceable: no cache
        return build()
    hit = per_db.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = build()
    per_db[key] = (stamp, value)
    return value


def _programme_of(key) -> Programme:
    if isinstance(key, Programme):
        return key
    if isinstance(key, str) and any(p.code == key for p in PROGRAMMES):
        return programme(key)
    return programme_for_period(key)


def _row_of(r) -> dict:
    (prog, code, grp, name_vi, name_en, kind, levels, num, den, per, op, bds, owner, ref, smin, smax) = r
    return {"programme": prog, "code": code, "group": grp, "name_vi": name_vi, "name_en": name_en, "kind": kind,
            "levels": [x for x in levels.split(";") if x], "numerator_vi": num, "denominator_vi": den,
            "periodicity": per, "target_op": op or None, "breakdowns": [x for x in bds.split(";") if x],
            "owner": owner, "plan_ref": ref, "scale": [smin, smax] if smin is not None and smax is not None else None}


def indicator_rows(db: sqlite_utils.Database, programme_code: str, *, source: str | None = None) -> list[dict]:
    """The rows of a programme as stored, in catalogue order (group, then position)."""
    sql = f"SELECT {_INDICATOR_COLUMNS} FROM indicators WHERE programme=?"
    params: tuple = (programme_code,)
    if source:
        sql += " AND source=?"
        params += (source,)
    return [_row_of(r) for r in db.conn.execute(sql + " ORDER BY grp, position, code", params)]


def _digest(indicators) -> str:
    h = hashlib.sha256()
    for i in indicators:
        h.update(json.dumps([indicator_to_row(i), sorted(i.targets.items()), sorted(i.draft_targets)],
                            ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()[:12]


def _shipped_digest(code: str) -> str:
    return _digest(catalogue_for(code).indicators)


def _build(db: sqlite_utils.Database, prog: Programme) -> Catalogue:
    rows = indicator_rows(db, prog.code)
    shipped = catalogue_for(prog.code)
    if not rows:  # a database the reference refresh has not written yet
        return shipped
    stored = stored_targets(db, prog.code)
    out = []
    for row in rows:
        targets = {ty: None for ty in prog.target_years}
        drafts = set()
        for ty in prog.target_years:
            hit = stored.get((row["code"], ty))
            if hit is not None:
                targets[ty] = hit[0]
                if hit[1]:
                    drafts.add(ty)
        out.append(indicator_from_row(row, targets, frozenset(drafts)))
    digest = _digest(out)
    version = shipped.version if digest == _shipped_digest(prog.code) else f"{shipped.version}+{digest}"
    return Catalogue(prog, tuple(out), version)


def catalogue_in_db(db: sqlite_utils.Database, period_or_programme) -> Catalogue:
    """The catalogue in force in this database for a period (or programme code): its indicator rows
    and targets as stored — the shipped ones, with what the Department added, confirmed or corrected."""
    prog = _programme_of(period_or_programme)
    return _cached(db, f"catalogue:{prog.code}", lambda: _build(db, prog))


def all_catalogues_in_db(db: sqlite_utils.Database) -> tuple[Catalogue, ...]:
    return tuple(catalogue_in_db(db, p.code) for p in PROGRAMMES)


def indicator_in_any_db(db: sqlite_utils.Database, code: str) -> Indicator | None:
    """The newest programme's indicator of this code in this database (labels without a period)."""
    for cat in reversed(all_catalogues_in_db(db)):
        if code in cat.by_code:
            return cat.by_code[code]
    return None


def _agency_rows(db: sqlite_utils.Database, source: str | None = None) -> list[dict]:
    sql = "SELECT name, short, name_en, valid_from, valid_to, successors, note FROM agencies"
    params: tuple = ()
    if source:
        sql += " WHERE source=?"
        params = (source,)
    try:
        rows = db.conn.execute(sql + " ORDER BY position, valid_from, name", params).fetchall()
    except sqlite3.OperationalError:
        return []
    return [{"name": n, "short": sh, "name_en": en, "valid_from": vf, "valid_to": vt or None,
             "successors": json.loads(succ or "[]"), "note": note} for n, sh, en, vf, vt, succ, note in rows]


def agencies_in_db(db: sqlite_utils.Database) -> AgencyBook:
    """The agencies in force in this database (the shipped list when none is stored yet)."""
    def build():
        rows = _agency_rows(db)
        agencies = _agencies()
        return agencies.AgencyBook.from_rows(rows) if rows else agencies.shipped_book()
    return _cached(db, "agencies", build)


# ---- the Department's edits -------------------------------------------------------------------------

def _stamp_now(now: str | None) -> str:
    return now or _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def indicator_conflict(db: sqlite_utils.Database, row: dict, pending: dict | None = None) -> tuple[str, dict] | None:
    """Rules that need the other rows: a row whose kind changes shape (rate/trend hold a numerator and
    a denominator, the other kinds one value: figures already entered would change meaning) ->
    `kind_change`; a breakdown taken away (its figures would become invalid) -> `breakdown_removed`; a
    level's scale narrowed (degrees entered would fall off it) -> `scale_shrunk`; a code the other
    programme gives another kind -> `code_collision`. `pending`:
    rows (programme, code) -> row of the same update, checked as if already stored."""
    pending = pending or {}
    key = (row["programme"], row["code"])
    old = pending.get(key)
    if old is None:
        r = db.conn.execute("SELECT kind, breakdowns, scale_min, scale_max FROM indicators WHERE programme=? "
                            "AND code=?", key).fetchone()
        if r is not None:
            old = {"kind": r[0], "breakdowns": [b for b in r[1].split(";") if b],
                   "scale": [r[2], r[3]] if r[2] is not None and r[3] is not None else None}
    old_kind = old["kind"] if old else None
    if old_kind is not None and fraction_shape(old_kind) != fraction_shape(row["kind"]):
        return "kind_change", {"code": row["code"], "old": old_kind, "new": row["kind"]}
    if old is not None and isinstance(row.get("breakdowns"), list):
        gone = [b for b in old["breakdowns"] if b not in row["breakdowns"]]
        if gone:  # figures entered for it would no longer be valid, nor could they be sent
            return "breakdown_removed", {"code": row["code"], "breakdown": ";".join(gone)}
    if old is not None and old.get("scale") and isinstance(row.get("scale"), list) and len(row["scale"]) == 2 \
            and (row["scale"][0] > old["scale"][0] or row["scale"][1] < old["scale"][1]):
        return "scale_shrunk", {"code": row["code"], "old": f"{old['scale'][0]}-{old['scale'][1]}",
                                "new": f"{row['scale'][0]}-{row['scale'][1]}"}
    others = {p: r["kind"] for (p, c), r in pending.items() if c == row["code"] and p != row["programme"]}
    for p, kind in db.conn.execute("SELECT programme, kind FROM indicators WHERE code=? AND programme<>?",
                                   (row["code"], row["programme"])):
        others.setdefault(p, kind)
    for p, kind in others.items():
        if kind != row["kind"]:
            return "code_collision", {"code": row["code"], "programme": p, "kind": kind}
    return None


def write_indicator_row(conn, row: dict, *, position: int | None, updated_at: str, updated_by: str,
                        note: str) -> None:
    """Store a checked row as the Department's (a new code goes at the end of its group)."""
    if position is None:
        old = conn.execute("SELECT position FROM indicators WHERE programme=? AND code=?",
                           (row["programme"], row["code"])).fetchone()
        position = old[0] if old else (conn.execute(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM indicators WHERE programme=?", (row["programme"],)
        ).fetchone()[0])
    scale = row["scale"] or [None, None]
    conn.execute(
        """INSERT INTO indicators (programme, code, grp, name_vi, name_en, kind, levels, numerator_vi,
               denominator_vi, periodicity, target_op, breakdowns, owner, plan_ref, scale_min, scale_max, position,
               source, updated_at, updated_by, note)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'department',?,?,?)
           ON CONFLICT(programme, code) DO UPDATE SET grp=excluded.grp, name_vi=excluded.name_vi,
               name_en=excluded.name_en, kind=excluded.kind, levels=excluded.levels,
               numerator_vi=excluded.numerator_vi, denominator_vi=excluded.denominator_vi,
               periodicity=excluded.periodicity, target_op=excluded.target_op, breakdowns=excluded.breakdowns,
               owner=excluded.owner, plan_ref=excluded.plan_ref, scale_min=excluded.scale_min,
               scale_max=excluded.scale_max, position=excluded.position, source='department',
               updated_at=excluded.updated_at, updated_by=excluded.updated_by, note=excluded.note""",
        (row["programme"], row["code"], row["group"], row["name_vi"], row["name_en"], row["kind"],
         ";".join(row["levels"]), row["numerator_vi"], row["denominator_vi"], row["periodicity"], row["target_op"],
         ";".join(row["breakdowns"]), row["owner"], row["plan_ref"], scale[0], scale[1], int(position),
         updated_at, updated_by, note))


def set_indicator(db: sqlite_utils.Database, row: dict, *, actor: str, note: str = "",
                  now: str | None = None) -> bool:
    """The Department adds a catalogue row or corrects one (every field of ROW_FIELDS). Raises
    ReferenceProblem (nothing stored) for a row that is not valid. Returns False when nothing changed."""
    shaped = isinstance(row, dict) and all(type(row.get(k)) is str for k in ("programme", "code", "kind"))
    problem = ((indicator_conflict(db, row) if shaped and row["kind"] in KINDS else None)
               or indicator_row_problem(row) or indicator_conflict(db, row))
    if problem:
        raise ReferenceProblem(problem_message_code(*problem), **problem[1])
    current = [r for r in indicator_rows(db, row["programme"]) if r["code"] == row["code"]]
    if current and current[0] == row:
        return False
    with db.atomic():
        write_indicator_row(db.conn, row, position=None, updated_at=_stamp_now(now), updated_by=actor, note=note)
    return True


def set_target_op(db: sqlite_utils.Database, programme_code: str, code: str, op: str | None, *, actor: str,
                  note: str = "", now: str | None = None) -> bool:
    """The Department changes how an indicator is compared with its target (>=, >, increase)."""
    current = [r for r in indicator_rows(db, programme_code) if r["code"] == code]
    if not current:
        raise KeyError(f"{programme_code}: {code}")
    return set_indicator(db, {**current[0], "target_op": op}, actor=actor, note=note, now=now)


def set_agency(db: sqlite_utils.Database, row: dict, *, actor: str, now: str | None = None,
               pending: set[str] | None = None) -> bool:
    """The Department adds or corrects an agency (keyed by name and valid_from). Successors must be
    agencies of the list. Raises ReferenceProblem (nothing stored). Returns False when nothing changed."""
    problem = _agencies().agency_row_problem(row) or agency_conflict(db, row, pending)
    if problem:
        raise ReferenceProblem(problem_message_code(*problem), **problem[1])
    old = [r for r in _agency_rows(db) if (r["name"], r["valid_from"]) == (row["name"], row["valid_from"])]
    if old and old[0] == row:
        return False
    with db.atomic():
        write_agency_row(db.conn, row, updated_at=_stamp_now(now), updated_by=actor)
    return True


def agency_conflict(db: sqlite_utils.Database, row: dict, pending: set[str] | None = None) -> tuple[str, dict] | None:
    known = {r[0] for r in db.conn.execute("SELECT name FROM agencies")} | (pending or set()) | {row["name"]}
    for new, _topics in row["successors"]:
        if new not in known:
            return "unknown_agency", {"name": row["name"], "successor": new[:60]}
    return None


def write_agency_row(conn, row: dict, *, updated_at: str, updated_by: str, position: int | None = None) -> None:
    if position is None:
        old = conn.execute("SELECT position FROM agencies WHERE name=? AND valid_from=?",
                           (row["name"], row["valid_from"])).fetchone()
        position = old[0] if old else conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM agencies").fetchone()[0]
    conn.execute(
        """INSERT INTO agencies (name, valid_from, short, name_en, valid_to, successors, note, position, source,
               updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,'department',?,?)
           ON CONFLICT(name, valid_from) DO UPDATE SET short=excluded.short, name_en=excluded.name_en,
               valid_to=excluded.valid_to, successors=excluded.successors, note=excluded.note,
               position=excluded.position, source='department', updated_at=excluded.updated_at,
               updated_by=excluded.updated_by""",
        (row["name"], row["valid_from"], row["short"], row["name_en"], row["valid_to"],
         json.dumps(row["successors"], ensure_ascii=False), row["note"], int(position), updated_at, updated_by))


def department_indicator_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every row the Department added or corrected, with position, who and when (what an update carries)."""
    out = []
    for prog in PROGRAMMES:
        rows = indicator_rows(db, prog.code, source="department")
        extra = {c: (pos, at, by, note) for c, pos, at, by, note in db.conn.execute(
            "SELECT code, position, updated_at, updated_by, note FROM indicators WHERE programme=? "
            "AND source='department'", (prog.code,))}
        for r in rows:
            pos, at, by, note = extra[r["code"]]
            out.append({**r, "position": pos, "updated_at": at, "updated_by": by, "note": note})
    return out


def department_agency_rows(db: sqlite_utils.Database) -> list[dict]:
    rows = _agency_rows(db, "department")
    extra = {(n, vf): (pos, at, by) for n, vf, pos, at, by in db.conn.execute(
        "SELECT name, valid_from, position, updated_at, updated_by FROM agencies WHERE source='department'")}
    return [{**r, "position": extra[(r["name"], r["valid_from"])][0],
             "updated_at": extra[(r["name"], r["valid_from"])][1],
             "updated_by": extra[(r["name"], r["valid_from"])][2]} for r in rows]


def set_target(db: sqlite_utils.Database, programme_code: str, indicator: str, target_year: int,
               value: float | None, *, actor: str, note: str = "", now: str | None = None) -> None:
    """The Department confirms or corrects a target (or sets one the catalogue lacks): the row becomes
    the Department's (`source` = 'department', no longer a draft) and later refreshes keep it.
    Raises KeyError for an indicator or target year the programme does not have, ValueError for a
    figure that is not a finite number ≥ 0."""
    import datetime as dt  # noqa: PLC0415
    import math  # noqa: PLC0415

    known = db.conn.execute("SELECT target_years FROM programmes WHERE code=?", (programme_code,)).fetchone()
    if known is None or str(target_year) not in known[0].split(";"):
        raise KeyError(f"{programme_code}: {target_year}")
    if not db.conn.execute("SELECT 1 FROM indicators WHERE programme=? AND code=?",
                           (programme_code, indicator)).fetchone():
        raise KeyError(f"{programme_code}: {indicator}")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                              or not math.isfinite(value) or value < 0):
        raise ValueError(f"mục tiêu «{value}» không hợp lệ")
    why = target_problem(catalogue_in_db(db, programme_code).by_code[indicator], value)
    if why:
        raise ValueError(f"mục tiêu «{value}» không hợp lệ ({why})")
    stamp = now or dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    with db.atomic():
        db.conn.execute(
            """INSERT INTO indicator_targets (programme, indicator, target_year, value, draft, source, updated_at,
                   updated_by, note) VALUES (?,?,?,?,0,'department',?,?,?)
               ON CONFLICT(programme, indicator, target_year) DO UPDATE SET value=excluded.value, draft=0,
                   source='department', updated_at=excluded.updated_at, updated_by=excluded.updated_by,
                   note=excluded.note""",
            (programme_code, indicator, int(target_year), None if value is None else float(value), stamp, actor,
             note))


# --- units part (helper "units") ----------------------------------------------------------------

def write_units(conn) -> None:
    """Shipped units, parents and lineage, then the changes brought in by `units import` replayed on
    top (so that a refresh never wipes them). Keys (CODE@VALID_FROM) never change: existing figures
    stay attached to their unit."""
    units, lineage = load_unit_records()
    conn.executemany(
        """INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to)
           VALUES (?,?,?,?,?,?,?,?)
           ON CONFLICT(key) DO UPDATE SET name=excluded.name, name_folded=excluded.name_folded,
               level=excluded.level, type_label=excluded.type_label, valid_to=excluded.valid_to""",
        [(u.key, u.code, u.name, fold(u.name), u.level, u.type_label, u.valid_from, u.valid_to)
         for u in units],
    )
    ids = dict(conn.execute("SELECT key, id FROM units"))
    conn.execute("DELETE FROM unit_parents")
    conn.executemany(
        "INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,?)",
        [(ids[u.key], ids[pk], frm, to) for u in units for (pk, frm, to) in u.parents],
    )
    conn.execute("DELETE FROM unit_lineage")
    conn.executemany(
        "INSERT INTO unit_lineage (predecessor_id, successor_id, effective, is_default) VALUES (?,?,?,?)",
        [(ids[a], ids[b], day, flag) for a, b, day, flag in lineage],
    )
    replay_unit_changes(conn)


def replay_unit_changes(conn, change_ids: list[int] | None = None) -> None:
    """Apply stored `unit_changes` rows, oldest first (all, or only `change_ids`)."""
    sql = "SELECT code, name, type_label, level, valid_from, predecessors, parent FROM unit_changes"
    if change_ids is not None:
        sql += f" WHERE id IN ({','.join('?' * len(change_ids))})"
    for code, name, type_label, level, valid_from, preds, parent in conn.execute(
            sql + " ORDER BY valid_from, id", change_ids or ()).fetchall():
        key = f"{code}@{valid_from}"
        conn.execute(
            """INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to)
               VALUES (?,?,?,?,?,?,?,NULL)
               ON CONFLICT(key) DO UPDATE SET name=excluded.name, name_folded=excluded.name_folded,
                   level=excluded.level, type_label=excluded.type_label""",
            (key, code, name, fold(name), level, type_label, valid_from))
        new_id = conn.execute("SELECT id FROM units WHERE key=?", (key,)).fetchone()[0]
        end = (_dt.date.fromisoformat(valid_from) - _dt.timedelta(days=1)).isoformat()
        for pkey in filter(None, preds.split(";")):
            row = conn.execute("SELECT id FROM units WHERE key=?", (pkey,)).fetchone()
            if row is None or row[0] == new_id:
                continue
            conn.execute("UPDATE units SET valid_to=? WHERE id=? AND (valid_to IS NULL OR valid_to>?)",
                         (end, row[0], end))
            conn.execute("UPDATE unit_parents SET valid_to=? WHERE unit_id=? AND (valid_to IS NULL OR valid_to>?)",
                         (end, row[0], end))
            conn.execute("INSERT OR REPLACE INTO unit_lineage (predecessor_id, successor_id, effective, is_default) "
                         "VALUES (?,?,?,1)", (row[0], new_id, valid_from))
        if parent:
            prow = conn.execute("SELECT id FROM units WHERE key=?", (parent,)).fetchone()
            if prow is not None:
                conn.execute("DELETE FROM unit_parents WHERE unit_id=? AND valid_from=?", (new_id, valid_from))
                conn.execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,NULL)",
                             (new_id, prow[0], valid_from))
