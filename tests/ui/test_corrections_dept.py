"""Issue 11 point 3 in the Department's window: Tình hình báo cáo → "Đề nghị kiểm tra lại…" lists the
requests per unit and status and creates one through the same core function as the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_returns import COMMUNE, IND, World
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.installation import open_app_database
from xhht_desktop.sync import corrections
from ui.context import AppContext
from ui.widgets import messages


@pytest.fixture
def shown(monkeypatch):
    seen = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    return seen


@pytest.fixture
def so(tmp_path):
    w = World(tmp_path)
    ctx = AppContext(open_app_database(w.so), w.so, parse_period("2026"))
    yield ctx
    ctx.close_writer()
    ctx.db.conn.close()


def _dialog(qtbot, ctx):
    from ui.dialogs.corrections_dept import CorrectionsDialog

    dialog = CorrectionsDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def _choose(dialog, unit_code: str, indicator: str, period: str = "2026") -> None:
    dialog.period.setCurrentIndex(dialog.period.findData(period))
    keys = [dialog.unit.itemData(i) for i in range(dialog.unit.count())]
    [key] = [k for k in keys if k.split("@")[0] == unit_code]
    dialog.unit.setCurrentIndex(dialog.unit.findData(key))
    dialog.indicator.setCurrentIndex(dialog.indicator.findData(indicator))
    assert dialog.indicator.currentData() == indicator


def test_the_completeness_page_opens_the_dialog(qtbot, so, monkeypatch):
    from ui.dialogs import corrections_dept
    from ui.pages.completeness import CompletenessPage

    page = CompletenessPage(so)
    qtbot.addWidget(page)
    opened = []
    monkeypatch.setattr(corrections_dept.CorrectionsDialog, "exec", lambda self: opened.append(self) or 0)
    page.corrections_button.click()
    assert len(opened) == 1 and opened[0].unit.count() > 0


def test_the_department_creates_a_request_in_the_window(qtbot, so, shown):
    dialog = _dialog(qtbot, so)
    units = {dialog.unit.itemData(i) for i in range(dialog.unit.count())}
    assert all(not k.startswith(("51@", "62@")) for k in units)  # communes and districts, not provinces
    assert any(k.split("@")[0] == COMMUNE for k in units)
    _choose(dialog, COMMUNE, IND)
    dialog.message.setPlainText("Đề nghị xã kiểm tra lại mẫu số")
    assert dialog.create() is True
    [req] = corrections.list_requests(so.db)
    assert (req["unit_key"].split("@")[0], req["period"], req["indicator"], req["message"], req["status"]) == (
        COMMUNE, "2026", IND, "Đề nghị xã kiểm tra lại mẫu số", "open")
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 2, 3, 4)] == [
        "2026", IND, "Đề nghị xã kiểm tra lại mẫu số", "chưa trả lời"]
    assert not shown and dialog.message.toPlainText() == ""


def test_the_chooser_offers_predecessors_for_periods_before_the_merger(qtbot, so):
    dialog = _dialog(qtbot, so)
    dialog.period.setCurrentIndex(dialog.period.findData("2026"))
    now = {dialog.unit.itemData(i) for i in range(dialog.unit.count())}
    dialog.period.setCurrentIndex(dialog.period.findData("2024"))
    before = {dialog.unit.itemData(i) for i in range(dialog.unit.count())}
    assert before and now and not (before & now)  # the communes of 2024 ended on 30/06/2025
    assert len(before) > len(now)  # old Quảng Ngãi's and Kon Tum's communes and districts, then the merged ones


@pytest.mark.parametrize("message, expected", [
    ("   ", "Nội dung đề nghị không được để trống."),
    ("Kiểm tra\x07 lại", "Nội dung đề nghị"),
])
def test_bad_messages_are_refused_and_nothing_is_stored(qtbot, so, shown, message, expected):
    dialog = _dialog(qtbot, so)
    _choose(dialog, COMMUNE, IND)
    dialog.message.setPlainText(message)
    assert dialog.create() is False
    assert corrections.list_requests(so.db) == []
    assert shown[-1][1] == "Không gửi được đề nghị." and shown[-1][2].startswith(expected)
    assert dialog.problem.text() == shown[-1][2]
    assert dialog.message.toPlainText() == message  # kept for correcting


def test_a_unit_that_does_not_report_the_period_is_refused(qtbot, so, shown):
    dialog = _dialog(qtbot, so)
    _choose(dialog, COMMUNE, IND)
    key = dialog.unit.currentData()
    dialog.period.blockSignals(True)  # a stale chooser: the period changed under the chosen unit
    dialog.period.setCurrentIndex(dialog.period.findData("2024"))
    dialog.period.blockSignals(False)
    assert dialog.unit.currentData() == key
    dialog.message.setPlainText("Kiểm tra lại")
    assert dialog.create() is False
    assert corrections.list_requests(so.db) == []
    assert "không báo cáo kỳ 2024" in shown[-1][2]


def test_the_list_shows_a_request_closed_by_the_communes_reply_and_filters(qtbot, so):
    req = corrections.request_correction(so.db, COMMUNE, "2026", "Đề nghị xã kiểm tra lại mẫu số", indicator=IND)
    other = corrections.request_correction(so.db, COMMUNE, "2026", "Kiểm tra tử số", indicator=IND)
    with so.db.atomic():
        closed = corrections.on_package_imported(
            so.db, req["unit_key"], "pkg-1", [{"uuid": req["uuid"], "reply": "Đã kiểm tra, mẫu số đúng",
                                               "replied_at": "2026-08-01T10:00:00+07:00"}],
            set(), "2026-08-02T09:00:00+07:00")
    assert closed == 1
    dialog = _dialog(qtbot, so)
    rows = {dialog.table.item(r, 3).text(): [dialog.table.item(r, c).text() for c in (4, 5)]
            for r in range(dialog.table.rowCount())}
    assert rows == {"Đề nghị xã kiểm tra lại mẫu số": ["đã đóng (xã trả lời)", "Đã kiểm tra, mẫu số đúng"],
                    "Kiểm tra tử số": ["chưa trả lời", ""]}
    dialog.filter_status.setCurrentIndex(dialog.filter_status.findData("open"))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == other["message"]
    dialog.filter_status.setCurrentIndex(dialog.filter_status.findData("closed"))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == req["message"]
    dialog.filter_status.setCurrentIndex(0)
    dialog.filter_unit.setCurrentIndex(dialog.filter_unit.findData(req["unit_key"]))
    assert dialog.table.rowCount() == 2
    some_other_unit = next(dialog.filter_unit.itemData(i) for i in range(1, dialog.filter_unit.count())
                           if dialog.filter_unit.itemData(i) != req["unit_key"])
    dialog.filter_unit.setCurrentIndex(dialog.filter_unit.findData(some_other_unit))
    assert dialog.table.rowCount() == 0
