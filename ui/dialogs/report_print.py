"""Print a report PDF through the system's print dialog, hand it to the system's viewer, save a copy.

The PDF is the document of record, so printing renders its pages (QPdfDocument.render) onto the
printer at the printer's resolution instead of re-laying anything out.
"""

from __future__ import annotations

from pathlib import Path

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QRect, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.reports import frame as F
from xhht_desktop.reports import narrative
from xhht_desktop.writer import Changes, Outcome

from ui.i18n import core_words
from ui.operations import CollectionOp


# Pixel rows rendered at a time. Rendering and drawing hold the interpreter lock (the GUI thread
# waits for them): 256 rows took up to 50 ms a call, 128 about 30 ms, for 15 % more printing time.
BAND = 128


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
        messages.error(parent, QCoreApplication.translate("ReportPrint", "Không lưu được bản sao."), core_words(reason))

    return run_task(parent, QCoreApplication.translate("ReportPrint", "Đang lưu bản sao…"), work,
                    on_done=on_done, on_error=failed)


class FrameDialog(QDialog):
    """"Số, ngày, nơi nhận, người ký": the official frame of one paper (Nghị định 30/2020), edited
    before it is made and printed. Everything but the number and the date is remembered for the
    next paper of this kind and unit (reports.frame)."""

    def __init__(self, frame, parent: QWidget | None = None, coverage: float | None = None):
        super().__init__(parent)
        self.coverage = coverage
        self.setWindowTitle(self.tr("Số, ngày, nơi nhận, người ký"))
        self.frame = frame
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Theo Nghị định 30/2020/NĐ-CP. Để trống số văn bản nếu văn thư sẽ ghi số khi "
                          "đăng ký văn bản. Trừ số và ngày, các mục khác được nhớ cho lần in sau."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.number = QLineEdit("" if frame.number is None else str(frame.number))
        self.number.setPlaceholderText(self.tr("để trống: văn thư ghi số"))
        self.prefix = QLineEdit(frame.prefix)
        self.place = QLineEdit(frame.place)
        self.today = QCheckBox(self.tr("Ngày in (hôm nay)"))
        self.day = QDateEdit()
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        day = frame.day
        self.today.setChecked(day is None)
        self.day.setDate(QDate.currentDate() if day is None else QDate(day.year, day.month, day.day))
        self.day.setEnabled(day is not None)
        self.today.toggled.connect(lambda on: self.day.setEnabled(not on))
        self.recipients = QPlainTextEdit("\n".join(frame.recipients))
        self.recipients.setPlaceholderText(self.tr("mỗi dòng một nơi nhận; «Lưu: VT» ở cuối"))
        self.recipients.setFixedHeight(90)
        self.collective = QLineEdit(frame.collective)
        self.collective.setPlaceholderText(self.tr("ví dụ ỦY BAN NHÂN DÂN; để trống nếu không ký thay mặt tập thể"))
        self.head_title = QLineEdit(frame.head_title)
        self.deputy_title = QLineEdit(frame.deputy_title)
        self.deputy_title.setPlaceholderText(self.tr("ví dụ PHÓ CHỦ TỊCH; để trống nếu người đứng đầu ký"))
        self.signer_name = QLineEdit(frame.signer_name)
        self.preparer_name = QLineEdit(frame.preparer_name)
        form.addRow(self.tr("Số văn bản"), self.number)
        form.addRow(self.tr("Ký hiệu"), self.prefix)
        form.addRow(self.tr("Địa danh"), self.place)
        form.addRow(self.tr("Ngày ban hành"), self.today)
        form.addRow("", self.day)
        form.addRow(self.tr("Nơi nhận"), self.recipients)
        form.addRow(self.tr("Thay mặt (TM.)"), self.collective)
        form.addRow(self.tr("Chức vụ người đứng đầu"), self.head_title)
        form.addRow(self.tr("Cấp phó ký thay (KT.)"), self.deputy_title)
        form.addRow(self.tr("Họ tên người ký"), self.signer_name)
        form.addRow(self.tr("Họ tên người lập biểu"), self.preparer_name)
        self.coverage_box = QSpinBox()
        self.coverage_box.setRange(1, 100)
        self.coverage_box.setSuffix(" %")
        self.coverage_box.setValue(round(100 * (coverage if coverage is not None else 2 / 3)))
        self.coverage_box.setToolTip(self.tr("Huyện, tỉnh chỉ được đánh giá đạt hay chưa đạt khi số đơn vị đã báo cáo "
                                             "đạt ngưỡng này (mặc định hai phần ba); dưới ngưỡng, bản in và màn hình "
                                             "ghi «chưa đủ số đơn vị báo cáo để đánh giá»."))
        if coverage is not None:
            form.addRow(self.tr("Ngưỡng đánh giá cấp trên"), self.coverage_box)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self):
        """The frame as edited; raises reports.frame.FrameError."""
        day = None if self.today.isChecked() else self.day.date().toPython()
        recipients = [ln.strip() for ln in self.recipients.toPlainText().splitlines() if ln.strip()]
        return F.check(replace(
            self.frame, number=F.parse_number(self.number.text()), prefix=self.prefix.text().strip(),
            place=self.place.text().strip(), day=day, recipients=recipients,
            collective=self.collective.text().strip(), head_title=self.head_title.text().strip(),
            deputy_title=self.deputy_title.text().strip(), signer_name=self.signer_name.text().strip(),
            preparer_name=self.preparer_name.text().strip()))

    def accept(self) -> None:
        try:
            self.frame = self.chosen()
        except F.FrameError as exc:
            self.error.setText(frame_message(exc))
            return
        if self.coverage is not None and round(100 * self.coverage) != self.coverage_box.value():
            self.coverage = self.coverage_box.value() / 100
        super().accept()


