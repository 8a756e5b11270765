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
