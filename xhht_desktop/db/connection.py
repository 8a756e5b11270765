"""Open the user's database in one place: WAL, foreign keys, synchronous=FULL, migrations.

A database written by a newer version of the app is refused before anything is written to it.

Another process holding the write lock (a second window, a command running beside the app) is
waited for at most `busy_timeout_seconds()` (30 s in the app, 10 s for a command, see xhht_desktop.cli;
env XHHT_BUSY_TIMEOUT in seconds overrides both, or `with busy_timeout(s):`), then reported as DatabaseBusy with a Vietnamese message, never a raw
"database is locked". Busy is recognised by SQLite's result code, not by the text.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import migrations
from xhht_desktop.db.database import Database
from xhht_desktop.messages import TEMPLATES, Text


class DatabaseError(Exception):
    """A database that cannot be opened; the message is for the user: a coded Text (xhht_desktop/messages.py),
    Vietnamese as a str."""


class NewerDatabaseError(DatabaseError):
    pass


BUSY_TIMEOUT_ENV = "XHHT_BUSY_TIMEOUT"
# Seconds. In the app a save may wait for the merge's group on another thread, so it waits long;
# a command run beside the app gives up sooner (CLI_BUSY_TIMEOUT) and says why.
DEFAULT_BUSY_TIMEOUT = 30.0
CLI_BUSY_TIMEOUT = 10.0
MAX_BUSY_TIMEOUT = 120.0
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
_override: list[float] = []

BUSY_MESSAGE = TEMPLATES["db.busy"]["vi"]


class DatabaseBusy(DatabaseError):
    """Another process held the write lock longer than the busy timeout."""

    def __init__(self, seconds: float | None = None):
        self.seconds = busy_timeout_seconds() if seconds is None else seconds
        super().__init__(Text("db.busy", seconds=round(self.seconds, 1)))


def busy_timeout_seconds() -> float:
    """How long a connection waits for another process's write lock: `busy_timeout(...)` if active,
    else env XHHT_BUSY_TIMEOUT (seconds, clamped to 0…120), else 30 s."""
    if _override:
        return _override[-1]
    raw = os.environ.get(BUSY_TIMEOUT_ENV)
    if raw:
        try:
            value = float(raw)
        except ValueError:
            return DEFAULT_BUSY_TIMEOUT
        if value == value:  # not NaN
            return min(MAX_BUSY_TIMEOUT, max(0.0, value))
    return DEFAULT_BUSY_TIMEOUT


@contextmanager
def busy_timeout(seconds: float) -> Iterator[None]:
    """Connections opened inside the block wait at most `seconds` for a lock."""
    _override.append(min(MAX_BUSY_TIMEOUT, max(0.0, float(seconds))))
    try:
        yield
    finally:
        _override.pop()


def is_busy_error(exc: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED (any extended code), by the error code SQLite gave."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.Error) and isinstance(code, int) and (code & 0xFF) in (SQLITE_BUSY, SQLITE_LOCKED)


def busy_cause(exc: BaseException | None) -> BaseException | None:
    """The busy SQLite error behind `exc` (itself, or along its __cause__/__context__ chain)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DatabaseBusy) or is_busy_error(exc):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=busy_timeout_seconds(), check_same_thread=False)
    return conn


def _wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    # The app's Database (xhht_desktop.db.database): the connection and sqlite-utils' atomic(),
    # without importing sqlite-utils at start-up; the rest of sqlite-utils' Database on demand
    # (with no sqlite-utils plugins: the app uses none, and looking for them scans the entry points
    # of every installed package, ~15 ms, and would run whatever code it found there).
    return Database(conn)


def apply_pragmas(db: sqlite_utils.Database) -> None:
    conn = db.conn
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_seconds() * 1000)}")


def check_not_newer(db: sqlite_utils.Database) -> None:
    """Refuse a database whose schema this version of the app does not know."""
    user_version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    unknown = migrations.unknown_applied(db)
    if user_version > migrations.schema_version() or unknown:
        raise NewerDatabaseError(Text("db.newer", schema=max(user_version, migrations.schema_version() + 1),
                                      known=migrations.schema_version()))


def open_database(
    path: str | Path,
    *,
    migrate: bool = True,
    backup_dir: str | Path | None = None,
) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at `path`.

    Before pending migrations are applied to a database that already holds data, a copy is made
    with SQLite's backup API into `backup_dir` (default: a `backups` folder beside the database).
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise DatabaseError(Text("db.not_sqlite", path=str(path)))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    db = _wrap(conn)
    try:
        check_not_newer(db)
        apply_pragmas(db)
        if migrate:
            pending = migrations.pending(db)
            if pending and migrations.applied_names(db):
                backup_before_migration(db, path, Path(backup_dir) if backup_dir else path.parent / "backups")
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_busy_error(exc):
            raise DatabaseBusy() from exc
        from xhht_desktop.storage import explain_storage_error
        reason = explain_storage_error(exc, path) or str(exc)
        raise DatabaseError(Text("db.cannot_open", path=str(path), reason=reason)) from exc
    except Exception:
        conn.close()
        raise
    return db


def backup_before_migration(db: sqlite_utils.Database, path: Path, backup_dir: Path) -> Path:
    import datetime as dt

    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{path.stem}_truoc-nang-cap-v{migrations.current_version(db)}_{stamp}.sqlite3"
    tmp = target.with_suffix(".tmp")
    dest = sqlite3.connect(str(tmp))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    shutil.move(str(tmp), str(target))
    return target


def open_reader(path: str | Path) -> sqlite_utils.Database:
    """A second connection (e.g. for a worker thread) on an already-migrated database."""
    conn = _connect(path)
    db = _wrap(conn)
    try:
        check_not_newer(db)
        apply_pragmas(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_busy_error(exc):
            raise DatabaseBusy() from exc
        raise
    return db
