"""The first-run wizard: role, unit found by an accent-insensitive search, official, sample data."""

from __future__ import annotations

import threading
import unicodedata

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWizard

from xhht_desktop.db import values_repo
from xhht_desktop.installation import get_installation
from ui.dialogs.first_run import PAGE_OFFICIAL, PAGE_UNIT, FirstRunWizard


@pytest.fixture
def wizard(qtbot, db, db_path):
    w = FirstRunWizard(db, db_path)
    qtbot.addWidget(w)
    w.show()
    return w


def _texts(list_widget) -> list[str]:
    return [list_widget.item(i).text() for i in range(list_widget.count())]


def test_commune_official_sets_up_dak_pek_with_a_vietnamese_name(wizard, db):
    wizard.role_page.buttons["commune"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_UNIT
    page = wizard.unit_page
    # Nothing chosen yet: the official cannot go on.
    page.unit_list.setCurrentRow(-1)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    page.search_edit.setText("dak pek")  # no diacritics, lower case
    found = _texts(page.unit_list)
    assert found and all("Pék" in t for t in found)
    row = next(i for i, t in enumerate(found) if t.startswith("Xã Đắk Pék (23353, "))
    page.unit_list.setCurrentRow(row)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == PAGE_OFFICIAL

    official = wizard.official_page
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # a name is required
    name = unicodedata.normalize("NFC", "Nguyễn Thị Hồng Nhung")
    official.name_edit.setText(name)
    official.title_edit.setText("Công chức Văn hóa - Xã hội")
    official.sample_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()

    inst = get_installation(db)
    assert inst is not None and wizard.installation == inst
    assert (inst.role, inst.unit.code, inst.unit.name) == ("commune", "23353", "Xã Đắk Pék")
    assert inst.official_name == name
    assert inst.official_title == "Công chức Văn hóa - Xã hội"
    assert "2020" in values_repo.reported_periods(db, inst.unit.id)  # sample data loaded


def test_old_units_by_district_are_marked_with_their_dates(wizard, db):
    wizard.next()
    page = wizard.unit_page
    assert not page.district_combo.isVisible()  # no district step for today's communes
    page.old_units_box.setChecked(True)
    assert page.district_combo.isVisible()
    combo = page.district_combo
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith("Huyện Đắk Glei"))
    combo.setCurrentIndex(index)
    names = _texts(page.unit_list)
    assert any(t.startswith("Xã Đắk Pék (23353, 02/12/2013–30/06/2025)") for t in names)
    assert all("Huyện Đắk Glei" in t and "30/06/2025" in t for t in names)
    page.search_edit.setText("DAK PEK")
    found = [t.split(" (")[0] for t in _texts(page.unit_list)]
    assert found[0] == "Xã Đăk Pék" and "Xã Đắk Pék" in found  # today's first, then the old one


def test_without_sample_data_nothing_is_reported(wizard, db):
    wizard.next()
    wizard.unit_page.search_edit.setText("23353")
    assert wizard.unit_page.selected_key() is not None  # a single match is selected
    wizard.next()
    wizard.official_page.name_edit.setText("Y Blong")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    inst = get_installation(db)
    assert inst.unit.code == "23353"
    assert values_repo.reported_periods(db, inst.unit.id) == []


def test_today_units_are_offered_first(wizard, db):
    wizard.next()
    page = wizard.unit_page
    listed = _texts(page.unit_list)
    assert len(listed) == 96 and all(t.endswith("— Tỉnh Quảng Ngãi") for t in listed)
    assert not any("2025)" in t for t in listed)  # no dated (old) unit until asked for
    page.search_edit.setText("23341")
    found = _texts(page.unit_list)
    assert found[0] == "Xã Đăk Pék (23341) — Tỉnh Quảng Ngãi"
    assert found[1].startswith("Thị trấn Đắk Glei (23341, 02/12/2013–30/06/2025)")
    page.unit_list.setCurrentRow(0)
    wizard.next()
    wizard.official_page.name_edit.setText("Y Blong")
    wizard.official_page.sample_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    inst = get_installation(db)
    assert inst.unit.key == "23341@2025-07-01"
    periods = values_repo.reported_periods(db, inst.unit.id)
    assert periods[0] == "2025" and "2025-H1" not in periods  # sample data only in its life (yearly since 2021)


