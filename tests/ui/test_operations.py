"""Reads and writes as operations: nothing is written through the GUI thread's connection, a save
made while a merge holds the writer waits, says so, and the window stays live meanwhile."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity
from xhht_desktop.db import meta, values_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.writer import Changes, Outcome
from ui.widgets import messages

WRITES = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}


@pytest.fixture
def main_window(qtbot, commune_db, db_path, monkeypatch):
    from ui.app import create_main_window

    # A failed test must not leave a "save your changes?" question open when the window closes.
    monkeypatch.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)
    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 0))
    yield ctx, window
    ctx.close_writer()


@pytest.fixture
def gui_connection_refuses_writes(main_window):
    """Any INSERT/UPDATE/DELETE through ctx.db (the GUI thread's connection) fails loudly."""
    ctx, _window = main_window
    attempts = _refuse_writes(ctx.db.conn)
    yield attempts
    ctx.db.conn.set_authorizer(None)


def _refuse_writes(conn) -> list[int]:
    """Make `conn` deny INSERT/UPDATE/DELETE; returns the list the refused attempts are added to."""
    attempts: list[int] = []

    def authorizer(action, *_args):
        if action in WRITES:
            attempts.append(action)
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    conn.set_authorizer(authorizer)
    return attempts


def test_no_page_writes_through_the_gui_threads_connection(qtbot, main_window, gui_connection_refuses_writes,
                                                         monkeypatch, settle):
    ctx, window = main_window
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    errors = []
    monkeypatch.setattr(messages, "error", lambda *a, **k: errors.append(a))
    monkeypatch.setattr(messages, "warn", lambda *a, **k: errors.append(a))
    unit = ctx.installation.unit

    entry = window.open_page("EntryPage")
    row = entry.rows[("XMC_15_60", None)]
    row.numerator.setText("3000")
    row.denominator.setText("4000")
    assert entry.save()
    settle(ctx)
    entry.complete_box.click()
    settle(ctx)
    assert values_repo.load_entries(ctx.db, unit.id, "2014")[("XMC_15_60", None)].numerator == 3000
    assert values_repo.is_complete(ctx.db, unit.id, "2014")

    settings = window.open_page("SettingsPage")
    settings.official_edit.setText("Nguyễn Thị Hoa")
    assert settings.save()
    assert meta.get(ctx.db, "official_name") == "Nguyễn Thị Hoa"

    # The learning-centre log: delete, undo (the core's), redo.
    ctx.set_period(Period(2014, 1))
    a = ctx.writer.run("seed", lambda db, _p: repo.add_activity(
        db, unit.id, Activity(date=dt.date(2014, 3, 5), title="Chuyên đề", category="agri_tech", format="topic",
                              sessions=1, visits=5), actor="t", origin="o", today=dt.date(2014, 12, 31))).value
    clc = window.open_page("ClcPage")
    clc.refresh()
    settle(ctx)
    clc.select_uuids([a.uuid])
    clc.delete_selected()
    settle(ctx)
    assert repo.get_activity(ctx.db, a.uuid).deleted
    clc.undo()
    settle(ctx)
    assert not repo.get_activity(ctx.db, a.uuid).deleted
    assert [x.uuid for x in clc.model.visible_activities()] == [a.uuid]
    assert clc.selected_uuids() == [a.uuid]

    # The report's written sections ("Đánh giá, kiến nghị"), saved from their dialog.
    from ui.dialogs import report_print
    from xhht_desktop.reports import narrative

    def write(dialog):
        dialog.edits["kien_nghi_de_xuat"].setPlainText("Đề nghị hỗ trợ tài liệu.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(report_print.NarrativeDialog, "exec", write)
    reports = window.open_page("ReportsPage")
    reports.unit.setCurrentIndex(reports.unit.findData(unit.id))
    assert reports.edit_narrative()
    period = reports.selected_period().code
    assert narrative.load(ctx.db, unit.id, period)["kien_nghi_de_xuat"] == "Đề nghị hỗ trợ tài liệu."

    assert gui_connection_refuses_writes == [] and errors == []


def test_the_departments_targets_dialog_writes_through_the_writer_only(qtbot, tmp_path, monkeypatch):
    """Danh mục và chỉ tiêu with the GUI thread's connection refusing writes: the Department saves a
    target, publishes and writes the receipts; the commune applies the update; all of it is stored."""
    from tests.core.test_returns import IND, World
    from ui.context import AppContext
    from ui.dialogs.returns import ApplyDepartmentFilesDialog, CatalogueTargetsDialog
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.installation import open_app_database

    shown = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: shown.append((_n, text)))
    w = World(tmp_path)
    so = AppContext(open_app_database(w.so), w.so, parse_period("2026"))
    refused = _refuse_writes(so.db.conn)
    try:
        dialog = CatalogueTargetsDialog(so)
        qtbot.addWidget(dialog)
        row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == IND)
        dialog.table.item(row, dialog.FIRST_TARGET + 1).setText("45")  # target 2030
        assert dialog.save()
        assert so.db.conn.execute("SELECT value, draft, source FROM indicator_targets WHERE indicator=? "
                                  "AND target_year=2030", (IND,)).fetchone() == (45.0, 0, "department")
        assert dialog.table.item(row, dialog.FIRST_TARGET + 1).text() == "45" and not dialog.changed_cells()
        dialog.table.item(row, dialog.FIRST_TARGET + 1).setText("mười")  # not a number: a message, nothing stored
        assert not dialog.save()
        assert shown[-1][0] == "warn"
        dialog.table.item(row, dialog.FIRST_TARGET + 1).setText("50")
        out = tmp_path / "usb"
        out.mkdir()
        dialog.publish(str(out))  # saves the edited cell, then publishes
        assert shown[-1][1].startswith("Đã phát hành bản cập nhật danh mục số 1"), shown
        [update] = list(out.glob("*.xhhtu"))
        assert so.db.conn.execute("SELECT version FROM reference_updates WHERE direction='published'").fetchall() \
            == [(1,)]
        sent = tmp_path / "gui"
        sent.mkdir()
        dialog.send(str(sent))
        assert shown[-1][0] == "info", shown
        assert refused == []
    finally:
        so.close_writer()
        so.db.conn.close()

    xa = AppContext(open_app_database(w.xa), w.xa, parse_period("2026"))
    refused = _refuse_writes(xa.db.conn)
    try:
        check = ApplyDepartmentFilesDialog(xa, [update])
        qtbot.addWidget(check)
        check.apply()
        assert "đã áp dụng" in check.text.toPlainText()
        assert xa.db.conn.execute("SELECT value, draft FROM indicator_targets WHERE indicator=? AND target_year=2030",
                                  (IND,)).fetchone() == (50.0, 0)
        assert refused == []
    finally:
        xa.close_writer()
        xa.db.conn.close()


