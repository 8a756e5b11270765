"""At start: this installation's unit was abolished (merged on 1 July 2025). Offer to move it to the
unit that took over; the installation keeps its keys and everything it holds. The Department then
sees the new (key, unit) pair and confirms it as for any new sender."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from xhht_desktop.db import units_repo
from xhht_desktop.installation import MoveError, get_installation, move_offer, move_to
from ui.i18n import core_words


class MoveToDialog(QDialog):
    """`moved` is the new unit after an accepted move, else None (the official may decide later:
    the old unit still prints and exports its own periods)."""

    def __init__(self, db, offer: list[units_repo.Unit], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.moved: units_repo.Unit | None = None
        inst = get_installation(db)
        old = inst.unit
        self.setWindowTitle(self.tr("Đơn vị đã được sắp xếp"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "<b>{old}</b> chỉ báo cáo các kỳ đến 6 tháng đầu năm {year} ({life}). Từ {since}, số liệu do "
            "đơn vị mới báo cáo. Chuyển máy này sang đơn vị mới?").format(
            old=old.name, year=(old.valid_to or "")[:4], life=units_repo.unit_label_vi(old),
            since=units_repo.vi_date(offer[0].valid_from)))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.choices = QListWidget()
        for u in offer:
            item = QListWidgetItem(f"{u.name} ({u.code}@{u.valid_from})")
            item.setData(Qt.ItemDataRole.UserRole, f"{u.code}@{u.valid_from}")
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        layout.addWidget(self.choices)
        note = QLabel(self.tr("Máy giữ nguyên khóa và toàn bộ số liệu, lịch sử của {old}. Gói đầu tiên gửi cho "
                              "đơn vị mới sẽ chờ Sở xác nhận máy gửi (đọc mã nhận dạng qua điện thoại).").format(
            old=old.name))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.move_button = buttons.addButton(self.tr("Chuyển sang đơn vị mới"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(self.tr("Để sau"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

    def accept(self) -> None:
        item = self.choices.currentItem()
        if item is None:
            return
        try:
            _old, inst = move_to(self.db, item.data(Qt.ItemDataRole.UserRole))
        except MoveError as exc:
            self.error.setText(core_words(exc))
            return
        self.moved = inst.unit
        super().accept()


def offer_move(db, parent: QWidget | None = None) -> units_repo.Unit | None:
    """Show the dialog when this installation's unit has ended; returns the new unit if moved."""
    offer = move_offer(db)
    if not offer:
        return None
    dialog = MoveToDialog(db, offer, parent)
    dialog.exec()
    return dialog.moved
