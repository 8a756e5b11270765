"""Two programmes on one timeline: plan 2780 (2013-H2 … 2020) and the 2021–2030 programme."""

import csv

import pytest

from xhht_desktop.domain import catalogue as C
from xhht_desktop.domain.periods import all_periods, parse_period
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