def _hold_the_writer(ctx, label="Nhập các gói"):
    """A long merge holding the writer until `release` is set."""
    started, release = threading.Event(), threading.Event()

    def merge_holding_the_writer(_db, _progress):
        started.set()
        release.wait(20)
        return Outcome(Changes(sync=True))

    ctx.writer.submit(label, merge_holding_the_writer)
    assert started.wait(10)
    return release


def _stored_numerator(ctx, unit, key=("XMC_15_60", None)):
    entry = values_repo.load_entries(ctx.db, unit.id, "2014").get(key)
    return entry.numerator if entry is not None else None


def test_a_save_during_a_merge_waits_says_so_and_the_window_stays_live(qtbot, main_window, settle):
    ctx, window = main_window
    unit = ctx.installation.unit
    release = _hold_the_writer(ctx)
    said = []
    original = window.show_status
    window.show_status = lambda text, msec=8000: (said.append(text), original(text, msec))
    entry = window.open_page("EntryPage")
    entry.rows[("XMC_15_60", None)].numerator.setText("1200")
    entry.rows[("XMC_15_60", None)].denominator.setText("1500")
    beats = []
    heartbeat = QTimer()

    def beat() -> None:
        beats.append(1)
        if len(beats) == 10:
            release.set()  # the merge ends once the window has turned ten times meanwhile

    heartbeat.timeout.connect(beat)
    heartbeat.start(10)
    safety = threading.Timer(20, release.set)  # if the window froze, the test ends (and fails below)
    safety.start()
    assert window.save_current()  # Ctrl+S returns at once: the save is queued, not waited for
    assert said[0] == "Đang chờ «Nhập các gói» xong rồi lưu…"  # said so while waiting
    assert entry.save_button.text() == "Đang lưu…" and not entry.save_button.isEnabled()
    assert entry.cancel_save_button.isVisibleTo(entry) and not entry.tabs.isEnabled()
    qtbot.waitUntil(lambda: entry.pending_save is None, timeout=20000)
    heartbeat.stop()
    safety.cancel()
    assert len(beats) >= 10  # the event loop kept turning while the save waited
    assert said[-1].startswith("Đã lưu kỳ 2014")
    assert entry.save_button.isEnabled() and entry.tabs.isEnabled() and not entry.cancel_save_button.isVisibleTo(entry)
    assert _stored_numerator(ctx, unit) == 1200 and not entry.has_unsaved_changes()
    settle(ctx)


