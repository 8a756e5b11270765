"""XHHT Desktop core: everything a user can do, without Qt.

Nothing in this package may import PySide6 (tests/core/test_architecture.py enforces it).
"""

__version__ = "0.1.0"
APP_NAME = "XHHT Desktop"
APP_ID = "XHHT"
