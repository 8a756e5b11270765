"""Báo cáo: make the progress sheet or the consolidated report, preview it, print it, open or save it.

The file is made in a worker (ui.operations.QueryOp, with progress and Hủy) by the same core function
the CLI uses (`xhht_desktop.reports.cli.generate`), written to the data folder's `reports/`, so the
official never hunts for it; a PDF is previewed here (QPdfView) and printed through the system's
print dialog.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop import messages as M
from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import Period, all_periods
from xhht_desktop.reports import frame as F
from xhht_desktop.reports import verdict
from xhht_desktop.reports.cli import default_filename, generate
from xhht_desktop.writer import Changes, Outcome

from ui.context import AppContext
from ui.dialogs import report_print
from ui.i18n import core_words
from ui.models.presentation import period_label
from ui.operations import CollectionOp, QueryOp
from ui.pages.base import Page
from ui.tasks import Cancelled
from ui.widgets import messages

KIND_LABELS = {"progress": QT_TRANSLATE_NOOP("ReportsPage", "Phiếu theo dõi tiến độ"),
               "consolidated": QT_TRANSLATE_NOOP("ReportsPage", "Báo cáo tổng hợp (huyện, tỉnh)")}
FORMAT_LABELS = {"pdf": QT_TRANSLATE_NOOP("ReportsPage", "PDF (để in, ký)"),
                 "xlsx": QT_TRANSLATE_NOOP("ReportsPage", "Excel (gửi Bộ, Sở)")}


def reports_folder(ctx: AppContext) -> Path:
    """The data folder's reports/ (beside the database)."""
    return Path(ctx.db_path).parent / "reports"


