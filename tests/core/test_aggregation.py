"""The aggregation rules (domain.aggregation) over plain data, and the engine that feeds them from the
database (db.aggregate) where only a database can show the rule (units in time, links that are not
a tree, last year's figures for a trend)."""

from dataclasses import dataclass

import pytest

from xhht_desktop.db.aggregate import compute_values, unit_values
from xhht_desktop.domain import aggregation as A
from xhht_desktop.domain.catalogue import catalogue_for
from xhht_desktop.domain.lineage import history_sources
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import Entry
from xhht_desktop.reports import rows as R

from tests.core.test_reports_fixtures import communes_of, save, unit


@dataclass(frozen=True)
class U:
    """A unit as the rules see it."""

    id: int
    code: str
    level: str
    valid_from: str = "2008-01-01"
    valid_to: str | None = None


P2014, P2026 = parse_period("2014"), parse_period("2026")
OLD = {i.code: i for i in catalogue_for(P2014).indicators}
NEW = {i.code: i for i in catalogue_for(P2026).indicators}

# A district (1) with three communes (11, 12, 13) under a province (100) that also has a second
# district (2) with one commune (21).
UNITS = {u.id: u for u in (U(100, "P", "tinh"), U(1, "D1", "huyen"), U(2, "D2", "huyen"),
                           U(11, "C11", "xa"), U(12, "C12", "xa"), U(13, "C13", "xa"), U(21, "C21", "xa"))}
CHILDREN = {100: [1, 2], 1: [11, 12, 13], 2: [21]}


def row(ind, bd="", num=None, den=None, val=None, decided=None):
    return (ind, bd, num, den, val, decided)


def judge_tree(stored: dict[int, list[tuple]], inds, p, *, root=100, trend=None):
    """Every unit of the tree below `root` judged by the rules, by unit id: {id: {(code, bd): row}}."""
    nodes, is_tree = A.tree_order(CHILDREN, lambda u: UNITS[u].code, root, UNITS[root].level)
    assert is_tree
    levels = {n.id: UNITS[n.id].level for n in nodes}
    out = {}
    for node, gathered in A.fold_tree(nodes, levels, lambda ids: {i: stored.get(i, []) for i in ids},
                                      A.rules_for(inds), p, chunk=2):
        unit = UNITS[node.id]
        mine = [i for i in inds if unit.level in i.levels or unit.level != "xa"]
        rows = A.judge_unit(unit, gathered, mine, p, trend or (lambda ind, bd: None))
        out[node.id] = {(r.indicator, r.breakdown): r for r in rows}
    return out


# ---- each kind ---------------------------------------------------------------------------------

def test_rate_sums_numerators_and_denominators_and_never_averages():
    xmc = OLD["XMC_15_60"]
    got = judge_tree({11: [row("XMC_15_60", num=10, den=20), row("XMC_15_60", "nu", 4, 10)],
                      12: [row("XMC_15_60", num=90, den=100)],
                      13: [row("XMC_15_60", num=5, den=None)],  # half a fraction is no figure
                      21: [row("XMC_15_60", num=0, den=0)]}, [xmc], P2014)
    district = got[1][("XMC_15_60", None)]
    assert (district.numerator, district.denominator) == (100, 120)
    assert district.value == pytest.approx(100 * 100 / 120)  # not (50 + 90) / 2
    assert (district.units_reported, district.units_expected) == (2, 3)
    assert district.target == 96.0 and district.met is False and district.gap == pytest.approx(100 * 100 / 120 - 96)
    assert got[1][("XMC_15_60", "nu")].value == 40.0  # breakdowns add up separately
    assert got[13][("XMC_15_60", None)].value is None and got[13][("XMC_15_60", None)].units_reported == 0
    province = got[100][("XMC_15_60", None)]  # 0/0 adds nothing but counts as reported
    assert (province.numerator, province.denominator, province.units_reported, province.units_expected) == (100, 120, 3, 4)
    assert got[21][("XMC_15_60", None)].value is None  # a rate over nobody is no rate


