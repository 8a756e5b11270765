"""The opener process works out the figures' rules for a package alone (merge_read._Prepared.figures),
and planning takes that answer only while it is the same question (merge_plan._still_holds): nothing
stored for the unit in those periods, every figure applied, the same level, day and catalogues.
Whatever the package holds, the decision is the one planning makes without it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.core.test_sync_fixtures import C44, PEK, confirm_all, department, sender
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import merge, merge_common, merge_plan, merge_read, package


@pytest.fixture
def sites(tmp_path, monkeypatch):
    """The Department with Đắk Pék's 2014-H1 figures stored and confirmed; 23344 new."""
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    c44 = sender(tmp_path, dept, "commune", C44)
    pek.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    merge.merge_files(dept.db, [pek.export(tmp_path / "first")])
    confirm_all(dept)
    monkeypatch.setattr(merge_read, "_PROCESS_BATCH", None)  # set by _ReadState.install below
    yield dept, pek, c44
    for s in (dept, pek, c44):
        s.close()


def _plan(dept, path, *, ahead: bool, edit=None):
    """decide() on a package: with the opener process's preparation (`ahead`) or planning's own."""
    batch = merge_common._start(dept.db, True, None)
    data = path.read_bytes()
    opened = package.open_package(data, batch.identities, batch.own_fingerprints, batch.specs)
    if ahead:
        merge_read._ReadState.install(merge_read._ReadState.of(batch))  # what the spawned helper holds
        prepared = merge_read._prepare(merge_read._PROCESS_BATCH, opened)
        if edit is not None:
            prepared.figures = edit(prepared.figures)
    else:
        prepared = merge_read._prepare(batch, opened)
        assert prepared.figures is None  # the thread's batch has no catalogues: planning works it out
    result = merge_common.PackageResult(file=path.name)
    merge_common._describe(result, opened)
    decision = merge_plan.decide(batch, result, opened, data, False, prepared)
    return result, decision, prepared


def _said(result, decision):
    texts = lambda xs: [(getattr(x, "code", None), str(x)) for x in xs]  # noqa: E731
    plan = decision.plan
    return (result.status, result.code, str(result.reason), texts(result.problems), texts(result.warnings),
            None if plan is None else (texts(plan.errors), texts(plan.warnings), plan.counts))


def _break(site, period: str, sql: str) -> None:
    site.db.conn.execute(sql, (period,))  # slipped past the sender's checks
    site.db.conn.commit()


CASES = {
    "sound": None,
    "numerator_above_denominator": "UPDATE indicator_values SET numerator=denominator+7 WHERE period=?",
    "negative": "UPDATE indicator_values SET numerator=-5 WHERE period=? AND breakdown=''",
    "breakdown_above_total": "UPDATE indicator_values SET numerator=130, denominator=190 WHERE period=? "
                             "AND breakdown='nu'",
    "value_on_a_rate": "UPDATE indicator_values SET value=3 WHERE period=?",
    "control_character": "UPDATE indicator_values SET comment='a' || char(7) || 'b' WHERE period=?",
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("who", ["new_unit", "stored_other_period", "stored_same_period"])
def test_the_decision_is_the_same_with_the_opener_s_answer(sites, tmp_path, case, who):
    dept, pek, c44 = sites
    site, period = {"new_unit": (c44, "2014-H1"), "stored_other_period": (pek, "2015-H1"),
                    "stored_same_period": (pek, "2014-H1")}[who]
    site.save(period, Entry("XMC_15_60", None, 120, 200), Entry("XMC_15_60", "nu", 50, 90),
              Entry("XMC_15_35", None, 30, 40))
    if CASES[case]:
        _break(site, period, CASES[case])
    path = site.export(tmp_path / f"{who}-{case}")
    result_a, decision_a, prepared = _plan(dept, path, ahead=True)
    result_p, decision_p, _ = _plan(dept, path, ahead=False)
    assert _said(result_a, decision_a) == _said(result_p, decision_p)
    assert prepared.figures is not None
    assert (case == "sound") == (not result_p.problems)  # 23344 is new here: held, with its problems


def test_the_opener_s_answer_is_taken_only_while_it_is_the_same_question(sites, tmp_path, monkeypatch):
    dept, pek, c44 = sites
    c44.save("2014-H1", Entry("XMC_15_60", None, 120, 200))
    pek.save("2014-H1", Entry("XMC_15_60", None, 130, 200))
    planted = lambda f: dataclasses.replace(f, errors=["planted"])  # noqa: E731 - shows whose answer is used
    # Nothing stored for 23344 (new here: held, with the problems found): the opener's answer is taken.
    new_unit = c44.export(tmp_path / "a")
    result, _d, _p = _plan(dept, new_unit, ahead=True, edit=planted)
    assert result.status == "held" and result.problems == ["planted"]
    # Đắk Pék's 2014-H1 is stored: planning works it out again (the package is sound).
    result, _d, _p = _plan(dept, pek.export(tmp_path / "b"), ahead=True, edit=planted)
    assert result.status == "imported" and result.problems == []
    # Another day, another level or another catalogue: worked out again.
    for edit in (lambda f: dataclasses.replace(f, errors=["planted"], today=f.today - dt.timedelta(days=1)),
                 lambda f: dataclasses.replace(f, errors=["planted"], level="huyen"),
                 lambda f: dataclasses.replace(f, errors=["planted"],
                                               versions=tuple((p, v + "+other") for p, v in f.versions)),
                 lambda f: dataclasses.replace(f, errors=["planted"], rows=f.rows + 1)):
        result, _d, _p = _plan(dept, new_unit, ahead=True, edit=edit)
        assert result.problems == [] and result.status == "held"


def test_a_merge_through_the_helper_process_refuses_a_broken_first_package(sites, tmp_path, monkeypatch):
    dept, _pek, c44 = sites
    monkeypatch.setattr(merge, "OPEN_IN_PROCESS_FROM", 1)
    c44.save("2014-H1", Entry("XMC_15_60", None, 120, 200))
    _break(c44, "2014-H1", CASES["numerator_above_denominator"])
    report = merge.merge_files(dept.db, [c44.export(tmp_path / "x")])
    (p,) = report.packages
    assert p.status == "held" and p.problems and "XMC_15_60" in p.problems[0]
