"""The Qt layer of XHHT Desktop. Everything here calls into xhht_desktop/ for work."""

from __future__ import annotations

import sys


def _skip_pyside_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it (`inspect.getsource`) to see
    whether it uses `from __feature__ import ...` (snake_case / true_property). XHHT uses no such
    feature (tests/ui/test_qt_binding.py checks), so every module can be left out of feature
    switching at once: about 100 module sources not read at start, ~8 ms of the GUI start to the
    first page's content (bench/gui_probe.py). If PySide6 changes this hook, nothing happens here."""
    import PySide6.QtCore  # noqa: F401, PLC0415 - loads shiboken's support modules

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature


def _uses_no_feature(_module) -> bool:
    return False


_skip_pyside_feature_scan()
