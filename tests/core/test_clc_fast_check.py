"""The merge's fast path for the centre log's rules (clc.domain._record_is_sound) never vouches for a
record the full rules refuse: check_activity_record gives exactly what the full rules give (the same
fields, codes and words, or the same exception) on sound, broken and hostile activities, and it does
take the fast path for the sound ones (the reason it exists: 25 activities per package, 10,000 packages)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from bench.hostile_packages import CONTROLS, FORMULAS
from xhht_desktop.clc import domain
from xhht_desktop.clc.domain import _record_is_sound, _record_problems, check_activity_record

TODAY = dt.date(2024, 7, 10)


def sound() -> dict:
    """An activity as a package carries it, as bench/synth.py makes them."""
    return {"date": "2024-03-04", "end_date": "2024-03-20", "title": "Kỹ thuật trồng lúa (đợt 1)",
            "category": "agri_tech", "format": "class", "place": "Nhà văn hóa thôn 3", "sessions": 6,
            "partner": "Trạm Khuyến nông", "visits": 180, "women": 90, "ethnic_minority": 120, "rural_workers": 100,
            "learners": 30, "rural_workers_new": 12, "cost": 1_500_000, "funding": "Ngân sách xã",
            "notes": "Hai dòng\nghi chú\tcó tab"}


# Values each field is tried with: the edges of every rule, wrong types, and what hostile packages send.
COMMON = [None, "", 0, -1, 1, True, False, 1.0, 2.5, float("nan"), "1", [], {}, "x" * 3000]
DATES = ["2024-03-04", "2013-07-01", "2013-06-30", "2024-08-10", "2024-08-11", "2024-02-30", "2024-13-01",
         "20240304", "2024-W10-1", "04/03/2024", "２０２４-０３-０４", "0000-01-01", "9999-12-31", " 2024-03-04",
         "2024-03-04\n", "2024-3-4", "2019-12-31", "2020-01-01", "2023-06-30", "2023-07-01"]
END_DATES = ["2024-03-04", "2024-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2024-02-30", "20240320"]
COUNTS = [0, 1, 30, 90, 100, 120, 180, 181, 1_000, 1_001, 100_000, 100_001, 100_000_000_000,
          100_000_000_001, 10**30, -5]
TEXTS = [*CONTROLS, *FORMULAS, "Tiêu đề thường", "a\tb", "a\nb", "a\rb", "dòng\u2028mới", "\u202eđảo", "\u200b",
         "\x7f", "\x85", "\x9f", "\xa0", "x" * 200, "x" * 201, "x" * 300, "x" * 301, "x" * 2000, "x" * 2001]
CODES = ["agri_tech", "literacy", "class", "other", "AGRI_TECH", "Lớp học", "nope", ["agri_tech"], ("class",)]

FIELD_VALUES: dict[str, list] = {name: COMMON for name in domain.ACTIVITY_FIELDS}
FIELD_VALUES.update({"date": COMMON + DATES, "end_date": COMMON + DATES + END_DATES,
                     "category": COMMON + CODES, "format": COMMON + CODES})
for _name in domain.COUNT_FIELDS:
    FIELD_VALUES[_name] = COMMON + COUNTS
for _name in domain.TEXT_FIELDS:
    FIELD_VALUES[_name] = COMMON + TEXTS
UNIT_BOUNDS = [(None, None), ("2024-03-04", None), ("2024-03-05", None), (None, "2024-03-04"),
               (None, "2024-03-03"), ("2020-01-01", "2025-06-30"), ("", "")]


def outcome(fn, values: dict, bounds: tuple) -> object:
    try:
        found = fn(values, unit_valid_from=bounds[0], unit_valid_to=bounds[1], today=TODAY)
    except Exception as exc:  # noqa: BLE001 - the same exception on both paths is the same behaviour
        return ("raises", type(exc))
    return [(e.field, e.message.code, str(e.message)) for e in found]


def assert_same(values: dict, bounds: tuple = (None, None)) -> None:
    fast = outcome(check_activity_record, values, bounds)
    assert fast == outcome(_record_problems, values, bounds), values
    if _record_is_sound_safe(values, bounds):
        assert fast == [], values


def _record_is_sound_safe(values: dict, bounds: tuple) -> bool:
    try:
        return _record_is_sound(values, bounds[0], bounds[1], TODAY)
    except Exception:  # noqa: BLE001
        return False


def test_a_sound_activity_takes_the_fast_path_and_passes():
    for bounds in UNIT_BOUNDS[:2] + UNIT_BOUNDS[3:4] + UNIT_BOUNDS[5:]:
        assert _record_is_sound(sound(), bounds[0], bounds[1], TODAY)
        assert check_activity_record(sound(), unit_valid_from=bounds[0], unit_valid_to=bounds[1], today=TODAY) == []
    blanks = {**sound(), "end_date": None, "women": None, "ethnic_minority": None, "rural_workers": None,
              "learners": None, "rural_workers_new": None, "cost": None, "place": "", "partner": None,
              "funding": "", "notes": ""}
    assert _record_is_sound(blanks, None, None, TODAY)


def test_the_fast_path_is_used_on_the_benchmark_activities():
    from bench.synth import sample_activities
    from xhht_desktop.domain.periods import parse_period

    for code in ("23353", "00001", "27000"):
        for a in sample_activities(code, parse_period("2024-H1"), 25):
            stored = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in a.items()}
            assert _record_is_sound(stored, "2013-12-02", None, TODAY), stored
            assert_same(stored, ("2013-12-02", None))


@pytest.mark.parametrize("name", domain.ACTIVITY_FIELDS)
def test_every_value_of_every_field_gets_the_same_answer_on_both_paths(name):
    for value in FIELD_VALUES[name]:
        for bounds in UNIT_BOUNDS:
            assert_same({**sound(), name: value}, bounds)
    missing = sound()
    del missing[name]
    assert_same(missing)


def test_relations_between_counts_and_dates_get_the_same_answer_on_both_paths():
    # Each part of the visits, the new rural workers against their three bounds, course lengths.
    for a, b in itertools.product(("women", "ethnic_minority", "rural_workers", "learners", "rural_workers_new"),
                                  ("visits", "learners", "rural_workers")):
        for va, vb in itertools.product((None, 0, 29, 30, 31, 180, 181), (None, 0, 29, 30, 31, 180)):
            assert_same({**sound(), a: va, b: vb})
    for start, end in itertools.product(DATES, END_DATES + DATES):
        assert_same({**sound(), "date": start, "end_date": end})


def test_random_hostile_records_get_the_same_answer_on_both_paths():
    rng = random.Random(20241205)
    names = list(domain.ACTIVITY_FIELDS)
    sound_seen = 0
    for _ in range(4000):
        values = sound()
        for name in rng.sample(names, rng.randint(1, 4)):
            values[name] = rng.choice(FIELD_VALUES[name])
        bounds = rng.choice(UNIT_BOUNDS)
        assert_same(values, bounds)
        sound_seen += _record_is_sound_safe(values, bounds)
    assert sound_seen > 50  # the draw did reach sound records too, not only broken ones


def test_a_broken_record_is_refused_with_its_usual_messages():
    found = check_activity_record({**sound(), "title": "a\x07b", "visits": 10}, unit_valid_from=None,
                                  unit_valid_to=None, today=TODAY)
    assert {e.field for e in found} == {"title", "women", "ethnic_minority", "rural_workers", "learners",
                                        "rural_workers_new"}
    assert any(e.message.code == "clc.field_problem" and "U+0007" in e.message for e in found)


def test_the_fast_path_reads_every_field_of_an_activity_and_knows_which_are_multi_line():
    assert set(domain._SOUND_FIELDS) == set(domain.ACTIVITY_FIELDS)
    assert domain.MULTILINE_FIELDS == {"notes"}  # _record_is_sound lets a line break through there only
