"""The TTHTCD sheet of the entry template (round trip, all-or-nothing), the log export and the CLI."""

import datetime as dt
import json

from openpyxl import load_workbook

from xhht_desktop.cli import extra_xlsx_importers
from xhht_desktop.cli import main as cli
from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.summary import summarize
from xhht_desktop.clc.xlsx import HEADERS, SHEET, ClcSheetImporter, export_log_xlsx
from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.installation import get_installation
from xhht_desktop.io.xlsx_entry import import_workbook, write_template

ISSUE_COLUMNS = ["Ngày", "Tên hoạt động", "Nhóm chuyên đề", "Hình thức", "Số buổi", "Lượt người học", "Nữ", "DTTS",
                 "Lao động nông thôn", "Số người (không trùng)", "Đơn vị phối hợp", "Kinh phí (đồng)",
                 "Nguồn kinh phí", "Ghi chú"]


def header(ws):
    for r in range(1, 20):
        vals = [c.value for c in ws[r]]
        if "Tên hoạt động" in vals:
            return r, {v: i + 1 for i, v in enumerate(vals) if v}
    raise AssertionError("no header row")


def fill_clc(path, rows, *, first_blank=True):
    """Write `rows` (dicts keyed by column title) into the first empty rows of TTHTCD."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    hr, cols = header(ws)
    r = hr + 1
    if first_blank:
        while ws.cell(row=r, column=cols["Ngày"]).value is not None:
            r += 1
    for row in rows:
        for title, v in row.items():
            ws.cell(row=r, column=cols[title], value=v)
        r += 1
    wb.save(path)


def fill_main(path, code, **values):
    wb = load_workbook(path)
    ws = wb["ChiTieu"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == code:
            for col, v in values.items():
                ws.cell(row=r, column={"Tử số": 3, "Mẫu số": 4, "Giá trị": 5}[col], value=v)
    wb.save(path)


ROWS = [
    {"Ngày": dt.datetime(2014, 3, 5), "Tên hoạt động": "Lớp xóa mù chữ thôn Đắk Ung",
     "Nhóm chuyên đề": "Xóa mù chữ và sau biết chữ", "Hình thức": "Lớp học", "Số buổi": 20, "Lượt người học": 600,
     "Nữ": 350, "DTTS": 580, "Lao động nông thôn": 500, "Số người (không trùng)": 30,
     "Đơn vị phối hợp": "Hội Liên hiệp Phụ nữ", "Kinh phí (đồng)": "3.000.000", "Nguồn kinh phí": "Ngân sách xã",
     "Ngày kết thúc": "30/05/2014", "LĐNT học lần đầu trong năm": 25},
    {"Ngày": "12/03/2014", "Tên hoạt động": "Chuyên đề chăm sóc cà phê", "Nhóm chuyên đề": "chuyen giao khoa hoc",
     "Hình thức": "chuyên đề", "Số buổi": 1, "Lượt người học": 45, "Nữ": 20, "Lao động nông thôn": 45,
     "Đơn vị phối hợp": "Trạm Khuyến nông", "Ghi chú": "Có phát tài liệu", "Địa điểm": "Thôn Kon Riêng"},
]


def test_template_gains_the_TTHTCD_sheet_with_the_issue_columns(commune_db, tmp_path, db):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert SHEET in wb.sheetnames
    hr, cols = header(wb[SHEET])
    assert [c.value for c in wb[SHEET][hr]][:14] == ISSUE_COLUMNS == list(HEADERS)
    assert wb[SHEET]["B2"].value == "23353" and wb[SHEET]["B3"].value == "2014-H1"
    district = units_repo.find_unit(db, "610", parse_period("2014"))
    dpath = write_template(db, district, "2014", tmp_path / "d.xlsx")
    assert SHEET not in load_workbook(dpath).sheetnames  # districts keep no log


def test_round_trip_stores_the_log_with_the_indicators(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    fill_main(path, "XMC_15_60", **{"Tử số": 3900, "Mẫu số": 4000})
    fill_clc(path, ROWS)
    result = import_workbook(commune_db, inst.unit, path, actor="Y Blong", origin="inst",
                             extra_importers=(ClcSheetImporter(),))
    assert result.ok, [p.text() for p in result.problems]
    assert result.extra["clc_applied"] == {"added": 2, "updated": 0, "unchanged": 0}
    stored = repo.list_activities(commune_db, [inst.unit.id])
    assert [(a.date, a.category, a.format, a.visits) for a in stored] == [
        (dt.date(2014, 3, 5), "literacy", "class", 600), (dt.date(2014, 3, 12), "agri_tech", "topic", 45)]
    first, second = stored
    assert (first.end_date, first.cost, first.rural_workers_new, first.partner) == (
        dt.date(2014, 5, 30), 3_000_000, 25, "Hội Liên hiệp Phụ nữ")
    assert (second.learners, second.ethnic_minority, second.place, second.notes) == (
        None, None, "Thôn Kon Riêng", "Có phát tài liệu")
    assert values_repo.load_entries(commune_db, inst.unit.id, "2014-H1")[("XMC_15_60", None)].numerator == 3900
    sources = commune_db.conn.execute(
        "SELECT DISTINCT source FROM history WHERE table_name='clc_activities'").fetchall()
    assert sources == [("xlsx",)]

    # Written again, the template carries the stored rows with their ids; an edit there updates the
    # record instead of adding a second one.
    again = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "again.xlsx")
    wb = load_workbook(again)
    ws = wb[SHEET]
    hr, cols = header(ws)
    assert ws.cell(row=hr + 1, column=cols["Mã hoạt động"]).value == first.uuid
    assert ws.cell(row=hr + 1, column=cols["Nhóm chuyên đề"]).value == "Xóa mù chữ và sau biết chữ"
    ws.cell(row=hr + 2, column=cols["Lượt người học"], value=50)
    wb.save(again)
    result = import_workbook(commune_db, inst.unit, again, actor="Y Blong", origin="inst",
                             extra_importers=(ClcSheetImporter(),))
    assert result.ok, [p.text() for p in result.problems]
    assert result.extra["clc_applied"] == {"added": 0, "updated": 1, "unchanged": 1}
    after = repo.list_activities(commune_db, [inst.unit.id])
    assert len(after) == 2 and after[1].visits == 50 and after[1].revision == 2


def test_the_same_rows_imported_twice_are_not_stored_twice(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    fill_clc(path, ROWS)
    for _ in range(2):
        result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o",
                                 extra_importers=(ClcSheetImporter(),))
        assert result.ok
    assert len(repo.list_activities(commune_db, [inst.unit.id])) == 2
    assert sum("đã có trong sổ" in w for w in result.warnings) == 2


def test_one_bad_log_row_refuses_the_whole_file(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    fill_main(path, "XMC_15_60", **{"Tử số": 3900, "Mẫu số": 4000})
    bad = [ROWS[0], {**ROWS[1], "Nữ": 46}, {"Ngày": "20/03/2014", "Nhóm chuyên đề": "Kỹ năng sống",
                                          "Hình thức": "Nói chuyện", "Số buổi": 1, "Lượt người học": "nhiều"},
           {**ROWS[1], "Ngày": "02/07/2014", "Tên hoạt động": "Ngoài kỳ"}]
    fill_clc(path, bad)
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o",
                             extra_importers=(ClcSheetImporter(),))
    assert not result.ok and not result.applied
    texts = [p.text() for p in result.problems]
    assert "Dòng 8 (TTHTCD): Nữ: 46 lớn hơn Lượt người học (45)." in texts
    assert "Dòng 9 (TTHTCD): Tên hoạt động: chưa nhập (bắt buộc)." in texts
    assert "Dòng 9 (TTHTCD): Lượt người học: «nhiều» không phải là một số." in texts
    assert any(t.startswith("Dòng 10 (TTHTCD): Ngày: 02/07/2014 ngoài kỳ báo cáo 2014-H1") for t in texts)
    assert len(texts) == 4
    # Nothing at all was stored: neither the good log row nor the indicator of the main sheet.
    assert repo.list_activities(commune_db, [inst.unit.id]) == []
    assert values_repo.load_entries(commune_db, inst.unit.id, "2014-H1") == {}


def test_a_bad_indicator_row_refuses_the_log_too(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    fill_main(path, "XMC_15_60", **{"Tử số": 4100, "Mẫu số": 4000})
    fill_clc(path, ROWS)
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o",
                             extra_importers=(ClcSheetImporter(),))
    assert not result.ok
    assert repo.list_activities(commune_db, [inst.unit.id]) == []


def test_an_old_template_without_the_sheet_still_imports(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    del wb[SHEET]
    del wb["DM_TTHTCD"]
    wb.save(path)
    fill_main(path, "XMC_15_60", **{"Tử số": 3900, "Mẫu số": 4000})
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o",
                             extra_importers=(ClcSheetImporter(),))
    assert result.ok and result.applied
    assert values_repo.load_entries(commune_db, inst.unit.id, "2014-H1")[("XMC_15_60", None)].denominator == 4000


def test_repeated_rows_uncalculated_formulas_and_edited_ids_are_refused(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    fill_clc(path, [ROWS[1], ROWS[1], {**ROWS[0], "Lượt người học": "=F7*2"},
                    {**ROWS[0], "Tên hoạt động": "Khác", "Mã hoạt động": "không-phải-mã"}])
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o",
                             extra_importers=(ClcSheetImporter(),))
    texts = [p.text() for p in result.problems]
    assert any(t.startswith("Dòng 8 (TTHTCD): trùng hoàn toàn với dòng 7") for t in texts)
    assert "Dòng 9 (TTHTCD): Lượt người học: ô chứa công thức chưa được tính — hãy nhập số trực tiếp." in texts
    assert any(t.startswith("Dòng 10 (TTHTCD): Mã hoạt động «không-phải-mã» không hợp lệ") for t in texts)
    assert repo.list_activities(commune_db, [inst.unit.id]) == []


def test_the_cli_import_picks_up_the_log_sheet(tmp_path, capsys):
    dbp = str(tmp_path / "c.sqlite3")
    assert cli(["--db", dbp, "init", "--role", "commune", "--unit", "23353"]) == 0
    assert any(isinstance(i, ClcSheetImporter) for i in extra_xlsx_importers())
    out = tmp_path / "t.xlsx"
    assert cli(["--db", dbp, "template", "--period", "2014-H1", "--out", str(out)]) == 0
    fill_clc(out, ROWS)
    assert cli(["--db", dbp, "import-xlsx", str(out)]) == 0
    capsys.readouterr()
    assert cli(["--db", dbp, "clc", "summary", "--period", "2014-H1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    total = rows[-1]
    assert total == {"category": None, "activities": 2, "sessions": 21, "visits": 645, "learners": 30,
                     "women": 370, "ethnic_minority": 580, "rural_workers": 545}
    assert len(rows) == 9
    assert cli(["--db", dbp, "clc", "list", "--period", "2014", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(a["date"], a["category"], a["unit"]) for a in listed] == [
        ("2014-03-05", "literacy", "23353"), ("2014-03-12", "agri_tech", "23353")]
    assert cli(["--db", dbp, "clc", "list", "--period", "2014", "--json", "--search", "ca phe"]) == 0
    assert [a["title"] for a in json.loads(capsys.readouterr().out)] == ["Chuyên đề chăm sóc cà phê"]
    assert cli(["--db", dbp, "clc", "summary", "--period", "2014-H3"]) == 1
    assert cli(["--db", dbp, "clc", "summary", "--period", "2014", "--unit", "610", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[-1]["visits"] == 645  # the district sums its communes
    xlsx = tmp_path / "log.xlsx"
    assert cli(["--db", dbp, "clc", "export", "--period", "2014", "--out", str(xlsx)]) == 0
    assert xlsx.exists()


def test_export_lists_the_filtered_log_with_totals_and_a_summary(commune_db, tmp_path):
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    fill_clc(path, ROWS)
    import_workbook(commune_db, inst.unit, path, actor="a", origin="o", extra_importers=(ClcSheetImporter(),))
    out = export_log_xlsx(commune_db, inst.unit.id,
                          repo.ActivityFilter(dt.date(2014, 1, 1), dt.date(2014, 6, 30)), tmp_path / "log.xlsx")
    wb = load_workbook(out)
    ws = wb["SoTTHTCD"]
    hr, cols = header(ws)
    assert ws.cell(row=hr + 1, column=cols["Tên hoạt động"]).value == "Lớp xóa mù chữ thôn Đắk Ung"
    assert ws.cell(row=hr + 1, column=cols["Ngày"]).value == dt.datetime(2014, 3, 5)
    total_row = hr + 3
    assert ws.cell(row=total_row, column=cols["Lượt người học"]).value == 645
    assert ws.cell(row=total_row, column=cols["Kinh phí (đồng)"]).value == 3_000_000
    assert "Tổng cộng" in ws.cell(row=total_row, column=2).value
    summary = wb["TongHop"]
    totals = [c.value for c in summary[13]]
    expected = summarize(commune_db, inst.unit.id, "2014-H1")[-1]
    assert totals[:8] == ["Tổng cộng", 2, 21, 645, 30, 370, 580, 545] == ["Tổng cộng"] + [
        expected[k] for k in ("activities", "sessions", "visits", "learners", "women", "ethnic_minority",
                              "rural_workers")]
    only_agri = export_log_xlsx(commune_db, inst.unit.id, repo.ActivityFilter(category="agri_tech"),
                                tmp_path / "agri.xlsx")
    ws = load_workbook(only_agri)["SoTTHTCD"]
    assert ws.cell(row=hr + 1, column=cols["Tên hoạt động"]).value == "Chuyên đề chăm sóc cà phê"
    assert "Tổng cộng" in ws.cell(row=hr + 2, column=2).value
