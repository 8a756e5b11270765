"""Two programmes on one timeline: plan 2780 (2013-H2 … 2020) and the 2021–2030 programme."""

import csv
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from xhht_desktop.db import reference, units_repo, values_repo
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain import catalogue as C
from xhht_desktop.domain.periods import all_periods, parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation, open_app_database
from xhht_desktop.maintenance.check import run_checks
from xhht_desktop.paths import resource_path


def test_every_period_belongs_to_exactly_one_programme():
    for p in all_periods():
        owners = [prog.code for prog in C.programmes() if prog.covers_year(p.year)]
        assert owners == [C.programme_for_period(p).code]
    assert C.programme_for_period("2013-H2").code == "KH2780"
    assert C.programme_for_period("2020").code == "KH2780"
    assert C.programme_for_period("2021-H1").code == "XHHT2130"
    assert C.programme_for_period(parse_period("2030")).code == "XHHT2130"


@pytest.mark.parametrize("code,year", [
    ("2013-H2", 2015), ("2015", 2015), ("2016-H1", 2020), ("2020", 2020),
    ("2021-H1", 2025), ("2025", 2025), ("2026-H1", 2030), ("2030", 2030),
])
def test_target_year_is_the_nearest_target_year_at_or_after_the_period(code, year):
    assert parse_period(code).target_year == year


def test_both_target_years_of_the_programme():
    assert parse_period("2014").target_years == (2015, 2020)
    assert parse_period("2027").target_years == (2025, 2030)


def test_both_catalogues_are_shipped_and_loaded_with_their_counts():
    old, new = C.catalogue_for("KH2780"), C.catalogue_for("XHHT2130")
    assert len(old) == 31 and len(new) == 44
    shipped = list(csv.DictReader(resource_path("catalogue", "indicators_2021_2030.csv").open(encoding="utf-8")))
    assert [r["code"] for r in shipped] == [i.code for i in new.indicators]
    assert C.catalogue_for("2026") is new and C.catalogue_for(parse_period("2014-H1")) is old
    assert old.version != new.version and len(new.version) == 12
    # TUAN_LE_HTSD exists in both, as different indicators of different programmes
    assert old.by_code["TUAN_LE_HTSD"].programme == "KH2780"
    assert new.by_code["TUAN_LE_HTSD"].programme == "XHHT2130"


def test_old_helpers_keep_meaning_plan_2780():
    assert C.load_catalogue() == C.catalogue_for("KH2780").indicators
    assert "XMC_15_60" in C.by_code() and "XMC_MUC_DO" not in C.by_code()
    assert C.catalogue_version() == C.catalogue_for("KH2780").version
    assert [i.code for i in C.indicators_for_level("xa")] == [i.code for i in C.catalogue_for("2014").for_level("xa")]


def test_old_targets_read_as_before():
    ind = C.indicator("XMC_15_60")
    assert (ind.target_2015, ind.target_2020) == (96.0, 98.0)
    assert ind.targets == {2015: 96.0, 2020: 98.0}
    assert ind.target_for_year(2015) == 96.0 and ind.target_for_year(2020) == 98.0
    assert ind.draft_targets == frozenset() and ind.scale is None


def test_new_targets_and_levels():
    cat = C.catalogue_for("2025")
    ind = cat.by_code["DS15_DAI_HOC"]
    assert ind.targets == {2025: 12.0, 2030: 15.0}
    assert ind.target_for_year(parse_period("2022").target_year) == 12.0
    assert ind.target_for_year(parse_period("2027").target_year) == 15.0
    assert ind.target_2015 is None
    scales = {i.code: i.scale for i in cat if i.kind == "level"}
    assert scales == {"XMC_MUC_DO": (0, 2), "PCTH_MUC_DO": (0, 3), "PCTHCS_MUC_DO": (0, 3),
                      "CDHT_XA_MUC_DO": (0, 2), "TINH_HOC_TAP": (0, 2)}
    assert cat.by_code["PCTH_MUC_DO"].target_2025 == 3.0
    assert [i.code for i in cat.for_level("tinh") if "xa" not in i.levels] == [
        "PCGDMN_MAU_GIAO", "NLD_NANG_LUC_TT", "NLD_KY_NANG_SONG", "DS15_CMKT", "DS15_DAI_HOC",
        "TINH_HOC_TAP", "DVHT_TINH_SO_LUONG", "TV_TINH_HTSD", "BAO_TANG_GD"]
    assert len(cat.visible_at("tinh")) == 44 and len(cat.for_level("xa")) == 35


