"""The centre and its activity log travel with the figures: new, edited, deleted (tombstone)."""

from __future__ import annotations

import datetime as dt

from tests.core.test_sync_fixtures import PEK, confirm_all, department, sender, statuses
from xhht_desktop.clc import repository as clc
from xhht_desktop.clc.domain import Activity, Centre
from xhht_desktop.sync import merge

TODAY = dt.date(2014, 7, 1)


def _activity(title: str, visits: int = 30, women: int = 12) -> Activity:
    return Activity(date=dt.date(2014, 5, 10), title=title, category="agri_tech", format="talk", sessions=1,
                    visits=visits, women=women, partner="Trạm khuyến nông")


def test_centre_and_activities_travel_and_deletions_are_tombstones(tmp_path):
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    who = {"actor": pek.inst.actor, "origin": pek.inst.installation_id}
    clc.save_centre(pek.db, pek.unit_id, Centre(name="TTHTCĐ xã Đắk Pék", director="A Nhơn"), **who)
    kept = clc.add_activity(pek.db, pek.unit_id, _activity("Trồng cà phê xen cây ăn quả"), today=TODAY, **who)
    gone = clc.add_activity(pek.db, pek.unit_id, _activity("Chăn nuôi heo"), today=TODAY, **who)
    merge.merge_files(dept.db, [pek.export(tmp_path / "1")])
    report = confirm_all(dept)
    assert statuses(report) == ["imported"] and report.packages[0].counts["new"] == 3
    stored = dept.db.conn.execute("SELECT title, visits, women, deleted FROM clc_activities ORDER BY title").fetchall()
    assert stored == [("Chăn nuôi heo", 30, 12, 0), ("Trồng cà phê xen cây ăn quả", 30, 12, 0)]
    assert clc.get_centre(dept.db, pek.unit_id).director == "A Nhơn"

    clc.delete_activity(pek.db, gone.uuid, **who)
    clc.update_activity(pek.db, kept.uuid, _activity("Trồng cà phê xen cây ăn quả", visits=45), today=TODAY, **who)
    second = merge.merge_files(dept.db, [pek.export(tmp_path / "2")])
    (p,) = second.packages
    assert p.status == "imported" and p.counts["deleted"] == 1 and p.counts["updated"] == 1
    assert dept.db.conn.execute("SELECT deleted FROM clc_activities WHERE uuid=?", (gone.uuid,)).fetchone() == (1,)
    assert dept.db.conn.execute("SELECT visits FROM clc_activities WHERE uuid=?", (kept.uuid,)).fetchone() == (45,)
    hist = dept.db.conn.execute("SELECT field, old_value, new_value FROM history WHERE record_uuid=? "
                                "AND source LIKE 'sync:%' AND revision=2", (kept.uuid,)).fetchall()
    assert hist == [("visits", "30", "45")]
    dept.close()
    pek.close()


def test_impossible_activity_is_refused(tmp_path):
    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    who = {"actor": pek.inst.actor, "origin": pek.inst.installation_id}
    a = clc.add_activity(pek.db, pek.unit_id, _activity("Nói chuyện pháp luật"), today=TODAY, **who)
    # Slipped past the commune's checks: more women than visits.
    pek.db.conn.execute("UPDATE clc_activities SET women=99 WHERE uuid=?", (a.uuid,))
    pek.db.conn.commit()
    merge.merge_files(dept.db, [pek.export(tmp_path / "1")])
    report = confirm_all(dept)
    (p,) = report.packages
    assert p.status == "rejected" and p.code == "invalid_figures"
    assert any("Nói chuyện pháp luật" in x for x in p.problems)
    assert dept.db.conn.execute("SELECT COUNT(*) FROM clc_activities").fetchone() == (0,)
    dept.close()
    pek.close()
