"""All SQL of sync: exported packages, sending installations, received and held packages, conflicts,
and the bulk reads and writes of synced records.

Table names interpolated into SQL come from `tables.KNOWN_TABLES` / TableSpec, never from a package.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from xhht_desktop.sync.tables import TableSpec

CHUNK = 900  # host parameters per IN list (SQLite's default limit is 999 on old builds)


def _chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@contextlib.contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[None]:
    """A write transaction taken up front, so what is read inside it cannot change under us."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def meta_insert_if_absent(db: sqlite_utils.Database, key: str, value: str) -> None:
    with db.atomic():
        db.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING", (key, value))


def unit_rows(db: sqlite_utils.Database) -> dict[str, tuple]:
    """unit key -> (id, key, code, name, level, valid_from, valid_to) of every unit."""
    return {r[1]: r for r in db.conn.execute("SELECT id, key, code, name, level, valid_from, valid_to FROM units")}


def unit_row(db: sqlite_utils.Database, unit_key: str) -> tuple | None:
    """(id, key, code, name, level, valid_from, valid_to) of a unit key, or None."""
    return db.conn.execute("SELECT id, key, code, name, level, valid_from, valid_to FROM units WHERE key=?",
                           (unit_key,)).fetchone()


# ---- export (commune, district) -----------------------------------------------------------------

_EXPORT_COLS = ("package_uuid", "sequence", "previous_uuid", "created_at", "full", "history_id", "file_name",
                "file_size", "file_sha256", "counts", "periods", "recipients", "created_by")


def last_export(db: sqlite_utils.Database) -> dict | None:
    row = db.conn.execute(
        f"SELECT {', '.join(_EXPORT_COLS)} FROM sync_exports ORDER BY sequence DESC LIMIT 1").fetchone()
    return _export_dict(row) if row else None


def _export_dict(row) -> dict:
    d = dict(zip(_EXPORT_COLS, row))
    for key in ("counts", "periods", "recipients"):
        d[key] = json.loads(d[key])
    d["full"] = bool(d["full"])
    return d


def list_exports(db: sqlite_utils.Database) -> list[dict]:
    rows = db.conn.execute(f"SELECT {', '.join(_EXPORT_COLS)} FROM sync_exports ORDER BY sequence DESC")
    return [_export_dict(r) for r in rows]


def insert_export(db: sqlite_utils.Database, record: dict) -> None:
    values = [json.dumps(record[c], ensure_ascii=False) if c in ("counts", "periods", "recipients")
              else (int(record[c]) if c == "full" else record[c]) for c in _EXPORT_COLS]
    db.conn.execute(f"INSERT INTO sync_exports ({', '.join(_EXPORT_COLS)}) VALUES ({', '.join('?' * len(values))})",
                    values)


