"""Issue 15 / migration 0009_merge_history: a record's first arrival by merge keeps its history rows
(who, when, from which package and installation, old -> new) but writes them as an appended block
that the record points at, outside the random-UUID index; every reader still finds them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender
from xhht_desktop.db import history, values_repo
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import open_app_database
from xhht_desktop.maintenance.check import run_checks
from xhht_desktop.sync import merge

DATA = Path(__file__).resolve().parent.parent / "data"
FIGURE = "SELECT uuid, arrival_id FROM indicator_values WHERE indicator='XMC_15_60' AND period='2014-H1'"


@pytest.fixture
def merged(tmp_path):
    """The Department after Đắk Pék's first package (a figure new there) and a second one changing it."""
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    first = site.export(tmp_path / "first")
    merge.merge_files(dept.db, [first])
    confirm_all(dept)  # the held first package is applied now
    site.save("2014-H1", Entry("XMC_15_60", None, 150, 200))
    second = site.export(tmp_path / "second")
    yield dept, site, second
    for s in (dept, site):
        s.close()


def _index_rows(db, record_uuid: str) -> int:
    return db.conn.execute("SELECT count(*) FROM history INDEXED BY history_record WHERE record_uuid=? AND arrival=0",
                           (record_uuid,)).fetchone()[0]


def test_a_first_arrival_is_an_appended_block_the_record_points_at(merged):
    dept, site, _second = merged
    record, arrival_id = dept.db.conn.execute(FIGURE).fetchone()
    block = dept.db.conn.execute(
        "SELECT id, field, old_value, new_value, changed_by, origin, source, arrival FROM history "
        "WHERE record_uuid=? ORDER BY id", (record,)).fetchall()
    assert [b[0] for b in block] == list(range(arrival_id, arrival_id + len(block)))  # consecutive, from arrival_id
    assert {(b[1], b[2], b[3]) for b in block} == {("numerator", None, "100"), ("denominator", None, "200")}
    assert all(b[4] == site.inst.actor and b[5] == site.inst.installation_id and b[6].startswith("sync:")
               and b[7] == 1 for b in block)
    assert _index_rows(dept.db, record) == 0  # nothing of the arrival went into the random-UUID index


def test_a_records_history_reads_its_arrival_block_and_its_indexed_changes_in_order(merged):
    dept, site, second = merged
    record, _ = dept.db.conn.execute(FIGURE).fetchone()
    report = merge.merge_files(dept.db, [second])
    assert [p.status for p in report.packages] == ["imported"]
    assert dept.db.conn.execute(FIGURE).fetchone()[1] is not None  # an update keeps the arrival pointer
    assert _index_rows(dept.db, record) == 1  # the change is indexed as before

    rows = values_repo.record_history(dept.db, record)
    assert [(r["field"], r["old_value"], r["new_value"], r["revision"]) for r in rows] == [
        ("numerator", None, "100", 1), ("denominator", None, "200", 1), ("numerator", "100", "150", 2)]
    assert {r["origin"] for r in rows} == {site.inst.installation_id}
    assert len({r["source"] for r in rows}) == 2  # each row names its own package

    unit = dept.db.conn.execute("SELECT unit_id FROM indicator_values WHERE uuid=?", (record,)).fetchone()[0]
    recent = values_repo.history_for_unit(dept.db, unit, "2014-H1")
    assert [(r["field"], r["new_value"]) for r in recent][:3] == [("numerator", "150"), ("denominator", "200"),
                                                                 ("numerator", "100")]  # newest first
    # Every row the table holds for the record, no more, no less.
    raw = dept.db.conn.execute("SELECT field, old_value, new_value FROM history WHERE record_uuid=? ORDER BY id",
                               (record,)).fetchall()
    assert raw == [(r["field"], r["old_value"], r["new_value"]) for r in rows]


def test_check_finds_a_record_whose_arrival_block_is_gone(merged):
    dept, _site, _second = merged
    assert not [f for f in run_checks(dept.db).findings if f.code in ("history_missing", "history_orphan")]
    record, arrival_id = dept.db.conn.execute(FIGURE).fetchone()
    with dept.db.conn:
        dept.db.conn.execute("DELETE FROM history WHERE record_uuid=?", (record,))
    assert "history_missing" in {f.code for f in run_checks(dept.db).findings}


def test_an_upgraded_database_keeps_every_history_row_findable(tmp_path):
    for sample in sorted(DATA.glob("schema_v*.sqlite3")):
        copy = tmp_path / sample.name
        shutil.copyfile(sample, copy)
        conn = sqlite3.connect(str(copy))
        before = conn.execute("SELECT record_uuid, field, old_value, new_value, changed_at FROM history "
                              "ORDER BY id").fetchall()
        conn.close()
        db = open_app_database(copy)
        assert db.conn.execute("SELECT count(*) FROM history WHERE arrival=0").fetchone()[0] == len(before)
        assert db.conn.execute("SELECT count(*) FROM indicator_values WHERE arrival_id IS NOT NULL").fetchone() == (0,)
        found = []
        for (uuid_,) in db.conn.execute("SELECT uuid FROM indicator_values ORDER BY uuid").fetchall():
            found += [(uuid_, *r) for r in history.record_rows(db, "indicator_values", uuid_,
                                                               ("field", "old_value", "new_value", "changed_at"))]
        figures = {r[0] for r in db.conn.execute("SELECT uuid FROM indicator_values")}
        assert sorted(found) == sorted(r for r in before if r[0] in figures)
        db.conn.close()
