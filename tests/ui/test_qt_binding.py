"""Guard against a Qt binding that corrupts Python's reference counts.

shiboken6 6.12.0 under Python 3.11 released one reference to None on every call of a void Qt
method; after a few thousand calls the interpreter aborted with "none_dealloc: deallocating None".
The app pins a binding without that bug; this test fails if an upgrade brings it back.
"""

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_none_alive(qtbot):
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Xã Đắk Pék")
        label.setEnabled(True)
    assert sys.getrefcount(None) - before > -50

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 2

        def columnCount(self, parent=QModelIndex()):
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "x" if role == Qt.ItemDataRole.DisplayRole else None

    model = Model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        proxy.data(index, Qt.ItemDataRole.ToolTipRole)
    assert sys.getrefcount(None) - before > -50


def test_no_module_uses_a_pyside_feature_so_none_is_scanned_for_one():
    """ui/__init__ tells PySide6 that no module uses `from __feature__ import ...` (snake_case,
    true_property), so it stops reading every imported module's source at start. That holds only
    while it is true of every module we ship."""
    import re
    import sys
    from pathlib import Path

    import ui

    root = Path(__file__).resolve().parents[2]
    sources = [root / "main.py", *(root / "ui").rglob("*.py"), *(root / "xhht_desktop").rglob("*.py")]
    uses = re.compile(r"^\s*from\s+__feature__\s+import", re.MULTILINE)
    users = [str(p.relative_to(root)) for p in sources if uses.search(p.read_text(encoding="utf-8"))]
    assert users == []
    feature = sys.modules.get("shibokensupport.feature")
    assert feature is not None and feature._mod_uses_pyside is ui._uses_no_feature
