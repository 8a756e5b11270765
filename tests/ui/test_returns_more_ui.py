"""Issue 11 in the window, continued: the installation's e-mail address in Cài đặt; the Department marks
a learning-centre activity in "Đề nghị kiểm tra lại…"; the commune sees the request beside the activity
in the centre log; a "Gửi cho các đơn vị" folder applied twice in "Nhận tệp từ Sở"."""

from __future__ import annotations

import pytest
import shiboken6

from xhht_desktop.db import meta
from xhht_desktop.domain.periods import Period
from xhht_desktop.sync import contact
from ui import i18n
from ui.widgets import messages


@pytest.fixture
def window(qtbot, commune_db, db_path):
    from ui.app import create_main_window

    ctx, win = create_main_window(db_path, commune_db)
    win.show()
    ctx.set_period(Period(2014, 0))
    yield win
    monkey = pytest.MonkeyPatch()
    monkey.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)
    for w in [win, *i18n._windows]:
        if shiboken6.isValid(w):
            w.close()
            w.deleteLater()
    monkey.undo()
    i18n._windows.clear()


@pytest.fixture
def shown(monkeypatch):
    seen = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    return seen


def test_settings_saves_the_email_address_and_refuses_a_wrong_one(qtbot, window, shown):
    ctx = window.ctx
    page = window.open_page("SettingsPage")
    assert page.email_edit.text() == ""
    page.email_edit.setText("không phải địa chỉ")
    assert page.has_unsaved_changes()
    page.official_edit.setText("Nguyễn Thị Hoa")
    assert not page.save()  # refused whole: neither the address nor the name is stored
    assert shown and "không phải địa chỉ thư điện tử" in shown[-1][2]
    assert contact.contact_email(ctx.db) == "" and meta.get(ctx.db, "official_name") != "Nguyễn Thị Hoa"
    page.email_edit.setText(" canbo@xa.gov.vn ")
    assert page.save()
    assert contact.contact_email(ctx.db) == "canbo@xa.gov.vn"
    assert meta.get(ctx.db, "official_name") == "Nguyễn Thị Hoa"
    page.refresh()
    assert page.email_edit.text() == "canbo@xa.gov.vn" and not page.has_unsaved_changes()
