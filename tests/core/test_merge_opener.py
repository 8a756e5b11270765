"""Issue 15 point 3: large batches are opened in a spawned helper process. It must open, check and
refuse exactly as the thread does (the same keys, the same table rules), and a merge through it
must leave the same database."""

from __future__ import annotations

import pytest

from tests.core.test_sync_fixtures import C44, PEK, confirm_all, department, sender
from xhht_desktop.domain.values import Entry
from xhht_desktop.sync import merge, merge_common, merge_read
from xhht_desktop.sync.package import OpenedPackage


@pytest.fixture
def batch_files(tmp_path):
    dept = department(tmp_path)
    sites = [sender(tmp_path, dept, "commune", code) for code in (PEK, C44)]
    for n, s in enumerate(sites):
        s.save("2014-H1", Entry("XMC_15_60", None, 100 + n, 200))
    firsts = [s.export(tmp_path / f"first-{n}") for n, s in enumerate(sites)]
    merge.merge_files(dept.db, firsts)
    confirm_all(dept)
    for n, s in enumerate(sites):
        s.save("2014-H1", Entry("XMC_15_60", None, 150 + n, 200))
    seconds = [s.export(tmp_path / f"second-{n}") for n, s in enumerate(sites)]
    yield dept, seconds
    for s in (dept, *sites):
        s.close()


def _open_all(batch, items, processes: bool, chunk: int = 1, ahead: int = 2):
    opener = merge_read.Opener(batch, items, ahead, processes=processes, chunk=chunk)
    try:
        out = []
        while (item := opener.next()) is not None:
            out.append(item)
        return opener.in_process, out
    finally:
        opener.close()


@pytest.mark.parametrize("chunk, ahead", [(1, 2), (2, 3), (3, 6)], ids=["one-per-call", "2-per-call", "3-per-call"])
def test_the_helper_process_opens_and_refuses_exactly_as_the_thread(batch_files, tmp_path, chunk, ahead):
    dept, seconds = batch_files
    broken = tmp_path / "broken.xhht"
    broken.write_bytes(seconds[0].read_bytes()[:-40])
    forged = bytearray(seconds[1].read_bytes())
    forged[len(forged) // 2] ^= 0xFF
    items = [("a", seconds[0]), ("broken", broken), ("b", seconds[1].read_bytes()), ("forged", bytes(forged)),
             ("gone", tmp_path / "none.xhht")]
    batch = merge_common._start(dept.db, False, None)

    in_thread, by_thread = _open_all(batch, items, processes=False)
    in_process, by_process = _open_all(batch, items, processes=True, chunk=chunk, ahead=ahead)

    assert not in_thread and in_process
    assert [i[0] for i in by_process] == [i[0] for i in by_thread] == ["a", "broken", "b", "forged", "gone"]
    for (_n, data_t, opened_t, prep_t), (_m, data_p, opened_p, prep_p) in zip(by_thread, by_process, strict=True):
        assert data_p == data_t
        assert type(opened_p) is type(opened_t)
        if isinstance(opened_t, OpenedPackage):
            assert opened_p.tables == opened_t.tables and opened_p.manifest == opened_t.manifest
            assert opened_p.fingerprint == opened_t.fingerprint
            assert prep_p.problems == prep_t.problems and prep_p.created == prep_t.created
        else:
            assert (opened_p.status, opened_p.code, opened_p.reason) == (opened_t.status, opened_t.code,
                                                                       opened_t.reason)
    assert [type(i[2]).__name__ for i in by_process] == ["OpenedPackage", "PackageResult", "OpenedPackage",
                                                         "PackageResult", "PackageResult"]


def test_a_merge_through_the_helper_process_leaves_the_same_database(batch_files, monkeypatch):
    dept, seconds = batch_files
    monkeypatch.setattr(merge, "OPEN_IN_PROCESS_FROM", 1)
    seen = []
    real = merge_read.Opener.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        seen.append(self.in_process)

    monkeypatch.setattr(merge_read.Opener, "__init__", spy)
    report = merge.merge_files(dept.db, seconds)
    assert seen == [True]
    assert [p.status for p in report.packages] == ["imported", "imported"]
    figures = dept.db.conn.execute("SELECT numerator FROM indicator_values WHERE indicator='XMC_15_60' "
                                   "ORDER BY numerator").fetchall()
    assert figures == [(150,), (151,)]


def test_if_the_helper_process_cannot_start_the_thread_opens(batch_files, monkeypatch):
    dept, seconds = batch_files

    def refuse(*_a, **_k):
        raise OSError("no processes here")

    monkeypatch.setattr(merge_read, "ProcessPoolExecutor", refuse)
    batch = merge_common._start(dept.db, False, None)
    in_process, out = _open_all(batch, [("a", seconds[0])], processes=True)
    assert not in_process and isinstance(out[0][2], OpenedPackage)
