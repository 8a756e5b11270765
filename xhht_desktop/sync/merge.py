"""The Department's merge: many packages, any order, sent twice, some lost — never a figure
double-counted, lost or silently overwritten.

Per package: decrypt, verify, check (package.open_package); then, by the sending installation:
revoked → rejected; never confirmed for that unit → held (kept whole) until `confirm`; confirmed →
each record is compared with what is stored, in bulk:

* unknown here → new;
* same installation (origin), higher revision → updated; lower → older, skipped;
* same version → unchanged;
* another installation's version with different content → conflict: both kept, the Department
  chooses later (the stored one stays in force meanwhile); the choice is recorded in history.

Each package is applied whole or not at all, and one bad file never stops the batch. Packages
are applied in groups, one transaction each (see _Group), so ten thousand of them do not cost ten
thousand fsyncs or savepoints; a crash loses at most the current group, never half a package. A
dry run does the same work in one transaction and rolls it back, so the preview is exactly what
applying would do.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import meta, units_repo
from xhht_desktop.domain.catalogue import LEVEL_LABELS_VI, catalogue_for, catalogue_version
from xhht_desktop.domain.text import control_problem_vi
from xhht_desktop.domain.values import Entry, format_int, validate_entries
from xhht_desktop.installation import get_installation
from xhht_desktop.sync import keys, repo
from xhht_desktop.sync.package import MAX_FILE_SIZE, SUFFIX, OpenedPackage, PackageRejected, open_package
from xhht_desktop.sync.tables import TableSpec, table_specs

Progress = Callable[[int, int, str], None]

IMPORTED, DUPLICATE, CONFLICT, HELD, REJECTED = "imported", "duplicate", "conflict", "held", "rejected"
STATUS_LABELS_VI = {
    IMPORTED: "Đã nhập",
    DUPLICATE: "Trùng – đã nhập trước đó",
    CONFLICT: "Đã nhập, có xung đột",
    HELD: "Chờ xác nhận máy gửi",
    REJECTED: "Bị từ chối",
}
DRY_RUN_LABELS_VI = {
    IMPORTED: "Sẽ nhập",
    DUPLICATE: "Trùng – đã nhập trước đó",
    CONFLICT: "Sẽ nhập, có xung đột",
    HELD: "Sẽ chờ xác nhận máy gửi",
    REJECTED: "Sẽ bị từ chối",
}
COUNT_KEYS = ("new", "updated", "unchanged", "older", "conflicts", "deleted")
COUNT_LABELS_VI = {"new": "mới", "updated": "cập nhật", "unchanged": "không đổi", "older": "cũ hơn (bỏ qua)",
                   "conflicts": "xung đột", "deleted": "xóa"}
LEVEL_OF_ROLE = {"commune": "xa", "district": "huyen"}
MAX_PROBLEMS_SHOWN = 50
# Packages are committed together every few seconds: a crash loses at most that much merging (never
# half a package, and re-merging is idempotent), while each commit's fsync and WAL checkpoint is
# paid a few times per minute instead of once per package.
COMMIT_EVERY_SECONDS = 10.0
# A group (see _Group) is also committed when it holds GROUP_MAX_ROWS records and history rows: they
# wait in memory to be written sorted, and the larger the group, the more of them share an index
# page (measured on the national batch: 20,000 -> 100,000 rows, 18% fewer bytes written, 15-20%
# faster; beyond, memory grows and the time does not improve). The package and byte limits bound
# the files kept in memory to merge a group again if one of its packages fails.
GROUP_MAX_ROWS = 100_000
GROUP_MAX_PACKAGES = 1_500
GROUP_MAX_BYTES = 64 * 1024 * 1024
# Page cache of the merging connection (KiB): random-UUID index inserts touch pages all over.
MERGE_CACHE_KIB = 128 * 1024
# The WAL is checkpointed beside the merge (repo.BackgroundCheckpointer); past this size the merge
# waits for the checkpoint to finish so that the WAL starts again from its beginning.
WAL_RESTART_BYTES = 768 * 1024 * 1024
# Packages opened (decrypted, verified, parsed) ahead of the one being merged, on a helper thread.
OPEN_AHEAD = 4
# Budgets of what a package may claim (issue 12). A commune that exports twice a day for ten years
# numbers about 7,000 packages; a figure saved a hundred times a day for three years, about 100,000
# revisions. Beyond, the package is refused with its reason before any work depends on the number.
MAX_SEQUENCE_JUMP = 10_000    # above the highest sequence received from the same key
MAX_REVISION_JUMP = 100_000   # above the revision of that record and origin known here (0 if none)
MAX_MISSING_LISTED = 100      # missing sequence numbers listed one by one (the rest as ranges, counted)
# Times a package and its records may carry (UTC): the programme starts in 2013, and nothing made by
# this application can be dated after 2100. Anything else (or what does not parse) is refused.
EARLIEST_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
LATEST_TIME = dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)


class MergeError(ValueError):
    """The merge cannot start at all (not a Department, no key); message in Vietnamese."""


@dataclass
class PackageResult:
    file: str
    status: str = REJECTED
    reason: str = ""
    code: str = ""
    package_uuid: str = ""
    unit_key: str = ""
    unit_code: str = ""
    unit_name: str = ""
    fingerprint: str = ""
    installation_id: str = ""
    official: str = ""
    sequence: int | None = None
    created_at: str = ""
    full: bool = False
    periods: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class MergeReport:
    packages: list[PackageResult] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    dry_run: bool = False
    cancelled: bool = False
    not_processed: list[str] = field(default_factory=list)
    started_at: str = ""
    finished_at: str = ""
    actor: str = ""

    @property
    def status_counts(self) -> dict[str, int]:
        out = dict.fromkeys((IMPORTED, CONFLICT, DUPLICATE, HELD, REJECTED), 0)
        for p in self.packages:
            out[p.status] += 1
        return out

    @property
    def record_counts(self) -> dict[str, int]:
        out = dict.fromkeys(COUNT_KEYS, 0)
        for p in self.packages:
            if p.status in (IMPORTED, CONFLICT):
                for k in COUNT_KEYS:
                    out[k] += p.counts.get(k, 0)
        return out

    @property
    def any_rejected(self) -> bool:
        return any(p.status == REJECTED for p in self.packages)

    def to_json(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "cancelled": self.cancelled,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "packages": [p.to_json() for p in self.packages],
            "counts": self.status_counts,
            "records": self.record_counts,
            "gaps": self.gaps,
            "not_processed": self.not_processed,
        }


def now_iso() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def _utc(text: str) -> str:
    """An ISO time as UTC, so that times from different offsets compare as strings."""
    t = _parse_utc(text)
    return text if t is None else t.replace(microsecond=0).isoformat()


def _parse_utc(text) -> dt.datetime | None:
    """An ISO time as an aware UTC datetime (a time without offset is local time), or None when it
    does not parse or cannot be represented (year 9999 at UTC-12, year 1 at UTC+14)."""
    if type(text) is not str:
        return None
    try:
        t = dt.datetime.fromisoformat(text)
        if t.tzinfo is None:
            t = t.astimezone()
        return t.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def _time_ok(text) -> bool:
    if type(text) is str:
        try:
            if 2001 <= dt.datetime.fromisoformat(text).year <= 2098:
                return True  # the common case, whatever the offset: no conversion needed
        except ValueError:
            return False
    t = _parse_utc(text)
    return t is not None and EARLIEST_TIME <= t < LATEST_TIME


def _check_times(opened: OpenedPackage) -> None:
    """The package's time and its records' times parse and fall within EARLIEST_TIME..LATEST_TIME;
    otherwise the package is refused (alone) with its reason."""
    created = opened.manifest["created_at"]
    if not _time_ok(created):
        raise PackageRejected("bad_time", f"Gói ghi thời điểm lập không hợp lệ hoặc không thể có ({str(created)[:40]}); "
                                          "kiểm tra ngày giờ của máy gửi rồi xuất lại.")
    for name, rows in opened.tables.items():
        for stamp in {r[4] for r in rows}:
            if not _time_ok(stamp):
                raise PackageRejected("bad_time", f"Bảng {name}: thời điểm sửa «{str(stamp)[:40]}» không hợp lệ "
                                                  "hoặc không thể có; gói không được nhập.")


# ---- the batch ----------------------------------------------------------------------------------

@dataclass
class _Batch:
    db: sqlite_utils.Database
    identities: list
    own_fingerprints: set[str]
    specs: dict[str, TableSpec]
    actor: str
    origin: str
    dry_run: bool
    seen: set[str] = field(default_factory=set)
    touched: set[tuple[str, str]] = field(default_factory=set)  # (fingerprint, unit_key)
    rows_written: int = 0  # records and history rows, for the size of a group
    units: dict[str, tuple] = field(default_factory=dict)  # unit key -> repo.unit_row (all, read at start)
    # False while the database holds no conflict at all: then no package needs to look them up.
    conflicts_possible: bool = True
    checkpointer: repo.BackgroundCheckpointer | None = None
    now: str = ""


def _start(db: sqlite_utils.Database, dry_run: bool, actor: str | None) -> _Batch:
    inst = get_installation(db)
    if inst is None or inst.role != "department":
        raise MergeError("Chỉ máy của Sở (vai trò department) mới nhận và nhập gói đồng bộ.")
    identities = keys.department_identities(db)
    if not identities:
        raise MergeError("Máy của Sở chưa có khóa bí mật: khôi phục khóa từ bản sao lưu trước khi nhập gói.")
    return _Batch(db=db, identities=identities, own_fingerprints=keys.own_department_fingerprints(db),
                  specs=table_specs(db), actor=actor or inst.actor, origin=inst.installation_id,
                  dry_run=dry_run, now=now_iso(), units=repo.unit_rows(db))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a folder gives its `.xhht` files (not its subfolders), by name."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted((c for c in p.iterdir() if c.is_file() and c.suffix.lower() == SUFFIX),
                              key=lambda c: c.name))
        else:
            out.append(p)
    return out


@dataclass
class _Prepared:
    """What can be worked out from a package alone, before it meets the database (see _prepare)."""

    problems: dict[str, list[str]] = field(default_factory=dict)  # record uuid -> its own rule breaches
    created: dict[str, str] = field(default_factory=dict)  # record uuid -> history text if it is new


def _open_item(batch: _Batch, name: str, source: bytes | Path
               ) -> tuple[bytes, OpenedPackage | PackageResult, _Prepared | None]:
    """Read and open one package: decrypt, verify, check its shape, and prepare it. No database:
    runs on the opener thread, a few packages ahead of the merge, overlapping the merge's writes
    (SQLite releases the GIL while it works)."""
    data = _read(source) if isinstance(source, Path) else source
    if isinstance(data, PackageResult):
        return b"", data, None
    try:
        opened = open_package(data, batch.identities, batch.own_fingerprints, batch.specs)
    except PackageRejected as exc:
        return data, _reject(PackageResult(file=name), exc.code, exc.reason), None
    try:
        _check_times(opened)
    except PackageRejected as exc:
        result = PackageResult(file=name)
        _describe(result, opened)
        return data, _reject(result, exc.code, exc.reason), None
    try:
        return data, opened, _prepare(batch, opened)
    except Exception:  # noqa: BLE001 - prepared again while merging, where a failure rejects this package alone
        return data, opened, None


def _prepare(batch: _Batch, opened: OpenedPackage) -> _Prepared:
    """Per record, what depends on the record alone: the table's own rules (the centre log's, for
    live records; the unit's dates bound the activity dates) and, for tables whose new records get
    one history row, that row's text. Which records apply is decided later, against the database."""
    prep = _Prepared()
    unit = batch.units.get(opened.unit_key)
    for name, rows in opened.tables.items():
        spec = batch.specs[name]
        if spec.validate is not None and unit is not None:
            for r in rows:
                if not r[7]:
                    found = spec.validate([dict(zip(spec.fields, r[8:]))], unit[5], unit[6])
                    if found:
                        prep.problems[r[0]] = found
        if spec.history_on_insert == "record":
            at = [(f, spec.columns.index(f)) for f in spec.history_fields]
            for r in rows:  # the history text of a record new here: its filled fields as JSON
                prep.created[r[0]] = _json_text({f: r[i] for f, i in at if r[i] is not None and r[i] != ""})
    return prep


