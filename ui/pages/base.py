"""The contract every page of the main window keeps.

A page is a QWidget shown in the main window's stack, listed in the sidebar under `title`.
The main window asks `has_unsaved_changes()` before the period changes or the window closes,
and calls `save()` for Ctrl+S. Pages refresh themselves on `ctx.period_changed` and
`ctx.data_changed`, through `refresh_when_shown()`: a page hidden behind another in a shown window
refreshes when it is shown next, not at every change (a merge or a print would otherwise make every
page the official is not looking at re-read and redraw its lists on the GUI thread). A page with editable data emits `modified_changed(bool)` when its unsaved
state changes (optional: the main window also asks `has_unsaved_changes()` directly).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.context import AppContext


class Page(QWidget):
    title: str = ""
    # Roles the page is shown for: "commune", "district", "department".
    roles: frozenset[str] = frozenset({"commune", "district", "department"})
    # Optional: name of an SVG in resources/icons (without .svg) shown in the sidebar.
    icon_name: str = ""
    # Emit when the page gains or loses unsaved edits; the main window marks its title with "*".
    modified_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._refresh_on_show = False

    def refresh_when_shown(self, *_args) -> None:
        """`refresh()` now if the page is on screen (or is not in a shown window: a page on its
        own), else once it is shown again."""
        window = self.window()
        if window is not self and window.isVisible() and not self.isVisible():
            self._refresh_on_show = True
            return
        self._refresh_on_show = False
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._refresh_on_show:
            self._refresh_on_show = False
            self.refresh()

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        """Save pending edits; return False if nothing could be saved (errors shown to the user)."""
        return True

    def discard_changes(self) -> None:
        """Forget pending edits (the user chose not to save)."""

    def refresh(self) -> None:
        """Reload from the database."""
