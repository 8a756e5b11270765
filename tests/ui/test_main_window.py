"""The main window: unit and period on top, pages by role, unsaved-changes prompts, start-up."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.periods import Period
from ui import main_window as mw
from ui.widgets import messages

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("warn", "info", "error", "confirm", "ask_save_changes"):
        monkeypatch.setattr(messages, name, unexpected)


@pytest.fixture
def answers(monkeypatch):
    """Scripted answers to "Lưu / Không lưu / Hủy"; records each time the official is asked."""
    state = {"answer": messages.CANCEL, "asked": 0}

    def ask(parent, what=""):
        state["asked"] += 1
        return state["answer"]

    monkeypatch.setattr(messages, "ask_save_changes", ask)
    return state


@pytest.fixture
def main_window(qtbot, commune_db, db_path):
    from ui.app import create_main_window

    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 0))
    return ctx, window


def _choose_period(window, code: str) -> None:
    """The official picks the year, then the part (6 tháng đầu, 6 tháng cuối, cả năm)."""
    from xhht_desktop.domain.periods import parse_period

    window.period_picker.choose(parse_period(code))


def _type_figure(window):
    page = window.open_page("EntryPage")
    page.rows[("XMC_15_60", None)].numerator.setText("70")
    page.rows[("XMC_15_60", None)].denominator.setText("100")
    return page


def _stored(ctx, code):
    return values_repo.load_entries(ctx.db, ctx.installation.unit.id, code)


def test_header_shows_unit_and_period_labels(qtbot, main_window):
    ctx, window = main_window
    assert window.unit_label.text() == "Xã Đắk Pék"
    assert "Mã 23353" in window.unit_detail.text() and "Huyện Đắk Glei" in window.unit_detail.text()
    picker = window.period_picker
    years = [picker.year.itemText(i) for i in range(picker.year.count())]
    assert years[0] == "2013" and years[-1] == "2025" and "" not in years
    assert (picker.year.currentText(), picker.part.currentText()) == ("2014", "Cả năm")
    parts = [picker.part.itemText(i) for i in range(picker.part.count())]
    assert parts == ["6 tháng đầu", "6 tháng cuối", "Cả năm"]  # three items, none blank
    # 2013: the second half and the year; Đắk Pék exists until 30/06/2025: it reports 2025-H1, not
    # the year 2025 (which ends after it).
    assert picker.parts(2013) == [2, 0] and picker.parts(2025) == [1]
    picker.year.setCurrentIndex(years.index("2025"))
    assert [picker.part.itemText(i) for i in range(picker.part.count())] == ["6 tháng đầu"]
    # The other pages are imported right after the first paint.
    qtbot.waitUntil(lambda: window.sidebar.count() >= 2, timeout=5000)
    assert [window.sidebar.item(i).text() for i in range(2)] == ["Tổng quan", "Nhập số liệu"]


def test_period_change_with_unsaved_edits_can_be_cancelled(main_window, answers):
    ctx, window = main_window
    page = _type_figure(window)
    answers["answer"] = messages.CANCEL
    _choose_period(window, "2015")
    assert answers["asked"] == 1
    assert ctx.period == Period(2014, 0)
    assert window.period_picker.period() == Period(2014, 0)
    assert (window.period_picker.year.currentText(), window.period_picker.part.currentText()) == ("2014", "Cả năm")
    assert page.rows[("XMC_15_60", None)].numerator.text() == "70"  # edits kept
    assert page.has_unsaved_changes()


def test_period_change_discarding_edits(main_window, answers):
    ctx, window = main_window
    page = _type_figure(window)
    answers["answer"] = messages.DISCARD
    _choose_period(window, "2015")
    assert ctx.period == Period(2015, 0)
    assert _stored(ctx, "2014") == {}
    assert not page.has_unsaved_changes()
    assert page.rows[("XMC_15_60", None)].numerator.text() == ""


def test_period_change_saving_edits(main_window, answers):
    ctx, window = main_window
    _type_figure(window)
    answers["answer"] = messages.SAVE
    _choose_period(window, "2015")
    assert ctx.period == Period(2015, 0)
    assert _stored(ctx, "2014")[("XMC_15_60", None)].numerator == 70


def test_no_question_without_edits(main_window, answers):
    ctx, window = main_window
    window.open_page("EntryPage")
    _choose_period(window, "2014-H1")
    assert answers["asked"] == 0 and ctx.period == Period(2014, 1)


def test_closing_with_unsaved_edits_asks_first(main_window, answers):
    ctx, window = main_window
    _type_figure(window)
    answers["answer"] = messages.CANCEL
    assert window.close() is False
    assert window.isVisible()
    answers["answer"] = messages.SAVE
    assert window.close() is True
    assert _stored(ctx, "2014")[("XMC_15_60", None)].denominator == 100


def test_default_period_is_where_the_official_left_off(commune_db):
    unit = units_repo.find_unit(commune_db, "23353")
    today = dt.date(2026, 11, 27)
    # Nothing entered yet: the last half-year the commune existed in.
    assert mw.default_period(commune_db, unit, today) == Period(2025, 1)
    from xhht_desktop.domain.values import Entry
    values_repo.save_entries(commune_db, unit.id, "2016-H2", [Entry("XMC_15_60", None, 5, 10)], actor="t", origin="t")
    assert mw.default_period(commune_db, unit, today) == Period(2016, 2)
    new_unit = units_repo.units_with_code(commune_db, "23293")[-1]  # Phường Kon Tum, from 01/07/2025
    assert mw.default_period(commune_db, new_unit, today) == Period(2026, 2)
    assert mw.selectable_periods(new_unit, today)[0] == Period(2025, 2)


def test_pages_are_registered_statically_and_a_missing_or_broken_one_is_not_hidden(tmp_path, monkeypatch):
    (tmp_path / "xhht_test_pages_broken.py").write_text("import xhht_no_such_dependency\n", encoding="utf-8")
    (tmp_path / "xhht_test_pages_dept.py").write_text(textwrap.dedent("""
        from ui.pages.base import Page
        class DeptOnly(Page):
            title = "Hợp nhất"
            roles = frozenset({"department"})
    """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pages = [("ui.pages.dashboard", "DashboardPage"), ("xhht_test_pages_dept", "DeptOnly")]
    assert [s.class_name for s in mw.load_page_specs("commune", pages)] == ["DashboardPage"]
    assert [s.class_name for s in mw.load_page_specs("department", pages)] == ["DashboardPage", "DeptOnly"]
    # A page listed but missing is a bug, not a feature left out of the build: never skipped silently.
    missing = [("ui.pages.not_written_yet", "Later")]
    with pytest.raises(ModuleNotFoundError):
        mw.load_page_specs("commune", missing, strict=True)
    (spec,) = mw.load_page_specs("commune", missing)
    assert spec.cls is None and "not_written_yet" in spec.error
    # Every page of the registry imports.
    assert all(s.cls is not None for s in mw.load_page_specs("department", strict=True))
    broken = [("xhht_test_pages_broken", "Broken")]
    with pytest.raises(ModuleNotFoundError):
        mw.load_page_specs("commune", broken, strict=True)
    specs = mw.load_page_specs("commune", broken)
    assert specs[0].cls is None and "xhht_no_such_dependency" in specs[0].error


def test_newer_database_is_refused_with_a_message_and_left_untouched(tmp_path, monkeypatch, qapp):
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA user_version=999")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, text, details="": shown.append(text))
    from ui import app

    run = app.run

    assert run(["--db", str(path)]) == 1
    assert shown and "phiên bản XHHT Desktop mới hơn" in shown[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_self_test_exits_zero():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "self-test: OK" in done.stdout


# ---- Excel: export the template, import it back with a preview --------------------------------

def _fill_template(path: Path, figures: dict[str, tuple]) -> None:
    """Write (Tử số, Mẫu số, Giá trị, Ghi chú) into the rows of the given codes."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["ChiTieu"]
    header_row, cols = None, {}
    for row in ws.iter_rows():
        titles = {c.value: c.column for c in row if isinstance(c.value, str)}
        if {"Mã", "Tử số", "Mẫu số", "Giá trị"} <= titles.keys():
            header_row, cols = row[0].row, titles
            break
    for r in range(header_row + 1, ws.max_row + 1):
        code = ws.cell(row=r, column=cols["Mã"]).value
        if code in figures:
            for title, value in zip(("Tử số", "Mẫu số", "Giá trị", "Ghi chú"), figures[code]):
                ws.cell(row=r, column=cols[title]).value = value
    wb.save(path)