def test_drafts_follow_the_unsure_clauses_per_target_year():
    cat = C.catalogue_for("XHHT2130")
    drafts = {i.code: set(i.draft_targets) for i in cat if i.draft_targets}
    assert drafts == {
        "XMC_MUC_DO": {2030}, "TTHTCD_UD_CNTT": {2030}, "HKH_QUAN_LY_TTHTCD": {2030},
        "CB_KH_XA_CNTT": {2030}, "GIA_DINH_HOC_TAP": {2030}, "DONG_HO_HOC_TAP": {2030},
        "CONG_DONG_HOC_TAP_THON": {2030}, "DON_VI_HOC_TAP_XA": {2030},
        "CONG_DAN_HOC_TAP": {2025, 2030},  # "mẫu số chưa rõ": what both figures measure is unsure
        "CDHT_NGUOI_LON_GD_DH_CD": {2030}, "TV_XA_HTSD": {2030}, "TV_TRUONG_HTSD": {2030},
        "BAO_TANG_GD": {2030},
    }
    # a settled 2025 figure beside a draft 2030 one
    ind = cat.by_code["CB_KH_XA_CNTT"]
    assert not ind.is_draft(2025) and ind.is_draft(2030) and ind.target_2030 == 60.0
    # unsure recognition criteria are not draft targets
    assert cat.by_code["CDHT_XA_MUC_DO"].draft_targets == frozenset()
    assert "dự thảo" in C.DRAFT_TARGET_VI


def test_draft_rule_on_made_up_clauses():
    targets = {2025: 50.0, 2030: None}
    assert C.draft_years("QĐ 1 (2025: 50%); 2030 chưa thấy (unsure)", targets) == {2030}
    assert C.draft_years("QĐ 1; mẫu số chưa rõ (unsure)", targets) == {2025}
    assert C.draft_years("QĐ 1 (2025: 50%, unsure)", targets) == frozenset()  # not the marker
    assert C.draft_years("QĐ 1 (2025: 50%) (unsure)", targets) == {2025}
    assert C.draft_years("TT 25/2023 (unsure)", {2025: None, 2030: None}) == frozenset()


def test_legal_basis_per_programme():
    old, new = C.programme("KH2780"), C.programme_for_period("2021")
    assert any("2780/KH-UBND" in t for t in old.legal_basis_vi)
    assert not any("1373" in t for t in old.legal_basis_vi)
    joined = " ".join(new.legal_basis_vi)
    for ref in ("1373/QĐ-TTg", "3418/KH-UBND", "1514/KH-UBND"):
        assert ref in joined
    assert len(new.legal_basis_en) == len(new.legal_basis_vi)
    assert (new.first_period, new.last_period, new.target_years) == ("2021", "2030", (2025, 2030))
    assert (old.first_period, old.last_period, old.target_years) == ("2013-H2", "2020", (2015, 2020))


# ---- in the database --------------------------------------------------------------------------------

DATA = Path(__file__).resolve().parent.parent / "data"
NEW_PEK = "23341"  # Xã Đăk Pék, from 01/07/2025


def _unit(db, code, period):
    return units_repo.find_unit(db, code, parse_period(period))


def _save(db, code, period, *entries):
    return values_repo.save_entries(db, _unit(db, code, period).id, period, list(entries), actor="t", origin="t")


