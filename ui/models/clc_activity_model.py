"""Table models of the TTHTCĐ activity log: the rows (filtered, sorted, paged) and the totals row."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from xhht_desktop.clc.domain import CATEGORY_LABELS_VI, CATEGORY_SHORT_VI, FORMAT_LABELS_VI, Activity, format_date
from xhht_desktop.clc.repository import ActivityFilter
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.values import format_int

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


PAGE = 500  # rows handed to the view at a time (fetchMore): a province's log is tens of thousands


def sort_keys(activities: list[Activity], unit_names: dict[int, str], columns, centre_place: str) -> list[list]:
    """One list of sort keys per column, computed once per load (on the loading worker): dates as
    ISO text, numbers as numbers (blank before 0), texts accent- and case-free."""
    out = []
    for key, _title, _tip in columns:
        if key in ("date", "end_date"):
            out.append([(getattr(a, key).isoformat() if getattr(a, key) else "") for a in activities])
        elif key in NUMERIC:
            out.append([(-1 if getattr(a, key) is None else getattr(a, key)) for a in activities])
        elif key == "category":
            folded = {c: fold(t) for c, t in CATEGORY_SHORT_VI.items()}
            out.append([folded.get(a.category) or fold(a.category or "") for a in activities])
        elif key == "format":
            folded = {c: fold(t) for c, t in FORMAT_LABELS_VI.items()}
            out.append([folded.get(a.format) or fold(a.format or "") for a in activities])
        elif key == "place":
            centre = fold(centre_place)
            out.append([fold(a.place) if a.place else centre for a in activities])
        elif key == "unit":
            folded = {u: fold(n) for u, n in unit_names.items()}
            out.append([folded.get(a.unit_id, "") for a in activities])
        else:
            out.append([fold(getattr(a, key) or "") for a in activities])
    for a in activities:
        a.folded_text  # noqa: B018 - cached now, on the worker, not at the first keystroke
    return out


class ClcActivityModel(QAbstractTableModel):
    """The activities of one commune (or of the communes below a district) for a date range, as
    the table shows them: filtered and sorted on keys computed when they were loaded (no call into
    Qt per row), handed to the view a page at a time."""

    filter_changed = Signal()

    def __init__(self, parent=None, *, show_unit: bool = False):
        super().__init__(parent)
        self.activities: list[Activity] = []
        self.unit_names: dict[int, str] = {}
        self.columns = [c for c in COLUMNS if show_unit or c[0] != "unit"]
        self.filter = ActivityFilter()
        self._keys: list[list] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.visible: list[int] = []  # indices into activities, filtered and sorted
        self._fetched = 0

    # ---- loading, filtering, sorting ----------------------------------------------------------

    def set_activities(self, activities: list[Activity], unit_names: dict[int, str] | None = None,
                       keys: list[list] | None = None) -> None:
        self.beginResetModel()
        self.activities = list(activities)
        self.unit_names = unit_names or {}
        self._keys = keys
        self._arrange()
        self.endResetModel()
        self.filter_changed.emit()

    def keys(self) -> list[list]:
        if self._keys is None or len(self._keys) != len(self.columns):
            self._keys = sort_keys(self.activities, self.unit_names, self.columns, _t(CENTRE_PLACE))
        return self._keys

    def _arrange(self) -> None:
        filt = self.filter
        if filt.text or filt.category or filt.date_from or filt.date_to:
            rows = [i for i, a in enumerate(self.activities) if filt.accepts(a)]
        else:
            rows = list(range(len(self.activities)))
        if self._sort is not None:
            column, order = self._sort
            key = self.keys()[column]
            rows.sort(key=key.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self.visible = rows
        self._fetched = min(len(rows), max(PAGE, self._fetched))

    def set_filter(self, filt: ActivityFilter) -> None:
        self.beginResetModel()
        self.filter = filt
        self._fetched = 0
        self._arrange()
        self.endResetModel()
        self.filter_changed.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._arrange()
        self.layoutChanged.emit()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and self._fetched < len(self.visible)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802 - Qt API
        if parent.isValid():
            return
        more = min(PAGE, len(self.visible) - self._fetched)
        if more > 0:
            self.beginInsertRows(QModelIndex(), self._fetched, self._fetched + more - 1)
            self._fetched += more
            self.endInsertRows()

    def ensure_fetched(self, row: int) -> None:
        """Hand the view the pages up to this row (to select a row further down)."""
        while row >= self._fetched and self.canFetchMore():
            self.fetchMore()

    # ---- rows ------------------------------------------------------------------------------------

    def activity_at(self, row: int) -> Activity:
        return self.activities[self.visible[row]]

    def accepted_count(self) -> int:
        return len(self.visible)

    def accepted_activities(self) -> list[Activity]:
        """The rows the filter lets through, in load order."""
        return [self.activities[i] for i in sorted(self.visible)]

    def visible_activities(self) -> list[Activity]:
        """The rows as the view shows them (sorted), every page."""
        return [self.activities[i] for i in self.visible]

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c[0] == key)

    def row_of(self, record_uuid: str) -> int:
        """The row of this activity as shown (-1 if filtered out or not loaded)."""
        return next((r for r, i in enumerate(self.visible) if self.activities[i].uuid == record_uuid), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self._fetched

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
            return CATEGORY_SHORT_VI.get(a.category, a.category)
        if key == "format":
            return FORMAT_LABELS_VI.get(a.format, a.format)
        if key == "place":
            return a.place or _t(CENTRE_PLACE)
        if key == "unit":
            return self.unit_names.get(a.unit_id, "")
        if key in NUMERIC:
            return format_int(getattr(a, key))
        return getattr(a, key) or ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.visible):
            return None
        a = self.activities[self.visible[index.row()]]
        key = self.columns[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(a, key)
        if role == SORT_ROLE:
            return self.keys()[index.column()][self.visible[index.row()]]
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
                return CATEGORY_LABELS_VI.get(a.category, a.category)
            if key == "cost" and a.funding:
                return self.tr("Nguồn: {funding}").format(funding=a.funding)
        return None


class ClcTotalsModel(QAbstractTableModel):
    """One row under the table: the sums of the rows the filter shows (blank when nothing is recorded)."""

    def __init__(self, proxy: ClcActivityModel, parent=None):
        super().__init__(parent)
        self.proxy = proxy  # the log model (filtered rows)
        self.sums: dict[str, int | None] = {}
        self.count = 0
        # Once per change of rows or filter; never per removed range (that made large filters slow).
        proxy.filter_changed.connect(self.recompute)
        self.recompute()

    @property
    def columns(self):
        return self.proxy.columns

    def recompute(self, *args) -> None:
        acts, rows = self.proxy.activities, self.proxy.visible
        self.count = len(rows)
        self.sums = {}
        for key in NUMERIC:
            values = [getattr(acts[i], key) for i in rows]
            known = [v for v in values if v is not None]
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
