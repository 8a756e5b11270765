"""Table model over `values_repo.history_for_unit` rows: who changed which figure, when, old → new."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from xhht_desktop.domain.catalogue import by_code
from xhht_desktop.domain.values import format_int

from ui.models.presentation import breakdown_name, field_name, format_timestamp, source_name

COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "Thời gian"), QT_TRANSLATE_NOOP("HistoryModel", "Người sửa"),
           QT_TRANSLATE_NOOP("HistoryModel", "Chỉ tiêu"), QT_TRANSLATE_NOOP("HistoryModel", "Trường"),
           QT_TRANSLATE_NOOP("HistoryModel", "Cũ"), QT_TRANSLATE_NOOP("HistoryModel", "Mới"),
           QT_TRANSLATE_NOOP("HistoryModel", "Nguồn"))


def _figure(field: str, raw: str | None) -> str:
    if raw is None or raw == "":
        return (QCoreApplication.translate("HistoryModel", "(trống)") if field != "comment"
                else QCoreApplication.translate("HistoryModel", "(không)"))
    if field in ("numerator", "denominator", "value"):
        try:
            return format_int(int(raw))
        except ValueError:
            return raw
    return raw


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("HistoryModel", COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return format_timestamp(row["changed_at"])
            if col == 1:
                return row["changed_by"] or ""
            if col == 2:
                bd = row["breakdown"] or None
                return f"{row['indicator']} ({breakdown_name(bd)})"
            if col == 3:
                return field_name(row["field"])
            if col == 4:
                return _figure(row["field"], row["old_value"])
            if col == 5:
                return _figure(row["field"], row["new_value"])
            if col == 6:
                return source_name(row["source"])
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            ind = by_code().get(row["indicator"])
            return ind.name_vi if ind else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (4, 5) and row["field"] != "comment":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
