"""Read the reports back: PDF text and fonts through poppler, XLSX cells against compute_values."""

import json
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from xhht_desktop.cli import main as cli
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.catalogue import by_code
from xhht_desktop.installation import init_installation
from xhht_desktop.reports import rows as R
from xhht_desktop.reports.cli import generate
from xhht_desktop.domain.periods import parse_period

from tests.core.test_reports_fixtures import PEK, communes_of, fill_hand_figures, fill_sample, unit

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                   reason="poppler-utils not installed")


@pytest.fixture
def reports_db(db):
    init_installation(db, "commune", PEK, "Y Blong", "Công chức Văn hóa - Xã hội")
    codes = [c for c in communes_of(db, "610")[:5] + communes_of(db, "611")[:3] if c != PEK] + ["610"]
    fill_sample(db, codes, ["2014-H1", "2014-H2", "2014"])
    fill_hand_figures(db)
    return db


def pdf_text(path, first=None, last=None) -> str:
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*cmd, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def assert_fonts_embedded(path) -> None:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        emb = line[line.index("TrueType") if "TrueType" in line else 0:].split()
        assert "LiberationSerif" in line, line
        # columns: name type encoding emb sub uni ...
        cols = line.split()
        assert cols[-5] == "yes", f"font not embedded: {line}"


@needs_poppler
def test_commune_progress_sheet_pdf(reports_db, tmp_path):
    out = generate(reports_db, "progress", unit(reports_db, PEK), parse_period("2014-H2"), "pdf", tmp_path / "p.pdf")
    text = pdf_text(out)
    for heading in ("UBND XÃ ĐẮK PÉK", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "PHIẾU THEO DÕI TIẾN ĐỘ", "6 tháng cuối năm 2014", "Người lập biểu", "TM. ỦY BAN NHÂN DÂN",
                    "(Ký, họ tên, đóng dấu)", "Trong đó: Nữ", "Y Blong"):
        assert heading in text, heading
    assert re.search(r"Đắk Pék, ngày \d\d tháng \d\d năm \d{4}", text)
    # 1.166.795 of 1.193.042 literate: 97,80%; women 570.000 / 590.000 = 96,61%; +1,97 points since H1.
    for figure in ("1.166.795", "1.193.042", "97,80%", "570.000", "96,61%", "+1,97", "50,00%"):
        assert figure in text, figure
    assert "Mã nhận dạng máy" in text or "Mã cài đặt" in text
    assert "In lúc" in text
    assert_fonts_embedded(out)


@needs_poppler
def test_page_numbers_start_on_page_two(reports_db, tmp_path):
    out = generate(reports_db, "progress", unit(reports_db, "610"), parse_period("2014"), "pdf", tmp_path / "d.pdf")
    assert pdf_pages(out) >= 2
    first_lines = [ln.strip() for ln in pdf_text(out, 1).splitlines() if ln.strip()]
    assert first_lines[0] != "1" and "UBND HUYỆN ĐẮK GLEI" in first_lines[0]
    for page in range(2, pdf_pages(out) + 1):
        lines = [ln.strip() for ln in pdf_text(out, page).splitlines() if ln.strip()]
        assert lines[0] == str(page)


@needs_poppler
def test_empty_period_prints_not_reported_never_zero(reports_db, tmp_path):
    out = generate(reports_db, "progress", unit(reports_db, PEK), parse_period("2016"), "pdf", tmp_path / "e.pdf")
    text = pdf_text(out)
    assert "chưa báo cáo" in text
    assert "0,00%" not in text
    assert "chưa báo cáo số liệu nào" in text


