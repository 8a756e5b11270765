"""The thread primitive of the UI: run work in a worker thread with progress and cancel.

Workers never touch widgets; they report through queued signals. Every exception in the worker is
caught and delivered to `on_error` so the UI never waits forever.

Database work does not call this directly: reads are `ui.operations.QueryOp` (which runs on this,
with its own connection) and writes are `ui.operations.CollectionOp` (queued to the one writer).
`run_task` is used directly only for work that touches no database: printing, copying a file,
arranging rows already loaded, backups and restores that work on the database *file* by path.

Usage:
    run_task(parent, "Đang in…", lambda progress: render(..., progress=progress),
             on_done=lambda result: ..., on_error=lambda exc, tb: ...)

The callable receives a `Progress` object: call `progress.update(done, total, text)` and check
`progress.cancelled` (or call `progress.check()`, which raises `Cancelled`).
"""

from __future__ import annotations

import gc
import sys
import traceback
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.i18n import core_words


class _GuiThreadGarbageCollector(QObject):
    """Run Python's cyclic garbage collector on the GUI thread only.

    Automatic collection runs in whichever thread happens to allocate; if a worker triggers it, it
    may free the last reference to a widget or QObject that belongs to the GUI thread and destroy it
    from the wrong thread (a crash, seen when a page or context is dropped while an export runs).
    Once the first worker is started, automatic collection is switched off and done here instead,
    with the same generation thresholds (the approach of pyqtgraph and calibre).
    """

    _instance: _GuiThreadGarbageCollector | None = None

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.threshold = gc.get_threshold()
        gc.disable()
        # Whatever is already garbage goes at the first tick, on this thread, and what lives then is
        # frozen: a full collection walks every object made at start-up (8 ms on the GUI thread), and
        # the first worker is started while the window is being filled (the first page's figures).
        self._first_collection_done = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(500)

    @classmethod
    def ensure(cls) -> None:
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return
        if cls._instance is None:
            cls._instance = cls(app)
            app.destroyed.connect(cls._forget)
        else:
            cls._instance.check()

    @staticmethod
    def _forget(*_args) -> None:
        global _background
        _GuiThreadGarbageCollector._instance = None
        gc.unfreeze()
        gc.enable()
        if _background:  # the application is gone: whatever still ran gives the interval back
            _background = 1
            background_ended()

    @Slot()
    def tick(self) -> None:
        if not self._first_collection_done:
            self._first_collection_done = True
            gc.collect()
            gc.freeze()
            return
        self.check()

    def check(self) -> None:
        if not self._first_collection_done:
            return  # the first tick collects everything
        l0, l1, l2 = gc.get_count()
        if l0 > self.threshold[0]:
            gc.collect(0)
            if l1 > self.threshold[1]:
                gc.collect(1)
                if l2 > self.threshold[2]:
                    # A full collection walks every object: with a province's log loaded that took
                    # half a second on the GUI thread. What survives it is frozen (left out of
                    # later collections, as CPython's own gc.freeze() advice for long-lived heaps),
                    # so each full collection only walks what was made since the last one. Plain
                    # garbage is still freed by reference counting; only a cycle that was alive
                    # at a freeze and dies later is kept.
                    gc.collect(2)
                    gc.freeze()


def gui_thread_collects() -> bool:
    """Whether garbage is collected on the GUI thread (a worker has been started in this
    application): automatic collection is then off, and must stay so."""
    return _GuiThreadGarbageCollector._instance is not None


# ---- the GIL switch interval, while background work runs ---------------------------------------
# A thread running Python holds the GIL for up to the switch interval (CPython: 5 ms) each time
# another thread asks for it, and the GUI thread asks at every data() call of a table it paints
# and at every signal it delivers. While a merge (on the writer) or a 51,000-row load (a worker)
# runs Python, 1 ms instead of 5 keeps the window fluid (issue 13's gui-block benchmark: p99 of
# the GUI thread's blocks; docs/architecture.md). The interval is process-wide, so it is set only
# while such work runs — from the first Task or writer operation started until the last one has
# ended — and the previous value is put back then. Counted on the GUI thread only.
FAST_SWITCH_INTERVAL = 0.001
_background = 0
_switch_before: float | None = None


def background_started() -> None:
    """A worker or a writer operation starts (GUI thread): the short switch interval while any runs."""
    global _background, _switch_before
    if _background == 0:
        _switch_before = sys.getswitchinterval()
        sys.setswitchinterval(FAST_SWITCH_INTERVAL)
    _background += 1


def background_ended() -> None:
    """One has ended (GUI thread): the interval goes back once none runs."""
    global _background, _switch_before
    _background = max(0, _background - 1)
    if _background == 0 and _switch_before is not None:
        sys.setswitchinterval(_switch_before)
        _switch_before = None