def _read(path: Path) -> bytes | PackageResult:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            return PackageResult(path.name, code="too_large",
                                 reason=f"Tệp quá lớn ({size // (1024 * 1024)} MB) để là một gói XHHT.")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_SIZE + 1)
    except OSError as exc:
        return PackageResult(path.name, code="unreadable", reason=f"Không đọc được tệp: {exc.strerror or exc}.")
    if len(data) > MAX_FILE_SIZE:
        return PackageResult(path.name, code="too_large", reason="Tệp quá lớn để là một gói XHHT.")
    return data


def merge_files(db: sqlite_utils.Database, paths: Iterable[str | Path], *, dry_run: bool = False,
                progress: Progress | None = None, should_cancel: Callable[[], bool] | None = None,
                actor: str | None = None) -> MergeReport:
    """Merge package files (folders give their .xhht files). Usable without the GUI.

    `progress(done, total, text)` is called after each package; `should_cancel()` is checked
    between packages: what was done stays done (each package whole), the rest is listed in
    `not_processed`. With `dry_run` nothing is kept: the report says what applying would do.
    """
    files = expand_paths(paths)
    return merge_items(db, ((f.name, f) for f in files), total=len(files), dry_run=dry_run,
                       progress=progress, should_cancel=should_cancel, actor=actor)


