"""Small coloured labels ("Đạt", "Chưa báo cáo") used on the dashboard and the entry page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.models.presentation import STATUS_COLOURS, status_label

_TEXT_ON = {"close": "#3e2c00", "no_target": "#37627f"}
# A figure without a target is information, not a verdict: a quiet outline, not a coloured pill.
_BACKGROUND = {"no_target": "#e8f0f7"}


class StatusChip(QLabel):
    """A rounded pill whose colour follows the status (met, close, far, no_target, not_reported)."""

    def __init__(self, status: str = "not_reported", text: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self.set_status(status, text)

    def set_status(self, status: str, text: str | None = None) -> None:
        self.status = status
        self.setText(text if text is not None else status_label(status))
        background = _BACKGROUND.get(status) or STATUS_COLOURS.get(status, "#9e9e9e")
        foreground = _TEXT_ON.get(status, "#ffffff")
        sheet = (f"QLabel {{ background: {background}; color: {foreground}; border-radius: 9px;"
                 " padding: 1px 9px; font-weight: 600; }")
        if self.styleSheet() != sheet:  # setting one re-polishes the chip: only when it changes
            self.setStyleSheet(sheet)
