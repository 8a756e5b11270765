"""The TTHTCĐ log page as a centre director uses it: keyboard entry, filters, totals, undo."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity
from xhht_desktop.domain.periods import Period
from ui.dialogs.clc_activity import ClcActivityDialog
from ui.dialogs.clc_centre import ClcCentreDialog
from ui.widgets import messages
from ui.widgets.clc_summary import ClcSummaryWidget

TODAY = dt.date(2014, 6, 20)


def type_text(qtbot, text: str) -> None:
    """Type into the focused widget (or the open list), letting the event loop turn between keys as
    it does between a person's keystrokes. Non-ASCII letters go as key events carrying the text
    (qtbot.keyClicks with them aborts this Qt build)."""
    for ch in unicodedata.normalize("NFC", text):
        target = QApplication.activePopupWidget() or QApplication.focusWidget()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()


def key(qtbot, k, mod=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    qtbot.keyClick(target, k, mod)
    QApplication.processEvents()


def add(ctx, **kw) -> Activity:
    values = dict(date=dt.date(2014, 3, 5), title="Chuyên đề trồng cà phê", category="agri_tech", format="topic",
                  sessions=1, visits=45, women=20, rural_workers=40, learners=45, partner="Trạm Khuyến nông")
    values.update(kw)
    return repo.add_activity(ctx.db, ctx.installation.unit.id, Activity(**values), actor="t", origin="o",
                             today=dt.date(2014, 12, 31))


@pytest.fixture
def modeless(monkeypatch):
    """Dialogs open without blocking, so the test can type into them like a user."""
    monkeypatch.setattr(ClcActivityDialog, "exec", lambda self: (self.show(), self.activateWindow(), 0)[-1])
    monkeypatch.setattr(ClcCentreDialog, "exec", lambda self: (self.show(), 0)[-1])


@pytest.fixture
def page(qtbot, commune_db, db_path, modeless):
    from ui.app import create_main_window

    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 1))
    page = window.open_page("ClcPage")
    page._today = TODAY
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page.table.setFocus()
    return ctx, window, page


def settle(page) -> None:
    """Let the page's reads and writes (operations on workers and the writer) deliver."""
    import time

    deadline = time.monotonic() + 10
    while not page.ctx.idle() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.002)
    QApplication.processEvents()
    assert page.ctx.idle()


def visible_titles(page) -> list[str]:
    settle(page)
    return [a.title for a in page.model.visible_activities()]


def totals(page, key_name: str) -> str:
    settle(page)
    return page.totals_model.text(key_name)


