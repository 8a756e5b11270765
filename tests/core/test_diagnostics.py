"""The log without Qt (xhht_desktop.diagnostics): a few MB kept, rotation that survives Windows
refusing it, the command line logging to the same file, hooks that never need stderr."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from xhht_desktop import diagnostics


@pytest.fixture
def logs(tmp_path):
    folder = tmp_path / "userdata" / "logs"
    yield folder
    diagnostics.shutdown_logging()


def test_the_log_lives_in_the_data_folder_and_keeps_a_few_mb(logs, monkeypatch):
    monkeypatch.setattr(diagnostics, "LOG_MAX_BYTES", 20_000)
    path = diagnostics.setup_logging("gui")
    assert path == logs / "xhht.log"
    assert diagnostics.setup_logging("gui") == path  # once per process
    big = "x" * 1000
    for i in range(200):
        logging.getLogger("xhht.test").info("dòng %d %s", i, big)
    names = sorted(p.name for p in logs.iterdir())
    assert names == ["xhht.log", "xhht.log.1", "xhht.log.2", "xhht.log.3"]  # 1 + 3 kept
    assert all((logs / n).stat().st_size <= 20_000 + 2000 for n in names if n.startswith("xhht"))
    assert "dòng 199" in diagnostics.last_log_lines(1)[0]


def test_a_rotation_refused_by_windows_loses_no_record(logs, monkeypatch):
    monkeypatch.setattr(diagnostics, "LOG_MAX_BYTES", 5_000)
    monkeypatch.setattr(sys, "stderr", None)
    diagnostics.setup_logging("gui")
    handler = diagnostics._State.handler

    def refuse(source, dest):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    handler.rotator = refuse  # the CLI holds xhht.log open in another process
    for i in range(50):
        logging.getLogger("xhht.test").info("bản ghi %d %s", i, "y" * 200)
    text = (logs / "xhht.log").read_text(encoding="utf-8")
    assert all(f"bản ghi {i} " in text for i in range(50))
    assert not (logs / "xhht.log.1").exists()


def test_a_folder_that_cannot_be_written_means_no_log_not_a_failure(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert diagnostics.setup_logging("gui", blocker / "logs") is None
    assert diagnostics.log_file() is None and diagnostics.last_log_lines() == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # pytest's hook, chained
def test_hooks_log_and_never_need_stderr(logs, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    diagnostics.setup_logging("gui")
    shown = []
    hooks = diagnostics.ErrorHooks(shown.append)
    try:
        raise ValueError("số liệu lạ")
    except ValueError as exc:
        hooks.sys_hook(type(exc), exc, exc.__traceback__)
    thread = threading.Thread(target=lambda: 1 / 0, name="nhan-goi")
    previous = threading.excepthook
    hooks.install()
    try:
        thread.start()
        thread.join()
    finally:
        hooks.uninstall()
    assert threading.excepthook is previous
    assert len(shown) == 2 and "ValueError: số liệu lạ" in shown[0] and "ZeroDivisionError" in shown[1]
    text = (logs / "xhht.log").read_text(encoding="utf-8")
    assert "ValueError: số liệu lạ" in text and "in thread nhan-goi" in text


def test_a_failing_dialog_does_not_break_the_hook(logs, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    diagnostics.setup_logging("gui")

    def broken(text):
        raise RuntimeError("no display")

    hooks = diagnostics.ErrorHooks(broken)
    try:
        raise KeyError("k")
    except KeyError as exc:
        hooks.sys_hook(type(exc), exc, exc.__traceback__)
    text = (logs / "xhht.log").read_text(encoding="utf-8")
    assert "KeyError: 'k'" in text and "The error dialog could not be shown" in text


def test_the_cli_logs_to_the_same_file(logs, tmp_path, capsys):
    db = tmp_path / "xhht.sqlite3"
    assert diagnostics.run_cli(["--db", str(db), "init", "--role", "commune", "--unit", "23353",
                                "--official", "Y Blong"]) == 0
    assert diagnostics.run_cli(["--db", str(db), "values", "--period", "2099"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:")
    text = (logs / "xhht.log").read_text(encoding="utf-8")
    assert "(cli) started" in text and "cli init: exit 0" in text
    assert "xhht.cli: " + err.splitlines()[0] in text  # what the official saw
    assert "cli values: exit" in text
    assert str(tmp_path) not in text.split("xhht.cli:")[0]  # arguments (paths) are not logged


def test_an_unexpected_cli_error_is_logged_and_explained_without_stderr(logs, tmp_path, monkeypatch):
    import xhht_desktop.cli as cli

    def crash(argv):
        raise RuntimeError("điều không lường trước")

    monkeypatch.setattr(cli, "main", crash)
    monkeypatch.setattr(sys, "stderr", None)
    assert diagnostics.run_cli(["check"]) == 1
    text = (logs / "xhht.log").read_text(encoding="utf-8")
    assert "RuntimeError: điều không lường trước" in text and "cli check: exit 1" in text


def test_the_bundle_checks_write_nothing_in_the_data_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        diagnostics.run_cli(["--version"])
    assert info.value.code == 0
    assert not (tmp_path / "userdata").exists()


def test_the_error_report_carries_version_os_python_and_the_log(logs):
    from xhht_desktop import __version__

    diagnostics.setup_logging("gui")
    logging.getLogger("xhht.test").warning("điều đã xảy ra trước lỗi")
    text = diagnostics.error_report("Traceback …\nValueError: x", extra={"Qt": "6.11.3"})
    assert text.startswith(f"XHHT Desktop {__version__}\n")
    for part in ("Hệ điều hành:", "Python:", "Qt: 6.11.3", f"Thư mục nhật ký: {logs}", "ValueError: x",
                 "điều đã xảy ra trước lỗi"):
        assert part in text


def test_faulthandler_goes_to_crash_log_only_when_no_console_gets_it(logs, monkeypatch):
    import faulthandler

    assert faulthandler.is_enabled()  # pytest's, on the console
    diagnostics.setup_logging("gui")
    assert diagnostics.crash_file() is None and faulthandler.is_enabled()  # left to pytest
    diagnostics.shutdown_logging()
    # The windowed build: no console. (The real crash is tested in a subprocess, test_error_hook.)
    monkeypatch.setattr(sys, "stderr", None)
    diagnostics.setup_logging("gui")
    try:
        assert diagnostics.crash_file() == logs / "crash.log" and (logs / "crash.log").exists()
    finally:
        diagnostics.shutdown_logging()
    assert faulthandler.is_enabled()  # handed back
