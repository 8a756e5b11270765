"""What every page shares: the database of the GUI thread, this installation, the chosen period.

Worker threads must not use `ctx.db`: they open their own connection with
`xhht_desktop.db.connection.open_reader(ctx.db_path)` (one connection per thread).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from xhht_desktop.domain.periods import Period
from xhht_desktop.installation import Installation, get_installation


class AppContext(QObject):
    period_changed = Signal(object)  # Period
    data_changed = Signal()  # figures, CLC log or sync state changed: pages refresh
    installation_changed = Signal()

    def __init__(self, db, db_path: Path, period: Period):
        super().__init__()
        self.db = db
        self.db_path = Path(db_path)
        self._period = period
        self.installation: Installation | None = get_installation(db)

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
        self.data_changed.emit()
