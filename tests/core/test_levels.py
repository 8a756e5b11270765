"""The kind `level` (mức độ): scale, decision, lapsing, shares and suggestions."""

import datetime as dt

import pytest

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.db.aggregate import compute_values, level_suggestions
from xhht_desktop.domain.catalogue import catalogue_for
from xhht_desktop.domain.levels import effective_degree, is_lapsed, lapse_date, shares_at_or_above, suggest_degree
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry, errors_only, validate_entries
from xhht_desktop.reports.rows import bulk_values, level_text, shares_text
from xhht_desktop.sync.tables import INDICATOR_VALUES, SchemaProblem, check_table, uuid5_text

TODAY = dt.date(2026, 12, 4)


def _check(*entries, period="2026"):
    return validate_entries(list(entries), catalogue=parse_period(period), today=TODAY)


def test_a_level_within_scale_with_its_decision_passes():
    e = Entry("PCTH_MUC_DO", value=3, decision_no="125/QĐ-UBND", decision_date="2026-05-31",
              decision_body="UBND tỉnh Quảng Ngãi")
    assert _check(e) == []
    assert _check(Entry("PCTH_MUC_DO", value=0)) == []  # 0 = not reached, no decision needed


@pytest.mark.parametrize("code,bad", [("XMC_MUC_DO", 3), ("PCTH_MUC_DO", 4), ("CDHT_XA_MUC_DO", 7)])
def test_a_level_outside_its_scale_is_refused(code, bad):
    issues = _check(Entry(code, value=bad, decision_no="1", decision_date="2026-01-02", decision_body="x"))
    assert [i.code for i in issues] == ["level_out_of_scale"]
    assert "mức độ chỉ nhận từ 0 đến" in issues[0].message


def test_a_degree_above_zero_needs_number_date_and_body():
    issues = _check(Entry("XMC_MUC_DO", value=2))
    assert sorted(i.field for i in issues) == ["decision_body", "decision_date", "decision_no"]
    assert {i.code for i in issues} == {"decision_missing"}
    assert all("mức độ 2 cần" in i.message for i in issues)


def test_decision_date_not_in_the_future_and_well_formed():
    future = _check(Entry("XMC_MUC_DO", value=1, decision_no="1", decision_date="2026-12-05", decision_body="x"))
    assert [i.code for i in future] == ["decision_in_future"]
    bad = _check(Entry("XMC_MUC_DO", value=1, decision_no="1", decision_date="31/02/2026", decision_body="x"))
    assert [i.code for i in bad] == ["bad_decision_date"]
    vn = _check(Entry("XMC_MUC_DO", value=1, decision_no="1", decision_date="31/05/2026", decision_body="x"))
    assert vn == []
    as_date = _check(Entry("XMC_MUC_DO", value=1, decision_no="1", decision_date=dt.date(2026, 5, 31),
                           decision_body="x"))
    assert as_date == []  # the form may hand a date


def test_control_characters_in_decision_fields_are_refused():
    issues = _check(Entry("XMC_MUC_DO", value=1, decision_no="12\x00/QĐ", decision_date="2026-01-02",
                          decision_body="UBND\u202excã"))
    assert sorted(i.field for i in issues) == ["decision_body", "decision_no"]
    assert {i.code for i in issues} == {"control_char"}
    # one-line fields: a line break is refused too (the form and the import turn it into a space first)
    issues = _check(Entry("XMC_MUC_DO", value=1, decision_no="12/QĐ\n", decision_date="2026-01-02",
                          decision_body="UBND"))
    assert [(i.field, i.code) for i in issues] == [("decision_no", "control_char")]


def test_decision_on_a_non_level_indicator_is_refused():
    issues = _check(Entry("TUAN_LE_HTSD", value=1, decision_no="1"))
    assert [i.code for i in issues] == ["decision_on_non_level"]