def test_count_sums_the_units_below_and_the_units_own():
    ind = OLD["DON_VI_HOC_TAP"]  # entered by communes, districts and the province
    got = judge_tree({11: [row("DON_VI_HOC_TAP", val=3)], 12: [row("DON_VI_HOC_TAP", val=0)],
                      1: [row("DON_VI_HOC_TAP", val=2)]}, [ind], P2014)
    district = got[1][("DON_VI_HOC_TAP", None)]
    assert (district.value, district.own_value) == (5.0, 2.0)
    assert (district.units_reported, district.units_expected) == (2, 3)  # its own entry is not a commune
    assert got[12][("DON_VI_HOC_TAP", None)].value == 0.0  # zero reported is zero, not blank
    assert got[100][("DON_VI_HOC_TAP", None)].value == 5.0


def test_flag_is_the_units_own_then_the_share_of_units_below_that_reach_it():
    ind = OLD["PC_THCS"]  # entered by communes and districts, target 100%
    got = judge_tree({11: [row("PC_THCS", val=1)], 12: [row("PC_THCS", val=0)], 13: [row("PC_THCS", val=1)],
                      1: [row("PC_THCS", val=1)]}, [ind], P2014)
    commune = got[11][("PC_THCS", None)]
    assert (commune.value, commune.met, commune.gap) == (1.0, True, 0.0)  # đạt = 100% against 100%
    assert got[12][("PC_THCS", None)].met is False
    # Above the communes (who must report it) the figure is the share of communes that reached it,
    # beside the unit's own flag, which is not one of those communes.
    district = got[1][("PC_THCS", None)]
    assert (district.numerator, district.denominator, district.own_value) == (2, 3, 1.0)
    assert district.value == pytest.approx(200 / 3) and (district.units_reported, district.units_expected) == (3, 3)
    province = got[100][("PC_THCS", None)]
    assert (province.numerator, province.denominator, province.own_value) == (2, 3, None)
    assert province.value == pytest.approx(200 / 3) and province.met is False
    assert (province.units_reported, province.units_expected) == (3, 4)


def test_level_is_the_own_effective_degree_and_above_the_shares_at_or_above_each_degree():
    xmc, cdht = NEW["XMC_MUC_DO"], NEW["CDHT_XA_MUC_DO"]
    got = judge_tree({11: [row("XMC_MUC_DO", val=2, decided="2024-05-01"),
                           row("CDHT_XA_MUC_DO", val=1, decided="2021-01-04")],  # lapsed in January 2024
                      12: [row("XMC_MUC_DO", val=1, decided="2024-05-01"),
                           row("CDHT_XA_MUC_DO", val=2, decided="2025-02-01")],
                      13: [row("XMC_MUC_DO", val=0)],
                      100: [row("XMC_MUC_DO", val=2, decided="2026-01-10")]}, [xmc, cdht], P2026)
    lapsed = got[11][("CDHT_XA_MUC_DO", None)]
    assert (lapsed.value, lapsed.recognised, lapsed.lapsed) == (0.0, 1, True)
    assert got[11][("XMC_MUC_DO", None)].shares is None
    province = got[100][("XMC_MUC_DO", None)]
    assert province.shares == {1: pytest.approx(200 / 3), 2: pytest.approx(100 / 3)}
    assert (province.value, province.own_value, province.units_reported, province.units_expected) == (2.0, 2.0, 3, 4)
    assert province.target_draft is True and province.target is None  # 2030's target is a draft, unset
    cdht_p = got[100][("CDHT_XA_MUC_DO", None)]
    assert cdht_p.shares == {1: 50.0, 2: 50.0} and cdht_p.value is None  # the lapsed one counts 0


