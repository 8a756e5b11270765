"""Print a report PDF through the system's print dialog, hand it to the system's viewer, save a copy.

The PDF is the document of record, so printing renders its pages (QPdfDocument.render) onto the
printer at the printer's resolution instead of re-laying anything out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget


BAND = 256  # pixel rows rendered at a time


def print_pdf_to(printer: QPrinter, path: str | Path, progress=None) -> int:
    """Render every page of `path` onto `printer`; returns the number of pages printed.

    Runs on a worker thread (QPainter on a QPrinter is allowed there): `progress(page, pages)` is
    called before each page and may raise (ui.tasks.Cancelled) to stop; the job is then aborted.
    """
    doc = QPdfDocument()
    if doc.load(str(path)) != QPdfDocument.Error.None_:
        raise OSError(f"Không đọc được tệp PDF «{path}».")
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Không mở được máy in.")
    try:
        dpi = printer.resolution()
        # A page at a printer's 1200 dpi would be half a gigabyte of pixels: 300 dpi is plenty for
        # text and the painter scales it onto the page.
        render_dpi = min(dpi, 300)
        # Full page: the PDF carries the decree's margins itself.
        target = printer.pageLayout().fullRectPixels(dpi)
        for i in range(doc.pageCount()):
            if progress is not None:
                try:
                    progress(i + 1, doc.pageCount())
                except BaseException:
                    printer.abort()  # nothing half-printed is sent on
                    raise
            if i:
                printer.newPage()
            points = doc.pagePointSize(i)
            size = QSize(int(points.width() * render_dpi / 72), int(points.height() * render_dpi / 72))
            fitted = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            # In bands: one render call of a whole page at 300 dpi holds the GIL for a quarter of a
            # second (the window would stutter); a band at a time lets the GUI thread in between.
            for top in range(0, size.height(), BAND):
                height = min(BAND, size.height() - top)
                options = QPdfDocumentRenderOptions()
                options.setScaledSize(size)
                options.setScaledClipRect(QRect(0, top, size.width(), height))
                band = doc.render(i, QSize(size.width(), height), options)
                scale = fitted.width() / size.width()
                painter.drawImage(QRectF(0, top * scale, fitted.width(), height * scale), band)
        return doc.pageCount()
    finally:
        painter.end()
        doc.close()


def is_landscape(path: str | Path) -> bool:
    doc = QPdfDocument()
    try:
        if doc.load(str(path)) != QPdfDocument.Error.None_ or doc.pageCount() == 0:
            return False
        size = doc.pagePointSize(0)
        return size.width() > size.height()
    finally:
        doc.close()


def print_pdf(parent: QWidget | None, path: str | Path, on_done=None, on_error=None):
    """Ask the system print dialog, then print in a worker with "Đang in trang 5/28" and a working
    Hủy. Returns the task (on_done(pages) when sent), or None when the official cancels the dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(Path(path).stem)
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if is_landscape(path):
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("In báo cáo")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    from ui.tasks import run_task

    page_text = QCoreApplication.translate("ReportPrint", "Đang in trang {page}/{pages}")

    def work(progress):
        return print_pdf_to(printer, path, lambda page, pages: progress.update(
            page - 1, pages, page_text.format(page=page, pages=pages)))

    task = run_task(parent, QCoreApplication.translate("ReportPrint", "Đang in…"), work, on_done=on_done,
                    on_error=on_error)
    task.printer = printer  # alive until the worker is done with it
    return task


def open_in_viewer(path: str | Path) -> bool:
    """"Mở bằng trình xem": the system's own PDF viewer or spreadsheet program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def release_preview(document: QPdfDocument) -> None:
    """Close the in-app preview's document before its file is written again.

    QPdfDocument keeps the file open while it shows it, and Windows cannot replace an open file:
    without this, making the same report twice would fail with "đang mở trong chương trình khác".
    """
    document.close()


def save_copy(parent: QWidget | None, source: str | Path, target: str | Path, on_done=None):
    """"Lưu thành…": copy `source` to `target` in a worker (ui.tasks) through the one storage
    function (temp file, fsync, replace retried if the target is open elsewhere); a failure is
    explained in Vietnamese and leaves the target as it was. Returns the task."""
    from xhht_desktop.storage import copy_file_atomically, explain_storage_error

    from ui.tasks import Cancelled, run_task
    from ui.widgets import messages

    source, target = Path(source), Path(target)

    def work(progress):
        return copy_file_atomically(
            source, target, progress=lambda done, total: progress.update(done // 1024, total // 1024))

    def failed(exc, _tb) -> None:
        if isinstance(exc, Cancelled):
            return
        reason = explain_storage_error(exc, target) or \
            f"«{target}»: {getattr(exc, 'strerror', None) or exc}"
        messages.error(parent, QCoreApplication.translate("ReportPrint", "Không lưu được bản sao."), reason)

    return run_task(parent, QCoreApplication.translate("ReportPrint", "Đang lưu bản sao…"), work,
                    on_done=on_done, on_error=failed)