def test_both_programmes_stored_as_versioned_reference_data(db):
    progs = {r[0]: r[1:] for r in db.conn.execute(
        "SELECT code, first_period, last_period, target_years, catalogue_version, legal_basis_vi FROM programmes")}
    assert progs["KH2780"][:4] == ("2013-H2", "2020", "2015;2020", C.catalogue_for("KH2780").version)
    assert progs["XHHT2130"][:4] == ("2021", "2030", "2025;2030", C.catalogue_for("XHHT2130").version)
    assert "1373/QĐ-TTg" in progs["XHHT2130"][4]
    both = db.conn.execute("SELECT programme FROM indicators WHERE code='TUAN_LE_HTSD' ORDER BY 1").fetchall()
    assert both == [("KH2780",), ("XHHT2130",)]
    level = db.conn.execute("SELECT kind, scale_min, scale_max FROM indicators "
                            "WHERE programme='XHHT2130' AND code='PCTHCS_MUC_DO'").fetchone()
    assert level == ("level", 0, 3)
    targets = {(y, v, d) for y, v, d in db.conn.execute(
        "SELECT target_year, value, draft FROM indicator_targets WHERE programme='XHHT2130' AND indicator='CB_KH_XA_CNTT'")}
    assert targets == {(2025, 40.0, 0), (2030, 60.0, 1)}
    drafts = db.conn.execute("SELECT count(*) FROM indicator_targets WHERE draft=1").fetchone()[0]
    assert drafts == 14  # 13 indicators, CONG_DAN_HOC_TAP for both years


def test_a_target_the_department_confirmed_survives_a_refresh(db):
    reference.set_target(db, "XHHT2130", "CB_KH_XA_CNTT", 2030, 65, actor="Sở")
    with pytest.raises(KeyError):
        reference.set_target(db, "XHHT2130", "CB_KH_XA_CNTT", 2020, 65, actor="Sở")
    with pytest.raises(KeyError):
        reference.set_target(db, "XHHT2130", "XMC_15_60", 2030, 65, actor="Sở")
    with pytest.raises(ValueError):
        reference.set_target(db, "XHHT2130", "CB_KH_XA_CNTT", 2030, float("nan"), actor="Sở")
    db.conn.execute("DELETE FROM meta WHERE key='reference_hash'")  # as after an app update
    reference.refresh_reference_data(db)
    row = db.conn.execute("""SELECT value, draft, source FROM indicator_targets
                             WHERE programme='XHHT2130' AND indicator='CB_KH_XA_CNTT' AND target_year=2030""").fetchone()
    assert row == (65.0, 0, "department")
    ind = reference.catalogue_in_db(db, "2027").by_code["CB_KH_XA_CNTT"]
    assert ind.target_2030 == 65.0 and not ind.is_draft(2030)
    # and the figures are judged against it
    _save(db, NEW_PEK, "2027", Entry("CB_KH_XA_CNTT", None, 63, 100))
    row = next(r for r in compute_values(db, _unit(db, NEW_PEK, "2027").id, "2027")
               if r.indicator == "CB_KH_XA_CNTT" and r.breakdown is None)
    assert (row.target, row.met, row.target_draft, row.target_year) == (65.0, False, False, 2030)
    # the shipped catalogue is unchanged: elsewhere the draft stands
    assert C.catalogue_for("2027").by_code["CB_KH_XA_CNTT"].is_draft(2030)