def test_a_second_ctrl_s_while_a_save_is_pending_writes_once(qtbot, main_window, settle, monkeypatch):
    ctx, window = main_window
    unit = ctx.installation.unit
    calls = []
    real = values_repo.save_entries
    monkeypatch.setattr(values_repo, "save_entries", lambda *a, **k: (calls.append(a[2]), real(*a, **k))[1])
    release = _hold_the_writer(ctx)
    entry = window.open_page("EntryPage")
    entry.rows[("XMC_15_60", None)].numerator.setText("1300")
    entry.rows[("XMC_15_60", None)].denominator.setText("1500")
    assert window.save_current()
    assert window.save_current()  # the second Ctrl+S: ignored, and said so
    entry.save_button.click()  # disabled while saving: nothing happens
    assert window.statusBar().currentMessage() == "Đang lưu, chờ lần lưu trước xong."
    assert ctx.writer.queued_labels() == ["Nhập các gói", "Lưu số liệu kỳ 2014"]
    release.set()
    settle(ctx)
    assert calls == ["2014"]  # written once
    history = values_repo.history_for_unit(ctx.db, unit.id, "2014", limit=50)
    mine = [(h["field"], h["revision"]) for h in history if h["indicator"] == "XMC_15_60" and not h["breakdown"]]
    assert sorted(mine) == [("denominator", 1), ("numerator", 1)], history  # one revision, not two
    assert _stored_numerator(ctx, unit) == 1300


def test_cancelling_a_save_queued_behind_a_merge_writes_nothing_and_says_so(qtbot, main_window, settle,
                                                                         monkeypatch):
    ctx, window = main_window
    unit = ctx.installation.unit
    errors = []
    monkeypatch.setattr(messages, "error", lambda *a, **k: errors.append(a))
    release = _hold_the_writer(ctx)
    entry = window.open_page("EntryPage")
    entry.rows[("XMC_15_60", None)].numerator.setText("1400")
    entry.rows[("XMC_15_60", None)].denominator.setText("1500")
    before = ctx.db.conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
    assert entry.save()
    assert entry.cancel_save_button.isVisibleTo(entry)
    entry.cancel_save_button.click()  # Hủy lưu, while the merge still holds the writer
    qtbot.waitUntil(lambda: entry.pending_save is None, timeout=10000)
    assert window.statusBar().currentMessage() == (
        "Đã hủy lưu: chưa ghi số liệu nào, các ô vừa sửa vẫn còn trên biểu.")
    assert ctx.writer.queued_labels() == ["Nhập các gói"]  # withdrawn from the queue
    release.set()
    settle(ctx)
    assert _stored_numerator(ctx, unit) is None
    assert ctx.db.conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0] == before
    # The official's edits are still on the form, still to be saved, and the form is usable again.
    assert entry.rows[("XMC_15_60", None)].numerator.text() == "1400" and entry.has_unsaved_changes()
    assert entry.tabs.isEnabled() and entry.save_button.isEnabled() and errors == []
    assert entry.cancel_save() is False  # nothing left to cancel


def test_a_save_that_has_started_cannot_be_withdrawn_and_is_saved(qtbot, main_window, settle):
    ctx, window = main_window
    unit = ctx.installation.unit
    entry = window.open_page("EntryPage")
    gate, inside = threading.Event(), threading.Event()
    real = values_repo.save_entries

    def slow_save(*a, **k):
        inside.set()
        gate.wait(10)
        return real(*a, **k)

    values_repo.save_entries, restore = slow_save, real
    try:
        entry.rows[("XMC_15_60", None)].numerator.setText("1100")
        entry.rows[("XMC_15_60", None)].denominator.setText("1500")
        assert entry.save()
        assert inside.wait(10)
        qtbot.waitUntil(lambda: not entry.cancel_save_button.isVisibleTo(entry), timeout=5000)
        assert entry.cancel_save() is False  # started: too late
        gate.set()
        qtbot.waitUntil(lambda: entry.pending_save is None, timeout=10000)
    finally:
        values_repo.save_entries = restore
        gate.set()
    settle(ctx)
    assert _stored_numerator(ctx, unit) == 1100


def test_an_error_on_the_writer_comes_back_to_the_form(qtbot, main_window, settle, monkeypatch):
    ctx, window = main_window
    unit = ctx.installation.unit
    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, text, details="": shown.append((text, details)))

    def disk_full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(values_repo, "save_entries", disk_full)
    entry = window.open_page("EntryPage")
    entry.rows[("XMC_15_60", None)].numerator.setText("1000")
    entry.rows[("XMC_15_60", None)].denominator.setText("1500")
    assert entry.save()
    qtbot.waitUntil(lambda: entry.pending_save is None, timeout=10000)
    settle(ctx)
    assert len(shown) == 1 and shown[0][0] == (
        "Chưa lưu: không ghi được vào cơ sở dữ liệu, không có số liệu nào được ghi.")
    assert entry.has_unsaved_changes() and entry.rows[("XMC_15_60", None)].numerator.text() == "1000"
    assert entry.save_button.isEnabled() and _stored_numerator(ctx, unit) is None


