"""Storage of the centre and its log: revisions, history, tombstones, ids that sync can rely on."""

import datetime as dt
import uuid

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity, Centre
from xhht_desktop.db import units_repo
from xhht_desktop.installation import get_installation, open_app_database

TODAY = dt.date(2014, 12, 31)


def activity(**over) -> Activity:
    values = dict(date=dt.date(2014, 3, 5), title="Chuyên đề trồng cà phê", category="agri_tech", format="topic",
                  sessions=1, visits=45, women=20, rural_workers=45, learners=45, rural_workers_new=10,
                  partner="Trạm Khuyến nông", place="Thôn Đắk Ung")
    values.update(over)
    return Activity(**values)


def rows(db, sql, *args):
    return db.conn.execute(sql, args).fetchall()


def test_a_new_activity_is_a_sync_ready_record_with_its_history(commune_db):
    unit = get_installation(commune_db).unit
    a = repo.add_activity(commune_db, unit.id, activity(), actor="Y Blong", origin="inst-1", today=TODAY)
    assert uuid.UUID(a.uuid).version == 4
    (rev, base, by, origin, deleted, updated_at), = rows(
        commune_db, "SELECT revision, base_revision, updated_by, origin, deleted, updated_at FROM clc_activities")
    assert (rev, base, by, origin, deleted) == (1, 0, "Y Blong", "inst-1", 0) and updated_at
    hist = repo.activity_history(commune_db, a.uuid)
    assert {h["field"] for h in hist} == {"date", "title", "category", "format", "sessions", "visits", "women",
                                          "rural_workers", "learners", "rural_workers_new", "partner", "place"}
    assert all(h["old_value"] is None and h["revision"] == 1 and h["source"] == "form" for h in hist)
    assert rows(commune_db, "SELECT DISTINCT table_name FROM history") == [("clc_activities",)]


def test_an_edit_bumps_the_revision_and_records_only_what_changed(commune_db):
    unit = get_installation(commune_db).unit
    a = repo.add_activity(commune_db, unit.id, activity(), actor="a", origin="o", today=TODAY)
    edited = activity(visits=60, notes="Bổ sung danh sách")
    after = repo.update_activity(commune_db, a.uuid, edited, actor="b", origin="o2", today=TODAY)
    assert (after.revision, after.visits, after.updated_by) == (2, 60, "b")
    assert rows(commune_db, "SELECT base_revision, origin FROM clc_activities") == [(1, "o2")]
    changes = [(h["field"], h["old_value"], h["new_value"], h["revision"]) for h in
               repo.activity_history(commune_db, a.uuid) if h["revision"] == 2]
    assert sorted(changes) == [("notes", "", "Bổ sung danh sách", 2), ("visits", "45", "60", 2)]
    # Saving the same values again writes nothing.
    same = repo.update_activity(commune_db, a.uuid, edited, actor="b", origin="o2", today=TODAY)
    assert same.revision == 2


def test_delete_keeps_a_tombstone_and_restore_brings_it_back(commune_db):
    unit = get_installation(commune_db).unit
    a = repo.add_activity(commune_db, unit.id, activity(), actor="a", origin="o", today=TODAY)
    gone = repo.delete_activity(commune_db, a.uuid, actor="a", origin="o")
    assert gone.deleted and gone.revision == 2
    assert rows(commune_db, "SELECT COUNT(*), SUM(deleted) FROM clc_activities") == [(1, 1)]
    assert repo.list_activities(commune_db, [unit.id]) == []
    assert [x.uuid for x in repo.list_activities(commune_db, [unit.id], include_deleted=True)] == [a.uuid]
    back = repo.restore_activity(commune_db, a.uuid, actor="a", origin="o")
    assert not back.deleted and back.revision == 3
    assert [(h["field"], h["old_value"], h["new_value"], h["source"]) for h in
            repo.activity_history(commune_db, a.uuid) if h["field"] == "deleted"] == [
        ("deleted", "0", "1", "form"), ("deleted", "1", "0", "undo")]
    assert [x.uuid for x in repo.list_activities(commune_db, [unit.id])] == [a.uuid]


def test_filters_match_without_accents_and_by_category_and_dates(commune_db):
    unit = get_installation(commune_db).unit
    for kw in (dict(), dict(date=dt.date(2014, 4, 2), title="Lớp xóa mù chữ", category="literacy", format="class",
                            partner="Hội Liên hiệp Phụ nữ", sessions=20, visits=600, women=300, learners=30,
                            rural_workers=500, rural_workers_new=25)):
        repo.add_activity(commune_db, unit.id, activity(**kw), actor="a", origin="o", today=TODAY)
    titles = lambda f: [a.title for a in repo.list_activities(commune_db, [unit.id], f)]  # noqa: E731
    assert titles(repo.ActivityFilter(text="XOA MU")) == ["Lớp xóa mù chữ"]
    assert titles(repo.ActivityFilter(text="khuyen nong")) == ["Chuyên đề trồng cà phê"]
    assert titles(repo.ActivityFilter(text="phu nu lop")) == ["Lớp xóa mù chữ"]  # words in any field
    assert titles(repo.ActivityFilter(category="agri_tech")) == ["Chuyên đề trồng cà phê"]
    assert titles(repo.ActivityFilter(date_from=dt.date(2014, 4, 1))) == ["Lớp xóa mù chữ"]
    assert titles(repo.ActivityFilter(date_to=dt.date(2014, 3, 5))) == ["Chuyên đề trồng cà phê"]