def test_export_then_import_the_excel_template_with_preview(qtbot, main_window, monkeypatch, tmp_path):
    ctx, window = main_window
    out = tmp_path / "bieu nhap.xlsx"
    monkeypatch.setattr(messages, "save_file_name", lambda *a: str(out))
    window.export_template_action.trigger()
    qtbot.waitUntil(out.exists, timeout=10_000)

    comment = "Số liệu của thôn Đắk Xú"
    _fill_template(out, {"XMC_15_60": (900, 1000, None, comment), "GIA_DINH_HIEU_HOC": (None, None, 7, None)})
    infos = []
    monkeypatch.setattr(messages, "info", lambda parent, text, details="": infos.append(text))
    from ui.dialogs.xlsx_import import XlsxImportDialog

    dialog = XlsxImportDialog(ctx, window, path=str(out))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert "Tệp hợp lệ" in dialog.status.text()
    rows = {(r.entry.indicator, r.entry.breakdown): r for r in dialog.model.rows}
    assert rows[("XMC_15_60", None)].changes and not rows[("XMC_15_60", None)].problems
    assert _stored(ctx, "2014") == {}  # the check wrote nothing
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.applied_result is not None, timeout=10_000)
    stored = _stored(ctx, "2014")
    assert (stored[("XMC_15_60", None)].numerator, stored[("XMC_15_60", None)].comment) == (900, comment)
    assert stored[("GIA_DINH_HIEU_HOC", None)].value == 7
    assert infos and "2014" in infos[0]
    dashboard = window.page_by_class("DashboardPage")
    window.open_page("DashboardPage")
    assert dashboard.rows["XMC_15_60"].value.text() == "90,00%"


