"""At exit the window waits for running tasks — but never for ever (a stuck worker once hung the
whole test run in `_finish_running_tasks`)."""
import logging
import threading
import time


def test_exit_waits_for_a_task_that_ends_and_gives_up_on_one_that_never_does(qapp, caplog):
    from ui.app import _finish_running_tasks
    from ui.tasks import run_task

    quick = run_task(None, "", lambda progress: time.sleep(0.2) or "done", show_dialog=False)
    _finish_running_tasks(qapp, [], patience_s=30)
    assert not quick.thread.isRunning()

    release = threading.Event()
    stuck = run_task(None, "", lambda progress: release.wait(30), show_dialog=False)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="xhht.ui"):
        _finish_running_tasks(qapp, [], patience_s=0.5)
    waited = time.monotonic() - started
    try:
        assert stuck.thread.isRunning()  # left behind, not destroyed
        assert "still running" in caplog.text and "thread" in caplog.text
        assert waited < 25  # it gave up long before the worker's own 30 s
    finally:
        release.set()
        _finish_running_tasks(qapp, [], patience_s=30)
    assert not stuck.thread.isRunning()
