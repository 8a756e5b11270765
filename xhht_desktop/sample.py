""""Dữ liệu mẫu": plausible figures for exploring the app, never mistaken for real ones.

Deterministic (seeded by unit code) so that tests and screenshots are repeatable. Sample saves
are recorded in history with source "sample".
"""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from xhht_desktop.db import values_repo
from xhht_desktop.domain.catalogue import catalogue_for
from xhht_desktop.domain.levels import suggest_degree
from xhht_desktop.domain.periods import Period, all_periods, applies
from xhht_desktop.domain.values import Entry

SAMPLE_ACTOR = "Dữ liệu mẫu"
SAMPLE_DECISION_BODY = "Cơ quan công nhận (dữ liệu mẫu)"

# Denominators of the 2021–2030 rates a commune enters (people, children, households…).
_DENOMINATORS_2130 = {
    "XMC1_15_35": 2100, "XMC1_15_25": 1400, "XMC2_15_60": 4200, "XMC2_15_35": 2100, "TRE5_DI_HOC": 80,
    "TRE5_HT_CTMN": 80, "TRE6_VAO_LOP1": 85, "TRE11_HT_TH": 80, "TRE14_HT_TH": 320, "TN_THCS_15_18": 330,
    "HOC_THPT_GDNN_15_18": 330, "NLD_NANG_LUC_TT": 5200, "NLD_KY_NANG_SONG": 5200, "DS15_CMKT": 6500,
    "DS15_DAI_HOC": 6500, "CSGD_MOI_TRUONG_SO": 6, "CB_KH_XA_CNTT": 12, "GIA_DINH_HOC_TAP": 1500,
    "DONG_HO_HOC_TAP": 30, "CONG_DONG_HOC_TAP_THON": 12, "DON_VI_HOC_TAP_XA": 25, "CONG_DAN_HOC_TAP": 5000,
    "CDHT_NGUOI_LON_GD_DH_CD": 2400, "CDHT_CBCC_DVHT": 300, "CDHT_KY_NANG_SO": 1800,
    "CDHT_THANH_THAO_KNS": 1800, "TV_TRUONG_HTSD": 5, "BAO_TANG_GD": 3,
}
# NĐ 20/2014 rates start near their thresholds (90–98%), the others well below their 2025 target.
_NEAR_THRESHOLD = {"XMC1_15_35", "XMC1_15_25", "XMC2_15_60", "XMC2_15_35", "TRE5_DI_HOC", "TRE5_HT_CTMN",
                   "TRE6_VAO_LOP1", "TRE11_HT_TH", "TRE14_HT_TH", "TN_THCS_15_18", "HOC_THPT_GDNN_15_18"}


def sample_entries(unit_code: str, level: str, period: Period) -> list[Entry]:
    if period.programme_code != "KH2780":
        return _sample_entries_2130(unit_code, level, period)
    rng = random.Random(f"{unit_code}|{period.code}")
    progress = min(1.0, max(0.0, (period.year - 2013) / 7))
    entries: list[Entry] = []
    for ind in catalogue_for(period).for_level(level):
        if not applies(ind.periodicity, period):
            continue
        if ind.has_fraction:
            base_den = {"XMC_15_60": 4200, "XMC_15_35": 2100, "XMC_MOI_TIEP_TUC": 90,
                        "LDNT_HOC_TTHTCD": 2600, "HSSV_KNS": 900, "KNS_THAM_GIA": 1500}.get(ind.code, 40)
            if level != "xa":
                base_den *= 4
            den = int(base_den * rng.uniform(0.9, 1.1))
            target = ind.target_2020 or 80
            start = max(10.0, target - 25)
            share = min(100.0, start + (target - start) * progress + rng.uniform(-4, 3)) / 100
            num = min(den, int(den * share))
            entries.append(Entry(ind.code, None, num, den))
            for bd, part in (("nu", 0.49), ("dtts", 0.7)):
                if bd in ind.breakdowns:
                    bden = int(den * part)
                    gap = 0.06 if bd == "nu" else 0.04
                    bnum = min(bden, num, int(bden * max(0.0, share - gap * (1 - progress))))
                    entries.append(Entry(ind.code, bd, bnum, bden))
        elif ind.kind == "flag":
            entries.append(Entry(ind.code, None, value=1 if rng.random() < 0.55 + 0.4 * progress else 0))
        else:
            entries.append(Entry(ind.code, None, value=rng.randint(0, 12)))
    return entries