def test_validation_takes_the_period_catalogue():
    # XMC_MUC_DO exists from 2021 only; XMC_15_60 up to 2020 only
    assert [i.code for i in errors_only(_check(Entry("XMC_15_60", numerator=1, denominator=2)))] == ["unknown_indicator"]
    assert errors_only(validate_entries([Entry("XMC_15_60", numerator=1, denominator=2)])) == []
    assert [i.code for i in _check(Entry("XMC_MUC_DO", value=0), period="2019")] == ["unknown_indicator"]
    assert validate_entries([Entry("XMC_MUC_DO", value=0)], catalogue="XHHT2130") == []
    assert validate_entries([Entry("XMC_MUC_DO", value=0)], catalogue=catalogue_for("2022")) == []


def test_learning_community_lapses_36_months_after_its_decision():
    assert lapse_date("CDHT_XA_MUC_DO", "2023-03-15") == dt.date(2026, 3, 15)
    assert lapse_date("CDHT_XA_MUC_DO", "2023-02-28") == dt.date(2026, 2, 28)
    assert lapse_date("XMC_MUC_DO", "2010-01-01") is None  # literacy standards do not lapse here
    assert not is_lapsed("CDHT_XA_MUC_DO", "2023-03-15", parse_period("2025"))
    assert is_lapsed("CDHT_XA_MUC_DO", "2023-03-15", parse_period("2026-H1"))
    assert not is_lapsed("CDHT_XA_MUC_DO", "2023-07-01", parse_period("2026-H1"))  # lapses 01/07/2026
    assert effective_degree("CDHT_XA_MUC_DO", 2, "2023-03-15", parse_period("2026")) == 0
    assert effective_degree("CDHT_XA_MUC_DO", 2, "2024-03-15", parse_period("2026")) == 2
    assert effective_degree("CDHT_XA_MUC_DO", None, None, parse_period("2026")) is None
    assert effective_degree("XMC_MUC_DO", 2, "2010-01-01", parse_period("2030")) == 2


def test_shares_at_or_above_each_degree():
    assert shares_at_or_above([0, 1, 2, 3], (0, 3)) == {1: 75.0, 2: 50.0, 3: 25.0}
    assert shares_at_or_above([], (0, 2)) == {1: None, 2: None}


def _figs(**rates):
    # rate given in % of 1000
    return {code: (int(v * 10), 1000) for code, v in rates.items()}


def test_xmc_suggestion_levels_1_and_2_with_standard_thresholds():
    s = suggest_degree("XMC_MUC_DO", _figs(XMC1_15_35=92, XMC2_15_60=91))
    assert (s.degree, s.rule, s.dbkk_known) == (2, "ND20_D21", False)
    s = suggest_degree("XMC_MUC_DO", _figs(XMC1_15_35=92, XMC2_15_60=89.9))
    assert (s.degree, s.rule) == (1, "ND20_D20")
    s = suggest_degree("XMC_MUC_DO", _figs(XMC1_15_35=85, XMC2_15_60=95))
    assert (s.degree, s.rule) == (0, "ND20_none")  # level 2 needs level 1 first
    assert suggest_degree("XMC_MUC_DO", {}) is None  # no rates: nothing to suggest


def test_xmc_suggestion_for_a_dbkk_commune_reads_the_narrower_age_bands():
    figs = _figs(XMC1_15_35=80, XMC1_15_25=91, XMC2_15_60=70, XMC2_15_35=90)
    assert suggest_degree("XMC_MUC_DO", figs).degree == 0
    s = suggest_degree("XMC_MUC_DO", figs, dbkk=True)
    assert (s.degree, s.dbkk_known) == (2, True)
    assert set(s.rates) == {"XMC1_15_25", "XMC2_15_35"}


def test_pcth_suggestion_levels_1_to_3():
    assert suggest_degree("PCTH_MUC_DO", _figs(TRE6_VAO_LOP1=91, TRE14_HT_TH=81)).degree == 1
    s = suggest_degree("PCTH_MUC_DO", _figs(TRE6_VAO_LOP1=96, TRE14_HT_TH=81, TRE11_HT_TH=85))
    assert (s.degree, s.rule) == (2, "ND20_D10")
    s = suggest_degree("PCTH_MUC_DO", _figs(TRE6_VAO_LOP1=99, TRE14_HT_TH=81, TRE11_HT_TH=91))
    assert (s.degree, s.rule, s.partial) == (3, "ND20_D11", True)
    # ĐBKK: 11-year-olds 75% pass level 2 only for a ĐBKK commune
    figs = _figs(TRE6_VAO_LOP1=96, TRE14_HT_TH=75, TRE11_HT_TH=75)
    assert suggest_degree("PCTH_MUC_DO", figs).degree == 0
    assert suggest_degree("PCTH_MUC_DO", figs, dbkk=True).degree == 2


