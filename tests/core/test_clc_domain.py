"""Validation of the activity log and the centre: the rules a director's entry must pass."""

import datetime as dt

import pytest

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import Activity, ClcValidationError, build_activity, build_centre
from xhht_desktop.db import units_repo
from xhht_desktop.installation import get_installation

TODAY = dt.date(2014, 5, 20)


def good(**over):
    values = {"date": "15/03/2014", "title": "Lớp xóa mù chữ thôn Kon Pia", "category": "literacy",
              "format": "class", "sessions": "10", "visits": "300", "women": "180", "ethnic_minority": "290",
              "rural_workers": "250", "learners": "30", "rural_workers_new": "25", "cost": "1.500.000 đ"}
    values.update(over)
    return values


def messages(values, **kw):
    activity, errors = build_activity(values, today=TODAY, **kw)
    assert (activity is None) == bool(errors)
    return [e.message for e in errors]


def test_a_complete_entry_is_parsed_with_vietnamese_number_forms():
    a, errors = build_activity(good(category="xoa mu chu", format="Lớp"), today=TODAY)
    assert errors == []
    assert (a.date, a.category, a.format, a.sessions, a.visits, a.cost) == (
        dt.date(2014, 3, 15), "literacy", "class", 10, 300, 1_500_000)
    assert (a.women, a.ethnic_minority, a.rural_workers, a.learners, a.rural_workers_new) == (180, 290, 250, 30, 25)


def test_blank_optional_counts_stay_blank_not_zero():
    a, errors = build_activity(good(women="", ethnic_minority=None, learners=" ", rural_workers_new=None,
                                    cost=""), today=TODAY)
    assert errors == []
    assert (a.women, a.ethnic_minority, a.learners, a.rural_workers_new, a.cost) == (None, None, None, None, None)


def test_required_fields_are_named_in_the_messages():
    msgs = messages({"notes": "chỉ có ghi chú"})
    for label in ("Ngày", "Tên hoạt động", "Nhóm chuyên đề", "Hình thức", "Số buổi", "Lượt người học"):
        assert f"{label}: chưa nhập (bắt buộc)." in msgs
    assert len(msgs) == 6


@pytest.mark.parametrize("field,value,label", [
    ("women", "301", "Nữ"), ("ethnic_minority", "400", "DTTS"), ("rural_workers", "301", "Lao động nông thôn"),
    ("learners", "301", "Số người (không trùng)"),
])
def test_parts_of_the_visits_cannot_exceed_them(field, value, label):
    msgs = messages(good(**{field: value}))
    assert any(m.startswith(f"{label}: ") and "lớn hơn Lượt người học (300)" in m for m in msgs), msgs


def test_new_rural_workers_cannot_exceed_learners_or_rural_visits():
    assert any("lớn hơn Số người (không trùng) (30)" in m for m in messages(good(rural_workers_new="31")))
    assert any("lớn hơn Lao động nông thôn (20)" in m
               for m in messages(good(rural_workers="20", learners="300", rural_workers_new="21")))


@pytest.mark.parametrize("raw,expected", [
    ("-3", "không được là số âm"), ("2,5", "phải là số nguyên"), ("nhiều", "không phải là một số"),
    ("2000", "lớn bất thường"),
])
def test_sessions_must_be_a_sensible_whole_number(raw, expected):
    msgs = messages(good(sessions=raw))
    assert len(msgs) == 1 and msgs[0].startswith("Số buổi: ") and expected in msgs[0], msgs


def test_zero_sessions_is_refused_but_zero_visits_is_allowed():
    assert messages(good(sessions="0")) == ["Số buổi: phải có ít nhất 1 buổi."]
    assert messages(good(visits="0", women="", ethnic_minority="", rural_workers="", learners="",
                         rural_workers_new="")) == []


def test_dates_must_lie_between_the_plan_start_and_a_month_ahead():
    assert "Ngày: 30/06/2013 nằm ngoài khoảng cho phép (01/07/2013 – 20/06/2014)." in messages(good(date="30/06/2013"))
    assert messages(good(date="01/07/2013")) == []
    assert messages(good(date="20/06/2014")) == []  # today + 31 days
    assert any(m.startswith("Ngày: 21/06/2014 nằm ngoài") for m in messages(good(date="21/06/2014")))
    assert messages(good(date="31/02/2014")) == ["Ngày: «31/02/2014» không phải là ngày có thật."]
    assert messages(good(date="2014-03-15")) == []


def test_end_date_must_not_precede_the_start():
    assert messages(good(end_date="14/03/2014")) == [
        "Ngày kết thúc: 14/03/2014 trước ngày bắt đầu (15/03/2014)."]
    assert messages(good(end_date="15/03/2014")) == []
    assert any("hơn một năm" in m for m in messages(good(end_date="17/03/2015")))


