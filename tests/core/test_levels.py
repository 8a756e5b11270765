"""The kind `level` (mức độ): scale, decision, lapsing, shares and suggestions."""

import datetime as dt

import pytest

from xhht_desktop.domain.catalogue import catalogue_for
from xhht_desktop.domain.levels import (
    effective_degree, is_lapsed, lapse_date, shares_at_or_above, suggest_degree,
)
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry, errors_only, validate_entries

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


def test_control_characters_in_decision_fields_are_refused():
    issues = _check(Entry("XMC_MUC_DO", value=1, decision_no="12\x00/QĐ", decision_date="2026-01-02",
                          decision_body="UBND\u202excã"))
    assert sorted(i.field for i in issues) == ["decision_body", "decision_no"]
    assert {i.code for i in issues} == {"control_chars"}


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
