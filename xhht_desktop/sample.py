""""Dữ liệu mẫu": plausible figures for exploring the app, never mistaken for real ones.

Deterministic (seeded by unit code) so that tests and screenshots are repeatable. Sample saves
are recorded in history with source "sample".
"""

from __future__ import annotations

import random

import sqlite_utils

from xhht_desktop.db import values_repo
from xhht_desktop.domain.catalogue import indicators_for_level
from xhht_desktop.domain.periods import Period, all_periods, applies
from xhht_desktop.domain.values import Entry

SAMPLE_ACTOR = "Dữ liệu mẫu"


def sample_entries(unit_code: str, level: str, period: Period) -> list[Entry]:
    rng = random.Random(f"{unit_code}|{period.code}")
    progress = min(1.0, max(0.0, (period.year - 2013) / 7))
    entries: list[Entry] = []
    for ind in indicators_for_level(level):
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


def fill_sample_data(db: sqlite_utils.Database, unit_id: int, *, origin: str,
                     until_year: int = 2020) -> int:
    """Fill every period from 2013-H2 to `until_year` for one unit. Returns records written."""
    unit = db.conn.execute("SELECT code, level, valid_from, valid_to FROM units WHERE id=?", (unit_id,)).fetchone()
    # Only the periods the unit lived through (a commune formed on 1 July 2025: 2025-H2, 2025, 2026).
    until_year = max(until_year, int(unit[2][:4]) + 1)
    written = 0
    for period in all_periods():
        if period.year > until_year:
            break
        day = period.end.isoformat()
        if not (unit[2] <= day and (unit[3] is None or day <= unit[3])):
            continue
        entries = sample_entries(unit[0], unit[1], period)
        result = values_repo.save_entries(db, unit_id, period.code, entries, actor=SAMPLE_ACTOR,
                                          origin=origin, source="sample")
        written += result.changed
    return written


def fill_sample_installation(db: sqlite_utils.Database, unit_id: int, *, origin: str) -> int:
    """Everything "Dữ liệu mẫu" gives a new installation: figures, and for a commune its learning
    centre and activity log (when that feature is present). Returns records written."""
    written = fill_sample_data(db, unit_id, origin=origin)
    try:
        from xhht_desktop.clc.sample import fill_sample_log
    except ModuleNotFoundError as exc:
        if exc.name not in ("xhht_desktop.clc", "xhht_desktop.clc.sample"):
            raise
    else:
        written += fill_sample_log(db, unit_id, origin=origin)
    return written
