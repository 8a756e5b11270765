"""What the Department sends back, on an installation's Đồng bộ page and beside its figures (issue 11).

* `DepartmentFilesCard` — "Nhận tệp từ Sở": a button and a drop zone for receipts and reference
  updates, and the Department's correction requests with a reply button.
* `annotate_entry_corrections(page)` — the open requests beside their field on the entry form.
* `province_figure_text(db, period, indicator)` — the province's figure from the latest receipt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.sync import corrections, receipts

from ui.i18n import core_words
from ui.context import AppContext
from ui.dialogs.returns import receive_from_department
from ui.i18n import core_words
from ui.models.core_labels import core_label
from ui.widgets import messages
from ui.i18n import core_words


class DepartmentFilesCard(QFrame):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("card")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Nhận tệp từ Sở"))
        title.setObjectName("cardTitle")
        layout.addWidget(title)
        row = QHBoxLayout()
        hint = QLabel(self.tr("Kéo thả biên nhận (.xhhtr) hoặc bản cập nhật danh mục (.xhhtu) của Sở vào đây, "
                              "hoặc bấm nút bên cạnh. Tệp được kiểm tra chữ ký và hiện danh sách thay đổi trước "
                              "khi áp dụng."))
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        self.receive_button = QPushButton(self.tr("Nhận tệp từ Sở…"))
        self.receive_button.clicked.connect(lambda: receive_from_department(self, self.ctx))
        row.addWidget(self.receive_button)
        layout.addLayout(row)
        self.requests_label = QLabel(self.tr("Đề nghị kiểm tra lại của Sở"))
        layout.addWidget(self.requests_label)
        self.requests = QTableWidget(0, 5)
        self.requests.setHorizontalHeaderLabels([self.tr("Kỳ"), self.tr("Chỉ tiêu / hoạt động"), self.tr("Nội dung"),
                                                 self.tr("Trạng thái"), self.tr("Trả lời")])
        self.requests.verticalHeader().setVisible(False)
        self.requests.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.requests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.requests.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.requests.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.requests.setMaximumHeight(140)
        layout.addWidget(self.requests)
        self.reply_button = QPushButton(self.tr("Trả lời đề nghị…"))
        self.reply_button.clicked.connect(self.reply)
        layout.addWidget(self.reply_button)
        ctx.data_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = [r for r in corrections.list_requests(self.ctx.db) if r["status"] != "closed"]
        self.rows = rows
        self.requests.setRowCount(len(rows))
        for i, r in enumerate(rows):
            what = r["indicator"] or self._activity_text(r["activity_uuid"])
            for c, text in enumerate((r["period"], what, r["message"], core_label(corrections.STATUS_LABELS_VI[r["status"]]),
                                      r["reply"])):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.requests.setItem(i, c, item)
        visible = bool(rows)
        for w in (self.requests_label, self.requests, self.reply_button):
            w.setVisible(visible)

    def _activity_text(self, activity_uuid: str) -> str:
        from xhht_desktop.db.units_repo import vi_date  # noqa: PLC0415

        a = corrections.activity_summary(self.ctx.db, activity_uuid)
        if a is None:
            return self.tr("hoạt động TTHTCĐ {id}").format(id=activity_uuid[:8])
        return self.tr("Hoạt động TTHTCĐ: {date} – {title}").format(date=vi_date(a["date"]), title=a["title"])

    def reply(self) -> None:
        row = self.requests.currentRow()
        if row < 0 or row >= len(self.rows):
            messages.info(self, self.tr("Chọn một đề nghị trong danh sách trước."))
            return
        r = self.rows[row]
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Trả lời đề nghị của Sở"), r["message"], r["reply"])
        if not ok:
            return
        try:
            corrections.reply(self.ctx.db, r["uuid"], text)
        except corrections.CorrectionProblem as exc:
            messages.warn(self, self.tr("Chưa ghi được trả lời."), core_words(exc))
            return
        self.ctx.notify_data_changed()

    # ---- drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            receive_from_department(self, self.ctx, paths)


def annotate_entry_corrections(page) -> None:
    """Beside each field the Department asked about: its note, in red, under the indicator's name
    (a label of its own, made once per indicator card and hidden when nothing is open)."""
    inst = page.ctx.installation
    if inst is None:
        return
    open_ = corrections.open_for_field(page.ctx.db, inst.unit.key, page.ctx.period.code)
    notes = page.__dict__.setdefault("_correction_labels", {})
    for code, meta in page._meta_labels.items():
        note = notes.get(code)
        if note is None or note.parent() is not meta.parentWidget():
            layout = meta.parentWidget().layout() if meta.parentWidget() else None
            if layout is None:
                continue
            note = QLabel()
            note.setObjectName("correctionNote")
            note.setWordWrap(True)
            note.setStyleSheet("color: #c62828; font-weight: 600;")
            layout.insertWidget(layout.indexOf(meta) + 1, note)
            notes[code] = note
        requests = open_.get(code, [])
        note.setText("\n".join(page.tr("⚑ Sở đề nghị kiểm tra lại: «{m}» ({s}).").format(
            m=r["message"], s=core_label(corrections.STATUS_LABELS_VI[r["status"]])) for r in requests))
        note.setVisible(bool(requests))


def province_figure_text(db, period_code: str, indicator: str) -> str | None:
    """The province's figure (from the Department's latest receipt) for the dashboard, or None."""
    from xhht_desktop.domain.values import format_decimal  # noqa: PLC0415

    figures = receipts.province_figures(db, period_code)
    if (indicator, "") not in figures:
        return None
    value = figures[(indicator, "")]
    return format_decimal(value, 1) if value is not None else "—"


def has_province_figures(db, period_code: str) -> bool:
    return bool(receipts.province_figures(db, period_code))
