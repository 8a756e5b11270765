"""Đề nghị kiểm tra lại (issue 11, point 3) in the Department's window: the list of correction requests
per unit (open and closed, with the commune's reply) and a form to mark a figure — or a learning-centre
activity — of a unit and period with a note. Creating goes through the same core function as the CLI's
`request-correction` (xhht_desktop.sync.corrections.request_correction, which itself limits requests to
the Department's province), queued to the writer (CollectionOp); it refuses with a message in the
interface's language and stores nothing when the input is wrong."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.db import units_repo
from xhht_desktop.db.aggregate import indicators_of
from xhht_desktop.domain.periods import all_periods, parse_period
from xhht_desktop.sync import corrections
from xhht_desktop.writer import Changes, Outcome

from ui.context import AppContext
from ui.i18n import core_words
from ui.models.presentation import indicator_name
from ui.operations import CollectionOp
from ui.widgets import messages

STATUS = {"open": QT_TRANSLATE_NOOP("CorrectionsDialog", "chưa trả lời"),
          "answered": QT_TRANSLATE_NOOP("CorrectionsDialog", "đã trả lời, chưa gửi"),
          "sent": QT_TRANSLATE_NOOP("CorrectionsDialog", "đã gửi trả lời"),
          "closed": QT_TRANSLATE_NOOP("CorrectionsDialog", "đã đóng")}
HOW = {"reply": QT_TRANSLATE_NOOP("CorrectionsDialog", "xã trả lời"),
       "figure": QT_TRANSLATE_NOOP("CorrectionsDialog", "xã gửi lại số liệu")}


def unit_label(u) -> str:
    """"Xã Đắk Pék (23353, 02/12/2013–30/06/2025)", the dates without words (the same in English)."""
    return f"{u.name} ({u.code}, {units_repo.vi_date(u.valid_from)}–{units_repo.vi_date(u.valid_to) if u.valid_to else ''})"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CorrectionsDialog", text)


class CorrectionsDialog(QDialog):
    """The Department's correction requests: list (filter by unit and status) and a new request."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Đề nghị kiểm tra lại"))
        self.resize(980, 620)
        root = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.filter_unit = QComboBox()
        self.filter_status = QComboBox()
        self.filter_status.addItem(self.tr("Mọi trạng thái"), None)
        for code in ("open", "closed"):
            self.filter_status.addItem(_tr(STATUS[code]), code)
        filters.addWidget(QLabel(self.tr("Đơn vị")))
        filters.addWidget(self.filter_unit, 1)
        filters.addWidget(QLabel(self.tr("Trạng thái")))
        filters.addWidget(self.filter_status)
        root.addLayout(filters)

        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([self.tr("Đơn vị"), self.tr("Kỳ"), self.tr("Chỉ tiêu / hoạt động"),
                                              self.tr("Nội dung đề nghị"), self.tr("Trạng thái"),
                                              self.tr("Trả lời"), self.tr("Ngày gửi")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        root.addWidget(self.table, 1)

        box = QGroupBox(self.tr("Đề nghị mới"))
        form = QFormLayout(box)
        self.period = QComboBox()
        for p in all_periods():
            self.period.addItem(p.code, p.code)
        self.period.setCurrentIndex(max(0, self.period.findData(ctx.period.code)))
        self.unit = QComboBox()
        self.subject = QComboBox()  # what is marked: a figure or a learning-centre activity
        self.subject.addItem(self.tr("Một số liệu (chỉ tiêu)"), "indicator")
        self.subject.addItem(self.tr("Một hoạt động của TTHTCĐ"), "activity")
        self.indicator = QComboBox()
        self.activity = QComboBox()
        self.message = QPlainTextEdit()
        self.message.setPlaceholderText(self.tr("Ví dụ: Đề nghị xã kiểm tra lại mẫu số."))
        self.message.setFixedHeight(70)
        form.addRow(self.tr("Kỳ"), self.period)
        form.addRow(self.tr("Đơn vị"), self.unit)
        form.addRow(self.tr("Đề nghị về"), self.subject)
        form.addRow(self.tr("Chỉ tiêu"), self.indicator)
        form.addRow(self.tr("Hoạt động TTHTCĐ"), self.activity)
        self.form = form
        form.addRow(self.tr("Nội dung đề nghị"), self.message)
        self.create_button = QPushButton(self.tr("Gửi đề nghị"))
        self.create_button.clicked.connect(self.create)
        form.addRow("", self.create_button)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        form.addRow("", self.problem)
        root.addWidget(box)

        self._units = [u for u in units_repo.all_units(ctx.db) if u.level != "tinh"]
        self._names = {u.key: u.name for u in self._units}
        self.filter_unit.addItem(self.tr("Mọi đơn vị"), None)
        for u in self._units:
            self.filter_unit.addItem(unit_label(u), u.key)
        self.period.currentIndexChanged.connect(self._fill_units)
        self.unit.currentIndexChanged.connect(self._fill_indicators)
        self.subject.currentIndexChanged.connect(self._show_subject)
        self.filter_unit.currentIndexChanged.connect(self.load)
        self.filter_status.currentIndexChanged.connect(self.load)
        self._fill_units()
        self._show_subject()
        self.load()

    # ---- the form -------------------------------------------------------------------------------
    def _fill_units(self) -> None:
        """The units that report the chosen period within the province: those under the Department's
        province, or under a province it was formed from, at the period's end (so a merged commune's
        predecessors are offered for the periods before the merger) — the same rule the core applies."""
        period = parse_period(self.period.currentData())
        inst = self.ctx.installation
        below = corrections.province_unit_ids(self.ctx.db, inst.unit, period) if inst and inst.unit else set()
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for u in self._units:
            if u.id in below and units_repo.lives_through(u, period):
                self.unit.addItem(unit_label(u), u.key)
        self.unit.setCurrentIndex(max(0, self.unit.findData(current)))
        self.unit.blockSignals(False)
        self._fill_indicators()

    def _fill_indicators(self) -> None:
        self.indicator.clear()
        self.activity.clear()
        key = self.unit.currentData()
        unit = units_repo.unit_by_key(self.ctx.db, key) if key else None
        if unit is None:
            return
        for ind in indicators_of(self.ctx.db, unit.level, parse_period(self.period.currentData())):
            self.indicator.addItem(f"{ind.code} – {indicator_name(ind)}", ind.code)
        # The unit's learning-centre activities dated in the period (from its packages).
        found = corrections.activities_for(self.ctx.db, key, self.period.currentData())
        for a in found:
            self.activity.addItem(f"{units_repo.vi_date(a['date'])} – {a['title']}", a["uuid"])
        if not found:
            self.activity.addItem(self.tr("(Sở chưa nhận hoạt động nào của đơn vị trong kỳ này)"), None)

    def _show_subject(self) -> None:
        activity = self.subject.currentData() == "activity"
        self.form.setRowVisible(self.indicator, not activity)
        self.form.setRowVisible(self.activity, activity)

    def create(self) -> bool:
        """Store the request through the writer; on a refusal show why and store nothing."""
        unit, period = self.unit.currentData(), self.period.currentData()
        on_activity = self.subject.currentData() == "activity"
        indicator = "" if on_activity else self.indicator.currentData() or ""
        activity = self.activity.currentData() or "" if on_activity else ""
        text = self.message.toPlainText()
        self.problem.clear()
        if not unit:
            return self._refuse(self.tr("Hãy chọn đơn vị."))
        if on_activity and not activity:
            return self._refuse(self.tr("Hãy chọn hoạt động của TTHTCĐ."))
        if not on_activity and not indicator:
            return self._refuse(self.tr("Hãy chọn chỉ tiêu."))

        def op(db, _progress) -> Outcome:
            return Outcome(Changes(sync=True), corrections.request_correction(
                db, unit, period, text, indicator=indicator, activity_uuid=activity))

        try:
            CollectionOp(self, self.tr("Gửi đề nghị kiểm tra lại"), op, ctx=self.ctx).run_and_wait()
        except corrections.CorrectionProblem as exc:
            return self._refuse(core_words(exc))
        self.message.clear()
        self.load()
        return True

    def _refuse(self, text: str) -> bool:
        self.problem.setText(text)
        messages.warn(self, self.tr("Không gửi được đề nghị."), text)
        return False

    # ---- the list -------------------------------------------------------------------------------
    def load(self) -> None:
        rows = corrections.list_requests(self.ctx.db, unit_key=self.filter_unit.currentData(),
                                         status=self.filter_status.currentData())
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            status = _tr(STATUS.get(r["status"], r["status"]))
            if r["status"] == "closed" and r["closed_how"] in HOW:
                status += f" ({_tr(HOW[r['closed_how']])})"
            cells = [self._names.get(r["unit_key"], r["unit_key"]), r["period"],
                     r["indicator"] or self._activity_text(r["activity_uuid"]), r["message"], status,
                     r["reply"] or "", (r["created_at"] or "")[:10]]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def _activity_text(self, activity_uuid: str) -> str:
        a = corrections.activity_summary(self.ctx.db, activity_uuid)
        if a is None:
            return self.tr("hoạt động TTHTCĐ {id}").format(id=activity_uuid[:8])
        return self.tr("Hoạt động TTHTCĐ: {date} – {title}").format(date=units_repo.vi_date(a["date"]), title=a["title"])
