"""Table models of the sync pages over plain core rows: exported packages, the merge preview,
conflicts, sending installations and the completeness grid."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from xhht_desktop.domain.catalogue import by_code
from xhht_desktop.domain.periods import PeriodError, parse_period
from xhht_desktop.domain.values import format_int
from xhht_desktop.sync import completeness as comp
from xhht_desktop.sync.export import TABLE_LABELS_VI
from xhht_desktop.sync.merge import DRY_RUN_LABELS_VI, STATUS_LABELS_VI, PackageResult

from ui.models.presentation import breakdown_name, indicator_name, period_name
from ui.i18n import core_words
from ui.models.core_labels import core_label

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
INSTALLATION_STATUS_VI = {"pending": QT_TRANSLATE_NOOP("SyncModels", "Chờ xác nhận"),
                          "confirmed": QT_TRANSLATE_NOOP("SyncModels", "Đã xác nhận"),
                          "revoked": QT_TRANSLATE_NOOP("SyncModels", "Đã thu hồi")}
# The core's labels (merge verdicts, synced tables, completeness statuses) are Vietnamese; they are
# marked here so the interface can show them translated. A core label not listed stays as it is.
_CORE_LABELS = (
    # merge.STATUS_LABELS_VI, merge.DRY_RUN_LABELS_VI
    QT_TRANSLATE_NOOP("SyncModels", "Đã nhập"),
    QT_TRANSLATE_NOOP("SyncModels", "Trùng – đã nhập trước đó"),
    QT_TRANSLATE_NOOP("SyncModels", "Đã nhập, có xung đột"),
    QT_TRANSLATE_NOOP("SyncModels", "Chờ xác nhận máy gửi"),
    QT_TRANSLATE_NOOP("SyncModels", "Bị từ chối"),
    QT_TRANSLATE_NOOP("SyncModels", "Sẽ nhập"),
    QT_TRANSLATE_NOOP("SyncModels", "Sẽ nhập, có xung đột"),
    QT_TRANSLATE_NOOP("SyncModels", "Sẽ chờ xác nhận máy gửi"),
    QT_TRANSLATE_NOOP("SyncModels", "Sẽ bị từ chối"),
    # export.TABLE_LABELS_VI
    QT_TRANSLATE_NOOP("SyncModels", "số liệu chỉ tiêu"),
    QT_TRANSLATE_NOOP("SyncModels", "đánh dấu hoàn thành kỳ"),
    QT_TRANSLATE_NOOP("SyncModels", "thông tin trung tâm học tập cộng đồng"),
    QT_TRANSLATE_NOOP("SyncModels", "hoạt động của trung tâm học tập cộng đồng"),
    # completeness.STATUS_LABELS_VI
    QT_TRANSLATE_NOOP("SyncModels", "Đã nhận"),
    QT_TRANSLATE_NOOP("SyncModels", "Nhận muộn"),
    QT_TRANSLATE_NOOP("SyncModels", "Chờ xác nhận"),
    QT_TRANSLATE_NOOP("SyncModels", "Chưa nhận"),
    QT_TRANSLATE_NOOP("SyncModels", "Chưa đến hạn"),
)


def _t(text: str) -> str:
    """A label marked above (or a core label listed in _CORE_LABELS) in the interface language."""
    return QCoreApplication.translate("SyncModels", text) if text else text


def table_label(table: str) -> str:
    return core_label(TABLE_LABELS_VI.get(table, table))


def periods_label(periods: list[str]) -> str:
    """export.periods_label_vi in the interface language."""
    labels = []
    for code in periods:
        try:
            labels.append(period_name(parse_period(code)).lower())
        except PeriodError:
            labels.append(code)
    if not labels:
        return _t(QT_TRANSLATE_NOOP("SyncModels", "không có số liệu theo kỳ"))
    if len(labels) == 1:
        return labels[0]
    return QCoreApplication.translate("SyncModels", "{n} kỳ, từ {first} đến {last}").format(
        n=len(labels), first=labels[0], last=labels[-1])


def when(iso: str | None) -> str:
    """"05/07/2014 09:30" from an ISO time ("" when absent)."""
    if not iso:
        return ""
    try:
        t = dt.datetime.fromisoformat(iso)
        if t.tzinfo is not None:
            t = t.astimezone()  # shown in this computer's time
    except (TypeError, ValueError, OverflowError, OSError):  # stored by an older version, unchecked
        return str(iso)
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
            return _t(self.COLUMNS[section])
        return None


def _day(iso: str | None) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or ""


class ExportsModel(_RowsModel):
    """Packages this installation exported (newest first)."""

    COLUMNS = (QT_TRANSLATE_NOOP("SyncModels", "Số"), QT_TRANSLATE_NOOP("SyncModels", "Lập lúc"),
               QT_TRANSLATE_NOOP("SyncModels", "Tệp"), QT_TRANSLATE_NOOP("SyncModels", "Nội dung"),
               QT_TRANSLATE_NOOP("SyncModels", "Bản ghi"), QT_TRANSLATE_NOOP("SyncModels", "Sở nhận"))

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
                return (self.tr("Toàn bộ – ") if r["full"] else "") + periods_label(r["periods"])
            if col == 4:
                return format_int(sum(r["counts"].values()))
            if col == 5:  # from the Department's receipts (issue 11)
                if r.get("acknowledged"):
                    return self.tr("Sở đã nhận ngày {d}").format(d=_day(r["acknowledged_at"]))
                return self.tr("Sở chưa nhận")
        if role == TOOLTIP:
            return "\n".join(f"{table_label(t)}: {format_int(n)}" for t, n in r["counts"].items())
        if role == ALIGN and col in (0, 4):
            return RIGHT
        return None


class PreviewModel(_RowsModel):
    """One row per package of a merge (preview or applied)."""

    COLUMNS = (QT_TRANSLATE_NOOP("SyncModels", "Kết luận"), QT_TRANSLATE_NOOP("SyncModels", "Đơn vị gửi"),
               QT_TRANSLATE_NOOP("SyncModels", "Gói số"), QT_TRANSLATE_NOOP("SyncModels", "Mới"),
               QT_TRANSLATE_NOOP("SyncModels", "Cập nhật"), QT_TRANSLATE_NOOP("SyncModels", "Không đổi"),
               QT_TRANSLATE_NOOP("SyncModels", "Cũ hơn"), QT_TRANSLATE_NOOP("SyncModels", "Xung đột"),
               QT_TRANSLATE_NOOP("SyncModels", "Vấn đề"), QT_TRANSLATE_NOOP("SyncModels", "Máy gửi"),
               QT_TRANSLATE_NOOP("SyncModels", "Tệp"))
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
                return _t((DRY_RUN_LABELS_VI if self.dry_run else STATUS_LABELS_VI)[p.status])
            if col == 1:
                return f"{p.unit_name} ({p.unit_code})" if p.unit_code else ""
            if col == 2:
                return "" if p.sequence is None else str(p.sequence) + (self.tr(" (toàn bộ)") if p.full else "")
            if 3 <= col <= 7:
                key = ("new", "updated", "unchanged", "older", "conflicts")[col - 3]
                return format_int(counts.get(key, 0)) if shows_counts and p.unit_code else ""
            if col == 8:
                n = len(p.problems)
                w = len(p.warnings)
                parts = (([self.tr("{n} lỗi").format(n=n)] if n else [])
                         + ([self.tr("{n} lưu ý").format(n=w)] if w else []))
                return ", ".join(parts)
            if col == 9:
                return p.fingerprint
            if col == 10:
                return p.file
        if role == TOOLTIP:
            lines = [core_words(p.reason)] if p.reason else []
            lines += [self.tr("Lỗi: {problem}").format(problem=core_words(x)) for x in p.problems[:15]]
            lines += [self.tr("Lưu ý: {warning}").format(warning=core_words(x)) for x in p.warnings[:10]]
            if counts.get("deleted"):
                lines.append(self.tr("Trong đó {n} bản ghi đã xóa (máy nhận cũng sẽ xóa).").format(n=counts["deleted"]))
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
        return QCoreApplication.translate("SyncModels", "{indicator} ({breakdown}) – kỳ {period}").format(
            indicator=d.get("indicator"), breakdown=breakdown_name(bd), period=d.get("period"))
    if c["table_name"] == "period_status":
        return QCoreApplication.translate("SyncModels", "Hoàn thành kỳ {period}").format(period=d.get("period"))
    if c["table_name"] == "clc_activities":
        return QCoreApplication.translate("SyncModels", "Hoạt động TTHTCĐ «{title}» ({date})").format(
            title=d.get("title", ""), date=d.get("date", ""))
    return table_label(c["table_name"])


def version_text(table: str, d: dict | None) -> str:
    """A record version in a few words: "1.150 / 1.200", "giá trị 1", "đã xóa"."""
    translate = QCoreApplication.translate
    if not d:
        return translate("SyncModels", "(không còn)")
    if d.get("deleted"):
        return translate("SyncModels", "đã xóa")
    if table == "indicator_values":
        if d.get("numerator") is not None or d.get("denominator") is not None:
            text = f"{format_int(d.get('numerator'), '–')} / {format_int(d.get('denominator'), '–')}"
        elif d.get("value") is not None:
            text = translate("SyncModels", "giá trị {value}").format(value=format_int(d["value"]))
        else:
            text = translate("SyncModels", "(trống)")
        return text + (f" – «{d['comment']}»" if d.get("comment") else "")
    if table == "period_status":
        return translate("SyncModels", "đã xong") if d.get("complete") else translate("SyncModels", "chưa xong")
    skip = {"revision", "base_revision", "origin", "updated_at", "updated_by", "deleted"}
    return ", ".join(f"{k}: {v}" for k, v in d.items() if k not in skip and v not in (None, ""))[:200]


class ConflictsModel(_RowsModel):
    COLUMNS = (QT_TRANSLATE_NOOP("SyncModels", "Số"), QT_TRANSLATE_NOOP("SyncModels", "Đơn vị"),
               QT_TRANSLATE_NOOP("SyncModels", "Bản ghi"), QT_TRANSLATE_NOOP("SyncModels", "Bản đang dùng ở Sở"),
               QT_TRANSLATE_NOOP("SyncModels", "Bản gửi đến"), QT_TRANSLATE_NOOP("SyncModels", "Người sửa (gửi đến)"),
               QT_TRANSLATE_NOOP("SyncModels", "Phát hiện"))

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
            return indicator_name(ind) if ind else None
        if role == TOOLTIP and col in (3, 4):
            d = c.get("current_data") if col == 3 else c["incoming_data"]
            if d:
                return self.tr("Phiên bản {revision} của máy {origin}\nSửa lúc {time} bởi {who}").format(
                    revision=d.get("revision"), origin=d.get("origin"), time=when(d.get("updated_at")),
                    who=d.get("updated_by", ""))
        return None


def missing_text(row: dict, shown: int = 10) -> str:
    """"2, 5–9 …" from an installation's missing ranges (numbers only: no words to translate)."""
    ranges = row.get("missing_ranges") or [(n, n) for n in row.get("missing", [])]
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges[:shown]]
    return ", ".join(parts) + (" …" if len(ranges) > shown else "")


