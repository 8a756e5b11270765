"""Written sections: edited per unit and period, stored with history, printed after the tables,
carried in sync packages and shown at the Department per unit."""

import re
import subprocess

import pytest

from xhht_desktop.cli import main as cli
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation
from xhht_desktop.reports import narrative as N
from xhht_desktop.reports.cli import generate
from xhht_desktop.sync import merge

from tests.core.test_reports_fixtures import PEK, fill_hand_figures, unit
from tests.core.test_reports_output import needs_poppler
from tests.core.test_sync_fixtures import ON_TIME, confirm_all, department, sender

TEXT = """# Đánh giá chung

Công tác xóa mù chữ được duy trì; tỷ lệ biết chữ tăng so với kỳ trước.
Các thôn đều có lớp học buổi tối.

# Tồn tại, hạn chế
Một số thôn xa chưa mở được lớp.

# KIẾN NGHỊ, ĐỀ XUẤT
Đề nghị Phòng Giáo dục và Đào tạo hỗ trợ tài liệu.
"""


@pytest.fixture
def commune(db):
    init_installation(db, "commune", PEK, "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_hand_figures(db)
    return db


def test_set_and_show_round_trip(commune, db_path, tmp_path, capsys):
    f = tmp_path / "dg.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert cli(["--db", str(db_path), "narrative", "set", "--period", "2014", "--file", str(f)]) == 0
    assert "3 mục thay đổi" in capsys.readouterr().out
    texts = N.load(commune, unit(commune, PEK).id, "2014")
    assert texts["danh_gia_chung"].startswith("Công tác xóa mù chữ") and "phuong_huong" not in texts
    assert texts["kien_nghi_de_xuat"] == "Đề nghị Phòng Giáo dục và Đào tạo hỗ trợ tài liệu."
    assert cli(["--db", str(db_path), "narrative", "show", "--period", "2014"]) == 0
    shown = capsys.readouterr().out
    assert "# Đánh giá chung" in shown and "# Phương hướng, nhiệm vụ kỳ tới" in shown
    assert N.parse_text(shown) == N.parse_text(TEXT)  # what show prints, set reads back
    # History keeps every change; another period is apart.
    n = commune.conn.execute("SELECT count(*) FROM history WHERE table_name='narratives'").fetchone()[0]
    assert n == 3
    assert N.load(commune, unit(commune, PEK).id, "2014-H2") == {}


@pytest.mark.parametrize("content,message", [
    ("Chữ trước tiêu đề\n# Đánh giá chung\nx", "có chữ trước tiêu đề"),
    ("# Thành tích nổi bật\nx", "không phải tên một mục"),
    ("# Đánh giá chung\na\n# Đánh giá chung\nb", "xuất hiện hai lần"),
    ("# Đánh giá chung\n" + "x" * (N.MAX_TEXT + 1), "quá 10000 ký tự"),
    ("# Đánh giá chung\nchữ\x07lạ", "ký tự điều khiển"),
])
def test_bad_files_change_nothing(commune, db_path, tmp_path, capsys, content, message):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    assert cli(["--db", str(db_path), "narrative", "set", "--period", "2014", "--file", str(good)]) == 0
    before = N.load(commune, unit(commune, PEK).id, "2014")
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert cli(["--db", str(db_path), "narrative", "set", "--period", "2014", "--file", str(bad)]) == 1
    assert message in capsys.readouterr().err
    assert N.load(commune, unit(commune, PEK).id, "2014") == before


def test_another_units_sections_are_not_written_here(commune, db_path, tmp_path, capsys):
    f = tmp_path / "dg.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert cli(["--db", str(db_path), "narrative", "set", "--period", "2014", "--unit", "23344",
                "--file", str(f)]) == 1
    assert "chỉ viết phần đánh giá của Xã Đắk Pék" in capsys.readouterr().err