def test_trend_is_judged_against_the_same_figure_last_year():
    ind = OLD["KNS_THAM_GIA"]
    last_year = {(ind.code, None): 40.0}
    got = judge_tree({11: [row(ind.code, num=45, den=100)], 12: [row(ind.code, num=40, den=100)]}, [ind], P2014,
                     trend=lambda i, bd: last_year.get((i.code, bd)))
    district = got[1][(ind.code, None)]
    assert (district.value, district.target, district.met) == (42.5, 40.0, True)
    assert got[11][(ind.code, "nu")].target is None and got[11][(ind.code, "nu")].met is None  # no figure last year
    assert A.trend_period(P2014) == parse_period("2013")
    assert A.trend_period(parse_period("2021")) is None  # 2020 belongs to another programme
    assert A.trend_period(parse_period("2013-H2")) is None  # before the first period
    assert A.trend_indicators([ind, OLD["XMC_15_60"]], P2014) == [ind]
    assert A.trend_indicators([ind], parse_period("2014-H1")) == []  # yearly: no half-year figure last year


def test_a_unit_with_no_data_is_blank_never_zero():
    inds = [OLD[c] for c in ("XMC_15_60", "PC_THCS", "DON_VI_HOC_TAP", "CB_CNTT")]
    got = judge_tree({}, inds, P2014)
    for uid in (1, 11, 100):
        for r in got[uid].values():
            assert (r.value, r.numerator, r.denominator, r.met, r.gap, r.units_reported) == (None, None, None, None, None, 0)
    assert got[1][("XMC_15_60", None)].units_expected == 3 and got[100][("CB_CNTT", None)].units_expected == 4
    assert got[11][("XMC_15_60", None)].units_expected == 1


def test_draft_targets_say_so_and_the_target_year_follows_the_programme():
    ind = NEW["CONG_DAN_HOC_TAP"]  # both 2025 and 2030 targets are drafts
    confirmed = NEW["CDHT_CBCC_DVHT"]
    for period, year in (("2024", 2025), ("2026", 2030)):
        got = judge_tree({11: [row(ind.code, num=50, den=100), row(confirmed.code, num=50, den=100)]},
                         [ind, confirmed], parse_period(period))[11]
        draft, sure = got[(ind.code, None)], got[(confirmed.code, None)]
        assert draft.target_year == year and draft.target == ind.targets[year] and draft.target_draft
        assert draft.draft_years == (2025, 2030) and draft.met is (50 >= ind.targets[year])
        assert not sure.target_draft and sure.draft_years == () and sure.met is (50 >= confirmed.targets[year])


def test_yearly_indicators_have_no_half_year_figure_and_change_stays_within_a_programme():
    inds = [OLD["XMC_15_60"], OLD["PC_THCS"]]
    assert [i.code for i in A.in_force(inds, parse_period("2014-H1"))] == ["XMC_15_60"]
    assert A.change_period(parse_period("2021")) is None  # 2021 against 2020: other indicators
    assert A.change_period(parse_period("2022")) == parse_period("2021")
    assert A.change_period(parse_period("2014-H1")) == parse_period("2013-H2")


# ---- coverage ----------------------------------------------------------------------------------

def test_coverage_counts_a_unit_reported_when_any_unit_standing_for_it_did():
    # an alive commune that reported, a new commune whose two former communes one reported, a new
    # commune whose former commune did not, a former commune shared by two (counted once)
    got = A.coverage_counts([(1, [1]), (2, [21, 22]), (3, [31]), (4, [22])], reporting={1, 21, 99})
    assert got == A.Covered(reported=2, expected=4, sources_reported=2, sources_expected=4)
    assert A.coverage_counts([], set()) == A.Covered(0, 0, 0, 0)


# ---- lineage: a unit for a period before it existed -------------------------------------------