def max_history_id(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM history").fetchone()[0]


def _select_sql(spec: TableSpec, since: int | None) -> str:
    cols = ", ".join(["t.uuid", "u.key", "t.revision", "t.base_revision", "t.updated_at", "t.updated_by",
                      "t.origin", "t.deleted", *(f"t.{f}" for f in spec.fields)])
    sql = f"SELECT {cols} FROM {spec.name} t JOIN units u ON u.id=t.unit_id WHERE t.unit_id=?"
    if since is not None:
        # Changed since: a change row, or a first arrival by merge (its arrival group: db.history).
        sql += (" AND (t.uuid IN (SELECT record_uuid FROM history WHERE table_name=? AND id>? AND id<=?)"
                " OR (t.arrival_id > ? AND t.arrival_id <= ?))")
    return sql + " ORDER BY t.uuid"


def rows_to_export(db: sqlite_utils.Database, spec: TableSpec, unit_id: int, since: int | None,
                   upto: int) -> list[tuple]:
    """Records of the unit in `spec.columns` order: all of them, or those whose history has rows
    with since < id <= upto."""
    args: list = [unit_id]
    if since is not None:
        args += [spec.name, since, upto, since, upto]
    rows = db.conn.execute(_select_sql(spec, since), args).fetchall()
    if spec.name == "indicator_values":
        level = db.conn.execute("SELECT level FROM units WHERE id=?", (unit_id,)).fetchone()
        rows = _within_programme(db, spec, rows, level[0] if level else None)
    return rows


def _within_programme(db: sqlite_utils.Database, spec: TableSpec, rows: list[tuple],
                      level: str | None = None) -> list[tuple]:
    """Figures whose indicator belongs to their period's programme. A figure entered for 2021 or
    later by an earlier version, against plan 2780's catalogue, stays in the database (`check` names
    it) but does not travel: every receiver would refuse the package for it. Likewise, with `level`,
    a figure of an indicator the unit's level no longer enters (the Department's update moved it to
    another level): kept here, not sent."""
    from xhht_desktop.db.reference import catalogue_in_db  # noqa: PLC0415

    pi, ii = spec.columns.index("period"), spec.columns.index("indicator")
    di = spec.columns.index("deleted") if "deleted" in spec.columns else None
    known: dict[str, tuple[set[str], set[str]] | None] = {}
    out = []
    for r in rows:
        if r[pi] not in known:
            try:
                cat = catalogue_in_db(db, r[pi])  # in force here
                known[r[pi]] = (set(cat.by_code), {i.code for i in cat if level is None or level in i.levels})
            except ValueError:  # not a period: let the reader refuse it as before
                known[r[pi]] = None
        codes = known[r[pi]]
        # a deletion still travels (the receiver accepts it whatever the level)
        if codes is None or r[ii] in codes[1] or (di is not None and r[di] and r[ii] in codes[0]):
            out.append(r)
    return out


# ---- installations (Department) -----------------------------------------------------------------

_INST_COLS = ("fingerprint", "unit_key", "public_key", "installation_id", "role", "official", "status",
              "first_seen", "status_changed_at", "status_changed_by")


def installation(db: sqlite_utils.Database, fingerprint: str, unit_key: str) -> dict | None:
    row = db.conn.execute(f"SELECT {', '.join(_INST_COLS)} FROM sync_installations "
                          "WHERE fingerprint=? AND unit_key=?", (fingerprint, unit_key)).fetchone()
    return dict(zip(_INST_COLS, row)) if row else None


def installations_by_id(db: sqlite_utils.Database, installation_id: str) -> list[dict]:
    rows = db.conn.execute(f"SELECT {', '.join(_INST_COLS)} FROM sync_installations WHERE installation_id=?",
                           (installation_id,))
    return [dict(zip(_INST_COLS, r)) for r in rows]


def insert_installation(db: sqlite_utils.Database, record: dict) -> None:
    db.conn.execute(
        f"INSERT INTO sync_installations ({', '.join(_INST_COLS)}) VALUES ({', '.join('?' * len(_INST_COLS))})",
        [record.get(c) if c != "status_changed_by" else record.get(c, "") for c in _INST_COLS])


def set_installation_status(db: sqlite_utils.Database, fingerprint: str, status: str, at: str, by: str,
                            unit_key: str | None = None) -> int:
    """The status of one (key, unit) pair, or - without `unit_key` - of every pair of the key."""
    sql = "UPDATE sync_installations SET status=?, status_changed_at=?, status_changed_by=? WHERE fingerprint=?"
    args: list = [status, at, by, fingerprint]
    if unit_key is not None:
        sql += " AND unit_key=?"
        args.append(unit_key)
    return db.conn.execute(sql, args).rowcount


def key_pairs(db: sqlite_utils.Database, fingerprint: str) -> list[dict]:
    """Every (key, unit) pair of a key, first seen first (rows of one merge share a time: then in the
    order they were recorded), each with its unit's code, name and dates."""
    rows = db.conn.execute(
        f"""SELECT {', '.join('i.' + c for c in _INST_COLS)}, u.code, u.name, u.valid_from, u.valid_to
            FROM sync_installations i LEFT JOIN units u ON u.key=i.unit_key
            WHERE i.fingerprint=? ORDER BY i.first_seen, i.rowid""", (fingerprint,))
    out = []
    for r in rows:
        d = dict(zip(_INST_COLS, r[:len(_INST_COLS)]))
        d.update(unit_code=r[-4], unit_name=r[-3], valid_from=r[-2], valid_to=r[-1])
        out.append(d)
    return out


def last_sequence(db: sqlite_utils.Database, fingerprint: str, *, besides: str = "") -> int:
    """The highest sequence number received (imported or held) from a key, for any unit, other than
    package `besides` (a held package being applied does not vouch for itself); 0 if none."""
    return db.conn.execute(
        "SELECT MAX(COALESCE((SELECT MAX(sequence) FROM sync_imports WHERE fingerprint=?), 0), "
        "COALESCE((SELECT MAX(sequence) FROM sync_held WHERE fingerprint=? AND package_uuid<>?), 0))",
        (fingerprint, fingerprint, besides)).fetchone()[0]


def list_installations(db: sqlite_utils.Database) -> list[dict]:
    """Every sending installation with its unit's name and its package counts."""
    rows = db.conn.execute(
        f"""SELECT {', '.join('i.' + c for c in _INST_COLS)}, u.code, u.name, u.level,
               (SELECT COUNT(*) FROM sync_held h WHERE h.fingerprint=i.fingerprint AND h.unit_key=i.unit_key),
               (SELECT COUNT(*) FROM sync_imports m WHERE m.fingerprint=i.fingerprint AND m.unit_key=i.unit_key),
               (SELECT MAX(received_at) FROM sync_imports m WHERE m.fingerprint=i.fingerprint
                   AND m.unit_key=i.unit_key),
               (SELECT COUNT(*) FROM sync_installations j WHERE j.fingerprint=i.fingerprint)
            FROM sync_installations i LEFT JOIN units u ON u.key=i.unit_key
            ORDER BY CASE i.status WHEN 'pending' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END, u.code, i.first_seen""")
    out = []
    for r in rows:
        d = dict(zip(_INST_COLS, r[:len(_INST_COLS)]))
        d.update(unit_code=r[-7], unit_name=r[-6], unit_level=r[-5], held=r[-4], imported=r[-3],
                 last_received=r[-2], units_claimed=r[-1])
        out.append(d)
    return out


# ---- received packages (Department) -------------------------------------------------------------

def is_imported(db: sqlite_utils.Database, package_uuid: str) -> bool:
    return db.conn.execute("SELECT 1 FROM sync_imports WHERE package_uuid=?", (package_uuid,)).fetchone() is not None


def is_held(db: sqlite_utils.Database, package_uuid: str) -> bool:
    return db.conn.execute("SELECT 1 FROM sync_held WHERE package_uuid=?", (package_uuid,)).fetchone() is not None


def held_by(db: sqlite_utils.Database, package_uuid: str) -> tuple[str, str] | None:
    """(fingerprint, unit key) a package UUID is held for, or None."""
    row = db.conn.execute("SELECT fingerprint, unit_key FROM sync_held WHERE package_uuid=?", (package_uuid,)).fetchone()
    return (row[0], row[1]) if row else None


def insert_import(db: sqlite_utils.Database, record: dict, periods: Iterable[tuple[str, str, str]]) -> None:
    cols = ("package_uuid", "fingerprint", "installation_id", "unit_key", "sequence", "previous_uuid", "full",
            "created_at", "received_at", "received_by", "file_name", "file_sha256", "counts", "catalogue_version")
    values = [json.dumps(record[c]) if c == "counts" else record[c] for c in cols]
    db.conn.execute(f"INSERT INTO sync_imports ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
    db.conn.executemany(
        "INSERT OR IGNORE INTO sync_import_periods (package_uuid, unit_key, period, created_at) VALUES (?,?,?,?)",
        [(record["package_uuid"], unit_key, period, created) for unit_key, period, created in periods])


def list_imports(db: sqlite_utils.Database, limit: int = 1000) -> list[dict]:
    cols = ("package_uuid", "fingerprint", "unit_key", "sequence", "full", "created_at", "received_at",
            "received_by", "file_name", "counts")
    rows = db.conn.execute(
        f"SELECT {', '.join('m.' + c for c in cols)}, u.code, u.name FROM sync_imports m "
        "LEFT JOIN units u ON u.key=m.unit_key ORDER BY m.received_at DESC, m.rowid DESC LIMIT ?", (limit,))
    out = []
    for r in rows:
        d = dict(zip(cols, r[:len(cols)]))
        d["counts"] = json.loads(d["counts"])
        d["unit_code"], d["unit_name"] = r[-2], r[-1]
        out.append(d)
    return out


def insert_held(db: sqlite_utils.Database, record: dict) -> None:
    cols = ("package_uuid", "fingerprint", "unit_key", "sequence", "created_at", "received_at", "file_name",
            "periods", "data")
    values = [json.dumps(record[c]) if c == "periods" else record[c] for c in cols]
    db.conn.execute(f"INSERT INTO sync_held ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)


def held_packages(db: sqlite_utils.Database, fingerprint: str, unit_key: str | None = None) -> list[dict]:
    """Packages held for a key: those it signed for `unit_key`, or for any unit."""
    sql = "SELECT package_uuid, unit_key, sequence, file_name, data FROM sync_held WHERE fingerprint=?"
    args: list = [fingerprint]
    if unit_key is not None:
        sql += " AND unit_key=?"
        args.append(unit_key)
    rows = db.conn.execute(sql + " ORDER BY unit_key, sequence", args)
    return [dict(zip(("package_uuid", "unit_key", "sequence", "file_name", "data"), r)) for r in rows]


def delete_held(db: sqlite_utils.Database, package_uuid: str) -> None:
    db.conn.execute("DELETE FROM sync_held WHERE package_uuid=?", (package_uuid,))


def received_sequences(db: sqlite_utils.Database, fingerprint: str, unit_key: str) -> dict[int, tuple[str, bool]]:
    """sequence -> (package uuid, full?) of every package imported or held from an installation."""
    return received_sequences_of(db, [(fingerprint, unit_key)])[(fingerprint, unit_key)]


def received_sequences_of(db: sqlite_utils.Database, pairs: Iterable[tuple[str, str]]
                          ) -> dict[tuple[str, str], dict[int, tuple[str, bool]]]:
    """received_sequences for many (fingerprint, unit key) pairs: imported packages first, then those
    held, read by key, 500 keys a query (a national batch's gap report touches 10,000 pairs)."""
    wanted = set(pairs)
    out: dict[tuple[str, str], dict[int, tuple[str, bool]]] = {pair: {} for pair in wanted}
    fingerprints = sorted({fp for fp, _unit in wanted})
    for i in range(0, len(fingerprints), 500):
        part = fingerprints[i:i + 500]
        marks = ",".join("?" * len(part))
        for fp, unit_key, seq, uuid_, full in db.conn.execute(
                "SELECT fingerprint, unit_key, sequence, package_uuid, full FROM sync_imports "
                f"WHERE fingerprint IN ({marks})", part):
            got = out.get((fp, unit_key))
            if got is not None:
                got[seq] = (uuid_, bool(full))
        for fp, unit_key, seq, uuid_ in db.conn.execute(
                f"SELECT fingerprint, unit_key, sequence, package_uuid FROM sync_held WHERE fingerprint IN ({marks})",
                part):
            got = out.get((fp, unit_key))
            if got is not None:
                got.setdefault(seq, (uuid_, False))
    return out


# ---- records (Department) -----------------------------------------------------------------------

def _existing_cols(spec: TableSpec) -> str:
    return ", ".join(["uuid", "unit_id", "revision", "origin", "deleted", *spec.fields])


def existing_by_periods(db: sqlite_utils.Database, spec: TableSpec, unit_id: int,
                        periods: Sequence[str]) -> dict[str, tuple]:
    """uuid -> (uuid, unit_id, revision, origin, deleted, *fields) for a unit's records in `periods`."""
    out: dict[str, tuple] = {}
    for chunk in _chunks(list(periods)):
        rows = db.conn.execute(
            f"SELECT {_existing_cols(spec)} FROM {spec.name} WHERE unit_id=? AND period IN ({','.join('?' * len(chunk))})",
            [unit_id, *chunk])
        for row in rows:
            out[row[0]] = row
    return out


def existing_by_uuids(db: sqlite_utils.Database, spec: TableSpec, uuids: Sequence[str]) -> dict[str, tuple]:
    """uuid -> (uuid, unit_id, revision, origin, deleted, *fields), whatever unit they belong to."""
    out: dict[str, tuple] = {}
    for chunk in _chunks(list(uuids)):
        rows = db.conn.execute(
            f"SELECT {_existing_cols(spec)} FROM {spec.name} WHERE uuid IN ({','.join('?' * len(chunk))})", chunk)
        for row in rows:
            out[row[0]] = row
    return out


def upsert_sql(spec: TableSpec) -> str:
    """Insert or update a record. `arrival_id` (migration 0009) is written when the record is new
    here and never changed by an update: it points at the history row of the record's first arrival
    (its arrival group, xhht_desktop.db.history)."""
    cols = ["uuid", "unit_id", *spec.fields, "revision", "base_revision", "updated_at", "updated_by", "origin",
            "deleted"]
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols[2:])
    return (f"INSERT INTO {spec.name} ({', '.join(cols)}, arrival_id) VALUES ({', '.join('?' * (len(cols) + 1))}) "
            f"ON CONFLICT(uuid) DO UPDATE SET {updates}")


def upsert_rows(db: sqlite_utils.Database, spec: TableSpec, rows: list[tuple],
                arrival_ids: dict[str, int] | None = None) -> None:
    """rows: (uuid, unit_id, *fields, revision, base_revision, updated_at, updated_by, origin, deleted);
    arrival_ids: record uuid -> the history id of its arrival group, for records new here."""
    if rows:
        get = (arrival_ids or {}).get
        db.conn.executemany(upsert_sql(spec), [(*r, get(r[0])) for r in rows])


def insert_history(db: sqlite_utils.Database, rows: list[tuple]) -> None:
    """rows: (table_name, record_uuid, field, old, new, revision, changed_at, changed_by, origin, source)."""
    if rows:
        db.conn.executemany(
            """INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, changed_at,
                   changed_by, origin, source) VALUES (?,?,?,?,?,?,?,?,?,?)""", rows)


from xhht_desktop.db.history import ARRIVAL_GROUP, CHANGE  # noqa: E402


def number_history(db: sqlite_utils.Database, rows: list[tuple],
                   arrived: dict[str, list[str]] | None) -> tuple[list[tuple], dict[str, int]]:
    """Give history rows their ids (after the highest stored) and write each first arrival as its
    arrival group's one row (xhht_desktop.db.history).

    rows: as `insert_history`; a row whose record_uuid is a key (token) of `arrived` is an arrival
    group's row (merge_plan._plan): it is written with record_uuid '' and `arrival` 2. Returns the
    rows as `insert_history_numbered` takes them, and record uuid -> the id of its arrival group
    (`arrival_id` of the record row). Call inside the write transaction that inserts them.
    """
    next_id = max_history_id(db) + 1
    out: list[tuple] = []
    firsts: dict[str, int] = {}
    groups = arrived if isinstance(arrived, dict) and arrived else None
    for row in rows:
        members = groups.get(row[1]) if groups is not None else None
        if members is None:
            out.append((next_id, *row, CHANGE))
        else:
            out.append((next_id, row[0], "", *row[2:], ARRIVAL_GROUP))
            firsts.update(dict.fromkeys(members, next_id))
        next_id += 1
    return out, firsts


def insert_history_numbered(db: sqlite_utils.Database, rows: list[tuple]) -> None:
    """rows: (id, *insert_history's row, arrival) from `number_history`."""
    if rows:
        db.conn.executemany(
            """INSERT INTO history (id, table_name, record_uuid, field, old_value, new_value, revision, changed_at,
                   changed_by, origin, source, arrival) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", rows)


def current_record(db: sqlite_utils.Database, spec: TableSpec, record_uuid: str) -> tuple | None:
    return db.conn.execute(f"SELECT {_existing_cols(spec)} FROM {spec.name} WHERE uuid=?",
                           (record_uuid,)).fetchone()


# ---- conflicts ----------------------------------------------------------------------------------

_CONFLICT_COLS = ("id", "table_name", "record_uuid", "unit_key", "status", "local_origin", "local_revision",
                  "local_data", "incoming_origin", "incoming_revision", "incoming_data", "package_uuid",
                  "detected_at", "resolved_at", "resolved_by", "choice")


def _conflict_dict(row) -> dict:
    d = dict(zip(_CONFLICT_COLS, row))
    d["local_data"] = json.loads(d["local_data"])
    d["incoming_data"] = json.loads(d["incoming_data"])
    return d


def any_conflicts(db: sqlite_utils.Database) -> bool:
    """Whether any conflict (open or resolved) was ever recorded."""
    return db.conn.execute("SELECT 1 FROM sync_conflicts LIMIT 1").fetchone() is not None


def conflicts_for(db: sqlite_utils.Database, uuids: Sequence[str]) -> dict[str, list[dict]]:
    """Conflicts (open or resolved) of these records, by record uuid."""
    out: dict[str, list[dict]] = {}
    if not any_conflicts(db):
        return out  # the common case: one cheap probe instead of an IN list per package
    for chunk in _chunks(list(uuids)):
        rows = db.conn.execute(
            f"SELECT {', '.join(_CONFLICT_COLS)} FROM sync_conflicts WHERE record_uuid IN "
            f"({','.join('?' * len(chunk))})", chunk)
        for r in rows:
            out.setdefault(r[2], []).append(_conflict_dict(r))
    return out


def insert_conflict(db: sqlite_utils.Database, record: dict) -> int:
    cols = [c for c in _CONFLICT_COLS if c != "id" and c in record]
    values = [json.dumps(record[c], ensure_ascii=False) if c.endswith("_data") else record[c] for c in cols]
    cur = db.conn.execute(f"INSERT INTO sync_conflicts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          values)
    return cur.lastrowid


def update_conflict_incoming(db: sqlite_utils.Database, conflict_id: int, origin: str, revision: int,
                             data: dict, package_uuid: str) -> None:
    db.conn.execute(
        "UPDATE sync_conflicts SET incoming_origin=?, incoming_revision=?, incoming_data=?, package_uuid=? "
        "WHERE id=?", (origin, revision, json.dumps(data, ensure_ascii=False), package_uuid, conflict_id))


def get_conflict(db: sqlite_utils.Database, conflict_id: int) -> dict | None:
    row = db.conn.execute(f"SELECT {', '.join(_CONFLICT_COLS)} FROM sync_conflicts WHERE id=?",
                          (conflict_id,)).fetchone()
    return _conflict_dict(row) if row else None


def list_conflicts(db: sqlite_utils.Database, status: str | None = "open") -> list[dict]:
    sql = (f"SELECT {', '.join('c.' + c for c in _CONFLICT_COLS)}, u.code, u.name FROM sync_conflicts c "
           "LEFT JOIN units u ON u.key=c.unit_key")
    args: tuple = ()
    if status:
        sql += " WHERE c.status=?"
        args = (status,)
    out = []
    for r in db.conn.execute(sql + " ORDER BY c.id", args):
        d = _conflict_dict(r[:len(_CONFLICT_COLS)])
        d["unit_code"], d["unit_name"] = r[-2], r[-1]
        out.append(d)
    return out


def mark_conflict_resolved(db: sqlite_utils.Database, conflict_id: int, choice: str, at: str, by: str) -> None:
    db.conn.execute("UPDATE sync_conflicts SET status='resolved', choice=?, resolved_at=?, resolved_by=? "
                    "WHERE id=?", (choice, at, by, conflict_id))


def count_open_conflicts(db: sqlite_utils.Database) -> int:
    return db.conn.execute("SELECT COUNT(*) FROM sync_conflicts WHERE status='open'").fetchone()[0]


# ---- completeness -------------------------------------------------------------------------------

def parents_on(db: sqlite_utils.Database, day: str) -> dict[int, tuple[str, str, str]]:
    """unit id -> (code, name, level) of the unit it was attached to on `day` (ISO date)."""
    rows = db.conn.execute(
        """SELECT p.unit_id, u.code, u.name, u.level FROM unit_parents p JOIN units u ON u.id = p.parent_id
           WHERE p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to >= ?) ORDER BY p.unit_id, p.valid_from""",
        (day, day))
    out: dict[int, tuple[str, str, str]] = {}
    for uid, code, name, level in rows:
        out.setdefault(uid, (code, name, level))
    return out


def reported_counts(db: sqlite_utils.Database, periods: Sequence[str]) -> dict[tuple[int, str], int]:
    """(unit_id, period) -> number of figures reported (not blank, not deleted)."""
    out: dict[tuple[int, str], int] = {}
    for chunk in _chunks(list(periods)):
        rows = db.conn.execute(
            f"""SELECT unit_id, period, COUNT(*) FROM indicator_values
                WHERE deleted=0 AND (numerator IS NOT NULL OR value IS NOT NULL)
                  AND period IN ({','.join('?' * len(chunk))}) GROUP BY unit_id, period""", chunk)
        for uid, period, n in rows:
            out[(uid, period)] = n
    return out


def first_package_times(db: sqlite_utils.Database, periods: Sequence[str]) -> dict[tuple[str, str], str]:
    """(unit_key, period) -> when the sender made the first package that brought it."""
    out: dict[tuple[str, str], str] = {}
    for chunk in _chunks(list(periods)):
        rows = db.conn.execute(
            f"SELECT unit_key, period, MIN(created_at) FROM sync_import_periods "
            f"WHERE period IN ({','.join('?' * len(chunk))}) GROUP BY unit_key, period", chunk)
        for key, period, created in rows:
            out[(key, period)] = created
    return out


def held_periods(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """unit_key -> periods that held (unconfirmed) packages bring; a revoked pair's never arrive."""
    out: dict[str, set[str]] = {}
    for key, periods in db.conn.execute(
            "SELECT h.unit_key, h.periods FROM sync_held h WHERE NOT EXISTS (SELECT 1 FROM sync_installations i "
            "WHERE i.fingerprint=h.fingerprint AND i.unit_key=h.unit_key AND i.status='revoked')"):
        out.setdefault(key, set()).update(json.loads(periods))
    return out


# ---- WAL checkpoints beside a long merge ----------------------------------------------------------

def wal_file(db: sqlite_utils.Database) -> str | None:
    """The database's file if it is one in WAL mode (another connection can read or checkpoint it
    beside this one's writes), else None (in memory, or another journal mode)."""
    path = next((r[2] for r in db.conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not path or db.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        return None
    return path


class BackgroundCheckpointer:
    """Copies committed pages from the WAL into the database file on its own connection and thread
    while the merge goes on writing.

    With random UUID keys every record changes pages all over the file, and checkpointing them
    (reading each page back from the WAL, writing it into the database, syncing) costs about as much
    as committing them. SQLite lets one connection checkpoint while another writes, so on a machine
    with two cores that work runs beside the merge instead of inside every commit. Commits are
    durable without it (WAL, synchronous=FULL): it only keeps the WAL from growing.

    The WAL restarts from its beginning only when a transaction starts after everything in it has
    been copied; `after_commit()` waits for that when the WAL has grown past `restart_bytes`. The
    threads share nothing but a condition variable and two counters.
    """

    def __init__(self, path: str, restart_bytes: int, *, every_commit: bool = True):
        self.wal_path = path + "-wal"
        self.restart_bytes = restart_bytes
        # every_commit=False: copy nothing between commits until the WAL file passes restart_bytes
        # (the writer keeps it small with journal_size_limit), then all of it, and at the end. With
        # random keys each commit dirties index pages all over the file; copied after every commit,
        # the same pages were written into the database again and again (measured: 2.09 GB written
        # for 1,000 packages instead of 0.59 GB).
        self.every_commit = every_commit
        self._conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA synchronous=FULL")
        # A WAL frame is a page and its 24-byte header.
        self.restart_frames = restart_bytes // (self._conn.execute("PRAGMA page_size").fetchone()[0] + 24)
        self._cv = threading.Condition()
        self._requested = self._done = 0
        self._wal_frames = 0  # frames in the WAL at the last checkpoint (the file itself never shrinks)
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="xhht-wal-checkpoint", daemon=True)
        self._thread.start()

    @classmethod
    def for_database(cls, db: sqlite_utils.Database, restart_bytes: int, *,
                     every_commit: bool = True) -> BackgroundCheckpointer | None:
        """One for `db`'s file, or None (in memory, or not in WAL mode: nothing to do beside it)."""
        path = wal_file(db)
        return None if path is None else cls(path, restart_bytes, every_commit=every_commit)

    def _run(self) -> None:
        while True:
            with self._cv:
                while self._done == self._requested and not self._stopping:
                    self._cv.wait()
                if self._done == self._requested:
                    return  # stopping, nothing left to do
                target = self._requested
            frames = None
            try:
                _busy, frames, _copied = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            except sqlite3.Error:
                pass  # busy or I/O error: the pages stay safe in the WAL; a later checkpoint copies them
            with self._cv:
                self._done = target
                if frames is not None:
                    self._wal_frames = frames
                self._cv.notify_all()

    def kick(self) -> None:
        """Ask for a checkpoint of everything committed so far (done beside the caller)."""
        with self._cv:
            self._requested += 1
            self._cv.notify_all()

    def wait(self) -> None:
        """Until every checkpoint asked for is done."""
        with self._cv:
            while self._done < self._requested:
                self._cv.wait()

    def after_commit(self) -> None:
        """Start copying what was just committed; if the WAL has grown large, wait until all of it
        is copied, so that the next transaction writes the WAL from its start again. Without
        `every_commit`, only the second part, when the WAL file has passed restart_bytes."""
        if not self.every_commit:
            try:
                large = os.path.getsize(self.wal_path) > self.restart_bytes
            except OSError:
                large = False
            if large:
                self.wait()
                self.kick()
                self.wait()
            return
        with self._cv:
            large = self._wal_frames > self.restart_frames
        if large:
            self.wait()
        self.kick()
        if large:
            self.wait()

    def close(self) -> None:
        """Finish the checkpoints asked for, then stop."""
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
        self._thread.join()
        self._conn.close()