@needs_poppler
def test_printed_after_the_tables(commune, tmp_path):
    pek = unit(commune, PEK)
    N.save(commune, pek.id, "2014", N.parse_text(TEXT), actor="t", origin="t")
    out = generate(commune, "progress", pek, parse_period("2014"), "pdf", tmp_path / "p.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    order = [text.index(s) for s in ("II. HOẠT ĐỘNG", "III. ĐÁNH GIÁ CHUNG", "Công tác xóa mù chữ được duy trì",
                                     "IV. TỒN TẠI, HẠN CHẾ", "V. KIẾN NGHỊ, ĐỀ XUẤT", "Trên đây là", "Nơi nhận:")]
    assert order == sorted(order)
    assert "PHƯƠNG HƯỚNG" not in text  # an empty section is not printed


def test_carried_to_the_department_and_shown_per_unit(tmp_path, capsys):
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    try:
        site.save("2014", Entry("PC_THCS", value=1))
        N.save(site.db, site.unit_id, "2014", N.parse_text(TEXT), actor=site.inst.actor,
               origin=site.inst.installation_id)
        site.export(tmp_path / "usb", now=ON_TIME)
        merge.merge_files(dept.db, [tmp_path / "usb"])
        report = confirm_all(dept)
        assert [p.status for p in report.packages] == ["imported"]
        pek = unit(dept.db, PEK)
        assert N.load(dept.db, pek.id, "2014") == N.load(site.db, site.unit_id, "2014")
        assert cli(["--db", str(dept.path), "narrative", "show", "--period", "2014", "--unit", PEK]) == 0
        assert "Một số thôn xa chưa mở được lớp." in capsys.readouterr().out
        # A later change travels too (a new revision of the same record).
        N.save(site.db, site.unit_id, "2014", {"ton_tai_han_che": "Đã mở thêm lớp ở thôn xa."},
               actor=site.inst.actor, origin=site.inst.installation_id)
        site.export(tmp_path / "usb2", now=ON_TIME)
        merge.merge_files(dept.db, [tmp_path / "usb2"])
        assert N.load(dept.db, pek.id, "2014")["ton_tai_han_che"] == "Đã mở thêm lớp ở thôn xa."
    finally:
        site.close()
        dept.close()


# ---- the Excel form (issue 14: the narrative after the tables, as in the PDF) ------------------------

def _rows(path, sheet_name):
    from openpyxl import load_workbook

    ws = load_workbook(path)[sheet_name]
    return ws, [(r[0].row, r[0].value if r[0].value is not None else r[1].value)
                for r in ws.iter_rows(min_col=1, max_col=2)]


def _index(rows, startswith):
    return next(i for i, (_r, v) in enumerate(rows) if isinstance(v, str) and v.startswith(startswith))


