"""Entering figures as a commune official: live rate and validation, Ctrl+S, the dashboard updating."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from xhht_desktop.db import values_repo
from xhht_desktop.domain.periods import Period
from ui.pages import entry as entry_module
from ui.widgets import messages
from tests.conftest import settle_operations


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal box would block the test: every one is patched; unexpected ones fail the test."""
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("warn", "info", "error", "confirm"):
        monkeypatch.setattr(messages, name, unexpected)
    # Closing the window at teardown with edits left: drop them.
    monkeypatch.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)


@pytest.fixture
def main_window(qtbot, commune_db, db_path):
    """The main window of Xã Đắk Pék with no figures, on the year 2014."""
    from ui.app import create_main_window

    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 0))
    return ctx, window


@pytest.fixture
def warnings_shown(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "warn", lambda parent, text, details="": shown.append((text, details)))
    return shown


def _stored(ctx):
    return values_repo.load_entries(ctx.db, ctx.installation.unit.id, ctx.period.code)


def _activate(qtbot, window):
    from PySide6.QtWidgets import QApplication

    # A modal dialog left open by an earlier test would swallow keys; close it first.
    while (stray := QApplication.activeModalWidget()) is not None and stray.window() is not window:
        stray.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _press_ctrl_s(qtbot, window):
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_value_with_vietnamese_comment_saved_by_ctrl_s_updates_dashboard(qtbot, main_window):
    ctx, window = main_window
    dashboard = window.page_by_class("DashboardPage")
    assert dashboard.rows["XMC_15_60"].value.text() == "Chưa báo cáo"
    assert dashboard.rows["XMC_15_60"].bar.value is None  # blank is not a zero-length bar

    page = window.open_page("EntryPage")
    row = page.rows[("XMC_15_60", None)]
    comment = unicodedata.normalize("NFC", "Theo điều tra hộ gia đình tháng 6 — thôn Kon Pia, Đắk Pék")
    row.numerator.setText("1.234")  # Vietnamese thousands separator
    row.denominator.setText("1.300")
    row.comment.setText(comment)
    assert row.rate.text() == "94,92%"  # computed live
    assert page.has_unsaved_changes() and window.isWindowModified()
    assert _stored(ctx) == {}

    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    _press_ctrl_s(qtbot, window)
    settle_operations(ctx)  # the save runs on the writer; the form does not wait

    saved = _stored(ctx)[("XMC_15_60", None)]
    assert (saved.numerator, saved.denominator, saved.comment) == (1234, 1300, comment)
    assert not page.has_unsaved_changes() and not window.isWindowModified()
    history = values_repo.history_for_unit(ctx.db, ctx.installation.unit.id, "2014")
    assert {h["changed_by"] for h in history} == {"Y Blong"}

    window.open_page("DashboardPage")
    widgets = dashboard.rows["XMC_15_60"]
    assert widgets.value.text() == "94,92%"
    assert widgets.bar.value == pytest.approx(100 * 1234 / 1300)
    assert widgets.chip.text() == "Gần đạt"  # 2015 target ≥ 96%, 1,08 points short
    assert "thiếu 1,08 điểm" in widgets.gap.text()


def test_numerator_above_denominator_shows_a_message_and_saves_nothing(qtbot, main_window, warnings_shown):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    row = page.rows[("XMC_15_35", None)]
    row.numerator.setText("150")
    row.denominator.setText("100")
    assert row.message.isVisible()
    assert "150 lớn hơn mẫu số (100)" in row.message.text()
    assert row.numerator.property("severity") == "error"
    assert row.rate.text() == "—"
    # Another, valid figure on the same form must not be saved either: all or nothing.
    page.rows[("XMC_15_60", None)].numerator.setText("90")
    page.rows[("XMC_15_60", None)].denominator.setText("100")

    assert window.save_current() is False
    assert warnings_shown and "không có số liệu nào được ghi" in warnings_shown[0][0]
    assert "XMC_15_35 (Tổng số) – tử số" in warnings_shown[0][1]
    assert _stored(ctx) == {}
    assert page.has_unsaved_changes()

    row.numerator.setText("95")
    assert not row.message.isVisible() and row.numerator.property("severity") == ""
    assert window.save_current() is True
    settle_operations(ctx)  # the save runs on the writer; the form does not wait
    assert _stored(ctx)[("XMC_15_35", None)].numerator == 95