def merge_items(db: sqlite_utils.Database, items: Iterable[tuple[str, bytes | Path]], *, total: int,
                dry_run: bool = False, progress: Progress | None = None,
                should_cancel: Callable[[], bool] | None = None, actor: str | None = None,
                held: bool = False) -> MergeReport:
    """Merge (display name, bytes or path) items; see merge_files."""
    batch = _start(db, dry_run, actor)
    report = MergeReport(dry_run=dry_run, started_at=batch.now, actor=batch.actor)
    conn = db.conn
    if conn.in_transaction:
        conn.execute("COMMIT")  # an implicit transaction left open by a caller's plain statement
    old_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    old_temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    old_autocheckpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    group = _Group(batch)
    done = 0
    iterator = iter(items)
    ahead: deque[tuple[str, Future]] = deque()  # packages being opened beside the merge
    opener = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xhht-open")

    def open_ahead() -> None:
        while len(ahead) < OPEN_AHEAD:
            item = next(iterator, None)
            if item is None:
                return
            ahead.append((item[0], opener.submit(_open_item, batch, *item)))

    try:
        conn.execute(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")
        if not dry_run:
            batch.checkpointer = repo.BackgroundCheckpointer.for_database(db, WAL_RESTART_BYTES)
        if batch.checkpointer is not None:
            conn.execute("PRAGMA wal_autocheckpoint=0")  # the checkpointer's thread does it
        group.begin()
        open_ahead()
        while ahead:
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                report.not_processed = [n for n, _ in ahead] + [n for n, _ in iterator]
                break
            name, future = ahead.popleft()
            data, opened, prepared = future.result()
            open_ahead()
            if isinstance(opened, PackageResult):
                report.packages.append(opened)  # unreadable, or rejected before the database
                if held and opened.package_uuid and not dry_run:
                    repo.delete_held(db, opened.package_uuid)  # opened, then refused: it never will be applied
            elif dry_run:
                report.packages.append(_merge_one(batch, name, data, opened=opened, prepared=prepared,
                                                  held_package=held))
            else:
                group.merge(report, name, data, opened, prepared, held)
            done += 1
            if progress is not None:
                progress(done, total, f"{done}/{total}: {name}")
            if not dry_run and group.due():
                group.commit(report)
                group.begin()
        if not dry_run:
            group.commit(report)
        report.gaps = _gap_messages(db, sorted(batch.touched))
    finally:
        try:
            # On an error that stops the merge, the group under way is undone (never half a package);
            # the groups committed before it stay. A dry run is undone whole.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        finally:
            group.active = False
            for _n, future in ahead:
                future.cancel()
            opener.shutdown(wait=True)
            if batch.checkpointer is not None:
                batch.checkpointer.kick()
                batch.checkpointer.close()  # waits for the last checkpoint
                conn.execute(f"PRAGMA wal_autocheckpoint={int(old_autocheckpoint)}")
            conn.execute(f"PRAGMA temp_store={int(old_temp_store)}")
            conn.execute(f"PRAGMA cache_size={int(old_cache)}")
    report.finished_at = now_iso()
    return report


# ---- groups: one transaction for many packages ---------------------------------------------------

@dataclass
class _Member:
    """A package of the group, as much as merging it again needs (it is opened again then: rare)."""

    index: int          # position in report.packages
    name: str
    data: bytes
    package_uuid: str
    held_package: bool
    marked_seen: bool   # this member put its package UUID in batch.seen


class _Group:
    """Packages applied in one transaction, committed every few seconds, with no savepoint per package.

    A savepoint keeps a copy of every page it changes, so that it can be rolled back; at national
    scale that copy cost as much as the writes themselves. A plain transaction rolls back for free
    (the WAL drops its frames). So each package goes into the group's transaction, and if one fails
    for a reason of its own (a record the database's constraints refuse), the whole group is rolled
    back and its packages are merged again one at a time, each in its own savepoint: only the
    package at fault is rejected, and every package stays whole or absent.

    A package's records and history rows are not written at once but kept and written with the
    whole group, sorted by UUID (`flush`). Their keys are random, so each lands on its own index
    page; sorted, the rows that share a page are written together and the page is written out
    once per group, not once per package (the small bookkeeping rows are written at once). Until
    then the database does not show them, so a package of a unit already in the group, or one that
    touches a record the group holds, flushes the group before it is checked.

    While a group is open the connection keeps its statement journals in memory (temp_store=MEMORY;
    each covers one row's statement, so it stays small); the one-by-one path, whose savepoints can
    cover a whole package, goes back to temporary files. A dry run does not use groups: it is one
    transaction with a savepoint per package, rolled back at the end.
    """

    def __init__(self, batch: _Batch):
        self.batch = batch
        self.conn = batch.db.conn
        self.members: list[_Member] = []
        self.started = 0.0
        self.rows_at_start = 0
        self.data_bytes = 0
        self.active = False
        self.units: set[str] = set()     # units whose records wait in `writes`
        self.records: set[str] = set()   # record UUIDs waiting in `writes`
        self.writes: dict[str, list[tuple]] = {}  # table -> upsert rows waiting
        self.history: list[tuple] = []   # history rows waiting

    def begin(self) -> None:
        if not self.batch.dry_run:
            self.conn.execute("PRAGMA temp_store=MEMORY")
        self.conn.execute("BEGIN IMMEDIATE")
        # Read inside the transaction: another merge may have committed conflicts since the last group.
        self.batch.conflicts_possible = repo.any_conflicts(self.batch.db)
        self.members = []
        self.started = time.monotonic()
        self.rows_at_start = self.batch.rows_written
        self.data_bytes = 0
        self.active = True
        self._clear_waiting()

    def _clear_waiting(self) -> None:
        self.units, self.records, self.writes, self.history = set(), set(), {}, []

    def defer(self, plan: _Plan) -> None:
        """Keep a planned package's records and history for the group's sorted write."""
        for name, rows in plan.writes.items():
            self.writes.setdefault(name, []).extend(rows)
            self.batch.rows_written += len(rows)
        self.history.extend(plan.history)
        self.batch.rows_written += len(plan.history)

    def flush(self, report: MergeReport) -> bool:
        """Write the records and history waiting, sorted by UUID (history: by record, each record's
        rows in their order). False if that failed and the group was merged again one by one."""
        if not (self.writes or self.history):
            self.units, self.records = set(), set()
            return True
        db = self.batch.db
        try:
            for name, spec in self.batch.specs.items():  # write order: parents before children
                rows = self.writes.get(name)
                if rows:
                    rows.sort(key=_first)
                    repo.upsert_rows(db, spec, rows)
            self.history.sort(key=_second)
            repo.insert_history(db, self.history)
        except sqlite3.OperationalError:
            raise  # disk full, locked, I/O: stop (the group is undone)
        except sqlite3.DatabaseError:
            self._merge_again_one_by_one(report)
            return False
        self._clear_waiting()
        return True

    def due(self) -> bool:
        """Time to commit: every few seconds, or when the group holds enough rows or files."""
        return (time.monotonic() - self.started > COMMIT_EVERY_SECONDS
                or self.batch.rows_written - self.rows_at_start >= GROUP_MAX_ROWS
                or len(self.members) >= GROUP_MAX_PACKAGES
                or self.data_bytes >= GROUP_MAX_BYTES)

    def commit(self, report: MergeReport) -> None:
        if self.active:
            self.flush(report)  # if it fails, the group is merged again and a new, empty one is open
            self.conn.execute("COMMIT")
            self.members = []
            self.active = False
            if self.batch.checkpointer is not None:
                self.batch.checkpointer.after_commit()

    def merge(self, report: MergeReport, name: str, data: bytes, opened: OpenedPackage, prepared: _Prepared,
              held_package: bool) -> None:
        """Check and apply one opened package in the group's transaction; append its result."""
        batch = self.batch
        records = {r[0] for rows in opened.tables.values() for r in rows}
        if opened.unit_key in self.units or not self.records.isdisjoint(records):
            self.flush(report)  # it must be checked against what the group holds
        result = PackageResult(file=name)
        _describe(result, opened)
        was_seen = opened.package_uuid in batch.seen
        member = _Member(len(report.packages), name, data, opened.package_uuid, held_package, False)
        report.packages.append(result)
        self.members.append(member)
        self.data_bytes += len(data)
        try:
            _classify_and_apply(batch, result, opened, data, held_package, prepared, self)
            if held_package and result.status != HELD:
                repo.delete_held(batch.db, opened.package_uuid)
        except sqlite3.OperationalError:
            raise  # disk full, locked, I/O: not this package's fault; stop (the group is undone)
        except Exception:  # noqa: BLE001 - merged again one by one: only the package at fault is rejected
            member.marked_seen = not was_seen and opened.package_uuid in batch.seen
            self._merge_again_one_by_one(report)
            return
        member.marked_seen = not was_seen and opened.package_uuid in batch.seen
        # Held, duplicate or refused packages wait for nothing, but their checks read the same records.
        self.units.add(opened.unit_key)
        self.records |= records

    def _merge_again_one_by_one(self, report: MergeReport) -> None:
        """Undo the group and merge its packages again, each in its own savepoint."""
        self.conn.execute("ROLLBACK")
        self.active = False
        self._clear_waiting()
        members, self.members = self.members, []
        for m in members:
            if m.marked_seen:
                self.batch.seen.discard(m.package_uuid)
        self.conn.execute("PRAGMA temp_store=DEFAULT")
        self.conn.execute("BEGIN IMMEDIATE")
        for m in members:
            report.packages[m.index] = _merge_one(self.batch, m.name, m.data, held_package=m.held_package)
        # Kept at once: a failure in the next group must not undo them (they are no longer members).
        self.active = True
        self.commit(report)
        self.begin()


# ---- one package --------------------------------------------------------------------------------

def _describe(result: PackageResult, opened: OpenedPackage) -> None:
    m = opened.manifest
    result.package_uuid = m["package_uuid"]
    result.unit_key = m["unit"]["key"]
    result.unit_code = m["unit"]["code"]
    result.unit_name = m["unit"]["name"]
    result.fingerprint = opened.fingerprint
    result.installation_id = m["installation_id"]
    result.official = m.get("official", {}).get("name", "")
    result.sequence = m["sequence"]
    result.created_at = m["created_at"]
    result.full = m["full"]
    result.periods = list(m["periods"])


def _reject(result: PackageResult, code: str, reason: str) -> PackageResult:
    result.status, result.code, result.reason = REJECTED, code, reason
    return result


def _merge_one(batch: _Batch, name: str, data: bytes, *, opened: OpenedPackage | None = None,
               prepared: _Prepared | None = None, held_package: bool = False) -> PackageResult:
    """One package in its own savepoint, its records written at once (the careful path)."""
    result = PackageResult(file=name)
    db = batch.db
    if opened is None:
        try:
            opened = open_package(data, batch.identities, batch.own_fingerprints, batch.specs)
        except PackageRejected as exc:
            return _reject(result, exc.code, exc.reason)
    _describe(result, opened)
    m = opened.manifest
    try:
        _check_times(opened)
        with db.atomic():
            _classify_and_apply(batch, result, opened, data, held_package, prepared)
    except PackageRejected as exc:
        _reject(result, exc.code, exc.reason)
    except sqlite3.OperationalError:
        raise  # disk full, locked, I/O: not this package's fault; stop, keep finished packages
    except Exception as exc:  # noqa: BLE001 - whatever fails in one package rejects that package alone
        _reject(result, "write_failed", f"Không ghi được gói vào cơ sở dữ liệu ({exc}); không có gì thay đổi.")
    if held_package and result.status != HELD:
        with db.atomic():
            repo.delete_held(db, m["package_uuid"])
    return result


def _classify_and_apply(batch: _Batch, result: PackageResult, opened: OpenedPackage, data: bytes,
                        held_package: bool, prepared: _Prepared | None = None, group: _Group | None = None) -> None:
    db = batch.db
    m = opened.manifest
    uuid_ = m["package_uuid"]
    unit_key = m["unit"]["key"]
    if uuid_ in batch.seen or repo.is_imported(db, uuid_):
        result.status = DUPLICATE
        result.reason = "Gói này đã được nhập trước đó; không có gì thay đổi."
        return
    unit = batch.units.get(unit_key)
    if unit is None:
        _reject(result, "unknown_unit", f"Đơn vị «{m['unit']['name']}» ({unit_key}) không có trong danh mục "
                                        "đơn vị của phiên bản này.")
        return
    unit_id, _key, code, unit_name, level, _valid_from, _valid_to = unit
    result.unit_code, result.unit_name = code, unit_name
    if LEVEL_OF_ROLE.get(m["role"]) != level:
        _reject(result, "bad_manifest", f"Gói ghi vai trò «{m['role']}» không khớp với cấp của {unit_name}.")
        return
    # A unit reports only the periods it lived through (helper "units"): the rest of the batch goes on.
    outside = units_repo.first_life_problem(db, units_repo.get_unit(db, unit_id), m["periods"])
    if outside is not None:
        _reject(result, "outside_unit_life", f"Gói có số liệu kỳ {outside.period} nhưng "
                                             f"{units_repo.life_problem_vi(outside)}; không có gì được nhập.")
        return
    fingerprint = opened.fingerprint
    # Trust is per (key, unit): `pairs` are every unit this key has signed for, first seen first.
    pairs = repo.key_pairs(db, fingerprint)
    revoked = next((p for p in pairs if p["status"] == "revoked"), None)
    if revoked is not None:  # a revoked key is refused for every unit, the ones it never claimed included
        _reject(result, "revoked", f"Máy gửi {fingerprint} của {revoked['unit_name'] or revoked['unit_key']} đã bị "
                                   f"thu hồi; gói{'' if revoked['unit_key'] == unit_key else ' gửi cho ' + unit_name} "
                                   "không được nhập.")
        return
    if any(p["installation_id"] != m["installation_id"] for p in pairs):
        _reject(result, "identity_changed",
                f"Khóa {fingerprint} trước đây ký cho máy {pairs[0]['installation_id']}, nay ghi là máy "
                f"{m['installation_id']}: một khóa chỉ thuộc một máy; gói không được nhập (có thể là giả mạo).")
        return
    others = [i for i in repo.installations_by_id(db, m["installation_id"])
              if i["fingerprint"] != fingerprint and i["status"] != "revoked"]
    if others:
        _reject(result, "key_changed",
                f"Máy gửi này trước đây ký bằng khóa {others[0]['fingerprint']}, nay bằng khóa {fingerprint}. "
                "Nếu máy đã được cài lại, hãy thu hồi khóa cũ rồi nhập lại gói; nếu không, có thể là giả mạo.")
        return
    last = repo.last_sequence(db, fingerprint, besides=uuid_)
    if m["sequence"] > last + MAX_SEQUENCE_JUMP:
        _reject(result, "sequence_jump",
                f"Gói mang số thứ tự {m['sequence']}, vượt quá {format_int(MAX_SEQUENCE_JUMP)} so với số lớn nhất đã "
                f"nhận từ máy {fingerprint} ({last}); gói không được nhập. Đề nghị đơn vị xuất lại toàn bộ số liệu.")
        return
    inst = next((p for p in pairs if p["unit_key"] == unit_key), None)
    batch.touched.add((fingerprint, unit_key))
    plan = _plan(batch, opened, unit_id, level, prepared or _prepare(batch, opened))
    result.counts = plan.counts
    result.problems = plan.errors[:MAX_PROBLEMS_SHOWN]
    result.warnings = plan.warnings[:MAX_PROBLEMS_SHOWN]
    if m["catalogue_version"] != catalogue_version():
        result.warnings.insert(0, "Máy gửi dùng danh mục chỉ tiêu khác phiên bản của Sở; số liệu được "
                                  "kiểm tra theo danh mục của Sở.")
    if inst is None or inst["status"] == "pending":
        batch.seen.add(uuid_)
        result.status = HELD
        result.reason = (f"Máy gửi mới của {unit_name}, mã nhận dạng {fingerprint}: gọi điện đối chiếu mã này "
                         "với cán bộ gửi, rồi xác nhận máy gửi; gói sẽ được nhập khi xác nhận.")
        other_units = [p for p in pairs if p["unit_key"] != unit_key]
        if other_units:
            result.code = "new_unit_for_key"
            result.reason = (
                f"Máy {fingerprint} đã gửi số liệu cho {', '.join(p['unit_name'] or p['unit_key'] for p in other_units)}"
                f", nay gửi cho {unit_name}: máy này đang gửi số liệu cho {len(other_units) + 1} đơn vị. Gói được giữ "
                f"lại. Chỉ xác nhận máy cho {unit_name} (chọn đúng dòng của đơn vị này) khi Sở chắc chắn máy được "
                "giao nhập số liệu cho đơn vị đó.")
        if plan.errors or plan.refused:
            result.reason += " Lưu ý: số liệu trong gói có lỗi, khi xác nhận gói sẽ bị từ chối."
        if held_package:
            return
        holder = repo.held_by(db, uuid_)
        if holder is not None and holder != (fingerprint, unit_key):
            _reject(result, "uuid_reused", f"Mã gói {uuid_} trùng với một gói đang giữ của máy khác hoặc đơn vị "
                                           "khác; gói không được nhập (có thể là giả mạo).")
            return
        if holder is not None:
            result.reason = "Gói đã nhận trước đó, vẫn chờ xác nhận máy gửi " + fingerprint + "."
            return
        if inst is None:
            repo.insert_installation(db, {
                "fingerprint": fingerprint, "unit_key": unit_key, "public_key": m["signer"]["public_key"],
                "installation_id": m["installation_id"], "role": m["role"],
                "official": " – ".join(x for x in (m["official"].get("name", ""),
                                                   m["official"].get("title", "")) if x),
                "status": "pending", "first_seen": batch.now, "status_changed_by": ""})
        repo.insert_held(db, {
            "package_uuid": uuid_, "fingerprint": fingerprint, "unit_key": unit_key, "sequence": m["sequence"],
            "created_at": m["created_at"], "received_at": batch.now, "file_name": result.file,
            "periods": m["periods"], "data": data})
        return
    if plan.refused:
        _reject(result, "revision_jump", f"Số phiên bản của bản ghi vượt quá mức cho phép ({len(plan.refused)} bản "
                                         f"ghi, ví dụ: {plan.refused[0]}); không có gì được nhập.")
        result.problems = plan.refused[:MAX_PROBLEMS_SHOWN]
        return
    if plan.errors:
        _reject(result, "invalid_figures", f"Số liệu trong gói không hợp lệ ({len(plan.errors)} lỗi); "
                                           "không có gì được nhập. Đề nghị đơn vị kiểm tra và gửi lại.")
        return
    batch.seen.add(uuid_)
    same_seq = repo.received_sequences(db, fingerprint, unit_key).get(m["sequence"])
    if same_seq and same_seq[0] != uuid_:
        result.warnings.insert(0, f"Đã có một gói khác cùng số thứ tự {m['sequence']} từ máy này: "
                                  "có thể cơ sở dữ liệu của máy gửi đã bị sao chép sang máy khác.")
    _write(batch, opened, plan, group)
    repo.insert_import(db, {
        "package_uuid": uuid_, "fingerprint": fingerprint, "installation_id": m["installation_id"],
        "unit_key": unit_key, "sequence": m["sequence"], "previous_uuid": m["previous_package_uuid"],
        "full": int(m["full"]), "created_at": m["created_at"], "received_at": batch.now,
        "received_by": batch.actor, "file_name": result.file, "file_sha256": opened.file_sha256,
        "counts": plan.counts, "catalogue_version": m["catalogue_version"]},
        [(unit_key, p, _utc(m["created_at"])) for p in m["periods"]])
    from xhht_desktop.sync.receipts import on_package_imported  # noqa: PLC0415 - the way back (issue 11)

    on_package_imported(db, opened, batch.now)
    if plan.counts["conflicts"]:
        result.status = CONFLICT
        result.reason = (f"{'Sẽ nhập' if batch.dry_run else 'Đã nhập'}; {plan.counts['conflicts']} bản ghi khác "
                         "với bản do máy khác gửi: cả hai bản được giữ, hãy chọn trong mục Xung đột.")
    else:
        result.status = IMPORTED
        result.reason = "Đã nhập." if not batch.dry_run else "Sẽ được nhập."


# ---- planning: compare every record with what is stored, in bulk --------------------------------

@dataclass
class _Plan:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    writes: dict[str, list[tuple]] = field(default_factory=dict)  # table -> upsert rows
    history: list[tuple] = field(default_factory=list)
    new_conflicts: list[dict] = field(default_factory=list)
    updated_conflicts: list[tuple] = field(default_factory=list)  # (id, origin, revision, data)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # records whose revision jumps beyond MAX_REVISION_JUMP


def _record_data(spec: TableSpec, row: tuple) -> dict:
    """A package row as the JSON kept in a conflict."""
    d = dict(zip(spec.columns, row))
    d.pop("unit", None)
    d.pop("uuid", None)
    return d


def _stored_data(spec: TableSpec, ex: tuple) -> dict:
    d = {"revision": ex[2], "origin": ex[3], "deleted": ex[4]}
    d.update(zip(spec.fields, ex[5:]))
    return d


def _first(row: tuple):
    return row[0]


def _second(row: tuple):
    return row[1]


# json.dumps(..., ensure_ascii=False) without building an encoder per call (one per new activity).
_json_text = json.JSONEncoder(ensure_ascii=False).encode


def _text(v) -> str | None:
    return None if v is None else str(v)


def _plan(batch: _Batch, opened: OpenedPackage, unit_id: int, level: str, prepared: _Prepared) -> _Plan:
    plan = _Plan()
    db = batch.db
    source = f"sync:{opened.package_uuid}"
    signer = opened.manifest["installation_id"]  # bound to the signing key (see _classify_and_apply)
    for name, rows in opened.tables.items():
        if not rows:
            continue
        spec = batch.specs[name]
        if any(r[6] != signer for r in rows):
            # Provenance comes from the signature: a record is the signing installation's version,
            # whatever origin the payload writes (it cannot pose as another installation's revision).
            claimed = sum(1 for r in rows if r[6] not in (signer, ""))
            if claimed:
                plan.warnings.append(f"Bảng {name}: {claimed} bản ghi ghi nguồn là máy khác; được coi là bản của "
                                     "máy ký gói.")
            rows = [r if r[6] == signer else (*r[:6], signer, *r[7:]) for r in rows]
        if spec.has_period and spec.derive_uuid is not None:
            pi = spec.columns.index("period")
            periods = sorted({r[pi] for r in rows})
            existing = repo.existing_by_periods(db, spec, unit_id, periods)
        else:
            existing = repo.existing_by_uuids(db, spec, [r[0] for r in rows])
            if any(ex[1] != unit_id for ex in existing.values()):
                plan.errors.append(f"Bảng {name}: gói sửa bản ghi thuộc đơn vị khác.")
                continue
        conflicts = repo.conflicts_for(db, [r[0] for r in rows]) if batch.conflicts_possible else {}
        writes = plan.writes.setdefault(name, [])
        hist_idx = [(f, spec.columns.index(f), 5 + spec.fields.index(f)) for f in spec.history_fields]
        nfields = len(spec.fields)
        record_history = spec.history_on_insert == "record"
        applied: list[tuple] = []
        aside: list[tuple] = []  # conflicts and older versions: not applied, still checked (_check_aside)
        for row in rows:
            uuid_, _unit, revision, _base, updated_at, updated_by, origin, deleted = row[:8]
            ex = existing.get(uuid_)
            known = ex[2] if ex is not None and ex[3] == origin else _seen_revision(conflicts.get(uuid_, ()), origin)
            if revision > known + MAX_REVISION_JUMP:
                plan.refused.append(f"bảng {name}, bản ghi {uuid_}: phiên bản {revision}, đã biết {known}")
                continue
            action = _classify(row, ex, conflicts.get(uuid_, ()))
            if action in ("new", "updated", "meta"):
                writes.append((uuid_, unit_id, *row[8:8 + nfields], revision, row[3], updated_at, updated_by,
                               origin, deleted))
                applied.append(row)
                if action == "meta":
                    plan.counts["unchanged"] += 1
                    continue
                if deleted and (ex is None or not ex[4]):
                    plan.counts["deleted"] += 1
                else:
                    plan.counts[action] += 1
                if ex is None and record_history:
                    plan.history.append((name, uuid_, "created", None, prepared.created[uuid_], revision, updated_at,
                                         updated_by, origin, source))
                elif ex is None:
                    plan.history.extend(
                        (name, uuid_, f, None, _text(row[ri]), revision, updated_at, updated_by, origin, source)
                        for f, ri, _ei in hist_idx if row[ri] is not None and row[ri] != "")
                else:
                    plan.history.extend(
                        (name, uuid_, f, _text(ex[ei]), _text(row[ri]), revision, updated_at, updated_by, origin,
                         source)
                        for f, ri, ei in hist_idx if row[ri] != ex[ei])
                if deleted != (ex[4] if ex is not None else 0):
                    plan.history.append((name, uuid_, "deleted", None if ex is None else str(ex[4]), str(deleted),
                                         revision, updated_at, updated_by, origin, source))
            elif action == "unchanged":
                plan.counts["unchanged"] += 1
            elif action == "older":
                plan.counts["older"] += 1
                aside.append(row)
            else:  # conflict
                plan.counts["conflicts"] += 1
                aside.append(row)
                open_one = next((c for c in conflicts.get(uuid_, ())
                                 if c["status"] == "open" and c["incoming_origin"] == origin), None)
                data = _record_data(spec, row)
                if open_one is not None:
                    plan.updated_conflicts.append((open_one["id"], origin, revision, data))
                else:
                    plan.new_conflicts.append({
                        "table_name": name, "record_uuid": uuid_, "unit_key": opened.unit_key, "status": "open",
                        "local_origin": ex[3], "local_revision": ex[2], "local_data": _stored_data(spec, ex),
                        "incoming_origin": origin, "incoming_revision": revision, "incoming_data": data,
                        "package_uuid": opened.package_uuid, "detected_at": batch.now})
        if name == "indicator_values":
            _validate_figures(plan, spec, applied, existing, level)
        elif spec.validate is not None:
            for r in applied:
                if not r[7]:
                    plan.errors.extend(prepared.problems.get(r[0], ()))
        if aside:
            _check_aside(plan, spec, aside, prepared)
    return plan


def _check_aside(plan: _Plan, spec: TableSpec, aside: list[tuple], prepared: _Prepared) -> None:
    """Rows not applied - kept as a conflict (which someone may later choose) or skipped as older -
    are still what the sender signed: the rules of the record alone (its text, the centre log's
    rules) refuse the package for them too, so nothing invalid waits in a conflict."""
    if spec.name == "indicator_values":
        col = {c: i for i, c in enumerate(spec.columns)}
        texts = [(f, col[f], f == "comment") for f in ("comment", "decision_no", "decision_body") if f in col]
        for r in aside:
            if r[7]:
                continue
            for f, i, multiline in texts:
                problem = control_problem_vi(r[i], multiline=multiline) if isinstance(r[i], str) else None
                if problem:
                    plan.errors.append(f"Kỳ {r[col['period']]}: chỉ tiêu {r[col['indicator']]}, {f}: {problem}")
    elif spec.validate is not None:
        for r in aside:
            if not r[7]:
                plan.errors.extend(prepared.problems.get(r[0], ()))


def _seen_revision(conflicts, origin: str) -> int:
    """The highest revision of `origin`'s version of a record weighed in its conflicts (0 if none)."""
    seen = 0
    for c in conflicts:
        if c["local_origin"] == origin:
            seen = max(seen, c["local_revision"])
        if c["incoming_origin"] == origin:
            seen = max(seen, c["incoming_revision"])
    return seen


def _classify(row: tuple, ex: tuple | None, conflicts) -> str:
    """new | updated | meta (same content, newer revision) | unchanged | older | conflict."""
    if ex is None:
        return "new"
    revision, origin = row[2], row[6]
    same_content = row[7:] == ex[4:]
    if origin == ex[3]:
        if revision > ex[2]:
            return "updated" if not same_content else "meta"
        if revision == ex[2]:
            return "unchanged" if same_content else "conflict"  # one installation copied to two machines
        return "older"
    # Another installation's version: has this one (or a newer one of it) been weighed already?
    seen = 0
    for c in conflicts:
        if c["local_origin"] == origin:
            seen = max(seen, c["local_revision"])
        if c["incoming_origin"] == origin:
            seen = max(seen, c["incoming_revision"])
    if seen and revision <= seen:
        return "older"
    if same_content:
        return "unchanged"
    return "conflict"


def _validate_figures(plan: _Plan, spec: TableSpec, applied: list[tuple], existing: dict[str, tuple],
                      level: str) -> None:
    """The core rules (validate_entries) on each period as it will stand after the merge, and the
    rule that a unit sends only what its level enters."""
    if not applied:
        return
    col = {c: i for i, c in enumerate(spec.columns)}
    pi, ii, bi = col["period"], col["indicator"], col["breakdown"]
    by_period: dict[str, dict[tuple, Entry]] = {}
    touched: dict[str, set[str]] = {}
    for row in applied:
        ind = catalogue_for(row[pi]).by_code.get(row[ii])  # the catalogue of the period's programme
        if ind is None:
            plan.errors.append(f"Kỳ {row[pi]}: mã chỉ tiêu «{row[ii]}» không có trong danh mục.")
            continue
        if level not in ind.levels and not row[col["deleted"]]:
            plan.errors.append(f"Kỳ {row[pi]}: chỉ tiêu {ind.code} không do {LEVEL_LABELS_VI[level]} nhập.")
            continue
        touched.setdefault(row[pi], set()).add(row[ii])
    if not touched:
        return
    # What is stored for those periods, then overlaid with what the package brings.
    ef = {f: 5 + spec.fields.index(f) for f in spec.fields}
    for ex in existing.values():
        if ex[4] or ex[5 + spec.fields.index("period")] not in touched:
            continue
        e = Entry(ex[ef["indicator"]], ex[ef["breakdown"]] or None, ex[ef["numerator"]], ex[ef["denominator"]],
                  ex[ef["value"]], ex[ef["comment"]] or "", ex[ef["decision_no"]] or "", ex[ef["decision_date"]],
                  ex[ef["decision_body"]] or "")
        by_period.setdefault(ex[ef["period"]], {})[e.key] = e
    for row in applied:
        entries = by_period.setdefault(row[pi], {})
        key = (row[ii], row[bi] or None)
        if row[col["deleted"]]:
            entries.pop(key, None)
        else:
            entries[key] = Entry(row[ii], row[bi] or None, row[col["numerator"]], row[col["denominator"]],
                                 row[col["value"]], row[col["comment"]] or "", row[col["decision_no"]] or "",
                                 row[col["decision_date"]], row[col["decision_body"]] or "")
    for period, entries in by_period.items():
        if period not in touched:
            continue
        for issue in validate_entries(list(entries.values()), catalogue=period):
            if issue.indicator not in touched[period]:
                continue
            text = f"Kỳ {period}: {issue.message}"
            (plan.errors if issue.severity == "error" else plan.warnings).append(text)


def _write(batch: _Batch, opened: OpenedPackage, plan: _Plan, group: _Group | None) -> None:
    """Records and history now, or with the group's sorted write; conflicts now."""
    db = batch.db
    if group is not None:
        group.defer(plan)
    else:
        for name, rows in plan.writes.items():
            repo.upsert_rows(db, batch.specs[name], rows)
        repo.insert_history(db, plan.history)
    for record in plan.new_conflicts:
        repo.insert_conflict(db, record)
        batch.conflicts_possible = True
    for conflict_id, origin, revision, data in plan.updated_conflicts:
        repo.update_conflict_incoming(db, conflict_id, origin, revision, data, opened.package_uuid)


# ---- sequence gaps ------------------------------------------------------------------------------
# Computed from the numbers received (a sort), never by walking the range between them: a package
# can claim any number up to MAX_SEQUENCE_JUMP above the last, and older databases may hold larger.

def missing_ranges(received: dict[int, tuple[str, bool]]) -> list[tuple[int, int]]:
    """(first, last) runs of sequence numbers never received, below the highest; a full package
    covers all before it."""
    if not received:
        return []
    last_full = max((s for s, (_u, full) in received.items() if full), default=0)
    out: list[tuple[int, int]] = []
    previous = last_full
    for seq in sorted(s for s in received if s > last_full):
        if seq > previous + 1:
            out.append((previous + 1, seq - 1))
        previous = seq
    return out


def missing_count(received: dict[int, tuple[str, bool]]) -> int:
    return sum(b - a + 1 for a, b in missing_ranges(received))


def missing_sequences(received: dict[int, tuple[str, bool]], limit: int = MAX_MISSING_LISTED) -> list[int]:
    """The first `limit` sequence numbers never received, below the highest (see missing_ranges)."""
    return _first_numbers(missing_ranges(received), limit)


def _first_numbers(ranges: list[tuple[int, int]], limit: int) -> list[int]:
    out: list[int] = []
    for a, b in ranges:
        out.extend(range(a, min(b + 1, a + limit - len(out))))
        if len(out) >= limit:
            break
    return out


def ranges_vi(ranges: list[tuple[int, int]], shown: int = 20) -> str:
    """"2, 5–9, 12" (at most `shown` runs), with the total when it is not plain from the list."""
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges[:shown]]
    text = ", ".join(parts) + (" …" if len(ranges) > shown else "")
    total = sum(b - a + 1 for a, b in ranges)
    if total > len(parts):
        text += f" (tổng cộng {format_int(total)} gói)"
    return text


