import pytest

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import PeriodError, all_periods, parse_period
from xhht_desktop.domain.text import fold, matches


def test_period_range_and_order():
    codes = [p.code for p in all_periods()]
    assert codes[:5] == ["2013-H2", "2013", "2014-H1", "2014-H2", "2014"]
    assert codes[-1] == "2030"
    assert "2013-H1" not in codes


@pytest.mark.parametrize("bad", ["2014-H3", "2031", "2012", "14-H1", "", "2013-H1"])
def test_bad_periods_are_refused_in_vietnamese(bad):
    with pytest.raises(PeriodError, match="Kỳ báo cáo"):
        parse_period(bad)


def test_period_navigation_and_targets():
    assert parse_period("2014-H1").previous().code == "2013-H2"
    assert parse_period("2015").previous().code == "2014"
    assert parse_period("2016-H2").same_period_last_year().code == "2015-H2"
    assert parse_period("2015-H2").target_year == 2015
    assert parse_period("2016-H1").target_year == 2020


def test_fold_handles_spelling_and_unicode_forms():
    import unicodedata
    nfd = unicodedata.normalize("NFD", "Xã Đắk Pék")
    assert fold(nfd) == fold("Xã Đắk Pék") == "xa dak pek"
    assert fold("Đăk Pék") == fold("Đắk Pék")
    assert matches("dak pek", "Xã Đắk Pék")
    assert not matches("dak pek", "Xã Đắk Man")


def test_unit_counts_and_lineage(db):
    # Kon Tum's 97 + 5 old communes, old Quảng Ngãi's 170, today's Quảng Ngãi's 96 (40 + 56)
    assert len(units_repo.all_units(db, "xa")) == 97 + 5 + 170 + 96
    assert len(units_repo.all_units(db, "huyen")) == 10 + 13
    versions = units_repo.units_with_code(db, "23293")
    assert [u.name for u in versions] == ["Phường Thắng Lợi", "Phường Kon Tum"]
    kon_tum = versions[1]
    preds = {u.name for u in units_repo.predecessors(db, kon_tum.id)}
    assert {"Phường Quang Trung", "Phường Thắng Lợi", "Phường Thống Nhất"} <= preds


def test_ia_communes_move_to_ia_hdrai_in_2015(db):
    ia_dal = units_repo.find_unit(db, "23535", parse_period("2014"))
    assert units_repo.parent_of(db, ia_dal.id, "2014-12-31").code == "616"
    assert units_repo.parent_of(db, ia_dal.id, "2016-12-31").code == "618"
    assert units_repo.find_unit(db, "618", parse_period("2014")) is not None


def test_accent_insensitive_unit_search(db):
    names = [u.name for u in units_repo.search_units(db, "dak pek", level="xa")]
    assert "Xã Đắk Pék" in names
    upper = [u.name for u in units_repo.search_units(db, "ĐẮK PÉK", level="xa")]
    assert "Xã Đắk Pék" in upper
    district = units_repo.find_unit(db, "610")
    in_district = units_repo.search_units(db, "", level="xa", parent_id=district.id)
    assert len(in_district) == 12
