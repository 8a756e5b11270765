"""Which tables travel in a package, and how their columns are checked on arrival.

Every synced table has the same sync columns (uuid, unit_id, revision, base_revision, updated_at,
updated_by, origin, deleted). In a package the unit travels as its key ("23353@2013-12-02"),
never as a local id. The figures and completeness marks are described here; the centre
tables (when this build has them) are read from the database schema, so a column added by the
CLC feature travels without a change here.

A column check runs over a whole column at once (C-speed builtins), because the Department
merges thousands of packages in one go.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import sqlite_utils

from xhht_desktop.db import values_repo
from xhht_desktop.domain.periods import all_periods
from xhht_desktop.domain.text import CONTROL_LINE_RE as _CONTROL_LINE
from xhht_desktop.domain.text import control_problem_vi
from xhht_desktop.messages import Text

SYNC_COLUMNS = ("uuid", "unit", "revision", "base_revision", "updated_at", "updated_by", "origin", "deleted")
# Stored columns that never travel: the local unit id (the unit key does) and local row ids.
LOCAL_ONLY = {"unit_id", "id", "arrival_id"}  # arrival_id: migration 0009, never travels
# Tables synced, in the order they are written (parents before children).
KNOWN_TABLES = ("indicator_values", "period_status", "clc_centres", "clc_activities", "narratives")

MAX_TEXT = 10_000
MAX_INT = 10**12
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?\Z")
_NONE = type(None)


class SchemaProblem(ValueError):
    """A column of a package that does not have the expected shape: raised with a coded Text
    (xhht_desktop/messages.py "table.*"), Vietnamese as a str."""


ColumnCheck = Callable[[Sequence], str | None]


def _types_ok(col: Sequence, allowed: set[type]) -> bool:
    return set(map(type, col)) <= allowed


def _blank(nullable: bool) -> Text | str:
    return Text("table.or_blank") if nullable else ""


def check_text(nullable: bool = False, max_len: int = MAX_TEXT) -> ColumnCheck:
    allowed = {str, _NONE} if nullable else {str}

    def check(col: Sequence) -> str | None:
        if not _types_ok(col, allowed):
            return Text("table.text", blank=_blank(nullable))
        texts = [v for v in col if v is not None] if nullable else col
        if texts and max(map(len, texts)) > max_len:
            return Text("values.too_long", n=max_len)
        return None
    return check


def check_one_line(max_len: int) -> ColumnCheck:
    """Text on one line, without control characters (domain/text.py), at most `max_len` long."""
    base = check_text(max_len=max_len)

    def check(col: Sequence) -> str | None:
        problem = base(col)
        # Each distinct text once (all str here: base checked): a package repeats who made a change.
        if problem is None and any(map(_CONTROL_LINE.search, set(col))):
            return Text("table.control")
        return problem
    return check


def check_int(nullable: bool = False, lo: int = -MAX_INT, hi: int = MAX_INT) -> ColumnCheck:
    allowed = {int, _NONE} if nullable else {int}

    def check(col: Sequence) -> str | None:
        if not _types_ok(col, allowed):
            return Text("table.int", blank=_blank(nullable))
        nums = [v for v in col if v is not None] if nullable else col
        if nums and (min(nums) < lo or max(nums) > hi):
            return Text("table.range", lo=lo, hi=hi)
        return None
    return check


def check_real(nullable: bool = False) -> ColumnCheck:
    allowed = {int, float, _NONE} if nullable else {int, float}

    def check(col: Sequence) -> str | None:
        if not _types_ok(col, allowed):
            return Text("table.number", blank=_blank(nullable))
        if any(isinstance(v, float) and not math.isfinite(v) for v in col):
            return Text("table.not_finite")
        if any(v is not None and abs(v) > MAX_INT for v in col):
            return Text("table.huge")
        return None
    return check


_CHOICE_TYPES = {int, str, _NONE}


def check_choice(choices: set) -> ColumnCheck:
    choices = frozenset(choices)

    def check(col: Sequence) -> str | None:
        # The common case at C speed: only the allowed types (no True for 1, nothing unhashable), then
        # the distinct values among the choices; the message, when there is one, from the loop below.
        if _types_ok(col, _CHOICE_TYPES) and choices.issuperset(col):
            return None
        # The type test comes first: it keeps True from passing for 1 and lists from being hashed.
        bad = [v for v in col if type(v) not in (int, str, _NONE) or v not in choices]
        return Text("table.choice", values=", ".join(sorted({repr(v)[:20] for v in bad})[:3])) if bad else None
    return check


def check_regex(pattern: re.Pattern, what: str) -> ColumnCheck:
    """`what`: a code of xhht_desktop/messages.py naming the form ("table.what.uuid")."""
    def check(col: Sequence) -> str | None:
        if not _types_ok(col, {str}):
            return Text("table.must_be", what=Text(what))
        match = pattern.match
        if not all(map(match, set(col))):  # each distinct text once: a package repeats its times
            return Text("table.must_be", what=Text(what))
        return None
    return check


_PERIOD_CODES = {p.code for p in all_periods()}

SYNC_CHECKS: dict[str, ColumnCheck] = {
    "uuid": check_regex(_UUID_RE, "table.what.uuid"),
    "unit": check_text(max_len=64),
    "revision": check_int(lo=1),
    "base_revision": check_int(lo=0),
    "updated_at": check_regex(_TIME_RE, "table.what.time"),
    "updated_by": check_one_line(max_len=200),
    "origin": check_one_line(max_len=64),
    "deleted": check_choice({0, 1}),
}


@dataclass(frozen=True)
class TableSpec:
    """One synced table: its travelling data columns and how they are checked."""

    name: str
    fields: tuple[str, ...]
    checks: dict[str, ColumnCheck]
    # For records whose UUID is derived from what they are: recompute it from (unit key, row).
    # A package cannot then touch another unit's record by borrowing its UUID.
    derive_uuid: Callable[[str, dict], str] | None = None
    # The same derivation over a whole table at once, from its columns (name -> values), yielding the
    # UUIDs in row order: check_table uses it when given (the figures: 69 rows a package).
    derive_uuids: Callable[[str, dict[str, Sequence]], Iterable[str]] | None = None
    # Data fields compared to decide "unchanged" and written to history.
    history_fields: tuple[str, ...] = field(default=())
    # A record new to this database gets one history row per filled field ("fields", as the entry
    # form writes them), or - for wide tables, where that would be a dozen rows per record - one
    # row `created` whose new value is the record's fields as JSON ("record").
    history_on_insert: str = "fields"
    # Domain rules for the live (not deleted) records of a package: (row dicts, unit dates) ->
    # Vietnamese problems. The figures have their own, richer check in merge.py.
    validate: Callable[[list[dict], str | None, str | None], list[str]] | None = None
    # Data fields added after packages of this table were first made: a package from an older
    # version may leave them out, and they arrive with these values.
    optional_fields: tuple[tuple[str, object], ...] = field(default=())

    @cached_property  # worked out once per spec: the merge asks for it per record
    def columns(self) -> tuple[str, ...]:
        """The column list of this table in a package."""
        return SYNC_COLUMNS + self.fields

    @property
    def has_period(self) -> bool:
        return "period" in self.fields


_NAMESPACE = values_repo.RECORD_NAMESPACE.bytes
_NAMESPACE_SHA1 = {_NAMESPACE: hashlib.sha1(_NAMESPACE)}  # namespace -> its hash state, copied per name
# The variant nibble (RFC 4122: 10xx) of each hex digit the hash gives there.
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def _uuid5_of(state) -> str:
    """The name-based UUID text of a SHA-1 state fed with namespace and name (uuid.uuid5's bits)."""
    x = state.hexdigest()
    return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"


def uuid5_text(name: str, namespace: bytes = _NAMESPACE) -> str:
    """uuid.uuid5(namespace, name) as text, without building UUID objects (the merge derives one per
    record, tens of thousands per package batch). tests/core/test_sync_package.py checks equality."""
    base = _NAMESPACE_SHA1.get(namespace)
    if base is None:
        base = hashlib.sha1(namespace)
    state = base.copy()
    state.update(name.encode("utf-8"))
    return _uuid5_of(state)


def _prefixed_uuids(prefix: str, names):
    """uuid5_text(prefix + name) for each name, in order and one at a time (a name that cannot be
    encoded raises where the row-by-row derivation did): the namespace and prefix are hashed once."""
    base = _NAMESPACE_SHA1[_NAMESPACE].copy()
    base.update(prefix.encode("utf-8"))
    for name in names:
        state = base.copy()
        state.update(name.encode("utf-8"))
        yield _uuid5_of(state)


def _value_uuid(unit_key: str, row: dict) -> str:
    # Same name as values_repo.value_uuid.
    return uuid5_text(f"value|{unit_key}|{row['period']}|{row['indicator']}|{row['breakdown'] or ''}")


def _value_uuids(unit_key: str, cols: dict[str, Sequence]):
    """_value_uuid of each row, from the table's columns."""
    return _prefixed_uuids(f"value|{unit_key}|", (f"{p}|{i}|{b or ''}" for p, i, b in
                                                  zip(cols["period"], cols["indicator"], cols["breakdown"])))


def _status_uuid(unit_key: str, row: dict) -> str:
    return uuid5_text(f"status|{unit_key}|{row['period']}")


def _status_uuids(unit_key: str, cols: dict[str, Sequence]):
    return _prefixed_uuids(f"status|{unit_key}|", cols["period"])


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def check_date(nullable: bool = True) -> ColumnCheck:
    """YYYY-MM-DD (a real day), or null."""
    def check(col: Sequence) -> str | None:
        for v in col:
            if v is None and nullable:
                continue
            if not isinstance(v, str) or not _DATE_RE.match(v):
                return Text("table.date", blank=_blank(nullable))
            try:
                dt.date.fromisoformat(v)
            except ValueError:
                return Text("table.date", blank=_blank(nullable))
        return None
    return check


INDICATOR_VALUES = TableSpec(
    name="indicator_values",
    fields=("period", "indicator", "breakdown", "numerator", "denominator", "value", "comment",
            "decision_no", "decision_date", "decision_body"),
    checks={
        "period": check_choice(_PERIOD_CODES),
        "indicator": check_text(max_len=64),  # checked against the catalogue with the figures
        "breakdown": check_choice({"", "nu", "dtts"}),
        "numerator": check_int(nullable=True),
        "denominator": check_int(nullable=True),
        "value": check_int(nullable=True),
        "comment": check_text(),
        # kind "level": the recognition decision, one-line text (domain/text.py), a date or null
        "decision_no": check_one_line(max_len=200),
        "decision_date": check_date(),
        "decision_body": check_one_line(max_len=200),
    },
    derive_uuid=_value_uuid,
    derive_uuids=_value_uuids,
    history_fields=("numerator", "denominator", "value", "comment", "decision_no", "decision_date",
                    "decision_body"),
    optional_fields=(("decision_no", ""), ("decision_date", None), ("decision_body", "")),
)

PERIOD_STATUS = TableSpec(
    name="period_status",
    fields=("period", "complete"),
    checks={"period": check_choice(_PERIOD_CODES), "complete": check_choice({0, 1})},
    derive_uuid=_status_uuid,
    derive_uuids=_status_uuids,
    history_fields=("complete",),
)

def _narrative_uuid(unit_key: str, row: dict) -> str:
    # Same name as reports.narrative.narrative_uuid.
    return uuid5_text(f"narrative|{unit_key}|{row['period']}|{row['section']}")


# The written sections of a report (reports.narrative, migration 0007).
NARRATIVES = TableSpec(
    name="narratives",
    fields=("period", "section", "text"),
    checks={"period": check_choice(_PERIOD_CODES),
            "section": check_choice({"danh_gia_chung", "ton_tai_han_che", "kien_nghi_de_xuat", "phuong_huong"}),
            "text": check_text()},
    derive_uuid=_narrative_uuid,
    history_fields=("text",),
    validate=lambda rows, _from, _to: [f"Phần đánh giá «{row.get('section')}»: {problem}" for row in rows
                                       if (problem := control_problem_vi(row.get("text"), multiline=True))],
)

FIXED_SPECS = {INDICATOR_VALUES.name: INDICATOR_VALUES, PERIOD_STATUS.name: PERIOD_STATUS,
               NARRATIVES.name: NARRATIVES}


def _spec_from_schema(db: sqlite_utils.Database, name: str) -> TableSpec | None:
    """A spec for a synced table this module does not describe by hand (the centre log)."""
    info = db.conn.execute(f"PRAGMA table_info({name})").fetchall()  # name is from KNOWN_TABLES
    if not info:
        return None
    cols = {row[1]: row for row in info}
    needed = {"uuid", "unit_id", "revision", "base_revision", "updated_at", "updated_by", "origin", "deleted"}
    if not needed <= set(cols):
        return None
    skip = needed | LOCAL_ONLY
    fields = tuple(row[1] for row in info if row[1] not in skip)
    checks: dict[str, ColumnCheck] = {}
    for fname in fields:
        _cid, _n, decl, notnull, _default, _pk = cols[fname]
        decl = (decl or "").upper()
        nullable = not notnull
        if "INT" in decl:
            checks[fname] = check_int(nullable=nullable)
        elif "REAL" in decl or "FLOA" in decl or "DOUB" in decl or "NUM" in decl:
            checks[fname] = check_real(nullable=nullable)
        else:
            checks[fname] = check_text(nullable=nullable)
    return TableSpec(name=name, fields=fields, checks=checks, history_fields=fields, **_SCHEMA_EXTRAS.get(name, {}))


def _centre_uuid(unit_key: str, _row: dict) -> str:
    from xhht_desktop.clc.repository import centre_uuid  # noqa: PLC0415 - only when the table exists
    return centre_uuid(unit_key)


def _validate_activities(rows: list[dict], valid_from: str | None, valid_to: str | None) -> list[str]:
    """The centre log's own rules (xhht_desktop.clc.domain.check_activity_record: those of the form and
    the import, dates as stored, control characters) on arriving activities."""
    from xhht_desktop.clc.domain import check_activity_record  # noqa: PLC0415 - only when the table exists
    problems: list[str] = []
    today = dt.date.today()  # once per call: a package's activities are checked on the same day
    for row in rows:
        for e in check_activity_record(row, unit_valid_from=valid_from, unit_valid_to=valid_to, today=today):
            problems.append(Text("tables.activity_problem", title=str(row.get("title", ""))[:60],
                                 date=str(row.get("date"))[:20], problem=e.message))
    return problems


def _validate_centre(rows: list[dict], _valid_from: str | None, _valid_to: str | None) -> list[str]:
    """The centre form's rules (xhht_desktop.clc.domain.check_centre_record) on an arriving centre."""
    from xhht_desktop.clc.domain import check_centre_record  # noqa: PLC0415 - only when the table exists
    return [Text("tables.centre_problem", name=str(row.get("name", ""))[:60], problem=e.message)
            for row in rows for e in check_centre_record(row)]


# Derived UUIDs and domain checks of the tables read from the schema.
_SCHEMA_EXTRAS: dict[str, dict] = {
    "clc_centres": {"derive_uuid": _centre_uuid, "validate": _validate_centre},
    "clc_activities": {"validate": _validate_activities, "history_on_insert": "record"},
}


def table_specs(db: sqlite_utils.Database) -> dict[str, TableSpec]:
    """The synced tables this database has, in write order."""
    existing = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    out: dict[str, TableSpec] = {}
    for name in KNOWN_TABLES:
        if name not in existing:
            continue
        spec = FIXED_SPECS.get(name) or _spec_from_schema(db, name)
        if spec is not None:
            out[name] = spec
    return out


# Columns whose few texts repeat on every row of a package: they are made one object each (JSON gives
# every occurrence its own), so a package is half the size to send from the opener process and to
# unpickle in the merge's.
_REPEATED = frozenset({"unit", "updated_at", "updated_by", "origin", "period", "breakdown", "section", "category",
                       "format"})


def _shared_texts(col: Sequence) -> Sequence:
    memo: dict = {}
    return tuple(map(memo.setdefault, col, col))


def check_table(spec: TableSpec, columns: list, rows: list, unit_key: str) -> list[tuple]:
    """Check one table of a payload; returns its rows as tuples in `spec.columns` order.

    Raises SchemaProblem with a Vietnamese reason on the first problem found.
    """
    if not isinstance(columns, list) or len(set(map(str, columns))) != len(columns):
        raise SchemaProblem(Text("table.columns", table=spec.name))
    missing = [(name, default) for name, default in spec.optional_fields if name not in columns]
    if sorted(map(str, columns)) != sorted(c for c in spec.columns if c not in dict(missing)):
        raise SchemaProblem(Text("table.columns", table=spec.name))
    if not isinstance(rows, list):
        raise SchemaProblem(Text("table.rows_not_list", table=spec.name))
    if missing and rows and set(map(type, rows)) == {list} and {len(r) for r in rows} == {len(columns)}:
        # A package of an older version: the fields it does not know arrive with their defaults.
        columns = [*columns, *(name for name, _ in missing)]
        defaults = [default for _, default in missing]
        rows = [[*r, *defaults] for r in rows]
    if not rows:
        return []
    width = len(columns)
    if set(map(type, rows)) != {list} or {len(r) for r in rows} != {width}:
        raise SchemaProblem(Text("table.short_row", table=spec.name, width=width))
    by_name = dict(zip(columns, zip(*rows)))
    checks = {**SYNC_CHECKS, **spec.checks}
    for name in spec.columns:
        problem = checks[name](by_name[name])
        if problem:
            raise SchemaProblem(Text("table.column", table=spec.name, column=name, problem=problem))
    if set(by_name["unit"]) != {unit_key}:
        raise SchemaProblem(Text("table.other_unit", table=spec.name))
    if len(set(by_name["uuid"])) != len(rows):
        raise SchemaProblem(Text("table.twice", table=spec.name))
    if any(b >= r for b, r in zip(by_name["base_revision"], by_name["revision"])):
        raise SchemaProblem(Text("table.base_revision", table=spec.name))
    ordered = [_shared_texts(by_name[name]) if name in _REPEATED else by_name[name] for name in spec.columns]
    out = list(zip(*ordered))
    if spec.derive_uuids is not None:
        for uuid_, derived in zip(by_name["uuid"], spec.derive_uuids(unit_key, by_name)):
            if derived != uuid_:
                raise SchemaProblem(Text("table.uuid_mismatch", table=spec.name, uuid=uuid_))
    elif spec.derive_uuid is not None:
        names = spec.columns
        for row in out:
            if spec.derive_uuid(unit_key, dict(zip(names, row))) != row[0]:
                raise SchemaProblem(Text("table.uuid_mismatch", table=spec.name, uuid=row[0]))
    return out
