"""Backups and restore of the user's database.

Every copy is taken with SQLite's online backup API, so it is consistent even while the app has the
database open (WAL mode: committed data still in the -wal file is included). Copies are written to a
temporary file and moved into place, and they are self-contained single files (journal mode DELETE),
so a copy on a USB stick is one file.

Kinds of copies, all in the `backups` folder beside the database (the same folder the pre-migration
copy of `xhht_desktop.db.connection` uses):

- ``<stem>_hang-ngay_YYYY-MM-DD.sqlite3``   rolling daily copy taken at start-up, the newest N kept;
- ``<stem>_truoc-nang-cap-vN_<stamp>.sqlite3`` before migrations (made by db.connection);
- ``<stem>_truoc-khoi-phuc_<stamp>.sqlite3``  the database as it was before a restore replaced it.

Only daily copies are pruned: the others are rare and each one is the way back from one event.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from xhht_desktop.messages import Text
from xhht_desktop.db import meta, migrations
from xhht_desktop.maintenance.check import schema_differences
from xhht_desktop.storage import explain_storage_error, fsync_directory, replace_file

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_DIR_NAME = "backups"
KEEP_META_KEY = "backup_keep"
DEFAULT_KEEP = 14
MIN_KEEP, MAX_KEEP = 1, 365
DAILY_TAG = "hang-ngay"
RESTORE_TAG = "truoc-khoi-phuc"
MIGRATION_TAG = "truoc-nang-cap"
# Side files SQLite may keep beside a database; a stale one next to a replaced file would be read
# as if it belonged to it (a WAL is validated against its own header, not against the database).
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

log = logging.getLogger(__name__)
_DAILY_RE = re.compile(rf"_{DAILY_TAG}_(\d{{4}}-\d{{2}}-\d{{2}})\.sqlite3$")


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the user, in Vietnamese."""


class RestoreRefused(BackupError):
    """The chosen file must not replace the database (damaged, newer, not an XHHT database…)."""


class OtherUnitError(RestoreRefused):
    """The copy belongs to another unit; restoring it needs an explicit confirmation (force)."""

    def __init__(self, message: str, current_unit: str, backup_unit: str):
        super().__init__(message)
        self.current_unit = current_unit
        self.backup_unit = backup_unit


class DatabaseInUse(BackupError):
    """Another window or command still has the database open."""


class BackupTargetRefused(BackupError):
    """`backup --out` pointed somewhere a copy must not be written.

    `code`: "database_itself" (the database or one of its -wal/-shm/-journal files, in any spelling),
    "is_directory", "not_a_backup" (an existing file that is not an XHHT backup: needs `force`),
    "live_database" (an existing file with -wal/-shm/-journal beside it: open, or left by a crash).
    `params`: {"path": ...}.
    """

    def __init__(self, code: str, path: Path, message: str):
        super().__init__(message)
        self.code = code
        self.params = {"path": str(path)}


@dataclass(frozen=True)
class BackupFile:
    """One copy in the backups folder."""

    path: Path
    kind: str  # "daily", "migration", "restore" or "other"
    modified: dt.datetime
    size: int

    @property
    def kind_vi(self) -> str:
        return {"daily": "Hằng ngày", "migration": "Trước nâng cấp", "restore": "Trước khôi phục"}.get(
            self.kind, "Khác")


@dataclass(frozen=True)
class DatabaseInfo:
    """What a database file holds, read from a private copy (the file itself is never opened)."""

    path: Path
    schema_version: int
    known_version: int
    unknown_migrations: tuple[str, ...]
    integrity_problems: tuple[str, ...]
    installation_id: str | None
    role: str | None
    unit_key: str | None
    unit_code: str | None
    unit_name: str | None
    official_name: str | None
    values_count: int
    last_change: str | None
    # What the schema has that the migrations do not create (or lacks, or altered): Vietnamese texts.
    schema_problems: tuple[str, ...] = ()

    @property
    def newer(self) -> bool:
        return self.schema_version > self.known_version or bool(self.unknown_migrations)

    @property
    def ok(self) -> bool:
        return not self.integrity_problems and not self.newer and not self.schema_problems

    def describe_vi(self) -> str:
        """A short Vietnamese summary for confirmation dialogs and the CLI."""
        unit = f"{self.unit_name} ({self.unit_code})" if self.unit_name else "chưa khởi tạo đơn vị"
        last = _date_vi(self.last_change) if self.last_change else "chưa có"
        return (f"Đơn vị: {unit}\nSố liệu đã lưu: {self.values_count}\nThay đổi gần nhất: {last}\n"
                f"Phiên bản lược đồ: {self.schema_version}")