class InstallationsModel(_RowsModel):
    COLUMNS = (QT_TRANSLATE_NOOP("SyncModels", "Mã nhận dạng"), QT_TRANSLATE_NOOP("SyncModels", "Đơn vị"),
               QT_TRANSLATE_NOOP("SyncModels", "Cán bộ"), QT_TRANSLATE_NOOP("SyncModels", "Trạng thái"),
               QT_TRANSLATE_NOOP("SyncModels", "Đang giữ"), QT_TRANSLATE_NOOP("SyncModels", "Đã nhập"),
               QT_TRANSLATE_NOOP("SyncModels", "Thiếu gói số"), QT_TRANSLATE_NOOP("SyncModels", "Lần nhận gần nhất"))

    def set_rows(self, rows: list) -> None:
        self._texts: dict[int, tuple] = {}  # a row's cells, formatted once (sizing the columns asks often)
        super().set_rows(rows)

    def _row_texts(self, row: int) -> tuple:
        texts = getattr(self, "_texts", {}).get(row)
        if texts is None:
            r = self.rows[row]
            claimed = r.get("units_claimed", 1)
            status = _t(INSTALLATION_STATUS_VI.get(r["status"], r["status"]))
            if claimed > 1:  # one key speaks for one unit: a second one is never taken on trust
                status += " – ⚠ " + self.tr("máy này đang gửi số liệu cho {n} đơn vị").format(n=claimed)
            texts = (r["fingerprint"], f"{r.get('unit_name') or r['unit_key']} ({r.get('unit_code') or ''})",
                     r.get("official") or "", status, format_int(r["held"]), format_int(r["imported"]),
                     missing_text(r), when(r.get("last_received")))
            self._texts = getattr(self, "_texts", {})
            self._texts[row] = texts
        return texts

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        claimed = r.get("units_claimed", 1)
        if role == DISPLAY:
            return self._row_texts(index.row())[col]
        if role == BACKGROUND and col == 3:
            colour = {"pending": "#e3eefa", "confirmed": "#e3f2e5", "revoked": "#fde3e3"}.get(r["status"])
            if claimed > 1 and r["status"] != "revoked":
                colour = "#ffd8a8"
            return QBrush(QColor(colour)) if colour else None
        if role == TOOLTIP and col == 3 and claimed > 1:
            return self.tr("Khóa {fp} ký gói cho {n} đơn vị. Mỗi đơn vị được xác nhận riêng: xác nhận dòng này chỉ "
                           "khi Sở chắc chắn máy được giao nhập số liệu cho {unit}.").format(
                fp=r["fingerprint"], n=claimed, unit=r.get("unit_name") or r["unit_key"])
        if role == TOOLTIP and col == 6 and r.get("missing_count"):
            return self.tr("Thiếu {n} gói").format(n=format_int(r["missing_count"]))
        if role == ALIGN and col in (4, 5):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and col == 0:
            return _fingerprint_font()
        return None