def test_pcthcs_suggestion_levels_1_and_3_only():
    base = _figs(TRE6_VAO_LOP1=91, TRE14_HT_TH=81, XMC1_15_35=92)
    s = suggest_degree("PCTHCS_MUC_DO", {**base, **_figs(TN_THCS_15_18=96, HOC_THPT_GDNN_15_18=85)})
    assert (s.degree, s.rule) == (1, "ND20_D14")  # level 2 has no known thresholds: 3 needs a recognised 2
    s = suggest_degree("PCTHCS_MUC_DO", {**base, **_figs(TN_THCS_15_18=96, HOC_THPT_GDNN_15_18=85)},
                       recognised={"PCTHCS_MUC_DO": 2})
    assert (s.degree, s.rule) == (3, "ND20_D16")
    # level 1 needs PCTH 1 and XMC 1 (here XMC below 90%, not recognised)
    s = suggest_degree("PCTHCS_MUC_DO", {**_figs(TRE6_VAO_LOP1=91, TRE14_HT_TH=81, XMC1_15_35=50),
                                         **_figs(TN_THCS_15_18=96)})
    assert s.degree == 0
    s = suggest_degree("PCTHCS_MUC_DO", _figs(TN_THCS_15_18=96), recognised={"PCTH_MUC_DO": 2, "XMC_MUC_DO": 1})
    assert s.degree == 1


def test_levels_without_decree_thresholds_get_no_suggestion():
    assert suggest_degree("CDHT_XA_MUC_DO", _figs(XMC1_15_35=99)) is None
    assert suggest_degree("TINH_HOC_TAP", {}) is None


# ---- in the database: storing, lapsing, rolling up, syncing -------------------------------------------

NEW = ["23341", "23293", "23284", "23302"]  # communes of Quảng Ngãi from 01/07/2025


def _u(db, code, period="2025"):
    return units_repo.find_unit(db, code, parse_period(period))


def _save(db, code, period, *entries):
    return values_repo.save_entries(db, _u(db, code, period).id, period, list(entries), actor="t", origin="t")


def _decided(code, degree, day="2025-08-01"):
    return Entry(code, value=degree, decision_no=f"{degree}/QĐ-UBND", decision_date=day, decision_body="UBND xã")


def _row(rows, code):
    return next(r for r in rows if r.indicator == code and r.breakdown is None)


def test_a_degree_is_stored_with_its_decision_and_history(db):
    _save(db, "23341", "2025", _decided("XMC_MUC_DO", 2))
    stored = values_repo.load_entries(db, _u(db, "23341").id, "2025")[("XMC_MUC_DO", None)]
    assert (stored.value, stored.decision_no, stored.decision_date, stored.decision_body) == \
        (2, "2/QĐ-UBND", "2025-08-01", "UBND xã")
    fields = {h["field"] for h in values_repo.history_for_unit(db, _u(db, "23341").id, "2025")}
    assert {"value", "decision_no", "decision_date", "decision_body"} <= fields
    with pytest.raises(values_repo.ValidationFailed, match="mức độ chỉ nhận từ 0 đến 2"):
        _save(db, "23341", "2025", _decided("XMC_MUC_DO", 3))
    assert values_repo.load_entries(db, _u(db, "23341").id, "2025")[("XMC_MUC_DO", None)].value == 2


