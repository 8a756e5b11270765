"""Windows file rules in one place (issue 13 point 5): every user-facing file is written through
storage.write_atomically — a temp file in the same folder, fsync, os.replace retried briefly on a
sharing violation, then a typed error that says the file is open in another program (never
"read-only" for that case), and no temp file left behind.

Windows's refusals are simulated on any platform by the `held_open` fixture: os.replace onto a held
file fails as MoveFileEx does (PermissionError, winerror 5 or 32). The clock and the sleeper are
injected, so no test waits."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from xhht_desktop import storage

IN_USE = "Tệp đang mở trong chương trình khác (Excel, trình đọc PDF…): hãy đóng tệp rồi thử lại"


def _refusal(winerror: int) -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used "
                                        "by another process" if winerror == 32 else "Access is denied")
    exc.winerror = winerror
    return exc


class FakeTime:
    """Injected clock and sleeper: sleeping advances the clock."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def held_open(monkeypatch):
    """Paths "open in another program": replacing them fails `times[path]` times (None: always)."""
    held: dict[str, dict] = {}
    real = os.replace

    def replace(src, dest):
        state = held.get(os.fspath(dest))
        if state is not None and (state["times"] is None or state["failed"] < state["times"]):
            state["failed"] += 1
            raise _refusal(state["winerror"])
        return real(src, dest)

    monkeypatch.setattr(storage.os, "replace", replace)

    def hold(path, *, times=None, winerror=5):
        held[os.fspath(path)] = {"times": times, "failed": 0, "winerror": winerror}
        return held[os.fspath(path)]

    return hold


def _write(text):
    return lambda tmp: open(tmp, "w", encoding="utf-8").write(text)


def test_writes_the_file_and_leaves_nothing_beside_it(tmp_path):
    dest = tmp_path / "báo cáo.pdf"
    storage.write_atomically(dest, _write("mới"), suffix=".pdf")
    assert dest.read_text(encoding="utf-8") == "mới"
    assert os.listdir(tmp_path) == ["báo cáo.pdf"]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o644


def test_a_transient_sharing_violation_is_retried_then_succeeds(tmp_path, held_open, fake_time):
    dest = tmp_path / "phieu.xlsx"
    dest.write_text("cũ", encoding="utf-8")
    state = held_open(dest, times=3, winerror=32)  # an antivirus scanning for a moment
    storage.write_atomically(dest, _write("mới"), sleep=fake_time.sleep, clock=fake_time.clock)
    assert dest.read_text(encoding="utf-8") == "mới"
    assert state["failed"] == 3
    assert fake_time.sleeps == [0.05, 0.1, 0.2]
    assert os.listdir(tmp_path) == ["phieu.xlsx"]


def test_a_file_held_open_is_explained_as_open_never_as_read_only(tmp_path, held_open, fake_time):
    dest = tmp_path / "bao-cao.pdf"
    dest.write_text("bản cũ", encoding="utf-8")
    state = held_open(dest)  # Excel / a PDF reader keeps it open: winerror 5 from MoveFileEx
    with pytest.raises(storage.StorageError) as info:
        storage.write_atomically(dest, _write("bản mới"), suffix=".pdf", sleep=fake_time.sleep,
                                 clock=fake_time.clock)
    err = info.value
    assert err.code == storage.CODE_FILE_IN_USE
    assert IN_USE in str(err) and "chỉ đọc" not in str(err)
    assert storage.explain_storage_error(err) == str(err)
    # Retried for about 1.5 s (50, 100, 200, 400, 400 … ms), then given up.
    assert 1.0 <= sum(fake_time.sleeps) <= storage.RETRY_SECONDS
    assert err.attempts == state["failed"] == len(fake_time.sleeps) + 1 >= 5
    # The old file is untouched and no temp/side file is left.
    assert dest.read_text(encoding="utf-8") == "bản cũ"
    assert os.listdir(tmp_path) == ["bao-cao.pdf"]
    assert isinstance(err, OSError)  # old `except OSError` handlers still catch it


def test_a_read_only_file_stays_a_read_only_case_without_waiting(tmp_path, held_open, fake_time):
    dest = tmp_path / "mau.xlsx"
    dest.write_text("cũ", encoding="utf-8")
    dest.chmod(0o444)  # what Windows reports for the read-only attribute
    held_open(dest)  # Windows refuses to replace a read-only file with winerror 5 too
    with pytest.raises(storage.StorageError) as info:
        storage.write_atomically(dest, _write("mới"), sleep=fake_time.sleep, clock=fake_time.clock)
    assert info.value.code == storage.CODE_READ_ONLY
    assert "chỉ đọc" in str(info.value) and IN_USE not in str(info.value)
    assert fake_time.sleeps == []  # waiting would not change a read-only attribute
    assert os.listdir(tmp_path) == ["mau.xlsx"]


