"""A titled panel that folds away (the entry page's history of changes)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget


class CollapsiblePanel(QWidget):
    toggled = Signal(bool)

    def __init__(self, title: str, content: QWidget, *, expanded: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.button = QToolButton(self)
        self.button.setObjectName("collapsibleHeader")
        self.button.setText(title)
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.button.toggled.connect(self._on_toggled)
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.button)
        layout.addWidget(content)
        self.button.setChecked(expanded)
        self._on_toggled(expanded)

    def set_title(self, title: str) -> None:
        self.button.setText(title)

    @property
    def expanded(self) -> bool:
        return self.button.isChecked()

    def _on_toggled(self, on: bool) -> None:
        self.button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.content.setVisible(on)
        self.toggled.emit(on)