_FONT: list = []


def _fingerprint_font():
    if not _FONT:
        from PySide6.QtGui import QFont, QFontDatabase
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.DemiBold)
        _FONT.append(font)
    return _FONT[0]


_BRUSHES: dict[str, QBrush] = {}


def _cell_brush(status: str) -> QBrush:
    brush = _BRUSHES.get(status)
    if brush is None:
        brush = _BRUSHES[status] = QBrush(QColor(CELL_COLOURS[status]))
    return brush


class CompletenessModel(QAbstractTableModel):
    """Units down, periods across; the colour says the status, the text adds reported/expected."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: comp.Completeness | None = None

    def set_grid(self, grid: comp.Completeness) -> None:
        self.beginResetModel()
        self.grid = grid
        # A cell's status and text, worked out once: sizing the columns and painting ask for every
        # role of every cell (8,700 calls for a province's grid at each refresh).
        self._cells: dict[tuple[int, int], tuple] = {}
        self.endResetModel()

    def _cell(self, row: int, col: int) -> tuple:
        cells = self.__dict__.setdefault("_cells", {})
        found = cells.get((row, col))
        if found is None:
            u = self.grid.units[row]
            if col == 0:
                found = (u, None, f"{u.name} ({u.code})" if u.level == "xa" else f"▸ {u.name} ({u.code})")
            else:
                cell = self.grid.cell(u.key, self.grid.periods[col - 1])
                label = _t(comp.STATUS_LABELS_VI[cell.status])
                if cell.status in (comp.RECEIVED, comp.LATE) and cell.expected:
                    label += f" {cell.reported}/{cell.expected}"
                found = (u, cell, label)
            cells[(row, col)] = found
        return found

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() or self.grid is None else len(self.grid.units)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802,B008 - Qt API
        return 0 if parent.isValid() or self.grid is None else 1 + len(self.grid.periods)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt API
        if self.grid is None or role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr("Đơn vị") if section == 0 else self.grid.periods[section - 1]
        return None

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid() or self.grid is None:
            return None
        col = index.column()
        u, cell, text = self._cell(index.row(), col)
        if role == DISPLAY:
            return text
        if col == 0:
            if role == Qt.ItemDataRole.FontRole and u.level == "huyen":
                from PySide6.QtGui import QFont
                font = QFont()
                font.setBold(True)
                return font
            return None
        period = self.grid.periods[col - 1]
        if role == BACKGROUND:
            return _cell_brush(cell.status)
        if role == ALIGN:
            return CENTER
        if role == TOOLTIP and cell.status != comp.NONE:
            lines = [self.tr("{unit} – kỳ {period}: {status}").format(unit=u.name, period=period,
                                                                       status=_t(comp.STATUS_LABELS_VI[cell.status])),
                     self.tr("Đã có {reported} trên {expected} số liệu.").format(reported=cell.reported,
                                                                                  expected=cell.expected)]
            if cell.first_sent:
                lines.append(self.tr("Gói đầu tiên lập lúc {time}.").format(time=when(cell.first_sent)))
            return "\n".join(lines)
        return None
