"""Issue 15: a record's first arrival by merge writes no history row of its own. One row per arrival
group (the records of a package that share table, revision, time, person and installation) stands
for them; each record points at it, and the readers give back exactly the rows the first arrival
used to write (one per filled field, or `created` for the activity log, and `deleted`): who, when,
from which package and installation, old -> new - the values on arrival being the record's current
values rolled back through its later changes. Records of a 0009 arrival block, and plain indexed
rows, read as before."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.core.test_sync_fixtures import C44, C47, PEK, confirm_all, department, sender, statuses
from xhht_desktop.clc import repository as clc
from xhht_desktop.clc.domain import Activity, Centre
from xhht_desktop.db import history, values_repo
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import open_app_database
from xhht_desktop.maintenance.check import run_checks
from xhht_desktop.reports import narrative
from xhht_desktop.sync import export, merge, merge_write, repo
from xhht_desktop.sync.tables import table_specs

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2014, 7, 1)
COLS = ("field", "old_value", "new_value", "revision", "changed_at", "changed_by", "origin", "source")
FIGURE = "SELECT uuid, arrival_id FROM indicator_values WHERE indicator='XMC_15_60' AND period='2014-H1'"


@pytest.fixture(params=["group", "one_by_one"])
def path(request, monkeypatch):
    """The merge's two ways of writing: a group's transaction, or each package in its own savepoint."""
    if request.param == "one_by_one":
        def merge_alone(self, report, name, data, opened, prepared, held_package, source=None, planned=None):
            report.packages.append(self.merge_one(self.batch, name, data, held_package=held_package))
        monkeypatch.setattr(merge_write._Group, "merge", merge_alone)
    return request.param


def _who(site, actor=None) -> dict:
    return {"actor": actor or site.inst.actor, "origin": site.inst.installation_id}


def _activity(title: str, visits: int = 30, women: int | None = 12) -> Activity:
    return Activity(date=dt.date(2014, 5, 10), title=title, category="agri_tech", format="talk", sessions=1,
                    visits=visits, women=women, partner="Trạm khuyến nông")


def _send(site, out: Path) -> tuple[Path, dict[str, list[tuple]]]:
    """Export `site`'s package, and the history rows its records' first arrival wrote before issue 15
    (the old representation), computed from the records as the package carries them."""
    out.mkdir(parents=True, exist_ok=True)
    result = export.export_package(site.db, out)
    source = f"sync:{result.package_uuid}"
    expected: dict[str, list[tuple]] = {}
    for name, spec in table_specs(site.db).items():
        cols = ["uuid", "revision", "updated_at", "updated_by", "origin", "deleted", *spec.history_fields]
        for uuid_, rev, at, by, origin, deleted, *values in site.db.conn.execute(
                f"SELECT {', '.join(cols)} FROM {name} WHERE unit_id=?", (site.unit_id,)):
            filled = {f: v for f, v in zip(spec.history_fields, values) if v is not None and v != ""}
            if spec.history_on_insert == "record":
                rows = [("created", None, json.dumps(filled, ensure_ascii=False))]
            else:
                rows = [(f, None, str(v)) for f, v in filled.items()]
            if deleted:
                rows.append(("deleted", None, "1"))
            expected[uuid_] = [(*r, rev, at, by, origin, source) for r in rows]
    return result.path, expected


def _stored_changes(db, uuid_: str) -> list[tuple]:
    return db.conn.execute(f"SELECT {', '.join(COLS)} FROM history WHERE record_uuid=? AND arrival=0 ORDER BY id",
                           (uuid_,)).fetchall()


def test_records_read_exactly_the_rows_their_first_arrival_used_to_write_after_every_kind_of_change(
        tmp_path, path):
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    other = sender(tmp_path, dept, "commune", PEK, name="pek-laptop-2")  # a second laptop of the commune
    # Đắk Pék enters figures in two sittings (two arrival groups), its centre, a section, a mark and
    # activities, one of them deleted before it ever travels (it arrives as a tombstone).
    pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200, comment="Theo sổ"), Entry("XMC_15_60", "nu", 560, 600))
    values_repo.save_entries(pek.db, pek.unit_id, "2014-H1", [Entry("PC_THCS", value=0)], **_who(pek, "Người nhập 2"))
    values_repo.set_complete(pek.db, pek.unit_id, "2014-H1", True, **_who(pek))
    narrative.save(pek.db, pek.unit_id, "2014-H1", {"danh_gia_chung": "Đạt kế hoạch."}, **_who(pek))
    clc.save_centre(pek.db, pek.unit_id, Centre(name="TTHTCĐ xã Đắk Pék", director="A Nhơn"), **_who(pek))
    kept = clc.add_activity(pek.db, pek.unit_id, _activity("Trồng cà phê"), today=TODAY, **_who(pek))
    edited = clc.add_activity(pek.db, pek.unit_id, _activity("Chăn nuôi heo", women=None), today=TODAY, **_who(pek))
    gone = clc.add_activity(pek.db, pek.unit_id, _activity("Họp thôn"), today=TODAY, **_who(pek))
    clc.delete_activity(pek.db, gone.uuid, **_who(pek))
    first, expected = _send(pek, tmp_path / "1")
    merge.merge_files(dept.db, [first])
    assert statuses(confirm_all(dept)) == ["imported"]
    # The other laptop enters the same figure differently: a conflict, which the Department settles.
    other.save("2014-H1", Entry("XMC_15_35", None, 5, 10))
    pek.save("2014-H1", Entry("XMC_15_35", None, 3, 10))
    p2, more = _send(pek, tmp_path / "2")
    new_in_p2 = sorted(set(more) - set(expected))  # the records new in this package (the rest arrived before)
    new_in_first = sorted(expected)
    expected.update((u, more[u]) for u in new_in_p2)
    merge.merge_files(dept.db, [p2])
    third, _ = _send(other, tmp_path / "3")
    merge.merge_files(dept.db, [third])
    confirm_all(dept)
    (c,) = merge.list_conflicts(dept.db)
    merge.resolve_conflict(dept.db, c["id"], "incoming", actor="Trưởng phòng")

    # The Department edits: figures saved twice, an activity deleted and one edited, the mark, the text.
    unit = pek.unit_id
    values_repo.save_entries(dept.db, unit, "2014-H1", [Entry("XMC_15_60", None, 1160, 1200, comment="")],
                             actor="Sở", origin="so")
    values_repo.save_entries(dept.db, unit, "2014-H1", [Entry("XMC_15_60", None, 1170, 1200, comment="Sửa lại")],
                             actor="Sở 2", origin="so")
    clc.delete_activity(dept.db, kept.uuid, actor="Sở", origin="so")
    clc.update_activity(dept.db, edited.uuid, _activity("Chăn nuôi heo", visits=40, women=9), today=TODAY,
                        actor="Sở", origin="so")
    values_repo.set_complete(dept.db, unit, "2014-H1", False, actor="Sở", origin="so")
    narrative.save(dept.db, unit, "2014-H1", {"danh_gia_chung": "Đạt một phần."}, actor="Sở", origin="so")
    # ... and Đắk Pék sends an update of records the Department left alone.
    pek.save("2014-H1", Entry("XMC_15_60", "nu", 570, 600), Entry("PC_THCS", value=1))
    clc.delete_activity(pek.db, edited.uuid, **_who(pek))  # stays the Department's edit: a conflict
    p4, _ = _send(pek, tmp_path / "4")
    assert statuses(merge.merge_files(dept.db, [p4])) in (["imported"], ["conflict"])

    records = 0
    for name in table_specs(dept.db):
        for (uuid_,) in dept.db.conn.execute(f"SELECT uuid FROM {name}").fetchall():
            want = expected[uuid_] + _stored_changes(dept.db, uuid_)
            assert history.record_rows(dept.db, name, uuid_, COLS) == want, (name, uuid_)
            records += 1
    assert records == 10  # 4 figures, a mark, a section, a centre, 3 activities
    # Nothing of a first arrival is stored per record: one row per arrival group.
    assert dept.db.conn.execute("SELECT count(*) FROM history WHERE arrival=0 AND source LIKE 'sync:%' "
                                "AND (field='created' OR old_value IS NULL)").fetchone() == (0,)

    # The unit's figures, newest first, exactly as before: the changes (by id), then each package's
    # first arrivals, latest package first, its records by UUID as the package lists them, backwards.
    keys = ("field", "old_value", "new_value", "revision", "changed_at", "changed_by", "source")
    figures = {u for (u,) in dept.db.conn.execute("SELECT uuid FROM indicator_values WHERE unit_id=?", (unit,))}
    changes = dept.db.conn.execute(
        f"SELECT {', '.join('h.' + k for k in keys)} FROM history h JOIN indicator_values t ON t.uuid=h.record_uuid "
        "WHERE h.arrival=0 AND t.unit_id=? ORDER BY h.id DESC", (unit,)).fetchall()
    arrivals = [r[:6] + r[7:] for package in (new_in_p2, new_in_first) for u in reversed(package) if u in figures
                for r in reversed(expected[u])]
    recent = values_repo.history_for_unit(dept.db, unit, "2014-H1")
    assert [tuple(r[k] for k in keys) for r in recent] == changes + arrivals
    assert {r["indicator"] for r in recent} == {"XMC_15_60", "XMC_15_35", "PC_THCS"}
    assert values_repo.history_for_unit(dept.db, unit, "2014-H1", limit=3) == recent[:3]
    assert not [f for f in run_checks(dept.db).findings if f.code.startswith("history")]
    for s in (dept, pek, other):
        s.close()


def test_a_first_arrival_writes_one_row_per_group_the_records_point_at(tmp_path, path):
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200), Entry("XMC_15_35", None, 3, 10))
    values_repo.save_entries(site.db, site.unit_id, "2014-H1", [Entry("PC_THCS", value=0)],
                             **_who(site, "Người nhập 2"))
    package, _ = _send(site, tmp_path / "1")
    merge.merge_files(dept.db, [package])
    report = confirm_all(dept)
    source = f"sync:{report.packages[0].package_uuid}"
    rows = dept.db.conn.execute("SELECT id, table_name, record_uuid, field, new_value, changed_by, origin, arrival "
                                "FROM history WHERE source=? ORDER BY id", (source,)).fetchall()
    assert [r[1:] for r in rows] == [
        ("indicator_values", "", "arrived", "2", site.inst.actor, site.inst.installation_id, 2),
        ("indicator_values", "", "arrived", "1", "Người nhập 2", site.inst.installation_id, 2)]
    pointers = dict(dept.db.conn.execute("SELECT indicator, arrival_id FROM indicator_values"))
    assert pointers == {"XMC_15_60": rows[0][0], "XMC_15_35": rows[0][0], "PC_THCS": rows[1][0]}
    record = dept.db.conn.execute(FIGURE).fetchone()[0]
    assert history.record_rows(dept.db, "indicator_values", record, ("field", "old_value", "new_value",
                                                                    "revision", "source")) == [
        ("numerator", None, "100", 1, source), ("denominator", None, "200", 1, source)]
    dept.close()
    site.close()


def test_a_national_style_batch_writes_a_few_history_rows_per_package(tmp_path, path):
    dept = department(tmp_path)
    files = []
    for code in (PEK, C44, C47):
        site = sender(tmp_path, dept, "commune", code)
        for period in ("2014-H1", "2014", "2015-H1", "2015"):
            site.save(period, Entry("XMC_15_60", None, 1150, 1200), Entry("XMC_15_60", "nu", 560, 600),
                      Entry("XMC_15_35", None, 3, 10), Entry("PC_THCS", value=1))
            values_repo.set_complete(site.db, site.unit_id, period, True, **_who(site))
        for i in range(5):
            clc.add_activity(site.db, site.unit_id, _activity(f"Hoạt động {i}"), today=TODAY, **_who(site))
        files.append(_send(site, tmp_path / "out")[0])
        site.close()
    before = dept.db.conn.execute("SELECT max(id) FROM history").fetchone()[0] or 0
    merge.merge_files(dept.db, files)
    report = confirm_all(dept)
    assert statuses(report) == ["imported"] * 3
    assert all(p.counts["new"] == 16 + 4 + 5 for p in report.packages)
    written = dept.db.conn.execute("SELECT count(*), sum(CAST(new_value AS INTEGER)) FROM history "
                                   "WHERE id>? AND arrival=2", (before,)).fetchone()
    total = dept.db.conn.execute("SELECT count(*) FROM history WHERE id>?", (before,)).fetchone()[0]
    assert total == written[0] and written[1] == 3 * 25  # one group row per table here; no row per record
    assert total <= 3 * 3 * 2  # (a package's sittings): a few rows a package, not one per field
    assert not [f for f in run_checks(dept.db).findings if f.code.startswith("history")]
    dept.close()


def test_the_exports_since_query_finds_records_that_arrived_by_merge(tmp_path):
    """The export's "changed since the last export" (history ids in (since, upto]) finds a record
    that arrived by merge through its arrival group's id, as it found its arrival rows before. Only
    the Department merges, and it does not export: the query is asked directly."""
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200), Entry("XMC_15_35", None, 3, 10))
    site.save("2014", Entry("XMC_15_60", None, 110, 200))
    before = repo.max_history_id(dept.db)
    merge.merge_files(dept.db, [site.export(tmp_path / "1")])
    confirm_all(dept)
    after = repo.max_history_id(dept.db)
    spec = table_specs(dept.db)["indicator_values"]
    unit = dept.db.conn.execute("SELECT DISTINCT unit_id FROM indicator_values").fetchone()[0]
    assert len(repo.rows_to_export(dept.db, spec, unit, before, after)) == 3
    assert repo.rows_to_export(dept.db, spec, unit, after, after) == []
    site.save("2014", Entry("XMC_15_60", None, 120, 200))
    merge.merge_files(dept.db, [site.export(tmp_path / "2")])
    changed = repo.rows_to_export(dept.db, spec, unit, after, repo.max_history_id(dept.db))
    assert [(r[spec.columns.index("period")], r[spec.columns.index("numerator")]) for r in changed] == [("2014", 120)]
    dept.close()
    site.close()


def test_check_finds_a_broken_arrival_pointer_and_a_group_whose_records_are_gone(tmp_path):
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200), Entry("XMC_15_35", None, 3, 10))
    merge.merge_files(dept.db, [site.export(tmp_path / "1")])
    confirm_all(dept)
    assert not [f for f in run_checks(dept.db).findings if f.code.startswith("history")]
    record, arrival_id = dept.db.conn.execute(FIGURE).fetchone()
    with dept.db.conn:
        dept.db.conn.execute("UPDATE indicator_values SET arrival_id=? WHERE uuid=?", (arrival_id + 1000, record))
    codes = {f.code for f in run_checks(dept.db).findings}
    assert {"history_arrival", "history_missing", "history_orphan"} <= codes  # the group counts 2, 1 points at it
    with dept.db.conn:
        dept.db.conn.execute("UPDATE indicator_values SET arrival_id=? WHERE uuid=?", (arrival_id, record))
        dept.db.conn.execute("DELETE FROM history WHERE id=?", (arrival_id,))
    codes = {f.code for f in run_checks(dept.db).findings}
    assert {"history_arrival", "history_missing"} <= codes
    dept.close()
    site.close()


def test_a_0009_arrival_block_still_reads(tmp_path):
    """Databases merged between 0009 and issue 15 keep their arrival blocks (never rewritten)."""
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    merge.merge_files(dept.db, [site.export(tmp_path / "1")])
    confirm_all(dept)
    record, group = dept.db.conn.execute(FIGURE).fetchone()
    rows = history.record_rows(dept.db, "indicator_values", record, history.HISTORY_COLUMNS[1:])
    with dept.db.conn:  # the same first arrival, as 0009 wrote it
        dept.db.conn.execute("DELETE FROM history WHERE id=?", (group,))
        ids = [dept.db.conn.execute(
            "INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision, changed_at, "
            "changed_by, origin, source, arrival) VALUES (?,?,?,?,?,?,?,?,?,?,1)", r).lastrowid for r in rows]
        dept.db.conn.execute("UPDATE indicator_values SET arrival_id=? WHERE uuid=?", (ids[0], record))
    site.save("2014-H1", Entry("XMC_15_60", None, 150, 200))
    merge.merge_files(dept.db, [site.export(tmp_path / "2")])
    got = history.record_rows(dept.db, "indicator_values", record, ("field", "old_value", "new_value", "revision"))
    assert got == [("numerator", None, "100", 1), ("denominator", None, "200", 1), ("numerator", "100", "150", 2)]
    assert not [f for f in run_checks(dept.db).findings if f.code.startswith("history")]
    dept.close()
    site.close()


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


def test_bringing_back_a_record_that_arrived_deleted_is_a_change_and_its_arrival_still_reads(tmp_path):
    """A figure, a completeness mark and a written section arrive as tombstones; the Department enters
    them again. Each save writes `deleted` 1 -> 0 (it did not before), so the arrival - deleted - is
    read back as it was written."""
    dept = department(tmp_path)
    site = sender(tmp_path, dept, "commune", PEK)
    site.save("2014-H1", Entry("XMC_15_60", None, 100, 200))
    values_repo.set_complete(site.db, site.unit_id, "2014-H1", True, **_who(site))
    narrative.save(site.db, site.unit_id, "2014-H1", {"kien_nghi_de_xuat": "Thêm lớp."}, **_who(site))
    with site.db.conn:  # tombstones, as an older version or another tool sends them
        for table in ("indicator_values", "period_status", "narratives"):
            site.db.conn.execute(f"UPDATE {table} SET deleted=1, revision=2, base_revision=1")
    package, expected = _send(site, tmp_path / "1")
    merge.merge_files(dept.db, [package])
    confirm_all(dept)
    unit = site.unit_id
    values_repo.save_entries(dept.db, unit, "2014-H1", [Entry("XMC_15_60", None, 100, 200)], actor="Sở", origin="so")
    values_repo.set_complete(dept.db, unit, "2014-H1", True, actor="Sở", origin="so")
    narrative.save(dept.db, unit, "2014-H1", {"kien_nghi_de_xuat": "Thêm lớp."}, actor="Sở", origin="so")
    for table in ("indicator_values", "period_status", "narratives"):
        (uuid_, deleted), = dept.db.conn.execute(f"SELECT uuid, deleted FROM {table}").fetchall()
        assert deleted == 0
        got = history.record_rows(dept.db, table, uuid_, COLS)
        assert got[:len(expected[uuid_])] == expected[uuid_]
        assert expected[uuid_][-1][:3] == ("deleted", None, "1")
        assert [r[:3] for r in got[len(expected[uuid_]):]] == [("deleted", "1", "0")]
    assert values_repo.is_complete(dept.db, unit, "2014-H1")  # the mark could not be set again before
    dept.close()
    site.close()
