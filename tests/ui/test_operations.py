"""Reads and writes as operations: nothing is written through the GUI thread's connection, a save
made while a merge holds the writer waits, says so, and the window stays live meanwhile."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
from PySide6.QtCore import QTimer

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity
from xhht_desktop.db import meta, values_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.writer import Changes, Outcome
from ui.widgets import messages

WRITES = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}


@pytest.fixture
def main_window(qtbot, commune_db, db_path):
    from ui.app import create_main_window

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


def test_a_save_during_a_merge_waits_says_so_and_the_window_stays_live(qtbot, main_window, settle):
    ctx, window = main_window
    unit = ctx.installation.unit
    started, release = threading.Event(), threading.Event()

    def merge_holding_the_writer(_db, _progress):
        started.set()
        release.wait(20)
        return Outcome(Changes(sync=True))

    ctx.writer.submit("Nhập các gói", merge_holding_the_writer)
    assert started.wait(10)

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
    assert entry.save()
    heartbeat.stop()
    safety.cancel()
    assert len(beats) >= 10  # the event loop kept turning while the save waited
    assert said[0] == "Đang chờ «Nhập các gói» xong rồi lưu…"  # said so while waiting
    assert said[-1].startswith("Đã lưu kỳ 2014")
    assert values_repo.load_entries(ctx.db, unit.id, "2014")[("XMC_15_60", None)].numerator == 1200
    settle(ctx)


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
