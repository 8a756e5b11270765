"""The entry form and the dashboard follow the period's programme (issue 10, points 1 and 2).

A commune of today's Quảng Ngãi (Xã Đăk Pék, 23341 since 1 July 2025) enters 2026 against the
2021–2030 catalogue: degrees (kind `level`) with their recognition decision, the NĐ 20/2014
suggestion shown beside them and never written into the field, a lapsed learning-community
recognition said so; both target years 2025/2030 with the draft ones marked.
"""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from xhht_desktop.db import values_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation_by_key
from ui.widgets import messages

NEW_PEK = "23341@2025-07-01"  # Xã Đăk Pék of Quảng Ngãi
from tests.conftest import settle_operations


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("warn", "info", "error", "confirm"):
        monkeypatch.setattr(messages, name, unexpected)
    monkeypatch.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)


@pytest.fixture
def new_commune_db(db):
    init_installation_by_key(db, "commune", NEW_PEK, "Y Blong", "Công chức Văn hóa - Xã hội")
    return db


def _window(qtbot, db_path, db, period):
    from ui.app import create_main_window

    ctx, window = create_main_window(db_path, db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(period)
    return ctx, window


@pytest.fixture
def window_2026(qtbot, new_commune_db, db_path):
    return _window(qtbot, db_path, new_commune_db, Period(2026, 0))


def type_text(widget, text: str) -> None:
    """Type like a keyboard, one QKeyEvent per character (qtbot.keyClicks aborts on Vietnamese)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _stored(ctx):
    return values_repo.load_entries(ctx.db, ctx.installation.unit.id, ctx.period.code)


def test_a_2026_period_shows_the_2021_2030_catalogue_and_2020_plan_2780(qtbot, commune_db, db_path):
    ctx, window = _window(qtbot, db_path, commune_db, Period(2020, 0))
    page = window.open_page("EntryPage")
    assert ("XMC_15_60", None) in page.rows and ("XMC_MUC_DO", None) not in page.rows
    assert page.tabs.tabText(1).startswith("2. Tin học")
    flag_2780 = page.rows[("TUAN_LE_HTSD", None)]

    ctx.set_period(Period(2021, 0))
    assert ("XMC_15_60", None) not in page.rows
    for code in ("XMC1_15_35", "XMC2_15_60", "XMC_MUC_DO", "PCTH_MUC_DO", "CDHT_XA_MUC_DO", "GIA_DINH_HOC_TAP"):
        assert (code, None) in page.rows, code
    # Province-only indicators are not the commune's to enter.
    assert ("TINH_HOC_TAP", None) not in page.rows and ("DS15_CMKT", None) not in page.rows
    # TUAN_LE_HTSD exists in both catalogues: the form was rebuilt for the new programme anyway.
    assert page.rows[("TUAN_LE_HTSD", None)] is not flag_2780
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "4. Mô hình học tập" in titles and "6. Lãnh đạo, kinh phí" in titles
    assert "Đề án XHHT 2021–2030" in page.subheading.text()


def test_level_field_offers_the_scale_and_shows_both_targets_with_the_draft_marked(qtbot, window_2026):
    ctx, window = window_2026
    page = window.open_page("EntryPage")
    row = page.rows[("PCTH_MUC_DO", None)]
    items = [row.level.itemText(i) for i in range(row.level.count())]
    assert items == ["— chưa báo cáo —", "0 — Chưa đạt", "Mức độ 1", "Mức độ 2", "Mức độ 3"]
    assert [row.level.itemData(i) for i in range(row.level.count())] == [None, 0, 1, 2, 3]
    assert page.rows[("XMC_MUC_DO", None)].level.count() == 4  # 0–2
    meta = page._meta_labels["XMC_MUC_DO"].text()
    assert "2025: ≥ mức độ 2" in meta
    assert "2030: — (dự thảo)" in meta
    assert "mục tiêu dự thảo, chưa được Sở xác nhận" in meta
    assert "kỳ này so với mục tiêu 2030" in meta
    # A confirmed pair of targets carries no draft mark.
    meta = page._meta_labels["CDHT_CBCC_DVHT"].text()
    assert "2025: ≥ 60% · 2030: ≥ 80%" in meta and "dự thảo" not in meta


def test_suggestion_is_shown_beside_the_degree_and_never_written_into_it(qtbot, window_2026):
    ctx, window = window_2026
    page = window.open_page("EntryPage")
    level = page.rows[("XMC_MUC_DO", None)]
    assert level.level_note.isHidden()  # no rates yet: nothing to suggest
    page.rows[("XMC1_15_35", None)].numerator.setText("850")
    page.rows[("XMC1_15_35", None)].denominator.setText("1.000")
    assert "Gợi ý theo NĐ 20/2014: chưa đạt" in level.level_note.text()  # 85% < 90%
    page.rows[("XMC1_15_35", None)].numerator.setText("950")
    assert "Gợi ý theo NĐ 20/2014: mức độ 1" in level.level_note.text()
    page.rows[("XMC2_15_60", None)].numerator.setText("3.700")
    page.rows[("XMC2_15_60", None)].denominator.setText("4.000")
    assert "Gợi ý theo NĐ 20/2014: mức độ 2" in level.level_note.text()
    assert not level.level_note.isHidden()
    assert level.level.currentData() is None  # still "chưa báo cáo": the suggestion wrote nothing

    # The recognised degree is what the decision says, even below the suggestion.
    level.level.setCurrentIndex(level.level.findData(1))
    level.decision_no.setText("12/QĐ-UBND")
    level.decision_date.setText("01/03/2024")
    type_text(level.decision_body, "UBND huyện Đắk Glei")
    assert "mức độ 2" in level.level_note.text() and level.level.currentData() == 1
    assert window.save_current() is True
    settle_operations(ctx)  # the save runs on the writer; the form does not wait
    saved = _stored(ctx)[("XMC_MUC_DO", None)]
    assert (saved.value, saved.decision_no, saved.decision_date) == (1, "12/QĐ-UBND", "2024-03-01")
    assert saved.decision_body == unicodedata.normalize("NFC", "UBND huyện Đắk Glei")

    page.refresh()  # reloaded from the database: the degree and its decision come back as typed
    level = page.rows[("XMC_MUC_DO", None)]
    assert level.level.currentData() == 1
    assert (level.decision_no.text(), level.decision_date.text()) == ("12/QĐ-UBND", "01/03/2024")
    assert not page.has_unsaved_changes()


def test_a_degree_without_its_decision_is_refused_and_nothing_is_saved(qtbot, window_2026, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "warn", lambda parent, text, details="": shown.append((text, details)))
    ctx, window = window_2026
    page = window.open_page("EntryPage")
    level = page.rows[("PCTH_MUC_DO", None)]
    level.level.setCurrentIndex(level.level.findData(2))
    assert level.decision_no.property("severity") == "error"
    assert level.decision_date.property("severity") == "error"
    assert "mức độ 2 cần số quyết định công nhận" in level.message.text()
    page.rows[("TRE6_VAO_LOP1", None)].numerator.setText("96")
    page.rows[("TRE6_VAO_LOP1", None)].denominator.setText("100")
    assert window.save_current() is False
    assert shown and "không có số liệu nào được ghi" in shown[0][0]
    assert _stored(ctx) == {}

    level.decision_date.setText("31/02/2024")  # no such day
    assert level.decision_date.property("severity") == "error"
    assert "không phải là ngày" in level.message.text()


def test_a_lapsed_learning_community_recognition_is_shown_as_such(qtbot, window_2026):
    ctx, window = window_2026
    page = window.open_page("EntryPage")
    cdht = page.rows[("CDHT_XA_MUC_DO", None)]
    cdht.level.setCurrentIndex(cdht.level.findData(1))
    cdht.decision_no.setText("45/QĐ-PGDĐT")
    cdht.decision_date.setText("10/05/2022")
    cdht.decision_body.setText("Phòng GD&ĐT huyện Đắk Glei")
    note = cdht.level_note.text()
    assert "đã hết hiệu lực từ 10/05/2025" in note and "kỳ này tính là chưa đạt" in note
    assert cdht.level.currentData() == 1  # the recognised degree stays what was entered
    # No thresholds are known for this rating: no suggestion.
    assert "Gợi ý" not in note

    cdht.decision_date.setText("10/05/2025")
    assert "còn hiệu lực đến hết 09/05/2028" in cdht.level_note.text()
    ctx.set_period(Period(2028, 0))
    cdht = page.rows[("CDHT_XA_MUC_DO", None)]
    cdht.level.setCurrentIndex(cdht.level.findData(2))
    cdht.decision_date.setText("10/05/2025")
    assert "đã hết hiệu lực từ 10/05/2028" in cdht.level_note.text()


def _save(db, key, period, *entries):
    from xhht_desktop.db import units_repo

    values_repo.save_entries(db, units_repo.unit_by_key(db, key).id, period, list(entries), actor="t", origin="t")


def _recognised(code, degree, day="2024-03-01"):
    return Entry(code, None, value=degree, decision_no="12/QĐ-UBND", decision_date=day,
                 decision_body="UBND huyện Đắk Glei")


def test_dashboard_2026_judges_against_2030_shows_both_years_drafts_and_degrees(qtbot, new_commune_db, db_path):
    _save(new_commune_db, NEW_PEK, "2026", _recognised("XMC_MUC_DO", 2),
          _recognised("CDHT_XA_MUC_DO", 1, day="2022-05-10"),  # lapsed on 10/05/2025
          Entry("CDHT_CBCC_DVHT", None, 70, 100), Entry("GIA_DINH_HOC_TAP", None, 700, 1000))
    ctx, window = _window(qtbot, db_path, new_commune_db, Period(2026, 0))
    page = window.open_page("DashboardPage")
    assert "so với mục tiêu năm 2030" in page.subheading.text()
    assert "Đề án XHHT 2021–2030" in page.subheading.text()

    level = page.rows["XMC_MUC_DO"]
    assert level.value.text() == "Mức độ 2"
    assert level.targets.text() == "2025: ≥ mức độ 2<br><b>2030: — (dự thảo)</b>"
    assert "mục tiêu 2030: mục tiêu dự thảo, chưa được Sở xác nhận" in level.detail.text()
    assert level.gap.text() == "mục tiêu 2030 là dự thảo"
    assert level.bar.value == pytest.approx(100.0)  # degree 2 of a 0–2 scale
    assert level.bar.toolTip() == "Mức độ 2 trên thang 0–2"

    lapsed = page.rows["CDHT_XA_MUC_DO"]
    assert lapsed.value.text() == "Chưa đạt"
    assert "công nhận mức độ 1 đã hết hiệu lực" in lapsed.detail.text()

    # 70% against 2030's confirmed 80% (not 2025's 60%): short by 10 points.
    cbcc = page.rows["CDHT_CBCC_DVHT"]
    assert cbcc.targets.text() == "2025: ≥ 60%<br><b>2030: ≥ 80%</b>"
    assert cbcc.chip.text() == "Chưa đạt" and "thiếu 10,00 điểm" in cbcc.gap.text()
    assert "dự thảo" not in cbcc.detail.text()

    families = page.rows["GIA_DINH_HOC_TAP"]
    assert families.targets.text() == "2025: ≥ 80%<br><b>2030: — (dự thảo)</b>"
    assert families.value.text() == "70,00%"

    # 2025 is judged against 2025: the same commune's figures then read against the 2025 targets.
    ctx.set_period(Period(2025, 0))
    assert "so với mục tiêu năm 2025" in page.subheading.text()
    assert page.rows["XMC_MUC_DO"].targets.text() == "<b>2025: ≥ mức độ 2</b><br>2030: — (dự thảo)"


def test_department_dashboard_shows_shares_of_communes_at_each_degree(qtbot, db, db_path):
    init_installation_by_key(db, "department", "51@2025-07-01", "Phòng GDTX", "Sở GD&ĐT")
    _save(db, NEW_PEK, "2026", _recognised("XMC_MUC_DO", 2), _recognised("CDHT_XA_MUC_DO", 1, day="2022-05-10"))
    _save(db, "23293@2025-07-01", "2026", _recognised("XMC_MUC_DO", 1),
          _recognised("CDHT_XA_MUC_DO", 2, day="2025-01-10"))
    _save(db, "23284@2025-07-01", "2026", Entry("XMC_MUC_DO", None, value=0))
    _save(db, "51@2025-07-01", "2026", _recognised("TINH_HOC_TAP", 1))
    ctx, window = _window(qtbot, db_path, db, Period(2026, 0))
    page = window.open_page("DashboardPage")
    qtbot.waitUntil(lambda: not page.busy and "XMC_MUC_DO" in page.rows, timeout=10000)

    xmc = page.rows["XMC_MUC_DO"]
    # Degrees 2, 1 and 0 among three communes: 2/3 at level 1 or more, 1/3 at level 2.
    assert "mức 1 trở lên: 66,67%" in xmc.detail.text() and "mức 2 trở lên: 33,33%" in xmc.detail.text()
    assert xmc.value.text() == "33,33%\ntừ mức 2"
    assert "3/96 đơn vị đã báo cáo" in xmc.detail.text()
    # The lapsed recognition counts as 0: one of two communes at level 1 or more.
    cdht = page.rows["CDHT_XA_MUC_DO"]
    assert "mức 1 trở lên: 50,00%" in cdht.detail.text()
    assert cdht.gap.text() == "chưa có mức độ được công nhận của đơn vị mình"
    assert page.rows["TINH_HOC_TAP"].value.text() == "Mức độ 1"  # the province's own recognised degree


def test_a_target_the_department_confirmed_is_no_longer_marked_draft(qtbot, window_2026):
    ctx, window = window_2026
    page = window.open_page("EntryPage")
    assert "2030: — (dự thảo)" in page._meta_labels["GIA_DINH_HOC_TAP"].text()
    from xhht_desktop.db.reference import set_target

    set_target(ctx.db, "XHHT2130", "GIA_DINH_HOC_TAP", 2030, 90, actor="Sở GD&ĐT")
    ctx.notify_data_changed()
    meta = page._meta_labels["GIA_DINH_HOC_TAP"].text()
    assert "2025: ≥ 80% · 2030: ≥ 90%" in meta and "dự thảo" not in meta
    dashboard = window.open_page("DashboardPage")
    assert dashboard.rows["GIA_DINH_HOC_TAP"].targets.text() == "2025: ≥ 80%<br><b>2030: ≥ 90%</b>"


def test_2021_is_not_compared_with_2020_of_the_other_programme(qtbot, commune_db, db_path):
    from xhht_desktop.db import units_repo

    pek = units_repo.find_unit(commune_db, "23353", Period(2020, 0))
    values_repo.save_entries(commune_db, pek.id, "2020", [Entry("TUAN_LE_HTSD", None, value=1)], actor="t", origin="t")
    ctx, window = _window(qtbot, db_path, commune_db, Period(2020, 0))
    page = window.open_page("EntryPage")
    ctx.set_period(Period(2021, 0))
    assert page.rows[("TUAN_LE_HTSD", None)].previous.text() == "—"  # plan 2780's week is not the 2021 one
    ctx.set_period(Period(2020, 0))
    assert page.rows[("TUAN_LE_HTSD", None)].flag.currentData() == 1


def test_a_district_in_2022_is_told_it_enters_nothing_of_the_2021_2030_programme(qtbot, db, db_path):
    from xhht_desktop.installation import init_installation

    init_installation(db, "district", "610", "Phòng GD&ĐT", "Chuyên viên")
    ctx, window = _window(qtbot, db_path, db, Period(2022, 0))
    page = window.open_page("EntryPage")
    assert page.rows == {} and page.tabs.isHidden() and not page.empty_note.isHidden()
    assert "không có chỉ tiêu nào do cấp huyện nhập" in page.empty_note.text()
    assert "tổng hợp từ các đơn vị cấp dưới" in page.empty_note.text()
    ctx.set_period(Period(2020, 0))  # plan 2780 has district indicators
    assert page.rows and not page.tabs.isHidden() and page.empty_note.isHidden()


def test_a_half_year_of_the_2021_2030_programme_points_to_the_year(qtbot, window_2026):
    ctx, window = window_2026
    page = window.open_page("EntryPage")
    ctx.set_period(Period(2026, 1))
    assert page.rows == {} and not page.empty_note.isHidden()
    assert "báo cáo theo năm: chọn kỳ «Cả năm 2026»" in page.empty_note.text()
    dashboard = window.open_page("DashboardPage")
    assert "báo cáo theo năm: chọn kỳ «Cả năm 2026»" in dashboard.subheading.text()
    window.open_page("EntryPage")
    ctx.set_period(Period(2026, 0))
    assert ("XMC_MUC_DO", None) in page.rows and page.empty_note.isHidden()