def test_a_workbook_with_an_error_is_previewed_and_cannot_be_imported(qtbot, main_window, tmp_path):
    ctx, window = main_window
    from xhht_desktop.io.xlsx_entry import write_template
    from ui.dialogs.xlsx_import import XlsxImportDialog

    path = write_template(ctx.db, ctx.installation.unit, "2014", tmp_path / "bieu.xlsx")
    _fill_template(path, {"XMC_15_60": (1200, 1000, None, None), "XMC_15_35": (50, 60, None, None)})
    dialog = XlsxImportDialog(ctx, window, path=str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert not dialog.import_button.isEnabled()
    assert "lỗi" in dialog.status.text()
    assert "1.200 lớn hơn mẫu số (1.000)" in dialog.problems.toPlainText()
    bad = next(r for r in dialog.model.rows if r.entry.key == ("XMC_15_60", None))
    assert bad.problems
    dialog.apply()  # even if called, nothing happens with problems
    assert _stored(ctx, "2014") == {}


def test_a_page_hidden_behind_another_reloads_when_it_is_shown_again(main_window):
    """A change re-reads the page on screen at once; one behind it when it is shown next (a merge
    or a print made every page re-read its lists on the GUI thread)."""
    from xhht_desktop.db import meta

    ctx, window = main_window
    settings = window.open_page("SettingsPage")
    assert settings.official_edit.text() != "Nguyễn Văn Bình"
    window.open_page("DashboardPage")
    meta.put(ctx.db, "official_name", "Nguyễn Văn Bình")
    ctx.data_changed.emit()
    assert settings.official_edit.text() != "Nguyễn Văn Bình"  # not while hidden…
    window.open_page("SettingsPage")
    assert settings.official_edit.text() == "Nguyễn Văn Bình"  # …but as soon as it is shown
    meta.put(ctx.db, "official_name", "Y Blong")
    ctx.data_changed.emit()
    assert settings.official_edit.text() == "Y Blong"  # the page on screen: at once
