"""Diagnostics of the window (issue 13 point 4): an unexpected error reaches the log and the official
even in the windowed Windows build, where `sys.stderr` and `sys.stdout` are None. The hook is the
real one (ui.app.Diagnostics), never patched out; a hard crash lands in crash.log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from xhht_desktop import __version__, diagnostics
from ui import app as ui_app
from ui.dialogs import error_report

ROOT = Path(__file__).resolve().parents[2]


def _error_dialogs():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, error_report.ErrorDialog) and w.isVisible()]


@pytest.fixture
def windowed_build(monkeypatch, tmp_path, qapp):
    """As XHHT.exe runs: no stderr, no stdout; the real hooks installed by ui.app."""
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    diag = ui_app.Diagnostics()
    diag.attach(qapp)
    yield diag
    for dialog in _error_dialogs():
        dialog.close()
    diag.uninstall()
    diagnostics.shutdown_logging()


def _log_text() -> str:
    return "\n".join(diagnostics.last_log_lines(400))


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_with_no_stderr(windowed_build, qtbot, tmp_path):
    assert sys.excepthook == windowed_build.hooks.sys_hook  # the real hook, not a test double
    log_path = tmp_path / "userdata" / "logs" / "xhht.log"
    assert windowed_build.log_path == log_path

    def boom():
        raise ZeroDivisionError("chia cho 0 trong một slot")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: bool(_error_dialogs()), timeout=5000)
    dialog = _error_dialogs()[0]
    assert "Đã xảy ra lỗi không mong muốn" in dialog.message.text()
    assert str(log_path) in dialog.hint.text()
    assert "ZeroDivisionError: chia cho 0 trong một slot" in dialog.details.toPlainText()
    text = log_path.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "Traceback (most recent call last)" in text
    assert "ZeroDivisionError: chia cho 0 trong một slot" in text

    assert dialog.copy_button.text() == "Sao chép thông tin lỗi"
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert f"XHHT Desktop {__version__}" in copied
    assert "Hệ điều hành:" in copied and "Python:" in copied
    assert "Qt: 6." in copied and "PySide6: 6." in copied
    assert "ZeroDivisionError: chia cho 0 trong một slot" in copied
    # The log's last lines, the error's own record among them.
    assert "dòng cuối của nhật ký:" in copied
    tail = copied.split("dòng cuối của nhật ký:", 1)[1]
    assert "Unhandled exception" in tail and "started" in tail


@pytest.mark.qt_no_exception_capture
def test_errors_while_the_dialog_is_open_are_added_to_it(windowed_build, qtbot):
    def boom(n):
        raise RuntimeError(f"lỗi số {n}")

    QTimer.singleShot(0, lambda: boom(1))
    qtbot.waitUntil(lambda: bool(_error_dialogs()), timeout=5000)
    QTimer.singleShot(0, lambda: boom(2))
    qtbot.waitUntil(lambda: len(_error_dialogs()[0].errors) == 2, timeout=5000)
    assert len(_error_dialogs()) == 1
    assert "Đã xảy ra 2 lỗi không mong muốn" in _error_dialogs()[0].message.text()
    assert "lỗi số 1" in _error_dialogs()[0].details.toPlainText()
    assert "lỗi số 2" in _error_dialogs()[0].details.toPlainText()


@pytest.mark.qt_no_exception_capture
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # pytest's hook, chained
def test_an_error_in_a_worker_thread_reaches_the_gui_thread(windowed_build, qtbot):
    def work():
        raise KeyError("khóa không có")

    thread = threading.Thread(target=work, name="worker-13")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(_error_dialogs()), timeout=5000)
    assert "KeyError: 'khóa không có'" in _error_dialogs()[0].details.toPlainText()
    assert "in thread worker-13" in _log_text()


def test_qt_warnings_go_to_the_log(windowed_build, qtbot):
    from PySide6.QtCore import qWarning

    qWarning("cảnh báo của Qt số 13")
    assert "WARNING" in _log_text() and "qt: cảnh báo của Qt số 13" in _log_text()


def test_uninstall_puts_the_previous_hooks_back(tmp_path, qapp):
    before_sys, before_threading = sys.excepthook, threading.excepthook
    diag = ui_app.Diagnostics()
    diag.attach(qapp)
    assert sys.excepthook != before_sys and threading.excepthook != before_threading
    diag.uninstall()
    diagnostics.shutdown_logging()
    assert sys.excepthook == before_sys and threading.excepthook == before_threading


def test_help_menu_opens_the_logs_folder(qtbot, commune_db, db_path, monkeypatch, tmp_path):
    from ui.app import create_main_window

    diagnostics.setup_logging("gui")
    opened = []
    monkeypatch.setattr(error_report.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    try:
        actions = {a.text(): a for a in window.help_menu.actions()}
        actions["Mở thư mục &nhật ký"].trigger()
        assert [Path(u.toLocalFile()) for u in opened] == [tmp_path / "userdata" / "logs"]
        assert (tmp_path / "userdata" / "logs" / "xhht.log").is_file()
    finally:
        diagnostics.shutdown_logging()


# ---- the real application in its own process, as the windowed build runs it ----------------------

_WINDOWED_APP = textwrap.dedent("""
    import json, sys
    sys.stdout = None
    sys.stderr = None
    sys.path.insert(0, {root!r})
    out = {out!r}
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    import main
    import ui.app

    made = ui.app.make_application

    def make(argv):
        app = made(argv)

        def boom():
            raise ValueError("lỗi thử trong bản không có cửa sổ dòng lệnh")

        def check():
            from ui.dialogs.error_report import ErrorDialog
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]
            if not dialogs:
                QTimer.singleShot(50, check)
                return
            dialogs[0].copy_button.click()
            with open(out, "w", encoding="utf-8") as fh:
                json.dump({{"message": dialogs[0].message.text(),
                           "button": "Sao chép thông tin lỗi",
                           "clipboard": QGuiApplication.clipboard().text()}}, fh, ensure_ascii=False)
            for w in QApplication.topLevelWidgets():
                w.close()
            app.quit()

        QTimer.singleShot(1500, boom)
        QTimer.singleShot(1600, check)
        QTimer.singleShot(60000, lambda: app.exit(99))
        return app

    ui.app.make_application = make
    sys.argv = ["XHHT", "--db", {db!r}]
    sys.exit(main.main())
