"""The one writer: operations run one after another on one thread and connection, each says what
it changed, a failure leaves nothing half-written, and closing finishes what is queued."""

from __future__ import annotations

import threading

import pytest

from xhht_desktop.db import meta
from xhht_desktop.writer import Cancelled, Changes, Outcome, Writer


def test_operations_run_in_order_on_one_thread_and_say_what_changed(db, db_path):
    writer = Writer(db_path)
    seen = []

    def op(n):
        def run(wdb, _progress):
            seen.append((n, threading.current_thread().name, id(wdb)))
            meta.put(wdb, f"k{n}", str(n))
            return Outcome(Changes(settings=True), n)
        return run

    futures = [writer.submit(f"op {n}", op(n))[0] for n in range(5)]
    assert [f.result(10).value for f in futures] == [0, 1, 2, 3, 4]
    assert futures[0].result().changes == Changes(settings=True)
    assert [n for n, _t, _c in seen] == [0, 1, 2, 3, 4]
    assert len({t for _n, t, _c in seen}) == 1 and len({c for _n, _t, c in seen}) == 1
    assert seen[0][1] != threading.current_thread().name
    writer.close()
    assert meta.get(db, "k4") == "4"  # committed: another connection sees it


def test_a_failure_goes_to_its_caller_and_leaves_no_transaction_open(db, db_path):
    writer = Writer(db_path)

    def bad(wdb, _progress):
        wdb.conn.execute("BEGIN")
        meta.put(wdb, "half", "written")
        raise ValueError("refused")

    future, _ = writer.submit("bad", bad)
    with pytest.raises(ValueError, match="refused"):
        future.result(10)
    # The next operation is not inside the failed one's transaction, and nothing of it was kept.
    assert writer.run("next", lambda wdb, _p: wdb.conn.in_transaction).value is False
    writer.close()
    assert meta.get(db, "half") is None


def test_an_operation_queued_behind_another_knows_what_it_waits_for(db, db_path):
    writer = Writer(db_path)
    started, release = threading.Event(), threading.Event()

    def long_merge(wdb, _progress):
        started.set()
        release.wait(10)
        return Outcome(Changes.ALL)

    writer.submit("Nhập các gói", long_merge)
    assert started.wait(10)
    assert writer.busy_with() == "Nhập các gói"
    save, _ = writer.submit("Lưu số liệu", lambda wdb, _p: meta.put(wdb, "saved", "1"))
    assert writer.queued_labels() == ["Nhập các gói", "Lưu số liệu"]
    assert not save.done()
    release.set()
    save.result(10)
    assert writer.busy_with() is None and writer.queued_labels() == []
    writer.close()
    assert meta.get(db, "saved") == "1"


def test_cancelled_before_it_runs_and_close_finishes_the_queue(db, db_path):
    writer = Writer(db_path)
    release = threading.Event()
    writer.submit("hold", lambda wdb, _p: release.wait(10))
    doomed, progress = writer.submit("doomed", lambda wdb, _p: meta.put(wdb, "doomed", "1"))
    kept, _ = writer.submit("kept", lambda wdb, _p: meta.put(wdb, "kept", "1"))
    progress.cancelled = True
    release.set()
    writer.close()
    with pytest.raises(Cancelled):
        doomed.result(1)
    assert kept.done() and meta.get(db, "kept") == "1" and meta.get(db, "doomed") is None
    with pytest.raises(RuntimeError):
        writer.submit("late", lambda wdb, _p: None)


def test_changes_combine():
    both = Changes(values=True, uuids=("a",)) | Changes(clc=True, uuids=("b",))
    assert both.values and both.clc and not both.sync and both.uuids == ("a", "b")
    assert not Changes().any() and Changes.ALL.any()


def test_a_waiting_operation_can_be_withdrawn_but_not_one_already_running(db, db_path):
    """A save queued behind a long merge can be cancelled before it starts: it never runs, nothing
    is written, and the writer says so (True); once it has started, withdrawing it is refused."""
    writer = Writer(db_path)
    started, release = threading.Event(), threading.Event()
    writer.submit("Nhập các gói", lambda wdb, _p: (started.set(), release.wait(10)))
    assert started.wait(10)
    begun = []
    save, _ = writer.submit("Lưu số liệu", lambda wdb, _p: meta.put(wdb, "saved", "1"),
                            on_start=lambda: begun.append("save"))
    assert writer.queued_labels() == ["Nhập các gói", "Lưu số liệu"]
    assert writer.withdraw(save) is True
    assert writer.queued_labels() == ["Nhập các gói"]  # no longer announced as waiting
    assert writer.withdraw(save) is True  # asking twice changes nothing
    running_started, running_release = threading.Event(), threading.Event()
    later, _ = writer.submit("Lưu cài đặt", lambda wdb, _p: (running_started.set(), running_release.wait(10),
                                                              meta.put(wdb, "later", "1")))
    release.set()
    with pytest.raises(Cancelled):
        save.result(10)
    assert running_started.wait(10)
    assert writer.withdraw(later) is False  # running: too late, it is saved
    running_release.set()
    later.result(10)
    writer.close()
    assert begun == [] and meta.get(db, "saved") is None and meta.get(db, "later") == "1"
