"""Sổ TTHTCĐ: the community learning centre's activity log, the page a centre director lives in.

A table (sortable, filtered by period, date range, category and an accent-insensitive search) with
a totals row under it; add / edit / duplicate-as-new / delete with undo; a per-category summary tab;
the centre's record; export to Excel. Everything works from the keyboard:

    Insert, Ctrl+N  thêm          Enter       sửa            Ctrl+D  nhân bản
    Delete          xóa           Ctrl+Z      hoàn tác        Ctrl+Y  làm lại
    Ctrl+F          tìm           Esc (in the search box) clears it and returns to the table

Deleting keeps a tombstone; undo restores it. Every change goes through the core repository (with
history) and is announced with `ctx.notify_data_changed()`. A district or the Department sees the
communes' logs read-only, with a "Xã" column.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import shiboken6

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc import undo as clc_undo
from xhht_desktop.clc.domain import (
    CATEGORIES,
    CATEGORY_SHORT_VI,
    EARLIEST_DATE,
    FUTURE_DAYS,
    Activity,
    ClcValidationError,
    FieldError,
    build_activity,
    build_centre,
    format_date,
)
from xhht_desktop.clc.summary import commune_ids
from xhht_desktop.db import units_repo
from xhht_desktop.sync import corrections
from xhht_desktop.domain.periods import LAST_YEAR, Period, all_periods
from xhht_desktop.writer import Changes, Outcome

from ui.i18n import core_words
from ui.context import AppContext
from ui.dialogs.clc_activity import ClcActivityDialog
from ui.dialogs.clc_centre import ClcCentreDialog
from ui.models.clc_activity_model import CENTRE_PLACE, ClcActivityModel, ClcTotalsModel, sort_keys
from ui.models.clc_activity_model import _t as _model_text
from ui.models.presentation import period_label, period_name
from ui.operations import CollectionOp, QueryOp
from ui.tasks import Cancelled
from ui.pages.base import Page
from ui.widgets import messages
from ui.widgets.clc_summary import ClcSummaryWidget
from ui.models.core_labels import core_label

ALL_PERIODS = "all"
HIDDEN_BY_DEFAULT = {"end_date", "place", "cost"}
LARGE_LOG = 3000  # rows above which the search waits for a pause in the typing


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class ClcPage(Page):
    title = QT_TRANSLATE_NOOP("ClcPage", "Sổ TTHTCĐ")
    icon_name = "clc"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self._today = today
        self.undo_log = clc_undo.UndoLog()  # the core's: each step is applied by the writer
        self.last_dialog: ClcActivityDialog | None = None
        self._last_entry_date: dt.date | None = None
        inst = ctx.installation
        self.unit = inst.unit if inst else None
        self.editable = bool(self.unit and self.unit.level == "xa")

        root = QVBoxLayout(self)
        root.setContentsMargins(18, 14, 18, 10)
        root.setSpacing(8)
        root.addWidget(self._build_centre_header())
        root.addLayout(self._build_filters())
        root.addLayout(self._build_actions())

        self._select_after_load: list[str] | None = None
        self._pending_select: tuple[list[str], str | None] | None = None
        self.loading = False
        self.model = ClcActivityModel(self, show_unit=not self.editable)
        self.model.on_busy = self._on_arranging
        self.model.filter_changed.connect(self._on_arranged)
        self.proxy = self.model  # filters and sorts itself, on keys computed when loaded
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.model.column_of("date"), Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._column_menu)
        self.table.activated.connect(lambda _index: self.edit_current())
        self.table.doubleClicked.connect(lambda _index: self.edit_current())

        self.totals_model = ClcTotalsModel(self.proxy, self)
        self.totals = QTableView()
        self.totals.setObjectName("clcTotals")
        self.totals.setModel(self.totals_model)
        self.totals.horizontalHeader().setVisible(False)
        self.totals.verticalHeader().setVisible(False)
        self.totals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.totals.setFixedHeight(30)
        self.totals.verticalHeader().setDefaultSectionSize(28)
        self.totals.setStyleSheet("QTableView#clcTotals { background: #eef2f5; }")
        # The totals row lines up with the table's columns and scrolls with it.
        self.table.horizontalHeader().sectionResized.connect(
            lambda i, _old, new: self.totals.setColumnWidth(i, new))
        self.table.horizontalScrollBar().valueChanged.connect(self.totals.horizontalScrollBar().setValue)

        log = QWidget()
        log_layout = QVBoxLayout(log)
        log_layout.setContentsMargins(0, 4, 0, 0)
        log_layout.setSpacing(0)
        log_layout.addWidget(self.table, 1)
        log_layout.addWidget(self.totals)
        self.summary = ClcSummaryWidget(ctx, show_title=False)
        summary_host = QWidget()
        summary_layout = QVBoxLayout(summary_host)
        summary_layout.setContentsMargins(0, 8, 0, 0)
        self.summary.setMaximumWidth(980)
        summary_layout.addWidget(self.summary)
        summary_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(log, self.tr("Sổ hoạt động"))
        self.tabs.addTab(summary_host, self.tr("Tổng hợp theo nhóm"))
        root.addWidget(self.tabs, 1)

        status = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("muted")
        status.addWidget(self.status, 1)
        self.undo_link = QPushButton(self.tr("Hoàn tác"))
        self.undo_link.setObjectName("linkButton")
        self.undo_link.setVisible(False)
        self.undo_link.clicked.connect(self.undo)
        status.addWidget(self.undo_link)
        keys = QLabel(self.tr("Insert: thêm · Enter: sửa · Ctrl+D: nhân bản · Delete: xóa · Ctrl+Z: hoàn tác · "
                              "Ctrl+F: tìm")
                      if self.editable else self.tr("Ctrl+F: tìm · chỉ xem (sổ do các xã ghi)"))
        keys.setObjectName("muted")
        status.addWidget(keys)
        root.addLayout(status)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_proxy_filter)
        self._build_shortcuts()
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        ctx.period_changed.connect(self._on_period_changed)
        ctx.changes_made.connect(self._on_changes)
        ctx.installation_changed.connect(self._on_installation_changed)
        self._set_period_filter(ctx.period)
        self.refresh()

    # ---- building ------------------------------------------------------------------------------

    def _build_centre_header(self) -> QWidget:
        frame = QFrame()
        frame.setObjectName("card")
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(14, 8, 14, 8)
        texts = QVBoxLayout()
        self.centre_title = QLabel()
        self.centre_title.setObjectName("cardTitle")
        self.centre_detail = QLabel()
        self.centre_detail.setObjectName("muted")
        self.centre_detail.setWordWrap(True)
        texts.addWidget(self.centre_title)
        texts.addWidget(self.centre_detail)
        layout.addLayout(texts, 1)
        self.centre_button = QPushButton(self.tr("Thông tin trung tâm…"))
        self.centre_button.clicked.connect(self.edit_centre)
        self.centre_button.setVisible(self.editable)
        layout.addWidget(self.centre_button, 0, Qt.AlignmentFlag.AlignTop)
        return frame

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("Kỳ")))
        self.period_filter = QComboBox()
        self.period_filter.addItem(self.tr("Tất cả các kỳ"), ALL_PERIODS)
        latest = self.today() + dt.timedelta(days=FUTURE_DAYS)
        for p in all_periods():
            if p.start <= latest and (self.unit is None or self.unit.overlaps(p)):
                self.period_filter.addItem(period_label(p), p)
        self.period_filter.setMaxVisibleItems(18)
        self.period_filter.currentIndexChanged.connect(self._on_period_filter)
        row.addWidget(self.period_filter)
        row.addWidget(QLabel(self.tr("từ")))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMinimumDate(_qdate(EARLIEST_DATE))
            edit.setMaximumDate(_qdate(dt.date(LAST_YEAR, 12, 31)))
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._on_dates_changed)  # connected once both exist
        row.addWidget(self.date_from)
        row.addWidget(QLabel(self.tr("đến")))
        row.addWidget(self.date_to)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("Nhóm")))
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("Tất cả các nhóm"), None)
        for i, (code, label) in enumerate(CATEGORIES, start=1):
            self.category_filter.addItem(core_label(CATEGORY_SHORT_VI[code]), code)
            self.category_filter.setItemData(i, label, Qt.ItemDataRole.ToolTipRole)
        self.category_filter.currentIndexChanged.connect(self._apply_proxy_filter)
        row.addWidget(self.category_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm (Ctrl+F): tên, đơn vị phối hợp, địa điểm… — không cần dấu"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text)
        self.search.installEventFilter(self)
        row.addWidget(self.search, 1)
        return row

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.add_button = QPushButton(self.tr("Thêm hoạt động"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip(self.tr("Insert hoặc Ctrl+N"))
        self.add_button.clicked.connect(self.add_activity)
        self.edit_button = QPushButton(self.tr("Sửa"))
        self.edit_button.setToolTip("Enter")
        self.edit_button.clicked.connect(self.edit_current)
        self.duplicate_button = QPushButton(self.tr("Nhân bản"))
        self.duplicate_button.setToolTip(self.tr("Ctrl+D: ghi một hoạt động mới giống hoạt động đang chọn"))
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.delete_button = QPushButton(self.tr("Xóa"))
        self.delete_button.setToolTip(self.tr("Delete (có thể hoàn tác)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton(self.tr("Hoàn tác"))
        self.undo_button.setToolTip("Ctrl+Z")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(self.tr("Làm lại"))
        self.redo_button.setToolTip("Ctrl+Y")
        self.redo_button.clicked.connect(self.redo)
        for b in (self.add_button, self.edit_button, self.duplicate_button, self.delete_button, self.undo_button,
                  self.redo_button):
            b.setVisible(self.editable)
            row.addWidget(b)
        row.addStretch(1)
        self.export_button = QPushButton(self.tr("Xuất Excel…"))
        self.export_button.setToolTip(self.tr("Xuất các hoạt động đang hiện (theo bộ lọc) ra tệp .xlsx"))
        self.export_button.clicked.connect(self.export_xlsx)
        row.addWidget(self.export_button)
        return row

    def _build_shortcuts(self) -> None:
        def action(keys: list, slot, *, on_table: bool = False) -> QAction:
            act = QAction(self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            # Table actions only while the table has focus: Delete in the search box deletes text.
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if on_table
                                   else Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            (self.table if on_table else self).addAction(act)
            return act

        self.find_action = action([QKeySequence.StandardKey.Find], self.focus_search)
        if not self.editable:
            return
        self.add_action = action([Qt.Key.Key_Insert, QKeySequence.StandardKey.New], self.add_activity)
        self.undo_action = action([QKeySequence.StandardKey.Undo], self._undo_unless_typing)
        self.redo_action = action([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self._redo_unless_typing)
        self.duplicate_action = action([QKeySequence("Ctrl+D")], self.duplicate_current, on_table=True)
        self.delete_action = action([QKeySequence.StandardKey.Delete], self.delete_selected, on_table=True)

    # ---- period, filters -----------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _set_period_filter(self, period: Period) -> None:
        # findData cannot compare Python objects: look for the period by value.
        index = next((i for i in range(self.period_filter.count()) if self.period_filter.itemData(i) == period), 0)
        self.period_filter.blockSignals(True)
        self.period_filter.setCurrentIndex(index)
        self.period_filter.blockSignals(False)
        self._on_period_filter()

    def _on_period_changed(self, period: Period) -> None:
        self._set_period_filter(period)

    def _on_period_filter(self, *_args) -> None:
        data = self.period_filter.currentData()
        if isinstance(data, Period):
            start, end = data.start, data.end
        else:
            # Everything: up to a month ahead, or further if a record (synced from a machine whose
            # clock was ahead) lies beyond that.
            latest = repo.latest_activity_date(self.ctx.db) or EARLIEST_DATE
            start, end = EARLIEST_DATE, max(self.today() + dt.timedelta(days=FUTURE_DAYS), latest)
        for edit, d in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(d))
            edit.blockSignals(False)
        self.refresh()

    def _on_dates_changed(self, *_args) -> None:
        if self.date_from.date() > self.date_to.date():
            sender = self.sender()
            other = self.date_to if sender is self.date_from else self.date_from
            other.blockSignals(True)
            other.setDate(sender.date())
            other.blockSignals(False)
        self.refresh()

    def date_range(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def _on_search_text(self, _text: str) -> None:
        # A commune's log filters at once; a province's tens of thousands of rows wait for a pause
        # in the typing instead of re-filtering at every key.
        if len(self.model.activities) > LARGE_LOG:
            self._search_timer.start()
        else:
            self._apply_proxy_filter()

    def _shown_filter(self) -> repo.ActivityFilter:
        start, end = self.date_range()
        return repo.ActivityFilter(start, end, self.category_filter.currentData(), self.search.text())

    def _apply_proxy_filter(self, *_args) -> None:
        if self._pending_select is None:
            current = self.current_activity()
            self._pending_select = (self.selected_uuids(), current.uuid if current else None)
        self.model.set_filter(self._shown_filter())  # a large log: on a worker, then _on_arranged

    def _on_arranged(self) -> None:
        """The model has its rows in order (at once for a commune's log, from a worker for a
        province's): put the selection back, update the counts."""
        if self._pending_select is not None:
            keep, current = self._pending_select
            self._pending_select = None
            self.select_uuids(keep, current)
        self._update_status_counts()
        self._update_buttons()

    def _on_arranging(self, started: bool) -> None:
        (self.ctx._operation_started if started else self.ctx._operation_finished)()

    def current_filter(self) -> repo.ActivityFilter:
        return self.model.filter

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self.table.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.table.setFocus()
                if self.model.rowCount() and not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(obj, event)

    # ---- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the log for the dates shown on a worker (a province's log over all periods is
        tens of thousands of rows); the rows on screen stay until the new ones arrive."""
        if self.unit is None:
            return
        unit_id, editable, columns = self.unit.id, self.editable, self.model.columns
        start, end = self.date_range()
        centre_place = _model_text(CENTRE_PLACE)

        def load(db):
            ids = commune_ids(db, unit_id, end)
            activities = repo.list_activities(db, ids, repo.ActivityFilter(start, end))
            unreadable = repo.unreadable_activities(db, ids)  # left out of the list: say so
            names = {} if editable else {u: units_repo.get_unit(db, u).name for u in {a.unit_id for a in activities}}
            requests = corrections.open_for_activities(db)  # the Department's requests, shown beside (issue 11)
            return (activities, names, sort_keys(activities, names, columns, centre_place), (start, end), unreadable,
                    requests)

        self.loading = True
        self._update_status_counts()
        QueryOp(self, load, key="clc-log").success(self._loaded).failure(self._load_failed).run_in_background()
        self._refresh_centre()
        period = self.period_filter.currentData()
        label = period_name(period) if isinstance(period, Period) else self.tr("Tất cả các kỳ")
        self.summary.set_range(start, end, label, period if isinstance(period, Period) else None)
        self._update_buttons()

    def _loaded(self, loaded) -> None:
        activities, names, keys, dates, self._unreadable, self.model.requests = loaded
        current = self.current_activity()
        if self._select_after_load is not None:
            self._pending_select = (self._select_after_load, None)
        else:
            self._pending_select = (self.selected_uuids(), current.uuid if current else None)
        self._select_after_load = None
        self.loading = False
        self.model.filter = self._shown_filter()
        self.model.set_activities(activities, names, keys, dates)
        self._fit_columns()

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.status.setText(self.tr("Không đọc được: {error}").format(error=core_words(exc)))

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        if getattr(self, "_fitted", False):
            return
        self._fitted = True
        widths = {"date": 88, "end_date": 88, "title": 240, "category": 170, "format": 92, "place": 120,
                  "partner": 140, "unit": 140, "rural_workers_new": 80, "cost": 92}
        for i, (key, _title, _tip) in enumerate(self.model.columns):
            # Wide enough for its header too (English headers are longer than the Vietnamese ones).
            title = self.model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or ""
            self.table.setColumnWidth(i, max(widths.get(key, 58), header.fontMetrics().horizontalAdvance(title) + 18))
            self.totals.setColumnWidth(i, self.table.columnWidth(i))
            # Place and cost are seldom looked at: hidden until asked for (right-click the header).
            hidden = key in HIDDEN_BY_DEFAULT
            self.table.setColumnHidden(i, hidden)
            self.totals.setColumnHidden(i, hidden)
        # The title takes what is left, so the usual columns fit a 1366-pixel screen.
        header.setSectionResizeMode(self.model.column_of("title"), QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)

    def _column_menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for i, (key, _title, _tip) in enumerate(self.model.columns):
            if key in ("date", "title"):
                continue
            horizontal = Qt.Orientation.Horizontal
            act = menu.addAction(self.model.headerData(i, horizontal, Qt.ItemDataRole.ToolTipRole)
                                 or self.model.headerData(i, horizontal, Qt.ItemDataRole.DisplayRole))
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(i))
            act.toggled.connect(lambda on, col=i: (self.table.setColumnHidden(col, not on),
                                                   self.totals.setColumnHidden(col, not on)))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _refresh_centre(self) -> None:
        if self.unit is None:
            return
        if not self.editable:
            self.centre_title.setText(self.tr("Sổ hoạt động TTHTCĐ các xã thuộc {unit}").format(unit=self.unit.name))
            self.centre_detail.setText(self.tr("Chỉ xem: mỗi xã ghi sổ của mình; số liệu về đây qua gói đồng bộ."))
            return
        centre = repo.get_centre(self.ctx.db, self.unit.id)
        if centre is None:
            self.centre_title.setText(repo.default_centre_name(self.unit))
            self.centre_detail.setText(self.tr("Chưa ghi thông tin trung tâm (giám đốc, quyết định thành lập, "
                                               "điểm học tập ở thôn). Bấm «Thông tin trung tâm…»."))
            return
        self.centre_title.setText(centre.name)
        parts = []
        if centre.director:
            parts.append(self.tr("Giám đốc: {name}").format(name=centre.director))
        if centre.decision_no or centre.decision_date:
            parts.append(self.tr("QĐ thành lập") + " " + " ".join(x for x in (
                self.tr("số {number}").format(number=centre.decision_no) if centre.decision_no else "",
                self.tr("ngày {date}").format(date=format_date(centre.decision_date)) if centre.decision_date else "")
                if x))
        if centre.combined_culture is not None:
            parts.append(self.tr("kết hợp với TT Văn hóa - Thể thao xã") if centre.combined_culture
                         else self.tr("không kết hợp với TT Văn hóa - Thể thao"))
        parts.append(self.tr("{n} điểm học tập ở thôn").format(n=len(centre.branches)) if centre.branches
                     else self.tr("chưa ghi điểm học tập ở thôn"))
        # A record stored with an invalid value (hand edit, old version) is shown flagged, not hidden.
        parts += ["⚠ " + problem for problem in centre.problems]
        self.centre_detail.setText(" · ".join(parts))

    def _update_status_counts(self) -> None:
        shown, total = self.model.accepted_count(), len(self.model.activities)
        if not hasattr(self, "status"):
            return
        if self.undo_link.isVisible():
            return  # an undo notice is showing; it stays until the next action
        if self.loading:
            self.status.setText(self.tr("Đang tải sổ hoạt động…"))
            return
        text = (self.tr("{shown} / {total} hoạt động đang hiện").format(shown=shown, total=total)
                if shown != total else self.tr("{total} hoạt động").format(total=total))
        if getattr(self, "_unreadable", 0):
            text += " · " + self.tr("⚠ {n} hoạt động có ngày lưu sai, không hiện: chạy «Kiểm tra dữ liệu» "
                                    "để biết hoạt động nào").format(n=self._unreadable)
        asked = sum(1 for a in self.model.activities if a.uuid in self.model.requests) if self.model.requests else 0
        if asked:  # issue 11: the Department's requests on activities, beside them in the log
            text += " · " + self.tr("⚑ Sở đề nghị kiểm tra lại {n} hoạt động (dòng tô hồng; rê chuột lên tên hoạt "
                                    "động để đọc)").format(n=asked)
        self.status.setText(text)

    def _update_buttons(self, *_args) -> None:
        if not shiboken6.isValid(self.undo_button):  # the page is being torn down
            return
        has_current = self.current_activity() is not None
        for b in (self.edit_button, self.duplicate_button):
            b.setEnabled(has_current)
        self.delete_button.setEnabled(bool(self.selected_uuids()))
        self.undo_button.setEnabled(self.undo_log.can_undo())
        self.redo_button.setEnabled(self.undo_log.can_redo())
        self.undo_button.setToolTip(f"Ctrl+Z: {self.undo_text()}" if self.undo_log.can_undo() else "Ctrl+Z")
        self.redo_button.setToolTip(f"Ctrl+Y: {self.redo_text()}" if self.undo_log.can_redo() else "Ctrl+Y")

    def _on_changes(self, changes, _initiator=None) -> None:
        """Reload when the log or the units changed (not for a save of figures); a hidden page only
        notes it and reloads when shown (a merge's end must not reload a log nobody looks at)."""
        if not (changes.clc or changes.units):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_data_changed(self) -> None:  # kept for callers that announce a change themselves
        self.refresh()

    def _on_installation_changed(self) -> None:
        inst = self.ctx.installation
        self.unit = inst.unit if inst else None
        self.refresh()

    # ---- selection -----------------------------------------------------------------------------

    def current_activity(self) -> Activity | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.model.activity_at(index.row())

    def selected_uuids(self) -> list[str]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.activity_at(r).uuid for r in sorted(rows)]

    def select_uuids(self, uuids: list[str], current: str | None = None) -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        first = None
        for u in uuids:
            row = self.model.row_of(u)
            if row < 0:
                continue
            self.model.ensure_fetched(row)
            index = self.model.index(row, 0)
            if not index.isValid():
                continue
            sel.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            if first is None or u == current:
                first = index
        if first is not None:
            sel.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)
        self._update_buttons()

    # ---- changes (all through the core, each undoable) -----------------------------------------

    def _actor(self) -> tuple[str, str]:
        inst = self.ctx.installation
        return (inst.actor, inst.installation_id) if inst else ("", "")

    def step_text(self, step: clc_undo.Step | None) -> str:
        if step is None:
            return ""
        what = f"«{step.title}»" if step.count == 1 else self.tr("{n} hoạt động").format(n=step.count)
        return {"add": self.tr("thêm {what}"), "edit": self.tr("sửa {what}"),
                "delete": self.tr("xóa {what}")}[step.kind].format(what=what)

    def undo_text(self) -> str:
        return self.step_text(self.undo_log.next_undo())

    def redo_text(self) -> str:
        return self.step_text(self.undo_log.next_redo())

    def undo(self) -> None:
        self._apply_step(self.undo_log.next_undo(), backwards=True)

    def redo(self) -> None:
        self._apply_step(self.undo_log.next_redo(), backwards=False)

    def _apply_step(self, step: clc_undo.Step | None, *, backwards: bool) -> None:
        """Undo or redo a step on the writer; refresh and tell the other pages when it has run."""
        if step is None:
            return
        actor, origin = self._actor()
        fn = clc_undo.undo if backwards else clc_undo.redo

        def op(db, _progress) -> Outcome:
            uuids = fn(db, step, actor=actor, origin=origin)
            return Outcome(Changes(clc=True, uuids=tuple(uuids)), uuids)

        def done(uuids: list[str]) -> None:
            (self.undo_log.undone if backwards else self.undo_log.redone)(step)
            self._after_change(uuids)
            self._notice("")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ClcValidationError):
                messages.warn(self, self.tr("Không hoàn tác được thay đổi này."), core_words(exc))
            else:
                messages.error(self, self.tr("Không hoàn tác được thay đổi này."), core_words(exc))

        label = self.tr("Hoàn tác") if backwards else self.tr("Làm lại")
        CollectionOp(self, label, op).success(done).failure(failed).run_in_background()

    def _after_change(self, select: list[str] | None = None) -> None:
        """The page made a change (the writer announces it and every page reloads): once the log
        is loaded again, select these rows."""
        self._select_after_load = list(select or [])

    def _notice(self, text: str, *, undo: bool = False) -> None:
        self.undo_link.setVisible(undo)
        if text:
            self.status.setText(text)
        else:
            self._update_status_counts()

    def default_entry_date(self) -> dt.date:
        """Today when it lies in the range shown; else the last date entered, or the latest activity
        shown, or the first day of the range (a director catching up on a past period)."""
        start, end = self.date_range()
        today = self.today()
        if start <= today <= end:
            return today
        if self._last_entry_date and start <= self._last_entry_date <= end:
            return self._last_entry_date
        shown = [a.date for a in self.model.activities]
        return max(shown) if shown else start

    def _dialog(self, mode: str, activity: Activity | None) -> ClcActivityDialog:
        db, unit = self.ctx.db, self.unit
        centre = repo.get_centre(db, unit.id)
        editing = activity if mode == "edit" else None

        def save(values: dict) -> list[FieldError]:
            return self.save_values(values, editing)

        dialog = ClcActivityDialog(
            self, save=save, mode=mode, activity=activity, default_date=self.default_entry_date(),
            defaults=repo.load_entry_defaults(db), templates=repo.recent_templates(db, unit.id),
            branches=centre.branches if centre else [], places=repo.distinct_texts(db, unit.id, "place"),
            partners=repo.distinct_texts(db, unit.id, "partner"), fundings=repo.distinct_texts(db, unit.id, "funding"),
            centre_name=centre.name if centre else repo.default_centre_name(unit))
        self.last_dialog = dialog
        return dialog

    def save_values(self, values: dict, editing: Activity | None) -> list[FieldError]:
        """Build, validate and store what the form holds; [] when saved (and pushed on the undo log).

        The form waits for the writer (the window stays live: a save queued behind a merge says so
        in the form and runs when the merge is done)."""
        unit = self.unit
        activity, errors = build_activity(values, today=self.today(), unit_valid_from=unit.valid_from,
                                          unit_valid_to=unit.valid_to, base=editing)
        if errors:
            return errors
        actor, origin = self._actor()
        today, editing_uuid = self.today(), editing.uuid if editing else None

        def op(db, _progress) -> Outcome:
            stored, step = clc_undo.save_activity(db, unit.id, activity, editing=editing_uuid, actor=actor,
                                                  origin=origin, today=today)
            return Outcome(Changes(clc=True, uuids=(stored.uuid,)), (stored, step))

        save = CollectionOp(self, self.tr("Lưu hoạt động"), op)
        if self.ctx.writer.busy_with() and self.last_dialog is not None:
            self.last_dialog.status.setText(self.tr("Đang chờ «{other}» xong rồi lưu…").format(
                other=self.ctx.writer.busy_with()))
        try:
            stored, step = save.success(lambda result: self._after_change([result[0].uuid])).run_and_wait()
        except ClcValidationError as exc:
            return exc.errors
        if step is not None:
            self.undo_log.push(step)
        self._last_entry_date = stored.date
        if self.last_dialog is not None:
            self.last_dialog.add_template(stored)
        self._ensure_visible(stored)
        self._update_buttons()
        notice = (self.tr("Đã thêm «{title}» ngày {date}.") if editing is None
                  else self.tr("Đã sửa «{title}» ngày {date}."))
        self._notice(notice.format(title=stored.title, date=format_date(stored.date)))
        return []

    def _ensure_visible(self, a: Activity) -> None:
        """A saved activity outside the filters would seem lost: widen the filters to show it."""
        start, end = self.date_range()
        if not start <= a.date <= end:
            self.period_filter.blockSignals(True)
            self.period_filter.setCurrentIndex(0)  # all periods
            self.period_filter.blockSignals(False)
            self._on_period_filter()
        if not self.proxy.filter.accepts(a):
            self.category_filter.setCurrentIndex(0)
            self.search.clear()

    def add_activity(self) -> None:
        if not self.editable:
            return
        self._dialog("add", None).exec()
        self.table.setFocus()

    def edit_current(self) -> None:
        a = self.current_activity()
        if a is None or not self.editable:
            return
        self._dialog("edit", a).exec()
        self.table.setFocus()

    def duplicate_current(self) -> None:
        a = self.current_activity()
        if a is None or not self.editable:
            return
        self._dialog("duplicate", a.copy_as_new()).exec()
        self.table.setFocus()

    def delete_selected(self) -> None:
        if not self.editable:
            return
        uuids = self.selected_uuids()
        if not uuids:
            return
        actor, origin = self._actor()
        # The next row to land on once these are gone.
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        next_row = rows[-1].row() + 1 if rows[-1].row() + 1 < self.model.rowCount() else rows[0].row() - 1
        next_uuid = self.model.activity_at(next_row).uuid if next_row >= 0 else None

        def op(db, _progress) -> Outcome:
            return Outcome(Changes(clc=True), clc_undo.delete_activities(db, uuids, actor=actor, origin=origin))

        def done(step: clc_undo.Step) -> None:
            self.undo_log.push(step)
            self._after_change([next_uuid] if next_uuid else [])
            what = f"«{step.title}»" if step.count == 1 else self.tr("{n} hoạt động").format(n=step.count)
            self._notice(self.tr("Đã xóa {what}. Bấm Ctrl+Z hoặc «Hoàn tác» để lấy lại.").format(what=what),
                         undo=True)
            self._update_buttons()

        CollectionOp(self, self.tr("Xóa hoạt động"), op).success(done).run_in_background()
        self.table.setFocus()

    def _typing_in_text(self) -> bool:
        focus = self.focusWidget()
        return isinstance(focus, QLineEdit)

    def _undo_unless_typing(self) -> None:
        # Ctrl+Z in the search box undoes typing there (QLineEdit claims the key first); this is
        # a guard for widgets that do not.
        if not self._typing_in_text():
            self.undo()

    def _redo_unless_typing(self) -> None:
        if not self._typing_in_text():
            self.redo()

    # ---- the centre ----------------------------------------------------------------------------

    def edit_centre(self) -> None:
        if not self.editable:
            return
        db, unit = self.ctx.db, self.unit
        centre = repo.get_centre(db, unit.id)
        predecessors = [(u.name, c) for u, c in repo.predecessor_centres(db, unit.id)]

        def save(values: dict) -> list[FieldError]:
            built, errors = build_centre(values, today=self.today(), base=centre)
            if errors:
                return errors
            actor, origin = self._actor()

            def op(wdb, _progress) -> Outcome:
                repo.save_centre(wdb, unit.id, built, actor=actor, origin=origin)
                return Outcome(Changes(clc=True))

            try:
                CollectionOp(self, self.tr("Lưu thông tin trung tâm"), op).run_and_wait()
            except ClcValidationError as exc:
                return exc.errors
            return []

        dialog = ClcCentreDialog(self, save=save, centre=centre, default_name=repo.default_centre_name(unit),
                                 predecessors=predecessors)
        self.last_centre_dialog = dialog
        dialog.accepted.connect(self._centre_saved)
        dialog.exec()

    def _centre_saved(self) -> None:
        self._refresh_centre()

    # ---- export --------------------------------------------------------------------------------

    def export_xlsx(self) -> None:
        from xhht_desktop.domain.text import ascii_slug

        start, end = self.date_range()
        suggested = f"SoTTHTCD_{ascii_slug(self.unit.short_name)}_{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        path = messages.save_file_name(self, self.tr("Xuất sổ hoạt động ra Excel"), suggested, "Excel (*.xlsx)")
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        filt = self.current_filter()
        unit_id = self.unit.id
        writing = self.tr("Đang ghi…")  # looked up here: the worker thread must not call into the page

        def work(db, progress):  # on a worker with its own connection (ui.operations.QueryOp)
            from xhht_desktop.clc.xlsx import export_log_xlsx

            return export_log_xlsx(db, unit_id, filt, path,
                                   progress=lambda done, total: progress.update(done, total, writing))

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, Cancelled):
                messages.error(self, self.tr("Không xuất được tệp Excel."), core_words(exc))

        self._export_task = QueryOp(self, work).with_progress(self.tr("Đang xuất sổ hoạt động…")).success(
            lambda out: self._notice(self.tr("Đã xuất {n} hoạt động ra «{path}».").format(
                n=self.model.accepted_count(), path=out))).failure(failed).run_in_background()

    # ---- Page contract ---------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()
        QTimer.singleShot(0, self.table.setFocus)
