import os
import sys
from pathlib import Path

# Qt runs without a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XHHT_NO_FIRST_RUN_DIALOGS", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _user_paths_in_tmp(tmp_path, monkeypatch):
    """Every user path (data folder, settings) lives under tmp_path."""
    data = tmp_path / "userdata"
    monkeypatch.setenv("XHHT_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "xhht.sqlite3"


@pytest.fixture
def db(db_path):
    from xhht_desktop.installation import open_app_database
    database = open_app_database(db_path)
    yield database
    database.conn.close()


@pytest.fixture
def commune_db(db):
    """A commune installation (Xã Đắk Pék, 23353) with no figures yet."""
    from xhht_desktop.installation import init_installation
    init_installation(db, "commune", "23353", "Y Blong", "Công chức Văn hóa - Xã hội")
    return db


def settle_operations(ctx, timeout: float = 10.0) -> None:
    """Let the operations a page started (reads on workers, writes on the writer) deliver their
    results on the GUI thread, as the event loop does between a user's actions."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not ctx.idle() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.002)
    QApplication.processEvents()
    assert ctx.idle(), "an operation did not finish"


@pytest.fixture
def settle():
    return settle_operations