def _gap_messages(db: sqlite_utils.Database, touched: list[tuple[str, str]]) -> list[str]:
    out = []
    for fingerprint, unit_key in touched:
        ranges = missing_ranges(repo.received_sequences(db, fingerprint, unit_key))
        if ranges:
            unit = repo.unit_row(db, unit_key)
            name = unit[3] if unit else unit_key
            out.append(f"Thiếu gói số {ranges_vi(ranges)} của {name} (máy {fingerprint}).")
    return out


# ---- installations ------------------------------------------------------------------------------
# Trust is per (key, unit) pair: a key is confirmed for one unit at a time, never implicitly for
# another unit it also signs for; a revoked key is refused for every unit.

def list_installations(db: sqlite_utils.Database) -> list[dict]:
    """Sending (key, unit) pairs with unit, status, packages held and imported, missing sequences
    (`missing`: the first MAX_MISSING_LISTED, `missing_ranges`, `missing_count`) and `units_claimed`:
    how many units the key signs for (more than one is flagged wherever pairs are shown)."""
    out = []
    for inst in repo.list_installations(db):
        ranges = missing_ranges(repo.received_sequences(db, inst["fingerprint"], inst["unit_key"]))
        inst["missing_ranges"] = ranges
        inst["missing_count"] = sum(b - a + 1 for a, b in ranges)
        inst["missing"] = _first_numbers(ranges, MAX_MISSING_LISTED)
        out.append(inst)
    return out


