"""Backups, restore and the consistency check: the user's way back from crashes and mistakes."""

import datetime as dt
import shutil
import sqlite3

import pytest

from xhht_desktop.cli import main as cli_main
from xhht_desktop.db import migrations, values_repo
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import get_installation, init_installation, open_app_database
from xhht_desktop.maintenance import backup as bk
from xhht_desktop.maintenance.check import run_checks


def _save(db, period="2014", num=3000, den=4000):
    inst = get_installation(db)
    values_repo.save_entries(db, inst.unit.id, period, [Entry("XMC_15_60", None, num, den)],
                             actor="test", origin=inst.installation_id)


def _figure(path, period="2014"):
    conn = sqlite3.connect(str(path))
    try:
        row = conn.execute("SELECT numerator, denominator FROM indicator_values WHERE indicator='XMC_15_60' "
                           "AND breakdown='' AND period=?", (period,)).fetchone()
        return tuple(row) if row else None
    finally:
        conn.close()


def _journal_mode_in_header(path):
    # Bytes 18-19 of the header are 2 for WAL, 1 for a rollback journal.
    return path.read_bytes()[18:20]


def _side_files(path):
    return sorted(p.name for p in path.parent.glob(path.name + "-*"))


def test_backup_while_open_includes_committed_wal_data_and_is_one_file(commune_db, db_path, tmp_path):
    commune_db.conn.execute("PRAGMA wal_autocheckpoint=0")  # keep the figure in the -wal file
    _save(commune_db, num=3210, den=4000)
    assert (db_path.parent / (db_path.name + "-wal")).stat().st_size > 0
    out = bk.backup_database(db_path, tmp_path / "usb" / "copy.sqlite3")
    assert _figure(out) == (3210, 4000)
    assert _journal_mode_in_header(out) == b"\x01\x01"
    assert _side_files(out) == []
    assert bk.inspect_database_file(out).ok


def test_backup_refuses_to_overwrite_the_database_itself(commune_db, db_path):
    with pytest.raises(bk.BackupError):
        bk.backup_database(db_path, db_path)


def test_daily_backup_once_a_day_keeping_the_newest(commune_db, db_path):
    first = bk.daily_backup(commune_db, db_path, today=dt.date(2014, 7, 1), keep=3)
    assert first is not None and first.name == "xhht_hang-ngay_2014-07-01.sqlite3"
    assert bk.daily_backup(commune_db, db_path, today=dt.date(2014, 7, 1), keep=3) is None
    for day in range(2, 8):
        bk.daily_backup(commune_db, db_path, today=dt.date(2014, 7, day), keep=3)
    names = sorted(p.name for p in bk.backup_dir(db_path).glob("*hang-ngay*"))
    assert names == [f"xhht_hang-ngay_2014-07-0{d}.sqlite3" for d in (5, 6, 7)]


def test_pruning_never_deletes_other_copies(commune_db, db_path):
    folder = bk.backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    kept = [folder / "xhht_truoc-nang-cap-v1_20140101-000000.sqlite3",
            folder / "xhht_truoc-khoi-phuc_20140101-000000.sqlite3",
            folder / "hand-made.sqlite3"]
    for p in kept:
        bk.backup_database(commune_db, p)
    for day in range(1, 5):
        bk.daily_backup(commune_db, db_path, today=dt.date(2014, 8, day), keep=1)
    assert all(p.exists() for p in kept)
    assert [b.kind for b in bk.list_backups(db_path)].count("daily") == 1


def test_keep_setting_defaults_to_14_and_is_bounded(commune_db, db_path):
    assert bk.get_keep(commune_db) == 14
    bk.set_keep(commune_db, 3)
    assert bk.get_keep(commune_db) == 3
    with pytest.raises(ValueError, match="từ 1 đến 365"):
        bk.set_keep(commune_db, 0)
    for day in range(1, 7):
        bk.daily_backup(commune_db, db_path, today=dt.date(2014, 9, day))
    assert len(list(bk.backup_dir(db_path).glob("*hang-ngay*"))) == 3


def test_no_daily_copy_before_the_installation_is_set_up(db, db_path):
    assert bk.daily_backup(db, db_path) is None
    assert not bk.backup_dir(db_path).exists()


def test_restore_puts_the_copy_back_and_keeps_the_current_database(commune_db, db_path, tmp_path):
    _save(commune_db, num=3000, den=4000)
    copy = bk.backup_database(commune_db, tmp_path / "monday.sqlite3")
    _save(commune_db, num=1, den=4000)  # the mistake
    commune_db.conn.close()
    copy_bytes = copy.read_bytes()

    result = bk.restore_database(db_path, copy)

    assert _figure(db_path) == (3000, 4000)
    assert result.safety_copy is not None and _figure(result.safety_copy) == (1, 4000)
    assert result.restored.unit_code == "23353"
    assert copy.read_bytes() == copy_bytes and _side_files(copy) == []
    assert _side_files(db_path) == []
    db = open_app_database(db_path)
    assert run_checks(db).ok
    db.conn.close()


