"""The merge's fast check of a period's figures (domain.values.entries_sound) never vouches for a
period the full rules (validate_entries, no previous period) would refuse or warn about, and it does
vouch for the ordinary ones (the sample figures every level sends): the merge then skips building
69 Entry objects and their messages per package."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from bench.hostile_packages import CONTROLS, FORMULAS
from xhht_desktop.domain.catalogue import catalogue_for
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.values import MAX_PEOPLE, Entry, entries_sound, validate_entries
from xhht_desktop.sample import sample_entries

TODAY = dt.date(2027, 1, 10)
PERIODS = ["2014-H1", "2019", "2024", "2024-H1", "2026"]


def fields(e: Entry) -> tuple:
    return dataclasses.astuple(e)


def outcome(entries: list[tuple], period: str):
    try:
        return [(i.severity, i.indicator, i.breakdown, i.field, i.code, str(i.message))
                for i in validate_entries([Entry(*t) for t in entries], catalogue=period, today=TODAY)]
    except Exception as exc:  # noqa: BLE001
        return ("raises", type(exc))


def sound_says(entries: list[tuple], period: str) -> bool:
    try:
        return entries_sound(entries, catalogue_for(period).by_code, TODAY)
    except Exception:  # noqa: BLE001 - the fast check may stumble where the full rules raise: not "sound"
        return False


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("level", ["xa", "huyen", "tinh"])
def test_the_sample_figures_of_every_level_are_sound_on_both_paths(period, level):
    for code in ("23353", "00001", "27000", "51"):
        entries = [fields(e) for e in sample_entries(code, level, parse_period(period))]
        if not entries:  # a level and period with nothing to enter (figures are yearly since 2021)
            continue
        assert outcome(entries, period) == []
        assert entries_sound(entries, catalogue_for(period).by_code, TODAY)


NUMBERS = [None, 0, 1, 2, 3, 4, 5, 50, 99, 100, 101, MAX_PEOPLE, MAX_PEOPLE + 1, -1, True, False, 1.0, 2.5, "7", "",
           float("nan"), 10**30]
TEXTS = ["", "Ghi chú", "hai\ndòng\ttab", *CONTROLS, *FORMULAS, "\u2028", "\u202e", "\x85", "x" * 201, 0, 5]
DATES = [None, "", "2024-05-31", "31/05/2024", "2027-01-10", "2027-01-11", "2024-02-30", "nope", 20240531]
BREAKDOWNS = [None, "nu", "dtts", "khac"]


def mutate(rng: random.Random, entries: list[tuple], codes: list[str]) -> list[tuple]:
    entries = [list(t) for t in entries]
    for _ in range(rng.randint(1, 3)):
        t = rng.choice(entries) if entries and rng.random() < 0.85 else None
        if t is None:  # a figure the catalogue does not have, or another breakdown of a known one
            entries.append([rng.choice([*codes, "KHONG_CO"]), rng.choice(BREAKDOWNS), *[None] * 3, "", "", None, ""])
            continue
        i = rng.randrange(1, 9)
        t[i] = rng.choice({1: BREAKDOWNS, 2: NUMBERS, 3: NUMBERS, 4: NUMBERS, 5: TEXTS, 6: TEXTS, 7: DATES,
                           8: TEXTS}[i])
    return [tuple(t) for t in entries]


@pytest.mark.parametrize("period", PERIODS)
def test_random_broken_and_hostile_periods_are_never_vouched_for(period):
    rng = random.Random(period)
    codes = list(catalogue_for(period).by_code)
    vouched = 0
    for trial in range(600):
        level = rng.choice(["xa", "huyen", "tinh"])
        base = [fields(e) for e in sample_entries(str(trial), level, parse_period(period))]
        entries = mutate(rng, base, codes)
        if sound_says(entries, period):
            vouched += 1
            assert outcome(entries, period) == [], entries
    assert vouched > 20  # some mutations keep a period sound (a figure moved within its bounds)


def test_a_breakdown_above_its_total_and_a_half_fraction_are_refused():
    period = "2024"
    by_code = catalogue_for(period).by_code
    rate = next(i for i in by_code.values() if i.kind == "rate" and "nu" in i.breakdowns)
    ok = [(rate.code, None, 50, 100, None, "", "", None, ""), (rate.code, "nu", 20, 40, None, "", "", None, "")]
    assert entries_sound(ok, by_code, TODAY) and outcome(ok, period) == []
    for broken in ([ok[0], (rate.code, "nu", 60, 100, None, "", "", None, "")],
                   [(rate.code, None, 50, None, None, "", "", None, "")],
                   [(rate.code, None, 1, 0, None, "", "", None, "")],
                   [(rate.code, None, 0, 0, 3, "", "", None, "")]):
        assert not entries_sound(broken, by_code, TODAY)
        assert outcome(broken, period) != []


@pytest.mark.parametrize("period", ["2019", "2024"])
def test_each_breakdown_just_above_or_at_its_total_gets_the_same_answer_on_both_paths(period):
    entries = [fields(e) for e in sample_entries("23353", "xa", parse_period(period))]
    totals = {t[0]: t for t in entries if t[1] is None}
    tried = 0
    for n, t in enumerate(entries):
        total = totals.get(t[0])
        if t[1] is None or total is None:
            continue
        for i in (2, 3, 4):
            if total[i] is None:
                continue
            for delta in (0, 1):
                changed = list(t)
                changed[i] = total[i] + delta
                if i == 2 and changed[3] is not None:  # keep the part's own fraction sound
                    changed[3] = max(changed[3], changed[2])
                trial = [*entries[:n], tuple(changed), *entries[n + 1:]]
                assert sound_says(trial, period) == (outcome(trial, period) == []), (t, i, delta)
                tried += 1
    assert tried > 10
