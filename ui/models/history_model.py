"""Table model over `values_repo.history_for_unit` rows: who changed which figure, when, old → new."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from xhht_desktop.domain.catalogue import BREAKDOWN_LABELS_VI, by_code
from xhht_desktop.domain.values import format_int

from ui.models.presentation import FIELD_LABELS_VI, SOURCE_LABELS_VI, format_timestamp

COLUMNS = ("Thời gian", "Người sửa", "Chỉ tiêu", "Trường", "Cũ", "Mới", "Nguồn")


def _figure(field: str, raw: str | None) -> str:
    if raw is None or raw == "":
        return "(trống)" if field != "comment" else "(không)"
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
            return COLUMNS[section]
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
                return f"{row['indicator']} ({BREAKDOWN_LABELS_VI.get(bd, bd)})"
            if col == 3:
                return FIELD_LABELS_VI.get(row["field"], row["field"])
            if col == 4:
                return _figure(row["field"], row["old_value"])
            if col == 5:
                return _figure(row["field"], row["new_value"])
            if col == 6:
                return SOURCE_LABELS_VI.get(row["source"], row["source"] or "")
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            ind = by_code().get(row["indicator"])
            return ind.name_vi if ind else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (4, 5) and row["field"] != "comment":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
