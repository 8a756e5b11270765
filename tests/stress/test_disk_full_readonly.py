"""Full disk and read-only files (bench/disk.py): nothing may be damaged, and the official must be
told, in Vietnamese, what is wrong."""

import pytest

from bench import disk


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    return disk.scenarios(tmp_path_factory.mktemp("disk"))


def test_a_full_disk_or_a_read_only_file_damages_nothing(outcomes):
    # 8 scenarios where tmpfs and chattr are available (root, as in CI); at least the RLIMIT_FSIZE
    # fallback elsewhere.
    assert outcomes
    for o in outcomes:
        assert o.integrity == "ok", o.scenario
        assert o.fingerprint_same or o.returncode == 0, f"{o.scenario}: the database changed although it failed"
        assert not o.stray_output, f"{o.scenario}: a half-written file under the requested name"


def test_reading_a_read_only_database_still_works(outcomes):
    reads = [o for o in outcomes if o.scenario.startswith("values from a read-only")]
    if not reads:
        pytest.skip("neither chattr nor a read-only mount is available here")
    assert reads[0].returncode == 0, reads[0].stderr


def test_a_full_disk_or_a_read_only_file_is_explained_in_vietnamese(outcomes):
    bad = [f"{o.scenario}: {'; '.join(o.problems)} — {o.stderr.splitlines()[-1] if o.stderr else ''}"
           for o in outcomes if not o.ok]
    assert bad == []
