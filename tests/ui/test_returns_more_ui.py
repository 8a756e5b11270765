"""Issue 11 in the window, continued: the installation's e-mail address in Cài đặt; the Department marks
a learning-centre activity in "Đề nghị kiểm tra lại…"; the commune sees the request beside the activity
in the centre log; a "Gửi cho các đơn vị" folder applied twice in "Nhận tệp từ Sở"."""

from __future__ import annotations

import pytest
import shiboken6

from xhht_desktop.db import meta
from xhht_desktop.domain.periods import Period
from xhht_desktop.sync import contact
from ui import i18n
from ui.widgets import messages


@pytest.fixture
def window(qtbot, commune_db, db_path):
    from ui.app import create_main_window

    ctx, win = create_main_window(db_path, commune_db)
    win.show()
    ctx.set_period(Period(2014, 0))
    yield win
    monkey = pytest.MonkeyPatch()
    monkey.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)
    for w in [win, *i18n._windows]:
        if shiboken6.isValid(w):
            w.close()
            w.deleteLater()
    monkey.undo()
    i18n._windows.clear()


@pytest.fixture
def shown(monkeypatch):
    seen = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    return seen


def test_settings_saves_the_email_address_and_refuses_a_wrong_one(qtbot, window, shown):
    ctx = window.ctx
    page = window.open_page("SettingsPage")
    assert page.email_edit.text() == ""
    page.email_edit.setText("không phải địa chỉ")
    assert page.has_unsaved_changes()
    page.official_edit.setText("Nguyễn Thị Hoa")
    assert not page.save()  # refused whole: neither the address nor the name is stored
    assert shown and "không phải địa chỉ thư điện tử" in shown[-1][2]
    assert contact.contact_email(ctx.db) == "" and meta.get(ctx.db, "official_name") != "Nguyễn Thị Hoa"
    page.email_edit.setText(" canbo@xa.gov.vn ")
    assert page.save()
    assert contact.contact_email(ctx.db) == "canbo@xa.gov.vn"
    assert meta.get(ctx.db, "official_name") == "Nguyễn Thị Hoa"
    page.refresh()
    assert page.email_edit.text() == "canbo@xa.gov.vn" and not page.has_unsaved_changes()


def _round_trip_with_an_activity_request(qtbot, tmp_path, shown):
    """The Department marks an activity in its window; returns (world, request, the receipts folder)."""
    from tests.core.test_returns import COMMUNE, World, run
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync import corrections
    from ui.context import AppContext
    from ui.dialogs.corrections_dept import CorrectionsDialog

    w = World(tmp_path)
    w.send_package()
    w.confirm()
    assert run(w.so, "publish", "--out", str(w.out))[0] == 0
    so = AppContext(open_app_database(w.so), w.so, parse_period("2026"))
    try:
        dialog = CorrectionsDialog(so)
        qtbot.addWidget(dialog)
        dialog.period.setCurrentIndex(dialog.period.findData("2026"))
        [key] = [dialog.unit.itemData(i) for i in range(dialog.unit.count())
                 if dialog.unit.itemData(i).split("@")[0] == COMMUNE]
        dialog.unit.setCurrentIndex(dialog.unit.findData(key))
        dialog.subject.setCurrentIndex(dialog.subject.findData("activity"))
        assert dialog.activity.isVisibleTo(dialog) and not dialog.indicator.isVisibleTo(dialog)
        offered = [dialog.activity.itemData(i) for i in range(dialog.activity.count())]
        expected = corrections.activities_for(so.db, key, "2026")
        assert expected and offered == [a["uuid"] for a in expected]  # the commune's 2026 activities, by date
        assert all(a["date"].startswith("2026-") for a in expected)
        dialog.activity.setCurrentIndex(1 if len(offered) > 1 else 0)
        chosen = dialog.activity.currentData()
        dialog.message.setPlainText("Số lượt người tham gia có vẻ cao")
        assert dialog.create() is True and not shown
        [req] = corrections.list_requests(so.db)
        assert (req["activity_uuid"], req["indicator"], req["period"]) == (chosen, "", "2026")
        title = next(a["title"] for a in expected if a["uuid"] == chosen)
        cell = dialog.table.item(0, 2).text()
        assert cell.startswith("Hoạt động TTHTCĐ: ") and title in cell and "/2026" in cell
        dialog.resize(1000, 640)
        dialog.grab().save(str(tmp_path / "dept_dialog.png"))
    finally:
        so.close_writer()
        so.db.conn.close()
    [receipt] = w.receipts()
    return w, req, receipt.parent