def test_adding_an_activity_by_keyboard(qtbot, page):
    ctx, window, page = page
    changes = []
    ctx.data_changed.connect(lambda: changes.append(1))
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    dialog = page.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.date.edit.text() == "20/06/2014"  # today, inside the period shown
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.date.edit)
    type_text(qtbot, "12")  # the 12th of this month
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Nói chuyện phòng chống sốt xuất huyết")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "s")  # Sức khỏe, dân số, môi trường
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "n")  # Nói chuyện
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)  # 1 session, the default
    for value in ("1.052", "630", "1000", "900"):
        type_text(qtbot, value)
        key(qtbot, Qt.Key.Key_Tab)
    assert dialog.counts["learners"].text() == "1.052"  # one session: every learner came once
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "120")
    key(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    (stored,) = repo.list_activities(ctx.db, [ctx.installation.unit.id])
    assert (stored.date, stored.title, stored.category, stored.format, stored.sessions) == (
        dt.date(2014, 6, 12), "Nói chuyện phòng chống sốt xuất huyết", "health", "talk", 1)
    assert (stored.visits, stored.women, stored.ethnic_minority, stored.rural_workers, stored.learners,
            stored.rural_workers_new, stored.place) == (1052, 630, 1000, 900, 1052, 120, "")
    assert visible_titles(page) == ["Nói chuyện phòng chống sốt xuất huyết"]
    assert page.current_activity().uuid == stored.uuid  # the new row is selected
    assert totals(page, "visits") == "1.052"
    assert changes  # the other pages were told
    # The form remembers the category and format for the next entry.
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    assert page.last_dialog.category.currentData() == "health" and page.last_dialog.format.currentData() == "talk"
    page.last_dialog.reject()


def test_a_refused_entry_shows_every_reason_and_saves_nothing(qtbot, page):
    ctx, window, page = page
    page.add_activity()
    dialog = page.last_dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.title.setText("Lớp học")
    dialog.category.setCurrentIndex(0)
    dialog.format.setCurrentIndex(0)
    dialog.counts["visits"].setText("10")
    dialog.counts["women"].setText("11")
    dialog.counts["sessions"].setText("-2")
    dialog.date.edit.setText("31/02/2014")
    assert dialog.submit(keep_open=False) is False
    assert dialog.isVisible()
    text = dialog.errors.text()
    assert "Ngày: «31/02/2014» không phải là ngày có thật." in text
    assert "Số buổi: không được là số âm." in text
    assert "Nữ: 11 lớn hơn Lượt người học (10)." in text
    assert dialog.counts["women"].property("severity") == "error"
    assert QApplication.focusWidget() is dialog.date.edit  # the first field in error
    assert repo.list_activities(ctx.db, [ctx.installation.unit.id]) == []
    assert ctx.db.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 0


def test_filters_search_without_accents_and_the_totals_follow(qtbot, page):
    ctx, window, page = page
    add(ctx)
    add(ctx, date=dt.date(2014, 4, 2), title="Lớp xóa mù chữ thôn Kon Pia", category="literacy", format="class",
        sessions=20, visits=600, women=350, rural_workers=500, learners=30, partner="Hội Liên hiệp Phụ nữ")
    add(ctx, date=dt.date(2014, 5, 9), title="Nói chuyện phòng chống sốt xuất huyết", category="health",
        format="talk", visits=80, women=None, rural_workers=60, learners=80, partner="Trạm Y tế xã")
    add(ctx, date=dt.date(2014, 8, 1), title="Ngày hội đọc sách", category="culture", format="contest", visits=150)
    page.refresh()
    settle(page)
    assert len(visible_titles(page)) == 3  # August is outside 2014-H1
    assert totals(page, "title") == "Tổng cộng: 3 hoạt động"
    assert totals(page, "visits") == "725"
    assert totals(page, "women") == "370"  # the talk recorded no women: blank, not 0
    page.search.setText("SOT XUAT")
    assert visible_titles(page) == ["Nói chuyện phòng chống sốt xuất huyết"]
    assert totals(page, "visits") == "80" and totals(page, "women") == ""
    page.search.setText("phu nu")  # partner, accent-free
    assert visible_titles(page) == ["Lớp xóa mù chữ thôn Kon Pia"]
    page.search.clear()
    page.category_filter.setCurrentIndex(page.category_filter.findData("agri_tech"))
    assert visible_titles(page) == ["Chuyên đề trồng cà phê"]
    page.category_filter.setCurrentIndex(0)
    page.date_from.setDate(page.date_from.date().addMonths(3))  # from 1 April
    assert visible_titles(page) == ["Lớp xóa mù chữ thôn Kon Pia", "Nói chuyện phòng chống sốt xuất huyết"]
    page.period_filter.setCurrentIndex(0)  # all periods
    assert len(visible_titles(page)) == 4
    # The summary tab follows the filter's dates.
    assert page.summary.figures(None)["activities"] == 4
    # Ctrl+F goes to the search box; Esc clears it and returns to the table.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    type_text(qtbot, "doc sach")
    assert visible_titles(page) == ["Ngày hội đọc sách"]
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and QApplication.focusWidget() is page.table


def test_sorting_by_a_number_column_is_numeric(qtbot, page):
    ctx, window, page = page
    for visits, day in ((9, 3), (100, 4), (20, 5)):
        add(ctx, date=dt.date(2014, 3, day), visits=visits, women=None, rural_workers=None, learners=None,
            title=f"Buổi {visits}")
    page.refresh()
    settle(page)
    page.table.sortByColumn(page.model.column_of("visits"), Qt.SortOrder.AscendingOrder)
    assert [a.visits for a in page.model.visible_activities()] == [9, 20, 100]
    page.table.sortByColumn(page.model.column_of("date"), Qt.SortOrder.DescendingOrder)
    assert [a.date.day for a in page.model.visible_activities()] == [5, 4, 3]


def test_deleting_keeps_a_tombstone_and_ctrl_z_brings_it_back(qtbot, page):
    ctx, window, page = page
    keep = add(ctx, date=dt.date(2014, 3, 1), title="Giữ lại")
    gone = add(ctx, date=dt.date(2014, 3, 2), title="Xóa nhầm")
    page.refresh()
    settle(page)
    page.select_uuids([gone.uuid])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert visible_titles(page) == ["Giữ lại"]
    row = ctx.db.conn.execute("SELECT deleted, revision FROM clc_activities WHERE uuid=?", (gone.uuid,)).fetchone()
    assert row == (1, 2)  # a tombstone, not a physical delete
    assert "Đã xóa «Xóa nhầm»" in page.status.text() and page.undo_link.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert visible_titles(page) == ["Giữ lại", "Xóa nhầm"]  # the core's undo, run by the writer
    assert ctx.db.conn.execute("SELECT deleted, revision FROM clc_activities WHERE uuid=?",
                               (gone.uuid,)).fetchone() == (0, 3)
    assert page.selected_uuids() == [gone.uuid]
    assert not page.undo_link.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo
    assert visible_titles(page) == ["Giữ lại"]
    assert repo.get_activity(ctx.db, keep.uuid).revision == 1  # untouched throughout


def test_delete_in_the_search_box_edits_the_text_not_the_log(qtbot, page):
    ctx, window, page = page
    a = add(ctx)
    page.refresh()
    settle(page)
    page.select_uuids([a.uuid])
    page.search.setFocus()
    page.search.setText("ca phe")
    page.search.setCursorPosition(0)
    qtbot.keyClick(page.search, Qt.Key.Key_Delete)
    assert page.search.text() == "a phe"
    assert not repo.get_activity(ctx.db, a.uuid).deleted


def test_edit_with_enter_then_undo_restores_the_old_figures(qtbot, page):
    ctx, window, page = page
    a = add(ctx)
    page.refresh()
    settle(page)
    page.select_uuids([a.uuid])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.last_dialog
    assert dialog.mode == "edit" and dialog.title.text() == a.title and dialog.counts["visits"].text() == "45"
    dialog.counts["visits"].setText("50")
    dialog.counts["learners"].setText("50")
    assert dialog.submit(keep_open=False)
    assert repo.get_activity(ctx.db, a.uuid).visits == 50
    assert len(visible_titles(page)) == 1
    page.undo()
    settle(page)
    back = repo.get_activity(ctx.db, a.uuid)
    assert (back.visits, back.learners, back.revision) == (45, 45, 3)


def test_duplicate_as_new_and_save_and_continue(qtbot, page):
    ctx, window, page = page
    a = add(ctx, place="Thôn Đắk Ung")
    page.refresh()
    settle(page)
    page.select_uuids([a.uuid])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = page.last_dialog
    assert dialog.mode == "duplicate" and dialog.place.currentText() == "Thôn Đắk Ung"
    dialog.date.edit.setText("19")  # the 19th of the same month
    assert dialog.submit(keep_open=True)  # Ctrl+Enter: save, then a fresh form
    assert dialog.isVisible() and dialog.title.text() == "" and dialog.date.edit.text() == "19/03/2014"
    assert dialog.category.currentData() == "agri_tech"  # remembered
    dialog.reject()
    stored = repo.list_activities(ctx.db, [ctx.installation.unit.id])
    assert [(s.date.day, s.title, s.place) for s in stored] == [
        (5, a.title, "Thôn Đắk Ung"), (19, a.title, "Thôn Đắk Ung")]
    assert len({s.uuid for s in stored}) == 2


def test_a_known_title_brings_its_usual_settings(qtbot, page):
    ctx, window, page = page
    add(ctx, title="Tập huấn kỹ thuật trồng và chăm sóc cà phê", partner="Trạm Khuyến nông", sessions=2,
        place="Thôn Kon Riêng", learners=30)
    page.refresh()
    settle(page)
    page.add_activity()
    dialog = page.last_dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.title.setFocus()
    type_text(qtbot, "cham soc ca")
    popup = dialog.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.title.text() == "Tập huấn kỹ thuật trồng và chăm sóc cà phê"
    assert (dialog.category.currentData(), dialog.format.currentData(), dialog.partner.currentText(),
            dialog.place.currentText(), dialog.counts["sessions"].text()) == (
        "agri_tech", "topic", "Trạm Khuyến nông", "Thôn Kon Riêng", "2")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.counts["visits"])  # straight to the numbers
    dialog.reject()


