"""Settings, backups and restore from the window, the English interface, About and the user guide."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTranslator

from xhht_desktop.db import meta, values_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation, open_app_database
from xhht_desktop.maintenance import backup as bk
from ui import i18n
from ui.dialogs import about, backup_restore
from ui.widgets import messages


@pytest.fixture
def window(qtbot, commune_db, db_path):
    from ui.app import create_main_window

    ctx, win = create_main_window(db_path, commune_db)
    win.show()  # not qtbot.addWidget: a language switch or a restore deletes this window
    ctx.set_period(Period(2014, 0))
    yield win
    i18n.install_language("vi")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)
    for w in [win, *i18n._windows]:
        if shiboken6.isValid(w):
            w.close()
            w.deleteLater()
    monkey.undo()
    i18n._windows.clear()


@pytest.fixture
def dialogs(monkeypatch):
    """Every message box answered "yes" and recorded."""
    shown: list[tuple[str, str, str]] = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: shown.append((_n, text, details)))
    monkeypatch.setattr(messages, "confirm", lambda parent, text, details="", yes="", no="": True)
    return shown


@pytest.fixture
def opened_folders(monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    return opened


def _figure(db, unit_id, period="2014"):
    entry = values_repo.load_entries(db, unit_id, period).get(("XMC_15_60", None))
    return (entry.numerator, entry.denominator) if entry else None


def _save(ctx, num, den):
    values_repo.save_entries(ctx.db, ctx.installation.unit.id, "2014", [Entry("XMC_15_60", None, num, den)],
                             actor="t", origin=ctx.installation.installation_id)


def test_settings_shows_the_data_folder_and_opens_it(qtbot, window, db_path, opened_folders):
    page = window.open_page("SettingsPage")
    assert page.data_dir_label.text() == str(db_path.parent)
    page.open_folder_button.click()
    page.open_backups_button.click()
    assert opened_folders == [str(db_path.parent), str(db_path.parent / "backups")]


def test_settings_saves_official_and_backup_count(qtbot, window, dialogs):
    ctx = window.ctx
    page = window.open_page("SettingsPage")
    assert not page.has_unsaved_changes() and page.keep_spin.value() == 14
    page.official_edit.setText("Nguyễn Thị Hoa")
    page.title_edit.setText("Phó Chủ tịch UBND xã")
    page.keep_spin.setValue(30)
    assert page.has_unsaved_changes() and window.isWindowModified()
    assert page.save()
    assert not page.has_unsaved_changes()
    assert ctx.installation.official_name == "Nguyễn Thị Hoa"
    assert meta.get(ctx.db, "official_title") == "Phó Chủ tịch UBND xã"
    assert bk.get_keep(ctx.db) == 30


def test_switching_to_english_rebuilds_the_window_after_asking_about_edits(qtbot, window, dialogs, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_save_changes", lambda parent, what="": asked.append(what) or messages.SAVE)
    ctx = window.ctx
    entry = window.open_page("EntryPage")
    row = entry.rows[("XMC_15_60", None)]
    row.numerator.setText("3000")
    row.denominator.setText("4000")
    assert entry.has_unsaved_changes()

    page = window.open_page("SettingsPage")
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert page.save()
    assert asked  # the pending figures were offered for saving …
    assert _figure(ctx.db, ctx.installation.unit.id) == (3000, 4000)  # … and saved
    qtbot.waitUntil(lambda: bool(i18n._windows) and i18n._windows[-1].isVisible(), timeout=3000)
    new_window = i18n._windows[-1]
    import shiboken6

    # The old window is hidden, or already deleted (deleteLater runs once control returns to the
    # event loop, which a save waiting for the writer lets happen sooner).
    assert new_window is not window and (not shiboken6.isValid(window) or not window.isVisible())
    new_page = new_window.current_page()
    assert type(new_page).__name__ == "SettingsPage"
    assert new_page.save_button.text() == "Save settings"
    assert new_page.open_folder_button.text() == "Open folder"
    assert i18n.saved_language(ctx.db) == "en" and i18n.current_language() == "en"
    # The rebuilt window keeps working on the same database.
    ctx.notify_data_changed()
    qtbot.wait(10)

    new_page.language_combo.setCurrentIndex(new_page.language_combo.findData("vi"))
    assert new_page.save()
    qtbot.waitUntil(lambda: i18n._windows[-1] is not new_window, timeout=3000)
    assert i18n._windows[-1].current_page().save_button.text() == "Lưu cài đặt"


def test_every_string_of_the_english_translation_is_translated():
    import xml.etree.ElementTree as ET

    from xhht_desktop.paths import resource_path

    ts = ET.parse(resource_path("translations", "xhht_en.ts"))
    unfinished = [m.findtext("source") for m in ts.getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "xhht_en.qm")))
    assert translator.translate("SettingsPage", "Mở thư mục") == "Open folder"


def test_backup_now_writes_the_chosen_file(qtbot, window, dialogs, monkeypatch, tmp_path):
    ctx = window.ctx
    _save(ctx, 3000, 4000)
    out = tmp_path / "usb" / "sao-luu"
    (tmp_path / "usb").mkdir()
    monkeypatch.setattr(messages, "save_file_name", lambda *a: str(out))
    backup_restore.backup_now(window, ctx)
    qtbot.waitUntil(lambda: any(kind == "info" for kind, *_ in dialogs), timeout=5000)
    copy = out.with_name("sao-luu.sqlite3")
    info = bk.inspect_database_file(copy)
    assert info.ok and info.unit_code == "23353" and info.values_count == 1


def test_restore_from_the_menu_puts_the_backup_back_and_rebuilds_the_window(qtbot, window, dialogs, tmp_path):
    ctx = window.ctx
    _save(ctx, 3000, 4000)
    monday = bk.backup_database(ctx.db, bk.backup_dir(ctx.db_path) / "xhht_hang-ngay_2014-07-07.sqlite3")
    _save(ctx, 10, 4000)  # the mistake

    dialog = backup_restore.RestoreDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert [c.path for c in dialog.copies] == [monday]
    dialog.table.selectRow(0)
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=5000)
    assert "Xã Đắk Pék" in dialog.info_label.text()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.restored is not None, timeout=5000)
    assert _figure(ctx.db, ctx.installation.unit.id) == (3000, 4000)
    kept = dialog.restored.safety_copy
    assert kept is not None and kept.parent == bk.backup_dir(ctx.db_path)
    conn = sqlite3.connect(str(kept))
    assert conn.execute("SELECT numerator FROM indicator_values WHERE indicator='XMC_15_60'").fetchone() == (10,)
    conn.close()


def test_restore_of_another_units_backup_needs_the_explicit_box(qtbot, window, dialogs, tmp_path, monkeypatch):
    ctx = window.ctx
    other_path = tmp_path / "other.sqlite3"
    other = open_app_database(other_path)
    init_installation(other, "commune", "23362")
    other.conn.close()
    monkeypatch.setattr(messages, "open_file_name", lambda *a: str(other_path))
    dialog = backup_restore.RestoreDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    qtbot.waitUntil(lambda: dialog.info is not None, timeout=5000)
    assert dialog.other_unit_box.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()
    dialog.other_unit_box.setChecked(True)
    assert dialog.restore_button.isEnabled()


def test_a_damaged_backup_is_refused_in_the_dialog(qtbot, window, dialogs, tmp_path, monkeypatch):
    bogus = tmp_path / "hong.sqlite3"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    monkeypatch.setattr(messages, "open_file_name", lambda *a: str(bogus))
    dialog = backup_restore.RestoreDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    qtbot.waitUntil(lambda: "c62828" in dialog.info_label.text(), timeout=5000)
    assert not dialog.restore_button.isEnabled()


def test_about_shows_version_and_data_folder(qtbot, window, db_path, opened_folders):
    from xhht_desktop import __version__

    dialog = about.AboutDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version_label.text()
    assert str(db_path.parent) in dialog.folder_label.text()
    dialog.open_button.click()
    assert opened_folders == [str(db_path.parent)]


def test_user_guide_renders_with_its_pictures(qtbot):
    dialog = about.UserGuideDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "Hướng dẫn sử dụng" in text and "Khôi phục" in text
    guide = Path(about.user_guide_path())
    images = [line for line in guide.read_text(encoding="utf-8").splitlines() if line.startswith("![")]
    for line in images:
        target = line.split("](", 1)[1].rstrip(")")
        assert (guide.parent / target).is_file(), target


def test_restore_refused_while_another_program_has_the_data_open(qtbot, window, dialogs):
    ctx = window.ctx
    _save(ctx, 3000, 4000)
    bk.backup_database(ctx.db, bk.backup_dir(ctx.db_path) / "xhht_hang-ngay_2014-07-07.sqlite3")
    _save(ctx, 10, 4000)
    other = sqlite3.connect(str(ctx.db_path))  # e.g. a second XHHT window
    other.execute("SELECT count(*) FROM meta").fetchone()
    try:
        dialog = backup_restore.RestoreDialog(ctx, window)
        qtbot.addWidget(dialog)
        dialog.table.selectRow(0)
        qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=5000)
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: any(kind == "error" for kind, *_ in dialogs), timeout=5000)
    finally:
        other.close()
    assert dialog.restored is None
    assert "đang được mở" in [d for kind, *d in dialogs if kind == "error"][0][1]
    assert _figure(ctx.db, ctx.installation.unit.id) == (10, 4000)  # unchanged, and ctx.db works again
    assert not list(Path(ctx.db_path).parent.glob(".khoi-phuc-*"))


def test_settings_refuses_an_official_name_with_control_characters(qtbot, window, dialogs):
    """Issue 12: the name travels in every package's manifest, which refuses control characters."""
    ctx = window.ctx
    page = window.open_page("SettingsPage")
    before = (meta.get(ctx.db, "official_name"), bk.get_keep(ctx.db))
    page.official_edit.setText("Nguyễn\x85Thị Hoa")
    page.keep_spin.setValue(30)
    assert not page.save()
    assert dialogs and dialogs[-1][0] == "warn" and "ký tự điều khiển" in dialogs[-1][2]
    assert (meta.get(ctx.db, "official_name"), bk.get_keep(ctx.db)) == before  # nothing saved
