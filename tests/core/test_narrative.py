"""Written sections: edited per unit and period, stored with history, printed after the tables,
carried in sync packages and shown at the Department per unit."""

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
