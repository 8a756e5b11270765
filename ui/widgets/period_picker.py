"""The reporting period as year + part: "2014" then "6 tháng đầu", "6 tháng cuối" or "Cả năm".

One combo box of every period made reaching 2014 take ten scroll steps through 40 items. Two short
lists instead, each holding only what can be chosen: the years the unit reports in, and for the
chosen year only the parts it reports (a commune that ends on 30/06/2025 has "6 tháng đầu" for
2025, nothing else). The list of allowed periods comes from whoever owns it (the main window's
`selectable_periods`, which honours the unit's life); no item is ever blank.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from xhht_desktop.domain.periods import Period

PART_ORDER = (1, 2, 0)  # 6 tháng đầu, 6 tháng cuối, cả năm


def part_label(half: int) -> str:
    return {1: QCoreApplication.translate("PeriodPicker", "6 tháng đầu"),
            2: QCoreApplication.translate("PeriodPicker", "6 tháng cuối"),
            0: QCoreApplication.translate("PeriodPicker", "Cả năm")}[half]


class PeriodPicker(QWidget):
    chosen = Signal(object)  # Period, when the official picks another year or part

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.year = QComboBox()
        self.year.setObjectName("periodYear")
        self.year.setMinimumWidth(80)
        self.part = QComboBox()
        self.part.setObjectName("periodPart")
        self.part.setMinimumWidth(130)
        layout.addWidget(self.year)
        layout.addWidget(self.part)
        self._periods: list[Period] = []
        self._current: Period | None = None
        self.year.currentIndexChanged.connect(self._on_year)
        self.part.currentIndexChanged.connect(self._on_part)

    # ---- what can be chosen ------------------------------------------------------------------

    def set_periods(self, periods: list[Period], current: Period) -> None:
        """The periods that can be chosen (and `current` shown, added if it is not among them)."""
        self._periods = sorted(set(periods) | {current})
        self._show(current)

    def add_period(self, period: Period) -> None:
        if period not in self._periods:
            self._periods = sorted({*self._periods, period})
            if self._current is not None:
                self._show(self._current)

    def periods(self) -> list[Period]:
        return list(self._periods)

    def years(self) -> list[int]:
        return sorted({p.year for p in self._periods})

    def parts(self, year: int) -> list[int]:
        return [h for h in PART_ORDER if Period(year, h) in self._periods]

    # ---- the chosen one ------------------------------------------------------------------------

    def period(self) -> Period | None:
        return self._current

    def set_period(self, period: Period) -> None:
        """Show `period` (no signal: the caller already knows)."""
        if period not in self._periods:
            self._periods = sorted({*self._periods, period})
        self._show(period)

    def choose(self, period: Period) -> None:
        """Pick `period` as the official would (the year, then the part): emits `chosen`."""
        self.year.setCurrentIndex(self.years().index(period.year))
        self.part.setCurrentIndex(self.parts(period.year).index(period.half))

    def _show(self, period: Period) -> None:
        self._current = period
        for combo in (self.year, self.part):
            combo.blockSignals(True)
        self.year.clear()
        for y in self.years():
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(self.years().index(period.year))
        self._fill_parts(period.year, period.half)
        for combo in (self.year, self.part):
            combo.blockSignals(False)

    def _fill_parts(self, year: int, half: int) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        parts = self.parts(year)
        for h in parts:
            self.part.addItem(part_label(h), h)
        self.part.setCurrentIndex(parts.index(half) if half in parts else 0)
        self.part.blockSignals(False)

    def _on_year(self, index: int) -> None:
        year = self.year.itemData(index)
        if year is None:
            return
        # The same part of the other year if it reports it, else its first part.
        keep = self._current.half if self._current is not None else 1
        self._fill_parts(year, keep)
        self._emit()

    def _on_part(self, _index: int) -> None:
        self._emit()

    def _emit(self) -> None:
        year, half = self.year.currentData(), self.part.currentData()
        if year is None or half is None:
            return
        period = Period(year, half)
        if period != self._current:
            self.chosen.emit(period)