def test_a_lapsed_learning_community_counts_as_zero_and_shows_as_lapsed(db):
    _save(db, "23341", "2026", _decided("CDHT_XA_MUC_DO", 2, "2023-05-10"))  # lapses 10/05/2026
    _save(db, "23341", "2025", _decided("CDHT_XA_MUC_DO", 2, "2023-05-10"))
    now = _row(compute_values(db, _u(db, "23341", "2026").id, "2026"), "CDHT_XA_MUC_DO")
    assert (now.value, now.recognised, now.lapsed) == (0.0, 2, True)
    assert level_text(now) == "Chưa đạt (công nhận mức độ 2 đã hết hiệu lực)"
    before = _row(compute_values(db, _u(db, "23341").id, "2025"), "CDHT_XA_MUC_DO")
    assert (before.value, before.lapsed) == (2.0, False)
    assert level_text(before) == "Mức độ 2"
    # the recognised degree is kept as entered
    assert values_repo.load_entries(db, _u(db, "23341", "2026").id, "2026")[("CDHT_XA_MUC_DO", None)].value == 2


def test_above_the_commune_shares_at_or_above_each_degree_and_the_province_own_degree(db):
    _save(db, "23341", "2025", _decided("XMC_MUC_DO", 2), _decided("CDHT_XA_MUC_DO", 1, "2021-01-04"))
    _save(db, "23293", "2025", _decided("XMC_MUC_DO", 1), _decided("CDHT_XA_MUC_DO", 2, "2024-01-04"))
    _save(db, "23284", "2025", Entry("XMC_MUC_DO", value=0))
    # 23302 reports nothing
    _save(db, "51", "2025", Entry("XMC_MUC_DO", value=2, decision_no="88/QĐ-BGDĐT", decision_date="2025-11-20",
                                  decision_body="Bộ Giáo dục và Đào tạo"))
    province = _u(db, "51")
    rows = compute_values(db, province.id, "2025")
    xmc = _row(rows, "XMC_MUC_DO")
    assert xmc.shares == {1: pytest.approx(200 / 3), 2: pytest.approx(100 / 3)}
    assert (xmc.units_reported, xmc.units_expected) == (3, 96)
    assert (xmc.value, xmc.own_value, xmc.target, xmc.met) == (2.0, 2.0, 2.0, True)  # KH 3418: tỉnh mức độ 2
    assert shares_text(xmc) == "Mức 1 trở lên: 66,67%; mức 2 trở lên: 33,33%"
    cdht = _row(rows, "CDHT_XA_MUC_DO")  # 23341's 2021 recognition lapsed in January 2024
    assert cdht.shares == {1: 50.0, 2: 50.0} and cdht.value is None
    assert level_text(cdht) == "Mức 1 trở lên: 50,00%; mức 2 trở lên: 50,00%"
    # the province's own degree only: TINH_HOC_TAP is entered at the province
    assert _row(rows, "TINH_HOC_TAP").shares is None
    # the bulk reports apply the same rules
    bulk = bulk_values(db, province.id, "2025")
    assert {(r.indicator, r.breakdown): (r.value, r.shares, r.lapsed, r.units_reported) for r in bulk[province.id]} \
        == {(r.indicator, r.breakdown): (r.value, r.shares, r.lapsed, r.units_reported) for r in rows}
    c41 = _u(db, "23341").id
    assert _row(bulk[c41], "CDHT_XA_MUC_DO").lapsed and _row(bulk[c41], "CDHT_XA_MUC_DO").value == 0.0


def test_suggestions_from_the_commune_own_rates_never_overwrite(db):
    _save(db, "23341", "2025", Entry("XMC1_15_35", None, 950, 1000), Entry("XMC2_15_60", None, 1900, 2000),
          Entry("TRE6_VAO_LOP1", None, 96, 100), Entry("TRE14_HT_TH", None, 85, 100),
          Entry("TRE11_HT_TH", None, 50, 100), _decided("XMC_MUC_DO", 1))
    got = level_suggestions(db, _u(db, "23341").id, "2025")
    assert {k: (s.degree, s.rule, s.dbkk_known) for k, s in got.items()} == {
        "XMC_MUC_DO": (2, "ND20_D21", False),
        "PCTH_MUC_DO": (1, "ND20_D9", False),
    }  # PCTHCS: no TN_THCS_15_18 rate, nothing to suggest
    assert values_repo.load_entries(db, _u(db, "23341").id, "2025")[("XMC_MUC_DO", None)].value == 1


