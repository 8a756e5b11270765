"""Operations: how the UI reads and writes the database without blocking the window.

In the spirit of Anki's QueryOp/CollectionOp:

    QueryOp(page, lambda db: load(db, ...)).success(show).run_in_background()
        runs on a worker thread with its own read connection (opened and closed here, not in every
        page); `show(result)` runs on the GUI thread. With `key=`, a newer query of the same key
        supersedes an older one still running (its result is dropped). With
        `.with_progress("Đang kiểm tra…")` a progress dialog with a working Hủy shows while it runs,
        and the query is called as `query(db, progress)` (report with `progress.update(done, total)`).

    CollectionOp(page, label, lambda db, progress: Outcome(Changes(...), value)).success(done).run_in_background()
        is queued to the one writer (xhht_desktop.writer): writes never run on the GUI thread and
        never compete for the write lock. When it has run, `done(value)` runs on the GUI thread and
        `ctx.changes_made(changes, initiator)` tells every page what changed. An operation queued
        behind another (a save while a merge runs) says so through `ctx.operation_queued`;
        `.withdraw()` cancels it while it still waits (then nothing of it is written and its
        failure handler gets `Cancelled`); `.started(fn)` is told when the writer takes it up.

A form that saves does not wait: it submits its CollectionOp, shows that it is saving, ignores a
second save meanwhile, offers Hủy while the save waits behind another operation, and takes the
result or the error in its callbacks (ui/pages/entry.py). `run_and_wait()` remains for modal
dialogs whose contract is "save, then tell me the errors": it blocks user input to the window while
it waits (no second save can start) and, when queued behind another operation, shows a modal
"đang chờ" dialog (with Hủy if the caller handles `Cancelled`).

Database access from the UI goes through these two classes only: no page opens a connection of its
own (tests/ui/test_operations.py checks the sources). `ui.tasks.run_task` is the thread primitive
underneath, used directly only for work that touches no database (printing, copying a file).

Failures go to `.failure(fn)` (Hủy too, as `Cancelled`, so a page can reset itself); without one,
a message box explains them (Vietnamese) and a cancellation is silent.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.i18n import core_words
from ui.tasks import background_ended, background_started, run_task
from ui.tasks import writer_module as _writer  # a QueryOp, such as the dashboard's first figures, needs none of it

if TYPE_CHECKING:
    from xhht_desktop.writer import Outcome


def __getattr__(name: str):
    if name in ("Cancelled", "Changes", "Outcome"):  # still importable from here
        return getattr(_writer(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _qt():
    from PySide6.QtCore import Qt  # not with the module: the namespace costs 13 ms at start-up

    return Qt


class _Delivery(QObject):
    """Carries a callable from any thread to the GUI thread (queued signal)."""

    deliver = Signal(object)

    def __init__(self):
        from PySide6.QtCore import Qt  # not with the module: the namespace costs 13 ms at start-up

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

    if isinstance(exc, _writer().Cancelled):  # ui.tasks.Cancelled is the same class
        return
    messages.error(parent if _alive(parent) else None,
                   QCoreApplication.translate("Operation", "Không thực hiện được."), core_words(exc))


def wait_for(future, parent: QWidget | None, title: str, *, show_after_ms: int = 300) -> Any:
    """The value of a writer's `future` (or its exception, raised), the event loop turning meanwhile
    with user input held back (nothing else can start); past `show_after_ms` a busy dialog says
    `title`. For a modal step that must have its answer before it goes on (the first-run wizard's
    set-up: no other operation can be ahead of it)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not future.done():
        loop = QEventLoop()
        future.add_done_callback(lambda _f: _gui(loop.quit))
        dialog = QProgressDialog(title, "", 0, 0, parent if _alive(parent) else None)
        dialog.setWindowTitle("XHHT Desktop")
        dialog.setCancelButton(None)
        dialog.setWindowModality(_qt().WindowModality.ApplicationModal)
        dialog.setMinimumDuration(show_after_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        QTimer.singleShot(show_after_ms, dialog, lambda: dialog.show() if not future.done() else None)
        if not future.done():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        dialog.close()
        dialog.deleteLater()
    result = future.result()
    return result.value if isinstance(result, _writer().Outcome) else result


class CollectionOp:
    """A write, queued to the context's writer. See the module docstring."""

    def __init__(self, parent: QWidget | None, label: str, op: Callable[[Any, Any], Outcome | Any], *, ctx=None):
        self.parent = parent
        self.ctx = ctx if ctx is not None else parent.ctx
        self.label = label
        self._op = op
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._started: Callable[[], None] | None = None
        self._progress_title: str | None = None
        self.dialog: QProgressDialog | None = None
        self.progress = None
        self.future = None
        self.queued_behind: list[str] = []
        self._ended: bool | None = None  # None while pending; then whether it succeeded
        self._loops: list = []  # event loops of `wait` to end when it has run

    def success(self, fn: Callable[[Any], None]) -> CollectionOp:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> CollectionOp:
        self._failure = fn
        return self

    def started(self, fn: Callable[[], None]) -> CollectionOp:
        """`fn()` on the GUI thread once the writer takes the operation up (it can no longer be withdrawn)."""
        self._started = fn
        return self

    def with_progress(self, title: str) -> CollectionOp:
        """Show a progress dialog with a working Hủy while it runs (long operations: merges)."""
        self._progress_title = title
        return self

    def cancel(self) -> None:
        """Hủy: withdrawn if it still waits; if it runs, stopped where it checks its progress."""
        if self.future is not None:
            self.ctx.writer.withdraw(self.future)
        if self.progress is not None:
            self.progress.cancelled = True
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("Task", "Đang hủy…"))

    def withdraw(self) -> bool:
        """Cancel it if the writer has not started it: True then (nothing of it will be written, its
        failure handler gets `Cancelled`); False if it has started or ended (it runs to its end)."""
        return self.future is not None and self.ctx.writer.withdraw(self.future)

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

        on_start = None
        if self._started is not None:
            started = self._started

            def on_start() -> None:  # on the writer's thread: hand it to the GUI thread
                _gui(lambda: started() if _alive(self.parent) else None)

        ctx._operation_started()
        self.future, self.progress = writer.submit(self.label, self._op, report=report, on_start=on_start)
        background_started()  # the short GIL switch interval while the writer runs it (ui.tasks)
        if self.queued_behind:
            ctx.operation_queued.emit(self.label, self.queued_behind[0])
        self.future.add_done_callback(lambda f: _gui(lambda: self._finished(f)))
        return self

    def run_and_wait(self, *, cancellable: bool = False) -> Any:
        """Run, and return its value (or raise its failure) once it has run. For a modal dialog whose
        contract is "save, then tell me the errors"; a page's form uses run_in_background(). See
        `wait` for what the window does meanwhile."""
        box: dict[str, Any] = {}
        success = self._success

        def ok(value) -> None:
            box["value"] = value
            if success is not None:
                success(value)

        self._success, self._failure = ok, lambda exc: box.__setitem__("error", exc)
        self.run_in_background()
        self.wait(cancellable=cancellable)
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def wait(self, *, cancellable: bool = False) -> bool:
        """Once submitted: wait until it has run and its callbacks have been called; True if it
        succeeded. While it waits the window keeps painting and timers run (a merge's progress),
        but user input is held back: no second save, no other action starts meanwhile. Queued
        behind another operation, it says so in a modal dialog; with `cancellable`, that dialog
        has Hủy, which withdraws the operation (then its failure handler gets `Cancelled`)."""
        from PySide6.QtCore import QEventLoop, QTimer

        if self._ended is None:
            loop = QEventLoop()
            self._loops.append(loop)
            if not self.queued_behind:
                # Its own run only (a save: milliseconds). Past half a second, say so (below).
                QTimer.singleShot(500, loop, loop.quit)
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if self._ended is None:
                waiting = self._waiting_dialog(cancellable)
                waiting.show()
                while self._ended is None:
                    loop.exec()
                waiting.close()
                waiting.deleteLater()
            self._loops.remove(loop)
        return bool(self._ended)

    def _waiting_dialog(self, cancellable: bool) -> QProgressDialog:
        translate = QCoreApplication.translate
        ahead = self.ctx.writer.busy_with()
        text = (translate("Operation", "«{this}» đang chờ «{other}» xong, sẽ tự thực hiện ngay sau đó.").format(
                    this=self.label, other=ahead) if ahead and ahead != self.label
                else translate("Operation", "Đang thực hiện «{this}»…").format(this=self.label))
        parent = self.parent if _alive(self.parent) else None
        dialog = QProgressDialog(text, translate("Task", "Hủy") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("XHHT Desktop")
        dialog.setWindowModality(_qt().WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        else:
            def cancel() -> None:
                if not self.withdraw():  # already running: it ends on its own
                    dialog.setLabelText(translate("Operation", "«{this}» đã bắt đầu, không hủy được nữa…").format(
                        this=self.label))
                    dialog.show()  # a cancel closes the dialog; it stays until the operation ends
            dialog.canceled.connect(cancel)
        return dialog

    def _finished(self, future) -> None:
        ctx = self.ctx
        ended = False
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
            ended = True
            outcome: Outcome = future.result()
            if self._success is not None and _alive(self.parent):
                self._success(outcome.value)
            if outcome.changes.any():
                ctx.changes_made.emit(outcome.changes, self.parent)
                ctx.data_changed.emit()
        finally:
            self._ended = ended
            for loop in self._loops:
                loop.quit()
            background_ended()
            ctx._operation_finished()


class QueryOp:
    """A read on a worker thread with its own connection. See the module docstring."""

    _generations: dict[tuple[int, str], int] = {}
    _lock = threading.Lock()

    def __init__(self, parent: QWidget | None, query: Callable[..., Any], *, ctx=None, key: str | None = None):
        self.parent = parent
        self.ctx = ctx if ctx is not None else parent.ctx
        self._query = query
        self._key = key
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress_title: str | None = None
        self.task = None
        self._running = False

    def success(self, fn: Callable[[Any], None]) -> QueryOp:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> QueryOp:
        self._failure = fn
        return self

    def with_progress(self, title: str) -> QueryOp:
        """A progress dialog with Hủy while it runs; the query is then called as query(db, progress)."""
        self._progress_title = title
        return self

    def cancel(self) -> None:
        if self.task is not None and shiboken6.isValid(self.task):
            self.task.cancel()

    def running(self) -> bool:
        # (`self.task` is kept: dropping the last reference to a Task from inside its own `done`
        # signal crashed the interpreter — heap corruption seen in the UI tests.)
        return self._running

    def run_in_background(self) -> QueryOp:
        from xhht_desktop.db.connection import open_reader

        ctx, query = self.ctx, self._query
        db_path = ctx.db_path
        generation = None
        with_progress = self._progress_title is not None
        if self._key is not None:
            slot = (id(ctx), self._key)
            generation = QueryOp._generations.get(slot, 0) + 1
            QueryOp._generations[slot] = generation

        def current() -> bool:
            return generation is None or QueryOp._generations.get((id(ctx), self._key)) == generation

        def work(progress):
            if not current():
                raise _writer().Cancelled()
            db = open_reader(db_path)
            try:
                return query(db, progress) if with_progress else query(db)
            finally:
                db.conn.close()

        def done(result) -> None:
            self._running = False
            ctx._operation_finished()
            if current() and self._success is not None and _alive(self.parent):
                self._success(result)
            # What a read brings is usually kept (a log, a grid): left out of the GUI thread's full
            # garbage collections from now on (see ui.tasks._GuiThreadGarbageCollector).
            gc.freeze()

        def failed(exc: BaseException, _tb: str) -> None:
            self._running = False
            ctx._operation_finished()
            if not current():  # superseded by a newer read of the same key
                return
            if isinstance(exc, _writer().Cancelled) and self._failure is None:
                return  # Hủy: nothing to explain
            if self._failure is not None and _alive(self.parent):
                self._failure(exc)
            else:
                _explain(self.parent, exc)

        ctx._operation_started()
        self._running = True
        self.task = run_task(self.parent if _alive(self.parent) else None, self._progress_title or "", work,
                             on_done=done, on_error=failed, show_dialog=with_progress)
        return self


__all__ = ["Changes", "CollectionOp", "Outcome", "QueryOp", "wait_for"]
