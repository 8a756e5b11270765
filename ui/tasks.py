"""The only threading code of the UI: run core work in a worker thread with progress and cancel.

Workers never touch widgets; they report through queued signals. Every exception in the worker is
caught and delivered to `on_error` so the UI never waits forever.

Usage:
    run_task(parent, "Đang xuất báo cáo…", lambda progress: core_fn(..., progress=progress),
             on_done=lambda result: ..., on_error=lambda exc: ...)

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
        gc.collect()  # whatever is already garbage goes now, on this thread
        gc.freeze()
        # A worker running Python holds the GIL for up to the switch interval each time the GUI
        # thread asks for it, and painting a table asks for it at every data() call: 1 ms instead
        # of 5 keeps the window fluid while a merge or a 51,000-row load runs.
        sys.setswitchinterval(0.001)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
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
        _GuiThreadGarbageCollector._instance = None
        gc.unfreeze()
        gc.enable()

    @Slot()
    def check(self) -> None:
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


class Cancelled(Exception):
    """Raised inside a worker when the user pressed Hủy."""


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
            raise Cancelled()


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


class Task(QObject):
    """A running task; keep a reference until it finishes (run_task does, on the parent)."""

    done = Signal(object)
    error = Signal(object, str)

    def __init__(self, parent: QWidget | None, title: str, fn: Callable, *, show_dialog: bool = True):
        super().__init__(parent)
        _GuiThreadGarbageCollector.ensure()
        _live.add(self)
        self.progress = Progress()
        self.thread = QThread()
        self.worker = _Worker(fn, self.progress)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
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
        self.thread.finished.connect(self._release)
        self.thread.quit()

    @Slot()
    def _release(self) -> None:
        self.thread.wait()  # finished already: returns at once
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
    if isinstance(exc, Cancelled):
        return
    QMessageBox.critical(parent, "XHHT Desktop",
                         QCoreApplication.translate("Task", "Không thực hiện được: {error}").format(error=core_words(exc)))
