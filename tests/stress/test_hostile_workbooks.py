"""Reduced hostile-workbook run: 160 malformed entry workbooks, every promise checked
(full run: `python bench/hostile_workbooks.py --n 2000 --bombs`)."""

from bench import hostile_workbooks as hw
from xhht_desktop.io import xlsx_entry


def test_hostile_workbooks_are_imported_whole_or_refused_with_reasons(tmp_path):
    summary = hw.run(160, seed=7, workdir=tmp_path)
    assert summary["failures"] == {}, "\n".join(
        f"{cid}: " + "\n  ".join(probs) for cid, probs in list(summary["failures"].items())[:10])
    assert summary["integrity"] == "ok"
    # The run must have exercised both outcomes and the main families of damage.
    assert summary["accepted"] >= 10 and summary["refused"] >= 100
    seen = set(summary["by_mutation"])
    assert {"text_in_number", "negative", "formula", "wrong_unit", "bytes:truncate"} <= seen


def test_the_harness_catches_a_half_import(tmp_path, monkeypatch):
    # Plant the bug the harness exists to find: an import that writes the good rows of a bad file.
    real_check = xlsx_entry.check_workbook

    def lenient_check(db, unit, path):
        result = real_check(db, unit, path)
        result.problems = [p for p in result.problems if p.row is None]
        return result

    monkeypatch.setattr(xlsx_entry, "check_workbook", lenient_check)
    summary = hw.run(40, seed=7, workdir=tmp_path)
    broken = "\n".join(p for probs in summary["failures"].values() for p in probs)
    assert "accepted a file that must be refused" in broken
