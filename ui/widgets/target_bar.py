"""A progress bar that knows about targets: the value as a coloured fill on a 0–100% track, the
period's target as a dark tick and the other target year as a light one. Blank reads "chưa báo cáo"
on a hatched grey track, never as an empty (zero) bar.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.models.presentation import NOT_REPORTED, STATUS_COLOURS


class TargetBar(QWidget):
    """Paints value (0–100) against targets; set everything with `set_state`."""

    BAR_HEIGHT = 12

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: float | None = None
        self._target: float | None = None
        self._other_target: float | None = None
        self._status = NOT_REPORTED
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(140)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(240, 26)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(140, 26)

    def set_state(self, value: float | None, status: str, target: float | None = None,
                  other_target: float | None = None) -> None:
        self._value = value
        self._status = status
        self._target = target
        self._other_target = other_target
        tip = []
        if target is not None:
            tip.append(f"Mục tiêu kỳ này: {target:g}%".replace(".", ","))
        if other_target is not None and other_target != target:
            tip.append(f"Mục tiêu năm còn lại: {other_target:g}%".replace(".", ","))
        self.setToolTip("\n".join(tip))
        self.update()

    @property
    def value(self) -> float | None:
        return self._value

    @property
    def status(self) -> str:
        return self._status

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Imported at the first bar's paint, not with the module: the dashboard imports this before
        # its first paint, which may have no bar (PySide6 builds QPainter's class, its enums and the
        # `Qt` namespace the first time: ~16 ms; see main_window.set_by_name).
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width() - 2
        h = self.BAR_HEIGHT
        top = (self.height() - h) / 2
        track = QRectF(1, top, w, h)
        radius = h / 2
        path = QPainterPath()
        path.addRoundedRect(track, radius, radius)
        painter.fillPath(path, QColor("#eceff1"))
        if self._value is None:
            # Hatched track: visibly "nothing reported", unlike a zero-length fill.
            painter.save()
            painter.setClipPath(path)
            painter.fillPath(path, QBrush(QColor("#cfd8dc"), Qt.BrushStyle.BDiagPattern))
            painter.restore()
        else:
            share = max(0.0, min(100.0, self._value)) / 100.0
            if share > 0:
                fill = QRectF(track.left(), track.top(), max(h, track.width() * share), h)
                fill_path = QPainterPath()
                fill_path.addRoundedRect(fill, radius, radius)
                painter.fillPath(fill_path, QColor(STATUS_COLOURS.get(self._status, "#1e6fb8")))
        for target, colour, width in ((self._other_target, "#90a4ae", 1.5), (self._target, "#263238", 2.5)):
            if target is None:
                continue
            x = track.left() + track.width() * max(0.0, min(100.0, target)) / 100.0
            x = min(max(x, track.left() + 1), track.right() - 1)
            painter.setPen(QPen(QColor(colour), width))
            painter.drawLine(int(round(x)), int(top - 4), int(round(x)), int(top + h + 4))
        painter.end()
