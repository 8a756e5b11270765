"""The mouse wheel never changes a field that does not have the focus.

Scrolling down a long form with the wheel used to change whatever combo box or spin box passed
under the pointer ("Kết quả" đạt/chưa đạt, the period, a count) without the official noticing. One
filter on the application: a wheel event over an unfocused combo box or spin box (date edits
included) scrolls the area it sits in instead; once the field has the focus (clicked or tabbed
into), the wheel works on it as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, GUARDED) or obj.hasFocus():
            return False
        area = _scroll_area(obj)
        if area is not None:
            bar = area.verticalScrollBar() if abs(event.angleDelta().y()) >= abs(event.angleDelta().x()) \
                else area.horizontalScrollBar()
            QApplication.sendEvent(bar, event)
        return True  # the field itself never sees it


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install(app: QApplication) -> WheelGuard:
    """Install once on the application (kept as a child of it)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