def test_unknown_category_and_format_are_explained():
    msgs = messages(good(category="thể dục", format="hội nghị"))
    assert msgs[0].startswith("Nhóm chuyên đề: «thể dục» không phải là một trong tám nhóm")
    assert msgs[1].startswith("Hình thức: «hội nghị» không phải là hình thức đã biết")


def test_activity_after_the_commune_merged_belongs_to_the_new_commune():
    _, errors = build_activity(good(date="01/08/2025"), today=dt.date(2025, 8, 2),
                               unit_valid_from="2013-12-02", unit_valid_to="2025-06-30")
    msgs = [e.message for e in errors]
    assert msgs == ["Ngày: 01/08/2025 sau ngày đơn vị thôi tồn tại (30/06/2025); hoạt động sau đó ghi vào sổ "
                    "của đơn vị mới."]


def test_every_problem_is_reported_at_once_in_field_order():
    msgs = messages(good(date="", women="500", sessions="-1"))
    assert [m.split(":")[0] for m in msgs] == ["Ngày", "Số buổi", "Nữ"]


def test_a_bad_activity_writes_nothing(commune_db):
    unit = get_installation(commune_db).unit
    bad = Activity(date=dt.date(2014, 3, 1), title="Lớp học", category="literacy", format="class",
                   sessions=2, visits=10, women=11)
    with pytest.raises(ClcValidationError) as exc:
        repo.add_activity(commune_db, unit.id, bad, actor="a", origin="o", today=TODAY)
    assert "Nữ: 11 lớn hơn Lượt người học (10)." in str(exc.value)
    assert commune_db.conn.execute("SELECT COUNT(*) FROM clc_activities").fetchone()[0] == 0
    assert commune_db.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 0


def test_an_update_that_breaks_a_rule_leaves_the_stored_record_as_it_was(commune_db):
    unit = get_installation(commune_db).unit
    a, _ = build_activity(good(), today=TODAY)
    stored = repo.add_activity(commune_db, unit.id, a, actor="a", origin="o", today=TODAY)
    a.visits = 10  # now women (180) > visits
    with pytest.raises(ClcValidationError):
        repo.update_activity(commune_db, stored.uuid, a, actor="a", origin="o", today=TODAY)
    again = repo.get_activity(commune_db, stored.uuid)
    assert (again.visits, again.revision) == (300, 1)


def test_districts_keep_no_log(db):
    district = units_repo.units_with_code(db, "610")[0]
    a, _ = build_activity(good(), today=TODAY)
    with pytest.raises(ClcValidationError, match="chỉ ghi cho xã"):
        repo.add_activity(db, district.id, a, actor="a", origin="o", today=TODAY)


def test_centre_rules():
    c, errors = build_centre({"name": "", "decision_date": "12/05/2031"}, today=TODAY)
    assert c is None
    assert [e.message for e in errors] == [
        "Tên trung tâm: chưa nhập (bắt buộc).",
        "Ngày quyết định: 12/05/2031 nằm ngoài khoảng 01/01/1990 – 20/05/2014."]
    c, errors = build_centre({"name": " TTHTCĐ  xã Đắk Pék ",
                              "branches": "Thôn Đắk Ung\n\nthôn đắk ung\nThôn Kon Riêng",
                              "decision_date": "03/09/2008", "combined_culture": True}, today=TODAY)
    assert errors == []
    assert c.name == "TTHTCĐ xã Đắk Pék"
    assert c.branches == ["Thôn Đắk Ung", "Thôn Kon Riêng"]  # a repeated branch (any spelling) once
    assert c.decision_date == dt.date(2008, 9, 3) and c.combined_culture is True


def test_quick_fold_gives_the_same_search_key_as_fold():
    import unicodedata

    from xhht_desktop.clc.domain import quick_fold
    from xhht_desktop.domain.text import fold

    letters = "aăâeêioôơuưy"
    every_vowel = [unicodedata.normalize("NFC", v + mark) for v in letters + letters.upper()
                   for mark in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")]
    samples = ["".join(every_vowel), "Đắk Pék", "ĐĂK  PEK", "Ia H'Drai", "Kon Tum’s", "Ngọk Tem",
               unicodedata.normalize("NFD", "Lớp xóa mù chữ Thôn Đắk Ung"), "e\u0301\u0323 (mark order)",
               "Trung tâm GDNN-GDTX huyện", "  spaces\tand\nlines  ", ""]
    for text in samples:
        assert quick_fold(text) == fold(text), text