def test_the_centre_record(qtbot, page):
    ctx, window, page = page
    assert "Chưa ghi thông tin trung tâm" in page.centre_detail.text()
    page.edit_centre()
    dialog = page.last_centre_dialog
    assert dialog.name.text() == "Trung tâm học tập cộng đồng xã Đắk Pék"
    dialog.director.setText("A Thuyên")
    dialog.decision_no.setText("125/QĐ-UBND")
    dialog.decision_date.edit.setText("03/09/2008")
    dialog.combined.setCurrentIndex(1)
    dialog.branches.setPlainText("Thôn Đắk Ung\nThôn Kon Riêng")
    assert dialog.submit()
    centre = repo.get_centre(ctx.db, ctx.installation.unit.id)
    assert (centre.director, centre.decision_date, centre.combined_culture, centre.branches) == (
        "A Thuyên", dt.date(2008, 9, 3), True, ["Thôn Đắk Ung", "Thôn Kon Riêng"])
    assert "Giám đốc: A Thuyên" in page.centre_detail.text() and "2 điểm học tập" in page.centre_detail.text()
    # The entry form offers the branches as places.
    page.add_activity()
    places = [page.last_dialog.place.itemText(i) for i in range(page.last_dialog.place.count())]
    assert places[:3] == ["Tại trung tâm", "Thôn Đắk Ung", "Thôn Kon Riêng"]
    page.last_dialog.reject()


