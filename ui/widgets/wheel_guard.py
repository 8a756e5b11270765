"""The mouse wheel never changes a field that does not have the focus.

Scrolling down a long form with the wheel used to change whatever combo box or spin box passed
under the pointer ("Kết quả" đạt/chưa đạt, the period, a count) without the official noticing. A
wheel event over an unfocused combo box or spin box (date edits included) scrolls the area it sits
in instead; once the field has the focus (clicked or tabbed into), the wheel works on it as usual.

Done by the fields' own `wheelEvent` (installed once on the classes, so it holds for every such
field, in pages and dialogs alike), not by a filter on the application: a Python filter there is
called for every event of every widget, each call waiting for the interpreter lock while a worker
runs (a merge, a load), and made the whole window slower.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFontComboBox,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)
# Every class of these families whose binding defines its own wheelEvent (the most derived one is
# what Qt calls), so each gets the guard in front of its own handler.
_CLASSES = (QComboBox, QFontComboBox, QAbstractSpinBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QDateEdit,
            QTimeEdit)
_installed: list[type] = []


def _guarded(original):
    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.hasFocus():
            original(self, event)
            return
        area = _scroll_area(self)
        if area is not None:
            bar = area.verticalScrollBar() if abs(event.angleDelta().y()) >= abs(event.angleDelta().x()) \
                else area.horizontalScrollBar()
            QApplication.sendEvent(bar, event)
        event.accept()  # the field itself never sees it, nor does the area a second time

    wheelEvent._wheel_guard = True
    return wheelEvent


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install(_app: QApplication | None = None) -> None:
    """Put the guard on the fields' classes (once; fields created from then on have it)."""
    if _installed:
        return
    for cls in _CLASSES:
        original = cls.__dict__.get("wheelEvent")
        if original is None or getattr(original, "_wheel_guard", False):
            continue
        cls.wheelEvent = _guarded(original)
        _installed.append(cls)