class ReportsPage(Page):
    title = QT_TRANSLATE_NOOP("ReportsPage", "Báo cáo, in ấn")
    icon_name = "reports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.current_path: Path | None = None
        self.current_frame: F.Frame | None = None  # the frame the current file was made with
        self.frame: F.Frame | None = None  # the frame chosen for the next file (None: the remembered one)
        self.print_after = False
        self.task = None
        self.print_task = None
        self.last_error: str = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        heading = QLabel(self.tr("Báo cáo, in ấn"))
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)

        form = QFormLayout()
        self.kind = QComboBox()
        self.period = QComboBox()
        self.unit = QComboBox()
        self.format = QComboBox()
        for code, label in FORMAT_LABELS.items():
            self.format.addItem(self.tr(label), code)
        for p in all_periods():
            self.period.addItem(period_label(p), p.code)
        form.addRow(self.tr("Loại báo cáo"), self.kind)
        form.addRow(self.tr("Kỳ báo cáo"), self.period)
        form.addRow(self.tr("Đơn vị"), self.unit)
        form.addRow(self.tr("Định dạng"), self.format)
        # A province without districts (since 1 July 2025): its communes by former district, an
        # analysis view only (reports.rows.group_by_former_district).
        self.by_former_district = QCheckBox(self.tr("Nhóm các xã, phường theo huyện cũ (chỉ để phân tích)"))
        form.addRow("", self.by_former_district)
        self.grouping_offered = False
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.make_button = QPushButton(self.tr("Tạo báo cáo"))
        self.make_button.setDefault(True)
        self.frame_button = QPushButton(self.tr("Số, ngày, người ký…"))
        self.narrative_button = QPushButton(self.tr("Đánh giá, kiến nghị…"))
        self.print_button = QPushButton(self.tr("In…"))
        self.open_button = QPushButton(self.tr("Mở bằng trình xem"))
        self.save_button = QPushButton(self.tr("Lưu thành…"))
        self.folder_button = QPushButton(self.tr("Mở thư mục báo cáo"))
        for b in (self.make_button, self.narrative_button, self.frame_button, self.print_button, self.open_button, self.save_button, self.folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel(self.tr("Chọn loại báo cáo, kỳ và đơn vị rồi bấm «Tạo báo cáo»."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)

        self.make_button.clicked.connect(self.generate)
        self.frame_button.clicked.connect(self.edit_frame)
        self.narrative_button.clicked.connect(self.edit_narrative)
        self.print_button.clicked.connect(self.print_current)
        self.open_button.clicked.connect(self.open_current)
        self.save_button.clicked.connect(self.save_as)
        self.folder_button.clicked.connect(self.open_folder)
        self.kind.currentIndexChanged.connect(self._fill_units)
        self.period.currentIndexChanged.connect(self._fill_units)
        for combo in (self.kind, self.period, self.unit):
            combo.currentIndexChanged.connect(self._forget_frame)
        self.unit.currentIndexChanged.connect(self._update_grouping)
        ctx.period_changed.connect(self._follow_period)
        ctx.installation_changed.connect(self.refresh)
        self.refresh()

    # ---- choices ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        inst = self.ctx.installation
        self.kind.blockSignals(True)
        current = self.kind.currentData()
        self.kind.clear()
        kinds = ["progress"] if inst is None or inst.role == "commune" else ["progress", "consolidated"]
        for k in kinds:
            self.kind.addItem(self.tr(KIND_LABELS[k]), k)
        if current in kinds:
            self.kind.setCurrentIndex(kinds.index(current))
        elif inst is not None and inst.role != "commune":
            self.kind.setCurrentIndex(1)
        self.kind.blockSignals(False)
        self._follow_period(self.ctx.period)
        self._update_buttons()

    def _follow_period(self, period: Period) -> None:
        index = self.period.findData(period.code)
        if index >= 0:
            self.period.setCurrentIndex(index)
        self._fill_units()

    def selected_period(self) -> Period:
        return next(p for p in all_periods() if p.code == self.period.currentData())

    def _fill_units(self) -> None:
        """The installation's unit first; a district adds its communes, the Department its districts
        (and for the progress sheet their communes too)."""
        inst = self.ctx.installation
        previous = self.unit.currentData()
        self.unit.clear()
        if inst is None:
            return
        db, root = self.ctx.db, inst.unit
        day = self.selected_period().end.isoformat()
        kind = self.kind.currentData()
        units = [root]
        if root.level != "xa":
            for child in units_repo.children(db, root.id, day):
                if kind == "consolidated" and child.level == "xa":
                    continue
                units.append(child)
                if kind == "progress" and child.level == "huyen":
                    units += units_repo.children(db, child.id, day)
        for u in units:
            indent = "    " if u.level == "xa" and root.level == "tinh" else ""
            self.unit.addItem(f"{indent}{u.name} ({u.code})", u.id)
        index = self.unit.findData(previous)
        self.unit.setCurrentIndex(index if index >= 0 else 0)
        self._update_grouping()

    def _update_grouping(self) -> None:
        """The former-district view: for a province's consolidated report when it has no districts."""
        uid = self.unit.currentData()
        offered = False
        if uid is not None and self.kind.currentData() == "consolidated":
            unit = units_repo.get_unit(self.ctx.db, uid)
            day = self.selected_period().end.isoformat()
            offered = unit.level == "tinh" and not any(
                c.level == "huyen" for c in units_repo.children(self.ctx.db, unit.id, day))
        self.grouping_offered = offered
        self.by_former_district.setVisible(offered)
        if not offered:
            self.by_former_district.setChecked(False)

    # ---- making the report -----------------------------------------------------------------------

    def output_path(self, unit: units_repo.Unit, period: Period, fmt: str) -> Path:
        return reports_folder(self.ctx) / default_filename(self.kind.currentData(), unit, period, fmt)

    # ---- the frame: number, date, recipients, signer ----------------------------------------------

    def _forget_frame(self) -> None:
        self.frame = None

    def chosen_frame(self) -> F.Frame | None:
        """The frame for the selected kind, unit and period: as edited, else the remembered one."""
        if self.frame is not None:
            return self.frame
        if self.unit.currentData() is None:
            return None
        unit = units_repo.get_unit(self.ctx.db, self.unit.currentData())
        return F.frame_for(self.ctx.db, self.kind.currentData(), unit, self.selected_period())

    def edit_frame(self) -> bool:
        """Edit the frame; True when accepted (remembered, and the shown report made again with it)."""
        frame = self.chosen_frame()
        if frame is None:
            return False
        coverage = verdict.coverage_threshold(self.ctx.db)
        dialog = report_print.FrameDialog(frame, self, coverage=coverage)
        if dialog.exec() != report_print.QDialog.DialogCode.Accepted:
            return False
        self.frame = dialog.frame
        new_coverage = dialog.coverage if dialog.coverage is not None and dialog.coverage != coverage else None
        if new_coverage is not None:
            self.current_frame = None  # the verdicts change: the file is made again before printing
        unit = units_repo.get_unit(self.ctx.db, self.unit.currentData())
        kind, frame = self.kind.currentData(), self.frame

        def op(db, _progress) -> Outcome:  # on the writer, both or neither
            with db.atomic():
                if new_coverage is not None:
                    verdict.set_coverage_threshold(db, new_coverage)
                F.save(db, kind, unit, frame)
            return Outcome(Changes(settings=True))

        CollectionOp(self, self.tr("Lưu khung báo cáo"), op).run_and_wait()
        return True

    def edit_narrative(self) -> bool:
        """The written sections of the selected unit and period: the installation's own unit edits them,
        a unit below shows what it sent. True when saved."""
        inst = self.ctx.installation
        if inst is None or self.unit.currentData() is None:
            return False
        unit = units_repo.get_unit(self.ctx.db, self.unit.currentData())
        dialog = report_print.NarrativeDialog(self.ctx.db, unit, self.selected_period(),
                                              editable=unit.id == inst.unit.id, actor=inst.actor,
                                              origin=inst.installation_id, parent=self, ctx=self.ctx)
        return dialog.exec() == report_print.QDialog.DialogCode.Accepted and dialog.editable

    def generate(self) -> None:
        if self.task is not None or self.unit.currentData() is None:
            return
        unit = units_repo.get_unit(self.ctx.db, self.unit.currentData())
        period = self.selected_period()
        fmt = self.format.currentData()
        kind = self.kind.currentData()
        out = self.output_path(unit, period, fmt)
        frame = self.chosen_frame()
        self.made = (kind, unit, period, frame)
        grouped = self.grouping_offered and self.by_former_district.isChecked()

        def work(db, progress):  # on a worker with its own connection (ui.operations.QueryOp)
            return generate(db, kind, unit, period, fmt, out, frame=frame, by_former_district=grouped,
                            progress=lambda done, total, text: progress.update(done, total, text))

        self.make_button.setEnabled(False)
        self.status.setText(self.tr("Đang tạo báo cáo…"))
        # The preview holds its file open, and Windows cannot replace an open file: release it first.
        report_print.release_preview(self.document)
        self.task = QueryOp(self, work).with_progress(self.tr("Đang tạo báo cáo…")).success(self._done).failure(
            lambda exc: self._failed(exc, "".join(traceback.format_exception(exc)))).run_in_background()

    def _done(self, path) -> None:
        self.task = None
        self.make_button.setEnabled(True)
        self.current_path = Path(path)
        kind, unit, period, frame = self.made
        self.current_frame = frame
        if frame is not None:
            F.issue(self.ctx.db, kind, unit, period, frame, remember=False)  # its number, if it has one
        self.document.close()
        if self.current_path.suffix == ".pdf":
            self.document.load(str(self.current_path))
            self.status.setText(self.tr("Đã tạo: {0} ({1} trang). Bấm «In…» để in, hoặc «Mở bằng trình xem».")
                                .format(self.current_path, self.document.pageCount()))
        else:
            self.status.setText(self.tr("Đã tạo tệp Excel: {0}. Bấm «Mở bằng trình xem» để mở bằng Excel.")
                                .format(self.current_path))
        self._update_buttons()
        if self.print_after:
            self.print_after = False
            self._print_now()

    def _failed(self, exc, tb: str) -> None:
        self.print_after = False
        self.task = None
        self.make_button.setEnabled(True)
        if self.current_path is not None and self.current_path.suffix == ".pdf" and self.current_path.exists():
            self.document.load(str(self.current_path))  # the previous report, as it still is
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("Đã hủy, không tạo tệp nào."))
            return
        self.last_error = core_words(exc)
        self.status.setText(self.tr("Không tạo được báo cáo: {0}").format(self.last_error))
        # A refusal of the core (a coded error: the kind, the unit's life, the frame) says all there is;
        # anything else carries its traceback for whoever supports the user.
        coded = isinstance(getattr(exc, "code", None), str) and exc.code in M.TEMPLATES
        messages.error(self, self.tr("Không tạo được báo cáo."), self.last_error if coded else f"{self.last_error}\n\n{tb}")

    def _update_buttons(self) -> None:
        has = self.current_path is not None and self.current_path.exists()
        self.print_button.setEnabled(has and self.current_path.suffix == ".pdf")
        self.open_button.setEnabled(has)
        self.save_button.setEnabled(has)

    # ---- what to do with it ----------------------------------------------------------------------

    def print_current(self) -> None:
        """The frame first (number, date, recipients, signer): the file is made again when it changed."""
        if self.current_path is None:
            return
        if self.frame is None and self.current_frame is not None:
            self.frame = self.current_frame
        if not self.edit_frame():
            return
        if self.frame != self.current_frame:
            self.print_after = True
            self.generate()
            return
        self._print_now()

    def _print_now(self) -> None:
        if self.current_path is None:
            return
        if self.print_task is not None:
            return

        def done(_pages) -> None:
            self.print_task = None
            self.status.setText(self.tr("Đã gửi bản in tới máy in."))

        def failed(exc, _tb) -> None:
            self.print_task = None
            if isinstance(exc, Cancelled):
                self.status.setText(self.tr("Đã hủy lệnh in."))
                return
            messages.error(self, self.tr("Không in được."), core_words(exc))

        self.print_task = report_print.print_pdf(self, self.current_path, on_done=done, on_error=failed)

    def open_current(self) -> None:
        if self.current_path is not None and not report_print.open_in_viewer(self.current_path):
            messages.warn(self, self.tr("Máy này chưa có chương trình mở được tệp này."), str(self.current_path))

    def save_as(self) -> None:
        if self.current_path is None:
            return
        suffix = self.current_path.suffix
        filters = "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)"
        target = messages.save_file_name(self, self.tr("Lưu báo cáo"), str(Path.home() / self.current_path.name),
                                         filters)
        if not target:
            return
        target_path = Path(target)
        if target_path.suffix.lower() != suffix:
            target_path = target_path.with_suffix(suffix)
        self.save_task = report_print.save_copy(self, self.current_path, target_path, self._saved)

    def _saved(self, path) -> None:
        self.status.setText(self.tr("Đã lưu bản sao: {0}").format(path))

    def open_folder(self) -> None:
        folder = reports_folder(self.ctx)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
