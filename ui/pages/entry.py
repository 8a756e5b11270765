"""Nhập số liệu: the indicators this unit's level enters for the chosen period, one tab per group.

The indicators are those of the period's programme (plan 2780 up to 2020, the 2021–2030 programme
from 2021). Each indicator shows its total and each breakdown (Nữ, DTTS) with numerator and
denominator (rates), a value (counts), đạt/chưa đạt (flags) or a degree with its recognition
decision (kind `level`: number, date, issuing body; the NĐ 20/2014 suggestion beside it, never
written by itself; a lapsed recognition said so), the rate computed live, the previous period's
figure, both target years of the programme (draft targets marked) and a comment. The core's
`validate_entries` runs on every keystroke; its messages appear beside the field (errors red,
warnings amber). Blank means "not reported" and stays blank.
Saving goes through `values_repo.save_entries` (all or nothing, with history).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.clc.summary import SUGGESTION_RULE_VI, suggested_rural_workers
from xhht_desktop.db import values_repo
from xhht_desktop.db.connection import DatabaseError
from xhht_desktop.db.units_repo import UnitLifeError
from xhht_desktop.db.reference import catalogue_in_db
from xhht_desktop.db.values_repo import ValidationFailed
from xhht_desktop.domain.aggregation import change_period, trend_period
from xhht_desktop.domain import levels
from xhht_desktop.domain.catalogue import (
    Catalogue,
    Indicator,
    entry_keys,
)
from xhht_desktop.domain.periods import Period, applies
from xhht_desktop.writer import Changes, Outcome
from xhht_desktop.domain.values import (
    Entry,
    Issue,
    field_label,
    format_int,
    format_percent,
    parse_decision_date,
    parse_whole_number,
    rate,
    validate_entries,
)

from ui.context import AppContext
from ui.models.history_model import HistoryModel
from ui.operations import CollectionOp
from ui.models.presentation import (
    STATUS_COLOURS,
    breakdown_name,
    degree_text,
    draft_note,
    field_name,
    group_short,
    group_title,
    indicator_name,
    period_name,
    programme_name,
    target_text,
)
from ui.i18n import core_words
from ui.models.core_labels import core_label
from ui.pages.base import Page
from ui.widgets import messages
from ui.widgets.collapsible import CollapsiblePanel

Key = tuple[str, str | None]

FLAG_CHOICES: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("EntryPage", "— chưa báo cáo —"), None),
    (QT_TRANSLATE_NOOP("EntryPage", "Đạt / Có (1)"), 1),
    (QT_TRANSLATE_NOOP("EntryPage", "Chưa đạt / Không (0)"), 0),
)

DECISION_FIELDS = ("decision_no", "decision_date", "decision_body")

HISTORY_LIMIT = 100


def _vn_date(iso: str | dt.date | None) -> str:
    """"2024-05-31" -> "31/05/2024"."""
    if not iso:
        return ""
    day = iso if isinstance(iso, dt.date) else dt.date.fromisoformat(str(iso))
    return day.strftime("%d/%m/%Y")


# ---- suggestions from other features ---------------------------------------------------------

def _clc_suggestion(db, unit_id: int, period_code: str) -> int | None:
    """Rural workers (persons) counted in the TTHTCĐ log."""
    return suggested_rural_workers(db, unit_id, period_code)


def _suggestion_rule() -> str:
    """How the CLC suggestion counts people (shown as a tooltip)."""
    return SUGGESTION_RULE_VI


# indicator code -> callable(db, unit_id, period_code) -> suggested numerator of the total, or None.
SUGGESTED_NUMERATORS: dict[str, Callable[..., int | None]] = {
    "LDNT_HOC_TTHTCD": _clc_suggestion,
}


# ---- one row of figures ----------------------------------------------------------------------

def _number_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    edit.setFixedWidth(108)
    edit.setPlaceholderText(placeholder)
    edit.setProperty("severity", "")
    return edit


def _set_severity(widget: QWidget, severity: str) -> None:
    if widget.property("severity") != severity:
        widget.setProperty("severity", severity)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _issue_text(ind: Indicator, issue: Issue) -> str:
    """An issue's words without the field's name (shown beside the field), in the interface language."""
    params = getattr(issue.message, "params", None)
    if getattr(issue.message, "code", None) == "values.issue" and isinstance(params, dict):
        return core_words(params["text"])
    prefix = field_label(ind, issue.breakdown, issue.field) + ": "
    return issue.message[len(prefix):] if issue.message.startswith(prefix) else core_words(issue.message)


@dataclass
class ReadResult:
    entry: Entry | None  # None when a field could not be parsed
    parse_errors: dict[str, str]  # field -> message


class EntryRow:
    """The fields of one (indicator, breakdown): numbers or a flag, a comment, live rate, messages."""

    def __init__(self, ind: Indicator, breakdown: str | None):
        self.indicator = ind
        self.breakdown = breakdown
        self.numerator: QLineEdit | None = None
        self.denominator: QLineEdit | None = None
        self.value: QLineEdit | None = None
        self.flag: QComboBox | None = None
        # kind "level": the recognised degree and its decision.
        self.level: QComboBox | None = None
        self.decision_no: QLineEdit | None = None
        self.decision_date: QLineEdit | None = None
        self.decision_body: QLineEdit | None = None
        self.level_box: QWidget | None = None
        self.level_note = QLabel("")  # the NĐ 20/2014 suggestion and the recognition's validity
        self.level_note.setObjectName("suggestion")
        self.level_note.setWordWrap(True)
        self.level_note.setTextFormat(Qt.TextFormat.RichText)
        self.level_note.hide()
        if ind.has_fraction:
            self.numerator = _number_edit()
            self.denominator = _number_edit()
            self.numerator.setToolTip(core_label(ind.numerator_vi))
            self.denominator.setToolTip(core_label(ind.denominator_vi))
        elif ind.kind == "flag":
            self.flag = QComboBox()
            for text, value in FLAG_CHOICES:
                self.flag.addItem(QCoreApplication.translate("EntryPage", text), value)
            self.flag.setMinimumWidth(190)
            self.flag.setProperty("severity", "")
            self.flag.setToolTip(core_label(ind.numerator_vi))
        elif ind.kind == "level":
            lo, hi = ind.scale or (0, 1)
            self.level = QComboBox()
            self.level.addItem(QCoreApplication.translate("EntryPage", "— chưa báo cáo —"), None)
            for degree in range(lo, hi + 1):
                label = (QCoreApplication.translate("EntryPage", "0 — Chưa đạt") if degree == 0
                         else QCoreApplication.translate("EntryPage", "Mức độ {n}").format(n=degree))
                self.level.addItem(label, degree)
            self.level.setMinimumWidth(150)
            self.level.setProperty("severity", "")
            self.level.setToolTip(core_label(ind.numerator_vi))
            self.decision_no = QLineEdit()
            self.decision_no.setPlaceholderText(QCoreApplication.translate("EntryPage", "Số quyết định"))
            self.decision_no.setMinimumWidth(110)
            self.decision_date = QLineEdit()
            self.decision_date.setPlaceholderText(QCoreApplication.translate("EntryPage", "dd/mm/yyyy"))
            self.decision_date.setFixedWidth(110)
            self.decision_body = QLineEdit()
            self.decision_body.setPlaceholderText(QCoreApplication.translate("EntryPage", "Cơ quan công nhận"))
            self.decision_body.setMinimumWidth(170)
            for edit in (self.decision_no, self.decision_date, self.decision_body):
                edit.setProperty("severity", "")
            self.level_box = QWidget()
            box = QHBoxLayout(self.level_box)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(6)
            box.addWidget(self.level)
            box.addWidget(self.decision_no, 1)
            box.addWidget(self.decision_date)
            box.addWidget(self.decision_body, 2)
        else:
            self.value = _number_edit()
            self.value.setToolTip(core_label(ind.numerator_vi))
        self.rate = QLabel("")
        self.rate.setObjectName("liveRate")
        self.rate.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.rate.setMinimumWidth(70)
        self.previous = QLabel("")
        self.previous.setObjectName("muted")
        self.previous.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(QCoreApplication.translate("EntryPage", "Ghi chú…"))
        self.comment.setMinimumWidth(140)
        self.message = QLabel("")
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.hide()
        self.suggestion: QWidget | None = None
        self.suggestion_label: QLabel | None = None
        self.suggestion_button: QPushButton | None = None
        self.loaded = Entry(ind.code, breakdown)

    @property
    def key(self) -> Key:
        return (self.indicator.code, self.breakdown)

    def edits(self) -> list[QWidget]:
        return [w for w in (self.numerator, self.denominator, self.value, self.flag, self.level,
                            self.decision_no, self.decision_date, self.decision_body) if w is not None]

    def connect(self, slot: Callable[[], None]) -> None:
        for edit in (self.numerator, self.denominator, self.value, self.comment, self.decision_no,
                     self.decision_date, self.decision_body):
            if edit is not None:
                edit.textChanged.connect(slot)
        for combo in (self.flag, self.level):
            if combo is not None:
                combo.currentIndexChanged.connect(slot)

    def load(self, entry: Entry | None) -> None:
        entry = entry or Entry(self.indicator.code, self.breakdown)
        self.loaded = Entry(entry.indicator, entry.breakdown, entry.numerator, entry.denominator, entry.value,
                            entry.comment or "", entry.decision_no or "", entry.decision_date or None,
                            entry.decision_body or "")
        if self.numerator is not None:
            self.numerator.setText(format_int(entry.numerator))
            self.denominator.setText(format_int(entry.denominator))
        if self.value is not None:
            self.value.setText(format_int(entry.value))
        if self.flag is not None:
            index = next((i for i, (_, v) in enumerate(FLAG_CHOICES) if v == entry.value), 0)
            self.flag.setCurrentIndex(index)
        if self.level is not None:
            index = self.level.findData(entry.value) if entry.value is not None else 0
            self.level.setCurrentIndex(max(0, index))
            self.decision_no.setText(entry.decision_no or "")
            self.decision_date.setText(_vn_date(entry.decision_date))
            self.decision_body.setText(entry.decision_body or "")
            for edit in (self.decision_no, self.decision_date, self.decision_body):
                edit.setCursorPosition(0)  # long texts read from their start
        self.comment.setText(entry.comment or "")

    def read(self) -> ReadResult:
        errors: dict[str, str] = {}
        figures: dict[str, int | None] = {"numerator": None, "denominator": None, "value": None}
        for name, edit in (("numerator", self.numerator), ("denominator", self.denominator), ("value", self.value)):
            if edit is None:
                continue
            parsed = parse_whole_number(edit.text())
            if parsed.error:
                errors[name] = parsed.error
            figures[name] = parsed.value
        if self.flag is not None:
            figures["value"] = self.flag.currentData()
        decision = {"decision_no": "", "decision_date": None, "decision_body": ""}
        if self.level is not None:
            figures["value"] = self.level.currentData()
            decision["decision_no"] = self.decision_no.text().strip()
            decision["decision_body"] = self.decision_body.text().strip()
            iso, error = parse_decision_date(self.decision_date.text())
            if error:
                errors["decision_date"] = QCoreApplication.translate(
                    "EntryPage", "«{text}» không phải là ngày (dạng đúng: 31/05/2024)").format(
                    text=self.decision_date.text().strip())
            decision["decision_date"] = iso
        if errors:
            return ReadResult(None, errors)
        entry = Entry(self.indicator.code, self.breakdown, figures["numerator"], figures["denominator"],
                      figures["value"], self.comment.text().strip(), **decision)
        return ReadResult(entry, {})

    def is_modified(self) -> bool:
        result = self.read()
        if result.entry is None:
            return True
        e, old = result.entry, self.loaded
        return (e.figures() != old.figures() or (e.comment or "") != (old.comment or "").strip()
                or _decision(e) != _decision(old))

    def show_state(self, issues: list[Issue], parse_errors: dict[str, str], entry: Entry | None,
                   target: float | None, target_op: str | None) -> None:
        """Colour the fields and write the messages beside them; update the live rate."""
        severity_by_field: dict[str, str] = {}
        lines: list[tuple[str, str]] = []
        for name, text in parse_errors.items():
            severity_by_field[name] = "error"
            lines.append(("error", f"{field_name(name)}: {core_words(text)}."))
        for issue in issues:
            fld = issue.field if issue.field in ("numerator", "denominator", "value", *DECISION_FIELDS) else "value"
            if severity_by_field.get(fld) != "error":
                severity_by_field[fld] = issue.severity
            text = _issue_text(self.indicator, issue)
            lines.append((issue.severity, f"{field_name(issue.field)}: {text}"))
        for name, widget in (("numerator", self.numerator), ("denominator", self.denominator),
                             ("value", self.value), ("value", self.flag), ("value", self.level),
                             ("decision_no", self.decision_no), ("decision_date", self.decision_date),
                             ("decision_body", self.decision_body)):
            if widget is not None:
                _set_severity(widget, severity_by_field.get(name, ""))
        if lines:
            html = "<br>".join(
                f"<span style='color:{STATUS_COLOURS['far'] if sev == 'error' else '#a86f00'}'>"
                f"{'⛔' if sev == 'error' else '⚠'} {_escape(text)}</span>" for sev, text in lines)
            self.message.setText(html)
            self.message.setToolTip("\n".join(core_words(i.message) for i in issues))
            self.message.show()
        else:
            self.message.clear()
            self.message.hide()
        if self.indicator.has_fraction:
            value = rate(entry.numerator, entry.denominator) if entry is not None and not parse_errors else None
            has_error = any(sev == "error" for sev, _ in lines)
            self.rate.setText("—" if value is None or has_error else format_percent(value))
            colour = ""
            if value is not None and not has_error and target is not None and target_op in (">=", ">"):
                met = value >= target if target_op == ">=" else value > target
                colour = STATUS_COLOURS["met"] if met else STATUS_COLOURS["far"]
            self.rate.setStyleSheet(f"color: {colour};" if colour else "")


def _decision(e: Entry) -> tuple[str, str | None, str]:
    return ((e.decision_no or "").strip(), e.decision_date or None, (e.decision_body or "").strip())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _previous_text(ind: Indicator, entry: Entry | None) -> str:
    if entry is None or entry.is_blank():
        return "—"
    if ind.has_fraction:
        return format_percent(rate(entry.numerator, entry.denominator), blank="—")
    if ind.kind == "flag":
        return (QCoreApplication.translate("EntryPage", "đạt") if entry.value == 1
                else QCoreApplication.translate("EntryPage", "chưa đạt"))
    if ind.kind == "level":
        return degree_text(entry.value).lower()
    return format_int(entry.value)


# ---- the page ----------------------------------------------------------------------------------

class EntryPage(Page):
    title = QT_TRANSLATE_NOOP("EntryPage", "Nhập số liệu")
    icon_name = "entry"
    roles = frozenset({"commune", "district", "department"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.rows: dict[Key, EntryRow] = {}
        self.indicator_frames: dict[str, QFrame] = {}
        self._meta_labels: dict[str, QLabel] = {}
        self.tab_for_group: dict[int, int] = {}
        self.issues: list[Issue] = []
        self._built_for: tuple[tuple[str, str], ...] | None = None
        self._programme = "KH2780"
        self._catalogue: tuple[Period, Catalogue] | None = None
        self._loading = False
        self._saving = False
        self._modified = False
        self._stale = False
        self._previous: dict[Key, Entry] = {}
        self._last_year: dict[Key, Entry] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 12)
        outer.setSpacing(10)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.subheading = QLabel()
        self.subheading.setObjectName("muted")
        self.subheading.setWordWrap(True)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        head.addLayout(titles, 1)
        self.summary = QLabel()
        self.summary.setObjectName("entrySummary")
        head.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignVCenter)
        self.complete_box = QCheckBox(self.tr("Đánh dấu hoàn thành kỳ này"))
        self.complete_box.setToolTip(self.tr("Báo cho cấp trên biết đơn vị đã nhập xong số liệu của kỳ này."))
        self.complete_box.clicked.connect(self._on_complete_clicked)
        head.addWidget(self.complete_box, 0, Qt.AlignmentFlag.AlignVCenter)
        self.save_button = QPushButton(self.tr("Lưu (Ctrl+S)"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        head.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(head)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs, 1)
        # A level that enters nothing in the period's programme (a district from 2021) is told so.
        self.empty_note = QLabel()
        self.empty_note.setObjectName("muted")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_note.hide()
        outer.addWidget(self.empty_note, 1)

        self.history_model = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history_view.setMinimumHeight(150)
        self.history_view.setMaximumHeight(220)
        self.history_panel = CollapsiblePanel(self.tr("Lịch sử thay đổi của kỳ này"), self.history_view,
                                              expanded=False)
        self.history_panel.toggled.connect(lambda on: on and self._load_history())
        outer.addWidget(self.history_panel)

        ctx.period_changed.connect(self.refresh_when_shown)
        ctx.data_changed.connect(self._on_data_changed)
        # A new official name must not wipe figures being typed: same rule as data_changed.
        ctx.installation_changed.connect(self._on_data_changed)
        self.refresh()

    # ---- building ------------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue of the chosen period's programme, with the targets the database holds (a
        target the Department confirmed is no longer a draft); read once per refresh, not per key."""
        period = self.ctx.period
        if self._catalogue is None or self._catalogue[0] != period:
            self._catalogue = (period, catalogue_in_db(self.ctx.db, period))
        return self._catalogue[1]

    def indicators(self) -> list[Indicator]:
        """What this unit's level enters in the chosen period's programme that applies to the period."""
        inst = self.ctx.installation
        if inst is None:
            return []
        period = self.ctx.period
        return [i for i in self.catalogue.for_level(inst.unit.level) if applies(i.periodicity, period)]

    def _build(self, indicators: list[Indicator]) -> None:
        # The programme is part of the key: a code (TUAN_LE_HTSD) exists in both catalogues.
        codes = tuple((i.programme, i.code) for i in indicators)
        if codes == self._built_for:
            return
        self._built_for = codes
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.rows.clear()
        self.indicator_frames.clear()
        self._meta_labels.clear()
        self.tab_for_group.clear()
        by_group: dict[int, list[Indicator]] = {}
        for ind in indicators:
            by_group.setdefault(ind.group, []).append(ind)
        programme = indicators[0].programme if indicators else "KH2780"
        self._programme = programme
        for group in sorted(by_group):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            body = QWidget()
            body.setObjectName("pageBody")
            layout = QVBoxLayout(body)
            layout.setContentsMargins(4, 10, 10, 10)
            layout.setSpacing(12)
            title = QLabel(group_title(group, programme))
            title.setObjectName("cardTitle")
            layout.addWidget(title)
            for ind in by_group[group]:
                frame = self._indicator_card(ind)
                self.indicator_frames[ind.code] = frame
                layout.addWidget(frame)
            layout.addStretch(1)
            scroll.setWidget(body)
            self.tab_for_group[group] = self.tabs.addTab(scroll, f"{group}. {group_short(group, programme)}")
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _indicator_card(self, ind: Indicator) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        name = QLabel(indicator_name(ind))
        name.setObjectName("indicatorName")
        name.setWordWrap(True)
        layout.addWidget(name)
        meta = QLabel()
        meta.setObjectName("muted")
        meta.setWordWrap(True)
        meta.setProperty("indicator", ind.code)
        layout.addWidget(meta)
        self._meta_labels[ind.code] = meta  # refreshed per period (targets depend on it)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        previous, comment = self.tr("Kỳ trước"), self.tr("Ghi chú")
        if ind.has_fraction:
            headers = ["", self.tr("Tử số"), self.tr("Mẫu số"), self.tr("Tỷ lệ"), previous, comment]
        elif ind.kind == "flag":
            headers = ["", self.tr("Kết quả"), "", "", previous, comment]
        elif ind.kind == "level":
            headers = ["", self.tr("Mức độ được công nhận · số, ngày quyết định · cơ quan công nhận"), "", "",
                       previous, comment]
        else:
            headers = ["", self.tr("Giá trị"), "", "", previous, comment]
        for col, text in enumerate(headers):
            if text:
                header = QLabel(text)
                header.setObjectName("columnHeader")
                if ind.has_fraction and col in (1, 2):
                    header.setToolTip(core_label(ind.numerator_vi if col == 1 else ind.denominator_vi))
                grid.addWidget(header, 0, col, Qt.AlignmentFlag.AlignRight if col in (1, 2, 3, 4) and
                               ind.kind not in ("flag", "level") else Qt.AlignmentFlag.AlignLeft)
        r = 1
        for bd in entry_keys(ind):
            row = EntryRow(ind, bd)
            self.rows[row.key] = row
            # A single row needs no "Tổng số" label; with breakdowns it tells the rows apart.
            who = QLabel(breakdown_name(bd) if ind.breakdowns else "")
            who.setObjectName("rowLabel" if bd is None else "rowLabelSub")
            grid.addWidget(who, r, 0)
            if ind.has_fraction:
                grid.addWidget(row.numerator, r, 1)
                grid.addWidget(row.denominator, r, 2)
                grid.addWidget(row.rate, r, 3)
            elif row.flag is not None:
                grid.addWidget(row.flag, r, 1, 1, 3)
            elif row.level_box is not None:
                grid.addWidget(row.level_box, r, 1, 1, 3)
            else:
                grid.addWidget(row.value, r, 1)
            grid.addWidget(row.previous, r, 4)
            grid.addWidget(row.comment, r, 5)
            r += 1
            if row.level is not None:
                grid.addWidget(row.level_note, r, 1, 1, 5)
                r += 1
            if bd is None and ind.code in SUGGESTED_NUMERATORS:
                row.suggestion = QWidget()
                box = QHBoxLayout(row.suggestion)
                box.setContentsMargins(0, 0, 0, 0)
                row.suggestion_label = QLabel()
                row.suggestion_label.setObjectName("suggestion")
                row.suggestion_button = QPushButton(self.tr("Dùng số này"))
                row.suggestion_button.setObjectName("linkButton")
                row.suggestion_button.clicked.connect(lambda _=False, rw=row: self._use_suggestion(rw))
                box.addWidget(row.suggestion_label)
                box.addWidget(row.suggestion_button)
                box.addStretch(1)
                row.suggestion.hide()
                grid.addWidget(row.suggestion, r, 1, 1, 5)
                r += 1
            grid.addWidget(row.message, r, 1, 1, 5)
            r += 1
            row.connect(self._on_edited)
            # Enter moves on to the next field, as in the paper-form habit of typing down a column.
            for edit in (row.numerator, row.denominator, row.value):
                if edit is not None:  # a number: Enter goes on to the next number (Mẫu số → next Tử số)
                    edit.returnPressed.connect(lambda e=edit: self._focus_next_number(e))
            for edit in (row.decision_no, row.decision_date, row.decision_body, row.comment):
                if edit is not None:
                    edit.returnPressed.connect(self._focus_next_field)
        grid.setColumnMinimumWidth(0, 130)
        grid.setColumnStretch(5, 1)
        layout.addLayout(grid)
        return frame

    # ---- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild for the period if needed and load what is stored (pending edits are dropped)."""
        inst = self.ctx.installation
        if inst is None:
            return
        period = self.ctx.period
        self._stale = False
        self._catalogue = None  # targets may have been confirmed since
        self._build(self.indicators())
        by_code = self.catalogue.by_code
        for (code, _bd), row in self.rows.items():  # the same form, the targets as now stored
            row.indicator = by_code.get(code, row.indicator)
        db, unit = self.ctx.db, inst.unit
        stored = values_repo.load_entries(db, unit.id, period.code)
        # 2020 -> 2021 changes programme: a code both catalogues share (TUAN_LE_HTSD) is another
        # indicator of another plan, so the period before is not compared with (domain.aggregation).
        prev = change_period(period)
        self._previous = values_repo.load_entries(db, unit.id, prev.code) if prev else {}
        last = trend_period(period)
        self._last_year = values_repo.load_entries(db, unit.id, last.code) if last else {}
        self._loading = True
        try:
            for key, row in self.rows.items():
                row.load(stored.get(key))
                row.previous.setText(_previous_text(row.indicator, self._previous.get(key)))
                row.previous.setToolTip(period_name(prev) if prev else "")
            self.complete_box.setChecked(values_repo.is_complete(db, unit.id, period.code))
        finally:
            self._loading = False
        self.heading.setText(self.tr("Nhập số liệu — {period}").format(period=period_name(period)))
        level_word = {"xa": self.tr("chỉ tiêu cấp xã"), "huyen": self.tr("chỉ tiêu cấp huyện"),
                      "tinh": self.tr("chỉ tiêu cấp tỉnh")}[unit.level]
        self.subheading.setText(self.tr("{unit} ({code}) · {scope} · {programme} · ô để trống là chưa báo cáo "
                                        "(khác số 0)").format(unit=unit.name, code=unit.code, scope=level_word,
                                                              programme=programme_name(self.catalogue.programme)))
        self.subheading.setToolTip(self.tr("Số có thể gõ dạng 1234 hoặc 1.234. Bấm Ctrl+S để lưu."))
        self.empty_note.setVisible(not self.rows)
        self.tabs.setVisible(bool(self.rows))
        if not self.rows:
            programme = programme_name(self.catalogue.programme)
            if self.catalogue.for_level(unit.level):  # the level's indicators are yearly
                self.empty_note.setText(self.tr(
                    "Các chỉ tiêu của {programme} báo cáo theo năm: chọn kỳ «Cả năm {year}» ở thanh trên cùng.")
                    .format(programme=programme, year=period.year))
            else:
                self.empty_note.setText(self.tr(
                    "{programme} không có chỉ tiêu nào do {scope} nhập. Số liệu của đơn vị là tổng hợp từ các "
                    "đơn vị cấp dưới: xem trang Tổng quan.").format(
                    programme=programme,
                    scope={"xa": self.tr("cấp xã"), "huyen": self.tr("cấp huyện"), "tinh": self.tr("cấp tỉnh")}[unit.level]))
        self._refresh_targets(period)
        from ui.widgets.returns_card import annotate_entry_corrections  # noqa: PLC0415 - issue 11
        annotate_entry_corrections(self)
        self._refresh_suggestions()
        self._refresh_levels()
        self.validate()
        self._set_modified(False)
        if self.history_panel.expanded:
            self._load_history()

    def _refresh_targets(self, period: Period) -> None:
        for code, meta in self._meta_labels.items():
            ind = self.rows[(code, None)].indicator
            parts = []
            if ind.has_fraction:
                parts.append(self.tr("Tử số: {numerator}. Mẫu số: {denominator}.").format(
                    numerator=core_label(ind.numerator_vi), denominator=core_label(ind.denominator_vi)))
            if ind.target_op == "increase":
                last = period.same_period_last_year()
                e = self._last_year.get((code, None))
                last_rate = rate(e.numerator, e.denominator) if e else None
                when = period_name(last).lower() if last else self.tr("cùng kỳ năm trước")
                parts.append(self.tr("Mục tiêu: cao hơn cùng kỳ năm trước ({when}: {value}).").format(
                    when=when, value=format_percent(last_rate, blank=self.tr("chưa có số liệu"))))
            elif any(ind.targets.get(y) is not None or ind.is_draft(y) for y in ind.target_years):
                parts.append(self.tr("Mục tiêu {targets} (kỳ này so với mục tiêu {year}).").format(
                    targets=" · ".join(self._target_part(ind, y) for y in ind.target_years),
                    year=period.target_year))
                if ind.is_draft(period.target_year):
                    parts.append(self.tr("Mục tiêu {year} là {draft}.").format(year=period.target_year,
                                                                             draft=draft_note()))
            parts.append(self.tr("Mã {code} · {ref} · {owner}").format(code=ind.code, ref=ind.plan_ref,
                                                                        owner=ind.owner))
            meta.setText(" ".join(parts))

    def _target_part(self, ind: Indicator, year: int) -> str:
        """"2025: ≥ 80%", "2030: — (dự thảo)"."""
        text = f"{year}: {target_text(ind, year)}"
        return text + self.tr(" (dự thảo)") if ind.is_draft(year) else text

    def _refresh_levels(self) -> None:
        """Under each degree: the NĐ 20/2014 suggestion from the form's own rates (never written into
        the field) and, for a recognition that lapses, until when it holds or that it has lapsed."""
        level_rows = [row for row in self.rows.values() if row.level is not None]
        if not level_rows:
            return
        figures: dict[str, tuple[int | None, int | None]] = {}
        recognised: dict[str, int] = {}
        period = self.ctx.period
        for (code, bd), row in self.rows.items():
            if bd is not None:
                continue
            result = row.read()
            if result.entry is None:
                continue
            e = result.entry
            if row.indicator.has_fraction:
                figures[code] = (e.numerator, e.denominator)
            elif row.level is not None and e.value is not None:
                degree = levels.effective_degree(code, e.value, e.decision_date, period)
                recognised[code] = degree
        for row in level_rows:
            lines = []
            result = row.read()
            e = result.entry
            code = row.indicator.code
            if e is not None and e.value and e.decision_date:
                until = levels.lapse_date(code, e.decision_date)
                if until is not None and levels.is_lapsed(code, e.decision_date, period):
                    lines.append(f"<span style='color:{STATUS_COLOURS['far']}'>⚠ " + _escape(self.tr(
                        "Công nhận đã hết hiệu lực từ {day} (36 tháng sau quyết định): kỳ này tính là chưa đạt.")
                        .format(day=_vn_date(until))) + "</span>")
                elif until is not None:
                    lines.append(_escape(self.tr("Công nhận còn hiệu lực đến hết {day} (36 tháng sau quyết định).")
                                         .format(day=_vn_date(until - dt.timedelta(days=1)))))
            others = {k: v for k, v in recognised.items() if k != code}
            suggestion = levels.suggest_degree(code, figures, others)
            if suggestion is not None:
                text = self.tr("Gợi ý theo NĐ 20/2014: {degree}").format(
                    degree=degree_text(suggestion.degree).lower())
                if suggestion.partial:
                    text += self.tr(" (chưa xét các điều kiện khác của mức độ này)")
                if not suggestion.dbkk_known:
                    text += self.tr(" — tính theo ngưỡng chung (xã ĐBKK có ngưỡng thấp hơn)")
                lines.append(_escape(text))
                row.level_note.setToolTip(self.tr("Tính từ tỷ lệ của xã trong kỳ: {rates}. Chỉ là gợi ý: mức độ "
                                                  "báo cáo là mức độ ghi trong quyết định công nhận.").format(
                    rates="; ".join(f"{c} {format_percent(v)}" for c, v in suggestion.rates.items())))
            else:
                row.level_note.setToolTip("")
            row.level_note.setText("<br>".join(lines))
            row.level_note.setVisible(bool(lines))

    def _refresh_suggestions(self) -> None:
        inst = self.ctx.installation
        for row in self.rows.values():
            if row.suggestion is None:
                continue
            provider = SUGGESTED_NUMERATORS.get(row.indicator.code)
            value = provider(self.ctx.db, inst.unit.id, self.ctx.period.code) if provider else None
            row.suggested_value = value
            if value is None:
                row.suggestion.hide()
            else:
                row.suggestion_label.setText(self.tr("Gợi ý từ sổ TTHTCĐ: {n} người —").format(n=format_int(value)))
                row.suggestion_label.setToolTip(_suggestion_rule())
                row.suggestion.show()

    def _use_suggestion(self, row: EntryRow) -> None:
        """Only on the official's click: a suggestion never overwrites what was typed by itself."""
        value = getattr(row, "suggested_value", None)
        if value is not None and row.numerator is not None:
            row.numerator.setText(format_int(value))
            row.numerator.setFocus()

    def _focus_next_field(self) -> None:
        self.focusNextChild()

    def number_edits(self) -> list[QLineEdit]:
        """The number fields in the order of the form (each indicator's Tử số, Mẫu số or value)."""
        return [e for row in self.rows.values() for e in (row.numerator, row.denominator, row.value)
                if e is not None]

    def _focus_next_number(self, edit: QLineEdit) -> None:
        """Enter in a number field: the next number field, as down a paper column; Ghi chú and the
        decision fields are reached with Tab. On another tab of the form, that tab is shown."""
        edits = self.number_edits()
        if edit not in edits:
            return
        for nxt in edits[edits.index(edit) + 1:]:
            if not nxt.isEnabled():
                continue
            row = next(r for r in self.rows.values() if nxt in (r.numerator, r.denominator, r.value))
            index = self.tab_for_group.get(row.indicator.group)
            if index is not None and self.tabs.currentIndex() != index:
                self.tabs.setCurrentIndex(index)
            nxt.setFocus(Qt.FocusReason.TabFocusReason)
            nxt.selectAll()
            return

    def _on_data_changed(self) -> None:
        if self._saving:
            return
        if self._modified:
            # Keep the official's pending edits; reload once they are saved or dropped.
            self._stale = True
            return
        self.refresh_when_shown()

    def _load_history(self) -> None:
        inst = self.ctx.installation
        if inst is None:
            return
        rows = values_repo.history_for_unit(self.ctx.db, inst.unit.id, self.ctx.period.code, limit=HISTORY_LIMIT)
        self.history_model.set_rows(rows)
        count = f"{len(rows)}{'+' if len(rows) >= HISTORY_LIMIT else ''}"
        self.history_panel.set_title(self.tr("Lịch sử thay đổi của kỳ này ({n})").format(n=count))

    # ---- editing and validation ------------------------------------------------------------------

    def _on_edited(self, *args) -> None:
        if self._loading:
            return
        # Synchronous: the whole form validates in about a millisecond, so messages follow each key.
        self.validate()
        self._refresh_levels()
        self._set_modified(any(row.is_modified() for row in self.rows.values()))

    def current_entries(self) -> tuple[list[Entry], dict[Key, dict[str, str]]]:
        """The form as entries, and the fields that could not be read as whole numbers."""
        entries, parse_errors = [], {}
        for key, row in self.rows.items():
            result = row.read()
            if result.entry is None:
                parse_errors[key] = result.parse_errors
            else:
                entries.append(result.entry)
        return entries, parse_errors

    def validate(self) -> list[Issue]:
        """Run the core's rules on the whole form and show each message beside its field."""
        entries, parse_errors = self.current_entries()
        issues = validate_entries(entries, self._previous or None, catalogue=self.catalogue)
        self.issues = issues
        by_key: dict[Key, list[Issue]] = {}
        for issue in issues:
            by_key.setdefault((issue.indicator, issue.breakdown), []).append(issue)
        by_entry = {e.key: e for e in entries}
        period = self.ctx.period
        errors_per_group: dict[int, int] = {}
        for key, row in self.rows.items():
            ind = row.indicator
            target = ind.target_for_year(period.target_year)
            row.show_state(by_key.get(key, []), parse_errors.get(key, {}), by_entry.get(key), target, ind.target_op)
            n_errors = len(parse_errors.get(key, {})) + sum(1 for i in by_key.get(key, []) if i.severity == "error")
            if n_errors:
                errors_per_group[ind.group] = errors_per_group.get(ind.group, 0) + n_errors
        for group, index in self.tab_for_group.items():
            n = errors_per_group.get(group, 0)
            self.tabs.setTabText(index, f"{group}. {group_short(group, self._programme)}"
                                 + (self.tr(" ({n} lỗi)").format(n=n) if n else ""))
        n_errors = sum(errors_per_group.values())
        n_warnings = sum(1 for i in issues if i.severity == "warning")
        reported = sum(1 for e in entries if not e.is_blank())
        parts = [self.tr("{n}/{total} ô đã nhập").format(n=reported, total=len(self.rows))]
        if n_errors:
            parts.append(f"<span style='color:{STATUS_COLOURS['far']}'><b>"
                         + self.tr("{n} lỗi").format(n=n_errors) + "</b></span>")
        if n_warnings:
            parts.append("<span style='color:#a86f00'>" + self.tr("{n} cảnh báo").format(n=n_warnings) + "</span>")
        self.summary.setText(" · ".join(parts))
        return issues

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    # ---- Page contract ---------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self._modified

    def discard_changes(self) -> None:
        self._set_modified(False)
        self.refresh()

    def save(self) -> bool:
        """Save the whole form for this period; on any error show the messages and save nothing."""
        inst = self.ctx.installation
        if inst is None:
            return False
        self.validate()
        entries, parse_errors = self.current_entries()
        if parse_errors:
            lines = []
            for (code, bd), fields in parse_errors.items():
                ind = self.rows[(code, bd)].indicator
                lines += [f"{core_words(field_label(ind, bd, name))}: {core_words(text)}."
                          for name, text in fields.items()]
            messages.warn(self, self.tr("Chưa lưu: có ô không phải là số nguyên."), "\n".join(lines))
            self._focus_first_problem()
            return False
        period = self.ctx.period
        unit_id, actor, origin, previous = inst.unit.id, inst.actor, inst.installation_id, self._previous or None

        def op(db, _progress) -> Outcome:
            result = values_repo.save_entries(db, unit_id, period.code, entries, actor=actor, origin=origin,
                                              previous=previous)
            return Outcome(Changes(values=True), result)

        save = CollectionOp(self, self.tr("Lưu số liệu kỳ {period}").format(period=period.code), op)
        self._say_if_queued()
        try:
            self._saving = True  # the announcement below is ours: the form reloads once, here
            try:
                result = save.run_and_wait()
            finally:
                self._saving = False
        except UnitLifeError as exc:  # a period outside the unit's life: the successor is named
            messages.warn(self, self.tr("Chưa lưu: đơn vị không báo cáo kỳ này."), core_words(exc))
            return False
        except ValidationFailed as exc:
            errors = [core_words(i.message) for i in exc.issues if i.severity == "error"]
            messages.warn(self, self.tr("Chưa lưu: còn {n} lỗi, không có số liệu nào được ghi.").format(
                n=len(errors)), "\n".join(errors))
            self._focus_first_problem()
            return False
        except (sqlite3.Error, DatabaseError, OSError) as exc:  # another program's lock, a full disk: nothing saved
            messages.error(self, self.tr("Chưa lưu: không ghi được vào cơ sở dữ liệu, không có số liệu nào được ghi."),
                           core_words(exc))
            return False
        self.refresh()
        self.last_save_result = result
        window = self.window()
        if hasattr(window, "show_status"):
            window.show_status(self.tr("Đã lưu kỳ {period}: {n} số liệu thay đổi.").format(
                period=period.code, n=result.changed))
        return True

    def _focus_first_problem(self) -> None:
        for row in self.rows.values():
            for edit in row.edits():
                if edit.property("severity") == "error":
                    index = self.tab_for_group.get(row.indicator.group)
                    if index is not None:
                        self.tabs.setCurrentIndex(index)
                    edit.setFocus()
                    return

    # ---- completeness ----------------------------------------------------------------------------

    def _on_complete_clicked(self, checked: bool) -> None:
        inst = self.ctx.installation
        if inst is None:
            return
        if self._modified and not self.save():
            self.complete_box.setChecked(not checked)
            return
        if checked:
            entries, _ = self.current_entries()
            blank = sum(1 for e in entries if e.is_blank())
            if blank and not messages.confirm(
                    self, self.tr("Còn {n} ô chưa nhập (chưa báo cáo).").format(n=blank),
                    self.tr("Vẫn đánh dấu kỳ này là đã hoàn thành?"), yes=self.tr("Đánh dấu hoàn thành")):
                self.complete_box.setChecked(False)
                return
        unit_id, code, actor, origin = inst.unit.id, self.ctx.period.code, inst.actor, inst.installation_id

        def op(db, _progress) -> Outcome:
            values_repo.set_complete(db, unit_id, code, checked, actor=actor, origin=origin)
            return Outcome(Changes(complete=True))

        def done(_value) -> None:
            window = self.window()
            if hasattr(window, "show_status"):
                window.show_status(self.tr("Đã đánh dấu hoàn thành kỳ này.") if checked
                                   else self.tr("Đã bỏ đánh dấu hoàn thành."))

        def failed(exc: BaseException) -> None:
            self.complete_box.setChecked(not checked)
            messages.error(self, self.tr("Chưa ghi được dấu hoàn thành."), core_words(exc))

        self._say_if_queued()
        CollectionOp(self, self.tr("Đánh dấu hoàn thành"), op).success(done).failure(failed).run_in_background()

    def _say_if_queued(self) -> None:
        """A write waiting behind another (a merge holds the writer for seconds) says so."""
        busy = self.ctx.writer.busy_with()
        window = self.window()
        if busy and hasattr(window, "show_status"):
            window.show_status(self.tr("Đang chờ «{other}» xong rồi lưu…").format(other=busy))


__all__ = ["EntryPage", "EntryRow", "SUGGESTED_NUMERATORS"]
