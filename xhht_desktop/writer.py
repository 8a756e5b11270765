"""One writer: a single thread owns the write connection; every write of the app is queued to it.

SQLite allows one writer at a time. Before this, the GUI thread wrote through its own connection
while workers (a merge holds the write lock up to ten seconds per group) wrote through theirs, and
only the 30-second busy timeout kept them apart: a save during a merge froze the window. Now every
write is an operation handed to `Writer.submit`; operations run one after another, in the order
they were submitted, on the writer's thread and connection. Each returns what it changed
(`Changes`), so whoever shows data knows what to read again.

No Qt here: the UI wraps `submit` (ui/operations.py) and delivers results on the GUI thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Changes:
    """What an operation changed; pages refresh from this (`Changes.ALL` when unsure)."""

    values: bool = False       # figures of a period (and their history)
    complete: bool = False     # the "hoàn thành" flag of a period
    clc: bool = False          # the learning-centre log or the centre record
    settings: bool = False     # meta: names, language, backup settings, export folder
    sync: bool = False         # packages merged, conflicts, installations, keys
    units: bool = False        # units and their life
    uuids: tuple[str, ...] = field(default=(), compare=False)  # CLC records to select afterwards

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f: getattr(self, f) or getattr(other, f)
                          for f in ("values", "complete", "clc", "settings", "sync", "units")},
                       uuids=self.uuids + other.uuids)

    def any(self) -> bool:
        return any((self.values, self.complete, self.clc, self.settings, self.sync, self.units))


Changes.ALL = Changes(values=True, complete=True, clc=True, settings=True, sync=True, units=True)  # type: ignore[attr-defined]


@dataclass
class Outcome:
    """What an operation returns: what changed, and any value for the caller."""

    changes: Changes
    value: Any = None


class Cancelled(Exception):
    """The operation was cancelled before or while it ran."""


class Progress:
    """Handed to a running operation: report progress, ask whether it was cancelled."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None):
        self._report = report
        self.cancelled = False

    def update(self, done: int, total: int, text: str = "") -> None:
        if self._report is not None:
            self._report(int(done), int(total), text)
        self.check()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Report without checking for cancellation (for work that polls `cancelled` itself)."""
        if self._report is not None:
            self._report(int(done), int(total), text)

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()


@dataclass
class _Job:
    label: str
    fn: Callable  # (db, progress) -> Outcome
    future: Future
    progress: Progress
    on_start: Callable[[], None] | None = None
    withdrawn: bool = False  # cancelled while waiting: it never starts


def _default_open(path: Path):
    from xhht_desktop.db.connection import open_reader
    return open_reader(path)


class Writer:
    """The write thread of one database file. Start lazily, close once."""

    def __init__(self, db_path: str | Path, *, open_db: Callable[[Path], Any] = _default_open):
        self.db_path = Path(db_path)
        self._open_db = open_db
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._running: _Job | None = None
        self._waiting: list[_Job] = []
        self._closed = False

    # ---- what the UI asks --------------------------------------------------------------------

    def busy_with(self) -> str | None:
        """The label of the operation running now (None when idle)."""
        with self._lock:
            return self._running.label if self._running else None

    def queued_labels(self) -> list[str]:
        """Labels of the operations ahead of a new one: the running one first, then the waiting."""
        with self._lock:
            ahead = [self._running] if self._running else []
            return [j.label for j in ahead + self._waiting if not j.withdrawn]

    # ---- submit ------------------------------------------------------------------------------

    def submit(self, label: str, fn: Callable, *, report: Callable[[int, int, str], None] | None = None,
               on_start: Callable[[], None] | None = None) -> tuple[Future, Progress]:
        """Queue `fn(db, progress) -> Outcome` (or any value: then `Changes()` is assumed).

        Returns the future of its Outcome and the Progress to cancel it with (`progress.cancelled`
        stops it before it starts, or while it runs where it checks). `on_start()` is called on the
        writer's thread just before it runs (not at all if it never starts).
        """
        if self._closed:
            raise RuntimeError("writer closed")
        job = _Job(label, fn, Future(), Progress(report), on_start)
        with self._lock:
            self._waiting.append(job)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name=f"xhht-writer:{self.db_path.name}",
                                                daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job.future, job.progress

    def withdraw(self, future: Future) -> bool:
        """Cancel an operation that has not started yet: True if it was still waiting (it will never
        run and its future raises `Cancelled`); False if it is running or done (too late: it runs to
        its end, a save is then saved). Atomic with the writer taking it up."""
        with self._lock:
            job = next((j for j in self._waiting if j.future is future), None)
            if job is None or job.withdrawn:
                return job is not None
            job.withdrawn = True
            job.progress.cancelled = True
        job.future.set_exception(Cancelled())  # its caller learns it now, not when the writer gets to it
        return True

    def run(self, label: str, fn: Callable) -> Outcome:
        """Submit and wait (for the CLI, tests and other non-GUI callers)."""
        future, _ = self.submit(label, fn)
        return future.result()

    def close(self, timeout: float | None = 30.0) -> None:
        """Finish what is queued, then close the connection and end the thread."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)

    # ---- the thread ----------------------------------------------------------------------------

    def _loop(self) -> None:
        db = None
        try:
            while True:
                job = self._queue.get()
                if job is None:
                    return
                with self._lock:
                    self._waiting.remove(job)
                    if job.withdrawn:  # its future already says Cancelled
                        continue
                    self._running = job
                try:
                    if not job.future.set_running_or_notify_cancel():
                        continue
                    if job.progress.cancelled:
                        raise Cancelled()
                    if job.on_start is not None:
                        job.on_start()
                    if db is None:
                        db = self._open_db(self.db_path)
                    result = job.fn(db, job.progress)
                    if not isinstance(result, Outcome):
                        result = Outcome(Changes(), result)
                except BaseException as exc:  # noqa: BLE001 - every failure goes to the caller
                    if db is not None and db.conn.in_transaction:
                        db.conn.rollback()  # an operation never leaves a transaction open
                    job.future.set_exception(exc)
                else:
                    job.future.set_result(result)
                finally:
                    with self._lock:
                        self._running = None
        finally:
            if db is not None:
                db.conn.close()


__all__ = ["Cancelled", "Changes", "Outcome", "Progress", "Writer"]
