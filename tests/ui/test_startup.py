"""Start-up (ui.app.run): the window is on screen before the database is opened, the first-run
wizard still leads to the main window, and the daily copy is taken in a worker after the window
shows its content — without racing a restore or outliving the application."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from xhht_desktop.maintenance import backup as bk
from ui import app as ui_app
from ui import main_window as mw


class _Driver(QObject):
    """Watches the running app: records the main window's first paint and calls `step` every
    30 ms (on the GUI thread) until it returns True; a 60 s guard quits a stuck loop."""

    def __init__(self, app, step):
        super().__init__()
        self.app = app
        self.step = step
        self.first_paint_state = None
        self.window = None
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(30)
        self.guard = QTimer()
        self.guard.setSingleShot(True)
        self.guard.timeout.connect(lambda: self.app.exit(99))
        self.guard.start(60_000)
        app.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt API
        if self.first_paint_state is None and event.type() == QEvent.Type.Paint \
                and isinstance(obj, mw.MainWindow):
            self.window = obj
            self.first_paint_state = self.on_first_paint(obj)
        return False

    def on_first_paint(self, window):
        return None

    def _tick(self):
        if self.step(self):
            self.timer.stop()

    def stop(self):
        self.timer.stop()
        self.guard.stop()
        self.app.removeEventFilter(self)


def _event_loops_still_work() -> bool:
    """After run(): no quit left queued that would end the next event loop at once."""
    from PySide6.QtCore import QEventLoop

    fired = []
    loop = QEventLoop()
    QTimer.singleShot(20, lambda: (fired.append(True), loop.quit()))
    loop.exec()
    return fired == [True]


def _fill_wizard(wizard) -> None:
    wizard.role_page.buttons["commune"].setChecked(True)
    wizard.next()
    page = wizard.unit_page
    page.search_edit.setText("dak pek")
    row = next(i for i in range(page.unit_list.count())
               if page.unit_list.item(i).text().startswith("Xã Đắk Pék (23353, "))  # an old unit: listed with its dates
    page.unit_list.setCurrentRow(row)
    wizard.next()
    wizard.official_page.name_edit.setText("Y Blong")
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_first_run_frame_first_then_wizard_then_the_main_window(qapp, db_path, monkeypatch):
    monkeypatch.delenv("XHHT_NO_FIRST_RUN_DIALOGS")
    seen = {}

    def step(driver):
        modal = QApplication.activeModalWidget()
        if "wizard" not in seen and modal is not None and type(modal).__name__ == "FirstRunWizard":
            seen["wizard"] = True
            seen["window_visible_under_wizard"] = driver.window is not None and driver.window.isVisible()
            _fill_wizard(modal)
            return False
        window = driver.window
        if window is not None and window.ctx is not None and "attached" not in seen:
            seen["attached"] = True
            seen["header"] = window.unit_label.text()
            seen["pages"] = [type(p).__name__ for p in window.pages.values()]
            seen["copies_when_filled"] = bk.list_backups(db_path)
            return False
        if "attached" in seen and bk.list_backups(db_path) and not mw.daily_backups_running:
            window.close()
            return True
        return False

    driver = _Driver(qapp, step)
    driver.on_first_paint = lambda window: (db_path.exists(), window.ctx)
    try:
        code = ui_app.run(["--db", str(db_path)])
    finally:
        driver.stop()

    # The frame was painted before the database file was even created.
    assert driver.first_paint_state == (False, None)
    assert seen.get("wizard") and seen["window_visible_under_wizard"]
    assert seen["header"] == "Xã Đắk Pék"
    assert seen["pages"] == ["DashboardPage"]
    assert seen["copies_when_filled"] == []
    assert code == 0
    assert _event_loops_still_work()
    from xhht_desktop.installation import get_installation, open_app_database

    db = open_app_database(db_path)
    try:
        assert get_installation(db).unit.code == "23353"
    finally:
        db.conn.close()
    # The daily copy, taken in a worker once the window showed its content.
    assert [b.kind for b in bk.list_backups(db_path)] == ["daily"]


def test_cancelling_the_wizard_closes_the_app_and_sets_nothing_up(qapp, db_path, monkeypatch):
    monkeypatch.delenv("XHHT_NO_FIRST_RUN_DIALOGS")

    def step(driver):
        modal = QApplication.activeModalWidget()
        if modal is not None and type(modal).__name__ == "FirstRunWizard":
            modal.reject()
            return True
        return False

    driver = _Driver(qapp, step)
    driver.on_first_paint = lambda window: True
    try:
        code = ui_app.run(["--db", str(db_path)])
    finally:
        driver.stop()
    assert code == 0
    assert driver.first_paint_state is not None  # the frame was shown under the wizard
    assert bk.list_backups(db_path) == []
    from xhht_desktop.installation import get_installation, open_app_database

    db = open_app_database(db_path)
    try:
        assert get_installation(db) is None
    finally:
        db.conn.close()


@pytest.fixture
def installed(commune_db, db_path):
    commune_db.conn.close()  # run() opens its own
    return db_path


def test_a_restore_asked_for_during_the_daily_copy_waits_for_it(qapp, installed, monkeypatch):
    """The copy holds a connection; a restore meanwhile would be refused as "open elsewhere"."""
    release = threading.Event()
    copying = threading.Event()
    real = bk.daily_backup_at_start

    def slow_daily_backup(db, db_path):
        copying.set()
        release.wait(30)
        return real(db, db_path)

    monkeypatch.setattr(bk, "daily_backup_at_start", slow_daily_backup)
    seen = {}
    from ui.dialogs import backup_restore

    def fake_restore(parent, ctx):
        seen["daily_running_when_restore_opened"] = mw.daily_backups_running.copy()
        seen["daily_copies"] = [b.kind for b in bk.list_backups(ctx.db_path)]

    monkeypatch.setattr(backup_restore, "restore_from_file", fake_restore)

    def step(driver):
        window = driver.window
        if window is None or window.ctx is None or not copying.is_set():
            return False
        assert window.daily_backup_running
        QTimer.singleShot(200, release.set)  # the copy ends while the official waits
        window.restore_backup()
        window.close()
        return True

    driver = _Driver(qapp, step)
    try:
        code = ui_app.run(["--db", str(installed)])
    finally:
        release.set()
        driver.stop()
    assert code == 0
    assert seen == {"daily_running_when_restore_opened": set(), "daily_copies": ["daily"]}


def test_closing_at_once_waits_for_the_daily_copy_instead_of_crashing(qapp, installed, monkeypatch):
    copying = threading.Event()
    real = bk.daily_backup_at_start

    def slow_daily_backup(db, db_path):
        copying.set()
        threading.Event().wait(0.5)
        return real(db, db_path)

    monkeypatch.setattr(bk, "daily_backup_at_start", slow_daily_backup)

    def step(driver):
        if copying.is_set():
            driver.window.close()
            return True
        return False

    driver = _Driver(qapp, step)
    try:
        code = ui_app.run(["--db", str(installed)])
    finally:
        driver.stop()
    assert code == 0
    assert [b.kind for b in bk.list_backups(installed)] == ["daily"]
    assert not mw.daily_backups_running


def test_an_unopenable_database_is_explained_over_the_frame(qapp, tmp_path, monkeypatch):
    path = tmp_path / "not-a-database.sqlite3"
    path.write_bytes(b"this is a spreadsheet, not a database" * 10)
    shown = []
    from ui.widgets import messages

    monkeypatch.setattr(messages, "error", lambda parent, text, details="": shown.append((parent, text)))
    assert ui_app.run(["--db", str(path)]) == 1
    assert len(shown) == 1 and "không phải là cơ sở dữ liệu" in shown[0][1]
    assert isinstance(shown[0][0], mw.MainWindow)  # over the window, not a lone box
    assert path.read_bytes() == b"this is a spreadsheet, not a database" * 10


def test_the_frame_then_the_saved_language(qapp, installed, monkeypatch):
    """The frame is drawn before the database (and so the language) is read; once it is open, the
    window speaks the saved language: menus and header are rebuilt in English."""
    from xhht_desktop.installation import open_app_database
    from ui import i18n

    db = open_app_database(installed)
    i18n.save_language(db, "en")
    db.conn.close()
    seen = {}

    def step(driver):
        window = driver.window
        if window is None or window.ctx is None:
            return False
        seen["menus"] = [a.text() for a in window.menuBar().actions()]
        seen["caption"] = window.period_caption.text()
        window.close()
        return True

    driver = _Driver(qapp, step)
    driver.on_first_paint = lambda window: [a.text() for a in window.menuBar().actions()]
    try:
        code = ui_app.run(["--db", str(installed)])
    finally:
        driver.stop()
        i18n.install_language("vi")
    assert code == 0
    assert _event_loops_still_work()
    assert driver.first_paint_state == ["&Tệp", "Trợ &giúp"]  # same height, same place
    assert seen == {"menus": ["&File", "&Help"], "caption": "Reporting period"}


# ---- start to the first page's figures (issue 15) --------------------------------------------------

_CHILD = r'''
import gc, json, sys
sys.path.insert(0, sys.argv[2])
import ui.app as ui_app
from ui.main_window import MainWindow

seen = {}
real_attach = MainWindow.attach


def attach(self, ctx):
    seen["collecting_while_starting"] = gc.isenabled()
    real_attach(self, ctx)

    def shown():
        page = self.pages[0]
        seen.update(page=type(page).__name__, busy=page.busy, period=page.data.period.code if page.data else None,
                    heading=page.heading.text(), tiles={k: v.text() for k, v in page.tiles.items()},
                    values={code: w.value.text() for code, w in page.rows.items()},
                    modules=sorted(m for m in ("xhht_desktop.writer", "xhht_desktop.domain.agencies",
                                               "ui.widgets.messages") if m in sys.modules))
        self.close()

    self.after_content_shown(shown)


MainWindow.attach = attach
code = ui_app.run(["--db", sys.argv[1]])
seen["collecting_after"] = gc.isenabled() or sys.modules["ui.tasks"].gui_thread_collects()
print("SEEN " + json.dumps(seen, ensure_ascii=False))
sys.exit(code)
'''


def test_a_departments_first_page_shows_its_figures_and_start_up_loads_only_what_they_need(db, db_path):
    """In a fresh process, as the app starts: the Department's dashboard computes its figures in a
    worker and the window says it shows its content once they are painted (the row of a figure
    saved below shows it). Until then the window imported nothing those figures do not need (the
    writer's module, the agencies, the message boxes) and Python's automatic garbage collection
    was off (ui.app.CollectionPause); afterwards garbage is collected again."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from xhht_desktop.db import units_repo, values_repo
    from xhht_desktop.db.aggregate import compute_values
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.domain.values import Entry
    from xhht_desktop.installation import init_installation_by_key

    ward = units_repo.unit_by_key(db, "23293@2025-07-01")  # Phường Kon Tum, below Quảng Ngãi
    rate = next(r.indicator for r in compute_values(db, ward.id, parse_period("2025"))
                if r.kind == "rate" and r.breakdown is None)
    values_repo.save_entries(db, ward.id, "2025", [Entry(rate, None, 45, 50)], actor="test", origin="t")
    inst = init_installation_by_key(db, "department", "51@2025-07-01", "Trần Thị B", "Chuyên viên")
    values_repo.save_entries(db, inst.unit.id, "2025", [Entry(rate, None, 45, 50)], actor="test", origin="t")
    db.conn.close()
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(db_path), str(root)], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen", XHHT_NO_FIRST_RUN_DIALOGS="1"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(next(line[5:] for line in proc.stdout.splitlines() if line.startswith("SEEN ")))
    assert seen["page"] == "DashboardPage" and not seen["busy"] and seen["period"] == "2025"
    assert "2025" in seen["heading"]
    assert seen["tiles"] and "–" not in seen["tiles"].values()  # the counts, not the placeholder
    assert "90,00%" in seen["values"][rate]  # 90/100 from the ward and the province's own row
    assert seen["modules"] == []
    assert seen["collecting_while_starting"] is False and seen["collecting_after"] is True


