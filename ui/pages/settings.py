"""Cài đặt: where the data lives, backups, interface language, the official, sync keys.

The data folder is the per-user application-data folder (never next to the program), so
reinstalling or upgrading the program does not touch it; the page shows it with a button to open it.
Settings are stored in the database's `meta` table, so they travel with a backup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.db import meta
from xhht_desktop.installation import check_official, set_official
from xhht_desktop.maintenance import backup as bk
from xhht_desktop.sync import contact
from xhht_desktop.writer import Changes, Outcome

from ui.i18n import core_words
from ui import i18n
from ui.context import AppContext
from ui.dialogs import about, backup_restore
from ui.operations import CollectionOp
from ui.pages.base import Page
from ui.widgets import messages


# What the data check counts (maintenance.check: the keys of CheckReport.checked), marked for
# translation; check_summary words them with self.tr.
CHECKED_LABELS = (
    QT_TRANSLATE_NOOP("SettingsPage", "số liệu"),
    QT_TRANSLATE_NOOP("SettingsPage", "dòng lịch sử"),
    QT_TRANSLATE_NOOP("SettingsPage", "hoạt động TTHTCĐ"),
    QT_TRANSLATE_NOOP("SettingsPage", "TTHTCĐ"),
)


class SettingsPage(Page):
    title = QT_TRANSLATE_NOOP("SettingsPage", "Cài đặt")
    icon_name = "settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._stored: dict[str, object] = {}
        self._loading = False
        self._check_task = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("pageBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(14)
        heading = QLabel(self.tr("Cài đặt"))
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)

        # Data folder.
        card, box = self._card(self.tr("Thư mục dữ liệu"))
        self.data_dir_label = QLabel(str(Path(ctx.db_path).parent))
        self.data_dir_label.setObjectName("dataFolder")
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setWordWrap(True)
        box.addWidget(self.data_dir_label)
        note = QLabel(self.tr("Số liệu nằm trong thư mục riêng của người dùng này, không nằm cạnh chương trình: "
                              "cài lại hay nâng cấp chương trình không làm mất số liệu."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        box.addWidget(note)
        row = QHBoxLayout()
        self.open_folder_button = QPushButton(self.tr("Mở thư mục"))
        self.open_folder_button.clicked.connect(lambda: about.open_folder(Path(self.ctx.db_path).parent))
        self.open_backups_button = QPushButton(self.tr("Mở thư mục sao lưu"))
        self.open_backups_button.clicked.connect(lambda: about.open_folder(bk.backup_dir(self.ctx.db_path)))
        row.addWidget(self.open_folder_button)
        row.addWidget(self.open_backups_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(card)

        # Backups.
        card, box = self._card(self.tr("Sao lưu"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(bk.MIN_KEEP, bk.MAX_KEEP)
        self.keep_spin.setSuffix(self.tr(" bản"))
        self.keep_spin.setMinimumWidth(110)
        self.keep_spin.valueChanged.connect(self._on_edit)
        form.addRow(self.tr("Giữ lại bản sao lưu hằng ngày:"), self.keep_spin)
        box.addLayout(form)
        self.last_backup_label = QLabel()
        self.last_backup_label.setObjectName("muted")
        self.last_backup_label.setWordWrap(True)
        box.addWidget(self.last_backup_label)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Sao lưu ngay…"))
        self.backup_button.clicked.connect(lambda: backup_restore.backup_now(self, self.ctx))
        self.restore_button = QPushButton(self.tr("Khôi phục…"))
        self.restore_button.clicked.connect(self._restore)
        self.check_button = QPushButton(self.tr("Kiểm tra dữ liệu"))
        self.check_button.clicked.connect(self.check_data)
        for b in (self.backup_button, self.restore_button, self.check_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(card)

        # Language.
        card, box = self._card(self.tr("Ngôn ngữ giao diện"))
        self.language_combo = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.currentIndexChanged.connect(self._on_edit)
        row = QHBoxLayout()
        row.addWidget(self.language_combo)
        row.addStretch(1)
        box.addLayout(row)
        hint = QLabel(self.tr("Khi đổi ngôn ngữ, cửa sổ được dựng lại; số liệu đang sửa được hỏi lưu trước."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        box.addWidget(hint)
        layout.addWidget(card)

        # Official.
        card, box = self._card(self.tr("Cán bộ phụ trách"))
        form = QFormLayout()
        self.official_edit = QLineEdit()
        self.official_edit.setObjectName("officialName")
        self.official_edit.textChanged.connect(self._on_edit)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("officialTitle")
        self.title_edit.textChanged.connect(self._on_edit)
        self.email_edit = QLineEdit()  # issue 11: travels in the next package; the Department's mail goes there
        self.email_edit.setObjectName("contactEmail")
        self.email_edit.setPlaceholderText("canbo@xa.gov.vn")
        self.email_edit.textChanged.connect(self._on_edit)
        form.addRow(self.tr("Họ và tên:"), self.official_edit)
        form.addRow(self.tr("Chức vụ:"), self.title_edit)
        form.addRow(self.tr("Thư điện tử:"), self.email_edit)
        box.addLayout(form)
        note = QLabel(self.tr("Tên này ghi ở mục «Người lập biểu» trên các báo cáo và trong lịch sử thay đổi. "
                              "Địa chỉ thư điện tử đi kèm gói gửi Sở sau; thư của Sở (biên nhận, bản cập nhật) "
                              "gửi về địa chỉ này."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        box.addWidget(note)
        layout.addWidget(card)

        # Sync keys, and the catalogue with its targets.
        card, box = self._card(self.tr("Đồng bộ"))
        row = QHBoxLayout()
        self.sync_keys_button = QPushButton(self.tr("Khóa đồng bộ…"))
        self.sync_keys_button.clicked.connect(self.open_sync_keys)
        row.addWidget(self.sync_keys_button)
        self.catalogue_button = QPushButton(self.tr("Danh mục và chỉ tiêu…"))  # issue 11
        self.catalogue_button.clicked.connect(self.open_catalogue)
        row.addWidget(self.catalogue_button)
        row.addStretch(1)
        box.addLayout(row)
        layout.addWidget(card)

        row = QHBoxLayout()
        row.addStretch(1)
        self.status_label = QLabel()
        self.status_label.setObjectName("muted")
        row.addWidget(self.status_label)
        self.save_button = QPushButton(self.tr("Lưu cài đặt"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        ctx.data_changed.connect(self.refresh_when_shown)
        ctx.installation_changed.connect(self.refresh_when_shown)
        self.refresh()


    def _restore(self) -> None:
        # Through the main window when there is one: it waits for the daily copy, which holds the
        # database open, instead of letting the restore be refused.
        window = self.window()
        if hasattr(window, "restore_backup"):
            window.restore_backup()
        else:
            backup_restore.restore_from_file(self, self.ctx)
    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        frame = QFrame()
        frame.setObjectName("card")
        box = QVBoxLayout(frame)
        box.setContentsMargins(16, 12, 16, 14)
        box.setSpacing(8)
        label = QLabel(title)
        label.setObjectName("cardTitle")
        box.addWidget(label)
        return frame, box

    # ---- state ------------------------------------------------------------------------------

    def _values(self) -> dict[str, object]:
        return {
            "keep": self.keep_spin.value(),
            "language": self.language_combo.currentData(),
            "official_name": self.official_edit.text().strip(),
            "official_title": self.title_edit.text().strip(),
            "email": self.email_edit.text().strip(),
        }

    def refresh(self) -> None:
        """Reload the stored settings (pending edits of this page are replaced)."""
        db = self.ctx.db
        self._loading = True
        try:
            self.data_dir_label.setText(str(Path(self.ctx.db_path).parent))
            self.keep_spin.setValue(bk.get_keep(db))
            index = self.language_combo.findData(i18n.saved_language(db))
            self.language_combo.setCurrentIndex(max(0, index))
            self.official_edit.setText(meta.get(db, "official_name", "") or "")
            self.title_edit.setText(meta.get(db, "official_title", "") or "")
            self.email_edit.setText(contact.contact_email(db))
        finally:
            self._loading = False
        self._stored = self._values()
        self._update_last_backup()
        self._on_edit()

    def _update_last_backup(self) -> None:
        copies = bk.list_backups(self.ctx.db_path)
        if copies:
            last = copies[0]
            kind = {"daily": self.tr("hằng ngày"), "migration": self.tr("trước nâng cấp"),
                    "restore": self.tr("trước khôi phục")}.get(last.kind, self.tr("khác"))
            self.last_backup_label.setText(
                self.tr("Bản sao lưu tự động gần nhất: {when} ({kind}). Mỗi ngày mở chương trình, một bản được "
                        "chép vào thư mục sao lưu.").format(when=last.modified.strftime("%d/%m/%Y %H:%M"), kind=kind))
        else:
            self.last_backup_label.setText(self.tr(
                "Chưa có bản sao lưu tự động. Mỗi ngày mở chương trình, một bản được chép vào thư mục sao lưu."))

    def _on_edit(self, *_args) -> None:
        if self._loading:
            return
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty)
        self.status_label.setText(self.tr("Có thay đổi chưa lưu.") if dirty else "")
        self.modified_changed.emit(dirty)

    def has_unsaved_changes(self) -> bool:
        return bool(self._stored) and self._values() != self._stored

    def discard_changes(self) -> None:
        self.refresh()

    def save(self) -> bool:
        """Store the settings; a new language is applied by rebuilding the main window."""
        values = self._values()
        language_changed = values["language"] != self._stored.get("language")
        def op(db, _progress) -> Outcome:
            with db.atomic():  # all the settings or none
                bk.set_keep(db, int(values["keep"]))
                set_official(db, str(values["official_name"]), str(values["official_title"]))
                contact.set_contact_email(db, str(values["email"]))
                i18n.save_language(db, str(values["language"]))
            return Outcome(Changes(settings=True))

        try:
            check_official(str(values["official_name"]), str(values["official_title"]))  # before anything is saved
            contact.check_email(str(values["email"]))
            CollectionOp(self, self.tr("Lưu cài đặt"), op).run_and_wait()
        except ValueError as exc:
            messages.warn(self, self.tr("Không lưu được cài đặt."), core_words(exc))
            return False
        self._stored = values
        self._on_edit()
        if (values["official_name"], values["official_title"]) != (
                getattr(self.ctx.installation, "official_name", None), getattr(self.ctx.installation, "official_title", None)):
            self.ctx.reload_installation()
        self.status_label.setText(self.tr("Đã lưu cài đặt."))
        if language_changed:
            self.apply_language(str(values["language"]))
        return True

    def apply_language(self, code: str) -> None:
        """Install the translator and rebuild the window, after the other pages' edits are resolved."""
        window = self.window()
        if hasattr(window, "confirm_leave") and not window.confirm_leave(self.tr("trước khi đổi ngôn ngữ")):
            messages.info(self, self.tr("Ngôn ngữ mới sẽ được dùng từ lần mở chương trình sau."))
            return
        if not i18n.install_language(code):
            messages.warn(self, self.tr("Không tìm thấy bản dịch cho ngôn ngữ này."))
            return
        if hasattr(window, "confirm_leave"):
            QTimer.singleShot(0, lambda: i18n.rebuild_main_window(window))

    # ---- actions ----------------------------------------------------------------------------

    def check_data(self) -> None:
        """Run the integrity and consistency checks in a worker and show what they found."""
        from xhht_desktop.maintenance.check import run_checks

        from ui.operations import QueryOp

        def done(report):
            if report.ok:
                messages.info(self, self.tr("Dữ liệu không có vấn đề."), self.check_summary(report))
            else:
                lines = [f.words(i18n.current_language()) for f in report.findings[:15]]
                if len(report.findings) > 15:
                    lines.append(self.tr("… và {n} vấn đề khác.").format(n=len(report.findings) - 15))
                messages.warn(self, self.check_summary(report), "\n".join(lines))

        # A read on a worker with its own connection; Hủy drops the result (the checks are one query
        # after another and do not report progress).
        self._check_task = QueryOp(self, lambda db, _progress: run_checks(db)).with_progress(
            self.tr("Đang kiểm tra dữ liệu…")).success(done).failure(
            lambda exc: messages.error(self, self.tr("Không kiểm tra được dữ liệu."), core_words(exc))).run_in_background()

    def check_summary(self, report) -> str:
        """CheckReport.summary_vi in the interface language (the same words in Vietnamese)."""
        looked = ", ".join(f"{n} {self.tr(label)}" for label, n in report.checked.items())
        if report.ok:
            return self.tr("Không phát hiện vấn đề nào (đã kiểm tra {looked}).").format(looked=looked)
        return self.tr("Phát hiện {n} vấn đề (đã kiểm tra {looked}).").format(n=len(report.findings), looked=looked)

    def open_sync_keys(self) -> None:
        from ui.dialogs.sync_keys import show_sync_keys

        show_sync_keys(self, self.ctx)

    def open_catalogue(self) -> None:
        from ui.dialogs.returns import CatalogueTargetsDialog  # noqa: PLC0415 - issue 11
        CatalogueTargetsDialog(self.ctx, self).exec()
