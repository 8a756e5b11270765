"""Table model of a checked Excel entry workbook: each row, what is stored now, and its problems."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from xhht_desktop.clc.xlsx import ROW_CODE as CLC_ROW_CODE
from xhht_desktop.domain.catalogue import by_code, row_code
from xhht_desktop.domain.values import Entry, format_int, format_percent, rate

from ui.i18n import core_words
from ui.models.presentation import breakdown_name

COLUMNS = (QT_TRANSLATE_NOOP("ImportPreviewModel", "Dòng"), QT_TRANSLATE_NOOP("ImportPreviewModel", "Mã"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Chỉ tiêu"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Tử số"), QT_TRANSLATE_NOOP("ImportPreviewModel", "Mẫu số"), QT_TRANSLATE_NOOP("ImportPreviewModel", "Giá trị"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Tỷ lệ"), QT_TRANSLATE_NOOP("ImportPreviewModel", "Kiểm tra"), QT_TRANSLATE_NOOP("ImportPreviewModel", "Đang lưu"),
           QT_TRANSLATE_NOOP("ImportPreviewModel", "Ghi chú"))
CHECK_COLUMN, STORED_COLUMN, COMMENT_COLUMN = 7, 8, 9


@dataclass
class PreviewRow:
    sheet_row: int | None
    entry: Entry
    stored: Entry | None
    problems: list[str]
    name: str = ""  # the indicator's name in the catalogue in force (the Department's rows too)

    @property
    def changes(self) -> bool:
        if self.stored is None:
            return not self.entry.is_blank() or bool(self.entry.comment)
        return (self.entry.figures() != self.stored.figures()
                or (self.entry.comment or "") != (self.stored.comment or ""))


def _figure_text(e: Entry | None) -> str:
    if e is None or e.is_blank():
        return QCoreApplication.translate("ImportPreviewModel", "(trống)")
    if e.numerator is not None or e.denominator is not None:
        r = rate(e.numerator, e.denominator)
        return f"{format_int(e.numerator)}/{format_int(e.denominator)}" + (f" = {format_percent(r)}" if r is not None else "")
    return format_int(e.value)


def _is_clc(problem) -> bool:
    """A problem of the learning-centre sheet (TTHTCD), whose rows are not the ChiTieu rows."""
    return problem.code == CLC_ROW_CODE


def preview_rows(result, stored: dict) -> list[PreviewRow]:
    """Rows of the main sheet (ChiTieu) in file order, each with the problems that name it: a
    problem of the TTHTCD sheet is never put on the ChiTieu row of the same number."""
    rows_by_key = result.extra.get("rows", {})
    names = result.extra.get("names", {})
    problems_by_row: dict[int, list[str]] = {}
    problems_by_code: dict[str, list[str]] = {}
    for p in result.problems:
        if _is_clc(p):
            continue  # activity_rows() shows it, on its own sheet's row
        if p.row is not None:
            problems_by_row.setdefault(p.row, []).append(core_words(p.message))
        elif p.code:
            problems_by_code.setdefault(p.code, []).append(core_words(p.message))
    out = []
    for e in result.entries:
        sheet_row = rows_by_key.get(e.key)
        msgs = list(problems_by_row.get(sheet_row, [])) if sheet_row is not None else []
        msgs += problems_by_code.get(row_code(e.indicator, e.breakdown), [])
        out.append(PreviewRow(sheet_row, e, stored.get(e.key), msgs, names.get(e.indicator, "")))
    out.sort(key=lambda r: (r.sheet_row is None, r.sheet_row or 0))
    return out


@dataclass
class ActivityPreviewRow:
    sheet_row: int | None
    activity: object | None  # the Activity to be stored, or None when the row is refused
    problems: list[str]


def activity_rows(result) -> list[ActivityPreviewRow]:
    """The rows of the learning-centre sheet (TTHTCD): each activity to be stored and each refused
    row, with the problems of that row of that sheet, in sheet order."""
    parsed = result.extra.get("clc") or []
    sheet_rows = result.extra.get("clc_sheet_rows") or [None] * len(parsed)
    problems: dict[int | None, list[str]] = {}
    for p in result.problems:
        if _is_clc(p):
            problems.setdefault(p.row, []).append(p.message)
    out = [ActivityPreviewRow(r, a, problems.pop(r, []) if r is not None else []) for a, r in zip(parsed, sheet_rows)]
    out += [ActivityPreviewRow(r, None, msgs) for r, msgs in problems.items()]
    out.sort(key=lambda x: (x.sheet_row is None, x.sheet_row or 0))
    return out


ACTIVITY_COLUMNS = (QT_TRANSLATE_NOOP("ImportPreviewModel", "Dòng"), QT_TRANSLATE_NOOP("ImportPreviewModel", "Ngày"),
                    QT_TRANSLATE_NOOP("ImportPreviewModel", "Tên hoạt động"),
                    QT_TRANSLATE_NOOP("ImportPreviewModel", "Lượt"),
                    QT_TRANSLATE_NOOP("ImportPreviewModel", "Kiểm tra"))


class _PreviewTableModel(QAbstractTableModel):
    """A read-only list of preview rows under a fixed row of translated column titles."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("ImportPreviewModel", self.columns[section])
        return None


