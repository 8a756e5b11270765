import sqlite3

import pytest

from xhht_desktop.db import migrations
from xhht_desktop.db.connection import DatabaseError, NewerDatabaseError, open_database


def test_fresh_database_is_migrated_with_pragmas(db_path):
    db = open_database(db_path)
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    assert migrations.pending(db) == []
    assert {"indicator_values", "history", "units", "period_status"} <= set(db.table_names())
    db.conn.close()


def test_newer_database_is_refused_and_left_untouched(db_path):
    db = open_database(db_path)
    db.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('xhht', '9999_future', 'x')")
    db.conn.execute(f"PRAGMA user_version={migrations.schema_version() + 1}")
    db.conn.commit()
    db.conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="phiên bản XHHT Desktop mới hơn"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(DatabaseError, match="không phải là cơ sở dữ liệu"):
        open_database(bogus)


def test_catalogue_shipped_completely(db):
    # both programmes' catalogues (plan 2780: 31 indicators; 2021–2030: 44), keyed by (programme, code)
    counts = dict(db.conn.execute("SELECT programme, count(*) FROM indicators GROUP BY programme"))
    assert counts == {"KH2780": 31, "XHHT2130": 44}
    kinds = dict(db.conn.execute("SELECT code, kind FROM indicators WHERE programme='KH2780'"))
    assert kinds["XMC_15_60"] == "rate" and kinds["PC_THCS"] == "flag"
    assert kinds["DON_VI_HOC_TAP"] == "count" and kinds["KNS_THAM_GIA"] == "trend"
    op = db.conn.execute("SELECT target_op FROM indicators WHERE programme='KH2780' AND code='XMC_15_35'").fetchone()
    targets = dict(db.conn.execute("SELECT target_year, value FROM indicator_targets "
                                   "WHERE programme='KH2780' AND indicator='XMC_15_35'"))
    assert op == (">",) and targets == {2015: 98.0, 2020: 99.0}


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES (999999, 1, '2014-01-01')")
