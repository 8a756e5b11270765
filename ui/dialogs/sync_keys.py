"""Khóa đồng bộ: this installation's fingerprint, the Department's key, the Department's e-mail.

Opened from Settings (`show_sync_keys(parent, ctx)`) and from the Đồng bộ page. At the Department
it also exports the public key, backs up the private key under a passphrase (age scrypt: slow on
purpose, so it runs in a worker) and exports it as a standard age identity file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.db import meta
from xhht_desktop.db.connection import open_reader
from xhht_desktop.sync import keys

from ui.context import AppContext
from ui.i18n import core_words
from ui.tasks import run_task
from ui.widgets import messages


class PassphraseDialog(QDialog):
    """Ask for a passphrase (twice when making a backup)."""

    def __init__(self, parent: QWidget | None, *, confirm: bool):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mật khẩu bảo vệ khóa"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Mật khẩu dài ít nhất {n} ký tự. Ghi lại và cất ở nơi an toàn: "
                              "mất mật khẩu thì không mở được bản sao lưu.").format(n=keys.MIN_PASSPHRASE)
                      if confirm else self.tr("Nhập mật khẩu đã đặt khi sao lưu khóa."))
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Mật khẩu"), self.first)
        self.second: QLineEdit | None = None
        if confirm:
            self.second = QLineEdit()
            self.second.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Nhập lại"), self.second)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setStyleSheet("color: #c62828")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đồng ý"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self) -> None:
        text = self.first.text()
        if len(text) < keys.MIN_PASSPHRASE:
            self.message.setText(self.tr("Mật khẩu quá ngắn."))
            return
        if self.second is not None and self.second.text() != text:
            self.message.setText(self.tr("Hai lần nhập không giống nhau."))
            return
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(parent: QWidget | None, *, confirm: bool) -> str | None:
    """The passphrase, or None when cancelled (module function: tests patch it)."""
    dialog = PassphraseDialog(parent, confirm=confirm)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def fingerprint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fingerprint")
    label.setStyleSheet("font-family: monospace; font-size: 14pt; font-weight: 700; color: #0f4c75;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def trust_department_from_file(parent: QWidget, ctx: AppContext) -> str | None:
    """Ask for the Department's key file, trust it, and say which fingerprint to check by phone."""
    # A module function has no class for `self.tr` (and `parent.tr` would be filed by lupdate under
    # a context named "parent", never found at run time): one explicit context instead.
    translate = QCoreApplication.translate
    path = messages.open_file_name(parent, translate("SyncKeys", "Chọn tệp khóa công khai của Sở"), str(Path.home()),
                                   translate("SyncKeys", "Khóa của Sở (*.pub *.txt *.age);;Mọi tệp (*)"))
    if not path:
        return None
    from xhht_desktop.writer import Changes, Outcome

    from ui.operations import CollectionOp

    try:
        key = keys.read_key_file(path)
        fp = CollectionOp(parent, translate("SyncKeys", "Nhận khóa của Sở"),
                          lambda db, _p: Outcome(Changes(sync=True), keys.trust_department(db, key)),
                          ctx=ctx).run_and_wait()
    except keys.KeyProblem as exc:
        messages.warn(parent, translate("SyncKeys", "Không nhận được khóa của Sở."), core_words(exc))
        return None
    details = translate("SyncKeys", "Hãy gọi điện cho Sở và đọc mã này để đối chiếu trước khi gửi gói đầu tiên.")
    if keys.parse_signing_key_line(key) is None:  # a file from before issue 11: the age key only
        details += "\n" + translate("SyncKeys", "Tệp khóa cũ: mã này chỉ gồm khóa mã hóa; tệp chưa có khóa ký của Sở "
                                                "nên chưa nhận được bản cập nhật danh mục và biên nhận – hãy xin Sở "
                                                "tệp khóa công khai mới.")
    else:
        details += "\n" + translate("SyncKeys", "Mã này gồm cả khóa mã hóa và khóa ký của Sở.")
    messages.info(parent, translate("SyncKeys", "Đã nhận khóa của Sở. Mã nhận dạng: {fp}").format(fp=fp), details)
    return fp