def test_restore_refused_while_another_connection_is_open(commune_db, db_path, tmp_path):
    copy = bk.backup_database(commune_db, tmp_path / "copy.sqlite3")
    _save(commune_db, num=2000, den=4000)
    with pytest.raises(bk.DatabaseInUse, match="đang được mở"):
        bk.restore_database(db_path, copy)
    assert _figure(db_path) == (2000, 4000)


def test_restore_of_a_live_copy_with_its_wal_keeps_what_the_wal_holds(commune_db, db_path, tmp_path):
    # A database carried from another machine with its -wal beside it (the app was still open).
    commune_db.conn.execute("PRAGMA wal_autocheckpoint=0")
    _save(commune_db, num=3333, den=4000)
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copyfile(db_path, usb / "xhht.sqlite3")
    shutil.copyfile(db_path.with_name(db_path.name + "-wal"), usb / "xhht.sqlite3-wal")
    before = {p.name: p.read_bytes() for p in usb.iterdir()}
    target = tmp_path / "new-laptop" / "xhht.sqlite3"
    bk.restore_database(target, usb / "xhht.sqlite3")
    assert _figure(target) == (3333, 4000)
    assert {p.name: p.read_bytes() for p in usb.iterdir()} == before


def test_restore_removes_a_stale_wal_that_belongs_to_another_database(commune_db, db_path, tmp_path):
    copy = bk.backup_database(commune_db, tmp_path / "copy.sqlite3")
    # A crashed session elsewhere left a -wal with other figures beside the target path.
    other = tmp_path / "other" / "xhht.sqlite3"
    other.parent.mkdir()
    conn = sqlite3.connect(str(other))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE junk(x)")
    conn.execute("INSERT INTO junk VALUES (1)")
    conn.commit()
    target = tmp_path / "fresh" / "xhht.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(other.with_name("xhht.sqlite3-wal"), target.with_name("xhht.sqlite3-wal"))
    conn.close()
    bk.restore_database(target, copy)
    assert _side_files(target) == []
    db = open_app_database(target)
    assert "junk" not in db.table_names()
    assert run_checks(db).ok
    db.conn.close()


def test_restore_refuses_another_units_copy_unless_forced(commune_db, db_path, tmp_path):
    other_path = tmp_path / "other.sqlite3"
    other = open_app_database(other_path)
    init_installation(other, "commune", "23362")
    other.conn.close()
    commune_db.conn.close()
    before = db_path.read_bytes()
    with pytest.raises(bk.OtherUnitError, match="đơn vị khác") as err:
        bk.restore_database(db_path, other_path)
    assert "23353" in err.value.current_unit
    assert db_path.read_bytes() == before
    bk.restore_database(db_path, other_path, allow_other_unit=True)
    db = open_app_database(db_path)
    assert get_installation(db).unit.code == "23362"
    db.conn.close()


def _make_newer(path):
    conn = sqlite3.connect(str(path))
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('xhht', '9999_future', 'x')")
    conn.execute(f"PRAGMA user_version={migrations.schema_version() + 1}")
    conn.commit()
    conn.close()


def _damage(path):
    # Scribble over the b-tree headers of a few pages (page 1, the schema, stays readable).
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, min(12, len(data) // page)):
        data[n * page: n * page + 12] = b"\xa5" * 12
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil, message", [
    (_make_newer, "phiên bản XHHT Desktop mới hơn"),
    (_damage, "hỏng"),
    (lambda p: p.write_text("not a database", encoding="utf-8"), "không phải là cơ sở dữ liệu"),
])
def test_restore_refuses_a_bad_copy_and_changes_nothing(commune_db, db_path, tmp_path, spoil, message):
    copy = bk.backup_database(commune_db, tmp_path / "copy.sqlite3")
    spoil(copy)
    commune_db.conn.close()
    before, copy_before = db_path.read_bytes(), copy.read_bytes()
    with pytest.raises(bk.RestoreRefused, match=message):
        bk.restore_database(db_path, copy)
    assert db_path.read_bytes() == before
    assert copy.read_bytes() == copy_before
    assert not list(db_path.parent.glob(".khoi-phuc-*"))
    assert not list(bk.backup_dir(db_path).glob("*truoc-khoi-phuc*"))


