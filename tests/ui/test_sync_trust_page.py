"""Nhận gói đồng bộ, tab Máy gửi: a key that signs for a second unit is flagged, and confirming a
row confirms that (key, unit) pair only (issue 12, point 1)."""

from __future__ import annotations

import pytest

from tests.core.test_security_trust import _another_unit_signed_by
from tests.core.test_sync_fixtures import C44, PEK, department, figure, sender, statuses
from tests.ui.test_sync_pages import _lists_read, _merge_page
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import merge
from ui.widgets import messages


@pytest.fixture
def asked(monkeypatch):
    seen: list[str] = []

    def confirm(_parent, _title, text, **_kw):
        seen.append(text)
        return True
    monkeypatch.setattr(messages, "confirm", confirm)
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda *a, **k: None)
    return seen


def test_a_key_for_two_units_is_flagged_and_confirming_a_row_confirms_that_unit_only(qtbot, tmp_path, asked):
    dept = department(tmp_path)
    laptop = sender(tmp_path, dept, "commune", PEK, name="laptop")
    laptop.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    own = laptop.export(tmp_path / "laptop")
    forged = _another_unit_signed_by(tmp_path, dept, laptop, C44, Entry("XMC_15_60", None, 999, 1000))
    assert statuses(merge.merge_files(dept.db, [own, forged])) == ["held", "held"]

    page = _merge_page(qtbot, dept)
    model = page.installations_model
    rows = {r["unit_code"]: i for i, r in enumerate(model.rows)}
    for code in (PEK, C44):
        assert "máy này đang gửi số liệu cho 2 đơn vị" in model.index(rows[code], 3).data()
    assert model.index(rows[C44], 3).data(role=3)  # a tooltip says why

    page.tabs.setCurrentIndex(2)
    page.installations.selectRow(rows[PEK])
    page.confirm_selected()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    _lists_read(qtbot, page)
    assert "2 đơn vị" in asked[-1]
    assert statuses(page.report) == ["imported"]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)
    assert figure(dept, C44, "2014-H1", "XMC_15_60") is None
    status = {r["unit_code"]: r["status"] for r in page.installations_model.rows}
    assert status == {PEK: "confirmed", C44: "pending"}
    laptop.close()
    dept.close()


def test_times_that_cannot_be_shown_in_local_time_are_shown_as_stored():
    from ui.models.sync_models import when
    assert when("9999-12-31T23:59:59-12:00") == "9999-12-31T23:59:59-12:00"
    assert when("0001-01-01T00:00:00+14:00") == "0001-01-01T00:00:00+14:00"
    assert when("giờ lạ") == "giờ lạ"
    assert when("2014-07-05T09:30:00") == "05/07/2014 09:30"
