"""Open the user's database in one place: WAL, foreign keys, synchronous=FULL, migrations.

A database written by a newer version of the app is refused before anything is written to it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import migrations


class DatabaseError(Exception):
    """A database that cannot be opened; the message is for the user, in Vietnamese."""


class NewerDatabaseError(DatabaseError):
    pass


def _connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30.0, check_same_thread=False)
    return conn


def _wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    # No sqlite-utils plugins: the app uses none, and looking for them scans the entry points of
    # every installed package (~15 ms at each start) and would run whatever code it found there.
    return sqlite_utils.Database(conn, execute_plugins=False)


def apply_pragmas(db: sqlite_utils.Database) -> None:
    conn = db.conn
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")


def check_not_newer(db: sqlite_utils.Database) -> None:
    """Refuse a database whose schema this version of the app does not know."""
    user_version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    unknown = migrations.unknown_applied(db)
    if user_version > migrations.schema_version() or unknown:
        raise NewerDatabaseError(
            "Cơ sở dữ liệu này được tạo bởi phiên bản XHHT Desktop mới hơn "
            f"(lược đồ {max(user_version, migrations.schema_version() + 1)}, phiên bản này chỉ hiểu đến "
            f"{migrations.schema_version()}). Hãy cài phiên bản mới hơn; dữ liệu không bị thay đổi."
        )


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
                raise DatabaseError(f"Tệp «{path}» không phải là cơ sở dữ liệu XHHT (SQLite).")
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
        from xhht_desktop.storage import explain_storage_error
        reason = explain_storage_error(exc, path) or str(exc)
        raise DatabaseError(f"Không mở được cơ sở dữ liệu «{path}»: {reason}") from exc
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
    db = _wrap(_connect(path))
    check_not_newer(db)
    apply_pragmas(db)
    return db