def _sample_entries_2130(unit_code: str, level: str, period: Period) -> list[Entry]:
    """The 2021–2030 programme: rates, flags and counts as in plan 2780's sample; the levels (mức độ)
    are the degrees NĐ 20/2014 gives from the sample's own rates, recognised by a sample decision of
    March of the year; the learning-community rating (1 from 2022, 2 from 2026) shows its lapsing:
    the 2022 decision lapses in March 2025."""
    rng = random.Random(f"{unit_code}|{period.code}")
    progress = min(1.0, max(0.0, (period.year - 2021) / 9))
    entries: list[Entry] = []
    levels = []
    for ind in catalogue_for(period).for_level(level):
        if not applies(ind.periodicity, period):
            continue
        if ind.has_fraction:
            den = int(_DENOMINATORS_2130.get(ind.code, 40) * (6 if level != "xa" else 1) * rng.uniform(0.9, 1.1))
            if ind.code in _NEAR_THRESHOLD:
                share = min(100.0, 91 + 6 * progress + rng.uniform(-3, 2)) / 100
            else:
                target = ind.target_2030 or ind.target_2025 or 60
                start = max(10.0, target - 30)
                share = min(100.0, start + (target - start) * progress + rng.uniform(-4, 3)) / 100
            num = min(den, int(den * share))
            entries.append(Entry(ind.code, None, num, den))
            for bd, part in (("nu", 0.49), ("dtts", 0.7)):
                if bd in ind.breakdowns:
                    bden = int(den * part)
                    bnum = min(bden, num, int(bden * max(0.0, share - 0.03 * (1 - progress))))
                    entries.append(Entry(ind.code, bd, bnum, bden))
        elif ind.kind == "flag":
            entries.append(Entry(ind.code, None, value=1 if rng.random() < 0.5 + 0.45 * progress else 0))
        elif ind.kind == "level":
            levels.append(ind)
        else:
            entries.append(Entry(ind.code, None, value=rng.randint(0, 12)))
    figures = {e.indicator: (e.numerator, e.denominator) for e in entries if e.breakdown is None}
    recognised: dict[str, int] = {}
    for ind in levels:  # in catalogue order: XMC before PCTH before PCTHCS (their prerequisites)
        day = dt.date(period.year, 3, 15)
        if ind.code == "CDHT_XA_MUC_DO":
            degree, day = (0, None) if period.year < 2022 else (1, dt.date(2022, 3, 15)) \
                if period.year < 2026 else (2, dt.date(2026, 3, 15))
        else:
            suggestion = suggest_degree(ind.code, figures, recognised)
            degree = suggestion.degree if suggestion else rng.randint(0, ind.scale[1] if ind.scale else 1)
        recognised[ind.code] = degree
        if degree:
            entries.append(Entry(ind.code, None, value=degree, decision_no=f"{rng.randint(10, 399)}/QĐ-UBND",
                                 decision_date=day.isoformat(), decision_body=SAMPLE_DECISION_BODY))
        else:
            entries.append(Entry(ind.code, None, value=0))
    return entries


def fill_sample_data(db: sqlite_utils.Database, unit_id: int, *, origin: str,
                     until_year: int | None = None) -> int:
    """Fill every period of the unit's life from 2013-H2 to `until_year` (default: this year) for
    one unit: plan 2780's indicators up to 2020, the 2021–2030 programme's after. Returns records
    written."""
    unit = db.conn.execute("SELECT code, level, valid_from, valid_to FROM units WHERE id=?", (unit_id,)).fetchone()
    until_year = until_year if until_year is not None else dt.date.today().year
    written = 0
    for period in all_periods():
        if period.year > until_year:
            break
        day = period.end.isoformat()
        if day < unit[2] or (unit[3] is not None and day > unit[3]):
            continue  # the unit did not exist on the period's last day
        entries = sample_entries(unit[0], unit[1], period)
        result = values_repo.save_entries(db, unit_id, period.code, entries, actor=SAMPLE_ACTOR,
                                          origin=origin, source="sample")
        written += result.changed
    return written


def fill_sample_installation(db: sqlite_utils.Database, unit_id: int, *, origin: str) -> int:
    """Everything "Dữ liệu mẫu" gives a new installation: figures, and for a commune its learning
    centre and activity log. Returns records written."""
    from xhht_desktop.clc.sample import fill_sample_log

    written = fill_sample_data(db, unit_id, origin=origin)
    written += fill_sample_log(db, unit_id, origin=origin)
    return written