@needs_poppler
def test_consolidated_pdf_province(reports_db, tmp_path):
    out = generate(reports_db, "consolidated", unit(reports_db, "62"), parse_period("2014"), "pdf", tmp_path / "c.pdf")
    text = pdf_text(out)
    for s in ("UBND TỈNH KON TUM", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BÁO CÁO TỔNG HỢP", "Toàn tỉnh",
              "Cộng huyện Đắk Glei", "Sở Nông nghiệp và Phát triển nông thôn", "GIÁM ĐỐC", "Mục tiêu 96%"):
        assert s in text, s
    province = {(r.indicator, r.breakdown): r for r in compute_values(reports_db, unit(reports_db, "62").id, "2014")}
    literacy = province[("XMC_15_60", None)]
    assert f"{literacy.numerator:,}".replace(",", ".") in text
    assert f"{literacy.units_reported}/{literacy.units_expected}" in text
    assert_fonts_embedded(out)


def _xlsx_value(ws, r, col):
    return ws.cell(row=r, column=col).value


def _check_form_sheet(ws, rows_by_key, level):
    """Every line of the form (columns: C Mã số, E Tử số, F Mẫu số, G Kết quả) against compute_values."""
    catalogue = by_code()
    seen = 0
    for r in range(1, ws.max_row + 1):
        code = _xlsx_value(ws, r, 3)
        if not isinstance(code, str) or code.split(".")[0] not in catalogue:
            continue
        base, _, bd = code.partition(".")
        want = rows_by_key[(base, bd or None)]
        ind = catalogue[base]
        num, den, res = (_xlsx_value(ws, r, c) for c in (5, 6, 7))
        seen += 1
        if want.value is None:
            assert res == R.NOT_REPORTED and num is None and den is None, code
        elif ind.kind == "count":
            assert res == want.value, code
        elif R.is_own_flag(ind, level):
            assert res == want.value, code
        else:
            assert (num, den) == (want.numerator, want.denominator), code
            assert res == f'=IF(F{r}>0,E{r}/F{r},"")', code
            assert 100 * num / den == pytest.approx(want.value), code
        if level != "xa" and ws.max_column >= 14:
            assert (_xlsx_value(ws, r, 13), _xlsx_value(ws, r, 14)) == (want.units_reported, want.units_expected)
    assert seen == len(rows_by_key)


def values_json(db_path, code, period, capsys):
    capsys.readouterr()
    assert cli(["--db", str(db_path), "values", "--period", period, "--unit", code, "--json"]) == 0
    return {(r["indicator"], r["breakdown"]): r for r in json.loads(capsys.readouterr().out)}


def test_progress_xlsx_numbers_equal_values_json(reports_db, db_path, tmp_path, capsys):
    out = tmp_path / "p.xlsx"
    assert cli(["--db", str(db_path), "report", "progress", "--period", "2014-H2", "--format", "xlsx",
                "--out", str(out)]) == 0
    ws = load_workbook(out)["Bieu01"]
    top = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=3)]
    flat = [v for row in top for v in row if v]
    assert "Biểu số 01/XHHT-X" in flat and "UBND XÃ ĐẮK PÉK" in flat
    assert any(str(v).startswith("Đơn vị báo cáo: UBND xã Đắk Pék") for v in flat)
    assert any(str(v).startswith("Đơn vị nhận báo cáo: UBND huyện Đắk Glei") for v in flat)
    header = next(r for r in range(1, 15) if _xlsx_value(ws, r, 1) == "STT")
    assert [_xlsx_value(ws, header, c) for c in range(1, 5)] == ["STT", "Chỉ tiêu", "Mã số", "Đơn vị tính"]
    assert ws.print_title_rows == f"${header}:${header + 1}"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
    js = values_json(db_path, PEK, "2014-H2", capsys)
    rows_by_key = {k: type("V", (), v) for k, v in js.items()}
    _check_form_sheet(ws, rows_by_key, "xa")
    assert ws.cell(row=header + 3, column=7).number_format.endswith("0.00%")


