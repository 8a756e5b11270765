"""`check`: SQLite's own checks plus the app's consistency rules, on the data as stored.

The form, the Excel import and the merge all validate before writing, so a finding here means the
file was damaged, edited by hand, or written by a bug: worth knowing before a report is signed.
Stored figures are judged by the same `validate_entries` the form uses, so the rules cannot drift.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import sqlite_utils

from xhht_desktop.db import migrations
from xhht_desktop.db.history import ARRIVAL_BLOCK, ARRIVAL_GROUP
from xhht_desktop.domain.catalogue import programme_for_period
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry, validate_entries
from xhht_desktop.messages import Text, words


@dataclass(frozen=True)
class Finding:
    """One problem found: `code` is stable (for tests and scripts), `message` is Vietnamese."""

    code: str
    message: str
    where: str = ""

    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def words(self, lang: str) -> str:
        """text() in `lang`: the message and the place are coded Texts where the check words them
        (xhht_desktop/messages.py, check.*); a rule's own sentence stays as it came."""
        message = words(self.message, lang)
        return f"{words(self.where, lang)}: {message}" if self.where else message


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    checked: dict[str, int]  # what was looked at: figures, history rows, …

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary_vi(self) -> str:
        looked = ", ".join(f"{n} {label}" for label, n in self.checked.items())
        if self.ok:
            return f"Không phát hiện vấn đề nào (đã kiểm tra {looked})."
        return f"Phát hiện {len(self.findings)} vấn đề (đã kiểm tra {looked})."


# Tables whose records carry uuid, unit_id and a revision, with every change written to `history`
# (figures, completeness marks, the centre and its activity log).
VERSIONED_TABLES = ("indicator_values", "period_status", "clc_centres", "clc_activities")


def _tables(db: sqlite_utils.Database) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _columns(db: sqlite_utils.Database, table: str) -> set[str]:
    return {r[1] for r in db.conn.execute(f"PRAGMA table_info({table})")}  # table: from VERSIONED_TABLES


def check_sqlite(db: sqlite_utils.Database) -> list[Finding]:
    """PRAGMA integrity_check and foreign_key_check."""
    out = []
    for (msg,) in db.conn.execute("PRAGMA integrity_check"):
        if msg != "ok":
            out.append(Finding("integrity", Text("check.integrity", msg=msg)))
    fk = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    by_table: dict[tuple[str, str], int] = defaultdict(int)
    for table, _rowid, parent, _fkid in fk:
        by_table[(table, parent)] += 1
    for (table, parent), n in sorted(by_table.items()):
        out.append(Finding("foreign_key", Text("check.foreign_key", n=n, table=table, parent=parent)))
    return out


def check_schema(db: sqlite_utils.Database) -> list[Finding]:
    out = []
    unknown = migrations.unknown_applied(db)
    if unknown:
        out.append(Finding("schema_newer", Text("check.schema_newer", names=", ".join(unknown))))
    pending = migrations.pending(db)
    if pending:
        out.append(Finding("schema_pending", Text("check.schema_pending", names=", ".join(pending))))
    return out


# ---- the schema as the migrations create it ------------------------------------------------------------
# A database file can carry more than tables: triggers and views run SQL of their own whenever the
# app writes or reads, so a crafted backup with a trigger on sync_installations could confirm every
# unknown sender from then on. The only schema the app accepts is the one its own migrations create.

KIND_VI = {"table": "bảng", "index": "chỉ mục", "view": "khung nhìn (view)", "trigger": "trigger"}


@dataclass(frozen=True)
class SchemaDifference:
    """One object of sqlite_master that differs from what the migrations create.

    `code`: "extra" (not created by any applied migration: a trigger, a view, a table, an index),
    "missing" (created by the migrations, absent here), "altered" (same name, other SQL or type),
    "migrations" (the recorded migrations are not a prefix of the known ones: nothing to compare to).
    """

    code: str
    kind: str
    name: str
    table: str = ""

    def text_vi(self) -> str:
        what = f"{KIND_VI.get(self.kind, self.kind)} «{self.name}»"
        if self.table and self.table != self.name:
            what += f" trên bảng {self.table}"
        return {"extra": f"có {what} không do ứng dụng tạo ra",
                "missing": f"thiếu {what}",
                "altered": f"{what} đã bị sửa khác với ứng dụng",
                "migrations": f"danh sách nâng cấp lược đồ đã ghi không đúng thứ tự ({self.name})",
                }.get(self.code, f"{what}: {self.code}")


