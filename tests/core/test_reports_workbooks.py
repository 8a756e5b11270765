"""Workbooks that read right anywhere: every formula stores its computed value (read with openpyxl
data_only=True, as a viewer that does not recalculate would, and through LibreOffice); the change
column in points; every sheet set to print readably on A4."""

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.reports.cli import generate

from tests.core.test_reports_fixtures import PEK, unit
from tests.core.test_reports_output import reports_db  # noqa: F401  (fixture)


def _formulas(path):
    """(sheet, cell) -> (formula, cached value)."""
    formulas = load_workbook(path)
    values = load_workbook(path, data_only=True)
    out = {}
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    out[(ws.title, c.coordinate)] = (c.value, values[ws.title][c.coordinate].value)
    return out


def test_every_formula_of_the_progress_form_stores_its_value(reports_db, tmp_path):  # noqa: F811
    out = generate(reports_db, "progress", unit(reports_db, PEK), parse_period("2014-H2"), "xlsx", tmp_path / "p.xlsx")
    ws = load_workbook(out, data_only=True)["Bieu01"]
    formulas = _formulas(out)
    assert len(formulas) >= 6  # literacy, its women's and minority lines: a rate and a change each
    for (sheet, ref), (formula, value) in formulas.items():
        row = ws[ref].row
        if formula.startswith("=IF(F"):  # the rate: Tử số / Mẫu số
            num, den = ws.cell(row=row, column=5).value, ws.cell(row=row, column=6).value
            assert value == pytest.approx(num / den), ref
        else:  # the change since the previous period, in points for a rate
            assert "(G" in formula and value is not None, (ref, formula)
    # Xã Đắk Pék's literacy: 97,80% now, +1,97 points on 6 months before (1150/1200), stored as such.
    line = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=3).value == "XMC_15_60")
    assert ws.cell(row=line, column=7).value == pytest.approx(1166795 / 1193042)
    assert ws.cell(row=line, column=12).value == pytest.approx((1166795 / 1193042 - 1150 / 1200) * 100)
    assert "điểm" in load_workbook(out)["Bieu01"].cell(row=line, column=12).number_format
    assert any(ws.cell(row=r, column=12).value == "Thay đổi so với kỳ trước (điểm, số lượng)" for r in range(1, line))


def test_consolidated_workbook_values_match_the_database(reports_db, tmp_path):  # noqa: F811
    root = unit(reports_db, "62")
    out = generate(reports_db, "consolidated", root, parse_period("2014"), "xlsx", tmp_path / "c.xlsx")
    formulas = _formulas(out)
    missing = [(s, ref, f) for (s, ref), (f, v) in formulas.items() if v is None and "/" in f]
    values = load_workbook(out, data_only=True)
    for sheet, ref, formula in missing:  # only a rate over an empty denominator computes to ""
        ws = values[sheet]
        den_col = formula.split(">0")[0].split("(")[1]
        assert not ws[den_col].value, (sheet, ref, formula)
    assert {s for s, _ in formulas} == {"Bieu02", "TheoDonVi", "TheoCoQuan"}
    # The province's literacy as a viewer without recalculation reads it.
    want = {(r.indicator, r.breakdown): r for r in compute_values(reports_db, root.id, "2014")}[("XMC_15_60", None)]
    ws = values["Bieu02"]
    line = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=3).value == "XMC_15_60")
    assert ws.cell(row=line, column=7).value == pytest.approx(want.numerator / want.denominator)


def test_every_sheet_prints_readably_on_a4(reports_db, tmp_path):  # noqa: F811
    out = generate(reports_db, "consolidated", unit(reports_db, "62"), parse_period("2014"), "xlsx", tmp_path / "c.xlsx")
    wb = load_workbook(out)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows, ws.title
    detail = wb["TheoDonVi"]
    assert 1 <= detail.page_setup.fitToWidth <= 4  # was ~75 pages with columns cut off
    assert detail.print_title_cols == "$A:$B"
    head = next(r for r in range(1, 10) if detail.cell(row=r, column=1).value == "STT")
    parts = {c: detail.cell(row=head + 2, column=c).value for c in range(6, detail.max_column + 1)}
    for c, part in parts.items():
        letter = detail.cell(row=head, column=c).column_letter
        hidden = detail.column_dimensions[letter].hidden
        assert hidden == (part in ("Tử số", "Mẫu số")), (letter, part)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_reads_every_sheet(reports_db, tmp_path):  # noqa: F811
    root = unit(reports_db, "62")
    out = generate(reports_db, "consolidated", root, parse_period("2014"), "xlsx", tmp_path / "c.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    detail = (tmp_path / "c-TheoDonVi.csv").read_text(encoding="utf-8")
    want = {(r.indicator, r.breakdown): r for r in compute_values(reports_db, root.id, "2014")}[("XMC_15_60", None)]
    total = next(ln for ln in detail.splitlines() if ln.startswith(",Toàn tỉnh"))
    percent = f"{100 * want.numerator / want.denominator:.2f}%".replace(".", ",")
    assert percent in total
    assert f"{want.numerator:,}".replace(",", ".") in total
