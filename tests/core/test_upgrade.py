"""Upgrades: every released schema (tests/data/schema_vN.sqlite3) opens after a backup and a migration,
with its data intact; a database from a newer version is refused and left byte-identical."""

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from xhht_desktop.db import migrations
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.db.connection import NewerDatabaseError
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.installation import get_installation, open_app_database
from xhht_desktop.maintenance import backup as bk
from xhht_desktop.maintenance.check import run_checks

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = sorted(DATA.glob("schema_v*.sqlite3"), key=lambda p: int(re.search(r"v(\d+)", p.name).group(1)))
USER_TABLES = ("indicator_values", "period_status", "history", "meta")


def _version(path: Path) -> int:
    return int(re.search(r"schema_v(\d+)", path.name).group(1))


# Feature tables, compared too when the sample has them (schema 2: the centre log; 3: sync).
FEATURE_TABLES = ("clc_centres", "clc_activities", "sync_exports", "sync_installations", "sync_imports",
                  "sync_conflicts")


def _columns(path: Path) -> dict[str, list[str]]:
    """The columns of every table of a database, in order."""
    conn = sqlite3.connect(str(path))
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")] for t in names}
    finally:
        conn.close()


def _dump(path: Path, tables=USER_TABLES, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of the user's tables, read from a private copy (never opening the sample itself).
    With `columns` (the sample's), only those columns: a later schema may add some to a table."""
    conn = sqlite3.connect(str(path))
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        out = {}
        for t in (*tables, *(f for f in FEATURE_TABLES if f in present)):
            cols = ", ".join(columns[t]) if columns and t in columns else "*"
            rows = conn.execute(f"SELECT {cols} FROM {t} ORDER BY 1").fetchall()
            if t == "meta":  # reference data is refreshed at every open; the user's settings stay
                rows = [r for r in rows if r[0] not in ("reference_hash", "reference_files")]
            out[t] = rows
        return out
    finally:
        conn.close()


def _copy(sample: Path, tmp_path: Path) -> Path:
    target = tmp_path / "xhht.sqlite3"
    shutil.copyfile(sample, target)
    return target


def test_a_sample_exists_for_the_first_release_and_none_is_from_the_future():
    assert SAMPLES and _version(SAMPLES[0]) == 1
    assert all(_version(s) <= migrations.schema_version() for s in SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_released_schema_upgrades_after_a_backup_with_data_intact(sample, tmp_path):
    path = _copy(sample, tmp_path)
    before = _dump(path)
    sample_columns = _columns(path)
    assert sum(len(rows) for rows in before.values()) > 100  # the sample really holds figures

    db = open_app_database(path)
    try:
        assert migrations.pending(db) == []
        assert db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
        after = _dump(path, columns=sample_columns)
        assert {t: after[t] for t in before} == before
        assert all(after[t] == [] for t in after if t not in before)  # new tables start empty
        inst = get_installation(db)
        assert inst is not None and inst.unit.code == "23353" and inst.official_name == "Y Blong"
        rows = {(r.indicator, r.breakdown): r for r in compute_values(db, inst.unit.id, parse_period("2014"))}
        assert rows[("XMC_15_60", None)].value is not None
        assert run_checks(db).ok, run_checks(db).findings
    finally:
        db.conn.close()

    copies = list(bk.backup_dir(path).glob(f"xhht_truoc-nang-cap-v{_version(sample)}_*.sqlite3"))
    if _version(sample) == migrations.schema_version():
        assert copies == []  # nothing to migrate, nothing copied
    else:
        assert len(copies) == 1
        assert _dump(copies[0]) == before
        info = bk.inspect_database_file(copies[0])
        assert info.ok and info.schema_version == _version(sample)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_restoring_an_old_backup_upgrades_it_on_open(sample, commune_db, db_path, tmp_path):
    commune_db.conn.close()
    source = tmp_path / "usb" / sample.name
    source.parent.mkdir()
    shutil.copyfile(sample, source)
    before = _dump(source)
    sample_columns = _columns(source)
    bk.restore_database(db_path, source)
    db = open_app_database(db_path)
    try:
        assert migrations.pending(db) == []
        after = _dump(db_path, columns=sample_columns)
        assert {t: after[t] for t in before} == before
    finally:
        db.conn.close()


def test_newer_database_is_refused_and_left_byte_identical(tmp_path):
    path = _copy(SAMPLES[-1], tmp_path)
    db = open_app_database(path)
    db.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('xhht', '9999_from_the_future', 'x')")
    db.conn.execute(f"PRAGMA user_version={migrations.schema_version() + 1}")
    db.conn.commit()
    db.conn.close()
    files_before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="mới hơn"):
        open_app_database(path)
    assert path.read_bytes() == before
    # No backup, no -wal/-shm left behind: the refused open wrote nothing anywhere.
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == files_before