class SyncKeysWidget(QWidget):
    """The body of the dialog; the Đồng bộ page shows the same facts in its own words."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        inst = ctx.installation
        self.is_department = bool(inst and inst.role == "department")
        layout = QVBoxLayout(self)

        own = QFrame()
        own.setObjectName("card")
        own_layout = QVBoxLayout(own)
        title = QLabel(self.tr("Mã nhận dạng của máy này"))
        title.setObjectName("cardTitle")
        own_layout.addWidget(title)
        row = QHBoxLayout()
        self.own_fingerprint = fingerprint_label(keys.installation_fingerprint(ctx.db))
        row.addWidget(self.own_fingerprint)
        row.addStretch(1)
        copy = QPushButton(self.tr("Chép"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.own_fingerprint.text()))
        row.addWidget(copy)
        export_signing = QPushButton(self.tr("Xuất khóa ký…"))
        export_signing.setToolTip(self.tr("Khóa công khai để kiểm tra chữ ký các gói của máy này (định dạng minisign)"))
        export_signing.clicked.connect(self.export_signing_key)
        row.addWidget(export_signing)
        own_layout.addLayout(row)
        note = QLabel(self.tr("Mã này in trên phiếu theo dõi tiến độ; Sở đối chiếu nó qua điện thoại khi nhận "
                              "gói đầu tiên của máy này."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        own_layout.addWidget(note)
        layout.addWidget(own)

        dept = QFrame()
        dept.setObjectName("card")
        dept_layout = QVBoxLayout(dept)
        title = QLabel(self.tr("Khóa của Sở GD&ĐT"))
        title.setObjectName("cardTitle")
        dept_layout.addWidget(title)
        self.department_fingerprint = fingerprint_label("")
        dept_layout.addWidget(self.department_fingerprint)
        self.department_note = QLabel()
        self.department_note.setObjectName("muted")
        self.department_note.setWordWrap(True)
        dept_layout.addWidget(self.department_note)
        buttons = QHBoxLayout()
        if self.is_department:
            for text, slot in ((self.tr("Xuất khóa công khai…"), self.export_public),
                               (self.tr("Sao lưu khóa bí mật…"), self.backup),
                               (self.tr("Xuất tệp định danh age…"), self.export_identity),
                               (self.tr("Khôi phục khóa…"), self.restore)):
                b = QPushButton(text)
                b.clicked.connect(slot)
                buttons.addWidget(b)
        else:
            self.trust_button = QPushButton(self.tr("Nhận khóa của Sở…"))
            self.trust_button.clicked.connect(lambda: trust_department_from_file(self, self.ctx) and self.refresh())
            buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        dept_layout.addLayout(buttons)
        layout.addWidget(dept)

        mail = QFrame()
        mail.setObjectName("card")
        mail_layout = QFormLayout(mail)
        self.email = QLineEdit(meta.get(ctx.db, keys.META_DEPARTMENT_EMAIL) or "")
        self.email.setPlaceholderText("xhht@sogddt.kontum.gov.vn")
        save = QPushButton(self.tr("Lưu"))
        save.clicked.connect(self.save_email)
        mail_row = QHBoxLayout()
        mail_row.addWidget(self.email, 1)
        mail_row.addWidget(save)
        mail_layout.addRow(self.tr("Thư điện tử nhận gói của Sở"), mail_row)
        layout.addWidget(mail)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        fp = keys.department_phone_fingerprint(self.ctx.db)
        self.department_fingerprint.setText(fp or self.tr("Chưa có"))
        if self.is_department:
            self.department_note.setText(self.tr(
                "Máy này giữ khóa bí mật của Sở: gói của các xã, huyện được mã hóa bằng khóa này. Gửi tệp khóa "
                "công khai cho các đơn vị; sao lưu khóa bí mật (có mật khẩu) và cất ở nơi an toàn."))
        elif fp and not keys.department_signing_pinned(self.ctx.db):
            self.department_note.setText(self.tr(
                "Các gói xuất ra được mã hóa bằng khóa này: chỉ Sở mở được. Tệp khóa cũ: mã chỉ gồm khóa mã hóa, "
                "chưa có khóa ký của Sở (cần để nhận bản cập nhật danh mục và biên nhận)."))
        elif fp:
            self.department_note.setText(self.tr("Các gói xuất ra được mã hóa bằng khóa này: chỉ Sở mở được. "
                                                 "Mã gồm cả khóa mã hóa và khóa ký của Sở."))
        else:
            self.department_note.setText(self.tr("Chưa có khóa của Sở nên chưa xuất được gói. Sở gửi tệp khóa "
                                                 "công khai kèm bộ cài hoặc qua thư điện tử."))

    def save_email(self) -> None:
        from xhht_desktop.writer import Changes, Outcome

        from ui.operations import CollectionOp

        email = self.email.text().strip()

        def op(db, _progress) -> Outcome:
            meta.put(db, keys.META_DEPARTMENT_EMAIL, email)
            return Outcome(Changes(settings=True))

        CollectionOp(self, self.tr("Lưu địa chỉ thư của Sở"), op, ctx=self.ctx).run_in_background()

    def _save_text(self, caption: str, suggested: str, text_or_bytes, *, private: bool = False) -> None:
        path = messages.save_file_name(self, caption, str(Path.home() / suggested), self.tr("Mọi tệp (*)"))
        if not path:
            return
        try:
            keys.write_file(path, text_or_bytes, private=private)
        except OSError as exc:
            messages.error(self, self.tr("Không ghi được tệp."), core_words(exc))
            return
        messages.info(self, self.tr("Đã ghi {name}.").format(name=Path(path).name))

    def export_signing_key(self) -> None:
        self._save_text(self.tr("Lưu khóa ký của máy này"), "xhht-may-nay.pub", keys.signing_public_key_text(self.ctx.db))

    def export_public(self) -> None:
        self._save_text(self.tr("Lưu khóa công khai của Sở"), "xhht-khoa-cong-khai-cua-so.pub",
                        keys.department_public_key_text(self.ctx.db))

    def export_identity(self) -> None:
        if not messages.confirm(self, self.tr("Xuất khóa BÍ MẬT của Sở, không có mật khẩu?"),
                                self.tr("Ai có tệp này đều đọc được mọi gói gửi về Sở. Chỉ dùng khi cần mở gói "
                                        "bằng công cụ age; cất tệp ở nơi an toàn.")):
            return
        self._save_text(self.tr("Lưu tệp định danh age"), "xhht-so.agekey", keys.identity_file_text(self.ctx.db),
                        private=True)

    def backup(self) -> None:
        passphrase = ask_passphrase(self, confirm=True)
        if not passphrase:
            return
        path = messages.save_file_name(self, self.tr("Lưu bản sao lưu khóa"), str(Path.home() / "xhht-khoa-so.age"),
                                       self.tr("Bản sao lưu khóa (*.age)"))
        if not path:
            return
        db_path = self.ctx.db_path

        def work(progress):
            db = open_reader(db_path)
            try:
                return keys.write_file(path, keys.backup_department_key(db, passphrase), private=True)
            finally:
                db.conn.close()

        self.task = run_task(self, self.tr("Đang mã hóa bản sao lưu khóa…"), work,
                             on_done=lambda p: messages.info(self, self.tr("Đã sao lưu khóa vào {name}.").format(
                                 name=Path(p).name)),
                             on_error=lambda exc, tb: messages.error(self, self.tr("Không sao lưu được."), core_words(exc)))

    def restore(self) -> None:
        path = messages.open_file_name(self, self.tr("Chọn bản sao lưu khóa"), str(Path.home()),
                                       self.tr("Bản sao lưu khóa (*.age);;Mọi tệp (*)"))
        if not path:
            return
        passphrase = ask_passphrase(self, confirm=False)
        if not passphrase:
            return
        from xhht_desktop.writer import Changes, Outcome

        from ui.operations import CollectionOp

        def work(db, _progress) -> Outcome:  # a write: on the writer
            return Outcome(Changes(sync=True), keys.restore_department_key(db, keys.read_key_backup(path), passphrase))

        def done(fp):
            self.task = None
            self.refresh()
            messages.info(self, self.tr("Đã khôi phục khóa của Sở, mã nhận dạng {fp}.").format(fp=fp))

        def failed(exc: BaseException) -> None:
            self.task = None
            messages.error(self, self.tr("Không khôi phục được khóa."), core_words(exc))

        self.task = CollectionOp(self, self.tr("Khôi phục khóa của Sở"), work, ctx=self.ctx).with_progress(
            self.tr("Đang mở bản sao lưu khóa…")).success(done).failure(failed).run_in_background()


class SyncKeysDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Khóa đồng bộ"))
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        self.body = SyncKeysWidget(ctx, self)
        layout.addWidget(self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_sync_keys(parent: QWidget | None, ctx: AppContext) -> None:
    SyncKeysDialog(ctx, parent).exec()
