"""Units in time in the window: the period list offers only the unit's periods, an entry outside them
is refused with the successor named, and an abolished unit's installation is offered its successor."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog

from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.installation import get_installation, init_installation
from ui import main_window as mw
from ui.dialogs.move_to import MoveToDialog, offer_move
from ui.widgets import messages


def test_period_lists_offer_only_the_unit_periods(db):
    today = dt.date(2026, 12, 1)
    old = units_repo.unit_by_key(db, "23353@2013-12-02")
    new = units_repo.unit_by_key(db, "23341@2025-07-01")
    old_periods = [p.code for p in mw.selectable_periods(old, today)]
    new_periods = [p.code for p in mw.selectable_periods(new, today)]
    assert old_periods[-1] == "2025-H1" and "2025" not in old_periods
    assert new_periods[:3] == ["2025-H2", "2025", "2026-H1"] and "2025-H1" not in new_periods
    province = units_repo.unit_by_key(db, "51@2025-07-01")
    assert mw.selectable_periods(province, today)[0] == Period(2013, 2)  # history through the lineage


def test_entry_page_refuses_a_period_outside_the_unit_life(qtbot, commune_db, db_path, monkeypatch):
    from ui.app import create_main_window

    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2026, 0))  # e.g. restored from an older session
    page = window.open_page("EntryPage")
    page.rows[("XMC2_15_60", None)].numerator.setText("7")
    page.rows[("XMC2_15_60", None)].denominator.setText("10")
    shown = []
    monkeypatch.setattr(messages, "warn", lambda parent, text, details="": shown.append((text, details)))
    monkeypatch.setattr(messages, "ask_save_changes", lambda parent, what="": messages.DISCARD)  # at teardown
    assert page.save() is False
    assert shown and "Xã Đắk Pék đã nhập vào Xã Đăk Pék (23341) từ 01/07/2025" in shown[0][1]
    assert commune_db.conn.execute("SELECT count(*) FROM indicator_values WHERE period='2026'").fetchone()[0] == 0


def test_move_dialog_moves_an_abolished_commune_to_its_successor(qtbot, commune_db):
    offer = [units_repo.unit_by_key(commune_db, "23341@2025-07-01")]
    dialog = MoveToDialog(commune_db, offer)
    qtbot.addWidget(dialog)
    assert dialog.choices.count() == 1 and "Xã Đăk Pék (23341@2025-07-01)" in dialog.choices.item(0).text()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert get_installation(commune_db).unit.key == "23341@2025-07-01"
    assert offer_move(commune_db) is None  # today's unit: nothing more to offer


def test_no_move_offered_to_a_unit_in_force(db):
    init_installation(db, "commune", "23341@2025-07-01")
    assert offer_move(db) is None
