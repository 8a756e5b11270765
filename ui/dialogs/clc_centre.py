"""The centre's record: name, director, founding decision, combined with the culture-sports centre,
village branches (điểm học tập ở thôn, làng) and notes.

A commune formed on 1 July 2025 starts without a record; the form lists the centres of the
communes merged into it and can take them over as its village branches. Like the activity form,
the dialog writes nothing itself: `save(values) -> list[FieldError]`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.clc.domain import CENTRE_LABELS_VI, Centre, FieldError

from ui.i18n import core_words
from ui.dialogs.clc_activity import DateField

COMBINED_CHOICES = ((QT_TRANSLATE_NOOP("ClcCentreDialog", "Chưa rõ"), None),
                    (QT_TRANSLATE_NOOP("ClcCentreDialog", "Có"), True),
                    (QT_TRANSLATE_NOOP("ClcCentreDialog", "Không"), False))
# The core's labels of the centre's fields (CENTRE_LABELS_VI), marked for lupdate; translated where shown.
_CENTRE_LABELS = (
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Tên trung tâm"),
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Giám đốc"),
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Số quyết định thành lập"),
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Ngày quyết định"),
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Kết hợp với Trung tâm Văn hóa - Thể thao xã"),
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Điểm học tập ở thôn, làng"),
    QT_TRANSLATE_NOOP("ClcCentreDialog", "Ghi chú"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("ClcCentreDialog", text)


class ClcCentreDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, save: Callable[[dict], list[FieldError]],
                 centre: Centre | None, default_name: str, predecessors: list[tuple[str, Centre]] = ()):
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Thông tin trung tâm học tập cộng đồng"))
        root = QVBoxLayout(self)
        form = QFormLayout()
        root.addLayout(form)
        self.fields: dict[str, QWidget] = {}
        self.name = QLineEdit(centre.name if centre else default_name)
        self.director = QLineEdit(centre.director if centre else "")
        self.decision_no = QLineEdit(centre.decision_no if centre else "")
        self.decision_no.setPlaceholderText(self.tr("Ví dụ: 125/QĐ-UBND"))
        self.decision_date = DateField(optional=True)
        self.decision_date.set_date(centre.decision_date if centre else None)
        self.combined = QComboBox()
        for text, value in COMBINED_CHOICES:
            self.combined.addItem(_t(text), value)
        self.combined.setCurrentIndex(next(i for i, (_, v) in enumerate(COMBINED_CHOICES)
                                           if v == (centre.combined_culture if centre else None)))
        self.branches = QPlainTextEdit("\n".join(centre.branches) if centre else "")
        self.branches.setPlaceholderText(self.tr("Mỗi dòng một điểm học tập, ví dụ:\nThôn Đắk Ung\nThôn Kon Riêng"))
        self.branches.setTabChangesFocus(True)
        self.branches.setFixedHeight(110)
        self.notes = QPlainTextEdit(centre.notes if centre else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        for key, widget in (("name", self.name), ("director", self.director), ("decision_no", self.decision_no),
                            ("decision_date", self.decision_date), ("combined_culture", self.combined),
                            ("branches", self.branches), ("notes", self.notes)):
            self.fields[key] = widget
            form.addRow(_t(CENTRE_LABELS_VI[key]), widget)
        if predecessors and centre is None:
            names = "; ".join(f"{c.name} ({unit_name})" for unit_name, c in predecessors)
            note = QLabel(self.tr("Xã được hợp nhất từ ngày 01/07/2025. Trung tâm của các xã cũ: {names}. "
                                  "Sổ của các xã cũ vẫn giữ nguyên.").format(names=names))
            note.setObjectName("muted")
            note.setWordWrap(True)
            root.addWidget(note)
            take = QPushButton(self.tr("Lấy các trung tâm cũ làm điểm học tập"))
            take.setAutoDefault(False)
            take.clicked.connect(lambda: self._take_over(predecessors))
            root.addWidget(take, 0, Qt.AlignmentFlag.AlignLeft)
        self.errors = QLabel()
        self.errors.setStyleSheet("color: #c62828;")
        self.errors.setWordWrap(True)
        self.errors.setVisible(False)
        root.addWidget(self.errors)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        ok = QPushButton(self.tr("Lưu"))
        ok.setObjectName("primaryButton")
        ok.setDefault(True)
        ok.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Hủy"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(ok)
        buttons.addWidget(cancel)
        root.addLayout(buttons)
        self.resize(620, self.sizeHint().height())

    def _take_over(self, predecessors: list[tuple[str, Centre]]) -> None:
        lines = [line for line in self.branches.toPlainText().splitlines() if line.strip()]
        for unit_name, c in predecessors:
            # Stored in the record (it reads in Vietnamese documents): not translated.
            lines.append(f"{c.name} (nay là điểm học tập)")
            lines += c.branches
        self.branches.setPlainText("\n".join(lines))

    def values(self) -> dict:
        return {"name": self.name.text(), "director": self.director.text(), "decision_no": self.decision_no.text(),
                "decision_date": self.decision_date.value(), "combined_culture": self.combined.currentData(),
                "branches": self.branches.toPlainText(), "notes": self.notes.toPlainText()}

    def submit(self) -> bool:
        errors = self._save(self.values())
        if errors:
            self.errors.setText(self.tr("Chưa lưu được:") + "\n• " + "\n• ".join(core_words(e.message) for e in errors))
            self.errors.setVisible(True)
            widget = self.fields.get(errors[0].field)
            if widget is not None:
                widget.setFocus()
            return False
        self.accept()
        return True
