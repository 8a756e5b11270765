"""Every modal question and notice of the main window goes through here, so tests can patch them.

Call them as `messages.ask_save_changes(...)` (module attribute), never `from ... import`, so a
monkeypatch on this module reaches every caller.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

APP_TITLE = "XHHT Desktop"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget | None, what: str = "") -> str:
    """"Lưu / Không lưu / Hủy" before leaving edits behind; returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_TITLE)
    box.setText(QCoreApplication.translate("Messages", "Có số liệu đã sửa nhưng chưa lưu."))
    box.setInformativeText(QCoreApplication.translate("Messages", "Lưu các thay đổi{what} trước khi tiếp tục?")
                           .format(what=(" " + what) if what else ""))
    save = box.addButton(QCoreApplication.translate("Messages", "Lưu"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("Messages", "Không lưu"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QCoreApplication.translate("Messages", "Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return CANCEL


def warn(parent: QWidget | None, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Messages", "Đóng"))
    box.exec()


def info(parent: QWidget | None, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Messages", "Đóng"))
    box.exec()


def error(parent: QWidget | None, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Messages", "Đóng"))
    box.exec()


def confirm(parent: QWidget | None, text: str, details: str = "", yes: str = "", no: str = "") -> bool:
    yes = yes or QCoreApplication.translate("Messages", "Đồng ý")
    no = no or QCoreApplication.translate("Messages", "Hủy")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def save_file_name(parent: QWidget | None, caption: str, suggested: str, filters: str) -> str:
    """Ask where to write a file; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return path


def open_file_name(parent: QWidget | None, caption: str, folder: str, filters: str) -> str:
    """Ask which file to read; "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, caption, folder, filters)
    return path
