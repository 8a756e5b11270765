"""The Reports page: generate in a worker, preview, print through the dialog, open, save as."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from xhht_desktop.db import values_repo
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import Entry
from xhht_desktop.installation import init_installation
from ui.context import AppContext
from ui.dialogs import report_print
from ui.widgets import messages

SCREENS = Path("/work/notes/screens")


@pytest.fixture
def page(qtbot, commune_db, db_path, monkeypatch):
    from ui.pages.reports import ReportsPage

    u = commune_db.conn.execute("SELECT id FROM units WHERE code='23353'").fetchone()[0]
    values_repo.save_entries(commune_db, u, "2014-H2", [Entry("XMC_15_60", None, 1166795, 1193042)],
                             actor="t", origin="t")
    monkeypatch.setattr(messages, "error", lambda *a, **k: pytest.fail(f"error shown: {a}"))
    ctx = AppContext(commune_db, db_path, Period(2014, 2))
    p = ReportsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    return p


def make(qtbot, page):
    page.make_button.click()
    qtbot.waitUntil(lambda: page.task is None and page.current_path is not None, timeout=30000)
    return page.current_path


def test_progress_sheet_is_made_in_the_reports_folder_and_previewed(qtbot, page, db_path):
    assert page.kind.count() == 1  # a commune prints its progress sheet
    assert page.period.currentData() == "2014-H2"
    path = make(qtbot, page)
    assert path == Path(db_path).parent / "reports" / "phieu-tien-do_23353_2014-H2.pdf"
    assert path.exists()
    assert page.document.status() == QPdfDocument.Status.Ready and page.document.pageCount() >= 1
    assert page.print_button.isEnabled() and page.open_button.isEnabled()
    assert str(path) in page.status.text()
    if SCREENS.parent.exists() and os.environ.get("XHHT_SCREENSHOTS"):
        SCREENS.mkdir(parents=True, exist_ok=True)
        qtbot.wait(300)
        page.grab().save(str(SCREENS / "report-page.png"))


def test_print_renders_every_page_through_the_print_dialog(qtbot, page, tmp_path, monkeypatch):
    path = make(qtbot, page)
    out = tmp_path / "printed.pdf"

    class FakeDialog:
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(150)

        def setWindowTitle(self, _):
            pass

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_print, "QPrintDialog", FakeDialog)
    labels = []
    # The frame comes first (number, date, signer); unchanged, the file is printed as it is.
    monkeypatch.setattr(report_print.FrameDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    page.print_button.click()
    page.print_task.progress.changed.connect(lambda _d, _t, text: labels.append(text))
    qtbot.waitUntil(lambda: page.print_task is None, timeout=30000)  # rendered in a worker
    assert page.status.text() == "Đã gửi bản in tới máy in."
    assert out.exists() and out.stat().st_size > 1000
    printed = QPdfDocument()
    printed.load(str(out))
    source = QPdfDocument()
    source.load(str(path))
    assert printed.pageCount() == source.pageCount()
    assert labels and labels[-1] == f"Đang in trang {source.pageCount()}/{source.pageCount()}"


def test_printing_can_be_cancelled_between_pages(qtbot, tmp_path):
    from PySide6.QtGui import QPainter, QPdfWriter

    from ui.tasks import Cancelled

    source = tmp_path / "three.pdf"
    writer = QPdfWriter(str(source))
    painter = QPainter(writer)
    for n in range(3):
        if n:
            writer.newPage()
        painter.drawText(100, 100, f"trang {n + 1}")
    painter.end()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)
    asked = []

    def progress(page, pages):
        asked.append((page, pages))
        if page == 2:  # Hủy pressed while page 1 printed
            raise Cancelled()

    with pytest.raises(Cancelled):
        report_print.print_pdf_to(printer, source, progress)
    assert asked == [(1, 3), (2, 3)]  # stopped before page 2 was drawn
    printed = QPdfDocument()
    assert printed.load(str(tmp_path / "printed.pdf")) == QPdfDocument.Error.None_
    assert printed.pageCount() == 1  # page 2 and 3 never reached the printer


def test_open_in_viewer_and_save_as(qtbot, page, tmp_path, monkeypatch):
    path = make(qtbot, page)
    opened = []
    monkeypatch.setattr(report_print.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.open_button.click()
    assert opened and opened[0].toLocalFile() == str(path)
    target = tmp_path / "ban-sao"
    monkeypatch.setattr(messages, "save_file_name", lambda *a, **k: str(target))
    page.save_button.click()  # copied in a worker (ui.dialogs.report_print.save_copy)
    qtbot.waitUntil(lambda: "Đã lưu bản sao" in page.status.text(), timeout=10000)
    assert (tmp_path / "ban-sao.pdf").read_bytes() == path.read_bytes()


def test_excel_and_district_consolidated(qtbot, commune_db, db_path, monkeypatch):
    from ui.pages.reports import ReportsPage

    init_installation(commune_db, "district", "610", "Nguyễn Văn C", "Chuyên viên")
    monkeypatch.setattr(messages, "error", lambda *a, **k: pytest.fail(f"error shown: {a}"))
    ctx = AppContext(commune_db, db_path, Period(2014, 0))
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    assert page.kind.currentData() == "consolidated"
    assert page.unit.itemData(0) == ctx.installation.unit.id
    page.kind.setCurrentIndex(page.kind.findData("progress"))
    assert page.unit.count() > 10  # the district and its communes
    page.kind.setCurrentIndex(page.kind.findData("consolidated"))
    page.format.setCurrentIndex(page.format.findData("xlsx"))
    path = make(qtbot, page)
    assert path.name == "bao-cao-tong-hop_610_2014.xlsx" and path.exists()
    assert not page.print_button.isEnabled() and page.open_button.isEnabled()


def test_frame_edited_before_printing_is_printed_and_remembered(qtbot, page, tmp_path, monkeypatch):
    """"In…" opens the frame first; a changed frame makes the paper again, then prints it."""
    import subprocess

    from xhht_desktop.reports import frame as F

    make(qtbot, page)
    out = tmp_path / "printed.pdf"
    printed_from = []
    monkeypatch.setattr(report_print, "print_pdf",
                        lambda parent, path, **_done: printed_from.append(Path(path)) or None)

    def fill(self):
        self.number.setText("27")
        self.today.setChecked(False)
        self.day.setDate(report_print.QDate(2015, 1, 5))
        self.recipients.setPlainText("Phòng Giáo dục và Đào tạo huyện Đắk Glei\nLưu: VT")
        self.signer_name.setText("A Thuận")
        self.deputy_title.setText("PHÓ CHỦ TỊCH")
        self.accept()
        return QDialog.DialogCode.Accepted if self.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(report_print.FrameDialog, "exec", fill)
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(printed_from), timeout=30000)
    text = subprocess.run(["pdftotext", "-layout", str(printed_from[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    for s in ("Số: 27/BC-UBND", "Đắk Pék, ngày 05 tháng 01 năm 2015", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "A Thuận",
              "- Lưu: VT."):
        assert s in text, s
    # Remembered for the next paper of this commune (not the number, which is offered as the running one).
    db = page.ctx.db
    unit = page.ctx.installation.unit
    again = F.frame_for(db, "progress", unit, page.selected_period())
    assert again.signer_name == "A Thuận" and again.deputy_title == "PHÓ CHỦ TỊCH" and again.day is None
    assert again.number == 27  # the same paper keeps its number


def test_a_bad_number_is_refused_in_the_dialog(qtbot, page):
    from xhht_desktop.reports import frame as F

    dialog = report_print.FrameDialog(page.chosen_frame(), page)
    qtbot.addWidget(dialog)
    dialog.number.setText("mười")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Số văn bản phải là số nguyên dương" in dialog.error.text()
    assert F.frame_for(page.ctx.db, "progress", page.ctx.installation.unit, page.selected_period()).number is None


def test_narrative_edited_in_the_app_is_printed(qtbot, page, monkeypatch):
    import subprocess

    from xhht_desktop.reports import narrative as N

    def write(self):
        self.edits["danh_gia_chung"].setPlainText("Xã đã duy trì các lớp xóa mù chữ.")
        self.edits["kien_nghi_de_xuat"].setPlainText("Đề nghị hỗ trợ tài liệu.")
        self.accept()
        return self.result()

    monkeypatch.setattr(report_print.NarrativeDialog, "exec", write)
    assert page.edit_narrative()
    unit = page.ctx.installation.unit
    assert N.load(page.ctx.db, unit.id, "2014-H2")["kien_nghi_de_xuat"] == "Đề nghị hỗ trợ tài liệu."
    path = make(qtbot, page)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "ĐÁNH GIÁ CHUNG" in text and "Xã đã duy trì các lớp xóa mù chữ." in text


def test_a_units_narrative_is_shown_read_only_above_it(qtbot, commune_db, db_path):
    from xhht_desktop.db import units_repo
    from xhht_desktop.reports import narrative as N
    from ui.pages.reports import ReportsPage

    pek = units_repo.find_unit(commune_db, "23353", Period(2014, 0))
    N.save(commune_db, pek.id, "2014", {"danh_gia_chung": "Viết ở xã."}, actor="xã", origin="x")
    init_installation(commune_db, "district", "610", "Nguyễn Văn C", "Chuyên viên")
    ctx = AppContext(commune_db, db_path, Period(2014, 0))
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("progress"))
    page.unit.setCurrentIndex(page.unit.findData(pek.id))
    dialog = report_print.NarrativeDialog(commune_db, pek, Period(2014, 0), editable=False, parent=page)
    qtbot.addWidget(dialog)
    assert dialog.edits["danh_gia_chung"].toPlainText() == "Viết ở xã." and dialog.edits["danh_gia_chung"].isReadOnly()
    dialog.edits["danh_gia_chung"].setPlainText("đổi")  # read-only: a programmatic change is not saved
    dialog.accept()
    assert N.load(commune_db, pek.id, "2014")["danh_gia_chung"] == "Viết ở xã."


def test_coverage_threshold_is_set_in_the_print_dialog(qtbot, page, monkeypatch):
    from xhht_desktop.reports import verdict

    make(qtbot, page)
    printed = []
    monkeypatch.setattr(report_print, "print_pdf", lambda parent, path, **_done: printed.append(path) or None)

    def lower(self):
        self.coverage_box.setValue(40)
        self.accept()
        return self.result()

    monkeypatch.setattr(report_print.FrameDialog, "exec", lower)
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(printed), timeout=30000)
    assert verdict.coverage_threshold(page.ctx.db) == 0.4