def test_title_templates_offer_the_latest_activity_of_each_title(commune_db):
    unit = get_installation(commune_db).unit
    repo.add_activity(commune_db, unit.id, activity(), actor="a", origin="o", today=TODAY)
    repo.add_activity(commune_db, unit.id, activity(date=dt.date(2014, 5, 1), partner="Hội Nông dân"),
                      actor="a", origin="o", today=TODAY)
    (t,) = repo.recent_templates(commune_db, unit.id)
    assert (t.title, t.partner, t.date) == ("Chuyên đề trồng cà phê", "Hội Nông dân", dt.date(2014, 5, 1))
    # Used as often: the more recent first.
    assert repo.distinct_texts(commune_db, unit.id, "partner") == ["Hội Nông dân", "Trạm Khuyến nông"]


def test_the_centre_has_the_same_id_on_every_installation(tmp_path):
    ids = []
    for name in ("a", "b"):
        db = open_app_database(tmp_path / f"{name}.sqlite3")
        unit = units_repo.find_unit(db, "23353")
        c = repo.save_centre(db, unit.id, Centre(name="TTHTCĐ xã Đắk Pék"), actor="x", origin=name)
        ids.append(c.uuid)
        db.conn.close()
    assert ids[0] == ids[1] == repo.centre_uuid("23353@2013-12-02")


def test_centre_edits_are_revisions_with_history(commune_db):
    unit = get_installation(commune_db).unit
    first = repo.save_centre(commune_db, unit.id, Centre(name="TTHTCĐ xã Đắk Pék", director="A Tâm",
                                                         branches=["Thôn Đắk Ung", "Thôn Kon Riêng"]),
                             actor="a", origin="o")
    assert first.revision == 1 and first.branches == ["Thôn Đắk Ung", "Thôn Kon Riêng"]
    second = repo.save_centre(commune_db, unit.id, Centre(name="TTHTCĐ xã Đắk Pék", director="Y Hoa",
                                                          decision_no="125/QĐ-UBND",
                                                          decision_date=dt.date(2008, 9, 3), combined_culture=True,
                                                          branches=["Thôn Đắk Ung", "Thôn Kon Riêng"]),
                              actor="b", origin="o")
    assert (second.revision, second.director, second.combined_culture) == (2, "Y Hoa", True)
    changed = rows(commune_db, "SELECT field, old_value, new_value FROM history WHERE table_name='clc_centres' "
                               "AND revision=2 ORDER BY field")
    assert changed == [("combined_culture", None, "1"), ("decision_date", None, "2008-09-03"),
                       ("decision_no", "", "125/QĐ-UBND"), ("director", "A Tâm", "Y Hoa")]
    assert rows(commune_db, "SELECT COUNT(*) FROM clc_centres") == [(1,)]  # one per commune


def test_a_merged_commune_keeps_its_centre_and_the_new_one_sees_its_predecessors(commune_db):
    old = get_installation(commune_db).unit
    repo.save_centre(commune_db, old.id, Centre(name="TTHTCĐ xã Đắk Pék", branches=["Thôn Đắk Ung"]),
                     actor="a", origin="o")
    town = units_repo.find_unit(commune_db, "23341", None)
    town_old = next(u for u in units_repo.units_with_code(commune_db, "23341") if u.valid_to == "2025-06-30")
    repo.save_centre(commune_db, town_old.id, Centre(name="TTHTCĐ thị trấn Đắk Glei"), actor="a", origin="o")
    new = next(u for u in units_repo.units_with_code(commune_db, "23341") if u.valid_from == "2025-07-01")
    assert town.id == new.id
    assert repo.get_centre(commune_db, new.id) is None
    names = sorted(c.name for _, c in repo.predecessor_centres(commune_db, new.id))
    assert names == ["TTHTCĐ thị trấn Đắk Glei", "TTHTCĐ xã Đắk Pék"]
    assert repo.get_centre(commune_db, old.id).branches == ["Thôn Đắk Ung"]  # the old record stays as it was
    assert repo.default_centre_name(new) == "Trung tâm học tập cộng đồng xã Đăk Pék"


def test_entry_defaults_are_remembered(commune_db):
    assert repo.load_entry_defaults(commune_db) == {}
    repo.save_entry_defaults(commune_db, {"category": "health", "partner": "Trạm Y tế xã"})
    assert repo.load_entry_defaults(commune_db) == {"category": "health", "partner": "Trạm Y tế xã"}
