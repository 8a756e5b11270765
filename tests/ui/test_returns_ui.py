"""Issue 11 in the window: Danh mục và chỉ tiêu (Department edits, publishes, sends), "Nhận tệp từ Sở"
(the list of changes first, then applied), packages "Sở đã nhận ngày …", the correction request beside
its field and in the list, the province's figure beside the commune's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.core.test_returns import COMMUNE, IND, World, run, run_json
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.installation import open_app_database
from ui.context import AppContext
from ui.widgets import messages


@pytest.fixture
def shown(monkeypatch):
    seen = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    return seen


def _ctx(path: Path, period: str = "2026") -> AppContext:
    return AppContext(open_app_database(path), path, parse_period(period))


def test_department_edits_a_target_publishes_and_the_commune_sees_the_changes_first(qtbot, tmp_path, shown):
    from ui.dialogs.returns import ApplyDepartmentFilesDialog, CatalogueTargetsDialog

    w = World(tmp_path)
    so = _ctx(w.so)
    dialog = CatalogueTargetsDialog(so)
    qtbot.addWidget(dialog)
    assert dialog.programme.currentData() == "XHHT2130"
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == IND)
    cell = dialog.table.item(row, dialog.FIRST_TARGET + 1)  # target 2030: 60, a draft
    assert cell.text() == "60" and "dự thảo" in cell.toolTip()
    cell.setText("45")
    out = tmp_path / "usb"
    out.mkdir()
    dialog.publish(str(out))  # saves the edited cell first
    assert shown[-1][1].startswith("Đã phát hành bản cập nhật danh mục số 1")
    [update] = list(out.glob("*.xhhtu"))
    so.db.conn.close()

    xa = _ctx(w.xa)
    before = w.target(w.xa)
    check = ApplyDepartmentFilesDialog(xa, [update])
    qtbot.addWidget(check)
    assert "CB_KH_XA_CNTT năm 2030: 60 (dự thảo) → 45" in check.text.toPlainText()
    assert w.target(w.xa) == before  # shown, not applied
    check.apply()
    assert "đã áp dụng" in check.text.toPlainText()
    assert w.target(w.xa)[1:] == (45.0, True)
    xa.db.conn.close()


def test_refused_file_is_shown_with_its_reason_and_cannot_be_applied(qtbot, tmp_path):
    from ui.dialogs.returns import ApplyDepartmentFilesDialog

    w = World(tmp_path)
    bad = tmp_path / "x.xhhtu"
    bad.write_bytes(b"not an update")
    xa = _ctx(w.xa)
    dialog = ApplyDepartmentFilesDialog(xa, [bad])
    qtbot.addWidget(dialog)
    assert "bị từ chối" in dialog.text.toPlainText() and not dialog.apply_button.isEnabled()
    xa.db.conn.close()


def test_commune_window_after_a_receipt(qtbot, tmp_path, monkeypatch):
    from ui.dialogs import returns as dialogs
    from ui.pages.dashboard import DashboardPage
    from ui.pages.entry import EntryPage
    from ui.pages.sync import SyncPage
    from ui.widgets import returns_card

    w = World(tmp_path)
    w.send_package()
    w.confirm()
    assert run(w.so, "request-correction", "--unit", COMMUNE, "--period", "2026", "--indicator", IND,
               "--message", "Đề nghị xã kiểm tra lại mẫu số")[0] == 0
    [receipt] = w.receipts()
    xa = _ctx(w.xa)
    page = SyncPage(xa)
    qtbot.addWidget(page)
    assert page.exports_model.data(page.exports_model.index(0, 5)) == "Sở chưa nhận"
    # Drag-and-drop onto "Nhận tệp từ Sở" opens the check; applying acknowledges the package.
    monkeypatch.setattr(dialogs.ApplyDepartmentFilesDialog, "exec", lambda self: self.apply())
    seen = []
    real = returns_card.receive_from_department
    monkeypatch.setattr(returns_card, "receive_from_department",
                        lambda parent, ctx, paths=None: seen.append(paths) or real(parent, ctx, paths))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(receipt))])
    page.department_files.dropEvent(QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert seen == [[receipt]]
    assert page.exports_model.data(page.exports_model.index(0, 5)).startswith("Sở đã nhận ngày ")
    assert run_json(w.xa, "exports")[0]["acknowledged"] is True
    # The request in the list, and beside its field.
    card = page.department_files
    assert card.requests.rowCount() == 1 and card.requests.item(0, 2).text() == "Đề nghị xã kiểm tra lại mẫu số"
    entry = EntryPage(xa)
    qtbot.addWidget(entry)
    entry.refresh()
    note = entry._correction_labels[IND]
    assert not note.isHidden() and "Đề nghị xã kiểm tra lại mẫu số" in note.text()
    assert entry._correction_labels.get("TUAN_LE_HTSD") is None or entry._correction_labels["TUAN_LE_HTSD"].isHidden()
    # The province's figure beside the commune's on the dashboard.
    dash = DashboardPage(xa)
    qtbot.addWidget(dash)
    dash.refresh()
    qtbot.waitUntil(lambda: bool(dash.findChildren(type(note), "provinceFigure")), timeout=10000)
    figures = [lab.text() for lab in dash.findChildren(type(note), "provinceFigure")]
    assert any(t and t != "—" for t in figures)
    xa.db.conn.close()
