"""The core's errors reach the English interface in English (issue 14, point 8): a value out of range
on the entry form (beside the field and in the refusal box), a bad key file, a locked database, a
package rejected on the merge page. What the user sees is scanned with the English scan's detector:
nothing Vietnamese but proper names and the user's data."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.core.test_security_files import HOLDER
from tests.core.test_sync_fixtures import PEK, department, sender
from tests.ui.test_english_scan import VIETNAMESE, _allowed, _texts, _vietnamese_left
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import get_installation
from ui import i18n
from ui.context import AppContext
from ui.widgets import messages


@pytest.fixture(autouse=True)
def tasks_ended(qtbot):
    """Every background task of the test has ended before its widgets are closed: a task left running
    would keep its thread (and a later test's `_finish_running_tasks`) waiting."""
    yield
    from ui import tasks

    qtbot.waitUntil(lambda: not any(t.thread.isRunning() for t in list(tasks._live)), timeout=30000)


@pytest.fixture
def english():
    i18n.install_language("en")
    yield
    i18n.install_language("vi")


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes recorded (kind, text, details) instead of shown."""
    seen: list[tuple[str, str, str]] = []
    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda parent, text, details="", _n=name: seen.append((_n, text, details)))
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(messages, "ask_save_changes", lambda *a, **k: messages.DISCARD)
    return seen


def _vietnamese(texts, allowed) -> list[str]:
    return [t for t in texts if _vietnamese_left(t, allowed)]


@pytest.fixture
def commune_window(qtbot, commune_db, db_path, english, monkeypatch):
    from ui.app import create_main_window

    monkeypatch.setenv("XHHT_BUSY_TIMEOUT", "0.3")  # the writer's connection, opened at the first write
    ctx, window = create_main_window(db_path, commune_db)
    qtbot.addWidget(window)
    window.show()
    ctx.set_period(Period(2014, 0))
    return ctx, window, _allowed(commune_db, get_installation(commune_db))


def test_value_out_of_range_on_the_entry_form_in_english(qtbot, commune_window, boxes):
    ctx, window, allowed = commune_window
    page = window.open_page("EntryPage")
    row = page.rows[("XMC_15_60", None)]
    row.numerator.setText("1.300")
    row.denominator.setText("1.200")
    page.validate()
    beside = row.message.text()
    assert "Numerator: 1.300 is larger than the denominator (1.200)." in beside
    assert row.message.toolTip() == "XMC_15_60 (Total) – numerator: 1.300 is larger than the denominator (1.200)."
    assert not _vietnamese([beside, row.message.toolTip()], allowed)

    assert page.save() is False
    [(kind, text, details)] = boxes
    assert kind == "warn"
    assert details == "XMC_15_60 (Total) – numerator: 1.300 is larger than the denominator (1.200)."
    assert not _vietnamese([text, details], allowed)

    row.numerator.setText("12,5")  # not a whole number: refused before the core sees it
    page.validate()
    assert "must be a whole number (of people), not «12,5»" in row.message.text()
    boxes.clear()
    assert page.save() is False
    [(kind, text, details)] = boxes
    assert "XMC_15_60 (Total) – numerator: must be a whole number (of people), not «12,5»." in details
    assert not _vietnamese([text, details], allowed)
    # The whole page as the user sees it now.
    assert not _vietnamese([t for _w, t in _texts(page)], allowed)


def test_a_locked_database_is_said_in_english(qtbot, commune_window, boxes, db_path):
    ctx, window, allowed = commune_window
    page = window.open_page("EntryPage")
    row = page.rows[("XMC_15_60", None)]
    row.numerator.setText("1.150")
    row.denominator.setText("1.200")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), "write"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert page.save() is True  # under way on the writer: the form does not wait
        qtbot.waitUntil(lambda: page.pending_save is None, timeout=30000)  # the error comes back
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
    [(kind, text, details)] = boxes
    assert kind == "error"
    assert text == "Not saved: the database could not be written, no figures were saved."
    assert details.startswith("The database is being written by another program (another XHHT Desktop window "
                              "or a command running). Waited 0.3 seconds")
    assert not _vietnamese([text, details], allowed)
    assert page.has_unsaved_changes()  # the figures are still on the form
    assert page.save() is True  # the lock gone, the same figures save
    qtbot.waitUntil(lambda: page.pending_save is None, timeout=30000)
    assert not page.has_unsaved_changes() and len(boxes) == 1


def test_a_bad_key_file_is_refused_in_english(qtbot, commune_window, boxes, tmp_path, monkeypatch):
    from ui.dialogs.sync_keys import trust_department_from_file

    ctx, window, allowed = commune_window
    bad = tmp_path / "khoa-cua-so.pub"
    bad.write_text("# khóa của Sở\nkhông phải khóa age\n", encoding="utf-8")
    monkeypatch.setattr(messages, "open_file_name", lambda *a: str(bad))
    assert trust_department_from_file(window, ctx) is None
    [(kind, text, details)] = boxes
    assert kind == "warn" and details == ("This file is not the Department's public key (it needs exactly one "
                                          "«age1…» line).")
    assert not _vietnamese([text, details], allowed)
    big = tmp_path / "lon.pub"
    big.write_bytes(b"#" * (64 * 1024 + 1))
    monkeypatch.setattr(messages, "open_file_name", lambda *a: str(big))
    boxes.clear()
    assert trust_department_from_file(window, ctx) is None
    assert boxes[0][2] == "File «lon.pub» is too large to be a key file."


def test_a_rejected_package_on_the_merge_page_in_english(qtbot, tmp_path, english, boxes):
    from ui.pages.merge import MergePage

    dept = department(tmp_path)
    pek = sender(tmp_path, dept, "commune", PEK)
    try:
        pek.save("2014-H1", Entry("XMC_15_60", None, 1150, 1200))
        good = pek.export(tmp_path / "usb")
        cut = tmp_path / "usb" / "XHHT_cut.xhht"
        cut.write_bytes(good.read_bytes()[:-10])
        ctx = AppContext(dept.db, dept.path, Period(2014, 1))
        page = MergePage(ctx)
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()
        qtbot.waitUntil(ctx.idle, timeout=30000)
        page.add_paths([good, cut])
        page.run_merge(dry_run=True)
        qtbot.waitUntil(lambda: page.task is None, timeout=30000)
        qtbot.waitUntil(ctx.idle, timeout=30000)
        qtbot.waitUntil(lambda: page.lists_task is None, timeout=30000)  # the lists read again in a worker
        allowed = _allowed(dept.db, get_installation(dept.db)) + ["Xã Đắk Pék"]
        rows = {p.file: i for i, p in enumerate(page.report.packages)}
        assert page.report.packages[rows[cut.name]].status == "rejected"
        seen = []
        for name, r in rows.items():
            page.preview.selectRow(r)
            page._show_details(r)
            seen.append(page.details.text())
            seen += [str(page.preview_model.index(r, c).data(3) or "") for c in range(page.preview_model.columnCount())]
        assert any(t.startswith("A new sending installation for Xã Đắk Pék") for t in seen)
        assert "Will be refused" in [page.preview_model.index(r, 0).data() for r in rows.values()]
        seen += [t for _w, t in _texts(page)]
        assert not _vietnamese(seen, allowed), _vietnamese(seen, allowed)
        assert "Will be refused: 1 packages" in page.summary.text()
        assert not [b for b in boxes if b[0] == "error"]
        page.close()
    finally:
        pek.close()
        dept.close()


def test_the_activity_and_centre_dialogs_say_what_is_wrong_in_english(qtbot, english):
    """The learning-centre rules (clc/domain.py) reach the dialogs' "Chưa lưu được" list as codes,
    worded in the interface language."""
    import datetime as dt

    from ui.dialogs.clc_activity import ClcActivityDialog
    from ui.dialogs.clc_centre import ClcCentreDialog
    from xhht_desktop.clc import domain as clc

    _a, errors = clc.build_activity({"date": "31/02/2026", "sessions": "0", "visits": "3", "women": "9"},
                                    today=dt.date(2026, 12, 5))
    dialog = ClcActivityDialog(None, save=lambda values: errors, centre_name="TTHTCĐ")
    qtbot.addWidget(dialog)
    dialog.show_errors(errors)
    text = dialog.errors.text()
    assert "Date: «31/02/2026» is not a real date." in text and "Women: 9 is more than Learner visits (3)." in text
    assert not VIETNAMESE.search(text), text

    _c, centre_errors = clc.build_centre({"name": "", "combined_culture": 5})
    centre = ClcCentreDialog(None, save=lambda values: centre_errors, centre=None, default_name="TTHTCĐ")
    qtbot.addWidget(centre)
    assert centre.submit() is False
    shown = centre.errors.text()
    assert "Centre name: not entered (required)." in shown
    assert "Combined with the commune's culture and sports centre: takes yes/no only." in shown
    assert not VIETNAMESE.search(shown), shown
