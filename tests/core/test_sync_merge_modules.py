"""The merge's parts, each on its own (merge.py runs them in order): reading opens and checks a
package without the database, planning decides what it does without writing, writing applies that
decision - and a group keeps its records until its sorted write."""

from __future__ import annotations

import pytest

from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import merge, merge_common, merge_plan, merge_read, merge_write
from xhht_desktop.sync.package import OpenedPackage


@pytest.fixture
def two(tmp_path):
    """The Department and Đắk Pék, confirmed after a first package; Đắk Pék has saved a second."""
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    merge.merge_files(dept.db, [site.export(tmp_path / "first")])
    confirm_all(dept)
    site.save("2014-H1", Entry("XMC_15_60", None, 150, 200))
    yield dept, site, site.export(tmp_path / "second")
    for s in (dept, site):
        s.close()


def _snapshot(db) -> list:
    conn = db.conn
    return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("indicator_values", "period_status", "history", "sync_imports", "sync_installations",
                      "sync_held")]


def test_reading_opens_a_package_without_the_database_and_refuses_a_broken_one(two, tmp_path):
    dept, _site, path = two
    batch = merge_common._start(dept.db, False, None)
    before = dept.db.conn.total_changes
    broken = tmp_path / "broken.xhht"
    broken.write_bytes(path.read_bytes()[:-40])
    opener = merge_read.Opener(batch, [("good", path), ("broken", broken), ("gone", tmp_path / "none.xhht")], 2)
    good, bad, gone = opener.next(), opener.next(), opener.next()
    assert opener.next() is None
    opener.close()

    assert isinstance(good[2], OpenedPackage) and isinstance(good[3], merge_read._Prepared)
    cols = batch.specs["indicator_values"].columns
    assert [dict(zip(cols, r))["numerator"] for r in good[2].tables["indicator_values"]] == [150]
    assert isinstance(bad[2], merge_common.PackageResult) and bad[2].status == merge_common.REJECTED
    assert gone[2].code == "unreadable"
    assert dept.db.conn.total_changes == before  # nothing read from a package touched the database


def test_planning_decides_without_writing(two):
    dept, _site, path = two
    batch = merge_common._start(dept.db, False, None)
    _name, data, opened, prepared = merge_read.Opener(batch, [("second", path)], 1).next()
    before = _snapshot(dept.db)
    result = merge_common.PackageResult(file="second")

    decision = merge_plan.decide(batch, result, opened, data, False, prepared)

    assert decision.kind == "import"
    assert result.status == merge_common.IMPORTED
    assert decision.plan.counts["updated"] == 1
    old_new = [(h[2], h[3], h[4]) for h in decision.plan.history]
    assert ("numerator", "100", "150") in old_new  # history answers old -> new
    assert decision.import_record["package_uuid"] == opened.package_uuid
    assert _snapshot(dept.db) == before  # nothing written while planning

    again = merge_common.PackageResult(file="second")
    assert merge_plan.decide(batch, again, opened, data, False, prepared).kind == "none"
    assert again.status == merge_common.DUPLICATE  # the batch remembers what it decided to import


def test_writing_applies_the_decision_and_a_group_waits_for_its_sorted_write(two):
    dept, _site, path = two
    batch = merge_common._start(dept.db, False, None)
    _name, data, opened, prepared = merge_read.Opener(batch, [("second", path)], 1).next()
    result = merge_common.PackageResult(file="second")
    decision = merge_plan.decide(batch, result, opened, data, False, prepared)
    conn = dept.db.conn
    numerator = "SELECT numerator FROM indicator_values WHERE indicator='XMC_15_60' AND breakdown=''"
    group = merge_write._Group(batch, apply_one=None, merge_one=None, commit_every_seconds=60, max_rows=10**6,
                               max_packages=10, max_bytes=10**9)
    group.begin()

    merge_write.apply(batch, opened, decision, group)

    assert conn.execute(numerator).fetchone() == (100,)  # deferred to the group's write
    assert conn.execute("SELECT COUNT(*) FROM sync_imports WHERE package_uuid=?",
                        (opened.package_uuid,)).fetchone() == (1,)  # bookkeeping written at once
    group.commit(merge_common.MergeReport())
    assert conn.execute(numerator).fetchone() == (150,)
    assert conn.execute("SELECT old_value, new_value, source FROM history WHERE field='numerator' "
                        "ORDER BY id DESC LIMIT 1").fetchone() == ("100", "150", f"sync:{opened.package_uuid}")


def test_a_group_writes_what_waits_once_enough_rows_wait_and_commits_it_whole(two):
    dept, _site, path = two
    batch = merge_common._start(dept.db, False, None)
    _name, data, opened, prepared = merge_read.Opener(batch, [("second", path)], 1).next()
    decision = merge_plan.decide(batch, merge_common.PackageResult(file="second"), opened, data, False, prepared)
    conn = dept.db.conn
    numerator = "SELECT numerator FROM indicator_values WHERE indicator='XMC_15_60' AND breakdown=''"
    group = merge_write._Group(batch, apply_one=None, merge_one=None, commit_every_seconds=60, max_rows=10**6,
                               max_packages=10, max_bytes=10**9, flush_rows=1)
    group.begin()
    merge_write.apply(batch, opened, decision, group)

    group.flush_if_full(merge_common.MergeReport())

    assert conn.execute(numerator).fetchone() == (150,)  # written into the open transaction
    assert conn.in_transaction and group.waiting == 0
    conn.execute("ROLLBACK")  # nothing was committed: the group stays whole or absent
    assert conn.execute(numerator).fetchone() == (100,)