@dataclass(frozen=True)
class RestoreResult:
    restored: DatabaseInfo
    safety_copy: Path | None  # the database as it was before, None if there was none


# ---- paths and settings ---------------------------------------------------------------------------

def backup_dir(db_path: str | Path) -> Path:
    """The folder that holds the copies of the database at `db_path`."""
    return Path(db_path).parent / BACKUP_DIR_NAME


def get_keep(db: sqlite_utils.Database) -> int:
    """How many daily copies to keep (meta key `backup_keep`, default 14)."""
    raw = meta.get(db, KEEP_META_KEY)
    try:
        n = int(raw) if raw is not None else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP
    return min(MAX_KEEP, max(MIN_KEEP, n))


def set_keep(db: sqlite_utils.Database, keep: int) -> None:
    if not MIN_KEEP <= int(keep) <= MAX_KEEP:
        raise ValueError(f"Số bản sao lưu giữ lại phải từ {MIN_KEEP} đến {MAX_KEEP}.")
    meta.put(db, KEEP_META_KEY, str(int(keep)))


# ---- taking copies --------------------------------------------------------------------------------

def _check_sqlite_file(path: Path) -> None:
    if not path.is_file():
        raise BackupError(Text("backup.not_found", path=str(path)))
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise RestoreRefused(Text("backup.not_sqlite", name=path.name))


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _storage_message(exc: BaseException, path: Path, fallback: str, **params) -> Text:
    """Words for a full disk, a read-only folder or a database another process is writing; the
    code `fallback` (xhht_desktop/messages.py) with SQLite's or the OS's text otherwise."""
    from xhht_desktop.db.connection import DatabaseBusy, busy_cause
    if busy_cause(exc) is not None:
        busy = DatabaseBusy()
        return busy.args[0] if busy.args and isinstance(busy.args[0], Text) else Text(
            "backup.failed_plain", text=str(busy))
    explained = explain_storage_error(exc, path)
    if isinstance(explained, Text):
        return explained
    if explained:
        return Text("backup.failed_plain", text=str(explained))
    return Text(fallback, error=str(getattr(exc, "strerror", None) or exc), **params)