""")


def test_windowed_build_crash_reaches_the_user_and_the_log(tmp_path, commune_db, db_path):
    commune_db.conn.close()
    out = tmp_path / "result.json"
    data = tmp_path / "appdata"
    script = _WINDOWED_APP.format(root=str(ROOT), out=str(out), db=str(db_path))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XHHT_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stderr == "" and done.stdout == ""  # nothing could be written there
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "Đã xảy ra lỗi không mong muốn" in result["message"]
    assert "ValueError: lỗi thử trong bản không có cửa sổ dòng lệnh" in result["clipboard"]
    assert f"XHHT Desktop {__version__}" in result["clipboard"]
    log = (data / "logs" / "xhht.log").read_text(encoding="utf-8")
    assert "(gui) started" in log
    assert "ValueError: lỗi thử trong bản không có cửa sổ dòng lệnh" in log
    assert "window closed" in log


def test_a_hard_crash_is_written_to_crash_log_with_no_stderr(tmp_path):
    data = tmp_path / "appdata"
    script = textwrap.dedent(f"""
        import sys
        sys.stdout = None
        sys.stderr = None
        sys.path.insert(0, {str(ROOT)!r})
        from xhht_desktop import diagnostics
        diagnostics.setup_logging("gui")
        import faulthandler
        faulthandler._sigsegv()
    """)
    env = dict(os.environ, XHHT_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    crash = (data / "logs" / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in crash or "Windows fatal exception" in crash
    assert "<string>" in crash  # the Python stack of the crash


def test_a_failure_while_the_window_starts_is_logged_before_run_raises(tmp_path, monkeypatch, qapp):
    """_Startup keeps the exception and run() raises it after the loop, when the hooks are gone:
    it must reach the log first (the windowed build would otherwise lose it)."""
    def broken(db_path, parent=None):
        raise RuntimeError("không mở được vì một lỗi lập trình")

    monkeypatch.setattr(ui_app, "_open_database_or_explain", broken)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        with pytest.raises(RuntimeError, match="lỗi lập trình"):
            ui_app.run(["--db", str(tmp_path / "x.sqlite3")])
        text = (tmp_path / "userdata" / "logs" / "xhht.log").read_text(encoding="utf-8")
        assert "RuntimeError: không mở được vì một lỗi lập trình" in text
        assert "window closed" in text
    finally:
        diagnostics.shutdown_logging()