@pytest.mark.parametrize("sample", ["schema_v1.sqlite3", "schema_v3.sqlite3"])
def test_old_databases_upgrade_with_every_figure_and_their_2780_targets(sample, tmp_path):
    path = tmp_path / "xhht.sqlite3"
    shutil.copyfile(DATA / sample, path)
    raw = sqlite3.connect(str(path))
    cols = "uuid, unit_id, period, indicator, breakdown, numerator, denominator, value, comment, revision, updated_at"
    before = raw.execute(f"SELECT {cols} FROM indicator_values ORDER BY uuid").fetchall()
    old_targets = raw.execute("SELECT code, target_2015, target_2020 FROM indicators ORDER BY code").fetchall()
    raw.close()
    db = open_app_database(path)
    try:
        after = db.conn.execute(f"SELECT {cols} FROM indicator_values ORDER BY uuid").fetchall()
        assert after == before and len(before) > 100
        assert db.conn.execute("SELECT count(*) FROM indicator_values WHERE decision_no != '' "
                               "OR decision_date IS NOT NULL OR decision_body != ''").fetchone()[0] == 0
        stored = {(c, y): v for c, y, v in db.conn.execute(
            "SELECT indicator, target_year, value FROM indicator_targets WHERE programme='KH2780'")}
        assert {c: (stored[(c, 2015)], stored[(c, 2020)]) for c, _a, _b in old_targets} == \
            {c: (a, b) for c, a, b in old_targets}
        assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert run_checks(db).ok, run_checks(db).findings
        # a figure can still be saved for plan 2780 and for the 2021–2030 programme
        pek = _unit(db, "23353", "2014")
        values_repo.save_entries(db, pek.id, "2014", [Entry("PC_THCS", value=1)], actor="t", origin="t")
        values_repo.save_entries(db, pek.id, "2022", [Entry("XMC_MUC_DO", value=1, decision_no="5/QĐ",
                                 decision_date="2022-04-01", decision_body="UBND huyện Đắk Glei")],
                                 actor="t", origin="t")
    finally:
        db.conn.close()


def test_values_of_2026_come_from_the_2021_2030_catalogue(db):
    _save(db, NEW_PEK, "2026", Entry("TRE6_VAO_LOP1", None, 97, 100), Entry("TUAN_LE_HTSD", value=1))
    rows = compute_values(db, _unit(db, NEW_PEK, "2026").id, "2026")
    codes = {r.indicator for r in rows}
    assert codes == {i.code for i in C.catalogue_for("2026").for_level("xa")}
    assert "XMC_15_60" not in codes
    row = next(r for r in rows if r.indicator == "GIA_DINH_HOC_TAP")
    assert (row.targets, row.target_year, row.target, row.target_draft, row.draft_years) == \
        ({2025: 80.0, 2030: None}, 2030, None, True, (2030,))
    row = next(r for r in rows if r.indicator == "TRE6_VAO_LOP1" and r.breakdown is None)
    assert row.value == 97.0
    # a 2014 commune keeps plan 2780, with both its targets
    old = compute_values(db, _unit(db, "23353", "2014").id, "2014")
    xmc = next(r for r in old if r.indicator == "XMC_15_60" and r.breakdown is None)
    assert (xmc.target, xmc.targets, xmc.target_year) == (96.0, {2015: 96.0, 2020: 98.0}, 2015)


def test_validation_of_a_save_takes_the_period_programme(db):
    with pytest.raises(values_repo.ValidationFailed, match="không có trong danh mục"):
        _save(db, NEW_PEK, "2026", Entry("XMC_15_60", None, 1, 2))
    with pytest.raises(values_repo.ValidationFailed, match="không có trong danh mục"):
        _save(db, "23353", "2019", Entry("XMC_MUC_DO", value=1))
    assert _save(db, NEW_PEK, "2026", Entry("TUAN_LE_HTSD", value=1)).changed == 1
    assert _save(db, "23353", "2019", Entry("TUAN_LE_HTSD", value=1)).changed == 1


def test_no_previous_period_comparison_across_programmes(db):
    _save(db, "23353", "2020", Entry("TUAN_LE_HTSD", value=1))
    assert values_repo.previous_entries(db, _unit(db, "23353", "2021").id, "2021") == {}
    assert values_repo.previous_entries(db, _unit(db, "23353", "2020").id, "2020") == {}
    _save(db, "23353", "2019", Entry("TUAN_LE_HTSD", value=1))
    assert set(values_repo.previous_entries(db, _unit(db, "23353", "2020").id, "2020")) == {("TUAN_LE_HTSD", None)}