def _write_copy(source: sqlite3.Connection, target: Path) -> Path:
    """Copy `source` with the backup API into `target`, atomically and durably, as a single file.

    The copy is fsynced before it gets its name, so a power cut leaves the old file or the whole new
    one, never a truncated copy under the final name.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(tmp))
        try:
            source.backup(dest)
            # The copy inherits WAL mode from the source; a backup must be one self-contained file.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        _fsync_file(tmp)
        replace_file(tmp, target)  # retried briefly if the old copy is held open (Windows)
        fsync_directory(target.parent)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(_storage_message(exc, target, "backup.cannot_write", target=str(target))) from exc
    finally:
        with suppress(OSError):
            tmp.unlink()
    return target


def _same_file(a: Path, b: Path) -> bool:
    """Whether two spellings name the same file: symlinks, `..`, hard links, letter case on Windows."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _main_file(conn: sqlite3.Connection) -> Path | None:
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def is_xhht_backup(path: str | Path) -> bool:
    """Whether `path` is a copy `backup` wrote: an XHHT database in one file (rollback journal, not
    WAL), with no -wal/-shm/-journal beside it. Read without locking or creating any file."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    if len(header) < 100 or header[:16] != SQLITE_HEADER or header[18:20] != b"\x01\x01":
        return False
    if any(path.with_name(path.name + s).exists() for s in SIDE_SUFFIXES):
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {"meta", "_sqlite_migrations"} <= tables
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def check_backup_target(db_path: Path | None, out: str | Path, *, force: bool = False) -> bool:
    """Refuse (BackupTargetRefused) a place a copy of `db_path` must not be written to.

    Never the database itself or its own -wal/-shm/-journal (whatever the spelling: symlinks, `..`,
    another case on Windows), never a folder, never a file with side files beside it (an open
    database: replacing it would pair our copy with its stale -wal); an existing file that is not
    an XHHT backup only with `force`. Returns True when an older XHHT backup (or, forced, another
    file) will be replaced, False for a new file.
    """
    out = Path(out)
    if db_path is not None:
        for candidate in (db_path, *(db_path.with_name(db_path.name + s) for s in SIDE_SUFFIXES)):
            if _same_file(out, candidate):
                raise BackupTargetRefused("database_itself", out,
                                          Text("backup.target_database_itself", out=str(out), name=candidate.name))
    if out.is_dir():
        raise BackupTargetRefused("is_directory", out, Text("backup.target_is_directory", out=str(out)))
    if not out.exists() and not out.is_symlink():
        return False
    side = [out.name + s for s in SIDE_SUFFIXES if out.with_name(out.name + s).exists()]
    if side:
        raise BackupTargetRefused("live_database", out,
                                  Text("backup.target_live_database", out=str(out), side=", ".join(side)))
    if not is_xhht_backup(out) and not force:
        raise BackupTargetRefused("not_a_backup", out, Text("backup.target_not_a_backup", out=str(out)))
    return True


def backup_database(source: sqlite_utils.Database | sqlite3.Connection | str | Path, out: str | Path, *,
                    force: bool = False) -> Path:
    """Write a consistent copy of the database to `out` (an open database or a file path).

    `out` is checked first (`check_backup_target`): an older XHHT backup is replaced, any other
    existing file only with `force`, the database's own files never. A path is opened read-only in
    spirit: no pragma is changed and nothing is migrated.
    """
    out = Path(out)
    if isinstance(source, sqlite3.Connection) or isinstance(getattr(source, "conn", None), sqlite3.Connection):
        # A connection, or a database object holding one (xhht_desktop.db.database.Database, or
        # sqlite-utils' own).
        conn = source if isinstance(source, sqlite3.Connection) else source.conn
        check_backup_target(_main_file(conn), out, force=force)
        return _write_copy(conn, out)
    path = Path(source)
    _check_sqlite_file(path)
    check_backup_target(path, out, force=force)
    from xhht_desktop.db.connection import busy_timeout_seconds
    conn = sqlite3.connect(str(path), timeout=busy_timeout_seconds())
    try:
        return _write_copy(conn, out)
    finally:
        conn.close()


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def suggested_backup_name(db_path: str | Path, now: dt.datetime | None = None) -> str:
    """A file name for "Sao lưu" that sorts by date: xhht_sao-luu_20140705-101500.sqlite3."""
    return f"{Path(db_path).stem}_sao-luu_{_stamp(now)}.sqlite3"


def daily_backup(db: sqlite_utils.Database, db_path: str | Path, *, today: dt.date | None = None,
                 keep: int | None = None) -> Path | None:
    """Take today's copy if there is none yet, then keep only the newest `keep` daily copies.

    Called at start-up. Returns the new copy, or None when today's already exists or the database
    has not been set up yet (nothing worth keeping). `keep` defaults to the stored setting.
    """
    db_path = Path(db_path)
    if not meta.get(db, "installation_id"):
        return None
    today = today or dt.date.today()
    folder = backup_dir(db_path)
    target = folder / f"{db_path.stem}_{DAILY_TAG}_{today.isoformat()}.sqlite3"
    created = None
    if not target.exists():
        created = backup_database(db, target)
    prune_daily(db_path, keep if keep is not None else get_keep(db))
    return created


def remove_stale_temporaries(db_path: str | Path, *, older_than: dt.timedelta = dt.timedelta(hours=1),
                             now: dt.datetime | None = None) -> list[Path]:
    """Delete what a crash during a backup or restore left behind (each may be a full copy of the
    database): `.khoi-phuc-*.sqlite3` staging copies and `.*.tmp` files, in the data folder and its
    backups folder, once they are older than `older_than` (a running restore's file is younger)."""
    db_path = Path(db_path)
    limit = (now or dt.datetime.now()) - older_than
    removed = []
    for folder in (db_path.parent, backup_dir(db_path)):
        if not folder.is_dir():
            continue
        for p in [*folder.glob(".khoi-phuc-*.sqlite3*"), *folder.glob(".*.tmp")]:
            try:
                if dt.datetime.fromtimestamp(p.stat().st_mtime) < limit:
                    p.unlink()
                    removed.append(p)
            except OSError:
                continue
    return removed


def daily_backup_at_start(db: sqlite_utils.Database, db_path: str | Path) -> Path | None:
    """`daily_backup` for start-up, after clearing a crash's leftovers: a failure (full disk,
    read-only folder) is logged, never raised, so that it cannot keep the official from their data."""
    try:
        remove_stale_temporaries(db_path)
        return daily_backup(db, db_path)
    except (BackupError, OSError, sqlite3.Error) as exc:
        log.warning("daily backup failed: %s", exc)
        return None


def prune_daily(db_path: str | Path, keep: int) -> list[Path]:
    """Delete the oldest daily copies beyond `keep`; return what was deleted."""
    db_path = Path(db_path)
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    dailies = sorted(
        (m.group(1), p) for p in folder.glob(f"{db_path.stem}_{DAILY_TAG}_*.sqlite3")
        if (m := _DAILY_RE.search(p.name))
    )
    doomed = [p for _, p in dailies[:max(0, len(dailies) - max(1, keep))]]
    for p in doomed:
        with suppress(OSError):
            p.unlink()
    return doomed


def list_backups(db_path: str | Path) -> list[BackupFile]:
    """Copies in the backups folder, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob("*.sqlite3"):
        if p.name.startswith("."):
            continue
        kind = ("daily" if f"_{DAILY_TAG}_" in p.name else "migration" if f"_{MIGRATION_TAG}" in p.name
                else "restore" if f"_{RESTORE_TAG}_" in p.name else "other")
        st = p.stat()
        out.append(BackupFile(p, kind, dt.datetime.fromtimestamp(st.st_mtime), st.st_size))
    return sorted(out, key=lambda b: b.modified, reverse=True)


# ---- reading a copy -------------------------------------------------------------------------------

def _stage_copy(source: Path, folder: Path) -> Path:
    """Copy `source` (and its -wal, if any) into `folder` and fold the WAL in; return the copy.

    The chosen file is never opened by SQLite, so it stays byte-identical (opening even read-only
    may create -shm/-wal files beside it, on a USB stick for instance).
    """
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / f".khoi-phuc-{uuid.uuid4().hex[:12]}.sqlite3"
    try:
        shutil.copyfile(source, staged)
        wal = source.with_name(source.name + "-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))
        conn = sqlite3.connect(str(staged))
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # checkpoints the copied WAL, then drops it
        finally:
            conn.close()
    except BaseException:
        _discard_staged(staged)
        raise
    return staged


@contextmanager
def _private_copy(source: Path, folder: Path) -> Iterator[Path]:
    """A staged copy of `source` that is removed afterwards."""
    staged = _stage_copy(source, folder)
    try:
        yield staged
    finally:
        _discard_staged(staged)


def _read_info(path: Path, shown_as: Path) -> DatabaseInfo:
    conn = sqlite3.connect(str(path))
    try:
        try:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        problems = tuple(p for p in problems if p != "ok")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"meta", "_sqlite_migrations"} <= tables:
            raise RestoreRefused(Text("backup.not_xhht", name=shown_as.name))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        known = set(migrations._names())
        # Before any data is read: the schema must be what the migrations create (no trigger, view,
        # extra or altered table). A foreign schema is refused without reading what it holds.
        schema_problems = () if problems else tuple(d.text_vi() for d in schema_differences(conn))
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set=? ORDER BY rowid", (migrations.MIGRATIONS.name,))]
        if schema_problems:
            return DatabaseInfo(
                path=shown_as, schema_version=max(version, len(applied)), known_version=migrations.schema_version(),
                unknown_migrations=(), integrity_problems=problems, installation_id=None, role=None,
                unit_key=None, unit_code=None, unit_name=None, official_name=None, values_count=0,
                last_change=None, schema_problems=schema_problems)
        values = dict(conn.execute("SELECT key, value FROM meta"))
        unit = None
        if values.get("unit_key") and "units" in tables:
            unit = conn.execute("SELECT code, name FROM units WHERE key=?", (values["unit_key"],)).fetchone()
        count, last = 0, None
        if "indicator_values" in tables:
            count, last = conn.execute(
                "SELECT count(*), max(updated_at) FROM indicator_values WHERE deleted=0").fetchone()
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(Text("backup.damaged", name=shown_as.name, error=str(exc))) from exc
    finally:
        conn.close()
    return DatabaseInfo(
        path=shown_as, schema_version=max(version, len(applied)), known_version=migrations.schema_version(),
        unknown_migrations=tuple(n for n in applied if n not in known), integrity_problems=problems,
        installation_id=values.get("installation_id"), role=values.get("role"), unit_key=values.get("unit_key"),
        unit_code=unit[0] if unit else None, unit_name=unit[1] if unit else None,
        official_name=values.get("official_name"), values_count=count or 0, last_change=last,
    )


def inspect_database_file(path: str | Path, *, work_dir: str | Path | None = None) -> DatabaseInfo:
    """Check a database file (a backup, or one brought from another machine) without touching it."""
    path = Path(path)
    _check_sqlite_file(path)
    folder = Path(work_dir) if work_dir else backup_dir(path)
    try:
        with _private_copy(path, folder) as staged:
            return _read_info(staged, path)
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(Text("backup.damaged", name=path.name, error=str(exc))) from exc
    except OSError as exc:
        raise BackupError(Text("backup.unreadable", path=str(path), error=str(exc.strerror or exc))) from exc


def refusal_reason(info: DatabaseInfo) -> Text | None:
    """Why this copy must not be restored (a coded Text; str() is the Vietnamese sentence); None when
    it may be."""
    if info.integrity_problems:
        return Text("backup.integrity", name=info.path.name, shown="; ".join(info.integrity_problems[:3]))
    if info.newer:
        return Text("backup.newer", name=info.path.name, version=info.schema_version, known=info.known_version)
    if info.schema_problems:
        more = len(info.schema_problems) - 5
        return Text("backup.schema", name=info.path.name, shown="; ".join(info.schema_problems[:5]),
                    more_vi=f" (và {more} chỗ khác)" if more > 0 else "",
                    more_en=f" (and {more} more)" if more > 0 else "")
    return None


# ---- restore --------------------------------------------------------------------------------------

def _current_unit(db_path: Path) -> tuple[str | None, str | None]:
    """(unit_key, display name) of the database in place, read without changing it."""
    conn = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True, timeout=5.0)
    try:
        key = conn.execute("SELECT value FROM meta WHERE key='unit_key'").fetchone()
        key = key[0] if key else None
        name = None
        if key:
            row = conn.execute("SELECT name, code FROM units WHERE key=?", (key,)).fetchone()
            name = f"{row[0]} ({row[1]})" if row else key
        return key, name
    except sqlite3.DatabaseError:
        return None, None  # damaged or foreign: restoring over it is exactly what the user needs
    finally:
        conn.close()


def _take_exclusive(db_path: Path) -> None:
    """Make sure nobody else has the database open, and fold its WAL into the file.

    Leaving WAL mode is refused by SQLite while any other connection is open, which is the check we
    need; on success SQLite has checkpointed and deleted the -wal and -shm files.
    """
    try:
        conn = sqlite3.connect(str(db_path), timeout=2.0)
    except sqlite3.Error as exc:
        raise DatabaseInUse(Text("backup.cannot_open_current", error=str(exc))) from exc
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise DatabaseInUse("")
        conn.execute("BEGIN EXCLUSIVE")
        conn.rollback()
    except (sqlite3.OperationalError, DatabaseInUse) as exc:
        raise DatabaseInUse(Text("backup.in_use")) from exc
    except sqlite3.DatabaseError:
        pass  # a damaged database in place: it is about to be replaced, and a copy was kept if possible
    finally:
        conn.close()


def _remove_side_files(db_path: Path) -> None:
    for suffix in SIDE_SUFFIXES:
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.unlink()


@dataclass
class PreparedRestore:
    """A checked copy staged beside the database, and the safety copy of the database in place.

    Made by `prepare_restore` (slow: copies and integrity check; the database may still be open),
    then put in place by `commit` (fast; every connection to the database must be closed first)
    or dropped by `discard`.
    """

    db_path: Path
    source: Path
    staged: Path
    info: DatabaseInfo
    safety_copy: Path | None

    def commit(self) -> RestoreResult:
        """Replace the database by the staged copy. Raises DatabaseInUse while it is open elsewhere."""
        db_path = self.db_path
        try:
            if db_path.exists():
                _take_exclusive(db_path)
            # Stale side files of the old database must not be applied to the restored one.
            _remove_side_files(db_path)
            _fsync_file(self.staged)
            os.replace(self.staged, db_path)
            _remove_side_files(db_path)
            fsync_directory(db_path.parent)
        except PermissionError as exc:
            if os.name != "nt":
                raise BackupError(_storage_message(exc, db_path, "backup.cannot_restore")) from exc
            # Windows refuses to replace a file another process holds open (SQLite does not share delete).
            raise DatabaseInUse(Text("backup.cannot_replace", error=str(exc.strerror or exc))) from exc
        except OSError as exc:
            raise BackupError(_storage_message(exc, db_path, "backup.cannot_restore")) from exc
        return RestoreResult(restored=self.info, safety_copy=self.safety_copy)

    def discard(self) -> None:
        _discard_staged(self.staged)


def _discard_staged(staged: Path) -> None:
    for p in (staged, *(staged.with_name(staged.name + s) for s in SIDE_SUFFIXES)):
        with suppress(OSError):
            p.unlink()


def prepare_restore(db_path: str | Path, source: str | Path, *, allow_other_unit: bool = False,
                    now: dt.datetime | None = None) -> PreparedRestore:
    """Check the copy `source` and stage it beside the database; keep the database in place as a copy.

    Refuses (RestoreRefused) a damaged file, one from a newer version, or one that is not an XHHT
    database; refuses another unit's copy (OtherUnitError) unless `allow_other_unit`. The source
    file is never modified. Safe while the database is open (the safety copy uses the backup API).
    """
    db_path, source = Path(db_path), Path(source)
    _check_sqlite_file(source)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise RestoreRefused(Text("backup.same_file"))
    staged = None
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        staged = _stage_copy(source, db_path.parent)
        info = _read_info(staged, source)
        reason = refusal_reason(info)
        if reason:
            raise RestoreRefused(reason)
        safety = None
        if db_path.exists():
            current_key, current_name = _current_unit(db_path)
            if current_key and current_key != info.unit_key and not allow_other_unit:
                backup_name = f"{info.unit_name} ({info.unit_code})" if info.unit_name else "chưa khởi tạo"
                raise OtherUnitError(
                    Text("backup.other_unit", backup=backup_name, current=current_name,
                         backup_en=backup_name if info.unit_name else "not set up"),
                    current_name or "", backup_name)
            safety = backup_database(
                db_path, backup_dir(db_path) / f"{db_path.stem}_{RESTORE_TAG}_{_stamp(now)}.sqlite3")
    except BaseException as exc:
        if staged is not None:
            _discard_staged(staged)
        if isinstance(exc, sqlite3.DatabaseError):
            raise RestoreRefused(Text("backup.damaged", name=source.name, error=str(exc))) from exc
        if isinstance(exc, OSError) and not isinstance(exc, BackupError):
            raise BackupError(_storage_message(exc, db_path, "backup.cannot_restore")) from exc
        raise
    return PreparedRestore(db_path, source, staged, info, safety)


def restore_database(db_path: str | Path, source: str | Path, *, allow_other_unit: bool = False,
                     now: dt.datetime | None = None) -> RestoreResult:
    """Replace the database at `db_path` with the copy `source`, after checking the copy.

    `prepare_restore` then `commit`: all connections to `db_path` must be closed (DatabaseInUse
    otherwise). An older copy is migrated the next time it is opened, after its own pre-migration
    copy. Nothing changes when the copy is refused.
    """
    prepared = prepare_restore(db_path, source, allow_other_unit=allow_other_unit, now=now)
    try:
        return prepared.commit()
    finally:
        prepared.discard()  # a no-op after a successful commit (the staged file became the database)


def _date_vi(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso
