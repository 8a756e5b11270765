"""Files the user hands us (issue 12, point 6): crafted backups, `backup --out` targets, a locked database.

Each case here was a hole before its fix: a backup with a trigger was restored and the trigger then
confirmed every unknown sender; `backup --out` replaced any file, including the database's own -wal;
a command run while another process held the write lock waited 30 s and printed a traceback.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from xhht_desktop.cli import main as cli_main
from xhht_desktop.db import connection, migrations
from xhht_desktop.installation import open_app_database
from xhht_desktop.maintenance import backup as bk
from xhht_desktop.maintenance.check import run_checks, schema_differences

ROOT = Path(__file__).resolve().parents[2]
LOCK_MESSAGE = "Cơ sở dữ liệu đang được một chương trình khác ghi"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _craft(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(str(path))
    try:
        for sql in statements:
            conn.executescript(sql)
        conn.commit()
    finally:
        conn.close()
    return path


AUTO_CONFIRM_TRIGGER = """
    CREATE TRIGGER xhht_auto_confirm AFTER INSERT ON sync_installations
    BEGIN
        UPDATE sync_installations SET status = 'confirmed'
        WHERE fingerprint = NEW.fingerprint AND unit_key = NEW.unit_key;
    END;
"""


# ---- restore and check compare the schema with what the migrations create ---------------------------

def test_restore_refuses_a_backup_with_a_trigger_that_auto_confirms_senders(commune_db, db_path, tmp_path, capsys):
    good = bk.backup_database(db_path, tmp_path / "good.sqlite3")
    crafted = tmp_path / "crafted.sqlite3"
    crafted.write_bytes(good.read_bytes())
    _craft(crafted, AUTO_CONFIRM_TRIGGER)
    crafted_digest = _digest(crafted)
    commune_db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    commune_db.conn.close()
    before = _digest(db_path)

    with pytest.raises(bk.RestoreRefused) as refused:
        bk.restore_database(db_path, crafted)
    reason = str(refused.value)
    assert "xhht_auto_confirm" in reason and "trigger" in reason.lower()
    assert "Không khôi phục" in reason

    assert cli_main(["--db", str(db_path), "restore", str(crafted)]) == 1
    err = capsys.readouterr().err
    assert "xhht_auto_confirm" in err and "Không có gì bị thay đổi" in err and "Traceback" not in err

    # The database in place is byte-identical, no safety copy was made, the chosen file is untouched.
    assert _digest(db_path) == before
    assert not [b for b in bk.list_backups(db_path) if b.kind == "restore"]
    assert _digest(crafted) == crafted_digest
    assert not list(tmp_path.glob(".khoi-phuc-*"))
    # A plain copy is still restored.
    bk.restore_database(db_path, good)


@pytest.mark.parametrize("extra, name", [
    ("CREATE VIEW pending_all AS SELECT * FROM sync_installations;", "pending_all"),
    ("CREATE TABLE stash (x TEXT);", "stash"),
    ("CREATE INDEX values_comment ON indicator_values(comment);", "values_comment"),
    ("ALTER TABLE meta ADD COLUMN note TEXT;", "meta"),
    ("DROP INDEX history_record;", "history_record"),
])
def test_restore_refuses_any_schema_the_migrations_do_not_create(commune_db, db_path, tmp_path, extra, name):
    crafted = bk.backup_database(db_path, tmp_path / "crafted.sqlite3")
    _craft(crafted, extra)
    with pytest.raises(bk.RestoreRefused, match=name):
        bk.restore_database(db_path, crafted)
    info = bk.inspect_database_file(crafted)
    assert not info.ok and info.schema_problems and bk.refusal_reason(info)


def test_a_table_replaced_by_a_view_is_refused_before_any_data_is_read(commune_db, db_path, tmp_path):
    crafted = bk.backup_database(db_path, tmp_path / "crafted.sqlite3")
    # A view named like a core table: reading it would run the attacker's query (here, forever).
    _craft(crafted, "ALTER TABLE units RENAME TO units_real;",
           "CREATE VIEW units AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n) "
           "SELECT i AS id, '' AS key, '' AS code, '' AS name FROM n;")
    with pytest.raises(bk.RestoreRefused, match="units"):
        bk.restore_database(db_path, crafted)


def test_older_copies_compare_with_their_own_migrations(db_path, tmp_path):
    # A genuine schema-1 and schema-3 database: what the migrations they recorded create, nothing else.
    for name in ("schema_v1.sqlite3", "schema_v3.sqlite3"):
        copy = tmp_path / name
        copy.write_bytes((ROOT / "tests" / "data" / name).read_bytes())
        conn = sqlite3.connect(str(copy))
        try:
            assert schema_differences(conn) == []
        finally:
            conn.close()
        assert bk.inspect_database_file(copy).schema_problems == ()


def test_schema_expected_follows_the_registered_migrations(monkeypatch, db_path):
    # A migration added later (0004… by other work) is part of what is expected, never a hard-coded list.
    from sqlite_utils.migrations import Migrations

    fake = Migrations(migrations.MIGRATIONS.name)
    for m in migrations.MIGRATIONS._migrations:
        fake._migrations.append(m)
    fake(name="9999_test_extra")(lambda db: db.execute("CREATE TABLE test_extra (x INTEGER)"))
    monkeypatch.setattr(migrations, "MIGRATIONS", fake)
    db = open_app_database(db_path)
    try:
        assert "9999_test_extra" in migrations.applied_names(db)
        assert schema_differences(db.conn) == []
        db.conn.execute("DROP TABLE test_extra")
        assert [(d.code, d.name) for d in schema_differences(db.conn)] == [("missing", "test_extra")]
    finally:
        db.conn.close()


def test_check_reports_a_trigger_in_the_database_in_use(commune_db, db_path, capsys):
    assert run_checks(commune_db).ok
    commune_db.conn.executescript(AUTO_CONFIRM_TRIGGER)
    report = run_checks(commune_db)
    codes = {f.code for f in report.findings}
    assert "schema_extra" in codes
    assert any("xhht_auto_confirm" in f.text() for f in report.findings)
    commune_db.conn.close()
    assert cli_main(["--db", str(db_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "xhht_auto_confirm" in out and "trigger" in out


# ---- backup --out -----------------------------------------------------------------------------------

def test_backup_refuses_an_existing_file_that_is_not_a_backup_unless_forced(commune_db, db_path, tmp_path, capsys):
    report = tmp_path / "bao-cao.xlsx"
    report.write_bytes(b"PK\x03\x04 the official's report")
    before = _digest(report)
    assert cli_main(["--db", str(db_path), "backup", "--out", str(report)]) == 1
    err = capsys.readouterr().err
    assert "không phải là bản sao lưu" in err and "--force" in err and "Traceback" not in err
    assert _digest(report) == before
    with pytest.raises(bk.BackupTargetRefused) as refused:
        bk.backup_database(db_path, report)
    assert refused.value.code == "not_a_backup"

    assert cli_main(["--db", str(db_path), "backup", "--out", str(report), "--force"]) == 0
    assert bk.inspect_database_file(report).ok


def test_backup_replaces_an_older_xhht_backup_and_says_so(commune_db, db_path, tmp_path, capsys):
    out = tmp_path / "sao-luu.sqlite3"
    assert cli_main(["--db", str(db_path), "backup", "--out", str(out)]) == 0
    assert "Đã thay" not in capsys.readouterr().out
    assert cli_main(["--db", str(db_path), "backup", "--out", str(out)]) == 0
    assert "Đã thay bản sao lưu cũ" in capsys.readouterr().out


def test_backup_refuses_a_live_database_with_side_files_even_forced(commune_db, db_path, tmp_path):
    other = tmp_path / "other" / "xhht.sqlite3"
    other_db = open_app_database(other)  # another installation's database, open (WAL, -wal beside it)
    try:
        before = _digest(other)
        for force in (False, True):
            with pytest.raises(bk.BackupTargetRefused):
                bk.backup_database(db_path, other, force=force)
        assert _digest(other) == before
    finally:
        other_db.conn.close()


def _spellings(db_path: Path, tmp_path: Path):
    link = tmp_path / "link.sqlite3"
    link.symlink_to(db_path)
    link_dir = tmp_path / "linked-folder"
    link_dir.symlink_to(db_path.parent)
    yield "itself", db_path
    yield "dotdot", db_path.parent / "sub" / ".." / db_path.name
    yield "symlink", link
    yield "folder symlink", link_dir / db_path.name
    for suffix in ("-wal", "-shm", "-journal"):
        yield suffix, Path(str(db_path) + suffix)
        yield f"{suffix} via folder symlink", link_dir / (db_path.name + suffix)


def test_backup_refuses_the_database_and_its_side_files_in_any_spelling(commune_db, db_path, tmp_path, capsys):
    (db_path.parent / "sub").mkdir()
    _ = commune_db  # the database is open: WAL with -wal and -shm beside it
    digests = {p: _digest(p) for p in db_path.parent.glob(db_path.name + "*") if p.is_file()}
    for label, target in _spellings(db_path, tmp_path):
        for force in ([], ["--force"]):
            assert cli_main(["--db", str(db_path), "backup", "--out", str(target), *force]) == 1, label
            err = capsys.readouterr().err
            assert "Traceback" not in err and "cơ sở dữ liệu đang dùng" in err, (label, err)
    assert {p: _digest(p) for p in db_path.parent.glob(db_path.name + "*") if p.is_file()} == digests
    assert not (Path(str(db_path) + "-journal")).exists()
    assert run_checks(commune_db).ok


def test_backup_to_a_folder_is_refused_with_a_message(commune_db, db_path, tmp_path, capsys):
    assert cli_main(["--db", str(db_path), "backup", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "thư mục" in err and "Traceback" not in err


# ---- a database another process is writing ----------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE meta SET value=value WHERE key='installation_id'")
    if sys.argv[2] == "exclusive":
        conn.execute("COMMIT")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE meta SET value=value WHERE key='installation_id'")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
""")


