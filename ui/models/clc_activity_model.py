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
import shiboken6
from PySide6.QtGui import QColor, QFont

from xhht_desktop.clc.domain import CATEGORY_LABELS_VI, CATEGORY_SHORT_VI, FORMAT_LABELS_VI, Activity, format_date
from xhht_desktop.clc.repository import ActivityFilter
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.values import format_int
from ui.models.core_labels import core_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 2
CORRECTION_ROLE = Qt.ItemDataRole.UserRole + 3  # the Department's open requests on the activity (issue 11)
CORRECTION_BACKGROUND = QColor("#fdecea")
CORRECTION_FOREGROUND = QColor("#b00020")
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


LARGE = 3000  # rows above which filtering, sorting and the totals are computed on a worker


def arrange(activities: list[Activity], keys: list[list], columns, filt: ActivityFilter,
            sort: tuple[int, bool] | None, loaded: tuple | None = None) -> tuple[list[int], dict]:
    """The rows to show (indices into `activities`: filtered, then sorted on the precomputed keys,
    `sort` = (column, descending)) and the totals of the numeric columns over them. Pure Python
    with no call into Qt, so a large log does it on a worker. `loaded` = the (first, last) date
    the rows were loaded for: a date filter no narrower is not checked row by row."""
    rows = range(len(activities))
    if filt.category:
        rows = [i for i in rows if activities[i].category == filt.category]
    lo, hi = loaded or (None, None)
    if filt.date_from and (lo is None or filt.date_from > lo):
        rows = [i for i in rows if activities[i].date >= filt.date_from]
    if filt.date_to and (hi is None or filt.date_to < hi):
        rows = [i for i in rows if activities[i].date <= filt.date_to]
    words = filt.words
    if words:
        rows = [i for i in rows if all(w in activities[i].folded_text for w in words)]
    rows = list(rows)
    if sort is not None:
        key = keys[sort[0]]
        rows.sort(key=key.__getitem__, reverse=sort[1])
    sums: dict[str, int | None] = {}
    for c, (name, _title, _tip) in enumerate(columns):
        if name in NUMERIC:
            col = keys[c]
            known = [v for v in map(col.__getitem__, rows) if v >= 0]  # -1 is a blank
            sums[name] = sum(known) if known else None
    return rows, sums


def _places(wanted: set[int], rows: list[int]) -> dict[int, int]:
    """{activity index: its row in `rows`} for the few `wanted` (a linear search in C each)."""
    if len(wanted) > 64:
        return {i: r for r, i in enumerate(rows) if i in wanted}
    places = {}
    for i in wanted:
        try:
            places[i] = rows.index(i)
        except ValueError:
            continue
    return places


