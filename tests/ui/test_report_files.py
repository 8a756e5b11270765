"""Windows file rules on the Reports page (issue 13 point 5): the preview lets go of its PDF before
the same report is written again, and «Lưu thành…» copies in a worker through the one storage
function, explaining a target that is open in another program.

Windows's behaviour is simulated: os.replace onto a file that is open (here: the preview's
document is loaded) fails with a sharing violation, as MoveFileEx does."""

from __future__ import annotations

import errno
import os
import threading

import pytest
from PySide6.QtPdf import QPdfDocument

from xhht_desktop import storage
from xhht_desktop.db import values_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import Entry
from ui.context import AppContext
from ui.dialogs import report_print
from ui.widgets import messages

IN_USE = "Tệp đang mở trong chương trình khác (Excel, trình đọc PDF…): hãy đóng tệp rồi thử lại"


def _sharing_violation() -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by "
                                        "another process")
    exc.winerror = 32
    return exc


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "error", lambda parent, text, details="": shown.append((text, details)))
    return shown


@pytest.fixture
def page(qtbot, commune_db, db_path, errors, monkeypatch):
    from ui.pages.reports import ReportsPage

    monkeypatch.setattr(storage, "RETRY_SECONDS", 0.2)
    u = commune_db.conn.execute("SELECT id FROM units WHERE code='23353'").fetchone()[0]
    values_repo.save_entries(commune_db, u, "2014-H2", [Entry("XMC_15_60", None, 1166795, 1193042)],
                             actor="t", origin="t")
    p = ReportsPage(AppContext(commune_db, db_path, Period(2014, 2)))
    qtbot.addWidget(p)
    p.show()
    return p


@pytest.fixture
def preview_locks(monkeypatch, page):
    """os.replace fails like Windows while the preview holds the destination open."""
    real = os.replace
    refused = []

    def replace(src, dest):
        if page.current_path is not None and os.fspath(dest) == str(page.current_path) \
                and page.document.status() == QPdfDocument.Status.Ready:
            refused.append(dest)
            raise _sharing_violation()
        return real(src, dest)

    monkeypatch.setattr(storage.os, "replace", replace)
    return refused


def make(qtbot, page):
    page.make_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    return page.current_path


def test_the_preview_lets_go_before_the_same_report_is_written_again(qtbot, page, errors, preview_locks):
    first = make(qtbot, page)
    assert page.document.status() == QPdfDocument.Status.Ready
    before = first.stat().st_mtime_ns
    second = make(qtbot, page)
    assert errors == [] and preview_locks == []
    assert second == first and second.stat().st_mtime_ns >= before
    assert page.document.status() == QPdfDocument.Status.Ready and page.document.pageCount() >= 1
    assert sorted(os.listdir(first.parent)) == [first.name]


def test_without_letting_go_windows_would_refuse(qtbot, page, errors, preview_locks, monkeypatch):
    """The simulation bites: with the release skipped, the second write fails — and says why."""
    first = make(qtbot, page)
    monkeypatch.setattr(report_print, "release_preview", lambda document: None)
    make(qtbot, page)
    assert preview_locks and errors
    assert IN_USE in page.status.text() and "chỉ đọc" not in page.status.text()
    assert page.document.status() == QPdfDocument.Status.Ready  # the old report is still shown
    assert sorted(os.listdir(first.parent)) == [first.name]  # no temp file left


def test_save_as_runs_in_a_worker_and_explains_a_target_open_elsewhere(qtbot, page, errors, tmp_path,
                                                                         monkeypatch):
    source = make(qtbot, page)
    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / "ban-sao.pdf"
    target.write_bytes(b"old copy")
    threads = []
    real_copy = storage.copy_file_atomically

    def copy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real_copy(*args, **kwargs)

    monkeypatch.setattr(storage, "copy_file_atomically", copy)
    real_replace = os.replace

    def replace(src, dest):
        if os.fspath(dest) == str(target):
            raise _sharing_violation()  # open in a PDF reader
        return real_replace(src, dest)

    monkeypatch.setattr(storage.os, "replace", replace)
    monkeypatch.setattr(messages, "save_file_name", lambda *a, **k: str(target))
    page.save_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert threads == [False]  # copied off the GUI thread
    assert errors[0][0] == "Không lưu được bản sao."
    assert IN_USE in errors[0][1] and "chỉ đọc" not in errors[0][1]
    assert target.read_bytes() == b"old copy"
    assert sorted(os.listdir(usb)) == ["ban-sao.pdf"]
    # Closed in the reader: the same button now works.
    monkeypatch.setattr(storage.os, "replace", real_replace)
    page.save_button.click()
    qtbot.waitUntil(lambda: "Đã lưu bản sao" in page.status.text(), timeout=10000)
    assert target.read_bytes() == source.read_bytes()
