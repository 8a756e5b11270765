"""Operations: how a page reads and writes the database without blocking the window.

In the spirit of Anki's QueryOp/CollectionOp:

    QueryOp(page, lambda db: load(db, ...)).success(show).run_in_background()
        runs on a worker thread with its own read connection (opened and closed here, not in every
        page); `show(result)` runs on the GUI thread. With `key=`, a newer query of the same key
        supersedes an older one still running (its result is dropped).

    CollectionOp(page, label, lambda db, progress: Outcome(Changes(...), value)).success(done).run_in_background()
        is queued to the one writer (xhht_desktop.writer): writes never run on the GUI thread and
        never compete for the write lock. When it has run, `done(value)` runs on the GUI thread and
        `ctx.changes_made(changes, initiator)` tells every page what changed. An operation queued
        behind another (a save while a merge runs) says so through `ctx.operation_queued`.

Failures go to `.failure(fn)`; without one, a message box explains them (Vietnamese).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from xhht_desktop.writer import Cancelled, Changes, Outcome

from ui.i18n import core_words
from ui.tasks import Cancelled as TaskCancelled
from ui.tasks import run_task
from ui.i18n import core_words


class _Delivery(QObject):
    """Carries a callable from any thread to the GUI thread (queued signal)."""

    deliver = Signal(object)

    def __init__(self):
        super().__init__()
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn) -> None:
        fn()


_delivery: _Delivery | None = None


def _gui(fn: Callable[[], None]) -> None:
    """Run fn on the GUI thread (soon, from the event loop)."""
    global _delivery
    if _delivery is None or not shiboken6.isValid(_delivery):
        _delivery = _Delivery()
        app = QCoreApplication.instance()
        if app is not None:
            _delivery.moveToThread(app.thread())
    _delivery.deliver.emit(fn)


def _alive(widget) -> bool:
    return widget is None or shiboken6.isValid(widget)


def _explain(parent, exc: BaseException) -> None:
    from ui.widgets import messages

    if isinstance(exc, (Cancelled, TaskCancelled)):
        return
    messages.error(parent if _alive(parent) else None,
                   QCoreApplication.translate("Operation", "Không thực hiện được."), core_words(exc))


class CollectionOp:
    """A write, queued to the context's writer. See the module docstring."""

    def __init__(self, parent: QWidget, label: str, op: Callable[[Any, Any], Outcome | Any], *, ctx=None):
        self.parent = parent
        self.ctx = ctx if ctx is not None else parent.ctx
        self.label = label
        self._op = op
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_title: str | None = None
        self.dialog: QProgressDialog | None = None
        self.progress = None
        self.queued_behind: list[str] = []

    def success(self, fn: Callable[[Any], None]) -> CollectionOp:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> CollectionOp:
        self._failure = fn
        return self

    def with_progress(self, title: str) -> CollectionOp:
        """Show a progress dialog with a working Hủy while it runs (long operations: merges)."""
        self._progress_title = title
        return self

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancelled = True
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("Task", "Đang hủy…"))

    def run_in_background(self) -> CollectionOp:
        ctx = self.ctx
        writer = ctx.writer
        self.queued_behind = writer.queued_labels()
        report = None
        if self._progress_title is not None:
            self.dialog = QProgressDialog(self._progress_title, QCoreApplication.translate("Task", "Hủy"), 0, 0,
                                          self.parent)
            self.dialog.setWindowTitle("XHHT Desktop")
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
            dialog = self.dialog

            def report(done: int, total: int, text: str) -> None:
                def show() -> None:
                    if shiboken6.isValid(dialog):
                        dialog.setMaximum(max(total, 0))
                        dialog.setValue(min(done, total) if total else 0)
                        if text:
                            dialog.setLabelText(text)
                _gui(show)

        ctx._operation_started()
        future, self.progress = writer.submit(self.label, self._op, report=report)
        if self.queued_behind:
            ctx.operation_queued.emit(self.label, self.queued_behind[0])
        future.add_done_callback(lambda f: _gui(lambda: self._finished(f)))
        return self

    def run_and_wait(self) -> Any:
        """Run, and return its value (or raise its failure) once it has run, the event loop turning
        meanwhile: the window stays live (repaints, timers, a running merge's progress) while a
        modal form waits for its save, which may be queued behind a merge.

        For a form whose contract is "save, then tell me the errors" (the activity dialog, the entry
        page's Ctrl+S); everything else uses run_in_background().
        """
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        box: dict[str, Any] = {}
        success, failure = self._success, self._failure

        def ok(value) -> None:
            box["value"] = value
            if success is not None:
                success(value)
            loop.quit()

        def bad(exc: BaseException) -> None:
            box["error"] = exc
            loop.quit()

        self._success, self._failure = ok, bad
        self.run_in_background()
        if "value" not in box and "error" not in box:
            loop.exec()
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def _finished(self, future) -> None:
        ctx = self.ctx
        try:
            if self.dialog is not None and shiboken6.isValid(self.dialog):
                self.dialog.close()
                self.dialog.deleteLater()
            exc = future.exception()
            if exc is not None:
                if self._failure is not None and _alive(self.parent):
                    self._failure(exc)
                else:
                    _explain(self.parent, exc)
                return
            outcome: Outcome = future.result()
            if self._success is not None and _alive(self.parent):
                self._success(outcome.value)
            if outcome.changes.any():
                ctx.changes_made.emit(outcome.changes, self.parent)
                ctx.data_changed.emit()
        finally:
            ctx._operation_finished()


class QueryOp:
    """A read on a worker thread with its own connection. See the module docstring."""

    _generations: dict[tuple[int, str], int] = {}
    _lock = threading.Lock()

    def __init__(self, parent: QWidget, query: Callable[[Any], Any], *, ctx=None, key: str | None = None):
        self.parent = parent
        self.ctx = ctx if ctx is not None else parent.ctx
        self._query = query
        self._key = key
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self.task = None

    def success(self, fn: Callable[[Any], None]) -> QueryOp:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> QueryOp:
        self._failure = fn
        return self

    def run_in_background(self) -> QueryOp:
        from xhht_desktop.db.connection import open_reader

        ctx, query = self.ctx, self._query
        db_path = ctx.db_path
        generation = None
        if self._key is not None:
            slot = (id(ctx), self._key)
            generation = QueryOp._generations.get(slot, 0) + 1
            QueryOp._generations[slot] = generation

        def current() -> bool:
            return generation is None or QueryOp._generations.get((id(ctx), self._key)) == generation

        def work(_progress):
            if not current():
                raise TaskCancelled()
            db = open_reader(db_path)
            try:
                return query(db)
            finally:
                db.conn.close()

        def done(result) -> None:
            ctx._operation_finished()
            if current() and self._success is not None and _alive(self.parent):
                self._success(result)
            # What a read brings is usually kept (a log, a grid): left out of the GUI thread's full
            # garbage collections from now on (see ui.tasks._GuiThreadGarbageCollector).
            gc.freeze()

        def failed(exc: BaseException, _tb: str) -> None:
            ctx._operation_finished()
            if not current() or isinstance(exc, TaskCancelled):
                return
            if self._failure is not None and _alive(self.parent):
                self._failure(exc)
            else:
                _explain(self.parent, exc)

        ctx._operation_started()
        self.task = run_task(self.parent if _alive(self.parent) else None, "", work, on_done=done,
                             on_error=failed, show_dialog=False)
        return self


__all__ = ["Changes", "CollectionOp", "Outcome", "QueryOp"]