def test_consolidated_xlsx_every_unit_equals_compute_values(reports_db, tmp_path):
    root = unit(reports_db, "62")
    out = generate(reports_db, "consolidated", root, parse_period("2014"), "xlsx", tmp_path / "c.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Bieu02", "TheoDonVi", "TheoCoQuan"]
    _check_form_sheet(wb["Bieu02"], {(r.indicator, r.breakdown): r for r in compute_values(reports_db, root.id, "2014")},
                      "tinh")
    ws = wb["TheoDonVi"]
    head = next(r for r in range(1, 10) if _xlsx_value(ws, r, 1) == "STT")
    codes_row = [ws.cell(row=head + 1, column=c).value for c in range(1, ws.max_column + 1)]
    parts_row = [ws.cell(row=head + 2, column=c).value for c in range(1, ws.max_column + 1)]
    columns = {}
    current = None
    for c, (code, part) in enumerate(zip(codes_row, parts_row), start=1):
        if code:
            current = code
        if current and part:
            columns[(current, part)] = c
    checked_units = 0
    for r in range(head + 3, ws.max_row + 1):
        code = _xlsx_value(ws, r, 3)
        if not code:
            continue
        u = unit(reports_db, code)
        want = {row.indicator: row for row in compute_values(reports_db, u.id, "2014") if row.breakdown is None}
        checked_units += 1
        for ind_code, row in want.items():
            ind = by_code()[ind_code]
            if ind.kind == "count":
                assert _xlsx_value(ws, r, columns[(ind_code, "Số lượng")]) == (row.value if row.value is not None
                                                                               else R.NOT_REPORTED)
                continue
            res = _xlsx_value(ws, r, columns[(ind_code, "Kết quả")])
            if row.value is None:
                assert res == R.NOT_REPORTED
            elif R.is_own_flag(ind, u.level):
                assert res == row.value
            else:
                num = _xlsx_value(ws, r, columns[(ind_code, "Tử số")])
                den = _xlsx_value(ws, r, columns[(ind_code, "Mẫu số")])
                assert (num, den) == (row.numerator, row.denominator), (code, ind_code)
                assert res.startswith("=IF(")
    # every commune of the province on 31/12/2014, the 9 districts and the province
    assert checked_units == len(R.bulk_values(reports_db, root.id, "2014"))
    agencies = wb["TheoCoQuan"]
    names = [agencies.cell(row=r, column=2).value for r in range(1, agencies.max_row + 1)]
    assert "Sở Thông tin và Truyền thông" in names


def test_agency_view_sums_counts_of_its_districts(reports_db):
    rep = R.consolidated(reports_db, unit(reports_db, "62").id, "2014")
    info = next(a for a in rep.agencies if a.agency == "Sở Thông tin và Truyền thông")  # follows Đắk Glei
    dist = {(r.indicator, r.breakdown): r for r in compute_values(reports_db, unit(reports_db, "610").id, "2014")}
    num, den, value = info.values[("XMC_15_60", None)]
    assert (num, den) == (dist[("XMC_15_60", None)].numerator, dist[("XMC_15_60", None)].denominator)
    assert value == pytest.approx(dist[("XMC_15_60", None)].value)


def test_consolidated_refuses_a_commune(reports_db, db_path, tmp_path, capsys):
    assert cli(["--db", str(db_path), "report", "consolidated", "--period", "2014", "--format", "pdf",
                "--out", str(tmp_path / "x.pdf")]) == 1
    assert "cấp xã" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_default_output_goes_to_reports_folder(reports_db, db_path, tmp_path, capsys):
    capsys.readouterr()
    assert cli(["--db", str(db_path), "report", "progress", "--period", "2014", "--format", "xlsx"]) == 0
    path = capsys.readouterr().out.strip()
    assert path.endswith("reports/phieu-tien-do_23353_2014.xlsx")


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_shows_vietnamese_numbers(reports_db, tmp_path):
    out = generate(reports_db, "progress", unit(reports_db, PEK), parse_period("2014-H2"), "xlsx", tmp_path / "p.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", str(tmp_path),
                    str(out)], check=True, capture_output=True, timeout=120)
    text = (tmp_path / "p.csv").read_text(encoding="utf-8")
    # recalculated formulas and Vietnamese separators, whatever the machine's locale
    for figure in ("1.166.795", "97,80%", "96,61%", "50,00%", "+1,97 điểm"):
        assert figure in text, figure