def test_the_department_marks_an_activity_and_the_commune_sees_it_beside_the_activity(qtbot, tmp_path, shown):
    from tests.core.test_returns import run, run_json
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.installation import open_app_database
    from ui.context import AppContext
    from ui.models.clc_activity_model import CORRECTION_BACKGROUND, CORRECTION_ROLE
    from ui.pages.clc import ClcPage
    from ui.widgets.returns_card import DepartmentFilesCard

    w, req, folder = _round_trip_with_an_activity_request(qtbot, tmp_path, shown)
    assert run(w.xa, "apply", str(folder))[0] == 0
    [listed] = run_json(w.xa, "corrections", "list")
    assert (listed["activity"], listed["status"]) == (req["activity_uuid"], "open")
    xa = AppContext(open_app_database(w.xa), w.xa, parse_period("2026"))
    try:
        page = ClcPage(xa)
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=20000)
        page.model.ensure_fetched(page.model.accepted_count() - 1) if page.model.accepted_count() else None
        title_col = page.model.column_of("title")
        rows = {page.model.data(page.model.index(r, 0), 0x0100 + 2).uuid: r for r in range(page.model.rowCount())}
        assert req["activity_uuid"] in rows
        r = rows[req["activity_uuid"]]
        idx = page.model.index(r, title_col)
        assert page.model.data(idx).startswith("⚑ ")
        assert "Sở đề nghị kiểm tra lại: «Số lượt người tham gia có vẻ cao» (chưa trả lời)" in \
            page.model.data(idx, 3)  # ToolTipRole
        assert page.model.data(idx, 8) == CORRECTION_BACKGROUND  # BackgroundRole: the whole row tinted
        assert [x["uuid"] for x in page.model.data(idx, CORRECTION_ROLE)] == [req["uuid"]]
        qtbot.waitUntil(lambda: "⚑ Sở đề nghị kiểm tra lại 1 hoạt động" in page.status.text(), timeout=5000)
        others = [k for k in rows if k != req["activity_uuid"]]
        assert others and all(page.model.data(page.model.index(rows[k], title_col), 8) is None for k in others)
        # and in the list on the Đồng bộ page, named by its date and title
        card = DepartmentFilesCard(xa)
        qtbot.addWidget(card)
        assert card.requests.rowCount() == 1
        assert card.requests.item(0, 1).text().startswith("Hoạt động TTHTCĐ: ")
    finally:
        xa.close_writer()
        xa.db.conn.close()


def test_a_folder_applied_twice_in_the_window_has_nothing_to_do_the_second_time(qtbot, tmp_path, shown):
    from tests.core.test_returns import World, run
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.installation import open_app_database
    from ui.context import AppContext
    from ui.dialogs.returns import ApplyDepartmentFilesDialog

    w = World(tmp_path)
    w.send_package()
    w.confirm()
    assert run(w.so, "publish", "--out", str(w.out))[0] == 0
    [receipt] = w.receipts()
    folder = receipt.parent
    xa = AppContext(open_app_database(w.xa), w.xa, parse_period("2026"))
    try:
        first = ApplyDepartmentFilesDialog(xa, [folder])
        qtbot.addWidget(first)
        assert first.apply_button.isEnabled()
        first.apply()
        assert [r["status"] for r in first.applied] == ["applied", "applied"]  # the update, then the receipt
        second = ApplyDepartmentFilesDialog(xa, [folder])
        qtbot.addWidget(second)
        text = second.text.toPlainText()
        assert "bản cập nhật số 1 đã được áp dụng trước đó – không có gì phải làm" in text
        assert "biên nhận số 1 đã được mở trước đó – không có gì phải làm" in text and "bị từ chối" not in text
        assert [r["status"] for r in second.checked] == ["unchanged", "unchanged"]
        assert not second.apply_button.isEnabled() and second.intro.text() == "Không có gì phải áp dụng:"
        # A folder holding only the update: nothing to do, said as such (not "no file can be applied").
        only = tmp_path / "only_update"
        only.mkdir()
        [update] = list(folder.glob("*.xhhtu"))
        (only / update.name).write_bytes(update.read_bytes())
        third = ApplyDepartmentFilesDialog(xa, [only])
        qtbot.addWidget(third)
        assert not third.apply_button.isEnabled() and third.intro.text() == "Không có gì phải áp dụng:"
        assert "không có gì phải làm" in third.text.toPlainText() and "bị từ chối" not in third.text.toPlainText()
    finally:
        xa.close_writer()
        xa.db.conn.close()


def test_the_departments_window_words_the_cores_refusal_in_the_interface_language(qtbot, tmp_path, shown):
    """The core's correction errors are codes: the window shows them in English when the interface is."""
    from tests.core.test_returns import COMMUNE, IND, World
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.sync import corrections
    from ui.context import AppContext
    from ui.dialogs.corrections_dept import CorrectionsDialog

    w = World(tmp_path)
    so = AppContext(open_app_database(w.so), w.so, parse_period("2026"))
    try:
        assert i18n.install_language("en")
        dialog = CorrectionsDialog(so)
        qtbot.addWidget(dialog)
        dialog.period.setCurrentIndex(dialog.period.findData("2026"))
        [key] = [dialog.unit.itemData(i) for i in range(dialog.unit.count())
                 if dialog.unit.itemData(i).split("@")[0] == COMMUNE]
        dialog.unit.setCurrentIndex(dialog.unit.findData(key))
        dialog.indicator.setCurrentIndex(dialog.indicator.findData(IND))
        dialog.message.setPlainText("   ")
        assert dialog.create() is False
        assert shown[-1][2] == "The request's text must not be empty."
        assert corrections.list_requests(so.db) == []
    finally:
        i18n.install_language("vi")
        so.close_writer()
        so.db.conn.close()
    dialog = CorrectionsDialog(AppContext(open_app_database(w.so), w.so, parse_period("2026")))
    qtbot.addWidget(dialog)
    [key] = [dialog.unit.itemData(i) for i in range(dialog.unit.count())
             if dialog.unit.itemData(i).split("@")[0] == COMMUNE]
    dialog.unit.setCurrentIndex(dialog.unit.findData(key))
    dialog.message.setPlainText("   ")
    assert dialog.create() is False
    assert shown[-1][2] == "Nội dung đề nghị không được để trống."  # Vietnamese by default, unchanged
    dialog.ctx.close_writer()
    dialog.ctx.db.conn.close()