class ClcActivityModel(QAbstractTableModel):
    """The activities of one commune (or of the communes below a district) for a date range, as
    the table shows them: filtered and sorted on keys computed when they were loaded (no call into
    Qt per row), handed to the view a page at a time. A large log (a province's, tens of thousands
    of rows) filters, sorts and totals on a worker; the rows on screen stay until the new order
    arrives (`busy` meanwhile)."""

    filter_changed = Signal()

    def __init__(self, parent=None, *, show_unit: bool = False):
        super().__init__(parent)
        self.activities: list[Activity] = []
        self.unit_names: dict[int, str] = {}
        self.columns = [c for c in COLUMNS if show_unit or c[0] != "unit"]
        self.filter = ActivityFilter()
        self.loaded_range: tuple | None = None
        self._keys: list[list] | None = None
        self._sort: tuple[int, bool] | None = None
        self.visible: list[int] = []  # indices into activities, filtered and sorted
        self.sums: dict[str, int | None] = {}
        self._fetched = 0
        self._generation = 0
        self.busy = 0
        self._tasks: set = set()  # running arrangements (kept alive until they deliver)
        self.on_busy = None  # callable(bool): an arrangement started / delivered (the page counts them)
        self.requests: dict[str, list[dict]] = {}  # activity uuid -> the Department's open requests on it

    # ---- loading, filtering, sorting ----------------------------------------------------------

    def set_activities(self, activities: list[Activity], unit_names: dict[int, str] | None = None,
                       keys: list[list] | None = None, loaded: tuple | None = None) -> None:
        self.activities = list(activities)
        self.unit_names = unit_names or {}
        self._keys = keys
        self.loaded_range = loaded
        self._rearrange(reset=True)

    def keys(self) -> list[list]:
        if self._keys is None or len(self._keys) != len(self.columns):
            self._keys = sort_keys(self.activities, self.unit_names, self.columns, _t(CENTRE_PLACE))
        return self._keys

    def set_filter(self, filt: ActivityFilter) -> None:
        self.filter = filt
        self._rearrange(reset=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._rearrange(reset=False)

    def _rearrange(self, *, reset: bool) -> None:
        self._generation += 1
        generation = self._generation
        args = (self.activities, self.keys(), self.columns, self.filter, self._sort, self.loaded_range)
        if len(self.activities) <= LARGE:
            self._apply(generation, reset, arrange(*args))
            return
        from ui.tasks import run_task

        self.busy += 1
        if self.on_busy:
            self.on_busy(True)

        on_busy = self.on_busy
        tasks = self._tasks
        holder: list = []

        def done(result) -> None:
            self.busy -= 1
            tasks.discard(holder[0])
            if shiboken6.isValid(self):
                self._apply(generation, reset, result)
            if on_busy:
                on_busy(False)

        def failed(_exc, _tb) -> None:
            self.busy -= 1
            tasks.discard(holder[0])
            if on_busy:
                on_busy(False)

        task = run_task(None, "", lambda _progress: arrange(*args), on_done=done, on_error=failed,
                        show_dialog=False)
        holder.append(task)
        tasks.add(task)

    def _apply(self, generation: int, reset: bool, result) -> None:
        if generation != self._generation:
            return  # a newer filter or sort supersedes this one
        rows, sums = result
        if reset:
            self.beginResetModel()
            self.visible, self.sums = rows, sums
            self._fetched = min(len(rows), PAGE)
            self.endResetModel()
        else:
            self.layoutAboutToBeChanged.emit()
            old = self.visible
            persistent = self.persistentIndexList()
            self.visible, self.sums = rows, sums
            # Selected rows follow their activity to its new place (loaded a page further if needed).
            # Only theirs are looked up (a dict of every row's place took 60 ms of a province's log).
            position = _places({old[index.row()] for index in persistent if 0 <= index.row() < len(old)}, rows)
            targets = [position.get(old[index.row()], -1) if 0 <= index.row() < len(old) else -1
                       for index in persistent]
            need = max([t for t in targets if t >= 0], default=-1) + 1
            self._fetched = min(len(rows), max(self._fetched, need, PAGE))
            self.changePersistentIndexList(
                persistent, [self.index(t, index.column()) if t >= 0 else QModelIndex()
                             for t, index in zip(targets, persistent)])
            self.layoutChanged.emit()
        self.filter_changed.emit()

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
        if not index.isValid() or index.row() >= len(self.visible):
            return None
        a = self.activities[self.visible[index.row()]]
        key = self.columns[index.column()][0]
        requests = self.requests.get(a.uuid) if self.requests else None
        if requests:  # beside the activity: the row tinted, a flag and the Department's note on its title
            if role == CORRECTION_ROLE:
                return requests
            if role == Qt.ItemDataRole.BackgroundRole:
                return CORRECTION_BACKGROUND
            if key == "title" and role == Qt.ItemDataRole.ForegroundRole:
                return CORRECTION_FOREGROUND
            if key == "title" and role == Qt.ItemDataRole.DisplayRole:
                return "⚑ " + self.text(a, key)
            if key == "title" and role == Qt.ItemDataRole.ToolTipRole:
                from xhht_desktop.sync.corrections import STATUS_LABELS_VI  # noqa: PLC0415

                return "\n".join(self.tr("⚑ Sở đề nghị kiểm tra lại: «{m}» ({s}).").format(
                    m=r["message"], s=core_label(STATUS_LABELS_VI.get(r["status"], r["status"]))) for r in requests) \
                    + "\n" + a.title
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
                return core_label(CATEGORY_LABELS_VI.get(a.category, a.category))
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
        """Take the totals the log model computed with its rows (on a worker for a large log)."""
        self.count = len(self.proxy.visible)
        self.sums = dict(self.proxy.sums)
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
