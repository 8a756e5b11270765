"""The reference-data refresh at every open: skipped when the shipped files are the ones the stored
hash was computed from (their stamp), done again when one of them changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from xhht_desktop import paths
from xhht_desktop.db import reference
from xhht_desktop.domain import agencies as agencies_mod
from xhht_desktop.domain import catalogue as catalogue_mod
from xhht_desktop.domain import units as units_mod
from xhht_desktop.installation import open_app_database

COMMUNE_CODE = "21025"  # Phường Cẩm Thành, in resources/units/quangngai_2025_units.csv


def _clear_caches() -> None:
    """What one process keeps of the shipped files (a new app version is a new process)."""
    for fn in (units_mod.load_unit_records, catalogue_mod._raw, catalogue_mod._catalogue):
        fn.cache_clear()
    for name in dir(agencies_mod):
        fn = getattr(agencies_mod, name)
        if callable(getattr(fn, "cache_clear", None)):
            fn.cache_clear()


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A private copy of resources/, used as the app's shipped files."""
    root = tmp_path / "app"
    shutil.copytree(paths.resource_path(), root / "resources")
    monkeypatch.setattr(paths, "resource_root", lambda: root)
    _clear_caches()
    yield root / "resources"
    _clear_caches()


@pytest.fixture
def hashes(monkeypatch):
    """Counts the computations of the reference hash (the expensive part of the check)."""
    calls = []
    real = reference._reference_hash

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(reference, "_reference_hash", counted)
    return calls


def _name(path: Path, code: str) -> str:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT name FROM units WHERE code=? ORDER BY valid_from DESC", (code,)).fetchone()[0]
    finally:
        conn.close()


def _open_and_close(path: Path) -> None:
    db = open_app_database(path)
    db.conn.close()


def test_an_unchanged_install_does_not_read_its_lists_again(shipped, hashes, tmp_path):
    path = tmp_path / "x.sqlite3"
    _open_and_close(path)
    assert len(hashes) == 1
    _open_and_close(path)
    _open_and_close(path)
    assert len(hashes) == 1
    assert _name(path, COMMUNE_CODE) == "Phường Cẩm Thành"


def test_a_changed_shipped_unit_list_still_refreshes_the_database(shipped, hashes, tmp_path):
    path = tmp_path / "x.sqlite3"
    _open_and_close(path)
    units_csv = shipped / "units" / "quangngai_2025_units.csv"
    text = units_csv.read_text(encoding="utf-8")
    assert "Phường Cẩm Thành," in text
    # Same size, other contents (a corrected name of as many bytes): only the time tells.
    units_csv.write_text(text.replace("Phường Cẩm Thành,", "Phường Cẩm Thánh,", 1), encoding="utf-8")
    assert units_csv.stat().st_size == len(text.encode("utf-8"))
    stat = units_csv.stat()
    os.utime(units_csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    _clear_caches()  # a new app version is a new process
    _open_and_close(path)
    assert _name(path, COMMUNE_CODE) == "Phường Cẩm Thánh"
    assert len(hashes) == 2
    _open_and_close(path)  # and the new stamp is kept
    assert len(hashes) == 2


def test_a_changed_catalogue_still_refreshes_the_database(shipped, hashes, tmp_path):
    path = tmp_path / "x.sqlite3"
    _open_and_close(path)
    agencies_csv = shipped / "catalogue" / "agencies.csv"
    text = agencies_csv.read_text(encoding="utf-8")
    assert ",Department of Home Affairs," in text
    agencies_csv.write_text(text.replace(",Department of Home Affairs,", ",Department of Home Affairs and Labour,", 1),
                            encoding="utf-8")
    _clear_caches()
    _open_and_close(path)
    conn = sqlite3.connect(str(path))
    try:
        names = {r[0] for r in conn.execute("SELECT name_en FROM agencies WHERE short='Sở Nội vụ'")}
    finally:
        conn.close()
    assert names == {"Department of Home Affairs and Labour"}
    assert len(hashes) == 2


def test_files_touched_but_equal_only_store_the_new_stamp(shipped, hashes, tmp_path):
    path = tmp_path / "x.sqlite3"
    _open_and_close(path)
    units_csv = shipped / "units" / "kontum_2025_mapping.csv"
    stat = units_csv.stat()
    os.utime(units_csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    conn = sqlite3.connect(str(path))
    before = conn.execute("SELECT value FROM meta WHERE key='reference_hash'").fetchone()[0]
    conn.close()
    _open_and_close(path)
    _open_and_close(path)
    assert len(hashes) == 2  # computed once more, then the new stamp is trusted
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='reference_hash'").fetchone()[0] == before
    finally:
        conn.close()


def test_a_stale_hash_is_refreshed_whatever_the_stamp(shipped, hashes, tmp_path):
    """Migrations (and tests) ask for a refresh by dropping or changing `reference_hash`."""
    path = tmp_path / "x.sqlite3"
    _open_and_close(path)
    conn = sqlite3.connect(str(path))
    conn.execute("UPDATE units SET name='cũ' WHERE code=?", (COMMUNE_CODE,))
    conn.execute("UPDATE meta SET value='stale' WHERE key='reference_hash'")
    conn.commit()
    conn.close()
    _open_and_close(path)
    assert _name(path, COMMUNE_CODE) == "Phường Cẩm Thành"
    assert len(hashes) == 2
