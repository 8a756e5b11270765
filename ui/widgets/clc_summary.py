"""A compact summary of the TTHTCĐ log for the dashboard (and the log page's "Tổng hợp" tab).

`ClcSummaryWidget(ctx)` follows the chosen period and refreshes when data change. It shows, per
category with activity, the activities, sessions, visits (lượt), learners (người), women, ethnic
minorities and rural workers, the total, and the distinct rural workers offered as the suggested
numerator of LDNT_HOC_TTHTCD (only offered, never written). A district or the province sees the
sums of its communes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from xhht_desktop.clc.domain import CATEGORY_LABELS_VI, CATEGORY_SHORT_VI, format_date
from xhht_desktop.clc.summary import SUGGESTION_RULE_VI, summarize_range, suggested_rural_workers
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import format_int

from ui.context import AppContext
from ui.models.presentation import period_name
from ui.models.core_labels import core_label
from ui.operations import QueryOp

# (key, header, tooltip), marked for lupdate and translated when the grid is filled.
COLUMNS: list[tuple[str, str, str]] = [
    ("activities", QT_TRANSLATE_NOOP("ClcSummaryWidget", "Hoạt động"),
     QT_TRANSLATE_NOOP("ClcSummaryWidget", "Số hoạt động")),
    ("sessions", QT_TRANSLATE_NOOP("ClcSummaryWidget", "Buổi"), QT_TRANSLATE_NOOP("ClcSummaryWidget", "Số buổi")),
    ("visits", QT_TRANSLATE_NOOP("ClcSummaryWidget", "Lượt"), QT_TRANSLATE_NOOP("ClcSummaryWidget", "Lượt người học")),
    ("learners", QT_TRANSLATE_NOOP("ClcSummaryWidget", "Người"),
     QT_TRANSLATE_NOOP("ClcSummaryWidget", "Số người không trùng, cộng theo từng hoạt động (một người học hai "
                                           "hoạt động được tính hai lần)")),
    ("women", QT_TRANSLATE_NOOP("ClcSummaryWidget", "Nữ"), QT_TRANSLATE_NOOP("ClcSummaryWidget", "Nữ (lượt)")),
    ("ethnic_minority", QT_TRANSLATE_NOOP("ClcSummaryWidget", "DTTS"),
     QT_TRANSLATE_NOOP("ClcSummaryWidget", "Dân tộc thiểu số (lượt)")),
    ("rural_workers", QT_TRANSLATE_NOOP("ClcSummaryWidget", "LĐNT"),
     QT_TRANSLATE_NOOP("ClcSummaryWidget", "Lao động nông thôn (lượt)")),
]


def _t(text: str) -> str:
    return QCoreApplication.translate("ClcSummaryWidget", text)


class ClcSummaryWidget(QFrame):
    """Per-category figures of the centre's log for the context's period (or a range set by the page)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, show_title: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("card")
        self._range: tuple[dt.date | None, dt.date | None, str, Period | None] | None = None
        self.rows: list[dict] = []
        self.suggestion: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(8)
        self.title = QLabel(self.tr("Trung tâm học tập cộng đồng"))
        self.title.setObjectName("cardTitle")
        # Parent it (addWidget) before setVisible: a visible label without a parent is a window of
        # its own, flashes on screen and cancels Qt's quit-on-last-window-closed.
        layout.addWidget(self.title)
        self.title.setVisible(show_title)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        layout.addWidget(self.subtitle)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        layout.addWidget(self.grid_host)
        self.empty = QLabel(self.tr("Chưa có hoạt động nào trong sổ cho khoảng thời gian này."))
        self.empty.setObjectName("muted")
        layout.addWidget(self.empty)
        self.suggestion_label = QLabel()
        self.suggestion_label.setObjectName("suggestion")
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setToolTip(SUGGESTION_RULE_VI)
        layout.addWidget(self.suggestion_label)
        layout.addStretch(1)  # keep the rows together at the top of a tall card
        ctx.period_changed.connect(self._on_period_changed)
        ctx.changes_made.connect(self._on_changes)
        ctx.installation_changed.connect(self.refresh)
        self.refresh()

    # ---- what to show --------------------------------------------------------------------------

    def set_range(self, date_from: dt.date | None, date_to: dt.date | None, label: str,
                  period: Period | None = None) -> None:
        """Show a date range chosen elsewhere (the log page's filter) instead of the context's period.
        When the range is exactly `period`, the suggestion for LDNT_HOC_TTHTCD is shown too."""
        if period is not None and (period.start, period.end) != (date_from, date_to):
            period = None
        self._range = (date_from, date_to, label, period)
        self.refresh()

    def _on_changes(self, changes, _initiator=None) -> None:
        """The learning-centre log changed: sum it again (when shown; else when next shown)."""
        if not (changes.clc or changes.units):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    def follow_period(self) -> None:
        self._range = None
        self.refresh()

    def _on_period_changed(self, _period: Period) -> None:
        if self._range is None:
            self.refresh()

    def refresh(self) -> None:
        inst = self.ctx.installation
        if inst is None:
            return
        unit = inst.unit
        period = self.ctx.period
        if self._range is None:
            date_from, date_to, label = period.start, period.end, period_name(period)
            suggestion_period: Period | None = period
        else:
            date_from, date_to, label, suggestion_period = self._range

        def load(db):  # on a worker: over all periods of a province this is 51,000 activities
            suggestion = (suggested_rural_workers(db, unit.id, suggestion_period.code)
                          if suggestion_period else None)
            return suggestion, summarize_range(db, unit.id, date_from, date_to)

        def show(loaded) -> None:
            self.suggestion, self.rows = loaded
            self._show(unit, date_from, date_to, label, suggestion_period)

        QueryOp(self, load, key=f"clc-summary-{id(self)}").success(show).run_in_background()

    def _show(self, unit, date_from, date_to, label, suggestion_period) -> None:
        where = unit.name if unit.level == "xa" else self.tr("các xã thuộc {unit}").format(unit=unit.name)
        span = f"{format_date(date_from) or '…'} – {format_date(date_to) or '…'}"
        self.subtitle.setText(f"{where} · {label} ({span})")
        self._fill()
        if suggestion_period is None:
            self.suggestion_label.setVisible(False)
        elif suggestion_period.half == 2:
            self.suggestion_label.setText(self.tr("Tử số gợi ý của chỉ tiêu LĐNT học tại TTHTCĐ chỉ có cho 6 tháng "
                                                  "đầu năm và cả năm."))
            self.suggestion_label.setVisible(True)
        elif self.suggestion is None:
            self.suggestion_label.setText(self.tr("Chưa ghi «LĐNT học lần đầu trong năm» cho hoạt động nào của kỳ "
                                                  "này, nên chưa có tử số gợi ý cho chỉ tiêu LĐNT học tại TTHTCĐ."))
            self.suggestion_label.setVisible(True)
        else:
            self.suggestion_label.setText(self.tr(
                "Lao động nông thôn học tại trung tâm (người, không trùng): <b>{n}</b> — tử số gợi ý cho chỉ tiêu "
                "LDNT_HOC_TTHTCD; số đã nhập không bị thay đổi.").format(n=format_int(self.suggestion)))
            self.suggestion_label.setVisible(True)

    def _fill(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, not at the next turn of the event loop
                item.widget().deleteLater()
        total = self.rows[-1]
        shown = [r for r in self.rows[:-1] if r["activities"]]
        self.empty.setVisible(not shown)
        self.grid_host.setVisible(bool(shown))
        if not shown:
            return
        # PySide6's `Qt` namespace only here, where rows are shown: building it (all its enums, ~13 ms
        # holding the interpreter's lock) is what importing this module cost, and the dashboard
        # imports it on a worker while its own figures are being computed and shown.
        from PySide6.QtCore import Qt

        header = QLabel(self.tr("Nhóm chuyên đề"))
        header.setObjectName("columnHeader")
        self.grid.addWidget(header, 0, 0)
        for col, (_key, title, tip) in enumerate(COLUMNS, start=1):
            label = QLabel(_t(title))
            label.setObjectName("columnHeader")
            label.setToolTip(_t(tip))
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(label, 0, col)
        for r, row in enumerate([*shown, total], start=1):
            is_total = row["category"] is None
            name = QLabel(self.tr("Tổng cộng") if is_total else core_label(CATEGORY_SHORT_VI.get(row["category"], row["category"])))
            name.setObjectName("rowLabel" if is_total else "")
            if not is_total:
                name.setToolTip(core_label(CATEGORY_LABELS_VI.get(row["category"], row["category"])))
            self.grid.addWidget(name, r, 0)
            for col, (key, _title, _tip) in enumerate(COLUMNS, start=1):
                value = QLabel(format_int(row[key], "–"))
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                if row[key] is None:
                    value.setToolTip(self.tr("Chưa ghi"))
                if is_total:
                    value.setObjectName("rowLabel")
                self.grid.addWidget(value, r, col)
        self.grid.setColumnStretch(0, 1)

    def figures(self, category: str | None) -> dict | None:
        """The row shown for a category (None = total); for tests and callers."""
        return next((r for r in self.rows if r["category"] == category), None)
