"""The merge applies packages in groups (one transaction for many packages, no savepoint each):
every package must still be whole or absent, whatever fails and wherever the group boundaries fall."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tests.core.test_sync_fixtures import C44, C47, PEK, confirm_all, department, figure, sender, statuses
from xhht_desktop.clc import repository as clc
from xhht_desktop.clc.domain import Activity
from xhht_desktop.db import history
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import merge, merge_read, repo

TODAY = dt.date(2014, 7, 1)


def _activity(title: str) -> Activity:
    return Activity(date=dt.date(2014, 5, 10), title=title, category="agri_tech", format="talk", sessions=1,
                    visits=30, women=12, partner="Trạm khuyến nông")


def _who(site) -> dict:
    return {"actor": site.inst.actor, "origin": site.inst.installation_id}


@pytest.fixture
def three(tmp_path):
    """The Department and three communes, each known and confirmed after a first package."""
    dept = department(tmp_path)
    sites = {code: sender(tmp_path, dept, "commune", code) for code in (PEK, C44, C47)}
    first = tmp_path / "first"
    for code, site in sites.items():
        site.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
        merge.merge_files(dept.db, [site.export(first)])
    confirm_all(dept)
    yield dept, sites
    for s in [dept, *sites.values()]:
        s.close()


SHIPPED_THRESHOLDS = (merge.SORTED_WRITE_FROM_PACKAGES, merge.SORTED_WRITE_FROM_BYTES)


@pytest.fixture(params=["sorted", "at_once", "ahead"], autouse=True)
def write_mode(request, monkeypatch):
    """Every test here runs each way a group writes its records: waiting for one sorted write (a big
    batch into a big database), written as each package is planned (every other batch), and - as a
    large batch - planned in the helper process that opens the packages, their records written
    together per window (merge_plan.AheadPlanner, merge_write._Window; here every package of every
    batch, whatever the batch's size or how far ahead the helper is)."""
    if request.param == "sorted":
        monkeypatch.setattr(merge, "SORTED_WRITE_FROM_PACKAGES", 1)
        monkeypatch.setattr(merge, "SORTED_WRITE_FROM_BYTES", 0)
    elif request.param == "ahead":
        monkeypatch.setattr(merge, "OPEN_IN_PROCESS_FROM", 1)
        monkeypatch.setattr(merge_read.Opener, "PLAN_WHEN_AHEAD", 0)
    return request.param


def _contents(dept) -> dict:
    conn = dept.db.conn
    return {
        "activities": conn.execute("SELECT uuid, unit_id, title, deleted FROM clc_activities ORDER BY uuid").fetchall(),
        "figures": conn.execute("SELECT uuid, numerator, revision FROM indicator_values ORDER BY uuid").fetchall(),
        "imports": conn.execute("SELECT package_uuid FROM sync_imports ORDER BY package_uuid").fetchall(),
        "history": conn.execute("SELECT record_uuid, field, new_value, source FROM history ORDER BY id").fetchall(),
    }


@pytest.mark.parametrize("group_size", [1, 2, 1000])
def test_a_package_the_database_refuses_is_rejected_alone_and_leaves_nothing(three, tmp_path, monkeypatch,
                                                                             group_size):
    dept, sites = three
    monkeypatch.setattr(merge, "GROUP_MAX_PACKAGES", group_size)
    for code, site in sites.items():
        site.save("2014-H1", Entry("XMC_15_60", None, 150, 200))
        clc.add_activity(site.db, site.unit_id, _activity(f"Hoạt động của {code}"), today=TODAY, **_who(site))
    # C44 deletes an activity whose stored session count is impossible (slipped past its own checks):
    # the tombstone is not validated as a live activity, so only the Department's table constraint
    # (sessions >= 0) refuses it - while the package's records are being written.
    bad = clc.add_activity(sites[C44].db, sites[C44].unit_id, _activity("Sai số buổi"), today=TODAY, **_who(sites[C44]))
    clc.delete_activity(sites[C44].db, bad.uuid, **_who(sites[C44]))
    sites[C44].db.conn.execute("PRAGMA ignore_check_constraints=ON")
    sites[C44].db.conn.execute("UPDATE clc_activities SET sessions=-1 WHERE uuid=?", (bad.uuid,))
    sites[C44].db.conn.commit()
    out = tmp_path / "second"
    files = [sites[code].export(out) for code in (PEK, C44, C47)]
    files.insert(1, files[0])  # the same file twice in one batch: the second time a duplicate

    report = merge.merge_files(dept.db, files)

    assert statuses(report) == ["imported", "duplicate", "rejected", "imported"]
    assert report.packages[2].code == "write_failed"
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (150, 200, None)
    assert figure(dept, C47, "2014-H1", "XMC_15_60") == (150, 200, None)
    assert figure(dept, C44, "2014-H1", "XMC_15_60") == (100, 200, None)  # nothing of the refused package
    titles = {r[0] for r in dept.db.conn.execute("SELECT title FROM clc_activities")}
    assert titles == {f"Hoạt động của {PEK}", f"Hoạt động của {C47}"}
    rejected_uuid = report.packages[2].package_uuid
    assert not repo.is_imported(dept.db, rejected_uuid)
    assert dept.db.conn.execute("SELECT COUNT(*) FROM history WHERE source=?",
                                (f"sync:{rejected_uuid}",)).fetchone() == (0,)
    # Merging the same files again changes nothing and says so.
    before = _contents(dept)
    again = merge.merge_files(dept.db, files)
    assert statuses(again) == ["duplicate", "duplicate", "rejected", "duplicate"]
    assert _contents(dept) == before
    # The records that waited for the group's write (temporary tables) leave nothing behind.
    assert dept.db.conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []


def test_a_package_cannot_take_over_a_record_another_package_of_the_same_batch_brought(three, tmp_path):
    dept, sites = three
    a = clc.add_activity(sites[PEK].db, sites[PEK].unit_id, _activity("Của Đắk Pék"), today=TODAY,
                         **_who(sites[PEK]))
    # C44's laptop sends an activity under Đắk Pék's record id (a copied database, or forged).
    clc.add_activity(sites[C44].db, sites[C44].unit_id, _activity("Mượn mã"), today=TODAY,
                     record_uuid=a.uuid, **_who(sites[C44]))
    out = tmp_path / "second"
    files = [sites[PEK].export(out), sites[C44].export(out)]
    report = merge.merge_files(dept.db, files)  # both in one group
    assert statuses(report) == ["imported", "rejected"]
    assert report.packages[1].code == "invalid_figures"
    assert dept.db.conn.execute("SELECT title, unit_id FROM clc_activities WHERE uuid=?", (a.uuid,)).fetchone() \
        == ("Của Đắk Pék", sites[PEK].unit_id)


def test_a_storage_error_undoes_the_group_under_way_and_keeps_those_committed(three, tmp_path, monkeypatch):
    dept, sites = three
    monkeypatch.setattr(merge, "GROUP_MAX_PACKAGES", 2)
    out = tmp_path / "second"
    for site in sites.values():
        site.save("2014-H1", Entry("XMC_15_60", None, 160, 200))
    files = [sites[code].export(out) for code in (PEK, C44, C47)]
    real_insert_import = repo.insert_import
    calls = []

    def disk_full_on_the_third(db, record, periods):
        calls.append(record["package_uuid"])
        real_insert_import(db, record, periods)
        if len(calls) == 3:
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(repo, "insert_import", disk_full_on_the_third)
    with pytest.raises(sqlite3.OperationalError):
        merge.merge_files(dept.db, files)
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (160, 200, None)
    assert figure(dept, C44, "2014-H1", "XMC_15_60") == (160, 200, None)
    assert figure(dept, C47, "2014-H1", "XMC_15_60") == (100, 200, None)
    assert not repo.is_imported(dept.db, calls[2])
    assert not dept.db.conn.in_transaction
    assert dept.db.conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []
    monkeypatch.setattr(repo, "insert_import", real_insert_import)
    assert statuses(merge.merge_files(dept.db, files)) == ["duplicate", "duplicate", "imported"]
    assert figure(dept, C47, "2014-H1", "XMC_15_60") == (160, 200, None)


def test_two_packages_of_one_unit_in_one_batch_keep_the_history_chain(three, tmp_path):
    dept, sites = three
    pek = sites[PEK]
    out = tmp_path / "second"
    pek.save("2014-H1", Entry("XMC_15_60", None, 120, 200))
    first = pek.export(out)
    pek.save("2014-H1", Entry("XMC_15_60", None, 140, 200))
    second = pek.export(out)
    report = merge.merge_files(dept.db, [first, second])  # one group: the second sees the first
    assert statuses(report) == ["imported", "imported"]
    assert [p.counts["updated"] for p in report.packages] == [1, 1]
    assert figure(dept, PEK, "2014-H1", "XMC_15_60") == (140, 200, None)
    uuid_ = dept.db.conn.execute("SELECT uuid FROM indicator_values WHERE numerator=140").fetchone()[0]
    rows = history.record_rows(dept.db, "indicator_values", uuid_, ("field", "old_value", "new_value", "revision",
                                                                    "source"))
    chain = [r[1:4] for r in rows if r[0] == "numerator" and r[4].startswith("sync:")]
    assert chain == [(None, "100", 1), ("100", "120", 2), ("120", "140", 3)]


@pytest.mark.parametrize("chunk", [1, 2, 3, 4096])
def test_the_group_write_in_chunks_writes_every_waiting_record_once(three, tmp_path, monkeypatch, chunk,
                                                                    write_mode):
    """The records waiting for the group's write are written in UUID order, a few thousand per
    statement: whatever the chunk, every record lands once, with its arrival pointer. (Written at
    once, nothing waits: the chunk plays no part, one run of it is enough.)"""
    from xhht_desktop.sync import merge_write
    if write_mode != "sorted" and chunk != 4096:
        pytest.skip("written at once: no chunks")
    dept, sites = three
    monkeypatch.setattr(merge_write._Waiting, "CHUNK", chunk)
    out = tmp_path / "second"
    for n, (code, site) in enumerate(sites.items()):
        site.save("2014-H1", Entry("XMC_15_60", None, 150 + n, 200))
        for k in range(3):
            clc.add_activity(site.db, site.unit_id, _activity(f"Hoạt động {k} của {code}"), today=TODAY, **_who(site))
    files = [sites[code].export(out) for code in (PEK, C44, C47)]

    report = merge.merge_files(dept.db, files)

    assert statuses(report) == ["imported"] * 3
    for n, code in enumerate((PEK, C44, C47)):
        assert figure(dept, code, "2014-H1", "XMC_15_60") == (150 + n, 200, None)
    rows = dept.db.conn.execute("SELECT title, arrival_id FROM clc_activities ORDER BY title").fetchall()
    assert [t for t, _a in rows] == sorted(f"Hoạt động {k} của {code}" for code in (PEK, C44, C47) for k in range(3))
    assert all(a is not None for _t, a in rows)  # each new activity points at its arrival history
    assert dept.db.conn.execute("SELECT name FROM sqlite_temp_master").fetchall() == []


def test_the_merge_says_it_is_writing_and_finishing_after_its_last_package(three, tmp_path, monkeypatch, write_mode):
    """At national scale the records wait for one write after the last package (tens of seconds): the
    progress says so, in the core's codes (the window words them in its language)."""
    from xhht_desktop.messages import Text, words
    from xhht_desktop.sync import merge_write
    dept, sites = three
    monkeypatch.setattr(merge_write._Waiting, "CHUNK", 1)
    out = tmp_path / "second"
    for n, site in enumerate(sites.values()):
        site.save("2014-H1", Entry("XMC_15_60", None, 150 + n, 200))
    files = [site.export(out) for site in sites.values()]
    seen = []
    merge.merge_files(dept.db, files, progress=lambda d, t, text: seen.append((d, t, text)))
    writing = [s for s in seen if isinstance(s[2], Text) and s[2].code == "merge.writing"]
    if write_mode == "sorted":
        assert writing and all(d == t == 3 for d, t, _ in writing)  # after the last package
        assert words(writing[-1][2], "en").startswith("Writing ")
    else:
        assert not writing  # each package was written as it came: nothing left to write
        assert [(d, t) for d, t, _s in seen[:-1]] == [(1, 3), (2, 3), (3, 3)]
    assert isinstance(seen[-1][2], Text) and seen[-1][2].code == "merge.finishing"
    assert str(seen[-1][2]).startswith("Đang hoàn tất")


def test_only_a_big_batch_into_a_big_database_waits_for_the_sorted_write(three, monkeypatch):
    """A province's round is written as each package is planned; the sorted write (each index page
    changed once) is for thousands of packages into a database of gigabytes."""
    dept, _sites = three
    monkeypatch.setattr(merge, "SORTED_WRITE_FROM_PACKAGES", SHIPPED_THRESHOLDS[0])  # not the fixture's
    monkeypatch.setattr(merge, "SORTED_WRITE_FROM_BYTES", SHIPPED_THRESHOLDS[1])
    assert not merge.sorted_write(dept.db, 100)
    assert not merge.sorted_write(dept.db, 10_000)  # a small database: its indexes stay in the page cache
    pages, size = (dept.db.conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    assert pages * size < merge.SORTED_WRITE_FROM_BYTES
    monkeypatch.setattr(merge, "SORTED_WRITE_FROM_BYTES", pages * size)  # as if it were gigabytes
    assert merge.sorted_write(dept.db, merge.SORTED_WRITE_FROM_PACKAGES)
    assert not merge.sorted_write(dept.db, merge.SORTED_WRITE_FROM_PACKAGES - 1)