@pytest.fixture
def lock_holder(db_path):
    procs = []

    def hold(mode="write"):
        p = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), mode], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
        procs.append(p)
        assert p.stdout.readline().strip() == "locked"
        return p

    yield hold
    for p in procs:
        p.stdin.close()
        p.wait(timeout=20)


def _cli(db_path, *args, timeout_s="0.3"):
    env = dict(os.environ, XHHT_BUSY_TIMEOUT=timeout_s, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "xhht_desktop", "--db", str(db_path), *args],
                          capture_output=True, text=True, env=env, timeout=25, cwd=ROOT)


@pytest.mark.parametrize("mode", ["write", "exclusive"])
def test_a_locked_database_gives_a_clear_message_and_exit_1(commune_db, db_path, lock_holder, mode):
    commune_db.conn.close()
    lock_holder(mode)
    result = _cli(db_path, "init", "--role", "commune", "--unit", "23353", "--official", "Y Blong")
    assert result.returncode == 1, result.stderr
    assert LOCK_MESSAGE in result.stderr and "Đã chờ 0.3 giây" in result.stderr
    assert "Traceback" not in result.stderr and "database is locked" not in result.stderr


def test_opening_a_locked_database_that_needs_migrating_says_it_is_busy(db_path, lock_holder):
    db_path.write_bytes((ROOT / "tests" / "data" / "schema_v1.sqlite3").read_bytes())
    lock_holder("write")
    with pytest.raises(connection.DatabaseBusy) as busy:
        with connection.busy_timeout(0.2):
            open_app_database(db_path)
    assert LOCK_MESSAGE in str(busy.value)
    result = _cli(db_path, "values", "--period", "2014", "--unit", "23353")
    assert result.returncode == 1 and LOCK_MESSAGE in result.stderr and "Traceback" not in result.stderr


