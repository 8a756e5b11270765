"""What every page shares: the database, its one writer, this installation, the chosen period.

`ctx.db` is for small reads on the GUI thread only; it is never written through. Writes are
operations queued to `ctx.writer` (ui.operations.CollectionOp); large reads run as
ui.operations.QueryOp on a worker with its own connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from xhht_desktop.domain.periods import Period
from xhht_desktop.installation import Installation, get_installation


class AppContext(QObject):
    period_changed = Signal(object)  # Period
    data_changed = Signal()  # figures, CLC log or sync state changed: pages refresh
    changes_made = Signal(object, object)  # (xhht_desktop.writer.Changes, the page that made them)
    operation_queued = Signal(str, str)  # (this operation, the one it waits for)
    installation_changed = Signal()

    def __init__(self, db, db_path: Path, period: Period):
        super().__init__()
        self.db = db
        self.db_path = Path(db_path)
        self._period = period
        self.installation: Installation | None = get_installation(db)
        self._writer = None
        self.operations_running = 0

    @property
    def writer(self):
        """The one writer of this database (started on first use)."""
        from xhht_desktop.writer import Writer

        if self._writer is None:
            self._writer = Writer(self.db_path)
        return self._writer

    def close_writer(self) -> None:
        """Let queued writes finish and close the write connection (restore, shutdown)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def idle(self) -> bool:
        """No operation (read or write) is waiting to deliver its result."""
        return self.operations_running == 0

    def _operation_started(self) -> None:
        self.operations_running += 1

    def _operation_finished(self) -> None:
        self.operations_running -= 1

    @property
    def period(self) -> Period:
        return self._period

    def set_period(self, period: Period) -> None:
        if period != self._period:
            self._period = period
            self.period_changed.emit(period)

    def reload_installation(self) -> None:
        self.installation = get_installation(self.db)
        self.installation_changed.emit()

    def notify_data_changed(self) -> None:
        """Something changed outside an operation (a restore, sample data): every page reloads."""
        from xhht_desktop.writer import Changes

        self.changes_made.emit(Changes.ALL, None)
        self.data_changed.emit()