def units_claimed_vi(n: int) -> str:
    """The flag shown beside a key that signs for more than one unit."""
    return f"máy này đang gửi số liệu cho {n} đơn vị"


def _pairs_of(db: sqlite_utils.Database, fingerprint: str) -> list[dict]:
    fp = keys.normalise_fingerprint(fingerprint)
    pairs = repo.key_pairs(db, fp)
    if not pairs:
        raise keys.KeyProblem(f"Không có máy gửi nào mang mã {fp}.")
    return pairs


def _unit_matches(pair: dict, spec: str) -> bool:
    """Whether a pair's unit is `spec`: its key ("CODE@YYYY-MM-DD" as stored), "CODE" or "CODE@DATE"
    (the unit holding CODE that day)."""
    if spec == pair["unit_key"]:
        return True
    code, _sep, day = spec.partition("@")
    if code.strip() != (pair["unit_code"] or pair["unit_key"].split("@")[0]):
        return False
    if not day:
        return True
    return (pair["valid_from"] or "") <= day.strip() and (not pair["valid_to"] or day.strip() <= pair["valid_to"])


def _unit_label(pair: dict) -> str:
    return f"{pair['unit_name'] or pair['unit_key']} ({pair['unit_code'] or ''})"


def resolve_pairs(db: sqlite_utils.Database, items: Iterable[str | tuple[str, str]]) -> list[tuple[str, str]]:
    """(fingerprint, unit key) pairs to confirm. An item is a (fingerprint, unit) pair - the unit as
    its key, "CODE" or "CODE@DATE", among the units the key signed for - or a bare fingerprint: then
    the unit it was first seen for, only. Raises KeyProblem (Vietnamese) for an unknown key or unit,
    a revoked key, or a bare fingerprint first seen for several units at once."""
    out: list[tuple[str, str]] = []
    for item in items:
        fingerprint, spec = (item, None) if isinstance(item, str) else item
        pairs = _pairs_of(db, fingerprint)
        fp = pairs[0]["fingerprint"]
        if any(p["status"] == "revoked" for p in pairs):
            raise keys.KeyProblem(f"Máy gửi {fp} đã bị thu hồi: không xác nhận lại được cho đơn vị nào. Nếu đó là "
                                  "máy thật, đề nghị đơn vị cài lại để có khóa mới, rồi xác nhận khóa mới.")
        if spec is None:
            # Seen in the same merge, the order of the files decides which came first: not the sender's
            # word to take. Once the first is confirmed, a bare fingerprint only ever means that one.
            first = [p for p in pairs if p["first_seen"] == pairs[0]["first_seen"] and p["status"] == "pending"]
            if pairs[0]["status"] == "pending" and len(first) > 1:
                raise keys.KeyProblem(
                    f"Máy {fp} lần đầu gửi số liệu cho {len(first)} đơn vị cùng lúc "
                    f"({', '.join(p['unit_code'] or p['unit_key'] for p in first)}): {units_claimed_vi(len(pairs))}. "
                    "Chỉ rõ đơn vị cần xác nhận bằng --unit MÃ.")
            chosen = pairs[0]
        else:
            matches = [p for p in pairs if _unit_matches(p, spec.strip())]
            if not matches:
                raise keys.KeyProblem(
                    f"Máy {fp} không gửi số liệu cho đơn vị «{spec}»; máy này chỉ gửi cho "
                    f"{', '.join(_unit_label(p) for p in pairs)}.")
            if len(matches) > 1:
                raise keys.KeyProblem(f"Mã «{spec}» ứng với {len(matches)} đơn vị máy {fp} đã gửi; ghi thêm ngày: "
                                      f"{spec}@NĂM-THÁNG-NGÀY.")
            chosen = matches[0]
        pair = (fp, chosen["unit_key"])
        if pair not in out:
            out.append(pair)
    return out


