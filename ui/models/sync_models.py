"""Table models of the sync pages over plain core rows: exported packages, the merge preview,
conflicts, sending installations and the completeness grid."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from xhht_desktop.domain.catalogue import BREAKDOWN_LABELS_VI, by_code
from xhht_desktop.domain.values import format_int
from xhht_desktop.sync import completeness as comp
from xhht_desktop.sync.export import TABLE_LABELS_VI, periods_label_vi
from xhht_desktop.sync.merge import DRY_RUN_LABELS_VI, STATUS_LABELS_VI, PackageResult

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

VERDICT_COLOURS = {"imported": "#e3f2e5", "duplicate": "#eceff1", "conflict": "#fff4d6", "held": "#e3eefa",
                   "rejected": "#fde3e3"}
CELL_COLOURS = {comp.RECEIVED: "#cfe9d2", comp.LATE: "#fff0c2", comp.WAITING: "#d6e6f7", comp.MISSING: "#f8d0d0",
                comp.NOT_DUE: "#f3f5f7", comp.NONE: "#ffffff"}
INSTALLATION_STATUS_VI = {"pending": "Chờ xác nhận", "confirmed": "Đã xác nhận", "revoked": "Đã thu hồi"}


def when(iso: str | None) -> str:
    """"05/07/2014 09:30" from an ISO time ("" when absent)."""
    if not iso:
        return ""
    try:
        t = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if t.tzinfo is not None:
        t = t.astimezone()  # shown in this computer's time
    return t.strftime("%d/%m/%Y %H:%M")


class _RowsModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt API
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None


class ExportsModel(_RowsModel):
    """Packages this installation exported (newest first)."""

    COLUMNS = ("Số", "Lập lúc", "Tệp", "Nội dung", "Bản ghi")

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                return str(r["sequence"])
            if col == 1:
                return when(r["created_at"])
            if col == 2:
                return r["file_name"]
            if col == 3:
                return ("Toàn bộ – " if r["full"] else "") + periods_label_vi(r["periods"])
            if col == 4:
                return format_int(sum(r["counts"].values()))
        if role == TOOLTIP:
            return "\n".join(f"{TABLE_LABELS_VI.get(t, t)}: {format_int(n)}" for t, n in r["counts"].items())
        if role == ALIGN and col in (0, 4):
            return RIGHT
        return None


class PreviewModel(_RowsModel):
    """One row per package of a merge (preview or applied)."""

    COLUMNS = ("Kết luận", "Đơn vị gửi", "Gói số", "Mới", "Cập nhật", "Không đổi", "Cũ hơn", "Xung đột",
               "Vấn đề", "Máy gửi", "Tệp")
    VERDICT, FILE = 0, 10

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dry_run = True

    def set_results(self, results: list[PackageResult], dry_run: bool) -> None:
        self.dry_run = dry_run
        self.set_rows(results)

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        p: PackageResult = self.rows[index.row()]
        col = index.column()
        counts = p.counts
        shows_counts = p.status != "rejected" or p.code == "invalid_figures"
        if role == DISPLAY:
            if col == 0:
                return (DRY_RUN_LABELS_VI if self.dry_run else STATUS_LABELS_VI)[p.status]
            if col == 1:
                return f"{p.unit_name} ({p.unit_code})" if p.unit_code else ""
            if col == 2:
                return "" if p.sequence is None else str(p.sequence) + (" (toàn bộ)" if p.full else "")
            if 3 <= col <= 7:
                key = ("new", "updated", "unchanged", "older", "conflicts")[col - 3]
                return format_int(counts.get(key, 0)) if shows_counts and p.unit_code else ""
            if col == 8:
                n = len(p.problems)
                w = len(p.warnings)
                parts = ([f"{n} lỗi"] if n else []) + ([f"{w} lưu ý"] if w else [])
                return ", ".join(parts)
            if col == 9:
                return p.fingerprint
            if col == 10:
                return p.file
        if role == TOOLTIP:
            lines = [p.reason] if p.reason else []
            lines += [f"Lỗi: {x}" for x in p.problems[:15]]
            lines += [f"Lưu ý: {x}" for x in p.warnings[:10]]
            if counts.get("deleted"):
                lines.append(f"Trong đó {counts['deleted']} bản ghi bị xoá (bia mộ).")
            return "\n".join(lines)
        if role == BACKGROUND and col == self.VERDICT:
            return QBrush(QColor(VERDICT_COLOURS[p.status]))
        if role == ALIGN and 2 <= col <= 7:
            return RIGHT
        return None


def _record_label(c: dict) -> str:
    d = c.get("current_data") or c["local_data"]
    if c["table_name"] == "indicator_values":
        bd = d.get("breakdown") or None
        return f"{d.get('indicator')} ({BREAKDOWN_LABELS_VI.get(bd, bd)}) – kỳ {d.get('period')}"
    if c["table_name"] == "period_status":
        return f"Hoàn thành kỳ {d.get('period')}"
    if c["table_name"] == "clc_activities":
        return f"Hoạt động TTHTCĐ «{d.get('title', '')}» ({d.get('date', '')})"
    return TABLE_LABELS_VI.get(c["table_name"], c["table_name"])


def version_text(table: str, d: dict | None) -> str:
    """A record version in a few words: "1.150 / 1.200", "giá trị 1", "đã xoá"."""
    if not d:
        return "(không còn)"
    if d.get("deleted"):
        return "đã xoá"
    if table == "indicator_values":
        if d.get("numerator") is not None or d.get("denominator") is not None:
            text = f"{format_int(d.get('numerator'), '–')} / {format_int(d.get('denominator'), '–')}"
        elif d.get("value") is not None:
            text = f"giá trị {format_int(d['value'])}"
        else:
            text = "(trống)"
        return text + (f" – «{d['comment']}»" if d.get("comment") else "")
    if table == "period_status":
        return "đã xong" if d.get("complete") else "chưa xong"
    skip = {"revision", "base_revision", "origin", "updated_at", "updated_by", "deleted"}
    return ", ".join(f"{k}: {v}" for k, v in d.items() if k not in skip and v not in (None, ""))[:200]


class ConflictsModel(_RowsModel):
    COLUMNS = ("Số", "Đơn vị", "Bản ghi", "Bản đang dùng ở Sở", "Bản gửi đến", "Người sửa (gửi đến)", "Phát hiện")

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                return str(c["id"])
            if col == 1:
                return f"{c.get('unit_name') or ''} ({c.get('unit_code') or ''})"
            if col == 2:
                return _record_label(c)
            if col == 3:
                return version_text(c["table_name"], c.get("current_data"))
            if col == 4:
                return version_text(c["table_name"], c["incoming_data"])
            if col == 5:
                inc = c["incoming_data"]
                return f"{inc.get('updated_by', '')}, {when(inc.get('updated_at'))}"
            if col == 6:
                return when(c["detected_at"])
        if role == TOOLTIP and col == 2 and c["table_name"] == "indicator_values":
            d = c.get("current_data") or c["local_data"]
            ind = by_code().get(d.get("indicator"))
            return ind.name_vi if ind else None
        if role == TOOLTIP and col in (3, 4):
            d = c.get("current_data") if col == 3 else c["incoming_data"]
            if d:
                return f"Phiên bản {d.get('revision')} của máy {d.get('origin')}\nSửa lúc {when(d.get('updated_at'))} " \
                       f"bởi {d.get('updated_by', '')}"
        return None


class InstallationsModel(_RowsModel):
    COLUMNS = ("Mã nhận dạng", "Đơn vị", "Cán bộ", "Trạng thái", "Đang giữ", "Đã nhập", "Thiếu gói số",
               "Lần nhận gần nhất")

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            return (r["fingerprint"], f"{r.get('unit_name') or r['unit_key']} ({r.get('unit_code') or ''})",
                    r.get("official") or "", INSTALLATION_STATUS_VI.get(r["status"], r["status"]),
                    format_int(r["held"]), format_int(r["imported"]),
                    ", ".join(map(str, r["missing"][:10])) + (" …" if len(r["missing"]) > 10 else ""),
                    when(r.get("last_received")))[col]
        if role == BACKGROUND and col == 3:
            colour = {"pending": "#e3eefa", "confirmed": "#e3f2e5", "revoked": "#fde3e3"}.get(r["status"])
            return QBrush(QColor(colour)) if colour else None
        if role == ALIGN and col in (4, 5):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and col == 0:
            from PySide6.QtGui import QFont, QFontDatabase
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            font.setWeight(QFont.Weight.DemiBold)
            return font
        return None


class CompletenessModel(QAbstractTableModel):
    """Units down, periods across; the colour says the status, the text adds reported/expected."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: comp.Completeness | None = None

    def set_grid(self, grid: comp.Completeness) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() or self.grid is None else len(self.grid.units)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() or self.grid is None else 1 + len(self.grid.periods)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt API
        if self.grid is None or role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return "Đơn vị" if section == 0 else self.grid.periods[section - 1]
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid() or self.grid is None:
            return None
        u = self.grid.units[index.row()]
        col = index.column()
        if col == 0:
            if role == DISPLAY:
                return f"{u.name} ({u.code})" if u.level == "xa" else f"▸ {u.name} ({u.code})"
            if role == Qt.ItemDataRole.FontRole and u.level == "huyen":
                from PySide6.QtGui import QFont
                font = QFont()
                font.setBold(True)
                return font
            return None
        period = self.grid.periods[col - 1]
        cell = self.grid.cell(u.key, period)
        if role == DISPLAY:
            label = comp.STATUS_LABELS_VI[cell.status]
            if cell.status in (comp.RECEIVED, comp.LATE) and cell.expected:
                label += f" {cell.reported}/{cell.expected}"
            return label
        if role == BACKGROUND:
            return QBrush(QColor(CELL_COLOURS[cell.status]))
        if role == ALIGN:
            return CENTER
        if role == TOOLTIP and cell.status != comp.NONE:
            lines = [f"{u.name} – kỳ {period}: {comp.STATUS_LABELS_VI[cell.status]}",
                     f"Đã có {cell.reported} trên {cell.expected} số liệu."]
            if cell.first_sent:
                lines.append(f"Gói đầu tiên lập lúc {when(cell.first_sent)}.")
            return "\n".join(lines)
        return None
