"""The app's database handle (xhht_desktop.db.database.Database): sqlite-utils' transactions without
importing sqlite-utils at every start, and the rest of sqlite-utils' Database when asked for."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from xhht_desktop.db.connection import open_database, open_reader
from xhht_desktop.db.database import Database

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=str(ROOT), timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _count(db) -> int:
    return db.conn.execute("SELECT count(*) FROM meta WHERE key LIKE 't%'").fetchone()[0]


def test_atomic_commits_rolls_back_and_nests_like_sqlite_utils(tmp_path):
    db = open_database(tmp_path / "x.sqlite3")
    try:
        assert isinstance(db, Database)
        with db.atomic():
            db.conn.execute("INSERT INTO meta(key, value) VALUES ('t1', '1')")
        assert _count(db) == 1 and not db.conn.in_transaction
        with pytest.raises(RuntimeError):
            with db.atomic():
                db.conn.execute("INSERT INTO meta(key, value) VALUES ('t2', '2')")
                raise RuntimeError
        assert _count(db) == 1 and not db.conn.in_transaction
        with db.atomic():  # an inner block that fails undoes only itself
            db.conn.execute("INSERT INTO meta(key, value) VALUES ('t3', '3')")
            with pytest.raises(ValueError):
                with db.atomic():
                    db.conn.execute("INSERT INTO meta(key, value) VALUES ('t4', '4')")
                    raise ValueError
        assert _count(db) == 2
        assert db.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
    finally:
        db.conn.close()


def test_the_rest_of_sqlite_utils_is_there_when_asked_for(tmp_path):
    db = open_database(tmp_path / "x.sqlite3")
    try:
        assert "meta" in db.table_names()
        db.execute("INSERT INTO meta(key, value) VALUES ('t5', '5')")  # committed, as sqlite-utils does
        assert not db.conn.in_transaction
        assert db["meta"].get("t5")["value"] == "5"
        with db.atomic():
            db["meta"].insert({"key": "t6", "value": "6"})
        assert _count(db) == 2
    finally:
        db.conn.close()


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(tmp_path):
    """sqlite-utils (click, pluggy, its regular expressions: ~35 ms) is not imported by opening a
    database that needs no migration, nor by reading it on a worker's connection."""
    path = tmp_path / "x.sqlite3"
    from xhht_desktop.installation import open_app_database

    open_app_database(path).conn.close()  # created and migrated (that imports it: here, not below)
    out = _run(f"""
        import sys
        from xhht_desktop.installation import get_installation, open_app_database
        from xhht_desktop.db.connection import open_reader
        db = open_app_database({str(path)!r})
        get_installation(db)
        reader = open_reader({str(path)!r})
        reader.conn.execute("SELECT count(*) FROM indicator_values").fetchone()
        print("sqlite_utils.db" in sys.modules, type(sys.modules["sqlite_utils"]).__name__)
        import sqlite_utils
        print(isinstance(sqlite_utils.Database(memory=True), sqlite_utils.Database), "sqlite_utils.db" in sys.modules)
    """)
    assert out.split() == ["False", "LazyPackage", "True", "True"]


def test_the_first_use_from_many_threads_imports_sqlite_utils_once():
    out = _run("""
        import sys, threading
        import xhht_desktop, sqlite_utils
        assert type(sys.modules["sqlite_utils"]).__name__ == "LazyPackage"
        start = threading.Barrier(8)
        seen, errors = [], []
        def use():
            start.wait()
            try:
                seen.append(sqlite_utils.Database)
            except BaseException as exc:
                errors.append(repr(exc))
        threads = [threading.Thread(target=use) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        import sqlite_utils as again
        print(len(seen), len(set(map(id, seen))), errors, again.Database is seen[0],
              again.migrations.Migrations is sys.modules["sqlite_utils.migrations"].Migrations)
    """)
    assert out.split() == ["8", "1", "[]", "True", "True"]


def test_a_submodule_imported_before_the_package_is_the_packages_own():
    out = _run("""
        import sys
        import xhht_desktop
        from sqlite_utils.migrations import Migrations
        print("sqlite_utils.db" in sys.modules)
        import sqlite_utils
        print(sqlite_utils.migrations.Migrations is Migrations, sqlite_utils.Migrations is Migrations,
              "sqlite_utils.db" in sys.modules)
    """)
    assert out.split() == ["False", "True", "True", "True"]


def test_a_star_import_of_sqlite_utils_gets_its_names():
    out = _run("""
        import xhht_desktop
        from sqlite_utils import *
        print(Database.__name__, Migrations.__name__)
    """)
    assert out.split() == ["Database", "Migrations"]


def test_a_reader_is_the_same_handle(tmp_path):
    path = tmp_path / "x.sqlite3"
    open_database(path).conn.close()
    reader = open_reader(path)
    try:
        assert isinstance(reader, Database)
        assert reader.conn.execute("SELECT count(*) FROM meta").fetchone()[0] >= 0
    finally:
        reader.conn.close()