def test_a_2026_template_lists_the_2021_2030_indicators_of_the_level_and_imports(db, tmp_path):
    from openpyxl import load_workbook

    from xhht_desktop.io.xlsx_entry import import_workbook, write_template

    new = _unit(db, NEW_PEK, "2026")
    out = write_template(db, new, "2026", tmp_path / "t.xlsx")
    ws = load_workbook(out)["ChiTieu"]
    assert "1373/QĐ-TTg" in ws["A1"].value
    header = [c.value for c in ws[6]]
    assert header[-3:] == ["Số quyết định", "Ngày quyết định", "Cơ quan công nhận"]
    codes = [ws.cell(row=r, column=1).value for r in range(7, ws.max_row + 1)]
    totals = [c for c in codes if "." not in c]
    assert totals == [i.code for i in C.catalogue_for("2026").for_level("xa")]
    row = {c: i + 7 for i, c in enumerate(codes)}
    ws.cell(row=row["XMC_MUC_DO"], column=5, value=2)
    ws.cell(row=row["XMC_MUC_DO"], column=9, value="12/QĐ-UBND")
    ws.cell(row=row["XMC_MUC_DO"], column=10, value=dt.datetime(2026, 5, 4))
    ws.cell(row=row["XMC_MUC_DO"], column=11, value="UBND tỉnh Quảng Ngãi")
    ws.cell(row=row["TRE6_VAO_LOP1"], column=3, value=96)
    ws.cell(row=row["TRE6_VAO_LOP1"], column=4, value=100)
    ws.parent.save(out)
    result = import_workbook(db, new, out, actor="t", origin="t")
    assert result.applied, [p.text() for p in result.problems]
    stored = values_repo.load_entries(db, new.id, "2026")[("XMC_MUC_DO", None)]
    assert (stored.value, stored.decision_no, stored.decision_date, stored.decision_body) == \
        (2, "12/QĐ-UBND", "2026-05-04", "UBND tỉnh Quảng Ngãi")
    # the template of the period shows it back
    again = load_workbook(write_template(db, new, "2026", tmp_path / "t2.xlsx"))["ChiTieu"]
    assert again.cell(row=row["XMC_MUC_DO"], column=9).value == "12/QĐ-UBND"
    # a degree without its decision is refused, row named, nothing written
    ws.cell(row=row["XMC_MUC_DO"], column=9).value = None
    ws.cell(row=row["TRE6_VAO_LOP1"], column=3, value=90)
    ws.parent.save(out)
    result = import_workbook(db, new, out, actor="t", origin="t")
    assert not result.applied
    assert any(p.row == row["XMC_MUC_DO"] and "số quyết định" in p.message for p in result.problems)
    assert values_repo.load_entries(db, new.id, "2026")[("TRE6_VAO_LOP1", None)].numerator == 96


def test_a_2014_template_is_as_before(db, tmp_path):
    from openpyxl import load_workbook

    from xhht_desktop.io.xlsx_entry import write_template

    ws = load_workbook(write_template(db, _unit(db, "23353", "2014"), "2014", tmp_path / "t.xlsx"))["ChiTieu"]
    assert ws["A1"].value == "BIỂU NHẬP CHỈ TIÊU XÂY DỰNG XÃ HỘI HỌC TẬP (Kế hoạch 2780/KH-UBND)"
    assert [c.value for c in ws[6]] == ["Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Ghi chú",
                                        "Nội dung tử số / giá trị", "Nội dung mẫu số"]


def test_check_judges_each_figure_by_its_programme(db):
    _save(db, NEW_PEK, "2026", Entry("XMC_MUC_DO", value=1, decision_no="1", decision_date="2026-01-05",
                                     decision_body="UBND"))
    _save(db, "23353", "2014", Entry("XMC_15_60", None, 5, 10))
    assert run_checks(db).ok
    # a code of no catalogue stored under a 2026 period (written around the app) is found
    uid = _unit(db, NEW_PEK, "2026").id
    db.conn.execute("""INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, value, updated_at)
                       VALUES ('00000000-0000-4000-8000-000000000001', ?, '2026', 'NOT_A_CODE', '', 1, '2026-01-01')""",
                    (uid,))
    found = {f.code for f in run_checks(db).findings}
    assert found == {"indicator_missing", "value_unknown_indicator", "history_missing"}


