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
    attempts = []

    def authorizer(action, *_args):
        if action in WRITES:
            attempts.append(action)
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    ctx.db.conn.set_authorizer(authorizer)
    yield attempts
    ctx.db.conn.set_authorizer(None)


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

    assert gui_connection_refuses_writes == [] and errors == []


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
