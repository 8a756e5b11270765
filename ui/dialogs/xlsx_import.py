"""Nhập biểu Excel: pick a filled entry template, see every row and every problem, then import
all of it or nothing.

The check (`import_workbook(dry_run=True)`) runs in a worker with its own connection, the import on
the one writer (ui.operations.CollectionOp); the import checks the file again inside its transaction, so a file changed
between preview and import is still judged as a whole.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
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

from xhht_desktop.domain.periods import PeriodError, parse_period
from xhht_desktop.writer import Changes, Outcome

from ui import i18n
from ui.context import AppContext
from ui.models.import_preview import ActivityPreviewModel, ImportPreviewModel, activity_rows, preview_rows
from ui.operations import CollectionOp
from ui.tasks import run_task
from ui.widgets import messages
from ui.i18n import core_words


def _check_in_worker(db_path: Path, unit, path: str, actor: str, origin: str, apply: bool):
    """Worker body of the check (a read: apply=False); (ImportResult, figures stored now for the
    file's period). The import itself is an operation on the writer (XlsxImportDialog.apply)."""
    from xhht_desktop.cli import extra_xlsx_importers
    from xhht_desktop.db import values_repo
    from xhht_desktop.db.connection import open_reader
    from xhht_desktop.io.xlsx_entry import import_workbook

    db = open_reader(db_path)
    try:
        stored = {}
        if not apply:
            result = import_workbook(db, unit, path, actor=actor, origin=origin, dry_run=True,
                                     extra_importers=extra_xlsx_importers())
            try:
                if result.period:
                    stored = values_repo.load_entries(db, unit.id, parse_period(result.period).code)
            except PeriodError:
                stored = {}
        else:
            result = import_workbook(db, unit, path, actor=actor, origin=origin, dry_run=False,
                                     extra_importers=extra_xlsx_importers())
        return result, stored
    finally:
        db.conn.close()


class XlsxImportDialog(QDialog):
    """After `exec()`, `applied_result` holds the ImportResult when the file was imported."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result = None
        self.applied_result = None
        self._task = None
        self.setWindowTitle(self.tr("Nhập biểu Excel"))
        self.resize(1060, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Chọn biểu nhập đã điền (tạo bằng Tệp → Xuất biểu nhập Excel…). Tệp được kiểm tra "
                               "toàn bộ trước; chỉ khi không còn lỗi nào mới nhập được, và nhập tất cả hoặc không "
                               "nhập gì. Dòng để trống giữ nguyên số liệu đang lưu."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        pick = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Chưa chọn tệp"))
        self.pick_button = QPushButton(self.tr("Chọn tệp…"))
        self.pick_button.clicked.connect(self.choose_file)
        pick.addWidget(self.path_edit, 1)
        pick.addWidget(self.pick_button)
        layout.addLayout(pick)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.status)
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The indicator's name is long: a fixed, elided column (full name in the tooltip), so the
        # verdict column stays in view.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 280)
        header.setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 3)
        # The learning-centre sheet (TTHTCD): its activities and its refused rows, each with the
        # problems of its own row (never those of the ChiTieu row with the same number).
        self.activities_label = QLabel(self.tr("Sổ TTHTCĐ (trang TTHTCD)"))
        self.activities_label.setObjectName("muted")
        self.activities_model = ActivityPreviewModel(self)
        self.activities = QTableView()
        self.activities.setModel(self.activities_model)
        self.activities.verticalHeader().hide()
        self.activities.setAlternatingRowColors(True)
        self.activities.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.activities.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.activities.horizontalHeader().setStretchLastSection(True)
        for w in (self.activities_label, self.activities):
            w.setVisible(False)
        layout.addWidget(self.activities_label)
        layout.addWidget(self.activities, 2)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(150)
        self.problems.setPlaceholderText(self.tr("Các lỗi và cảnh báo sẽ hiện ở đây."))
        layout.addWidget(self.problems, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Nhập"))
        self.import_button.setObjectName("primaryButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        if path:
            self.check_file(path)

    # ---- choosing and checking -----------------------------------------------------------------

    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path = messages.open_file_name(self, self.tr("Chọn biểu nhập Excel"), folder,
                                       self.tr("Bảng tính Excel (*.xlsx)"))
        if path:
            self.check_file(path)

    def check_file(self, path: str) -> None:
        """Check the whole file in a worker; the preview fills in when it is done."""
        inst = self.ctx.installation
        self.path_edit.setText(path)
        self.result = None
        self.model.set_rows([])
        self.activities_model.set_rows([])
        self.problems.clear()
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Đang kiểm tra tệp…"))
        db_path, unit = self.ctx.db_path, inst.unit
        self._task = run_task(
            self, self.tr("Đang kiểm tra biểu Excel…"),
            lambda progress: _check_in_worker(db_path, unit, path, inst.actor, inst.installation_id, False),
            on_done=self._checked, on_error=self._failed)

    def _checked(self, payload) -> None:
        result, stored = payload
        self.result = result
        self.model.set_rows(preview_rows(result, stored))
        self.activities_model.set_rows(activity_rows(result))
        for w in (self.activities_label, self.activities):
            w.setVisible(bool(self.activities_model.rows))
        lines = ([f"⛔ {p.text(i18n.current_language())}" for p in result.problems]
                 + [f"⚠ {core_words(w)}" for w in result.warnings])
        clc = result.extra.get("clc")
        if clc:
            lines.append(self.tr("Sổ TTHTCĐ: {n} hoạt động sẽ được thêm hoặc cập nhật.").format(n=len(clc)))
        self.problems.setPlainText("\n".join(lines))
        rows = self.model.rows
        changing = sum(1 for r in rows if r.changes and not r.problems)
        where = (self.tr("kỳ <b>{period}</b>, đơn vị <b>{unit}</b>").format(period=result.period,
                                                                          unit=result.unit_code)
                 if result.period else "")
        if result.problems:
            self.status.setText(
                "<span style='color:#c62828'><b>"
                + self.tr("Tệp có {n} lỗi — chưa nhập được.").format(n=len(result.problems)) + "</b></span> "
                + self.tr("{where}. Sửa các dòng được đánh dấu trong Excel rồi chọn lại tệp.").format(where=where))
        else:
            warn = self.tr(" · {n} cảnh báo").format(n=len(result.warnings)) if result.warnings else ""
            self.status.setText(
                "<span style='color:#2e7d32'><b>" + self.tr("Tệp hợp lệ.") + "</b></span> "
                + self.tr("{where}: {rows} dòng, {n} số liệu sẽ thay đổi{warn}. Bấm <b>Nhập</b> để ghi tất cả.")
                .format(where=where, rows=len(rows), n=changing, warn=warn))
        self.import_button.setEnabled(not result.problems)

    def _failed(self, exc, tb: str) -> None:
        self.status.setText("<span style='color:#c62828'><b>" + self.tr("Không đọc được tệp.") + "</b></span>")
        self.problems.setPlainText(core_words(exc))

    # ---- importing -----------------------------------------------------------------------------

    def apply(self) -> None:
        """Import everything in one transaction (checked again), or nothing."""
        if self.result is None or self.result.problems:
            return
        inst = self.ctx.installation
        path = self.path_edit.text()
        self.import_button.setEnabled(False)
        self.pick_button.setEnabled(False)
        self.status.setText(self.tr("Đang nhập…"))
        unit, actor, origin = inst.unit, inst.actor, inst.installation_id

        def work(db, _progress) -> Outcome:  # a write: on the writer, checked again in its transaction
            from xhht_desktop.cli import extra_xlsx_importers
            from xhht_desktop.io.xlsx_entry import import_workbook

            result = import_workbook(db, unit, path, actor=actor, origin=origin, dry_run=False,
                                     extra_importers=extra_xlsx_importers())
            return Outcome(Changes(values=True, clc=True) if result.applied else Changes(), (result, {}))

        self._task = CollectionOp(self, self.tr("Nhập biểu Excel"), work, ctx=self.ctx).with_progress(
            self.tr("Đang nhập biểu Excel…")).success(self._applied).failure(
            lambda exc: self._apply_failed(exc, "")).run_in_background()

    def _applied(self, payload) -> None:
        result, _stored = payload
        self.pick_button.setEnabled(True)
        if not result.applied:
            # The file changed since the preview: show the new verdict, nothing was written.
            self._checked((result, {}))
            messages.warn(self, self.tr("Chưa nhập: tệp đã thay đổi và nay có lỗi. Không có số liệu nào được ghi."),
                          "\n".join(p.text() for p in result.problems[:20]))
            return
        self.applied_result = result
        messages.info(self, self.tr("Đã nhập biểu Excel kỳ {period}.").format(period=result.period),
                      self.tr("{changed} số liệu thay đổi, {unchanged} không đổi.").format(
                          changed=result.changed, unchanged=result.unchanged))
        self.accept()

    def _apply_failed(self, exc, tb: str) -> None:
        self.pick_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.status.setText("<span style='color:#c62828'><b>"
                            + self.tr("Không nhập được — không có số liệu nào được ghi.") + "</b></span>")
        self.problems.setPlainText(core_words(exc))