def test_breakdown_above_total_and_text_in_a_number_field_are_errors(main_window, warnings_shown):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    page.rows[("XMC_15_60", None)].numerator.setText("80")
    page.rows[("XMC_15_60", None)].denominator.setText("100")
    women = page.rows[("XMC_15_60", "nu")]
    women.numerator.setText("50")
    women.denominator.setText("120")
    assert "120 lớn hơn tổng số (100)" in women.message.text()
    women.denominator.setText("năm mươi")
    assert "không phải là một số" in women.message.text()
    assert window.save_current() is False
    assert "không phải là số nguyên" in warnings_shown[-1][0]
    assert _stored(ctx) == {}


def test_blank_stays_not_reported_and_zero_is_kept(main_window):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    page.rows[("GIA_DINH_HIEU_HOC", None)].value.setText("0")
    flag = page.rows[("BCD_XHHT", None)].flag
    flag.setCurrentIndex(flag.findData(0))  # "Chưa đạt / Không (0)"
    assert window.save_current()
    settle_operations(ctx)  # the save runs on the writer; the form does not wait
    stored = _stored(ctx)
    assert stored[("GIA_DINH_HIEU_HOC", None)].value == 0
    assert stored[("BCD_XHHT", None)].value == 0
    assert ("DONG_HO_KHUYEN_HOC", None) not in stored  # left blank: not reported

    # Clearing a figure makes it "not reported" again, not zero.
    page.rows[("GIA_DINH_HIEU_HOC", None)].value.setText("")
    assert window.save_current()
    settle_operations(ctx)  # the save runs on the writer; the form does not wait
    assert _stored(ctx)[("GIA_DINH_HIEU_HOC", None)].value is None
    dashboard = window.open_page("DashboardPage")
    assert dashboard.rows["GIA_DINH_HIEU_HOC"].value.text() == "Chưa báo cáo"
    assert dashboard.rows["BCD_XHHT"].value.text() == "Chưa đạt / Không"


def test_half_year_shows_only_half_yearly_indicators(main_window):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    assert ("BCD_XHHT", None) in page.rows  # yearly: shown for the year
    ctx.set_period(Period(2014, 1))
    assert ("BCD_XHHT", None) not in page.rows
    assert ("XMC_15_60", "dtts") in page.rows
    assert all("xa" in r.indicator.levels for r in page.rows.values())


def test_marking_the_period_complete(monkeypatch, main_window, settle):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a) or True)
    page.complete_box.click()
    assert asked  # blank cells: the official is asked first
    settle(ctx)  # the flag is written by the writer, not on the GUI thread
    assert values_repo.is_complete(ctx.db, ctx.installation.unit.id, "2014")
    dashboard = window.open_page("DashboardPage")
    assert dashboard.completeness_label.text() == "Đã đánh dấu hoàn thành"


def test_suggested_numerator_never_overwrites_what_was_typed(monkeypatch, main_window):
    ctx, window = main_window
    monkeypatch.setitem(entry_module.SUGGESTED_NUMERATORS, "LDNT_HOC_TTHTCD", lambda db, unit_id, period: 1250)
    page = window.open_page("EntryPage")
    page.refresh()
    row = page.rows[("LDNT_HOC_TTHTCD", None)]
    assert not row.suggestion.isHidden()
    assert "1.250 người" in row.suggestion_label.text()
    row.numerator.setText("900")
    page.refresh()  # e.g. the CLC log changed: the typed figure would be lost only by reloading
    row.numerator.setText("900")
    assert row.numerator.text() == "900"
    row.suggestion_button.click()
    assert row.numerator.text() == "1.250"


