import pytest

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry


def unit(db, code, period="2014"):
    return units_repo.find_unit(db, code, parse_period(period))


def save(db, code, period, *entries):
    return values_repo.save_entries(db, unit(db, code, period).id, period, list(entries), actor="test", origin="t")


def row(rows, ind, bd=None):
    return next(r for r in rows if r.indicator == ind and r.breakdown == bd)


def test_district_rate_sums_counts_never_averages(db):
    # Đắk Glei (610): two communes with very different sizes.
    save(db, "23344", "2014", Entry("XMC_15_60", None, 90, 100))     # 90 %
    save(db, "23347", "2014", Entry("XMC_15_60", None, 500, 1000))   # 50 %
    r = row(compute_values(db, unit(db, "610").id, "2014"), "XMC_15_60")
    assert (r.numerator, r.denominator) == (590, 1100)
    assert r.value == pytest.approx(100 * 590 / 1100)  # 53.6 %, not the 70 % an average would give
    assert r.units_reported == 2 and r.units_expected == 12
    assert r.met is False and r.target == 96


def test_province_includes_district_own_entries(db):
    save(db, "23344", "2014", Entry("CB_CNTT", None, 10, 20))
    save(db, "610", "2014", Entry("CB_CNTT", None, 30, 40))          # district staff
    save(db, "62", "2014", Entry("CB_CNTT", None, 60, 140))          # provincial agencies
    r = row(compute_values(db, unit(db, "62").id, "2014"), "CB_CNTT")
    assert (r.numerator, r.denominator) == (100, 200)
    assert r.value == pytest.approx(50.0)
    # "Units reported" counts communes (the lowest level) only: own entries are summed, not counted.
    assert (r.units_reported, r.units_expected) == (1, 102)


def test_flags_become_share_of_units(db):
    save(db, "23344", "2014", Entry("PC_THCS", None, value=1))
    save(db, "23347", "2014", Entry("PC_THCS", None, value=0))
    save(db, "23350", "2014", Entry("PC_THCS", None, value=1))
    save(db, "23353", "2014", Entry("PC_THCS", None, value=1))
    save(db, "610", "2014", Entry("PC_THCS", None, value=0))
    r = row(compute_values(db, unit(db, "610").id, "2014"), "PC_THCS")
    assert (r.numerator, r.denominator) == (3, 4)
    assert r.value == pytest.approx(75.0)
    assert r.own_value == 0
    commune = row(compute_values(db, unit(db, "23344").id, "2014"), "PC_THCS")
    assert commune.value == 1 and commune.met is True


def test_counts_are_summed_and_blank_stays_blank(db):
    save(db, "23344", "2014", Entry("GIA_DINH_HIEU_HOC", None, value=7))
    save(db, "23347", "2014", Entry("GIA_DINH_HIEU_HOC", None, value=0))
    rows = compute_values(db, unit(db, "610").id, "2014")
    assert row(rows, "GIA_DINH_HIEU_HOC").value == 7
    assert row(rows, "DONG_HO_KHUYEN_HOC").value is None  # nobody reported: not zero


def test_breakdowns_aggregate_separately(db):
    save(db, "23344", "2014", Entry("XMC_15_60", None, 90, 100), Entry("XMC_15_60", "nu", 40, 50))
    save(db, "23347", "2014", Entry("XMC_15_60", None, 80, 100), Entry("XMC_15_60", "nu", 30, 50))
    r = row(compute_values(db, unit(db, "610").id, "2014"), "XMC_15_60", "nu")
    assert (r.numerator, r.denominator, r.value) == (70, 100, 70.0)


def test_ia_commune_counts_for_sa_thay_then_ia_hdrai(db):
    save(db, "23535", "2014", Entry("XMC_15_60", None, 10, 20))
    save(db, "23535", "2016", Entry("XMC_15_60", None, 15, 20))
    assert row(compute_values(db, unit(db, "616", "2014").id, "2014"), "XMC_15_60").numerator == 10
    assert row(compute_values(db, unit(db, "618", "2016").id, "2016"), "XMC_15_60").numerator == 15
    assert row(compute_values(db, unit(db, "616", "2016").id, "2016"), "XMC_15_60").numerator is None


def test_trend_target_is_last_year(db):
    save(db, "610", "2014", Entry("CN_TIN_NGOAI_NGU", None, 40, 100))
    save(db, "610", "2015", Entry("CN_TIN_NGOAI_NGU", None, 45, 100))
    r = row(compute_values(db, unit(db, "610").id, "2015"), "CN_TIN_NGOAI_NGU")
    assert r.target == pytest.approx(40.0) and r.met is True


def test_save_keeps_history_uuid_and_revision(db):
    u = unit(db, "23353")
    values_repo.save_entries(db, u.id, "2014", [Entry("XMC_15_60", None, 90, 100, comment="Số liệu điều tra")],
                             actor="Y Blong", origin="inst-1")
    values_repo.save_entries(db, u.id, "2014", [Entry("XMC_15_60", None, 95, 100, comment="Số liệu điều tra")],
                             actor="Y Blong", origin="inst-1")
    rec = db.conn.execute("SELECT uuid, revision, comment FROM indicator_values").fetchone()
    assert rec[0] == values_repo.value_uuid(u.key, "2014", "XMC_15_60", None)
    assert rec[1] == 2 and rec[2] == "Số liệu điều tra"
    hist = values_repo.record_history(db, rec[0])
    assert [(h["field"], h["old_value"], h["new_value"]) for h in hist] == [
        ("numerator", None, "90"), ("denominator", None, "100"), ("comment", "", "Số liệu điều tra"),
        ("numerator", "90", "95")]
    assert all(h["changed_by"] == "Y Blong" for h in hist)


def test_invalid_save_changes_nothing(db):
    u = unit(db, "23353")
    values_repo.save_entries(db, u.id, "2014", [Entry("XMC_15_60", None, 90, 100)], actor="a", origin="o")
    with pytest.raises(values_repo.ValidationFailed) as info:
        values_repo.save_entries(db, u.id, "2014", [Entry("XMC_15_35", None, 5, 10),
                                                    Entry("XMC_15_60", "nu", 200, 300)], actor="a", origin="o")
    assert "lớn hơn tổng số" in str(info.value)
    assert values_repo.load_entries(db, u.id, "2014").keys() == {("XMC_15_60", None)}


def test_clearing_a_figure_makes_it_unreported_not_zero(db):
    u = unit(db, "23353")
    values_repo.save_entries(db, u.id, "2014", [Entry("GIA_DINH_HIEU_HOC", None, value=4)], actor="a", origin="o")
    values_repo.save_entries(db, u.id, "2014", [Entry("GIA_DINH_HIEU_HOC", None, value=None)], actor="a", origin="o")
    r = row(compute_values(db, u.id, "2014"), "GIA_DINH_HIEU_HOC")
    assert r.value is None


def test_completeness_mark(db):
    u = unit(db, "23353")
    assert not values_repo.is_complete(db, u.id, "2014")
    values_repo.set_complete(db, u.id, "2014", True, actor="a", origin="o")
    assert values_repo.is_complete(db, u.id, "2014")
