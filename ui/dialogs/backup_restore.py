"""Menu "Sao lưu" and "Khôi phục": copy the database to a file; put a copy back after checking it.

The work is done by `xhht_desktop.maintenance.backup`, in a worker thread (copies and integrity
checks can take seconds on a large province database). A restore closes the window's connection,
replaces the file, reopens it (an older copy is migrated after its own backup) and rebuilds the
main window, since every page holds figures of the database that was replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.domain.values import format_int
from xhht_desktop.maintenance import backup as bk

from ui.i18n import core_words
from ui.tasks import Cancelled, run_task
from ui.widgets import messages
from ui.i18n import core_words

def _documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def _main_window(widget: QWidget | None):
    window = widget.window() if widget is not None else None
    return window if window is not None and hasattr(window, "confirm_leave") else None


def _keep(parent, task):
    if parent is not None:
        parent._xhht_backup_task = task  # keep the Python side of the running task alive
    return task


def backup_now(parent: QWidget | None, ctx):
    """Tệp → Sao lưu…: write a consistent copy of the database where the user chooses."""
    translate = QCoreApplication.translate
    window = _main_window(parent)
    if window is not None and not window.confirm_leave(translate("BackupRestore", "trước khi sao lưu")):
        return None
    suggested = _documents_folder() / bk.suggested_backup_name(ctx.db_path)
    out = messages.save_file_name(parent, translate("BackupRestore", "Sao lưu dữ liệu"), str(suggested),
                                  translate("BackupRestore", "Cơ sở dữ liệu XHHT (*.sqlite3)"))
    if not out:
        return None
    # The save dialog asked before replacing the file it returned: that is the user's --force. A name
    # we extend with .sqlite3 was not asked about, so an existing non-backup file there is refused.
    confirmed = out.lower().endswith(".sqlite3")
    if not confirmed:
        out += ".sqlite3"
    db_path = Path(ctx.db_path)

    def work(progress):
        # Its own connection: never ctx.db from a worker. The database's own files are always refused.
        return bk.backup_database(db_path, out, force=confirmed)

    def done(path):
        messages.info(parent, translate("BackupRestore", "Đã sao lưu dữ liệu."),
                      translate("BackupRestore", "Tệp sao lưu: {path}\nHãy cất một bản ở nơi khác máy này "
                                                 "(USB, thư điện tử).").format(path=str(path)))

    def failed(exc, tb):
        if not isinstance(exc, Cancelled):
            messages.error(parent, translate("BackupRestore", "Không sao lưu được."), core_words(exc))

    task = run_task(parent, translate("BackupRestore", "Đang sao lưu…"), work, on_done=done, on_error=failed)
    return _keep(parent, task)


class RestoreDialog(QDialog):
    """Pick an automatic copy or any file, see what it holds, and restore it after confirmation."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.info: bk.DatabaseInfo | None = None
        self.chosen: Path | None = None
        self.restored: bk.RestoreResult | None = None
        self._task = None
        self.setWindowTitle(self.tr("Khôi phục dữ liệu"))
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Chọn một bản sao lưu để thay toàn bộ dữ liệu hiện tại. Dữ liệu hiện tại không mất: "
            "nó được giữ lại thành một bản sao lưu «Trước khôi phục»."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Thời gian"), self.tr("Loại"), self.tr("Dung lượng")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.other_button = QPushButton(self.tr("Chọn tệp khác…"))
        self.other_button.clicked.connect(self.choose_file)
        row.addWidget(self.other_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.info_label = QLabel(self.tr("Chưa chọn bản sao lưu."))
        self.info_label.setWordWrap(True)
        self.info_label.setObjectName("restoreInfo")
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)
        self.other_unit_box = QCheckBox(self.tr(
            "Tôi hiểu bản sao lưu này thuộc đơn vị khác và muốn thay toàn bộ dữ liệu của máy này bằng nó."))
        self.other_unit_box.setVisible(False)
        self.other_unit_box.toggled.connect(self._update_button)
        layout.addWidget(self.other_unit_box)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Khôi phục"))
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_table()

    # ---- choosing ---------------------------------------------------------------------------

    def _fill_table(self) -> None:
        self.copies = bk.list_backups(self.ctx.db_path)
        self.table.setRowCount(len(self.copies))
        for i, copy in enumerate(self.copies):
            kind = {"daily": self.tr("Hằng ngày"), "migration": self.tr("Trước nâng cấp"),
                    "restore": self.tr("Trước khôi phục")}.get(copy.kind, self.tr("Khác"))
            cells = (copy.modified.strftime("%d/%m/%Y %H:%M"), kind, f"{format_int(copy.size // 1024)} KB")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(copy.path))
                self.table.setItem(i, col, item)

    def _on_table_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.select_file(self.copies[rows[0].row()].path)

    def choose_file(self) -> None:
        path = messages.open_file_name(self, self.tr("Chọn tệp sao lưu"), str(_documents_folder()),
                                       self.tr("Cơ sở dữ liệu XHHT (*.sqlite3 *.db);;Mọi tệp (*)"))
        if path:
            self.table.clearSelection()
            self.select_file(Path(path))

    def select_file(self, path: Path) -> None:
        """Check the file in a worker (a private copy is read; the file itself is never changed)."""
        self.chosen, self.info = Path(path), None
        self.other_unit_box.setChecked(False)
        self.other_unit_box.setVisible(False)
        self.info_label.setText(self.tr("Đang kiểm tra «{name}»…").format(name=Path(path).name))
        self._update_button()
        work_dir = bk.backup_dir(self.ctx.db_path)
        self._task = run_task(self, self.tr("Đang kiểm tra bản sao lưu…"),
                              lambda progress: bk.inspect_database_file(path, work_dir=work_dir),
                              on_done=lambda info: self._show_info(path, info),
                              on_error=lambda exc, tb: self._show_refusal(path, core_words(exc)))

    def _show_refusal(self, path: Path, reason: str) -> None:
        if self.chosen != Path(path):
            return
        self.info = None
        self.info_label.setText(f"<span style='color:#c62828'>{reason}</span>")
        self._update_button()

    def _show_info(self, path: Path, info: bk.DatabaseInfo) -> None:
        if self.chosen != Path(path):
            return  # the user picked another file meanwhile
        reason = bk.refusal_reason(info)
        if reason:
            self._show_refusal(path, core_words(reason))
            return
        self.info = info
        current = self.ctx.installation
        text = (self.tr("<b>{name}</b><br>Đơn vị: {unit}<br>Số liệu đã lưu: {count}<br>Thay đổi gần nhất: {last}")
                .format(name=path.name,
                        unit=f"{info.unit_name} ({info.unit_code})" if info.unit_name else self.tr("chưa khởi tạo"),
                        count=format_int(info.values_count), last=_date(info.last_change)))
        if info.schema_version < info.known_version:
            text += "<br>" + self.tr("Bản sao lưu của phiên bản cũ hơn: sẽ được nâng cấp khi mở (có sao lưu trước).")
        other = current is not None and info.unit_key != current.unit.key
        if other:
            text += "<br><span style='color:#c62828'><b>" + self.tr(
                "Bản sao lưu này thuộc đơn vị khác với máy này ({unit}).").format(unit=current.unit.name) + "</b></span>"
        self.info_label.setText(text)
        self.other_unit_box.setVisible(other)
        self._update_button()

    def _other_unit(self) -> bool:
        current = self.ctx.installation
        return bool(self.info and current is not None and self.info.unit_key != current.unit.key)

    def _update_button(self) -> None:
        ok = self.info is not None and (not self._other_unit() or self.other_unit_box.isChecked())
        self.restore_button.setEnabled(ok)

    # ---- restoring --------------------------------------------------------------------------

    def restore(self) -> None:
        if self.info is None or self.chosen is None:
            return
        window = _main_window(self.parentWidget())
        if window is not None and not window.confirm_leave(self.tr("trước khi khôi phục")):
            return
        if not messages.confirm(self, self.tr("Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này?"),
                                self.tr("Dữ liệu hiện tại được giữ lại trong thư mục sao lưu, có thể khôi phục "
                                        "lại nếu cần."), yes=self.tr("Khôi phục"), no=self.tr("Hủy")):
            return
        source, allow_other = self.chosen, self.other_unit_box.isChecked()
        db_path = Path(self.ctx.db_path)
        self.restore_button.setEnabled(False)
        # The slow part (copy, integrity check, safety copy) runs in a worker while the window's
        # connection stays open, so pages refreshing meanwhile still work; only the quick swap
        # below happens with the connection closed.
        self._task = run_task(self, self.tr("Đang khôi phục…"),
                              lambda progress: bk.prepare_restore(db_path, source, allow_other_unit=allow_other),
                              on_done=self._commit, on_error=self._restore_failed)

    def _commit(self, prepared: bk.PreparedRestore) -> None:
        """Close the window's connection, swap the files, reopen (all on the GUI thread, in ms)."""
        self.ctx.close_writer()  # queued writes finish first; the next write opens the restored file
        self.ctx.db.conn.close()
        try:
            result = prepared.commit()
        except bk.BackupError as exc:
            prepared.discard()
            self._restore_failed(exc, "")
            return
        self._restored(result)

    def _reopen(self) -> bool:
        from xhht_desktop.installation import open_app_database
        try:
            self.ctx.db = open_app_database(self.ctx.db_path)
        except Exception as exc:  # noqa: BLE001 - tell the user; the safety copy is in the backups folder
            messages.error(self, self.tr("Không mở lại được cơ sở dữ liệu."),
                           self.tr("{error}\nBản dữ liệu trước khi khôi phục nằm trong thư mục {folder}.")
                           .format(error=core_words(exc), folder=str(bk.backup_dir(self.ctx.db_path))))
            return False
        return True

    def _restored(self, result: bk.RestoreResult) -> None:
        self.restored = result
        if not self._reopen():
            self.reject()
            return
        old_unit = self.ctx.installation.unit.key if self.ctx.installation else None
        self.ctx.reload_installation()
        inst = self.ctx.installation
        if inst is not None and inst.unit.key != old_unit:
            from ui.main_window import default_period
            self.ctx.set_period(default_period(self.ctx.db, inst.unit))
        self.ctx.notify_data_changed()
        messages.info(self, self.tr("Đã khôi phục dữ liệu."),
                      self.tr("Dữ liệu trước khi khôi phục được giữ lại ở:\n{path}").format(
                          path=str(result.safety_copy) if result.safety_copy else "-"))
        self.accept()

    def _restore_failed(self, exc, tb) -> None:
        if not _connection_open(self.ctx.db):
            self._reopen()
        messages.error(self, self.tr("Không khôi phục được. Dữ liệu hiện tại không thay đổi."), core_words(exc))
        self._update_button()


def _connection_open(db) -> bool:
    import sqlite3
    try:
        db.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True


def _date(iso: str | None) -> str:
    if not iso:
        return "-"
    import datetime as dt
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def restore_from_file(parent: QWidget | None, ctx) -> bool:
    """Tệp → Khôi phục…: True when the data was replaced (the main window has been rebuilt)."""
    dialog = RestoreDialog(ctx, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.restored is None:
        return False
    window = _main_window(parent)
    if window is not None:
        from ui.i18n import rebuild_main_window
        # After the dialog's event loop has returned: the old window and its pages go away.
        QTimer.singleShot(0, lambda: rebuild_main_window(window))
    return True
