"""Table models of the TTHTCĐ activity log: the rows, the filter/sort proxy and the totals row."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from xhht_desktop.clc.domain import CATEGORY_LABELS_VI, CATEGORY_SHORT_VI, FORMAT_LABELS_VI, Activity, format_date
from xhht_desktop.clc.repository import ActivityFilter
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.values import format_int
from ui.models.core_labels import core_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex

# (key, header, tooltip). Counts are right-aligned; `unit` only when several communes are listed.
# Texts are marked for lupdate (context "ClcActivityModel") and translated when asked for (`_t`).
CTX = "ClcActivityModel"
COLUMNS: list[tuple[str, str, str]] = [
    ("date", QT_TRANSLATE_NOOP("ClcActivityModel", "Ngày"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Ngày diễn ra (ngày bắt đầu nếu là lớp học nhiều ngày)")),
    ("end_date", QT_TRANSLATE_NOOP("ClcActivityModel", "Đến ngày"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Ngày kết thúc của lớp học nhiều ngày")),
    ("title", QT_TRANSLATE_NOOP("ClcActivityModel", "Tên hoạt động"), ""),
    ("category", QT_TRANSLATE_NOOP("ClcActivityModel", "Nhóm chuyên đề"), ""),
    ("format", QT_TRANSLATE_NOOP("ClcActivityModel", "Hình thức"), ""),
    ("place", QT_TRANSLATE_NOOP("ClcActivityModel", "Địa điểm"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Để trống = tại trung tâm")),
    ("sessions", QT_TRANSLATE_NOOP("ClcActivityModel", "Buổi"), QT_TRANSLATE_NOOP("ClcActivityModel", "Số buổi")),
    ("visits", QT_TRANSLATE_NOOP("ClcActivityModel", "Lượt"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Lượt người học: một người học 10 buổi là 10 lượt")),
    ("women", QT_TRANSLATE_NOOP("ClcActivityModel", "Nữ"), QT_TRANSLATE_NOOP("ClcActivityModel", "Nữ (lượt)")),
    ("ethnic_minority", QT_TRANSLATE_NOOP("ClcActivityModel", "DTTS"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Dân tộc thiểu số (lượt)")),
    ("rural_workers", QT_TRANSLATE_NOOP("ClcActivityModel", "LĐNT"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Lao động nông thôn (lượt)")),
    ("learners", QT_TRANSLATE_NOOP("ClcActivityModel", "Người"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Số người khác nhau của hoạt động (không trùng)")),
    ("rural_workers_new", QT_TRANSLATE_NOOP("ClcActivityModel", "LĐNT mới"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Lao động nông thôn học lần đầu trong năm tại trung tâm (người)")),
    ("partner", QT_TRANSLATE_NOOP("ClcActivityModel", "Phối hợp"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Đơn vị phối hợp")),
    ("cost", QT_TRANSLATE_NOOP("ClcActivityModel", "Kinh phí"),
     QT_TRANSLATE_NOOP("ClcActivityModel", "Kinh phí (đồng)")),
    ("unit", QT_TRANSLATE_NOOP("ClcActivityModel", "Xã"), ""),
]
NUMERIC = {"sessions", "visits", "women", "ethnic_minority", "rural_workers", "learners", "rural_workers_new", "cost"}
CENTRE_PLACE = QT_TRANSLATE_NOOP("ClcActivityModel", "Trung tâm")


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text) if text else text


class ClcActivityModel(QAbstractTableModel):
    """The activities of one commune (or of the communes below a district) for a date range."""

    def __init__(self, parent=None, *, show_unit: bool = False):
        super().__init__(parent)
        self.activities: list[Activity] = []
        self.unit_names: dict[int, str] = {}
        self.columns = [c for c in COLUMNS if show_unit or c[0] != "unit"]

    def set_activities(self, activities: list[Activity], unit_names: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self.activities = list(activities)
        self.unit_names = unit_names or {}
        self.endResetModel()

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c[0] == key)

    def row_of(self, record_uuid: str) -> int:
        return next((i for i, a in enumerate(self.activities) if a.uuid == record_uuid), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.activities)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        key, title, tip = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _t(title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _t(tip) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def text(self, a: Activity, key: str) -> str:
        if key in ("date", "end_date"):
            return format_date(getattr(a, key))
        if key == "category":
            return core_label(CATEGORY_SHORT_VI.get(a.category, a.category))
        if key == "format":
            return core_label(FORMAT_LABELS_VI.get(a.format, a.format))
        if key == "place":
            return a.place or _t(CENTRE_PLACE)
        if key == "unit":
            return self.unit_names.get(a.unit_id, "")
        if key in NUMERIC:
            return format_int(getattr(a, key))
        return getattr(a, key) or ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.activities[index.row()]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(a, key)
        if role == SORT_ROLE:
            if key in ("date", "end_date"):
                value = getattr(a, key)
                return value.isoformat() if value else ""
            if key in NUMERIC:
                value = getattr(a, key)
                return -1 if value is None else value  # blank sorts before 0
            return fold(self.text(a, key))
        if role == ACTIVITY_ROLE:
            return a
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "title":
                return a.title + ("\n" + self.tr("Ghi chú: {notes}").format(notes=a.notes) if a.notes else "")
            if key == "date" and a.end_date and a.end_date != a.date:
                return f"{format_date(a.date)} – {format_date(a.end_date)}"
            if key == "category":
                return core_label(CATEGORY_LABELS_VI.get(a.category, a.category))
            if key == "cost" and a.funding:
                return self.tr("Nguồn: {funding}").format(funding=a.funding)
        return None


class ClcFilterProxy(QSortFilterProxyModel):
    """Sorts on typed keys (dates, numbers, accent-free text) and filters by category, dates and
    an accent-insensitive search over title, partner, place, funding, notes and labels."""

    filter_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = ActivityFilter()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, filt: ActivityFilter) -> None:
        self.filter = filt
        # A full re-mapping, not row-by-row removal: narrowing tens of thousands of rows to a few
        # hundred otherwise emits thousands of removal signals.
        self.invalidate()
        self.filter_changed.emit()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        return self.filter.accepts(model.activities[source_row])

    def accepted_activities(self) -> list[Activity]:
        """The rows the filter lets through, in load order: plain Python, no call into Qt per row."""
        return [a for a in self.sourceModel().activities if self.filter.accepts(a)]

    def visible_activities(self) -> list[Activity]:
        """The rows as the view shows them (sorted)."""
        model = self.sourceModel()
        return [model.activities[self.mapToSource(self.index(r, 0)).row()] for r in range(self.rowCount())]


class ClcTotalsModel(QAbstractTableModel):
    """One row under the table: the sums of the rows the filter shows (blank when nothing is recorded)."""

    def __init__(self, proxy: ClcFilterProxy, parent=None):
        super().__init__(parent)
        self.proxy = proxy
        self.sums: dict[str, int | None] = {}
        self.count = 0
        # Once per change of rows or filter; never per removed range (that made large filters slow).
        proxy.filter_changed.connect(self.recompute)
        proxy.modelReset.connect(self.recompute)
        proxy.sourceModelChanged.connect(self.recompute)
        self.recompute()

    @property
    def columns(self):
        return self.proxy.sourceModel().columns

    def recompute(self, *args) -> None:
        rows = self.proxy.accepted_activities()
        self.count = len(rows)
        self.sums = {}
        for key in NUMERIC:
            known = [getattr(a, key) for a in rows if getattr(a, key) is not None]
            self.sums[key] = sum(known) if known else None
        if self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(0, self.columnCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def text(self, key: str) -> str:
        if key == "title":
            return self.tr("Tổng cộng: {n} hoạt động").format(n=format_int(self.count))
        if key in NUMERIC:
            return format_int(self.sums.get(key))
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key in ("women", "ethnic_minority", "rural_workers", "learners",
                                                            "rural_workers_new", "cost"):
            return self.tr("Tổng các hoạt động có ghi số này (để trống = chưa ghi, không tính là 0)")
        return None
