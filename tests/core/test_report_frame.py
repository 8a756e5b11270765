"""The official frame (Nghị định 30/2020): number line, chosen date, "Nơi nhận", signer block,
remembered per installation, read back from the PDF (pdftotext) and the Excel form (openpyxl)."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from xhht_desktop.cli import main as cli
from xhht_desktop.installation import init_installation
from xhht_desktop.reports import frame as F
from xhht_desktop.reports.cli import generate
from xhht_desktop.domain.periods import parse_period

from tests.core.test_reports_fixtures import PEK, communes_of, fill_hand_figures, fill_sample, unit
from tests.core.test_reports_output import needs_poppler, pdf_text


@pytest.fixture
def commune(db, db_path):
    init_installation(db, "commune", PEK, "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_hand_figures(db)
    return db


def _run(db_path, *args) -> int:
    return cli(["--db", str(db_path), "report", *args])


def _xlsx_texts(path) -> list[str]:
    ws = load_workbook(path)["Bieu01"]
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


@needs_poppler
def test_default_frame_of_a_commune_sheet(commune, tmp_path):
    out = generate(commune, "progress", unit(commune, PEK), parse_period("2014"), "pdf", tmp_path / "p.pdf")
    text = pdf_text(out)
    # No number yet: room for the clerk to write it in, the unit's own prefix after the slash.
    assert "Số:" in text and "/BC-UBND" in text
    today = dt.date.today()
    assert f"Đắk Pék, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}" in text
    for s in ("Nơi nhận:", "- Lưu: VT.", "UBND huyện Đắk Glei", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
              "Người lập biểu", "Y Blong", "Trên đây là kết quả"):
        assert s in text, s


@needs_poppler
def test_cli_frame_options_are_printed_and_remembered(commune, db_path, tmp_path):
    out = tmp_path / "p.pdf"
    assert _run(db_path, "progress", "--period", "2014", "--out", str(out), "--number", "12", "--date", "05/07/2014",
                "--kt", "Phó Chủ tịch", "--signer-name", "A Thuận", "--recipient", "Phòng Giáo dục và Đào tạo",
                "--recipient", "Đảng ủy xã") == 0
    text = pdf_text(out)
    for s in ("Số: 12/BC-UBND", "Đắk Pék, ngày 05 tháng 07 năm 2014", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
              "PHÓ CHỦ TỊCH", "A Thuận", "- Đảng ủy xã;", "- Lưu: VT."):
        assert s in text, s
    # The next paper: signer and recipients remembered; number and date are the paper's own.
    again = tmp_path / "q.pdf"
    assert _run(db_path, "progress", "--period", "2014-H2", "--out", str(again)) == 0
    text = pdf_text(again)
    assert "A Thuận" in text and "KT. CHỦ TỊCH" in text and "- Đảng ủy xã;" in text
    assert "Số: 12" not in text and "ngày 05 tháng 07 năm 2014" not in text
    # The Excel form carries the same frame.
    book = tmp_path / "p.xlsx"
    assert _run(db_path, "progress", "--period", "2014", "--format", "xlsx", "--out", str(book),
                "--number", "13", "--date", "06/07/2014") == 0
    texts = _xlsx_texts(book)
    for s in ("Số: 13/BC-UBND", "Đắk Pék, ngày 06 tháng 07 năm 2014", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
              "PHÓ CHỦ TỊCH", "A Thuận", "Y Blong", "Nơi nhận:", "- Đảng ủy xã;", "- Lưu: VT."):
        assert s in texts, s


def test_running_number(commune, db_path, tmp_path):
    pek = unit(commune, PEK)

    def offered(period):
        return F.frame_for(commune, "progress", pek, parse_period(period)).number

    assert offered("2014") is None  # nothing numbered yet: left blank
    this_year = str(dt.date.today().year)
    args = ["--out", str(tmp_path / "x.pdf"), "--number", "next"]
    assert _run(db_path, "progress", "--period", "2014", *args) == 0
    assert offered("2014") == 1  # the same paper again keeps its number
    assert offered("2014-H2") == 2
    assert _run(db_path, "progress", "--period", "2014-H2", *args) == 0
    assert _run(db_path, "progress", "--period", "2014-H2", *args) == 0
    assert offered("2014-H2") == 2
    assert offered("2014") == 3
    assert _run(db_path, "progress", "--period", "2014", "--out", str(tmp_path / "y.pdf"), "--number", "40") == 0
    assert offered("2014-H1") == 41
    # A new year starts again at 1.
    assert F.next_number(commune, "x", dt.date(int(this_year) + 1, 1, 2)) == 1


def test_bad_frame_options_change_nothing(commune, db_path, tmp_path, capsys):
    out = tmp_path / "p.pdf"
    assert _run(db_path, "progress", "--period", "2014", "--out", str(out), "--number", "abc",
                "--signer-name", "Không nhớ") != 0
    assert "Số văn bản phải là số nguyên dương" in capsys.readouterr().err
    assert _run(db_path, "progress", "--period", "2014", "--out", str(out), "--date", "31/02/2014",
                "--signer-name", "Không nhớ") != 0
    assert "ngày/tháng/năm" in capsys.readouterr().err
    assert not out.exists()
    assert F.frame_for(commune, "progress", unit(commune, PEK), parse_period("2014")).signer_name == ""


@needs_poppler
def test_province_frame_and_another_levels_paper(db, db_path, tmp_path):
    init_installation(db, "department", "62", "Nguyễn Văn Sở", "Chuyên viên")
    codes = [c for c in communes_of(db, "610")[:4]] + ["610"]
    fill_sample(db, codes, ["2014"])
    out = tmp_path / "t.pdf"
    assert _run(db_path, "consolidated", "--period", "2014", "--unit", "62", "--out", str(out),
                "--signer-name", "Trần Giám Đốc") == 0
    text = pdf_text(out)
    for s in ("Số:", "/BC-SGDĐT", "GIÁM ĐỐC", "Trần Giám Đốc", "Bộ Giáo dục và Đào tạo;", "- Lưu: VT."):
        assert s in text, s
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    # The district's report, printed at the Department: issued by the UBND huyện (plan 2780), says
    # who compiled it, and does not borrow the Department's signer.
    out = tmp_path / "h.pdf"
    assert _run(db_path, "consolidated", "--period", "2014", "--unit", "610", "--out", str(out)) == 0
    text = pdf_text(out)
    assert "UBND HUYỆN ĐẮK GLEI" in text and "PHÒNG GIÁO DỤC" not in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "/BC-UBND" in text
    assert "Bản tổng hợp do Sở Giáo dục và Đào tạo tỉnh Kon Tum lập" in " ".join(text.split())
    assert "Trần Giám Đốc" not in text