def test_records_stored_with_invalid_dates_are_flagged_not_fatal(qtbot, page):
    """Issue 12: a centre or an activity stored with an impossible date (a hand edit, an old version)
    does not stop the page from loading: the centre is shown flagged, the activity left out and counted."""
    ctx, window, page = page
    add(ctx)
    add(ctx, title="Ngày hội đọc sách", date=dt.date(2014, 4, 2))
    page.edit_centre()
    assert page.last_centre_dialog.submit()
    ctx.db.conn.execute("UPDATE clc_centres SET decision_date='2014-02-30'")
    ctx.db.conn.execute("UPDATE clc_activities SET date='2014-02-30' WHERE title='Ngày hội đọc sách'")
    ctx.db.conn.commit()
    page.refresh()
    assert "⚠" in page.centre_detail.text() and "2014-02-30" in page.centre_detail.text()
    assert visible_titles(page) == ["Chuyên đề trồng cà phê"]
    assert "1 hoạt động có ngày lưu sai" in page.status.text()


def test_summary_widget_follows_the_period_and_offers_the_suggestion(qtbot, commune_db, db_path):
    from ui.context import AppContext

    ctx = AppContext(commune_db, db_path, Period(2014, 1))
    widget = ClcSummaryWidget(ctx)
    qtbot.addWidget(widget)
    widget.show()  # a hidden summary only notes a change and sums again when shown
    settle(widget)  # summed on a worker
    assert widget.figures(None)["activities"] == 0
    assert widget.empty.isVisibleTo(widget) and not widget.grid_host.isVisibleTo(widget)
    add(ctx, rural_workers_new=12)
    add(ctx, date=dt.date(2014, 8, 1), title="Ngày hội đọc sách", category="culture", format="contest",
        visits=150, women=None, rural_workers=None, learners=None, rural_workers_new=30)
    ctx.notify_data_changed()
    settle(widget)
    assert widget.figures(None)["visits"] == 45
    assert widget.figures("agri_tech")["activities"] == 1
    assert "12" in widget.suggestion_label.text() and "LDNT_HOC_TTHTCD" in widget.suggestion_label.text()
    ctx.set_period(Period(2014, 0))
    settle(widget)
    assert widget.figures(None)["visits"] == 195 and widget.suggestion == 42
    ctx.set_period(Period(2014, 2))
    settle(widget)
    assert widget.suggestion is None and "chỉ có cho 6 tháng đầu năm và cả năm" in widget.suggestion_label.text()


