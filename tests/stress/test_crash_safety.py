"""Reduced crash-safety run: a worker is SIGKILLed 36 times at random moments aimed at saves, Excel
imports, activities, backups, restores and merges (full run: `python bench/crash.py --kills 240`)."""

import random
import sqlite3
from collections import Counter

import pytest

from bench import crash
from bench.common import make_commune_db
from xhht_desktop.db import values_repo


@pytest.mark.parametrize("scenario", ["commune", "department"])
def test_nothing_acknowledged_is_lost_and_nothing_is_half_applied(tmp_path, scenario):
    s = crash.run(18, seed=11, workdir=tmp_path, scenario=scenario)
    assert s["failures"] == [], "\n".join(s["failures"][:10])
    assert s["final_integrity"] == "ok"
    assert sum(s["operations_acknowledged"].values()) >= 18
    # Enough kills must land inside an operation, or the run proves little.
    inside = sum(v for op, v in s["killed_during"].items() if op != "(between operations)")
    assert inside >= 6


def test_the_checks_catch_a_half_applied_save(tmp_path):
    # Plant what the harness exists to find: half of a save's indicators written, half not.
    crash.PACKAGE_INDEX.clear()
    db, inst = make_commune_db(tmp_path / "xa.sqlite3", sample_until=2015)
    conn = sqlite3.connect(str(tmp_path / "xa.sqlite3"))
    model = crash.Model(*crash.db_state(conn, inst.unit.id))
    conn.close()
    entries = crash._entries_for(inst.unit.code, "2016", 7, random.Random(1))
    indicators = sorted({e.indicator for e in entries})
    assert len(indicators) >= 2
    pending = {"n": 1, "phase": "intent", "op": "save", "period": "2016",
               "entries": [crash._entry_json(e) for e in entries]}
    first = [e for e in entries if e.indicator == indicators[0]]
    values_repo.save_entries(db, inst.unit.id, "2016", first, actor="t", origin="t")
    db.conn.close()
    failures = crash.verify(0, tmp_path, tmp_path / "xa.sqlite3", inst.unit.id, model, pending, Counter(), Counter())
    assert any("half-applied" in f for f in failures), failures
