"""On screen, a figure derived from the communes before the 2025 merger is marked, and the change
since the previous period works across the reform (issue 10, point 5)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry

from ui.models.dashboard_model import load_dashboard
from ui.models.presentation import DERIVED_MARK, derived_note, value_text


def _save(db, unit, period, *entries):
    values_repo.save_entries(db, unit.id, period, list(entries), actor="test", origin="t")


def test_value_text_marks_derived_figures():
    assert value_text("rate", 64.6667, own_flag=False, derived=True) == f"64,67% {DERIVED_MARK}"
    assert value_text("flag", 75.0, own_flag=True, derived=True) == f"75,00% {DERIVED_MARK}"  # a share, not "Đạt"
    assert value_text("rate", 64.6667, own_flag=False) == "64,67%"
    assert derived_note(3, 5) == f"{DERIVED_MARK} ghép từ số liệu các xã trước sáp nhập (3/5 xã đã báo cáo)"


def test_dashboard_change_across_the_reform(db):
    kt = units_repo.unit_by_key(db, "23293@2025-07-01")  # Phường Kon Tum, from five wards
    wards = [units_repo.find_unit(db, c, parse_period("2024")) for c in ("23281", "23287", "23290", "23299")]
    shape = load_dashboard(db, wards[0], parse_period("2024"))
    flag = next(s.indicator.code for s in shape.summaries if s.indicator.kind == "flag")
    rate = next(s.indicator.code for s in shape.summaries if s.indicator.kind == "rate")
    for ward, value in zip(wards, (1, 0, 1, None)):
        if value is not None:
            _save(db, ward, "2024", Entry(flag, None, value=value), Entry(rate, None, 45, 50))
    _save(db, kt, "2025", Entry(flag, None, value=1), Entry(rate, None, 140, 150))
    data = load_dashboard(db, kt, parse_period("2025"))
    by_code = {s.indicator.code: s for s in data.summaries}
    f = by_code[flag]
    assert f.own_flag and f.previous.derived and not f.total.derived
    assert f.change == pytest.approx(100 - 100 * 2 / 3)  # đạt now against 2 of 3 wards before
    r = by_code[rate]
    assert r.change == pytest.approx(100 * 140 / 150 - 100 * 135 / 150)


def test_reports_page_offers_the_former_district_view_for_todays_province(qtbot, db, db_path):
    """The Department of 51 groups its communes by former district (analysis only) from the window;
    for a province with districts (62 in 2018) the option is not offered."""
    from ui.context import AppContext
    from ui.pages.reports import ReportsPage
    from xhht_desktop.domain.periods import Period
    from xhht_desktop.installation import init_installation_by_key

    kt = units_repo.unit_by_key(db, "23293@2025-07-01")
    _save(db, kt, "2025", *[Entry(code, None, 80, 100) for code in _rates(db, kt, "2025")[:1]])
    inst = init_installation_by_key(db, "department", "51@2025-07-01", "Trần Thị B", "Chuyên viên")
    page = ReportsPage(AppContext(db, db_path, Period(2025, 0)))
    qtbot.addWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("consolidated"))
    page.unit.setCurrentIndex(page.unit.findData(inst.unit.id))
    assert page.grouping_offered
    page.format.setCurrentIndex(page.format.findData("pdf"))
    page.by_former_district.setChecked(True)
    page.make_button.click()
    qtbot.waitUntil(lambda: page.task is None and page.current_path is not None, timeout=60000)
    assert page.current_path.exists()
    grouped_pdf = page.current_path
    page.period.setCurrentIndex(page.period.findData("2018"))
    kontum = units_repo.find_unit(db, "62", parse_period("2018"))
    page.unit.addItem(kontum.name, kontum.id)  # 62 as another unit of the list
    page.unit.setCurrentIndex(page.unit.findData(kontum.id))
    assert not page.grouping_offered and not page.by_former_district.isChecked()
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed: cannot read the PDF to see the grouping")
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(grouped_pdf), "-"], check=True,
                                   capture_output=True, text=True, encoding="utf-8").stdout.split())
    assert "Thành phố Kon Tum (cũ)" in text  # the communes are grouped under their former district


def _rates(db, unit, period):
    from xhht_desktop.db.aggregate import compute_values
    return [r.indicator for r in compute_values(db, unit.id, period) if r.kind == "rate" and r.breakdown is None]
