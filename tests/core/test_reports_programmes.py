"""Papers of the 2021–2030 programme (issue 10, points 1 and 2, on paper): the legal basis of the
period, both target years 2025/2030 with the drafts marked, degrees and shares printed as such.
2013–2020 papers are pinned by test_reports_output.py; here only that they keep plan 2780's frame.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation_by_key
from xhht_desktop.reports import rows as R
from xhht_desktop.reports.consolidated import write_consolidated_pdf
from xhht_desktop.reports.progress_sheet import indicator_table, target_cell_text, write_progress_pdf
from xhht_desktop.reports.xlsx import LEVEL_FORMAT, write_consolidated_xlsx, write_progress_xlsx

from tests.core.test_reports_fixtures import PEK, fill_hand_figures

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
NOW = dt.datetime(2027, 1, 15, 9, 0)


def _unit(db, key):
    return units_repo.unit_by_key(db, key)


def _save(db, key, period, *entries):
    values_repo.save_entries(db, _unit(db, key).id, period, list(entries), actor="test", origin="t")


def _decision(code, degree, day="2024-03-01", no="12/QĐ-UBND", body="UBND huyện Đắk Glei"):
    return Entry(code, None, value=degree, decision_no=no, decision_date=day, decision_body=body)


@pytest.fixture
def db_2026(db):
    """Xã Đăk Pék (23341 since 2025-07-01) and Phường Kon Tum (23293) with 2026 figures."""
    init_installation_by_key(db, "commune", "23341@2025-07-01", "Y Blong", "Công chức Văn hóa - Xã hội")
    _save(db, "23341@2025-07-01", "2026",
          Entry("XMC1_15_35", None, 950, 1000), Entry("XMC1_15_35", "nu", 460, 500),
          Entry("XMC2_15_60", None, 3700, 4000),
          _decision("XMC_MUC_DO", 2),
          _decision("CDHT_XA_MUC_DO", 1, day="2022-05-10", no="45/QĐ-PGDĐT"),  # lapsed 10/05/2025
          Entry("GIA_DINH_HOC_TAP", None, 700, 1000), Entry("TTHTCD_UD_CNTT", None, value=1))
    _save(db, "23293@2025-07-01", "2026", _decision("XMC_MUC_DO", 1, body="UBND thành phố Kon Tum"),
          Entry("GIA_DINH_HOC_TAP", None, 900, 1000))
    return db


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def squash(text: str) -> str:
    return " ".join(text.split())


def table_head(sheet) -> list[str]:
    """The printed column headings of the indicator table (wrapped in the PDF, whole here)."""
    return [cell.text for cell in indicator_table(sheet, 500)._cellvalues[0]]


@needs_poppler
def test_2026_progress_sheet_cites_qd_1373_and_shows_2025_2030_degrees_and_drafts(db_2026, tmp_path):
    unit = _unit(db_2026, "23341@2025-07-01")
    sheet = R.progress_sheet(db_2026, unit.id, "2026", now=NOW)
    text = squash(pdf_text(write_progress_pdf(db_2026, unit.id, "2026", tmp_path / "p.pdf", sheet=sheet)))
    for s in ("UBND XÃ ĐĂK PÉK", "Quyết định số 1373/QĐ-TTg ngày 30/7/2021", "Kế hoạch số 3418/KH-UBND",
              "Kế hoạch số 1514/KH-UBND", "2025 2030", "Mức độ 2",
              "4. Các mô hình học tập và danh hiệu học tập", "mục tiêu dự thảo, chưa được Sở xác nhận",
              "đã hết hiệu lực", "95,00%", "70,00%"):
        assert s in text, s
    for s in ("2780", "2015", "2020"):
        assert s not in text, s
    assert table_head(sheet)[5:7] == ["Mục tiêu 2025", "Mục tiêu 2030"]
    # The targets' columns: XMC_MUC_DO 2025 "≥ mức độ 2", 2030 a draft with no figure yet;
    # GIA_DINH_HOC_TAP 2025 80%, 2030 a draft; CONG_DAN_HOC_TAP both figures drafts (denominator unsure).
    lines = {ln.code: ln for ln in sheet.lines()}
    assert lines["CDHT_XA_MUC_DO"].value_text == "Chưa đạt (công nhận mức độ 1 đã hết hiệu lực)"
    assert lines["XMC_MUC_DO"].value_text == "Mức độ 2"
    assert [target_cell_text(lines["XMC_MUC_DO"].indicator, y, "xa") for y in (2025, 2030)] == ["≥ mức độ 2", "— *"]
    assert [target_cell_text(lines["GIA_DINH_HOC_TAP"].indicator, y, "xa") for y in (2025, 2030)] == ["≥ 80%", "— *"]
    assert [target_cell_text(lines["CONG_DAN_HOC_TAP"].indicator, y, "xa") for y in (2025, 2030)] == ["≥ 40% *",
                                                                                                        "≥ 60% *"]
    assert "≥ 40% * ≥ 60% *" in text
    # Women's literacy against men's, from the 2021–2030 rate (men 490/500 = 98%).
    assert "nữ 92,00%, nam 98,00%" in text


def test_2026_progress_xlsx_targets_by_year_degree_as_number_and_draft_marks(db_2026, tmp_path):
    unit = _unit(db_2026, "23341@2025-07-01")
    sheet = R.progress_sheet(db_2026, unit.id, "2026", now=NOW)
    ws = load_workbook(write_progress_xlsx(db_2026, unit.id, "2026", tmp_path / "p.xlsx", sheet=sheet)).active
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row if c.value is not None}
    texts = [str(c.value) for c in cells.values()]
    assert any("Quyết định số 1373/QĐ-TTg" in t and "Kế hoạch số 3418/KH-UBND" in t for t in texts)
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT")
    assert (ws.cell(head, 8).value, ws.cell(head, 9).value) == ("Mục tiêu 2025", "Mục tiêu 2030")
    rows = {ws.cell(r, 3).value: r for r in range(head + 2, ws.max_row + 1) if ws.cell(r, 3).value}
    r = rows["XMC_MUC_DO"]
    assert ws.cell(r, 7).value == 2 and ws.cell(r, 7).number_format == LEVEL_FORMAT  # a number: "Mức độ 2"
    assert ws.cell(r, 8).value == 2 and "mức độ" in ws.cell(r, 8).number_format
    assert ws.cell(r, 9).value == "— *"  # 2030: draft, no figure yet
    assert ws.cell(r, 10).value is None  # judged against 2030, which has no figure yet: no verdict
    r = rows["GIA_DINH_HOC_TAP"]
    assert ws.cell(r, 7).value == f'=IF(F{r}>0,E{r}/F{r},"")'
    assert (ws.cell(r, 5).value, ws.cell(r, 6).value) == (700, 1000)
    assert ws.cell(r, 8).value == pytest.approx(0.8) and not ws.cell(r, 8).number_format.endswith('"*"')
    assert ws.cell(r, 9).value == "— *"
    r = rows["CDHT_CBCC_DVHT"]  # confirmed targets: numbers, no mark
    assert (ws.cell(r, 8).value, ws.cell(r, 9).value) == (pytest.approx(0.6), pytest.approx(0.8))
    assert "*" not in ws.cell(r, 9).number_format
    r = rows["CDHT_XA_MUC_DO"]
    assert "hết hiệu lực" in ws.cell(r, 7).value
    assert any("mục tiêu dự thảo, chưa được Sở xác nhận" in t for t in texts)
    assert not any("2780" in t for t in texts)


@needs_poppler
def test_2026_consolidated_of_quang_ngai_prints_shares_of_communes_at_each_degree(db_2026, tmp_path):
    root = _unit(db_2026, "51@2025-07-01")
    rep = R.consolidated(db_2026, root.id, "2026", now=NOW)
    text = squash(pdf_text(write_consolidated_pdf(db_2026, root.id, "2026", tmp_path / "c.pdf", report=rep)))
    assert table_head(rep.summary)[5:7] == ["Mục tiêu 2025", "Mục tiêu 2030"]
    for s in ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Quyết định số 1373/QĐ-TTg", "Mục tiêu 2030",
              "1. Xóa mù chữ và phổ cập giáo dục", "Xã Đăk Pék", "Phường Kon Tum"):
        assert s in text, s
    # Two communes gave a degree (2 and 1): both at level 1 or more, one of two at level 2.
    province = {ln.code: ln for ln in rep.summary.lines()}
    assert province["XMC_MUC_DO"].value_text == "Mức 1 trở lên: 100,00%; mức 2 trở lên: 50,00%"
    assert "trở lên: 50,00%" in text
    # The lapsed recognition counts as 0: no commune at level 1 of the learning-community rating.
    assert province["CDHT_XA_MUC_DO"].value_text == "Mức 1 trở lên: 0,00%; mức 2 trở lên: 0,00%"
    assert "THEO CƠ QUAN THEO DÕI" not in text  # plan 2780's section V has no 2021–2030 indicators
    assert "2780" not in text

    wb = load_workbook(write_consolidated_xlsx(db_2026, root.id, "2026", tmp_path / "c.xlsx",
                                               report=R.consolidated(db_2026, root.id, "2026", now=NOW,
                                                                     activities=False)))
    assert "TheoCoQuan" not in wb.sheetnames
    form = wb["Bieu02"]
    by_code = {form.cell(r, 3).value: r for r in range(1, form.max_row + 1) if form.cell(r, 3).value}
    assert form.cell(by_code["CDHT_XA_MUC_DO"], 7).value == "Mức 1 trở lên: 0,00%; mức 2 trở lên: 0,00%"
    assert form.cell(by_code["XMC_MUC_DO"], 7).value == "Mức 1 trở lên: 100,00%; mức 2 trở lên: 50,00%"
    ws = wb["TheoDonVi"]
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(5, c).value == "XMC_MUC_DO")
    assert ws.cell(6, col).value == "Mức độ"
    by_unit = {ws.cell(r, 3).value: ws.cell(r, col) for r in range(7, ws.max_row + 1) if ws.cell(r, 3).value}
    assert by_unit["23341"].value == 2 and by_unit["23293"].value == 1
    assert by_unit["23341"].number_format == LEVEL_FORMAT
    assert by_unit["23284"].value == R.NOT_REPORTED  # a commune that gave nothing
    assert by_unit["51"].value is None  # the province has no degree of its own: not "chưa báo cáo"


@needs_poppler
def test_2014_papers_keep_plan_2780_frame(db, tmp_path):
    from xhht_desktop.installation import init_installation

    init_installation(db, "commune", PEK, "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_hand_figures(db)
    unit = units_repo.find_unit(db, PEK)
    sheet = R.progress_sheet(db, unit.id, "2014")
    text = squash(pdf_text(write_progress_pdf(db, unit.id, "2014", tmp_path / "p.pdf", sheet=sheet)))
    assert "(Thực hiện Kế hoạch số 2780/KH-UBND ngày 02/12/2013 của UBND tỉnh Kon Tum)" in text
    assert table_head(sheet)[5:7] == ["Mục tiêu 2015", "Mục tiêu 2020"]
    assert "1373" not in text and "dự thảo" not in text and "*" not in text


def test_a_target_the_department_confirmed_prints_without_the_draft_mark(db_2026, tmp_path):
    from xhht_desktop.db.reference import set_target

    unit = _unit(db_2026, "23341@2025-07-01")
    set_target(db_2026, "XHHT2130", "GIA_DINH_HOC_TAP", 2030, 90, actor="Sở GD&ĐT")
    sheet = R.progress_sheet(db_2026, unit.id, "2026", now=NOW)
    line = next(ln for ln in sheet.lines() if ln.code == "GIA_DINH_HOC_TAP")
    assert [target_cell_text(line.indicator, y, "xa") for y in (2025, 2030)] == ["≥ 80%", "≥ 90%"]
    assert line.met_text == "Chưa đạt"  # 70% against the confirmed 90% of 2030
    ws = load_workbook(write_progress_xlsx(db_2026, unit.id, "2026", tmp_path / "p.xlsx", sheet=sheet)).active
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "GIA_DINH_HOC_TAP")
    assert ws.cell(r, 9).value == pytest.approx(0.9) and "*" not in ws.cell(r, 9).number_format
