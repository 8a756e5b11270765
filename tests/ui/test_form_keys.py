"""The form as the official types into it: the wheel never changes an unfocused field, Enter goes
on to the next number (Mẫu số → the next indicator's Tử số)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QScrollArea, QVBoxLayout, QWidget

from xhht_desktop.domain.periods import Period


@pytest.fixture
def main_window(qtbot, commune_db, db_path):
    from ui.app import create_main_window

    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 0))
    yield ctx, window
    ctx.close_writer()


def wheel(widget, steps: int = -1) -> None:
    """One notch of the wheel over the widget (down when negative)."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_an_unfocused_combo_or_date_scrolls_the_form_instead(qtbot, main_window):
    _ctx, window = main_window
    host = QScrollArea()
    qtbot.addWidget(host)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    combo, date = QComboBox(), QDateEdit()
    combo.addItems(["Đạt", "Chưa đạt", "Không áp dụng"])
    layout.addWidget(combo)
    layout.addWidget(date)
    inner.setMinimumHeight(3000)
    host.setWidget(inner)
    host.resize(300, 200)
    host.show()
    window.setFocus()
    before_date = date.date()
    wheel(combo)
    wheel(date)
    assert combo.currentIndex() == 0 and date.date() == before_date  # nothing changed…
    assert host.verticalScrollBar().value() > 0  # …the form scrolled instead
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentIndex() == 1  # once chosen, the wheel works on it


def test_the_wheel_never_changes_the_period_of_the_window(qtbot, main_window):
    ctx, window = main_window
    window.setFocus()
    for combo in (window.period_picker.year, window.period_picker.part):
        before = combo.currentIndex()
        wheel(combo, +1)
        wheel(combo, -1)
        assert combo.currentIndex() == before
    assert ctx.period == Period(2014, 0)


def test_enter_after_mau_so_goes_to_the_next_indicators_tu_so(qtbot, main_window):
    _ctx, window = main_window
    page = window.open_page("EntryPage")
    fractions = [r for r in page.rows.values() if r.numerator is not None]
    first, second = fractions[0], fractions[1]
    page.tabs.setCurrentIndex(page.tab_for_group[first.indicator.group])
    first.numerator.setFocus()
    qtbot.waitUntil(first.numerator.hasFocus)
    qtbot.keyClick(first.numerator, Qt.Key.Key_Return)
    assert first.denominator.hasFocus()  # Tử số → Mẫu số
    qtbot.keyClick(first.denominator, Qt.Key.Key_Return)
    numbers = page.number_edits()
    expected = numbers[numbers.index(first.denominator) + 1]
    assert expected is second.numerator or expected is second.value or expected in second.edits()
    assert QApplication.focusWidget() is expected and QApplication.focusWidget() is not first.comment