def test_cli_backup_restore_and_check(commune_db, db_path, tmp_path, capsys):
    _save(commune_db, num=3000, den=4000)
    commune_db.conn.close()
    out = tmp_path / "sao-luu.sqlite3"
    assert cli_main(["--db", str(db_path), "backup", "--out", str(out)]) == 0
    assert cli_main(["--db", str(db_path), "check"]) == 0
    assert "Không phát hiện vấn đề nào" in capsys.readouterr().out
    conn = sqlite3.connect(str(db_path))
    conn.execute("UPDATE indicator_values SET numerator=denominator+5 WHERE indicator='XMC_15_60' AND breakdown=''")
    conn.commit()
    conn.close()
    assert cli_main(["--db", str(db_path), "check"]) == 1
    assert "lớn hơn mẫu số" in capsys.readouterr().out
    assert cli_main(["--db", str(db_path), "restore", str(out)]) == 0
    assert cli_main(["--db", str(db_path), "check"]) == 0
    assert _figure(db_path) == (3000, 4000)


def test_cli_restore_of_another_unit_needs_force(commune_db, db_path, tmp_path, capsys):
    other_path = tmp_path / "other.sqlite3"
    other = open_app_database(other_path)
    init_installation(other, "commune", "23362")
    other.conn.close()
    commune_db.conn.close()
    assert cli_main(["--db", str(db_path), "restore", str(other_path)]) == 1
    assert "Không có gì bị thay đổi" in capsys.readouterr().err
    assert cli_main(["--db", str(db_path), "restore", "--force", str(other_path)]) == 0


def test_check_finds_what_the_form_would_have_refused(commune_db, db_path):
    inst = get_installation(commune_db)
    values_repo.save_entries(commune_db, inst.unit.id, "2014", [
        Entry("XMC_15_60", None, 3000, 4000), Entry("XMC_15_60", "nu", 1400, 1900)],
        actor="t", origin=inst.installation_id)
    assert run_checks(commune_db).ok
    conn = commune_db.conn
    conn.execute("UPDATE indicator_values SET numerator=3500 WHERE breakdown='nu'")  # breakdown > total
    conn.execute("""INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, value, revision,
                    updated_at) VALUES ('no-history', ?, '2015', 'DON_VI_HOC_TAP', '', 4, 0, 'x')""",
                 (inst.unit.id,))
    conn.commit()
    conn.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction
    conn.execute("""INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, value, revision,
                    updated_at) VALUES ('ghost-unit', 999999, '2015', 'DON_VI_HOC_TAP', '', 4, 1, 'x')""")
    conn.commit()
    codes = {f.code for f in run_checks(commune_db).findings}
    assert {"value_breakdown_gt_total", "revision", "history_missing", "foreign_key", "unit_missing"} <= codes


def test_check_applies_the_centre_log_rules_to_stored_activities(commune_db):
    import datetime as dt

    from xhht_desktop.clc import repository as clc_repo
    from xhht_desktop.clc.domain import Activity

    inst = get_installation(commune_db)
    clc_repo.add_activity(commune_db, inst.unit.id, Activity(
        date=dt.date(2014, 3, 5), title="Chuyên đề trồng cà phê", category="agri_tech", format="topic",
        sessions=1, visits=45, women=20), actor="t", origin=inst.installation_id, today=dt.date(2014, 12, 31))
    assert run_checks(commune_db).ok
    commune_db.conn.execute("UPDATE clc_activities SET women = 60")  # more women than visits
    commune_db.conn.commit()
    findings = run_checks(commune_db).findings
    assert [f.code for f in findings] == ["activity_women"]
    assert "Chuyên đề trồng cà phê" in findings[0].where


def test_a_crash_s_leftovers_are_cleared_at_start_but_not_a_running_restore(commune_db, db_path):
    import os
    import time

    folder = bk.backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    old = [db_path.parent / ".khoi-phuc-0123456789ab.sqlite3", folder / ".xhht_hang-ngay_x.sqlite3.1a2b3c4d.tmp"]
    fresh = db_path.parent / ".khoi-phuc-fedcba987654.sqlite3"
    for p in [*old, fresh]:
        p.write_bytes(b"x" * 100)
    two_hours_ago = time.time() - 7200
    for p in old:
        os.utime(p, (two_hours_ago, two_hours_ago))
    bk.daily_backup_at_start(commune_db, db_path)
    assert not any(p.exists() for p in old)
    assert fresh.exists()
    assert len(list(folder.glob("*hang-ngay*.sqlite3"))) == 1


def test_backup_onto_a_full_disk_says_so_in_vietnamese(commune_db, tmp_path, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bk.os, "replace", full)
    out = tmp_path / "usb" / "copy.sqlite3"
    with pytest.raises(bk.BackupError, match="Ổ đĩa đã đầy"):
        bk.backup_database(commune_db, out)
    assert not out.exists() and list(out.parent.iterdir()) == []