def test_packages_carry_the_decision_and_older_packages_still_read():
    cols = list(INDICATOR_VALUES.columns)
    assert cols[-3:] == ["decision_no", "decision_date", "decision_body"]
    unit_key = "23341@2025-07-01"
    rec = uuid5_text(f"value|{unit_key}|2025|XMC_MUC_DO|")
    base = [rec, unit_key, 1, 0, "2025-08-02T08:00:00+07:00", "A", "o", 0, "2025", "XMC_MUC_DO", "", None, None, 2, ""]
    rows = check_table(INDICATOR_VALUES, cols, [[*base, "2/QĐ", "2025-08-01", "UBND xã"]], unit_key)
    assert rows[0][-3:] == ("2/QĐ", "2025-08-01", "UBND xã")
    # a package of the previous version (no decision columns) arrives with empty decisions
    old = check_table(INDICATOR_VALUES, cols[:-3], [base], unit_key)
    assert old[0][-3:] == ("", None, "")
    with pytest.raises(SchemaProblem, match="decision_date"):
        check_table(INDICATOR_VALUES, cols, [[*base, "2/QĐ", "01/08/2025", "UBND xã"]], unit_key)
    with pytest.raises(SchemaProblem, match="danh sách cột"):
        check_table(INDICATOR_VALUES, [*cols[:-3], "decision_no", "bogus", "x"], [[*base, "", "", ""]], unit_key)


def test_a_commune_level_travels_to_the_department_with_its_decision(tmp_path):
    from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender, statuses
    from xhht_desktop.sync import merge

    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        pek.save("2022", Entry("PCTH_MUC_DO", value=2, decision_no="41/QĐ-UBND", decision_date="2022-06-01",
                               decision_body="UBND huyện Đắk Glei"),
                 Entry("TRE6_VAO_LOP1", None, 96, 100))
        pek.save("2019", Entry("TUAN_LE_HTSD", value=1))
        out = tmp_path / "usb"
        pek.export(out)
        merge.merge_files(dept.db, [out])
        report = confirm_all(dept)
        assert statuses(report) == ["imported"], [p.reason for p in report.packages]
        unit = units_repo.find_unit(dept.db, PEK, parse_period("2022"))
        got = values_repo.load_entries(dept.db, unit.id, "2022")[("PCTH_MUC_DO", None)]
        assert (got.value, got.decision_no, got.decision_date, got.decision_body) == \
            (2, "41/QĐ-UBND", "2022-06-01", "UBND huyện Đắk Glei")
        assert values_repo.load_entries(dept.db, unit.id, "2019")[("TUAN_LE_HTSD", None)].value == 1
        province = units_repo.find_unit(dept.db, "62", parse_period("2022"))
        pcth = _row(compute_values(dept.db, province.id, "2022"), "PCTH_MUC_DO")
        assert pcth.shares == {1: 100.0, 2: 100.0, 3: 0.0} and pcth.units_reported == 1
    finally:
        pek.close()
        dept.close()


def test_the_merge_refuses_a_degree_without_its_decision(tmp_path):
    from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender
    from xhht_desktop.sync import merge

    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        pek.save("2022", Entry("XMC_MUC_DO", value=1, decision_no="1/QĐ", decision_date="2022-06-01",
                               decision_body="UBND huyện"))
        # written around the app's validation (an edited database): the decision is gone
        pek.db.conn.execute("UPDATE indicator_values SET decision_no='', revision=revision+1 "
                            "WHERE indicator='XMC_MUC_DO'")
        pek.db.conn.execute("""INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision,
                               changed_at) SELECT 'indicator_values', uuid, 'decision_no', '1/QĐ', '', revision,
                               '2022-07-01T00:00:00+07:00' FROM indicator_values WHERE indicator='XMC_MUC_DO'""")
        out = tmp_path / "usb"
        pek.export(out)
        merge.merge_files(dept.db, [out])
        report = confirm_all(dept)
        assert report.packages[0].status != "imported"
        assert any("số quyết định" in p for p in report.packages[0].problems)
        unit = units_repo.find_unit(dept.db, PEK, parse_period("2022"))
        assert values_repo.load_entries(dept.db, unit.id, "2022") == {}
    finally:
        pek.close()
        dept.close()
