"""Summaries against figures computed by hand, and the suggested numerator of LDNT_HOC_TTHTCD."""

import datetime as dt

import pytest

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity
from xhht_desktop.clc.summary import summarize, suggested_rural_workers
from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import parse_period

TODAY = dt.date(2015, 1, 31)


def add(db, code, day, category, sessions, visits, women, dtts, rural, learners, new, deleted=False):
    unit = units_repo.find_unit(db, code, parse_period("2014"))  # codes are reused after 2025
    a = Activity(date=dt.date.fromisoformat(day), title=f"{category} {day}", category=category,
                 format="talk", sessions=sessions, visits=visits, women=women, ethnic_minority=dtts,
                 rural_workers=rural, learners=learners, rural_workers_new=new)
    stored = repo.add_activity(db, unit.id, a, actor="t", origin="o", today=TODAY)
    if deleted:
        repo.delete_activity(db, stored.uuid, actor="t", origin="o")
    return unit


@pytest.fixture
def log(db):
    pek = add(db, "23353", "2014-01-10", "literacy", 20, 600, 350, 580, 500, 30, 25)
    add(db, "23353", "2014-03-05", "agri_tech", 1, 45, 20, None, 45, 45, 10)
    add(db, "23353", "2014-06-30", "agri_tech", 2, 80, None, None, 70, 40, None)
    add(db, "23353", "2014-07-01", "health", 1, 120, 70, 100, 90, 120, 15)
    add(db, "23353", "2014-05-05", "law_policy", 1, 999, None, None, None, None, None, deleted=True)
    blo = add(db, "23344", "2014-02-14", "culture", 1, 200, 90, 150, 100, 180, 60)
    add(db, "23281", "2014-04-01", "literacy", 5, 50, 30, 10, 20, 10, 5)  # another district
    return db, pek, blo, units_repo.find_unit(db, "610", parse_period("2014"))


def by_category(rows):
    return {r["category"]: r for r in rows}


def figures(row):
    return tuple(row[k] for k in ("activities", "sessions", "visits", "learners", "women", "ethnic_minority",
                                  "rural_workers"))


def test_commune_half_year_by_category(log):
    db, pek, _, _ = log
    rows = summarize(db, pek.id, "2014-H1")
    assert [r["category"] for r in rows] == ["literacy", "agri_tech", "law_policy", "health", "vocational",
                                             "it_language", "culture", "life_skills", None]
    assert set(rows[0]) == {"category", "activities", "sessions", "visits", "learners", "women",
                            "ethnic_minority", "rural_workers"}
    cats = by_category(rows)
    assert figures(cats["literacy"]) == (1, 20, 600, 30, 350, 580, 500)
    # Two agriculture talks: women known for one (20); DTTS recorded for neither -> not reported.
    assert figures(cats["agri_tech"]) == (2, 3, 125, 85, 20, None, 115)
    assert figures(cats["law_policy"]) == (0, 0, 0, 0, 0, 0, 0)  # its only activity was deleted
    assert figures(cats[None]) == (3, 23, 725, 115, 370, 580, 615)  # 30 June is still the first half


def test_commune_second_half_and_year(log):
    db, pek, _, _ = log
    assert figures(by_category(summarize(db, pek.id, "2014-H2"))[None]) == (1, 1, 120, 120, 70, 100, 90)
    assert figures(by_category(summarize(db, pek.id, "2014"))[None]) == (4, 24, 845, 235, 440, 680, 705)
    assert figures(by_category(summarize(db, pek.id, "2015"))[None]) == (0, 0, 0, 0, 0, 0, 0)


def test_district_adds_up_its_communes_only(log):
    db, _, _, district = log
    assert figures(by_category(summarize(db, district.id, "2014"))[None]) == (5, 25, 1045, 415, 530, 830, 805)
    h1 = by_category(summarize(db, district.id, "2014-H1"))
    assert figures(h1[None]) == (4, 24, 925, 295, 460, 730, 715)
    assert figures(h1["culture"]) == (1, 1, 200, 180, 90, 150, 100)


def test_suggested_rural_workers_counts_first_time_learners(log):
    db, pek, blo, district = log
    assert suggested_rural_workers(db, pek.id, "2014-H1") == 25 + 10
    assert suggested_rural_workers(db, pek.id, "2014") == 25 + 10 + 15
    assert suggested_rural_workers(db, pek.id, "2014-H2") is None  # would miss H1 learners coming back
    assert suggested_rural_workers(db, pek.id, "2015") is None  # nothing recorded
    assert suggested_rural_workers(db, blo.id, "2014") == 60
    assert suggested_rural_workers(db, district.id, "2014") == 25 + 10 + 15 + 60


def test_suggestion_never_touches_the_entered_indicator(log):
    db, pek, _, _ = log
    before = db.conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0]
    suggested_rural_workers(db, pek.id, "2014")
    assert db.conn.execute("SELECT COUNT(*) FROM indicator_values").fetchone()[0] == before == 0
