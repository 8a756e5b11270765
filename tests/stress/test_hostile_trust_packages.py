"""Reduced hostile-package run of the trust and budget classes of issue 12 (sequence jumps, extreme
timestamps, revision jumps, a confirmed key signing for another unit, a revoked key claiming a new
one): each refused or held, never applied, the data unchanged, the merge never raising."""

from bench import hostile_packages as hp


def test_trust_and_budget_classes_are_refused_or_held_and_change_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(hp, "MUTATIONS", dict(hp.TRUST_MUTATIONS))
    s = hp.run(80, seed=12, workdir=tmp_path)
    assert s["failures"] == {}, "\n".join(f"{k}: {v}" for k, v in list(s["failures"].items())[:10])
    assert s["data_unchanged"] and s["integrity"] == "ok"
    assert set(s["by_mutation"]) == set(hp.TRUST_MUTATIONS)
    assert s["outcomes"].get("imported", 0) == 0 and s["outcomes"].get("conflict", 0) == 0
    for code in ("sequence_jump", "bad_time", "revision_jump", "revoked"):
        assert s["codes"].get(code, 0) > 0, (code, s["codes"])
    assert s["outcomes"].get("held", 0) > 0  # another unit's package under a confirmed key waits