def _legacy_rows(db, code, periods):
    """Figures an earlier version let a commune enter for 2021+ against plan 2780's catalogue."""
    unit = _unit(db, code, "2014")
    for period in periods:
        rec = values_repo.value_uuid(unit.key, period, "PC_THCS", None)
        db.conn.execute("""INSERT INTO indicator_values (uuid, unit_id, period, indicator, breakdown, value, updated_at,
                               origin) VALUES (?, ?, ?, 'PC_THCS', '', 1, '2022-01-01T00:00:00+07:00', 'old')""",
                        (rec, unit.id, period))
        db.conn.execute("""INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision,
                               changed_at) VALUES ('indicator_values', ?, 'value', NULL, '1', 1, '2022-01-01')""",
                        (rec,))
    return unit


def test_plan_2780_figures_of_2021_on_from_an_earlier_version_are_kept_named_and_not_sent(db):
    from xhht_desktop.sync import repo
    from xhht_desktop.sync.tables import table_specs

    unit = _legacy_rows(db, "23353", ["2021", "2022"])
    _save(db, "23353", "2022", Entry("TUAN_LE_HTSD", value=1))
    findings = run_checks(db).findings
    assert [f.code for f in findings] == ["value_other_programme"]
    assert "2 số liệu kỳ 2021 … 2022" in findings[0].message and "Xã Đắk Pék" in findings[0].where
    assert "Đề án 1373/QĐ-TTg" in findings[0].message
    # kept as they are
    assert db.conn.execute("SELECT count(*) FROM indicator_values WHERE indicator='PC_THCS'").fetchone()[0] == 2
    # not counted
    assert "PC_THCS" not in {r.indicator for r in compute_values(db, unit.id, "2022")}
    # not sent (a receiver would refuse the whole package for them); the rest is
    spec = table_specs(db)["indicator_values"]
    sent = repo.rows_to_export(db, spec, unit.id, None, repo.max_history_id(db))
    assert {(r[8], r[9]) for r in sent} == {("2022", "TUAN_LE_HTSD")}



def test_report_rows_carry_programme_targets_and_legal_basis(db):
    from xhht_desktop.reports.rows import progress_sheet

    init_installation(db, "commune", NEW_PEK, "Y Blong", "Công chức")
    _save(db, NEW_PEK, "2026", Entry("CB_KH_XA_CNTT", None, 7, 12),
          Entry("CDHT_XA_MUC_DO", value=1, decision_no="3/QĐ", decision_date="2022-03-01", decision_body="UBND huyện"))
    sheet = progress_sheet(db, _unit(db, NEW_PEK, "2026").id, "2026")
    assert sheet.target_years == (2025, 2030)
    assert any("1373/QĐ-TTg" in t for t in sheet.legal_basis)
    assert any("3418/KH-UBND" in t for t in sheet.legal_basis)
    # a commune's groups (group 2 is entered at the province only)
    assert [g.title for g in sheet.groups] == [
        "1. Xóa mù chữ và phổ cập giáo dục",
        "3. Chuyển đổi số trong giáo dục và trung tâm học tập cộng đồng",
        "4. Các mô hình học tập và danh hiệu học tập",
        "5. Thư viện, bảo tàng phục vụ học tập suốt đời",
        "6. Lãnh đạo, kinh phí và phong trào thi đua"]
    line = next(ln for ln in sheet.lines() if ln.code == "CB_KH_XA_CNTT")
    assert line.target_texts == [(2025, "≥ 40%", False),
                                 (2030, "≥ 60% (mục tiêu dự thảo, chưa được Sở xác nhận)", True)]
    assert line.target_draft and line.value_text == "58,33%"
    level = next(ln for ln in sheet.lines() if ln.code == "CDHT_XA_MUC_DO")
    assert level.value_text == "Chưa đạt (công nhận mức độ 1 đã hết hiệu lực)"
    assert level.unit_of_measure == "mức độ"
    assert ("CB_KH_XA_CNTT", 2030) in sheet.drafts
    old = progress_sheet(db, _unit(db, "23353", "2014").id, "2014")
    assert old.target_years == (2015, 2020) and any("2780/KH-UBND" in t for t in old.legal_basis)
    assert not any("1373" in t for t in old.legal_basis)


