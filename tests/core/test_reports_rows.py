"""rows.bulk_values gives exactly compute_values' numbers, for every unit of the tree."""

import pytest

from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.values import Entry
from xhht_desktop.reports import rows

from tests.core.test_reports_fixtures import communes_of, fill_hand_figures, fill_sample, save, unit


@pytest.fixture
def many(db):
    codes = communes_of(db, "610")[:6] + communes_of(db, "611")[:4] + ["610", "611", "62"]
    fill_sample(db, codes, ["2013", "2014-H1", "2014"])
    # Blank figures, district own entries and a flag that is not reported at all.
    save(db, "23344", "2014", Entry("XMC_15_60", None, None, None), Entry("XMC_15_60", "nu", None, None),
         Entry("XMC_15_60", "dtts", None, None), Entry("PC_THCS", None, value=None))
    save(db, "610", "2014", Entry("PC_THCS", None, value=1), Entry("GDTX_TRUNG_TAM", None, value=1))
    fill_hand_figures(db)
    return db


@pytest.mark.parametrize("period", ["2014", "2014-H1", "2014-H2", "2015"])
@pytest.mark.parametrize("root", ["62", "610", "23353"])
def test_bulk_values_equal_compute_values(many, period, root):
    root_id = unit(many, root).id
    bulk = rows.bulk_values(many, root_id, period)
    assert root_id in bulk
    if root != "23353":
        assert len(bulk) > 5
    for uid, got in bulk.items():
        want = compute_values(many, uid, period)
        assert [r.as_json() for r in got] == [r.as_json() for r in want], uid


def test_trend_targets_match(db):
    save(db, "610", "2014", Entry("CN_TIN_NGOAI_NGU", None, 40, 100))
    save(db, "610", "2015", Entry("CN_TIN_NGOAI_NGU", None, 45, 100))
    got = rows.bulk_values(db, unit(db, "62").id, "2015")
    dist = next(r for r in got[unit(db, "610").id] if r.indicator == "CN_TIN_NGOAI_NGU" and r.breakdown is None)
    assert dist.target == pytest.approx(40.0) and dist.met is True
    want = compute_values(db, unit(db, "62").id, "2015")
    assert [r.as_json() for r in got[unit(db, "62").id]] == [r.as_json() for r in want]


def test_ia_communes_follow_their_district_of_the_time(db):
    save(db, "23535", "2014", Entry("XMC_15_60", None, 10, 20))
    save(db, "23535", "2016", Entry("XMC_15_60", None, 15, 20))
    for period, district in (("2014", "616"), ("2016", "618")):
        root = unit(db, "62", "2014")
        got = rows.bulk_values(db, root.id, period)
        d = unit(db, district, period)
        want = compute_values(db, d.id, period)
        assert [r.as_json() for r in got[d.id]] == [r.as_json() for r in want]