def confirm_installations(db: sqlite_utils.Database, items: Iterable[str | tuple[str, str]], *,
                          actor: str | None = None, progress: Progress | None = None,
                          should_cancel: Callable[[], bool] | None = None) -> MergeReport:
    """Confirm (key, unit) pairs (read back by phone) and apply the packages held for those pairs
    only. A bare fingerprint confirms the unit it was first seen for (see resolve_pairs)."""
    pairs = resolve_pairs(db, items)
    inst = get_installation(db)
    who = actor or (inst.actor if inst else "")
    with db.atomic():
        for fp, unit_key in pairs:
            repo.set_installation_status(db, fp, "confirmed", now_iso(), who, unit_key=unit_key)
    held = [h for fp, unit_key in pairs for h in repo.held_packages(db, fp, unit_key)]
    return merge_items(db, ((h["file_name"] or f"gói số {h['sequence']}", h["data"]) for h in held),
                       total=len(held), progress=progress, should_cancel=should_cancel, actor=actor, held=True)


def revoke_installation(db: sqlite_utils.Database, fingerprint: str, *, actor: str | None = None) -> int:
    """Refuse every later package signed with this key, for every unit (those it never claimed
    included). What it sent before stays; it cannot be confirmed again. Returns rows changed."""
    fp = _pairs_of(db, fingerprint)[0]["fingerprint"]
    inst = get_installation(db)
    with db.atomic():
        return repo.set_installation_status(db, fp, "revoked", now_iso(), actor or (inst.actor if inst else ""))


