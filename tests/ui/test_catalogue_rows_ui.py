"""Issue 11 in the window: the Department adds and corrects catalogue rows and agencies in Cài đặt →
"Danh mục và chỉ tiêu", publishes; the commune sees the list of changes first, applies, and its entry
form and the dialog show the new row."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_returns import IND, World, run_json
from xhht_desktop.db import reference
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.installation import open_app_database
from ui.context import AppContext
from ui.widgets import messages

NEW = "XHHT_HOC_TRUC_TUYEN"


@pytest.fixture
def shown(monkeypatch):
    seen = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    return seen


def _ctx(path: Path, period: str = "2026") -> AppContext:
    return AppContext(open_app_database(path), path, parse_period(period))


def test_department_adds_and_corrects_rows_and_agencies_and_the_commune_applies_them(qtbot, tmp_path, shown):
    from ui.dialogs.catalogue_rows import AgenciesDialog, AgencyRowDialog, IndicatorRowDialog
    from ui.dialogs.returns import ApplyDepartmentFilesDialog, CatalogueTargetsDialog
    from ui.pages.entry import EntryPage

    from tests.ui.test_operations import _refuse_writes

    w = World(tmp_path)
    so = _ctx(w.so)
    refused = _refuse_writes(so.db.conn)  # every write goes through the writer, never the GUI connection
    dialog = CatalogueTargetsDialog(so)
    qtbot.addWidget(dialog)
    # A new indicator: a refused one first (the kind of an existing code cannot change shape) …
    fix = IndicatorRowDialog(so, "XHHT2130", next(r for r in reference.indicator_rows(so.db, "XHHT2130")
                                                  if r["code"] == IND), dialog)
    qtbot.addWidget(fix)
    fix.kind.setCurrentIndex(fix.kind.findData("count"))
    assert fix.save() is False and shown[-1][0] == "warn" and "không đổi được từ loại" in shown[-1][2]
    # … then a correction of the comparison and a new row.
    fix.kind.setCurrentIndex(fix.kind.findData("rate"))
    fix.op.setCurrentIndex(fix.op.findData(">"))
    assert fix.save()
    add = IndicatorRowDialog(so, "XHHT2130", None, dialog)
    qtbot.addWidget(add)
    add.code.setText(NEW)
    add.group.setCurrentIndex(add.group.findData(4))
    add.name_vi.setText("Tỷ lệ hộ gia đình có người học trực tuyến")
    add.name_en.setText("Share of households with an online learner")
    add.levels["tinh"].setChecked(True)
    add.numerator.setText("Số hộ có người học trực tuyến")
    add.denominator.setText("Tổng số hộ")
    add.note.setText("Sở bổ sung năm 2026")
    assert add.save()
    dialog.load()
    codes = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    row = codes.index(NEW)
    assert dialog.table.item(row, 1).text().endswith(" *") and dialog.table.item(row, 2).text() == "rate"
    assert dialog.table.item(codes.index(IND), 3).text() == ">"
    dialog.table.item(row, dialog.FIRST_TARGET + 1).setText("40")  # its 2030 target, saved on publishing
    # An agency corrected in the agencies dialog.
    agencies = AgenciesDialog(so, dialog)
    qtbot.addWidget(agencies)
    assert agencies.add_button.isEnabled()  # the Department adds and corrects
    culture = next(a for a in agencies.rows if a["short"] == "Sở VHTTDL")
    edit = AgencyRowDialog(so, culture, agencies)
    qtbot.addWidget(edit)
    edit.name_en.setText("Department of Culture, Sports and Tourism")
    assert edit.save()
    agencies.load()
    assert any(agencies.table.item(r, 0).text() == "Sở Văn hóa - Thể thao và Du lịch *"
               for r in range(agencies.table.rowCount()))
    out = tmp_path / "usb"
    out.mkdir()
    dialog.publish(str(out))
    assert shown[-1][1].startswith("Đã phát hành bản cập nhật danh mục số 1")
    [update] = list(out.glob("*.xhhtu"))
    assert refused == []
    so.db.conn.close()

    xa = _ctx(w.xa)
    check = ApplyDepartmentFilesDialog(xa, [update])
    qtbot.addWidget(check)
    text = check.text.toPlainText()
    assert f"Chỉ tiêu mới {NEW} (XHHT2130)" in text and f"Sửa chỉ tiêu {IND}" in text
    assert "Sửa cơ quan Sở Văn hóa - Thể thao và Du lịch" in text
    assert NEW not in {r["indicator"] for r in run_json(w.xa, "values", "--period", "2026")}  # shown, not applied
    check.apply()
    assert "đã áp dụng" in check.text.toPlainText()
    entry = EntryPage(xa)
    qtbot.addWidget(entry)
    entry.refresh()
    assert NEW in {code for code, _bd in entry.rows} and NEW in entry._meta_labels
    seen = CatalogueTargetsDialog(xa)
    qtbot.addWidget(seen)
    codes = [seen.table.item(r, 0).text() for r in range(seen.table.rowCount())]
    assert seen.table.item(codes.index(NEW), seen.FIRST_TARGET + 1).text() == "40"
    assert not hasattr(seen, "add_row_button")  # an installation only reads
    xa.db.conn.close()