def test_succession_derives_a_new_commune_from_its_former_communes_and_never_counts_itself():
    """Two communes (11, 12) merged into 50 in 2019; 50 and a third (13) into 60 in 2025. 60's 2018
    figure comes from 11, 12 and 13, judged as a unit above them (flags become shares)."""
    units = {11: U(11, "A", "xa", valid_to="2019-06-30"), 12: U(12, "B", "xa", valid_to="2019-06-30"),
             13: U(13, "C", "xa", valid_to="2025-06-30"), 50: U(50, "AB", "xa", "2019-07-01", "2025-06-30"),
             60: U(60, "ABC", "xa", "2025-07-01")}
    preds = {60: [units[50], units[13]], 50: [units[11], units[12]]}
    sources = history_sources(units[60], "2018-12-31", lambda u: preds.get(u.id, []))
    assert [s.id for s in sources] == [11, 12, 13]
    view, members = A.derived_scope("xa", ((s.id, s.level) for s in sources))
    assert view == "huyen" and members == {11: "xa", 12: "xa", 13: "xa"}
    stored = {11: [row("XMC_15_60", num=10, den=20), row("PC_THCS", val=1)],
              12: [row("XMC_15_60", num=30, den=40), row("PC_THCS", val=0)],
              60: [row("XMC_15_60", num=999, den=999)]}  # never read: 60 did not exist in 2018
    nodes = A.star(60, members)
    gathered = None
    for _, gathered in A.fold_tree(nodes, {**members, 60: view},
                                   lambda ids: {i: stored.get(i, []) for i in ids if i in members},
                                   A.rules_for([OLD["XMC_15_60"], OLD["PC_THCS"]]), P2014):
        pass
    flat = A.gather(members, lambda ids: stored, A.rules_for([OLD["XMC_15_60"], OLD["PC_THCS"]]), P2014, None)
    # the flat form adds up as the fold over the one-level tree; it counts the former communes only
    assert (flat.tallies, flat.own, flat.counts) == (gathered.tallies, gathered.own, {"xa": 3})
    rows = A.mark_derived(A.judge_unit(U(60, "ABC", view), gathered, [OLD["XMC_15_60"], OLD["PC_THCS"]],
                                       P2014, lambda i, bd: None))
    got = {(r.indicator, r.breakdown): r for r in rows}
    rate_, flag = got[("XMC_15_60", None)], got[("PC_THCS", None)]
    assert (rate_.numerator, rate_.denominator, rate_.units_reported, rate_.units_expected) == (40, 60, 2, 3)
    assert (flag.value, flag.numerator, flag.denominator) == (50.0, 1, 2)  # the share that reached it
    assert all(r.derived and r.unit == "ABC" for r in rows)


def test_a_flat_scope_counts_each_unit_once_whatever_the_links():
    children = {1: [11, 12], 2: [12], 100: [1, 2]}  # 12 attached to two districts on the same day
    nodes, is_tree = A.tree_order(children, lambda u: UNITS[u].code, 100, "tinh")
    assert not is_tree and sorted(n.id for n in nodes) == [1, 2, 11, 12, 100]
    assert A.descendants(children, 100) == {1, 2, 11, 12}
    assert A.descendants({11: [12]}, 13) == set()


# ---- figures already computed, added up ---------------------------------------------------------

def test_sum_rows_adds_disjoint_units_figures():
    def vr(value, num=None, den=None):
        return A.ValueRow("X", None, "u", "2014", num, den, value, None, None)
    assert A.sum_rows("rate", [vr(50.0, 10, 20), vr(75.0, 30, 40), vr(None), None]) == (40, 60, pytest.approx(200 / 3))
    assert A.sum_rows("count", [vr(3.0), vr(4.0)]) == (None, None, 7.0)
    assert A.sum_rows("flag", [vr(1.0), vr(0.0), vr(1.0)]) == (2, 3, pytest.approx(200 / 3))
    assert A.sum_rows("rate", [vr(None)]) == (None, None, None)


def test_group_rows_adds_up_communes_figures_as_the_lineage_does():
    """The analysis view by former district: communes' figures already computed, added up."""
    xmc, flag = OLD["XMC_15_60"], OLD["PC_THCS"]

    def vr(ind, value, num=None, den=None, reported=1, expected=1, derived=False):
        return A.ValueRow(ind.code, None, "c", "2014", num, den, value, ind.targets[2015], None,
                          units_reported=reported, units_expected=expected, derived=derived)
    communes = [{("XMC_15_60", None): vr(xmc, 50.0, 10, 20), ("PC_THCS", None): vr(flag, 1.0)},
                {("XMC_15_60", None): vr(xmc, None, reported=0), ("PC_THCS", None): vr(flag, 0.0)},
                # a commune whose figure is already a share of its former communes (2 of 3 reached it)
                {("XMC_15_60", None): vr(xmc, 75.0, 30, 40), ("PC_THCS", None): vr(flag, 50.0, 1, 2, 2, 3, True)}]
    got = A.group_rows([xmc, flag], communes, "G", P2014)
    rate_ = got[("XMC_15_60", None)]
    assert (rate_.numerator, rate_.denominator, rate_.units_reported, rate_.units_expected) == (40, 60, 2, 3)
    assert rate_.met is False and rate_.unit == "G"
    own_flags = A.group_rows([flag], communes[:2], "G", P2014)[("PC_THCS", None)]
    assert (own_flags.numerator, own_flags.denominator, own_flags.value) == (1, 2, 50.0)
    assert got[("PC_THCS", None)].derived