class ActivityPreviewModel(_PreviewTableModel):
    """The TTHTCD sheet of the workbook: what will be added or updated, and what is refused."""

    columns = ACTIVITY_COLUMNS
    rows: list[ActivityPreviewRow]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        a = row.activity
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return "" if row.sheet_row is None else str(row.sheet_row)
            if col == 1:
                return a.date.strftime("%d/%m/%Y") if a is not None else ""
            if col == 2:
                return a.title if a is not None else ""
            if col == 3:
                return format_int(a.visits) if a is not None else ""
            if col == 4:
                if row.problems:
                    return "⛔ " + "; ".join(row.problems)
                return "✓ " + (QCoreApplication.translate("ImportPreviewModel", "sửa") if getattr(a, "uuid", None)
                               else QCoreApplication.translate("ImportPreviewModel", "thêm mới"))
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and row.problems:
            return QColor("#c62828")
        return None


class ImportPreviewModel(_PreviewTableModel):
    columns = COLUMNS
    rows: list[PreviewRow]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        e, col = row.entry, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return "" if row.sheet_row is None else str(row.sheet_row)
            if col == 1:
                return row_code(e.indicator, e.breakdown)
            if col == 2:
                ind = by_code().get(e.indicator)
                name = row.name or (ind.name_vi if ind else e.indicator)
                return name if e.breakdown is None else f"   {breakdown_name(e.breakdown)}"
            if col == 3:
                return format_int(e.numerator)
            if col == 4:
                return format_int(e.denominator)
            if col == 5:
                return format_int(e.value)
            if col == 6:
                return format_percent(rate(e.numerator, e.denominator))
            if col == STORED_COLUMN:
                return _figure_text(row.stored)
            if col == COMMENT_COLUMN:
                return e.comment or ""
            if col == CHECK_COLUMN:
                if row.problems:
                    return "⛔ " + "; ".join(row.problems)
                if e.is_blank() and not e.comment:
                    return QCoreApplication.translate("ImportPreviewModel", "bỏ trống — giữ nguyên")
                return "✓ " + (QCoreApplication.translate("ImportPreviewModel", "thay đổi") if row.changes else QCoreApplication.translate("ImportPreviewModel", "không đổi"))
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == CHECK_COLUMN and row.problems:
                return QColor("#c62828")
            if col == CHECK_COLUMN and row.changes:
                return QColor("#2e7d32")
            if col == STORED_COLUMN:
                return QColor("#66757f")
        if role == Qt.ItemDataRole.BackgroundRole and row.problems:
            return QColor("#fff4f4")
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            ind = by_code().get(e.indicator)
            return row.name or (ind.name_vi if ind else None)
        if role == Qt.ItemDataRole.ToolTipRole and col == CHECK_COLUMN:
            return "\n".join(row.problems) if row.problems else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 3, 4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
