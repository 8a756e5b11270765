"""Reduced hostile-package run: 600 damaged, forged and malicious packages against the merge
(full run: `python bench/hostile_packages.py --n 10000`)."""

from bench import hostile_packages as hp


def test_every_hostile_package_is_refused_and_changes_nothing(tmp_path):
    s = hp.run(600, seed=5, workdir=tmp_path)
    assert s["failures"] == {}, "\n".join(f"{k}: {v}" for k, v in list(s["failures"].items())[:10])
    assert s["data_unchanged"] and s["integrity"] == "ok"
    assert s["outcomes"].get("rejected", 0) >= 450
    assert s["outcomes"].get("imported", 0) == 0 and s["outcomes"].get("conflict", 0) == 0
    # The main families all ran.
    assert {"flip_bits", "truncate", "invalid_rows_genuine_key", "replay", "wrong_recipient", "age_header_budget",
            "manifest_resigned_known_installation"} <= set(s["by_mutation"])


def test_the_harness_notices_an_applied_package(tmp_path, monkeypatch):
    # Plant the failure the harness exists to find: a "replay" that is in fact a new genuine package.
    lab_init = hp.Lab.__init__

    def init(self, *a, **kw):
        lab_init(self, *a, **kw)
        fresh = [self.package(inst, "2017-H1", sequence=9, previous=None)[0] for inst in self.insts[:3]]
        self.merged = fresh

    monkeypatch.setattr(hp.Lab, "__init__", init)
    monkeypatch.setattr(hp, "MUTATIONS", {"replay": (1, hp.m_replay)})
    s = hp.run(5, seed=1, workdir=tmp_path)
    assert s["failures"], "an imported package went unnoticed"
    assert any("expected ['duplicate']" in p for probs in s["failures"].values() for p in probs)
