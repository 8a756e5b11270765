"""Issue 15: a large batch is planned in the helper process that opens it (merge_plan.AheadPlanner),
against the database as last committed, while the merge's thread writes. A plan made there is taken
only when it is the plan the merge would make: never for a package that shares what its planning
reads with an earlier package of the batch, never after another program committed meanwhile."""

from __future__ import annotations

import gc
import sqlite3

import pytest
import sqlite_utils

from tests.core.test_sync_fixtures import C44, C47, PEK, confirm_all, department, figure, sender, statuses
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import open_app_database
from xhht_desktop.sync import merge, merge_common, merge_plan, merge_read, merge_write
from xhht_desktop.sync.package import open_package


@pytest.fixture
def three(tmp_path):
    dept = department(tmp_path)
    sites = {code: sender(tmp_path, dept, "commune", code) for code in (PEK, C44, C47)}
    for site in sites.values():
        site.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
        merge.merge_files(dept.db, [site.export(tmp_path / "first")])
    confirm_all(dept)
    yield dept, sites
    for s in [dept, *sites.values()]:
        s.close()


class _Taken(list):
    light: list[bool]


@pytest.fixture
def adopted(monkeypatch):
    """Every batch opened and planned in the helper process; the packages whose plan the merge took."""
    monkeypatch.setattr(merge, "OPEN_IN_PROCESS_FROM", 1)
    monkeypatch.setattr(merge_read.Opener, "PLAN_WHEN_AHEAD", 0)
    taken = _Taken()
    real = merge_plan.Planned.adopt

    def adopt(self, batch, result):
        taken.append(self.result.unit_code)
        taken.light = [*getattr(taken, "light", []), self.light]
        return real(self, batch, result)

    monkeypatch.setattr(merge_plan.Planned, "adopt", adopt)
    return taken


def _second_round(sites, tmp_path, numerator=150):
    for site in sites.values():
        site.save("2014-H1", Entry("XMC_15_60", None, numerator, 200))
    return [sites[code].export(tmp_path / "second") for code in (PEK, C44, C47)]


def test_plans_made_in_the_helper_are_taken_and_give_what_the_merge_would(three, tmp_path, adopted):
    dept, sites = three
    report = merge.merge_files(dept.db, _second_round(sites, tmp_path))
    assert statuses(report) == ["imported"] * 3
    assert adopted == [PEK, C44, C47]
    assert [p.counts["updated"] for p in report.packages] == [1, 1, 1]
    for code in (PEK, C44, C47):
        assert figure(dept, code, "2014-H1", "XMC_15_60") == (150, 200, None)


def test_a_package_of_a_unit_an_earlier_package_of_the_batch_wrote_is_planned_by_the_merge(three, tmp_path,
                                                                                          adopted):
    dept, sites = three
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 120, 200))
    first = pek.export(tmp_path / "second")
    pek.save("2014-H1", Entry("XMC_15_60", None, 140, 200))
    second = pek.export(tmp_path / "second")
    report = merge.merge_files(dept.db, [first, second])
    # Planned against the committed database, the second would have been "updated" from 100 with
    # revision 1 as its predecessor; planned by the merge it follows the first.
    assert statuses(report) == ["imported", "imported"]
    assert adopted == [PEK]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (140, 200, None)