def test_a_queued_write_is_announced_in_the_status_bar(qtbot, main_window, settle):
    ctx, window = main_window
    started, release = threading.Event(), threading.Event()
    ctx.writer.submit("Nhập các gói", lambda _db, _p: (started.set(), release.wait(20)))
    assert started.wait(10)
    from ui.operations import CollectionOp

    CollectionOp(window, "Lưu cài đặt", lambda db, _p: meta.put(db, "x", "1"), ctx=ctx).run_in_background()
    assert window.statusBar().currentMessage() == (
        "«Lưu cài đặt» đang chờ «Nhập các gói» xong, sẽ tự thực hiện ngay sau đó.")
    release.set()
    settle(ctx)
    assert meta.get(ctx.db, "x") == "1"


def test_only_operations_open_database_connections_in_ui():
    """Database work of the UI goes through ui.operations (QueryOp: a reader on a worker;
    CollectionOp: the writer). Apart from it, only the start-up (the GUI thread's connection and the
    daily copy's reader, ui/app.py) and a restore (reopening ctx.db) open a connection, and only
    the context and the first-run wizard start a writer. A new `open_reader(` in a page fails here."""
    import re
    from pathlib import Path

    allowed = {
        "open_reader(": {"ui/operations.py", "ui/app.py"},
        "open_app_database(": {"ui/app.py", "ui/dialogs/backup_restore.py"},
        "sqlite3.connect(": set(),
        "Writer(": {"ui/context.py", "ui/dialogs/first_run.py"},
    }
    root = Path(__file__).resolve().parents[2]
    found: dict[str, set[str]] = {call: set() for call in allowed}
    for path in (root / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in allowed:
            if re.search(r"\b" + re.escape(call), text):
                found[call].add(path.relative_to(root).as_posix())
    assert found["open_reader("] == {"ui/operations.py", "ui/app.py"}  # the scan sees them
    assert {call: files - allowed[call] for call, files in found.items()} == {call: set() for call in allowed}
    assert "ui/pages/merge.py" not in found["open_reader("]  # the merge page's lists: a QueryOp now


def test_the_short_gil_switch_interval_lasts_only_while_background_work_runs(qtbot, commune_db, db_path,
                                                                            monkeypatch):
    """1 ms instead of CPython's 5 ms only while a worker or a writer operation runs (it keeps the
    window fluid while Python runs elsewhere); the process-wide value is given back afterwards."""
    import sys

    from PySide6.QtWidgets import QWidget

    from ui import tasks
    from ui.context import AppContext
    from ui.operations import CollectionOp

    # Counted from here: what earlier tests left running (a task whose page went away before it
    # ended is never counted down) must not decide this test.
    monkeypatch.setattr(tasks, "_background", 0)
    monkeypatch.setattr(tasks, "_switch_before", None)
    sys.setswitchinterval(0.005)
    before = sys.getswitchinterval()
    gate = threading.Event()
    task = tasks.run_task(None, "", lambda _p: gate.wait(10), show_dialog=False)
    assert sys.getswitchinterval() == tasks.FAST_SWITCH_INTERVAL
    gate.set()
    qtbot.waitUntil(lambda: task not in tasks._live, timeout=10000)
    assert sys.getswitchinterval() == before

    ctx = AppContext(commune_db, db_path, Period(2014, 0))
    owner = QWidget()
    qtbot.addWidget(owner)
    try:
        release = _hold_the_writer(ctx)
        op = CollectionOp(owner, "Lưu cài đặt", lambda db, _p: meta.put(db, "y", "1"), ctx=ctx).run_in_background()
        assert sys.getswitchinterval() == tasks.FAST_SWITCH_INTERVAL  # queued on the writer
        release.set()
        qtbot.waitUntil(lambda: op._ended is not None, timeout=10000)
        assert sys.getswitchinterval() == before and meta.get(ctx.db, "y") == "1"
    finally:
        ctx.close_writer()


def test_a_tasks_thread_ends_even_when_its_widget_went_away_before_the_result(qtbot):
    """A worker whose widget (and so its Task) is deleted while it runs still ends its thread: no
    thread left running for ever to hold up the exit (`_finish_running_tasks`)."""
    from PySide6.QtWidgets import QWidget

    from ui import tasks

    owner = QWidget()
    gate = threading.Event()
    task = tasks.run_task(owner, "", lambda _p: gate.wait(10), show_dialog=False)
    thread = task.thread
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(task), timeout=5000)  # gone with its widget
    gate.set()
    qtbot.waitUntil(lambda: not thread.isRunning(), timeout=10000)