def test_busy_is_recognised_by_sqlite_error_code_not_text():
    err = sqlite3.OperationalError("something in another language")
    err.sqlite_errorcode = 5 | (2 << 8)  # SQLITE_BUSY_SNAPSHOT: extended codes count too
    assert connection.is_busy_error(err)
    err = sqlite3.OperationalError("database is locked")  # the text alone proves nothing
    err.sqlite_errorcode = 10  # SQLITE_IOERR
    assert not connection.is_busy_error(err)


def test_busy_timeout_is_bounded_and_configurable(monkeypatch):
    monkeypatch.setenv("XHHT_BUSY_TIMEOUT", "0.25")
    assert connection.busy_timeout_seconds() == 0.25
    monkeypatch.setenv("XHHT_BUSY_TIMEOUT", "not a number")
    assert connection.busy_timeout_seconds() == connection.DEFAULT_BUSY_TIMEOUT
    monkeypatch.setenv("XHHT_BUSY_TIMEOUT", "100000")
    assert connection.busy_timeout_seconds() == connection.MAX_BUSY_TIMEOUT
    monkeypatch.delenv("XHHT_BUSY_TIMEOUT")
    with connection.busy_timeout(1.5):
        assert connection.busy_timeout_seconds() == 1.5
    assert connection.busy_timeout_seconds() == connection.DEFAULT_BUSY_TIMEOUT


def test_the_migrations_table_may_differ_in_sql_but_must_stay_a_plain_table(commune_db, db_path, tmp_path):
    # sqlite-utils owns _sqlite_migrations; another sqlite-utils may spell it otherwise: accepted.
    respelled = bk.backup_database(db_path, tmp_path / "respelled.sqlite3")
    _craft(respelled, "ALTER TABLE _sqlite_migrations RENAME TO m_old;",
           "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT, "
           "PRIMARY KEY (migration_set, name));",
           "INSERT INTO _sqlite_migrations SELECT migration_set, name, applied_at FROM m_old ORDER BY rowid;",
           "DROP TABLE m_old;")
    assert bk.inspect_database_file(respelled).schema_problems == ()
    # …but a view in its place (which could list anything, or never end) is refused.
    crafted = bk.backup_database(db_path, tmp_path / "crafted.sqlite3")
    _craft(crafted, "ALTER TABLE _sqlite_migrations RENAME TO m_old;",
           "CREATE VIEW _sqlite_migrations AS SELECT * FROM m_old;")
    with pytest.raises(bk.RestoreRefused):
        bk.restore_database(db_path, crafted)


@pytest.mark.parametrize("name", ["schema_v1.sqlite3", "schema_v3.sqlite3"])
def test_an_upgraded_database_has_exactly_the_schema_of_a_fresh_one(tmp_path, name, capsys):
    # Every migration, run on a database full of data, must leave what it leaves on an empty one:
    # otherwise a genuine upgraded backup would be refused. Holds for migrations added later too.
    upgraded = tmp_path / name
    upgraded.write_bytes((ROOT / "tests" / "data" / name).read_bytes())
    db = open_app_database(upgraded)
    try:
        assert migrations.pending(db) == []
        assert schema_differences(db.conn) == []
    finally:
        db.conn.close()
    copy = bk.backup_database(upgraded, tmp_path / "copy.sqlite3")
    assert bk.inspect_database_file(copy).ok
    assert cli_main(["--db", str(upgraded), "check"]) in (0, 1)
    assert "Lược đồ" not in capsys.readouterr().out