def test_export_runs_in_the_background(qtbot, page, tmp_path, monkeypatch):
    ctx, window, page = page
    add(ctx)
    page.refresh()
    settle(page)
    out = tmp_path / "so.xlsx"
    monkeypatch.setattr(messages, "save_file_name", lambda *a, **k: str(out))
    page.export_xlsx()
    qtbot.waitUntil(lambda: "Đã xuất" in page.status.text(), timeout=10000)
    from openpyxl import load_workbook
    ws = load_workbook(out)["SoTTHTCD"]
    assert any(c.value == "Chuyên đề trồng cà phê" for row in ws.iter_rows() for c in row)


def test_a_district_sees_the_communes_logs_read_only(qtbot, db, db_path, modeless):
    from ui.app import create_main_window
    from xhht_desktop.installation import init_installation

    init_installation(db, "district", "610", "Phòng GD&ĐT")
    from xhht_desktop.db import units_repo
    pek = units_repo.find_unit(db, "23353", Period(2014, 1))
    repo.add_activity(db, pek.id, Activity(date=dt.date(2014, 3, 5), title="Chuyên đề cà phê", category="agri_tech",
                                           format="topic", sessions=1, visits=45), actor="x", origin="o")
    ctx, window = create_main_window(db_path, db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 1))
    page = window.open_page("ClcPage")
    assert not page.editable and not page.add_button.isVisible()
    assert visible_titles(page) == ["Chuyên đề cà phê"]
    assert page.model.text(page.model.activities[0], "unit") == "Xã Đắk Pék"
    page.add_activity()
    assert page.last_dialog is None


def test_a_typical_repeated_entry_takes_few_keystrokes(qtbot, page):
    """A talk given again: day, a few letters of its title, the four counts, the new rural workers,
    Ctrl+Enter. Counted as a Telex typist presses keys (a chord is two). The budget guards the
    shortcuts the dialog offers: partial date, title completion that fills category, format and
    partner and jumps to the numbers, learners following visits for a single session."""
    ctx, window, page = page
    add(ctx, date=dt.date(2014, 2, 10), title="Nói chuyện phòng chống sốt xuất huyết", category="health",
        format="talk", partner="Trạm Y tế xã", visits=60, women=30, rural_workers=40, learners=60)
    add(ctx, date=dt.date(2014, 2, 20))  # a different activity last: nothing left over from it must matter
    page.refresh()
    settle(page)
    presses = 0

    def press(k, mod=Qt.KeyboardModifier.NoModifier):
        nonlocal presses
        key(qtbot, k, mod)
        presses += 1 if mod == Qt.KeyboardModifier.NoModifier else 2

    def typed(text):
        nonlocal presses
        type_text(qtbot, text)
        presses += len(text)  # ASCII only below

    presses += 1  # Insert opens the form (tested above); here it is opened the same way without exec()
    dialog = page._dialog("add", None)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.date.edit)
    typed("12")
    press(Qt.Key.Key_Tab)
    typed("sot x")
    qtbot.waitUntil(dialog.completer.popup().isVisible)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.counts["visits"])
    for value in ("52", "30", "48", "40"):
        typed(value)
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)  # "Người" already 52
    typed("12")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.errors.isVisible(), dialog.errors.text()
    stored = repo.list_activities(ctx.db, [ctx.installation.unit.id], repo.ActivityFilter(dt.date(2014, 6, 12)))
    assert [(a.title, a.category, a.format, a.partner, a.visits, a.women, a.ethnic_minority, a.rural_workers,
             a.learners, a.rural_workers_new) for a in stored] == [
        ("Nói chuyện phòng chống sốt xuất huyết", "health", "talk", "Trạm Y tế xã", 52, 30, 48, 40, 52, 12)]
    assert presses <= 28, presses
    assert dialog.isVisible() and dialog.title.text() == ""  # ready for the next one
