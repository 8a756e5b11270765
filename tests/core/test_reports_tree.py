"""The consolidated report over trees of any shape: a country above the province (three levels below
the root, as in the national benchmark), a unit attached twice, and the root's previous period.

The report's one pass up the tree (db.aggregate.tree_values) and a unit's own figures
(compute_values) are the same engine; the rules themselves are tested in test_aggregation.py."""

import pytest
from openpyxl import load_workbook

from xhht_desktop.db.aggregate import compute_values
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.units import BASE_DATE, unit_key
from xhht_desktop.domain.values import Entry
from xhht_desktop.reports import rows as R
from xhht_desktop.reports.xlsx import write_consolidated_xlsx

from tests.core.test_reports_fixtures import communes_of, fill_sample, save, unit


def _add_unit(db, code, name, level, parent_id, valid_to="2025-06-30") -> int:
    db.conn.execute(
        "INSERT INTO units (key, code, name, name_folded, level, type_label, valid_from, valid_to) "
        "VALUES (?,?,?,?,?,?,?,?)",
        (unit_key(code, BASE_DATE), code, name, fold(name), level, name.split(" ")[0], BASE_DATE, valid_to))
    uid = db.conn.execute("SELECT id FROM units WHERE code=?", (code,)).fetchone()[0]
    if parent_id is not None:
        _attach(db, uid, parent_id, valid_to)
    return uid


def _attach(db, uid, parent_id, valid_to="2025-06-30", valid_from=BASE_DATE) -> None:
    db.conn.execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from, valid_to) VALUES (?,?,?,?)",
                    (uid, parent_id, valid_from, valid_to))
    db.conn.commit()


@pytest.fixture
def country(db):
    """«VN» (tỉnh level, as the benchmark's national root) above Kon Tum and a small second province
    (one district, two communes); figures for 2013 (trend targets), 2014-H1 and 2014."""
    vn = _add_unit(db, "VN", "Toàn quốc", "tinh", None)
    _attach(db, unit(db, "62").id, vn)
    p2 = _add_unit(db, "901", "Tỉnh Thử Nghiệm", "tinh", vn)
    d2 = _add_unit(db, "90101", "Huyện Thử Nghiệm", "huyen", p2)
    for c in ("9010101", "9010102"):
        _add_unit(db, c, f"Xã Thử Nghiệm {c[-1]}", "xa", d2)
    codes = communes_of(db, "610")[:5] + communes_of(db, "611")[:3] + ["610", "611", "62", "9010101", "90101"]
    fill_sample(db, codes, ["2013", "2014-H1", "2014"])
    save(db, "901", "2014", Entry("CB_CNTT", None, 7, 9))  # a province's own entry
    save(db, "9010102", "2014", Entry("XMC_15_60", None, None, None))  # blank, not zero
    return db


def test_country_tree_holds_every_unit_with_its_figures(country):
    vn = unit(country, "VN").id
    bulk = R.bulk_values(country, vn, "2014")
    assert len(bulk) == 1 + 2 + 9 + 102 + 1 + 2  # VN, 2 provinces, their districts and communes
    cb = {uid: next(r for r in rows if r.indicator == "CB_CNTT" and r.breakdown is None) for uid, rows in bulk.items()}
    second, district = cb[unit(country, "901").id], cb[unit(country, "90101").id]
    assert (second.numerator, second.denominator) == (district.numerator + 7, district.denominator + 9)
    country_row = cb[vn]
    assert country_row.numerator == cb[unit(country, "62").id].numerator + second.numerator
    assert country_row.units_expected == 104