def test_values_json_for_2026(db, capsys):
    from xhht_desktop.cli import main as cli_main

    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    _save(db, NEW_PEK, "2025", Entry("PCTH_MUC_DO", value=3, decision_no="9/QĐ", decision_date="2025-09-02",
                                     decision_body="UBND tỉnh"))
    assert cli_main(["--db", path, "values", "--unit", NEW_PEK, "--period", "2025", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    pcth = next(r for r in rows if r["indicator"] == "PCTH_MUC_DO")
    assert (pcth["value"], pcth["target"], pcth["met"]) == (3.0, 3.0, True)  # 2025 target: mức độ 3
    assert {r["indicator"] for r in rows} == {i.code for i in C.catalogue_for("2025").for_level("xa")}
    capsys.readouterr()
    _save(db, NEW_PEK, "2025", Entry("TUAN_LE_HTSD", value=1))
    assert cli_main(["--db", path, "values", "--unit", NEW_PEK, "--period", "2025"]) == 0
    lines = {ln.split()[0]: ln for ln in capsys.readouterr().out.splitlines() if ln.strip()}
    assert "Mức độ 3" in lines["PCTH_MUC_DO"]
    assert lines["TUAN_LE_HTSD"].split()[1] == "Có"  # a commune's own flag in words, not "1,00%"


def test_completeness_expects_the_period_programme_figures(db):
    from xhht_desktop.sync.completeness import _expected

    cat = C.catalogue_for("2026")
    assert _expected(db, "xa", "2026") == sum(1 + len(i.breakdowns) for i in cat.for_level("xa"))
    assert _expected(db, "xa", "2026-H1") == 0  # every 2021–2030 indicator is yearly
    assert _expected(db, "huyen", "2026") == 0  # no district level in the 2021–2030 catalogue
    old = C.catalogue_for("2014")
    assert _expected(db, "xa", "2014") == sum(1 + len(i.breakdowns) for i in old.for_level("xa"))


def test_the_rural_workers_suggestion_belongs_to_plan_2780_only(commune_db):
    from xhht_desktop.clc import summary

    pek = _unit(commune_db, "23353", "2014").id
    calls = []
    real = summary.list_activities
    summary.list_activities = lambda *a, **k: calls.append(a) or real(*a, **k)
    try:
        assert summary.suggested_rural_workers(commune_db, pek, "2022") is None
        assert calls == []  # not even looked for
        summary.suggested_rural_workers(commune_db, pek, "2014")
        assert len(calls) == 1
    finally:
        summary.list_activities = real


def test_sample_data_follows_each_period_programme_and_the_unit_life(db):
    from xhht_desktop.sample import fill_sample_data

    new, old = _unit(db, NEW_PEK, "2026"), _unit(db, "23353", "2014")
    assert fill_sample_data(db, new.id, origin="s", until_year=2026) > 0
    periods = [r[0] for r in db.conn.execute(
        "SELECT DISTINCT period FROM indicator_values WHERE unit_id=? ORDER BY period", (new.id,))]
    assert periods == ["2025", "2026"]  # its life starts 01/07/2025; the 2021–2030 indicators are yearly
    codes = {r[0] for r in db.conn.execute("SELECT DISTINCT indicator FROM indicator_values WHERE unit_id=?",
                                           (new.id,))}
    assert codes == {i.code for i in C.catalogue_for("2026").for_level("xa")}
    cdht = values_repo.load_entries(db, new.id, "2025")[("CDHT_XA_MUC_DO", None)]
    assert (cdht.value, cdht.decision_date) == (1, "2022-03-15")
    assert _row_of(compute_values(db, new.id, "2025"), "CDHT_XA_MUC_DO").lapsed  # the sample shows a lapse
    fill_sample_data(db, old.id, origin="s", until_year=2026)
    last = db.conn.execute("SELECT max(period) FROM indicator_values WHERE unit_id=? AND period LIKE '2025%'",
                           (old.id,)).fetchone()[0]
    assert last == "2025-H1" or last is None  # nothing after its end (30/06/2025)
    assert db.conn.execute("SELECT count(*) FROM indicator_values WHERE unit_id=? AND period IN ('2025', '2026')",
                           (old.id,)).fetchone()[0] == 0
    assert run_checks(db).ok, run_checks(db).findings


def _row_of(rows, code):
    return next(r for r in rows if r.indicator == code and r.breakdown is None)


def test_an_old_template_relabelled_2026_is_refused_with_the_reason(db, tmp_path):
    from openpyxl import load_workbook

    from xhht_desktop.io.xlsx_entry import import_workbook, write_template

    old = write_template(db, _unit(db, "23353", "2014"), "2014", tmp_path / "t.xlsx")
    wb = load_workbook(old)
    wb["ChiTieu"]["B3"] = "2026"
    wb["ChiTieu"]["B2"] = NEW_PEK
    wb["ChiTieu"]["C7"] = 5
    wb.save(old)
    result = import_workbook(db, _unit(db, NEW_PEK, "2026"), old, actor="t", origin="t")
    assert not result.applied
    first = result.problems[0]
    assert first.row is None and "Kế hoạch 2780/KH-UBND" in first.message and "kỳ 2026" in first.message
    assert "xuất biểu nhập mới" in first.message
    assert db.conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0] == 0


def test_a_full_package_of_an_upgraded_commune_with_such_figures_merges(tmp_path):
    from tests.core.test_sync_fixtures import PEK, confirm_all, department, figure, sender, statuses
    from xhht_desktop.sync import merge

    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        _legacy_rows(pek.db, PEK, ["2023"])
        pek.save("2014", Entry("PC_THCS", value=1))
        pek.save("2023", Entry("TUAN_LE_HTSD", value=1))
        out = tmp_path / "usb"
        pek.export(out, full=True)
        merge.merge_files(dept.db, [out])
        assert statuses(confirm_all(dept)) == ["imported"]
        assert figure(dept, PEK, "2014", "PC_THCS") == (None, None, 1)
        assert figure(dept, PEK, "2023", "TUAN_LE_HTSD") == (None, None, 1)
        assert figure(dept, PEK, "2023", "PC_THCS") is None
    finally:
        pek.close()
        dept.close()


def test_decision_text_from_excel_is_one_line(db, tmp_path):
    from openpyxl import load_workbook

    from xhht_desktop.io.xlsx_entry import import_workbook, write_template

    new = _unit(db, NEW_PEK, "2026")
    out = write_template(db, new, "2026", tmp_path / "t.xlsx")
    wb = load_workbook(out)
    ws = wb["ChiTieu"]
    r = next(r for r in range(7, ws.max_row + 1) if ws.cell(row=r, column=1).value == "PCTH_MUC_DO")
    ws.cell(row=r, column=5, value=1)
    ws.cell(row=r, column=9, value="12/QĐ-UBND\nngày 04/5")
    ws.cell(row=r, column=10, value="04/05/2026")
    ws.cell(row=r, column=11, value="=UBND xã")  # typed text that looks like a formula stays text
    ws.cell(row=r, column=11).data_type = "s"
    wb.save(out)
    result = import_workbook(db, new, out, actor="t", origin="t")
    assert result.applied, [p.text() for p in result.problems]
    got = values_repo.load_entries(db, new.id, "2026")[("PCTH_MUC_DO", None)]
    assert (got.decision_no, got.decision_date, got.decision_body) == ("12/QĐ-UBND ngày 04/5", "2026-05-04", "=UBND xã")