# ---- the engine over the database ---------------------------------------------------------------

def test_one_unit_and_many_units_come_from_the_same_engine(db):
    """compute_values is the bulk form asked for one unit: the same figures for a district, its
    communes and the province, whichever way they are asked for."""
    codes = communes_of(db, "610")[:3]
    for n, c in enumerate(codes):
        save(db, c, "2014", Entry("XMC_15_60", None, 10 + n, 20), Entry("PC_THCS", None, value=n % 2))
    save(db, "610", "2014", Entry("PC_THCS", None, value=1))
    ids = [unit(db, c).id for c in (*codes, "610", "62")]
    many = unit_values(db, ids, "2014")
    district = {(r.indicator, r.breakdown): r for r in many[unit(db, "610").id]}
    assert (district[("XMC_15_60", None)].numerator, district[("XMC_15_60", None)].denominator) == (33, 60)
    assert district[("PC_THCS", None)].own_value == 1.0
    province = {(r.indicator, r.breakdown): r for r in many[unit(db, "62").id]}
    assert (province[("PC_THCS", None)].numerator, province[("PC_THCS", None)].denominator) == (1, 3)
    for uid in ids:
        assert [r.as_json() for r in compute_values(db, uid, "2014")] == [r.as_json() for r in many[uid]]


def test_communes_count_under_the_district_of_the_time(db):
    """Ia communes moved from district 616 to 618 in 2015: each period counts them where they were."""
    save(db, "23535", "2014", Entry("XMC_15_60", None, 10, 20))
    save(db, "23535", "2016", Entry("XMC_15_60", None, 15, 20))
    for period, district, other in (("2014", "616", "618"), ("2016", "618", "616")):
        got = R.bulk_values(db, unit(db, "62", "2014").id, period)
        here = next(r for r in got[unit(db, district, period).id] if r.indicator == "XMC_15_60" and not r.breakdown)
        assert here.numerator == (10 if period == "2014" else 15)
        there = unit(db, other, period)
        if there.id in got:
            assert next(r for r in got[there.id] if r.indicator == "XMC_15_60" and not r.breakdown).numerator is None


def test_trend_targets_come_from_last_year_over_the_units_below_then(db):
    save(db, "610", "2014", Entry("CN_TIN_NGOAI_NGU", None, 40, 100))
    save(db, "610", "2015", Entry("CN_TIN_NGOAI_NGU", None, 45, 100))
    got = R.bulk_values(db, unit(db, "62").id, "2015")
    dist = next(r for r in got[unit(db, "610").id] if r.indicator == "CN_TIN_NGOAI_NGU" and r.breakdown is None)
    assert (dist.target, dist.met) == (pytest.approx(40.0), True)
    prov = next(r for r in compute_values(db, unit(db, "62").id, "2015")
                if r.indicator == "CN_TIN_NGOAI_NGU" and r.breakdown is None)
    assert (prov.value, prov.target, prov.met) == (pytest.approx(45.0), pytest.approx(40.0), True)


def test_the_rules_are_pure():
    """domain.aggregation imports nothing of the database layer and runs no SQL."""
    import ast
    from pathlib import Path

    source = Path(A.__file__).read_text(encoding="utf-8")
    imported = [n.module or "" for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m.startswith(("xhht_desktop.db", "sqlite", "xhht_desktop.reports"))]
    assert "SELECT" not in source and ".execute(" not in source
