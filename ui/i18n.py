"""Interface language: Vietnamese (the source language of every string) or English (`xhht_en.qm`).

The choice is stored in the database's `meta` table (`ui_language`) beside the other settings of the
installation, and applied at start-up by `apply_saved_language(db)`. Changing it in Settings installs
the translator and rebuilds the main window (after the user saved or dropped pending edits), since
the window builds most of its texts once.
"""

from __future__ import annotations

import logging

from xhht_desktop import messages
from xhht_desktop.db import meta
from xhht_desktop.paths import resource_path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

LANGUAGE_META_KEY = "ui_language"
DEFAULT_LANGUAGE = "vi"
# Code -> name shown in its own language (a user who cannot read the current one still finds theirs).
LANGUAGES: dict[str, str] = {"vi": "Tiếng Việt", "en": "English"}  # i18n: own name

_installed: list[QTranslator] = []
_windows: list = []  # windows made by rebuild_main_window, kept alive here
_current = DEFAULT_LANGUAGE


def translation_file(code: str):
    return resource_path("translations", f"xhht_{code}.qm")


def current_language() -> str:
    return _current


def core_words(message) -> str:
    """A message of the core (a coded error or progress text of xhht_desktop/messages.py, else any
    object's str()) in the interface language. SQLite's own busy error (SQLITE_BUSY/LOCKED: another
    program holds the database) and a full disk, a read-only file or an I/O error reported by SQLite or
    the OS read as the core's explanation, not as SQLite's or the OS's English."""
    if isinstance(message, BaseException) and messages._coded(message) is None:
        from xhht_desktop.db import connection  # noqa: PLC0415
        from xhht_desktop.storage import explain_storage_error  # noqa: PLC0415

        if connection.is_busy_error(message):  # SQLite's own error; a message of ours (BackupError) keeps its words
            message = connection.DatabaseBusy()
        else:
            message = explain_storage_error(message) or message
    return messages.words(message, _current)


def install_language(code: str) -> bool:
    """Install the translator for `code` on the running application; False if its file is missing.

    Vietnamese needs no file: the strings in the code are Vietnamese.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code != DEFAULT_LANGUAGE:
        translator = QTranslator(app)
        path = translation_file(code)
        if not translator.load(str(path)):
            log.warning("translation %s not found at %s", code, path)
            _current = DEFAULT_LANGUAGE
            return False
        app.installTranslator(translator)
        _installed.append(translator)
    # Numbers and dates stay Vietnamese-style in either language (format_int, format_percent,
    # dd/mm/yyyy): they are the figures of Vietnamese official documents, not interface text.
    _current = code
    return True


def saved_language(db) -> str:
    code = meta.get(db, LANGUAGE_META_KEY, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def save_language(db, code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(code)
    meta.put(db, LANGUAGE_META_KEY, code)


def apply_saved_language(db) -> str:
    """Install the language stored in the database (called by the app at start-up)."""
    code = saved_language(db)
    install_language(code)
    return _current


def rebuild_main_window(old_window):
    """Replace `old_window` by a new window of the same class, on the same page and geometry.

    The caller has already asked about unsaved edits (the old window is closed without asking
    again). The new window is kept alive by this module.
    """
    cls = type(old_window)
    new_window = cls(old_window.ctx)
    new_window.setGeometry(old_window.geometry())
    # Back on the page the user was on (the window may import its pages lazily: open by class).
    current = old_window.current_page() if hasattr(old_window, "current_page") else None
    if current is not None and hasattr(new_window, "open_page"):
        new_window.open_page(type(current).__name__)
    if old_window.isMaximized():
        new_window.showMaximized()
    else:
        new_window.show()
    new_window.raise_()
    new_window.activateWindow()  # keyboard shortcuts (Ctrl+S, Ctrl+Q) go to the new window
    _windows[:] = [w for w in _windows if w is not old_window] + [new_window]
    # hide + deleteLater rather than close(): closing would ask about unsaved edits again, and the
    # application must not see its last window close.
    old_window.hide()
    old_window.deleteLater()
    return new_window


def live_windows(first) -> list:
    """`first` and every window made by rebuild_main_window that still exists (for tear-down at exit)."""
    import shiboken6

    return [w for w in dict.fromkeys([first, *_windows]) if w is not None and shiboken6.isValid(w)]