def test_country_report_lists_every_commune_under_its_district(country, tmp_path):
    vn = unit(country, "VN").id
    rep = R.consolidated(country, vn, "2014", activities=False)
    codes = [d.unit.code for d in rep.detail]
    communes = [d for d in rep.detail if d.unit.level == "xa"]
    assert len(communes) == 104 and rep.units_expected == 104
    assert rep.units_reported == sum(1 for d in communes if d.reported_any) == 9
    assert [d.stt for d in communes] == [str(n) for n in range(1, 105)]
    # each commune before its district's subtotal, each district before its province's, the country last
    assert codes[-1] == "VN" and rep.detail[-1].label == "Toàn tỉnh"
    assert codes.index("90101") > codes.index("9010102") and codes.index("901") > codes.index("90101")
    for district in ("610", "611"):
        for c in communes_of(country, district):
            assert codes.index(c) < codes.index(district) < codes.index("62")
    sub = rep.detail[codes.index("610")]
    assert sub.strong and sub.label == "Cộng huyện Đắk Glei" and sub.stt == ""
    # the cells are compute_values' totals, in the order of rep.indicators
    for d in rep.detail:
        want = {r.indicator: r for r in compute_values(country, d.unit.id, "2014") if r.breakdown is None}
        for ind, cell in zip(rep.indicators, d.cells):
            w = want.get(ind.code)
            assert cell == (None if w is None else (w.value, w.numerator, w.denominator)), (d.unit.code, ind.code)
    out = write_consolidated_xlsx(country, vn, "2014", tmp_path / "vn.xlsx")
    ws = load_workbook(out, read_only=True)["TheoDonVi"]
    written = [row[2] for row in ws.iter_rows(min_row=7, values_only=True) if len(row) > 2 and row[2]]
    assert written == codes


def test_two_levels_keep_their_blocks(country):
    """The PDF's blocks stay the root's two levels: provinces with their districts for a country."""
    rep = R.consolidated(country, unit(country, "VN").id, "2014", activities=False)
    assert [b.head.unit.code for b in rep.blocks] == ["62", "901"]
    assert [m.unit.code for m in rep.blocks[1].members] == ["90101"]
    assert rep.blocks[0].head.is_subtotal and rep.blocks[1].members[0].depth == 2


def test_unit_attached_twice_is_counted_once(country):
    """Links that are not a tree (a commune under two districts on the same day): the province counts
    that commune once, each district counts it."""
    pek = unit(country, "23353").id
    root = unit(country, "62").id
    before = R.bulk_values(country, root, "2014")
    _attach(country, pek, unit(country, "611").id, valid_from="2014-01-01")  # overlaps its link to 610
    bulk = R.bulk_values(country, root, "2014")
    assert pek in bulk

    def xmc(rows):
        return next(r for r in rows if r.indicator == "XMC_15_60" and r.breakdown is None)
    province, was = xmc(bulk[root]), xmc(before[root])
    assert (province.numerator, province.denominator, province.units_expected) == \
        (was.numerator, was.denominator, was.units_expected)
    in_611, pek_own = xmc(bulk[unit(country, "611").id]), xmc(bulk[pek])
    was_611 = xmc(before[unit(country, "611").id])
    assert in_611.units_expected == was_611.units_expected + 1
    assert in_611.numerator == (was_611.numerator or 0) + pek_own.numerator
    rep = R.consolidated(country, root, "2014", activities=False)
    assert [d.unit.code for d in rep.detail].count("23353") == 1


def test_summary_compares_with_the_roots_previous_period(country):
    rep = R.consolidated(country, unit(country, "62").id, "2014", activities=False)
    before = {(r.indicator, r.breakdown): r.as_json() for r in compute_values(country, unit(country, "62").id, "2013")}
    now = {(r.indicator, r.breakdown): r.as_json() for r in compute_values(country, unit(country, "62").id, "2014")}
    lines = rep.summary.lines()
    assert rep.summary.previous == parse_period("2013") and len(lines) == len(now)
    for line in lines:
        key = (line.indicator.code, line.breakdown)
        assert line.now.as_json() == now[key]
        assert (line.before.as_json() if line.before else None) == before.get(key)
    assert any(line.before is not None and line.before.value is not None for line in lines)
    assert rep.summary.activities is None  # left out on request (only the PDF prints them)