# ---- conflicts ----------------------------------------------------------------------------------

def list_conflicts(db: sqlite_utils.Database, status: str | None = "open") -> list[dict]:
    """Conflicts with the stored version as it is now (`current`) beside the incoming one."""
    specs = table_specs(db)
    out = []
    for c in repo.list_conflicts(db, status):
        spec = specs.get(c["table_name"])
        cur = repo.current_record(db, spec, c["record_uuid"]) if spec else None
        c["current_data"] = _stored_data(spec, cur) if cur else None
        out.append(c)
    return out


def resolve_conflict(db: sqlite_utils.Database, conflict_id: int, choice: str, *, actor: str | None = None) -> None:
    """Keep the stored version ("local") or take the other installation's ("incoming").

    The choice is written to history (field `conflict`, old = the version set aside, new = the one
    kept), with the figures' own changes when the incoming version is taken.
    """
    if choice not in ("local", "incoming"):
        raise ValueError("choice must be 'local' or 'incoming'")
    c = repo.get_conflict(db, conflict_id)
    if c is None or c["status"] != "open":
        raise MergeError(f"Không có xung đột số {conflict_id} đang chờ xử lý.")
    spec = table_specs(db)[c["table_name"]]
    inst = get_installation(db)
    who = actor or (inst.actor if inst else "")
    stamp = now_iso()
    source = f"conflict:{conflict_id}"
    with db.atomic():
        cur = repo.current_record(db, spec, c["record_uuid"])
        current = _stored_data(spec, cur) if cur else {}
        incoming = c["incoming_data"]
        history: list[tuple] = []
        if choice == "incoming":
            unit_id = cur[1] if cur else repo.unit_row(db, c["unit_key"])[0]
            row = (c["record_uuid"], unit_id, *(incoming[f] for f in spec.fields), incoming["revision"],
                   incoming["base_revision"], incoming["updated_at"], incoming["updated_by"], incoming["origin"],
                   incoming["deleted"])
            repo.upsert_rows(db, spec, [row])
            for f in (*spec.history_fields, "deleted"):
                if current.get(f) != incoming.get(f):
                    history.append((spec.name, c["record_uuid"], f, _text(current.get(f)), _text(incoming.get(f)),
                                    incoming["revision"], stamp, who, inst.installation_id if inst else "", source))
            kept, aside = incoming, current
        else:
            kept, aside = current, incoming
        history.append((spec.name, c["record_uuid"], "conflict", json.dumps(_summary(aside), ensure_ascii=False),
                        json.dumps(_summary(kept), ensure_ascii=False), kept.get("revision", 0), stamp, who,
                        inst.installation_id if inst else "", source))
        repo.insert_history(db, history)
        repo.mark_conflict_resolved(db, conflict_id, choice, stamp, who)


def _summary(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("base_revision",)}


def department_email(db: sqlite_utils.Database) -> str:
    return meta.get(db, keys.META_DEPARTMENT_EMAIL) or ""