@pytest.mark.parametrize("window_rows", [3, 50_000])
def test_a_package_the_merge_plans_itself_sees_the_records_waiting_in_the_window(three, tmp_path, adopted,
                                                                              monkeypatch, window_rows):
    """The helper plans PEK's first package, C44's and C47's; their records wait in the window (with
    windows of 3 rows, each package fills one and it is written). PEK's second package follows its
    first, so the merge plans it itself: it must be judged against the first's figure, written from
    the window before it is planned - an update - not against what the database held before the
    batch, which would make it a conflict with the first or a lost change."""
    dept, sites = three
    monkeypatch.setattr(merge, "PLANNED_WINDOW_ROWS", window_rows)
    pek = sites[PEK]
    pek.save("2014-H1", Entry("XMC_15_60", None, 120, 200))
    first = pek.export(tmp_path / "second")
    others = []
    for code in (C44, C47):
        sites[code].save("2014-H1", Entry("XMC_15_60", None, 130, 200))
        others.append(sites[code].export(tmp_path / "second"))
    pek.save("2014-H1", Entry("XMC_15_60", None, 140, 200))
    second = pek.export(tmp_path / "second")
    report = merge.merge_files(dept.db, [first, *others, second])
    assert statuses(report) == ["imported"] * 4
    assert adopted == [PEK, C44, C47]
    assert [p.counts["updated"] for p in report.packages] == [1, 1, 1, 1]
    assert [p.counts["conflicts"] for p in report.packages] == [0, 0, 0, 0]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (140, 200, None)
    assert figure(dept, C44, "2014-H1", "XMC_15_60") == (130, 200, None)
    assert figure(dept, C47, "2014-H1", "XMC_15_60") == (130, 200, None)
    # Each change is in the history once, in the packages' order.
    rows = dept.db.conn.execute("SELECT new_value FROM history WHERE field='numerator' AND source LIKE 'sync:%' "
                                "ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["120", "130", "130", "140"]


def test_another_programs_commit_between_two_groups_makes_the_merge_plan_the_rest(three, tmp_path, adopted,
                                                                                 monkeypatch):
    """The helper planned all three packages at once, before anything was written. After the first
    group another program revokes C47's key: the merge sees the commit (PRAGMA data_version) and
    plans the rest itself, so C47's package is refused as a revoked key's, not imported as planned."""
    dept, sites = three
    files = _second_round(sites, tmp_path)
    monkeypatch.setattr(merge, "GROUP_MAX_PACKAGES", 1)
    real_begin = merge_write._Group.begin
    begun = []

    def begin(self):
        begun.append(1)
        if len(begun) == 2:  # between the first group's commit and the second group
            other = open_app_database(dept.path)
            merge.revoke_installation(other, sites[C47].fingerprint, actor="Một chương trình khác")
            other.conn.close()
        real_begin(self)

    monkeypatch.setattr(merge_write._Group, "begin", begin)
    report = merge.merge_files(dept.db, files)
    assert statuses(report) == ["imported", "imported", "rejected"]
    assert report.packages[2].code == "revoked"
    assert adopted == [PEK]  # C44's plan was right, but no plan is taken after an outside commit
    assert figure(dept, C47, "2014-H1", "XMC_15_60") == (100, 200, None)


def test_the_planner_defers_a_package_sharing_a_unit_key_installation_or_chosen_record(three, tmp_path):
    """AheadPlanner on its own, in this process, on a read-only connection: what it plans and what it
    leaves to the merge."""
    dept, sites = three
    pek, c44 = sites[PEK], sites[C44]
    pek.save("2014-H1", Entry("XMC_15_60", None, 120, 200))
    a = pek.export(tmp_path / "x")
    pek.save("2014-H1", Entry("XMC_15_60", None, 130, 200))
    b = pek.export(tmp_path / "x")  # same unit, key and installation as `a`
    c44.save("2014-H1", Entry("XMC_15_60", None, 110, 200))
    c = c44.export(tmp_path / "x")
    batch = merge_common._start(dept.db, False, None)
    conn = sqlite3.connect(dept.path, isolation_level=None)
    conn.execute("PRAGMA query_only=ON")
    ro = sqlite_utils.Database(conn)
    planner = merge_plan.AheadPlanner(merge_common._Batch(
        db=ro, identities=batch.identities, own_fingerprints=batch.own_fingerprints, specs=batch.specs,
        actor="", origin="", dry_run=False, units=batch.units, now=batch.now))
    plans = []
    for path in (a, b, c):
        data = path.read_bytes()
        opened = open_package(data, batch.identities, batch.own_fingerprints, batch.specs)
        plans.append(planner.plan(path.name, data, opened, None))
    assert [p is not None for p in plans] == [True, False, True]
    assert (planner.planned, planner.deferred) == (2, 1)
    assert plans[0].decision.kind == "import" and plans[0].result.status == "imported"
    assert plans[0].decision.plan.counts["updated"] == 1
    # Nothing was written by planning: the database still holds the first round.
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM sync_imports")  # the planner's connection cannot write
    conn.close()
    assert merge_plan.dependencies(batch, opened) >= {("unit", opened.unit_key), ("key", opened.fingerprint)}


def test_a_dry_run_is_never_planned_ahead(three, tmp_path, adopted):
    dept, sites = three
    report = merge.merge_files(dept.db, _second_round(sites, tmp_path), dry_run=True)
    assert statuses(report) == ["imported"] * 3
    assert adopted == []
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (100, 200, None)


def test_a_package_answering_a_correction_request_keeps_its_rows_and_closes_it(three, tmp_path, adopted):
    """A plan is sent without the package's rows (the merge writes from the plan), except for a unit
    with an open correction request: closing it reads the figures the package brings."""
    from xhht_desktop.sync import corrections
    dept, sites = three
    corrections.request_correction(dept.db, PEK, "2014-H1", "Kiểm tra lại tỷ lệ", indicator="XMC_15_60",
                                   now="2014-07-01T08:00:00+07:00")
    report = merge.merge_files(dept.db, _second_round(sites, tmp_path))
    assert statuses(report) == ["imported"] * 3
    assert adopted == [PEK, C44, C47] and adopted.light == [False, True, True]
    (request,) = corrections.list_requests(dept.db)
    assert (request["status"], request["closed_how"]) == ("closed", "figure")
    for code in (PEK, C44, C47):
        assert figure(dept, code, "2014-H1", "XMC_15_60") == (150, 200, None)


def test_the_merge_leaves_no_broken_reference_and_foreign_keys_checked_again(three, tmp_path, adopted,
                                                                              monkeypatch):
    """SQLite does not check the merge's own writes against their parents (merge.CHECK_FOREIGN_KEYS:
    the merge guarantees them); what it wrote must still hold every reference, and the connection
    checks them again afterwards, even when the merge stops on a storage error. Python's collection
    of old objects, made rarer while merging (merge.GC_FULL_EVERY), is back as it was either way."""
    from xhht_desktop.clc import repository as clc
    from xhht_desktop.sync import repo
    from tests.core.test_sync_merge_groups import TODAY, _activity, _who
    dept, sites = three
    for code, site in sites.items():
        clc.add_activity(site.db, site.unit_id, _activity(f"Hoạt động của {code}"), today=TODAY, **_who(site))
    thresholds = gc.get_threshold()
    during = []
    real_flush = merge_write._Group.flush_if_full
    monkeypatch.setattr(merge_write._Group, "flush_if_full",
                        lambda self, report: (during.append(gc.get_threshold()), real_flush(self, report))[1])
    report = merge.merge_files(dept.db, _second_round(sites, tmp_path))
    assert during and all(t[2] >= merge.GC_FULL_EVERY for t in during)
    assert gc.get_threshold() == thresholds
    assert statuses(report) == ["imported"] * 3
    conn = dept.db.conn
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM clc_activities").fetchone() == (3,)

    def disk_full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(repo, "insert_import", disk_full)
    with pytest.raises(sqlite3.OperationalError):
        merge.merge_files(dept.db, _second_round(sites, tmp_path, numerator=160))
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert not conn.in_transaction
    assert gc.get_threshold() == thresholds