# `Cancelled`, raised inside a worker when the user pressed Hủy, is the writer's own class, so that a
# page catches one `Cancelled` whether its work ran on a worker (QueryOp) or on the writer
# (CollectionOp). Taken from xhht_desktop.writer when first asked for (`from ui.tasks import
# Cancelled` included): the writer's module, with its queue and futures, is not needed before the
# first page shows its figures (2.8 ms of the GUI start).
def writer_module():
    """xhht_desktop.writer (its `Cancelled`, `Outcome`, `Changes`), imported when first needed (here
    and in ui.operations)."""
    from xhht_desktop import writer

    return writer


def _cancelled() -> type[Exception]:
    return writer_module().Cancelled


def __getattr__(name: str):
    if name == "Cancelled":
        return _cancelled()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Progress(QObject):
    changed = Signal(int, int, str)

    def __init__(self):
        super().__init__()
        self.cancelled = False

    def update(self, done: int, total: int, text: str = "") -> None:
        self.changed.emit(int(done), int(total), core_words(text))  # the core's coded texts, in words
        self.check()

    def check(self) -> None:
        if self.cancelled:
            raise _cancelled()()


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(self, fn: Callable, progress: Progress):
        super().__init__()
        self._fn = fn
        self._progress = progress

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except BaseException as exc:  # noqa: BLE001 - report everything; the UI must not hang
            self.failed.emit(exc, traceback.format_exc())
        else:
            self.finished.emit(result)
        finally:
            # The thread ends on its own once its work is done, even if the Task that would have
            # ended it is gone (its widget closed meanwhile): no thread is left running for ever.
            QThread.currentThread().quit()


class Task(QObject):
    """A running task; keep a reference until it finishes (run_task does, on the parent)."""

    done = Signal(object)
    error = Signal(object, str)

    def __init__(self, parent: QWidget | None, title: str, fn: Callable, *, show_dialog: bool = True):
        super().__init__(parent)
        _GuiThreadGarbageCollector.ensure()
        _live.add(self)
        self._counted = False
        self.progress = Progress()
        self.thread = QThread()
        self.worker = _Worker(fn, self.progress)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        # Queued after the worker's result (same receiver, posted in order): released once both the
        # result is delivered and the thread has ended.
        self.thread.finished.connect(self._release)
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(title, self.tr("Hủy"), 0, 0, parent)
            self.dialog.setWindowTitle("XHHT Desktop")
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
            self.progress.changed.connect(self._on_progress)

    def start(self) -> None:
        background_started()
        self._counted = True
        self.thread.start()

    def cancel(self) -> None:
        self.progress.cancelled = True
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Đang hủy…"))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _cleanup(self) -> None:
        """Close the dialog and let the thread end on its own: waiting for it here would hold the
        GUI thread while the worker, its work done, waits for the GIL behind other workers. The
        task is deleted once its thread has finished (and kept referenced until then)."""
        if self.dialog is not None:
            self.dialog.close()
        _ending.add(self)
        self.thread.quit()  # (the worker has asked already: see _Worker.run)

    @Slot()
    def _release(self) -> None:
        self.thread.wait()  # finished already: returns at once
        if self._counted:
            self._counted = False
            background_ended()
        _ending.discard(self)
        _live.discard(self)
        if shiboken6.isValid(self):
            self.deleteLater()

    @Slot(object)
    def _finished(self, result) -> None:
        self._cleanup()
        self.done.emit(result)

    @Slot(object, str)
    def _failed(self, exc, tb: str) -> None:
        self._cleanup()
        self.error.emit(exc, tb)


_ending: set[Task] = set()  # tasks whose result is delivered and whose thread is ending
_live: set[Task] = set()  # every task until its thread has ended (with or without a parent)


def run_task(parent: QWidget | None, title: str, fn: Callable[[Progress], object], *,
             on_done: Callable[[object], None] | None = None,
             on_error: Callable[[BaseException, str], None] | None = None,
             show_dialog: bool = True) -> Task:
    task = Task(parent, title, fn, show_dialog=show_dialog)
    if on_done:
        task.done.connect(on_done)
    if on_error:
        task.error.connect(on_error)
    else:
        task.error.connect(lambda exc, tb: _default_error(parent, exc))
    task.start()
    return task


def _default_error(parent, exc) -> None:
    from PySide6.QtWidgets import QMessageBox
    if isinstance(exc, _cancelled()):
        return
    QMessageBox.critical(parent, "XHHT Desktop",
                         QCoreApplication.translate("Task", "Không thực hiện được: {error}").format(error=core_words(exc)))