def test_a_folder_that_cannot_be_written_is_read_only(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    with pytest.raises(storage.StorageError) as info:
        storage.write_atomically(tmp_path / "a.pdf", _write("x"))
    assert info.value.code == storage.CODE_READ_ONLY
    assert IN_USE not in str(info.value)


def test_a_full_disk_while_writing_leaves_nothing(tmp_path):
    def full(tmp):
        with open(tmp, "w") as fh:
            fh.write("một nửa")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(storage.StorageError) as info:
        storage.write_atomically(tmp_path / "a.xlsx", full, suffix=".xlsx")
    assert info.value.code == storage.CODE_DISK_FULL
    assert str(info.value) == storage.DISK_FULL
    assert os.listdir(tmp_path) == []


def test_a_cancel_or_a_bug_in_the_writer_passes_through_and_leaves_nothing(tmp_path):
    class Cancelled(Exception):
        pass

    def cancelled(tmp):
        open(tmp, "w").write("x")
        raise Cancelled()

    with pytest.raises(Cancelled):
        storage.write_atomically(tmp_path / "a.pdf", cancelled)
    assert os.listdir(tmp_path) == []


def test_a_temp_file_an_antivirus_holds_is_still_removed(tmp_path, held_open, monkeypatch, fake_time):
    dest = tmp_path / "a.pdf"
    held_open(dest)
    real_unlink = os.unlink
    refused = []

    def unlink(path, *args, **kwargs):
        if not refused:
            refused.append(path)
            raise _refusal(32)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(storage.os, "unlink", unlink)
    with pytest.raises(storage.StorageError):
        storage.write_atomically(dest, _write("x"), sleep=fake_time.sleep, clock=fake_time.clock)
    assert refused and os.listdir(tmp_path) == []


def test_raw_os_errors_are_told_apart():
    in_use = _refusal(32)
    in_use.filename = "C:/bao-cao.xlsx"
    assert IN_USE in storage.explain_storage_error(in_use)
    read_only = PermissionError(errno.EACCES, "Permission denied", "/mnt/usb/a.xlsx")
    assert "chỉ đọc" in storage.explain_storage_error(read_only)
    assert storage.classify_os_error(_refusal(33)) == storage.CODE_FILE_IN_USE
    assert storage.classify_os_error(OSError(errno.EIO, "I/O error")) == storage.CODE_IO_ERROR


def test_save_as_copies_through_the_same_function(tmp_path, held_open, fake_time):
    src = tmp_path / "reports" / "bao-cao.pdf"
    src.parent.mkdir()
    src.write_bytes(b"%PDF-" + b"x" * (3 * 1024 * 1024))
    dest = tmp_path / "usb" / "ban-sao.pdf"
    seen = []
    storage.copy_file_atomically(src, dest, progress=lambda done, total: seen.append((done, total)))
    assert dest.read_bytes() == src.read_bytes()
    assert seen[-1] == (src.stat().st_size, src.stat().st_size) and len(seen) == 4
    assert storage.copy_file_atomically(src, src) == src  # onto itself: nothing to do
    held_open(dest)
    with pytest.raises(storage.StorageError) as info:
        storage.copy_file_atomically(src, dest, sleep=fake_time.sleep, clock=fake_time.clock)
    assert info.value.code == storage.CODE_FILE_IN_USE
    assert sorted(os.listdir(dest.parent)) == ["ban-sao.pdf"]


def test_storage_error_survives_pickling():
    import pickle

    err = storage.StorageError(storage.CODE_FILE_IN_USE, "/x/a.pdf", _refusal(32), 7)
    again = pickle.loads(pickle.dumps(err))
    assert (again.code, again.path, again.attempts, str(again)) == (err.code, err.path, 7, str(err))


# ---- every writer goes through it ----------------------------------------------------------------

def test_report_pdf_and_xlsx_held_open(reports_env, held_open, monkeypatch):
    db, unit, period, tmp_path = reports_env
    from xhht_desktop.reports.cli import generate

    monkeypatch.setattr(storage, "RETRY_SECONDS", 0.0)
    folder = tmp_path / "reports"
    for fmt in ("pdf", "xlsx"):
        out = folder / f"bao-cao.{fmt}"
        generate(db, "progress", unit, period, fmt, out)
        before = out.read_bytes()
        held_open(out)
        with pytest.raises(storage.StorageError) as info:
            generate(db, "progress", unit, period, fmt, out)
        assert info.value.code == storage.CODE_FILE_IN_USE
        assert out.read_bytes() == before
    assert sorted(os.listdir(folder)) == ["bao-cao.pdf", "bao-cao.xlsx"]


def test_template_clc_export_package_and_backup_held_open(reports_env, held_open, monkeypatch):
    db, unit, period, tmp_path = reports_env
    from xhht_desktop.clc.xlsx import export_log_xlsx
    from xhht_desktop.io.xlsx_entry import write_template
    from xhht_desktop.maintenance import backup as bk
    from xhht_desktop.sync import keys

    monkeypatch.setattr(storage, "RETRY_SECONDS", 0.0)
    out = tmp_path / "out"
    out.mkdir()
    writers = {
        "mau.xlsx": lambda p: write_template(db, unit, period.code, p),
        "so-tthtcd.xlsx": lambda p: export_log_xlsx(db, unit.id, None, p),
        "goi.xhht": lambda p: keys.write_file(p, b"package bytes"),
        "bien-nhan.txt": lambda p: keys.write_file(p, "biên nhận"),
    }
    for name, write in writers.items():
        path = out / name
        write(path)
        before = path.read_bytes()
        held_open(path)
        with pytest.raises(storage.StorageError) as info:
            write(path)
        assert info.value.code == storage.CODE_FILE_IN_USE, name
        assert path.read_bytes() == before
    copy = out / "sao-luu.sqlite3"
    bk.backup_database(db, copy)
    held_open(copy)
    with pytest.raises(bk.BackupError, match="đang mở trong chương trình khác"):
        bk.backup_database(db, copy)
    assert sorted(os.listdir(out)) == sorted([*writers, "sao-luu.sqlite3"])


def test_cli_says_the_report_is_open_in_another_program(reports_env, held_open, monkeypatch, capsys):
    db, unit, period, tmp_path = reports_env
    from xhht_desktop.cli import main

    monkeypatch.setattr(storage, "RETRY_SECONDS", 0.0)
    out = tmp_path / "reports" / "bao-cao.pdf"
    args = ["--db", str(tmp_path / "xhht.sqlite3"), "report", "progress", "--period", period.code,
            "--format", "pdf", "--out", str(out)]
    assert main(args) == 0
    held_open(out)
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert IN_USE in err and "chỉ đọc" not in err
    assert os.listdir(out.parent) == ["bao-cao.pdf"]


@pytest.fixture
def reports_env(tmp_path):
    from xhht_desktop.domain.periods import Period
    from xhht_desktop.installation import init_installation, open_app_database
    from xhht_desktop.sample import fill_sample_data

    db = open_app_database(tmp_path / "xhht.sqlite3")
    inst = init_installation(db, "commune", "23353", "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_sample_data(db, inst.unit.id, origin=inst.installation_id)
    yield db, inst.unit, Period(2014, 0), tmp_path
    db.conn.close()


# ---- on Windows itself (the CI workflow .github/workflows/windows.yml runs these) ---------------

windows_only = pytest.mark.skipif(os.name != "nt", reason="real Windows sharing rules")


@windows_only
def test_windows_a_file_open_in_another_handle_is_in_use_then_written_once_closed(tmp_path):
    import threading

    dest = tmp_path / "bao-cao.xlsx"
    dest.write_text("cũ", encoding="utf-8")
    holder = open(dest, "rb")  # Python opens without FILE_SHARE_DELETE, as Excel holds its files
    try:
        with pytest.raises(storage.StorageError) as info:
            storage.write_atomically(dest, _write("mới"))
        assert info.value.code == storage.CODE_FILE_IN_USE
        assert os.listdir(tmp_path) == ["bao-cao.xlsx"]
        # Released within the retry budget (an antivirus letting go): the write goes through.
        threading.Timer(0.3, holder.close).start()
        storage.write_atomically(dest, _write("mới"))
        assert dest.read_text(encoding="utf-8") == "mới"
    finally:
        holder.close()
    assert os.listdir(tmp_path) == ["bao-cao.xlsx"]


@windows_only
def test_windows_the_read_only_attribute_is_read_only(tmp_path):
    dest = tmp_path / "mau.xlsx"
    dest.write_text("cũ", encoding="utf-8")
    os.chmod(dest, stat.S_IREAD)  # sets FILE_ATTRIBUTE_READONLY
    try:
        with pytest.raises(storage.StorageError) as info:
            storage.write_atomically(dest, _write("mới"))
        assert info.value.code == storage.CODE_READ_ONLY
        assert os.listdir(tmp_path) == ["mau.xlsx"]
    finally:
        os.chmod(dest, stat.S_IREAD | stat.S_IWRITE)