def _normalise_sql(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def _schema_of(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str | None]]:
    """name -> (type, table, normalised SQL) of every object in sqlite_master (internal ones included)."""
    return {name: (kind, table, _normalise_sql(sql)) for kind, name, table, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master")}


@lru_cache(maxsize=16)
def expected_schema(applied: tuple[str, ...]) -> dict[str, tuple[str, str, str | None]] | None:
    """What the registered migrations named in `applied` create, in a fresh in-memory database.

    None when `applied` is not a prefix of the registered migrations (the app never writes that).
    Built from `migrations.MIGRATIONS` at each call (cached per list), so migrations added later
    are part of it without any list here.
    """
    known = migrations._names()
    if list(applied) != known[:len(applied)]:
        return None
    conn = sqlite3.connect(":memory:")
    try:
        mem = sqlite_utils.Database(conn, execute_plugins=False)
        stop = known[len(applied)] if len(applied) < len(known) else None
        migrations.MIGRATIONS.apply(mem, stop_before=stop)
        return _schema_of(conn)
    finally:
        conn.close()


def _applied_names(conn: sqlite3.Connection, found: dict) -> tuple[str, ...]:
    if found.get(migrations.MIGRATIONS.migrations_table, ("",))[0] != "table":
        return ()
    return tuple(r[0] for r in conn.execute(
        f"SELECT name FROM {migrations.MIGRATIONS.migrations_table} WHERE migration_set=? ORDER BY rowid",
        (migrations.MIGRATIONS.name,)))


def schema_differences(conn: sqlite3.Connection) -> list[SchemaDifference]:
    """Compare the schema of `conn` (tables, indexes, triggers, views and their SQL) with what the
    migrations it records create. Only sqlite_master and the migrations table (once it is known to
    be a plain table) are read, so a crafted file runs none of its own SQL here.

    A database with migrations this version does not know is newer, not foreign: that is reported
    by `check_schema` / the restore's "newer" refusal, and nothing is compared here.
    """
    found = _schema_of(conn)
    table = migrations.MIGRATIONS.migrations_table
    if table in found:
        # sqlite-utils creates this table itself, and its SQL may differ between sqlite-utils
        # versions: any plain table with the columns it reads is accepted, nothing else.
        columns = ({r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
                   if found[table][0] == "table" else set())
        if not {"migration_set", "name", "applied_at"} <= columns:
            return [SchemaDifference("altered", found[table][0], table, table)]
    applied = _applied_names(conn, found)
    if set(applied) - set(migrations._names()):
        return []
    expected = expected_schema(applied)
    if expected is None:
        return [SchemaDifference("migrations", "table", ", ".join(applied))]
    def sqlite_utils_own(name: str, kind: str, on: str, sql: str | None) -> bool:
        # Indexes of the migrations table are sqlite-utils' own too (they run no code of their own).
        return on == table and kind == "index"

    found = {n: v for n, v in found.items() if not sqlite_utils_own(n, *v)}
    expected = {n: v for n, v in expected.items() if not sqlite_utils_own(n, *v)}
    out = []
    for name, (kind, on, sql) in sorted(found.items()):
        if name not in expected:
            out.append(SchemaDifference("extra", kind, name, on))
        elif expected[name] != (kind, on, sql) and name != table:
            out.append(SchemaDifference("altered", kind, name, on))
    for name, (kind, on, _sql) in sorted(expected.items()):
        if name not in found:
            out.append(SchemaDifference("missing", kind, name, on))
    # What runs SQL of its own (a view, a trigger) first: a message lists only the first few, and a
    # table renamed away rewrites the foreign keys of every table that references it.
    return sorted(out, key=lambda d: d.kind not in ("view", "trigger"))


def check_schema_objects(db: sqlite_utils.Database) -> list[Finding]:
    """`schema_differences` as findings: code schema_extra / schema_missing / schema_altered."""
    return [Finding(f"schema_{d.code}", Text("check.schema", text=d.text_vi())) for d in schema_differences(db.conn)]


def _unit_labels(db: sqlite_utils.Database) -> dict[int, str]:
    return {uid: f"{name} ({code})" for uid, name, code in db.conn.execute("SELECT id, name, code FROM units")}


def check_figures(db: sqlite_utils.Database) -> tuple[list[Finding], int]:
    """The form's validation rules over every stored figure, grouped by unit and period."""
    rows = db.conn.execute(
        """SELECT unit_id, period, indicator, breakdown, numerator, denominator, value, decision_no,
                  decision_date, decision_body
           FROM indicator_values WHERE deleted=0""").fetchall()
    groups: dict[tuple[int, str], list[Entry]] = defaultdict(list)
    other: dict[int, list[str]] = defaultdict(list)  # unit -> periods of figures of the other programme
    for unit_id, period, ind, bd, num, den, val, dno, ddate, dbody in rows:
        if _of_another_programme(period, ind, db):
            other[unit_id].append(period)
            continue
        groups[(unit_id, period)].append(Entry(ind, bd or None, num, den, val, "", dno or "", ddate, dbody or ""))
    labels = _unit_labels(db)
    out = []
    for unit_id, periods in sorted(other.items()):
        # Entered by an earlier version for 2021 or later against plan 2780's catalogue: kept as they
        # are, neither counted nor sent; the unit re-enters them in the 2021–2030 catalogue.
        first, last = min(periods, key=_period_key), max(periods, key=_period_key)
        span = first if first == last else f"{first} … {last}"
        programme = programme_for_period(first)
        out.append(Finding(
            "value_other_programme",
            Text("check.other_programme", n=len(periods), span=span, programme=programme.short_vi,
                 programme_en=programme.name_en),
            labels.get(unit_id, unit_id)))
    for (unit_id, period), entries in sorted(groups.items()):
        try:
            programme = programme_for_period(period)
        except ValueError:  # a period outside 2013-H2 … 2030
            out.append(Finding("value_bad_period", Text("check.bad_period", period=period), labels.get(unit_id, unit_id)))
            continue
        # the catalogue of the period's programme (plan 2780 up to 2020, the 2021–2030 programme after)
        for issue in validate_entries(entries, catalogue=_catalogue(db, programme.code)):
            if issue.severity == "error":
                out.append(Finding(f"value_{issue.code}", issue.message,
                                   Text("check.where_period", unit=labels.get(unit_id, unit_id), period=period)))
    return out, len(rows)


def _catalogue(db: sqlite_utils.Database, key):
    """The catalogue in force in this database (the Department's rows too); the shipped one when the
    database cannot give it (a damaged file is what `check` is for)."""
    from xhht_desktop.db.reference import catalogue_in_db  # noqa: PLC0415
    from xhht_desktop.domain.catalogue import catalogue_for  # noqa: PLC0415

    try:
        return catalogue_in_db(db, key)
    except sqlite3.DatabaseError:
        return catalogue_for(key)


def _of_another_programme(period: str, indicator: str, db: sqlite_utils.Database) -> bool:
    """A figure whose code is not in its period's catalogue but in another programme's."""
    from xhht_desktop.domain.catalogue import programmes  # noqa: PLC0415

    try:
        mine = _catalogue(db, period)
    except ValueError:
        return False
    return indicator not in mine.by_code and any(indicator in _catalogue(db, p.code).by_code for p in programmes())


def _period_key(code: str):
    try:
        p = parse_period(code)
    except ValueError:
        return (9999, 9)
    return (p.year, p.half or 3)


def check_domain_rules(db: sqlite_utils.Database) -> tuple[list[Finding], dict[str, int]]:
    """The rules of the form, the import and the merge, on every stored record of the synced tables
    beyond the figures' numbers (those are `check_figures`): the figures' comments, the centre and
    its activity log (dates as stored, codes, counts, control characters). Issue 12, point 5: the
    merge calls the same entry points (clc.domain.check_activity_record, check_centre_record)."""
    import datetime as dt

    conn = db.conn
    tables = _tables(db)
    labels = _unit_labels(db)
    out: list[Finding] = []
    checked: dict[str, int] = {}
    if "indicator_values" in tables:
        for unit_id, period, ind, bd, comment in conn.execute(
                "SELECT unit_id, period, indicator, breakdown, comment FROM indicator_values "
                "WHERE deleted=0 AND comment <> ''"):
            try:  # the catalogue of the period's programme
                programme = programme_for_period(period).code
            except ValueError:
                continue  # check_figures names the period
            for issue in validate_entries([Entry(ind, bd or None, comment=comment)],
                                          catalogue=_catalogue(db, programme)):
                if issue.field == "comment" and issue.severity == "error":
                    out.append(Finding(f"value_{issue.code}", issue.message,
                                       Text("check.where_period", unit=labels.get(unit_id, unit_id), period=period)))
    from xhht_desktop.clc.domain import check_activity_record, check_centre_record

    today = dt.date.today()
    if "clc_activities" in tables:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(clc_activities)")]
        bounds = {uid: (vf, vt) for uid, vf, vt in conn.execute("SELECT id, valid_from, valid_to FROM units")}
        n = 0
        for row in conn.execute("SELECT * FROM clc_activities WHERE deleted=0"):
            n += 1
            values = dict(zip(cols, row))
            valid_from, valid_to = bounds.get(values["unit_id"], (None, None))
            where = Text("check.where_activity", unit=labels.get(values["unit_id"], values["unit_id"]),
                         date=_stored_date_vi(values["date"]), title=values["title"])
            for error in check_activity_record(values, unit_valid_from=valid_from, unit_valid_to=valid_to,
                                               today=today):
                out.append(Finding(f"activity_{error.field}", error.message, where))
        checked["hoạt động TTHTCĐ"] = n
    if "clc_centres" in tables:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(clc_centres)")]
        n = 0
        for row in conn.execute("SELECT * FROM clc_centres WHERE deleted=0"):
            n += 1
            values = dict(zip(cols, row))
            where = f"{labels.get(values['unit_id'], values['unit_id'])}, thông tin trung tâm"
            for error in check_centre_record(values, today=today):
                out.append(Finding(f"centre_{error.field}", error.message, where))
        checked["TTHTCĐ"] = n
    return out, checked


def _stored_date_vi(text) -> str:
    parts = str(text or "").split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else str(text or "?")


def _arrival_findings(conn, table: str, pointer: str) -> list[Finding]:
    """A record's first arrival by merge is read through its `arrival_id` (xhht_desktop.db.history):
    a pointer to no arrival row loses those rows; an arrival group counts its records, so a group
    with fewer records pointing at it than it counts names records that are gone."""
    out = []
    n = conn.execute(f"SELECT count(*) FROM {table} t WHERE t.arrival_id IS NOT NULL AND NOT {pointer}").fetchone()[0]
    pointing = dict(conn.execute(
        f"SELECT arrival_id, count(*) FROM {table} WHERE arrival_id IS NOT NULL GROUP BY arrival_id"))
    missing = 0
    for gid, count in conn.execute("SELECT id, new_value FROM history WHERE arrival = ? AND table_name = ?",
                                   (ARRIVAL_GROUP, table)):
        found = pointing.get(gid, 0)
        expected = int(count) if str(count).isdigit() else 0
        if found > expected:
            n += found - expected  # records pointing at another group's row
        elif found < expected:
            missing += expected - found
    if n:
        out.append(Finding("history_arrival", Text("check.history_arrival", n=n, table=table)))
    if missing:
        out.append(Finding("history_orphan", Text("check.history_orphan_arrival", n=missing, table=table)))
    return out


def check_records(db: sqlite_utils.Database) -> tuple[list[Finding], int]:
    """Revisions, history and references of the versioned tables."""
    conn = db.conn
    out = []
    tables = _tables(db)
    versioned = [t for t in VERSIONED_TABLES if t in tables]
    for table in versioned:
        n = conn.execute(f"SELECT count(*) FROM {table} WHERE revision < 1").fetchone()[0]
        if n:
            out.append(Finding("revision", Text("check.revision", n=n, table=table)))
        # Every change is recorded in history; a record without any history row was written around it.
        # Its rows: indexed ones, or those of its first arrival by merge (xhht_desktop.db.history).
        pointer = (f"EXISTS (SELECT 1 FROM history a WHERE a.id = t.arrival_id AND ((a.arrival = {ARRIVAL_BLOCK} "
                   f"AND a.record_uuid = t.uuid) OR (a.arrival = {ARRIVAL_GROUP} AND a.table_name = '{table}')))")
        has_arrival = "arrival_id" in _columns(db, table)
        n = conn.execute(
            f"""SELECT count(*) FROM {table} t WHERE NOT ((t.arrival_id IS NOT NULL AND {pointer}) OR EXISTS
                (SELECT 1 FROM history h WHERE h.record_uuid = t.uuid AND h.arrival = 0))"""
            if has_arrival else
            f"""SELECT count(*) FROM {table} t WHERE NOT EXISTS
                (SELECT 1 FROM history h WHERE h.record_uuid = t.uuid)""").fetchone()[0]
        if n:
            out.append(Finding("history_missing", Text("check.history_missing", n=n, table=table)))
        if has_arrival:
            out += _arrival_findings(conn, table, pointer)
        n = conn.execute(f"SELECT count(*) FROM {table} WHERE unit_id NOT IN (SELECT id FROM units)").fetchone()[0]
        if n:
            out.append(Finding("unit_missing", Text("check.unit_missing", n=n, table=table)))
    if "history" in tables:
        for table in versioned:
            groups = f" AND h.arrival <> {ARRIVAL_GROUP}" if "arrival" in _columns(db, "history") else ""
            n = conn.execute(
                f"""SELECT count(*) FROM history h WHERE h.table_name = ?{groups} AND NOT EXISTS
                    (SELECT 1 FROM {table} t WHERE t.uuid = h.record_uuid)""", (table,)).fetchone()[0]
            if n:
                out.append(Finding("history_orphan", Text("check.history_orphan", n=n, table=table)))
    if "indicator_values" in tables:
        # An indicator is known by (programme, code): the period names the programme.
        known = set(conn.execute("SELECT programme, code FROM indicators"))
        n = 0
        for period, ind, count in conn.execute(
                "SELECT period, indicator, count(*) FROM indicator_values GROUP BY period, indicator"):
            try:
                programme = programme_for_period(period).code
            except ValueError:
                programme = None
            if (programme, ind) not in known and not _of_another_programme(period, ind, db):
                n += count
        if n:
            out.append(Finding("indicator_missing", Text("check.indicator_missing", n=n)))
    key = conn.execute("SELECT value FROM meta WHERE key='unit_key'").fetchone()
    if key and key[0] and not conn.execute("SELECT 1 FROM units WHERE key=?", (key[0],)).fetchone():
        out.append(Finding("installation_unit", Text("check.installation_unit", key=key[0])))
    history_rows = conn.execute("SELECT count(*) FROM history").fetchone()[0] if "history" in tables else 0
    return out, history_rows


def run_checks(db: sqlite_utils.Database) -> CheckReport:
    """Run every check; the database is only read."""
    findings = check_sqlite(db)
    if any(f.code == "integrity" for f in findings):
        # A damaged file gives unreliable answers to everything else: stop at what SQLite says.
        return CheckReport(tuple(findings), {"tệp": 1})
    findings += check_schema(db)
    objects = check_schema_objects(db)
    findings += objects
    if any(f.code in ("schema_missing", "schema_altered", "schema_migrations") for f in objects):
        # Tables missing or not as the app made them: the checks below would read something else.
        return CheckReport(tuple(findings), {"tệp": 1})
    tables = _tables(db)
    checked: dict[str, int] = {}
    if "indicator_values" in tables:
        figures, n = check_figures(db)
        findings += figures
        checked["số liệu"] = n
    rules, counted = check_domain_rules(db)
    findings += rules
    checked.update(counted)
    records, n_history = check_records(db)
    findings += records
    checked["dòng lịch sử"] = n_history
    return CheckReport(tuple(findings), checked)