def test_history_panel_lists_changes_of_the_period(main_window):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    page.rows[("XMC_15_60", None)].numerator.setText("10")
    page.rows[("XMC_15_60", None)].denominator.setText("20")
    assert window.save_current()
    settle_operations(ctx)  # the save runs on the writer; the form does not wait
    page.history_panel.button.click()
    model = page.history_model
    assert model.rowCount() == 2
    cells = {model.index(r, c).data() for r in range(2) for c in range(model.columnCount())}
    assert {"Y Blong", "Tử số", "Mẫu số", "10", "20", "nhập tay"} <= cells


def test_literacy_gap_takes_men_as_total_minus_women(main_window):
    ctx, window = main_window
    from xhht_desktop.domain.values import Entry

    values_repo.save_entries(ctx.db, ctx.installation.unit.id, "2014", [
        Entry("XMC_15_60", None, 900, 1000), Entry("XMC_15_60", "nu", 430, 500)], actor="t", origin="t")
    ctx.notify_data_changed()
    dashboard = window.open_page("DashboardPage")
    gap = next(g for g in dashboard.data.literacy if g.indicator == "XMC_15_60")
    assert gap.women_rate == pytest.approx(86.0)
    assert gap.men_rate == pytest.approx(94.0)  # (900 − 430) / (1000 − 500), not 90 % − anything
    texts = [dashboard.literacy_grid.itemAt(i).widget().text() for i in range(dashboard.literacy_grid.count())]
    assert {"86,00%", "94,00%", "8,00 điểm"} <= set(texts)


def test_district_dashboard_sums_counts_of_its_communes_in_the_background(qtbot, db, db_path):
    """Rates above the commune are summed numerators over summed denominators, never averaged."""
    from xhht_desktop.db import units_repo
    from xhht_desktop.domain.values import Entry
    from xhht_desktop.installation import init_installation
    from ui.app import create_main_window

    init_installation(db, "district", "610", "A Tuấn", "Chuyên viên")
    for code, num, den in (("23353", 80, 100), ("23356", 45, 50)):
        unit = units_repo.find_unit(db, code, Period(2014, 0))
        values_repo.save_entries(db, unit.id, "2014", [Entry("XMC_15_60", None, num, den)], actor="t", origin="t")
    ctx, window = create_main_window(db_path, db)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.page_by_class("DashboardPage")
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        ctx.set_period(Period(2014, 0))
    row = dashboard.rows["XMC_15_60"]
    assert row.value.text() == "83,33%"  # 125/150; the mean of 80 % and 90 % would be 85 %
    assert "2/12 đơn vị đã báo cáo" in row.detail.text()


def test_changing_the_official_does_not_wipe_figures_being_typed(main_window):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    page.rows[("XMC_15_60", None)].numerator.setText("12")
    from xhht_desktop.db import meta
    meta.put(ctx.db, "official_name", "Nguyễn Văn Bình")
    ctx.reload_installation()  # e.g. the Settings page saved a new name
    assert page.rows[("XMC_15_60", None)].numerator.text() == "12"
    assert page.has_unsaved_changes()
    page.rows[("XMC_15_60", None)].denominator.setText("20")
    assert window.save_current()
    settle_operations(ctx)  # the save runs on the writer; the form does not wait
    history = values_repo.history_for_unit(ctx.db, ctx.installation.unit.id, "2014")
    assert {h["changed_by"] for h in history} == {"Nguyễn Văn Bình"}


def test_enter_moves_to_the_next_field(qtbot, main_window):
    ctx, window = main_window
    page = window.open_page("EntryPage")
    row = page.rows[("XMC_15_60", None)]
    _activate(qtbot, window)
    row.numerator.setFocus()
    qtbot.waitUntil(row.numerator.hasFocus, timeout=2000)
    qtbot.keyClick(row.numerator, Qt.Key.Key_Return)
    assert row.denominator.hasFocus()