def test_the_excel_form_carries_the_narrative_after_the_tables(commune, tmp_path):
    pek = unit(commune, PEK)
    long_text = " ".join(f"Câu số {i} của phần phương hướng, viết dài để phải xuống dòng nhiều lần." for i in range(130))
    N.save(commune, pek.id, "2014", N.parse_text(TEXT) | {"phuong_huong": long_text}, actor="t", origin="t")
    out = generate(commune, "progress", pek, parse_period("2014"), "xlsx", tmp_path / "p.xlsx")
    ws, rows = _rows(out, "Bieu01")
    order = [_index(rows, s) for s in ("Ghi chú: Kết quả", "ĐÁNH GIÁ CHUNG", "Công tác xóa mù chữ được duy trì",
                                       "Các thôn đều có lớp học buổi tối.", "TỒN TẠI, HẠN CHẾ",
                                       "Một số thôn xa chưa mở được lớp.", "KIẾN NGHỊ, ĐỀ XUẤT",
                                       "Đề nghị Phòng Giáo dục", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "Câu số 0 ",
                                       "Nơi nhận:")]
    assert order == sorted(order)
    # each paragraph: a stored text value, wrapped in a cell merged across the printed width
    row = rows[_index(rows, "Công tác xóa mù chữ")][0]
    cell = ws.cell(row, 1)
    assert cell.value == "Công tác xóa mù chữ được duy trì; tỷ lệ biết chữ tăng so với kỳ trước."
    assert cell.alignment.wrap_text
    from openpyxl.utils import get_column_letter

    assert f"A{row}:{get_column_letter(12)}{row}" in {str(m) for m in ws.merged_cells.ranges}  # A…L, the form's width
    # the long section: cut at spaces into rows no taller than Excel allows, nothing lost
    start = _index(rows, "Câu số 0 ")
    end = _index(rows, "Nơi nhận:")
    pieces = [v for _r, v in rows[start:end] if isinstance(v, str) and v.startswith("Câu") or
              (isinstance(v, str) and "phần phương hướng" in v)]
    assert len(pieces) >= 2
    assert " ".join(pieces) == long_text
    for r, v in rows[start:end]:
        if isinstance(v, str) and "phần phương hướng" in v:  # as high as its lines, within Excel's limit
            assert 15 * (len(v) // 200 + 1) <= ws.row_dimensions[r].height <= 409
    # the paper's print area reaches past the narrative to the signature and "Nơi nhận"
    area = ws.print_area if isinstance(ws.print_area, str) else ",".join(ws.print_area)
    assert int(re.sub(r"\D", "", area.split(":")[-1])) >= rows[end][0]


def test_a_section_left_empty_is_not_in_the_excel_form_and_none_changes_nothing(commune, tmp_path):
    pek = unit(commune, PEK)
    out = generate(commune, "progress", pek, parse_period("2014"), "xlsx", tmp_path / "none.xlsx")
    _ws, rows = _rows(out, "Bieu01")
    assert not any(isinstance(v, str) and v in ("ĐÁNH GIÁ CHUNG", "TỒN TẠI, HẠN CHẾ") for _r, v in rows)
    N.save(commune, pek.id, "2014", {"ton_tai_han_che": "=1+1 không phải công thức"}, actor="t", origin="t")
    out = generate(commune, "progress", pek, parse_period("2014"), "xlsx", tmp_path / "one.xlsx")
    ws, rows = _rows(out, "Bieu01")
    texts = [v for _r, v in rows if isinstance(v, str)]
    assert "TỒN TẠI, HẠN CHẾ" in texts and "ĐÁNH GIÁ CHUNG" not in texts
    r = rows[_index(rows, "=1+1")][0]
    assert ws.cell(r, 1).data_type == "s"  # the user's text stays text, never a formula


def test_the_consolidated_workbook_carries_the_districts_narrative(tmp_path, db):
    from tests.core.test_reports_fixtures import department as make_department

    make_department(db)
    district = unit(db, "62")  # the province of 2014, as the Department of the time
    N.save(db, district.id, "2014", {"danh_gia_chung": "Toàn tỉnh duy trì kết quả xóa mù chữ.",
                                     "kien_nghi_de_xuat": "Đề nghị bổ sung kinh phí."}, actor="t", origin="t")
    out = generate(db, "consolidated", district, parse_period("2014"), "xlsx", tmp_path / "c.xlsx")
    _ws, rows = _rows(out, "Bieu02")
    order = [_index(rows, s) for s in ("ĐÁNH GIÁ CHUNG", "Toàn tỉnh duy trì", "KIẾN NGHỊ, ĐỀ XUẤT",
                                       "Đề nghị bổ sung kinh phí.")]
    assert order == sorted(order)


@pytest.mark.slow
@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
@needs_poppler
def test_libreoffice_prints_the_narrative_of_the_excel_form(commune, tmp_path):
    pek = unit(commune, PEK)
    N.save(commune, pek.id, "2014", N.parse_text(TEXT), actor="t", origin="t")
    out = generate(commune, "progress", pek, parse_period("2014"), "xlsx", tmp_path / "p.xlsx")
    for target in ("pdf", "csv:Text - txt - csv (StarCalc):44,34,76,1"):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                        target, "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    csv = (tmp_path / "p.csv").read_text(encoding="utf-8")
    assert "Một số thôn xa chưa mở được lớp." in csv
    pdf = " ".join(subprocess.run(["pdftotext", "-raw", str(tmp_path / "p.pdf"), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())
    order = [pdf.index(s) for s in ("ĐÁNH GIÁ CHUNG", "Các thôn đều có lớp học buổi tối.", "TỒN TẠI, HẠN CHẾ",
                                    "KIẾN NGHỊ, ĐỀ XUẤT", "Đề nghị Phòng Giáo dục và Đào tạo hỗ trợ tài liệu.",
                                    "Nơi nhận:")]
    assert order == sorted(order)
