"""Tình hình báo cáo (Department): which unit has reported which period — received, late, waiting
for confirmation, missing, not yet due — filtered by district or by monitoring agency.

Computed from the expected unit × period grid (xhht_desktop.sync.completeness), never from a box
someone ticks. A province's grid takes milliseconds, a nation's (ten thousand communes) about a
second: computed in a worker with its own connection, so the window never stalls.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import all_periods
from xhht_desktop.domain.values import format_int
from xhht_desktop.sync import completeness as comp

from ui.i18n import core_words
from ui.context import AppContext
from ui.models.core_labels import core_label
from ui.models.sync_models import CELL_COLOURS, CompletenessModel
from ui.operations import QueryOp
from ui.pages.base import Page

SPANS = {QT_TRANSLATE_NOOP("CompletenessPage", "4 kỳ gần nhất"): 4,
         QT_TRANSLATE_NOOP("CompletenessPage", "8 kỳ gần nhất"): 8,
         QT_TRANSLATE_NOOP("CompletenessPage", "Chỉ kỳ đang chọn"): 1}


class CompletenessPage(Page):
    title = QT_TRANSLATE_NOOP("CompletenessPage", "Tình hình báo cáo")
    icon_name = "completeness"
    roles = frozenset({"department"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.task = None  # the grid being computed (see refresh)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        heading = QLabel(self.tr("Tình hình báo cáo của các đơn vị"))
        heading.setObjectName("pageTitle")
        root.addWidget(heading)

        filters = QHBoxLayout()
        self.span = QComboBox()
        for label in SPANS:
            self.span.addItem(self.tr(label), SPANS[label])
        self.district = QComboBox()
        self.district.addItem(self.tr("Tất cả huyện"), None)
        for d in units_repo.all_units(ctx.db, "huyen"):
            self.district.addItem(d.name, d.code)
        self.agency = QComboBox()
        self.agency.addItem(self.tr("Mọi cơ quan theo dõi"), None)
        for a in comp.monitoring_agencies():
            self.agency.addItem(a.name, a.name)
        filters.addWidget(QLabel(self.tr("Kỳ")))
        filters.addWidget(self.span)
        filters.addWidget(QLabel(self.tr("Huyện")))
        filters.addWidget(self.district)
        filters.addWidget(QLabel(self.tr("Cơ quan theo dõi")))
        filters.addWidget(self.agency, 1)
        self.corrections_button = QPushButton(self.tr("Đề nghị kiểm tra lại…"))
        self.corrections_button.setToolTip(self.tr("Đánh dấu số liệu của một đơn vị để xã kiểm tra lại; "
                                                   "xem các đề nghị đang mở và đã đóng"))
        self.corrections_button.clicked.connect(self.open_corrections)
        filters.addWidget(self.corrections_button)
        root.addLayout(filters)
        for combo in (self.span, self.district, self.agency):
            combo.currentIndexChanged.connect(self.refresh)

        legend = QHBoxLayout()
        for status in (comp.RECEIVED, comp.LATE, comp.WAITING, comp.MISSING, comp.NOT_DUE):
            chip = QLabel(core_label(comp.STATUS_LABELS_VI[status]))
            chip.setStyleSheet(f"background: {CELL_COLOURS[status]}; padding: 2px 8px; border-radius: 4px;")
            legend.addWidget(chip)
        legend.addStretch(1)
        root.addLayout(legend)

        self.model = CompletenessModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # The units' column fits its names (from the first 200 rows: not all of a nation's 10,000);
        # the periods' columns are as wide as their longest text (see _fit_period_columns): fitting
        # them to their contents too asked the model for every role of 1,000 cells at each refresh.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        root.addWidget(self.table, 1)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        root.addWidget(self.totals)

        ctx.period_changed.connect(self.refresh_when_shown)
        ctx.data_changed.connect(self.refresh_when_shown)
        self.refresh()

    def open_corrections(self) -> None:
        from ui.dialogs.corrections_dept import CorrectionsDialog  # noqa: PLC0415

        CorrectionsDialog(self.ctx, self).exec()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        model = self.model
        metrics = self.table.fontMetrics()
        # A cell reads "<status> 12/69": the widest status with the widest count there can be.
        widest = max((metrics.horizontalAdvance(core_label(text)) for text in comp.STATUS_LABELS_VI.values()),
                     default=0)
        width = widest + metrics.horizontalAdvance(" 888/888") + 18
        for c in range(1, model.columnCount()):
            title = model.headerData(c, Qt.Orientation.Horizontal) or ""
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(c, max(width, header.fontMetrics().horizontalAdvance(title) + 24))

    def periods(self) -> list[str]:
        """The chosen period and those just before it, oldest first."""
        every = [p.code for p in all_periods()]
        end = every.index(self.ctx.period.code) + 1
        span = self.span.currentData() or 4
        return every[max(0, end - span):end]

    @property
    def busy(self) -> bool:
        """True while a grid is being computed."""
        return self.task is not None

    def refresh(self) -> None:
        """Recompute the grid in a worker; the grid on screen stays until the new one arrives, and a
        later refresh (another filter chosen meanwhile) supersedes an earlier one."""
        periods, district, agency = self.periods(), self.district.currentData(), self.agency.currentData()

        def done(result) -> None:
            self.task = None
            self._show(*result)

        def failed(exc: BaseException) -> None:
            self.task = None
            self.totals.setText(self.tr("Không đọc được: {error}").format(error=core_words(exc)))

        self.task = QueryOp(self, lambda db: (comp.completeness(db, periods, district=district, agency=agency),
                                              comp.deadline_days(db)),
                            key="completeness").success(done).failure(failed).run_in_background()

    def _show(self, grid: comp.Completeness, deadline_days: int) -> None:
        self.model.set_grid(grid)
        self._fit_columns()
        last = grid.periods[-1]
        totals = grid.totals(last)
        self.totals.setText(self.tr("Kỳ {p}: ").format(p=last) + ", ".join(
            f"{core_label(comp.STATUS_LABELS_VI[s]).lower()} {format_int(n)}" for s, n in totals.items()) + ". "
            + self.tr("Hạn nộp: {days} ngày sau khi hết kỳ.").format(days=deadline_days))