def test_department_skips_the_unit_page_and_works_for_the_province(wizard, db):
    wizard.role_page.buttons["department"].setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_OFFICIAL
    assert "Tỉnh Quảng Ngãi (51)" in wizard.official_page.summary.text()
    wizard.official_page.name_edit.setText("Trần Văn Đức")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    inst = get_installation(db)
    assert (inst.role, inst.unit.key, inst.unit.level) == ("department", "51@2025-07-01", "tinh")


def test_district_role_lists_districts(wizard, db):
    wizard.role_page.buttons["district"].setChecked(True)
    wizard.next()
    page = wizard.unit_page
    assert not page.district_combo.isVisible()
    page.search_edit.setText("dak glei")
    assert [t.split(" (")[0] for t in _texts(page.unit_list)] == ["Huyện Đắk Glei"]
    wizard.next()
    wizard.official_page.name_edit.setText("A Tuấn")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    inst = get_installation(db)
    assert (inst.role, inst.unit.level, inst.unit.name) == ("district", "huyen", "Huyện Đắk Glei")


def test_the_wizard_writes_through_a_writer_never_the_gui_threads_connection(wizard, db):
    """The set-up (installation and sample data) runs on a writer of the wizard's own: with the GUI
    thread's connection refusing every INSERT/UPDATE/DELETE, it still completes, and Hoàn tất
    pressed again while it runs sets nothing up twice."""
    import sqlite3

    refused = []

    def authorizer(action, *_args):
        if action in (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE):
            refused.append(action)
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    db.conn.set_authorizer(authorizer)
    try:
        wizard.next()
        wizard.unit_page.search_edit.setText("23353")
        wizard.next()
        wizard.official_page.name_edit.setText("Y Blong")
        wizard.official_page.sample_box.setChecked(True)
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        calls, again = [], threading.Event()
        from ui.dialogs import first_run

        real = first_run.init_installation_by_key

        def counted(*a, **k):  # on the writer's thread: waits until Hoàn tất was pressed again
            calls.append(1)
            again.wait(10)
            return real(*a, **k)

        def press_again() -> None:  # on the GUI thread, from the event loop turning meanwhile
            wizard.accept()
            again.set()

        QTimer.singleShot(50, press_again)
        first_run.init_installation_by_key = counted
        try:
            finish.click()
        finally:
            first_run.init_installation_by_key = real
            again.set()
    finally:
        db.conn.set_authorizer(None)
    assert refused == []
    inst = get_installation(db)
    assert inst is not None and inst.unit.code == "23353" and wizard.installation == inst
    assert calls == [1] and wizard.result() == QWizard.DialogCode.Accepted
    assert "2020" in values_repo.reported_periods(db, inst.unit.id)  # sample data, written by the writer


def test_a_refused_set_up_writes_nothing_and_keeps_the_wizard_open(wizard, db, monkeypatch):
    from ui.dialogs import first_run
    from xhht_desktop.installation import InitError

    shown = []
    monkeypatch.setattr(first_run.messages, "warn", lambda parent, text, details="": shown.append(text))

    def refuse(*_a, **_k):
        raise InitError("Đơn vị không còn tồn tại.")

    monkeypatch.setattr(first_run, "init_installation_by_key", refuse)
    wizard.next()
    wizard.unit_page.search_edit.setText("23353")
    wizard.next()
    wizard.official_page.name_edit.setText("Y Blong")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert shown == ["Đơn vị không còn tồn tại."]
    assert get_installation(db) is None and wizard.installation is None and wizard.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # the official can try again