def test_the_dashboard_and_its_sections_import_without_building_pysides_qt_namespace():
    """Building PySide6's `Qt` namespace (all its enums) holds the interpreter's lock ~13 ms; the
    dashboard imports its sections' module on a worker while its first figures are computed and
    shown, so neither module may build it when imported (only their rows use it)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import PySide6.QtCore as core; "
            "import ui.pages.dashboard, ui.widgets.clc_summary; print('Qt' in core.__dict__)")
    proc = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["False"]


def test_collection_pause_gives_collection_back_unless_the_gui_thread_collects(monkeypatch):
    import gc

    from ui import tasks

    was = gc.isenabled()
    try:
        gc.enable()
        monkeypatch.setattr(tasks._GuiThreadGarbageCollector, "_instance", None)
        pause = ui_app.CollectionPause()
        assert not gc.isenabled()
        pause.end()
        assert gc.isenabled()
        pause.end()  # twice: nothing more
        assert gc.isenabled()
        pause = ui_app.CollectionPause()
        monkeypatch.setattr(tasks._GuiThreadGarbageCollector, "_instance", object())  # a worker started meanwhile
        pause.end()
        assert not gc.isenabled()  # ui.tasks collects on the GUI thread from now on
        gc.disable()
        pause = ui_app.CollectionPause()  # already off (tests, or ui.tasks): left as it is
        pause.end()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("argv", [[], ["--db", "/data/xhht.sqlite3"], ["--db=C:\\XHHT\\xhht.sqlite3"], ["--self-test"],
                                  ["--gui", "--db", "dữ liệu.sqlite3"], ["--db", ""], ["--gui", "--gui"]])
def test_the_usual_command_lines_are_read_as_argparse_reads_them(argv):
    import argparse
    from pathlib import Path

    reference = argparse.ArgumentParser(prog="xhht")
    reference.add_argument("--db", type=Path, default=None)
    reference.add_argument("--self-test", action="store_true")
    reference.add_argument("--gui", action="store_true")
    expected, _unknown = reference.parse_known_args(argv)
    assert ui_app._plain_args(argv) == expected
    assert ui_app.parse_args(argv) == expected


@pytest.mark.parametrize("argv", [["--help"], ["--self"], ["-style", "fusion"], ["--db"], ["--db", "-style"], ["x"]])
def test_anything_else_is_left_to_argparse(argv):
    assert ui_app._plain_args(argv) is None