FRAME_MESSAGES = {
    "number": QT_TRANSLATE_NOOP("ReportPrint", "Số văn bản phải là số nguyên dương (nhận được «{value}»)."),
    "date": QT_TRANSLATE_NOOP("ReportPrint", "Ngày ban hành phải theo dạng ngày/tháng/năm, ví dụ 05/07/2014 "
                                             "(nhận được «{value}»)."),
    "too_long": QT_TRANSLATE_NOOP("ReportPrint", "«{field}» dài quá {limit} ký tự."),
    "too_many": QT_TRANSLATE_NOOP("ReportPrint", "«Nơi nhận» có quá {limit} dòng."),
}


def frame_message(exc) -> str:
    """A frame error's code and parameters in the interface language."""
    return QCoreApplication.translate("ReportPrint", FRAME_MESSAGES[exc.code]).format(**exc.params)


class NarrativeDialog(QDialog):
    """"Đánh giá, kiến nghị": the written sections of the report of one unit and period, printed after
    the tables. Editable for the installation's own unit; a unit below is shown as it sent them."""

    def __init__(self, db, unit, period, *, editable: bool, actor: str = "", origin: str = "",
                 parent: QWidget | None = None, ctx=None):
        super().__init__(parent)
        self.db, self.unit, self.period = db, unit, period
        self.ctx = ctx if ctx is not None else getattr(parent, "ctx", None)  # its writer saves (issue 13)
        self.actor, self.origin = actor, origin
        self.setWindowTitle(self.tr("Đánh giá, kiến nghị — {unit}, {period}").format(unit=unit.name, period=period.code))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Các mục này in sau các bảng số liệu và được gửi về Sở cùng gói số liệu. Mục để "
                               "trống không in.") if editable else
                       self.tr("Phần đánh giá do {unit} viết và gửi lên (chỉ xem).").format(unit=unit.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        texts = narrative.load(db, unit.id, period.code)
        self.edits: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for key, _title in narrative.SECTIONS:
            edit = QPlainTextEdit(texts.get(key, ""))
            edit.setReadOnly(not editable)
            edit.setMinimumHeight(100)
            self.edits[key] = edit
            form.addRow(QCoreApplication.translate("Narrative", SECTION_TITLES[key]), edit)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                   if editable else QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.editable = editable

    def accept(self) -> None:
        if not self.editable:
            return super().accept()
        texts = {key: edit.toPlainText() for key, edit in self.edits.items()}
        unit_id, code, actor, origin = self.unit.id, self.period.code, self.actor, self.origin

        def op(db, _progress) -> Outcome:  # on the writer; the GUI thread's connection only reads
            narrative.save(db, unit_id, code, texts, actor=actor, origin=origin)
            return Outcome(Changes())

        try:
            CollectionOp(self, self.windowTitle(), op, ctx=self.ctx).run_and_wait()
        except narrative.NarrativeError as exc:
            self.error.setText(narrative_message(exc))
            return
        super().accept()


SECTION_TITLES = {
    "danh_gia_chung": QT_TRANSLATE_NOOP("Narrative", "Đánh giá chung"),
    "ton_tai_han_che": QT_TRANSLATE_NOOP("Narrative", "Tồn tại, hạn chế"),
    "kien_nghi_de_xuat": QT_TRANSLATE_NOOP("Narrative", "Kiến nghị, đề xuất"),
    "phuong_huong": QT_TRANSLATE_NOOP("Narrative", "Phương hướng, nhiệm vụ kỳ tới"),
}
NARRATIVE_MESSAGES = {
    "too_long": QT_TRANSLATE_NOOP("Narrative", "Mục «{section}» dài {length} ký tự, quá {limit} ký tự cho phép."),
    "control": QT_TRANSLATE_NOOP("Narrative", "Mục «{section}» chứa ký tự điều khiển không in được ({chars}); "
                                              "xóa ký tự đó rồi lưu lại."),
}


def narrative_message(exc) -> str:
    """A narrative error's code and parameters in the interface language."""
    params = dict(exc.params)
    if "section" in params:
        params["section"] = QCoreApplication.translate("Narrative", SECTION_TITLES.get(params["section"], ""))
    template = NARRATIVE_MESSAGES.get(exc.code)
    return QCoreApplication.translate("Narrative", template).format(**params) if template else str(exc)