def test_feature_sections_join_the_dashboard_after_it_is_painted(qtbot, main_window):
    ctx, window = main_window
    dashboard = window.page_by_class("DashboardPage")
    qtbot.waitUntil(lambda: dashboard._sections_added, timeout=5000)
    import importlib.util

    if importlib.util.find_spec("ui.widgets.clc_summary") is None:
        assert dashboard.extra_sections == []
    else:
        assert [type(w).__name__ for w in dashboard.extra_sections] == ["ClcSummaryWidget"]
        assert dashboard.extra_sections_layout.indexOf(dashboard.extra_sections[0]) == 0


def test_a_departments_sections_wait_until_its_figures_are_on_screen(qtbot, db, db_path, monkeypatch):
    """The figures computed on a worker come first: shown and painted while they are computed, the
    dashboard neither adds its sections nor imports their module (their import and their own read
    beside the figures held the interpreter's lock from them); once the figures are on screen, the
    sections join."""
    import threading

    from ui.app import create_main_window
    from ui.pages import dashboard as dashboard_module
    from xhht_desktop.installation import init_installation_by_key

    init_installation_by_key(db, "department", "51@2025-07-01", "Trần Thị B", "Chuyên viên")
    release = threading.Event()
    real = dashboard_module.load_dashboard

    def held(*args):
        release.wait(30)
        return real(*args)

    monkeypatch.setattr(dashboard_module, "load_dashboard", held)
    ctx, window = create_main_window(db_path, db)
    qtbot.addWidget(window)
    dashboard = window.page_by_class("DashboardPage")
    try:
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(200)  # painted, shown, turns of the event loop: the figures still on their way
        assert dashboard.isVisible() and dashboard.busy
        assert not dashboard._sections_scheduled and not dashboard._sections_importing
        assert dashboard.extra_sections == []
    finally:
        release.set()
    qtbot.waitUntil(lambda: dashboard._sections_added, timeout=10000)
    assert not dashboard.busy and dashboard.data is not None
    assert [type(w).__name__ for w in dashboard.extra_sections] == ["ClcSummaryWidget"]
    settle_operations(ctx)


def test_another_year_of_the_same_programme_updates_the_dashboards_rows_in_place(qtbot, db, db_path):
    """The same indicators in the same groups: the figures change in the rows on screen (no
    rebuild, which froze a province's window 200 ms at every period change); back again too."""
    from xhht_desktop.db import units_repo
    from xhht_desktop.domain.values import Entry
    from xhht_desktop.installation import init_installation
    from ui.app import create_main_window

    init_installation(db, "district", "610", "A Tuấn", "Chuyên viên")
    unit = units_repo.find_unit(db, "23353", Period(2014, 0))
    values_repo.save_entries(db, unit.id, "2014", [Entry("XMC_15_60", None, 80, 100)], actor="t", origin="t")
    values_repo.save_entries(db, unit.id, "2015", [Entry("XMC_15_60", None, 90, 100)], actor="t", origin="t")
    ctx, window = create_main_window(db_path, db)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.page_by_class("DashboardPage")
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        ctx.set_period(Period(2014, 0))
    row = dashboard.rows["XMC_15_60"]
    codes = set(dashboard.rows)
    assert row.value.text() == "80,00%"
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        ctx.set_period(Period(2015, 0))
    assert set(dashboard.rows) == codes and dashboard.rows["XMC_15_60"] is row  # the same widgets…
    assert row.value.text() == "90,00%" and row.summary.total.value == pytest.approx(90.0)  # …new figures
    assert "1/12 đơn vị đã báo cáo" in row.detail.text()
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        ctx.set_period(Period(2014, 0))
    assert dashboard.rows["XMC_15_60"] is row and row.value.text() == "80,00%"


def test_the_dashboards_texts_can_be_selected_with_the_mouse(main_window):
    """Made selectable when the pointer comes over them (not all up front: that made laying out the
    dashboard 40 % slower); the official can still drag over a figure to copy it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    _ctx, window = main_window
    dashboard = window.open_page("DashboardPage")
    row = dashboard.rows["XMC_15_60"]
    for label in (row.value, row.detail, row.name):
        point = QPointF(2, 2)
        QApplication.sendEvent(label, QEnterEvent(point, point, QPointF(label.mapToGlobal(point.toPoint()))))
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
