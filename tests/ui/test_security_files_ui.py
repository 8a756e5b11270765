"""Files from the user, in the window (issue 12, point 6): a crafted backup is refused in the restore
dialog with the reason, and "Sao lưu" never writes over the database's own files."""

import sqlite3

from tests.ui.test_settings import dialogs, window  # noqa: F401 - fixtures
from ui.dialogs import backup_restore
from ui.widgets import messages
from xhht_desktop.maintenance import backup as bk


def test_a_backup_with_a_trigger_is_refused_in_the_restore_dialog(qtbot, window, dialogs, tmp_path,  # noqa: F811
                                                                 monkeypatch):
    crafted = bk.backup_database(window.ctx.db, tmp_path / "sao-luu.sqlite3")
    conn = sqlite3.connect(str(crafted))
    conn.executescript("CREATE TRIGGER xhht_auto_confirm AFTER INSERT ON sync_installations BEGIN "
                       "UPDATE sync_installations SET status='confirmed'; END;")
    conn.close()
    monkeypatch.setattr(messages, "open_file_name", lambda *a: str(crafted))
    dialog = backup_restore.RestoreDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    qtbot.waitUntil(lambda: "c62828" in dialog.info_label.text(), timeout=5000)
    assert "xhht_auto_confirm" in dialog.info_label.text()
    assert not dialog.restore_button.isEnabled()


def test_backup_now_refuses_the_database_itself_even_after_the_replace_question(qtbot, window, dialogs,  # noqa: F811
                                                                                monkeypatch):
    # The save dialog asked "replace xhht.sqlite3?" and the user said yes: still never the live database.
    ctx = window.ctx
    monkeypatch.setattr(messages, "save_file_name", lambda *a: str(ctx.db_path))
    backup_restore.backup_now(window, ctx)
    qtbot.waitUntil(lambda: any(kind == "error" for kind, *_ in dialogs), timeout=5000)
    error = next(d for d in dialogs if d[0] == "error")
    assert "cơ sở dữ liệu đang dùng" in error[2]
    assert not any(kind == "info" for kind, *_ in dialogs)


def test_backup_now_does_not_replace_a_file_the_dialog_did_not_ask_about(qtbot, window, dialogs, tmp_path,  # noqa: F811
                                                                        monkeypatch):
    # The user typed "bao-cao" (no extension): the dialog asked about "bao-cao", we write "bao-cao.sqlite3".
    existing = tmp_path / "bao-cao.sqlite3"
    existing.write_bytes(b"not a backup")
    monkeypatch.setattr(messages, "save_file_name", lambda *a: str(tmp_path / "bao-cao"))
    backup_restore.backup_now(window, window.ctx)
    qtbot.waitUntil(lambda: any(kind == "error" for kind, *_ in dialogs), timeout=5000)
    assert existing.read_bytes() == b"not a backup"
