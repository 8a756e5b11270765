"""Đồng bộ (commune, district): send what changed to the Department on a USB stick or by e-mail.

What the next package holds, counted; "Xuất gói mới" (since the last package) or "Xuất lại toàn
bộ" (everything, to re-send); the e-mail to copy (the Department's address from Settings, a subject
naming the unit and the period); the packages already made. Export runs in a worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.db import meta
from xhht_desktop.domain.values import format_int
from xhht_desktop.sync import export, keys, repo
from xhht_desktop.writer import Cancelled as WriterCancelled
from xhht_desktop.writer import Changes, Outcome

from ui.i18n import core_words
from ui.context import AppContext
from ui.dialogs.sync_keys import fingerprint_label, show_sync_keys, trust_department_from_file
from ui.models.sync_models import ExportsModel, periods_label
from ui.pages.base import Page
from ui.operations import CollectionOp
from ui.tasks import Cancelled
from ui.widgets import messages
from ui.models.core_labels import core_label
from ui.i18n import core_words

TABLE_LABELS = export.TABLE_LABELS_VI

META_EXPORT_DIR = "sync_export_dir"


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    label = QLabel(title)
    label.setObjectName("cardTitle")
    layout.addWidget(label)
    return frame, layout


class SyncPage(Page):
    title = QT_TRANSLATE_NOOP("SyncPage", "Đồng bộ")
    icon_name = "sync"
    roles = frozenset({"commune", "district"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.task = None
        self.last_result: export.ExportResult | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        root.setSpacing(10)
        heading = QLabel(self.tr("Đồng bộ – gửi số liệu về Sở"))
        heading.setObjectName("pageTitle")
        root.addWidget(heading)

        top = QHBoxLayout()
        send, send_layout = _card(self.tr("Gói tiếp theo"))
        self.pending_label = QLabel()
        self.pending_label.setWordWrap(True)
        self.pending_label.setTextFormat(Qt.TextFormat.RichText)
        send_layout.addWidget(self.pending_label)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(meta.get(ctx.db, META_EXPORT_DIR) or str(Path.home()))
        choose = QPushButton(self.tr("Chọn…"))
        choose.clicked.connect(self.choose_folder)
        folder_row.addWidget(QLabel(self.tr("Lưu vào")))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        send_layout.addLayout(folder_row)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Xuất gói mới"))
        self.export_button.setObjectName("primaryButton")
        self.export_button.clicked.connect(lambda: self.export_now(full=False))
        self.full_button = QPushButton(self.tr("Xuất lại toàn bộ"))
        self.full_button.setToolTip(self.tr("Gửi lại mọi số liệu của đơn vị (khi Sở báo thiếu gói hoặc gói bị mất)"))
        self.full_button.clicked.connect(lambda: self.export_now(full=True))
        self.open_folder_button = QPushButton(self.tr("Mở thư mục"))
        self.open_folder_button.clicked.connect(self.open_folder)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.full_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder_button)
        send_layout.addLayout(buttons)
        self.key_warning = QLabel(self.tr("Chưa có khóa của Sở nên chưa xuất được gói: bấm «Nhận khóa của Sở…» "
                                          "và chọn tệp khóa do Sở gửi."))
        self.key_warning.setWordWrap(True)
        self.key_warning.setStyleSheet("color: #c62828; font-weight: 600;")
        send_layout.addWidget(self.key_warning)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        send_layout.addWidget(self.result_label)
        top.addWidget(send, 3)

        keys_card, keys_layout = _card(self.tr("Khóa"))
        keys_layout.addWidget(QLabel(self.tr("Mã nhận dạng máy này")))
        self.own_fingerprint = fingerprint_label(keys.installation_fingerprint(ctx.db))
        keys_layout.addWidget(self.own_fingerprint)
        keys_layout.addWidget(QLabel(self.tr("Khóa của Sở")))
        self.department_fingerprint = fingerprint_label("")
        keys_layout.addWidget(self.department_fingerprint)
        key_buttons = QHBoxLayout()
        self.trust_button = QPushButton(self.tr("Nhận khóa của Sở…"))
        self.trust_button.clicked.connect(self.trust_department)
        more = QPushButton(self.tr("Khóa, thư điện tử…"))
        more.clicked.connect(self.open_keys)
        key_buttons.addWidget(self.trust_button)
        key_buttons.addWidget(more)
        keys_layout.addLayout(key_buttons)
        keys_layout.addStretch(1)
        top.addWidget(keys_card, 2)
        root.addLayout(top)

        mail, mail_layout = _card(self.tr("Thư gửi Sở (chép vào hộp thư, đính kèm tệp gói)"))
        form = QFormLayout()
        self.mail_to = QLineEdit()
        self.mail_to.setReadOnly(True)
        self.mail_subject = QLineEdit()
        self.mail_subject.setReadOnly(True)
        form.addRow(self.tr("Gửi đến"), self.mail_to)
        form.addRow(self.tr("Tiêu đề"), self.mail_subject)
        mail_layout.addLayout(form)
        self.mail_body = QPlainTextEdit()
        self.mail_body.setReadOnly(True)
        self.mail_body.setMaximumHeight(150)
        mail_layout.addWidget(self.mail_body)
        copy_row = QHBoxLayout()
        for text, slot in ((self.tr("Chép địa chỉ"), lambda: self._copy(self.mail_to.text())),
                           (self.tr("Chép tiêu đề"), lambda: self._copy(self.mail_subject.text())),
                           (self.tr("Chép nội dung thư"), lambda: self._copy(self.mail_body.toPlainText()))):
            b = QPushButton(text)
            b.clicked.connect(slot)
            copy_row.addWidget(b)
        copy_row.addStretch(1)
        mail_layout.addLayout(copy_row)
        root.addWidget(mail)

        from ui.widgets.returns_card import DepartmentFilesCard  # noqa: PLC0415 - issue 11
        self.department_files = DepartmentFilesCard(ctx, self)
        root.addWidget(self.department_files)

        history, history_layout = _card(self.tr("Các gói đã xuất"))
        self.exports_model = ExportsModel(self)
        self.exports_table = QTableView()
        self.exports_table.setModel(self.exports_model)
        self.exports_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.exports_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.exports_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.exports_table.verticalHeader().setVisible(False)
        header = self.exports_table.horizontalHeader()
        for col in (0, 1, 2, 4, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.exports_table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_mail(cur.row()))
        history_layout.addWidget(self.exports_table)
        root.addWidget(history, 1)

        ctx.data_changed.connect(self.refresh_when_shown)
        self.refresh()

    # ---- state ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        fp = keys.department_phone_fingerprint(db)
        self.department_fingerprint.setText(fp or self.tr("Chưa có"))
        self.trust_button.setText(self.tr("Nhận khóa của Sở…") if not fp else self.tr("Đổi khóa của Sở…"))
        try:
            pending = export.pending(db)
        except export.ExportProblem as exc:
            self.pending_label.setText(core_words(exc))
            self.key_warning.setVisible(False)
            self.export_button.setEnabled(False)
            self.full_button.setEnabled(False)
            return
        number = pending.last_sequence + 1
        if pending.records:
            lines = "".join(f"<br/>&nbsp;&nbsp;• {core_label(TABLE_LABELS.get(t, t))}: {n}"
                            + (self.tr(" (trong đó {d} xóa)").format(d=d) if d else "")
                            for t, (n, d) in pending.tables.items() if n)
            if pending.full:
                text = self.tr("<b>Gói số {n}</b> (gói đầu tiên) sẽ gồm toàn bộ {total} bản ghi, {periods}:")
            else:
                text = self.tr("<b>Gói số {n}</b> sẽ gồm {total} bản ghi thay đổi từ gói số {prev}, {periods}:")
            text = text.format(n=number, prev=pending.last_sequence, total=format_int(pending.records),
                               periods=periods_label(pending.periods)) + lines
        else:
            text = self.tr("Không có gì mới kể từ gói số {n}. «Xuất lại toàn bộ» để gửi lại mọi số liệu.").format(
                n=pending.last_sequence)
        self.pending_label.setText(text)
        self.key_warning.setVisible(not fp)
        self.export_button.setEnabled(bool(fp) and pending.records > 0)
        self.full_button.setEnabled(bool(fp) and pending.last_sequence > 0)
        from xhht_desktop.sync.receipts import exports_with_acks  # noqa: PLC0415 - issue 11
        self.exports_model.set_rows(exports_with_acks(db))
        if self.exports_model.rowCount():
            self.exports_table.selectRow(0)
            self._show_mail(0)
        else:
            self._show_mail(-1)

    def _show_mail(self, row: int) -> None:
        if row < 0 or row >= self.exports_model.rowCount():
            self.mail_to.setText(meta.get(self.ctx.db, keys.META_DEPARTMENT_EMAIL) or "")
            self.mail_subject.clear()
            self.mail_body.setPlainText(self.tr("(Xuất một gói để có nội dung thư.)"))
            return
        mail = export.email_text(self.ctx.db, self.exports_model.rows[row])
        self.mail_to.setText(mail["to"] or self.tr("(chưa có địa chỉ của Sở: «Khóa, thư điện tử…»)"))
        self.mail_subject.setText(mail["subject"])
        self.mail_body.setPlainText(mail["body"])

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    # ---- actions --------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn nơi lưu gói (ví dụ ổ USB)"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))

    def trust_department(self) -> None:
        if trust_department_from_file(self, self.ctx):
            self.refresh()

    def open_keys(self) -> None:
        show_sync_keys(self, self.ctx)
        self.refresh()

    def export_now(self, *, full: bool) -> None:
        folder = self.folder.text().strip()
        if not folder or not Path(folder).is_dir():
            messages.warn(self, self.tr("Thư mục lưu gói không tồn tại."),
                          self.tr("Cắm ổ USB rồi bấm «Chọn…» để chọn lại."))
            return

        def work(db, progress) -> Outcome:  # on the writer: the export numbers and marks what it sent
            meta.put(db, META_EXPORT_DIR, folder)
            result = export.export_package(db, folder, full=full,
                                           progress=lambda d, t, text: progress.update(d, t, text))
            return Outcome(Changes(sync=True, settings=True), result)

        self.export_button.setEnabled(False)
        self.full_button.setEnabled(False)
        self.task = CollectionOp(self, self.tr("Xuất gói đồng bộ"), work).with_progress(
            self.tr("Đang xuất gói đồng bộ…")).success(self._exported).failure(
            lambda exc: self._failed(exc, "")).run_in_background()

    def _exported(self, result: export.ExportResult) -> None:
        self.task = None
        self.last_result = result
        counts = ", ".join(f"{core_label(export.TABLE_LABELS_VI.get(t, t))}: {format_int(n)}" for t, n in result.counts.items())
        self.result_label.setText(self.tr("Đã xuất gói số {n}: {path}\n{counts}").format(
            n=result.sequence, path=result.path, counts=counts))
        parent = self.window()
        if hasattr(parent, "show_status"):
            parent.show_status(self.tr("Đã xuất gói số {n}.").format(n=result.sequence))

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self.refresh()
        if isinstance(exc, (Cancelled, WriterCancelled)):
            return
        if isinstance(exc, (export.ExportProblem, OSError)):
            messages.warn(self, self.tr("Chưa xuất được gói."), core_words(exc))
        else:
            messages.error(self, self.tr("Chưa xuất được gói."), core_words(exc))
