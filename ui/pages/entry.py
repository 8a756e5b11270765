"""Nhập số liệu: the indicators this unit's level enters for the chosen period, one tab per group.

Each indicator shows its total and each breakdown (Nữ, DTTS) with numerator and denominator (rates),
a value (counts) or đạt/chưa đạt (flags), the rate computed live, the previous period's figure,
the target and a comment. The core's `validate_entries` runs on every keystroke; its messages
appear beside the field (errors red, warnings amber). Blank means "not reported" and stays blank.
Saving goes through `values_repo.save_entries` (all or nothing, with history).
"""

from __future__ import annotations

import importlib
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

from xhht_desktop.db import values_repo
from xhht_desktop.db.units_repo import UnitLifeError
from xhht_desktop.db.values_repo import ValidationFailed
from xhht_desktop.domain.catalogue import (
    Indicator,
    entry_keys,
    indicators_for_level,
)
from xhht_desktop.domain.periods import Period, applies
from xhht_desktop.domain.values import (
    Entry,
    Issue,
    field_label,
    format_int,
    format_percent,
    parse_whole_number,
    rate,
    validate_entries,
)

from ui.context import AppContext
from ui.models.history_model import HistoryModel
from ui.models.presentation import (
    STATUS_COLOURS,
    breakdown_name,
    field_name,
    group_short,
    group_title,
    indicator_name,
    period_name,
    target_text,
)
from ui.pages.base import Page
from ui.widgets import messages
from ui.widgets.collapsible import CollapsiblePanel

Key = tuple[str, str | None]

FLAG_CHOICES: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("EntryPage", "— chưa báo cáo —"), None),
    (QT_TRANSLATE_NOOP("EntryPage", "Đạt / Có (1)"), 1),
    (QT_TRANSLATE_NOOP("EntryPage", "Chưa đạt / Không (0)"), 0),
)

HISTORY_LIMIT = 100


# ---- suggestions from other features ---------------------------------------------------------

def _clc_suggestion(db, unit_id: int, period_code: str) -> int | None:
    """Rural workers (persons) counted in the TTHTCĐ log, when the CLC feature is installed."""
    try:
        module = importlib.import_module("xhht_desktop.clc.summary")
    except ModuleNotFoundError as exc:
        if exc.name in ("xhht_desktop.clc", "xhht_desktop.clc.summary"):
            return None
        raise
    fn = getattr(module, "suggested_rural_workers", None)
    return fn(db, unit_id, period_code) if fn is not None else None


def _suggestion_rule() -> str:
    """How the CLC suggestion counts people (shown as a tooltip), when the feature is installed."""
    try:
        from xhht_desktop.clc.summary import SUGGESTION_RULE_VI
    except ImportError:
        return ""
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
        if ind.has_fraction:
            self.numerator = _number_edit()
            self.denominator = _number_edit()
            self.numerator.setToolTip(ind.numerator_vi)
            self.denominator.setToolTip(ind.denominator_vi)
        elif ind.kind == "flag":
            self.flag = QComboBox()
            for text, value in FLAG_CHOICES:
                self.flag.addItem(QCoreApplication.translate("EntryPage", text), value)
            self.flag.setMinimumWidth(190)
            self.flag.setProperty("severity", "")
            self.flag.setToolTip(ind.numerator_vi)
        else:
            self.value = _number_edit()
            self.value.setToolTip(ind.numerator_vi)
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
        return [w for w in (self.numerator, self.denominator, self.value, self.flag) if w is not None]

    def connect(self, slot: Callable[[], None]) -> None:
        for edit in (self.numerator, self.denominator, self.value, self.comment):
            if edit is not None:
                edit.textChanged.connect(slot)
        if self.flag is not None:
            self.flag.currentIndexChanged.connect(slot)

    def load(self, entry: Entry | None) -> None:
        entry = entry or Entry(self.indicator.code, self.breakdown)
        self.loaded = Entry(entry.indicator, entry.breakdown, entry.numerator, entry.denominator, entry.value,
                            entry.comment or "")
        if self.numerator is not None:
            self.numerator.setText(format_int(entry.numerator))
            self.denominator.setText(format_int(entry.denominator))
        if self.value is not None:
            self.value.setText(format_int(entry.value))
        if self.flag is not None:
            index = next((i for i, (_, v) in enumerate(FLAG_CHOICES) if v == entry.value), 0)
            self.flag.setCurrentIndex(index)
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
        if errors:
            return ReadResult(None, errors)
        entry = Entry(self.indicator.code, self.breakdown, figures["numerator"], figures["denominator"],
                      figures["value"], self.comment.text().strip())
        return ReadResult(entry, {})

    def is_modified(self) -> bool:
        result = self.read()
        if result.entry is None:
            return True
        e, old = result.entry, self.loaded
        return e.figures() != old.figures() or (e.comment or "") != (old.comment or "").strip()

    def show_state(self, issues: list[Issue], parse_errors: dict[str, str], entry: Entry | None,
                   target: float | None, target_op: str | None) -> None:
        """Colour the fields and write the messages beside them; update the live rate."""
        severity_by_field: dict[str, str] = {}
        lines: list[tuple[str, str]] = []
        for name, text in parse_errors.items():
            severity_by_field[name] = "error"
            lines.append(("error", f"{field_name(name)}: {text}."))
        for issue in issues:
            fld = issue.field if issue.field in ("numerator", "denominator", "value") else "value"
            if severity_by_field.get(fld) != "error":
                severity_by_field[fld] = issue.severity
            prefix = field_label(self.indicator, issue.breakdown, issue.field) + ": "
            text = issue.message[len(prefix):] if issue.message.startswith(prefix) else issue.message
            lines.append((issue.severity, f"{field_name(issue.field)}: {text}"))
        for name, widget in (("numerator", self.numerator), ("denominator", self.denominator),
                             ("value", self.value), ("value", self.flag)):
            if widget is not None:
                _set_severity(widget, severity_by_field.get(name, ""))
        if lines:
            html = "<br>".join(
                f"<span style='color:{STATUS_COLOURS['far'] if sev == 'error' else '#a86f00'}'>"
                f"{'⛔' if sev == 'error' else '⚠'} {_escape(text)}</span>" for sev, text in lines)
            self.message.setText(html)
            self.message.setToolTip("\n".join(i.message for i in issues))
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
        self._built_for: tuple[str, ...] | None = None
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

        ctx.period_changed.connect(lambda _p: self.refresh())
        ctx.data_changed.connect(self._on_data_changed)
        # A new official name must not wipe figures being typed: same rule as data_changed.
        ctx.installation_changed.connect(self._on_data_changed)
        self.refresh()

    # ---- building ------------------------------------------------------------------------------

    def indicators(self) -> list[Indicator]:
        """What this unit's level enters that applies to the chosen period."""
        inst = self.ctx.installation
        if inst is None:
            return []
        period = self.ctx.period
        return [i for i in indicators_for_level(inst.unit.level) if applies(i.periodicity, period)]

    def _build(self, indicators: list[Indicator]) -> None:
        codes = tuple(i.code for i in indicators)
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
        for group in sorted(by_group):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            body = QWidget()
            body.setObjectName("pageBody")
            layout = QVBoxLayout(body)
            layout.setContentsMargins(4, 10, 10, 10)
            layout.setSpacing(12)
            title = QLabel(group_title(group))
            title.setObjectName("cardTitle")
            layout.addWidget(title)
            for ind in by_group[group]:
                frame = self._indicator_card(ind)
                self.indicator_frames[ind.code] = frame
                layout.addWidget(frame)
            layout.addStretch(1)
            scroll.setWidget(body)
            self.tab_for_group[group] = self.tabs.addTab(scroll, f"{group}. {group_short(group)}")
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
        else:
            headers = ["", self.tr("Giá trị"), "", "", previous, comment]
        for col, text in enumerate(headers):
            if text:
                header = QLabel(text)
                header.setObjectName("columnHeader")
                if ind.has_fraction and col in (1, 2):
                    header.setToolTip(ind.numerator_vi if col == 1 else ind.denominator_vi)
                grid.addWidget(header, 0, col, Qt.AlignmentFlag.AlignRight if col in (1, 2, 3, 4) and
                               ind.kind != "flag" else Qt.AlignmentFlag.AlignLeft)
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
            else:
                grid.addWidget(row.value, r, 1)
            grid.addWidget(row.previous, r, 4)
            grid.addWidget(row.comment, r, 5)
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
            for edit in (row.numerator, row.denominator, row.value, row.comment):
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
        self._build(self.indicators())
        db, unit = self.ctx.db, inst.unit
        stored = values_repo.load_entries(db, unit.id, period.code)
        prev = period.previous()
        self._previous = values_repo.load_entries(db, unit.id, prev.code) if prev else {}
        last = period.same_period_last_year()
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
        self.subheading.setText(self.tr("{unit} ({code}) · {scope} · ô để trống là chưa báo cáo (khác số 0)").format(
            unit=unit.name, code=unit.code, scope=level_word))
        self.subheading.setToolTip(self.tr("Số có thể gõ dạng 1234 hoặc 1.234. Bấm Ctrl+S để lưu."))
        self._refresh_targets(period)
        self._refresh_suggestions()
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
                    numerator=ind.numerator_vi, denominator=ind.denominator_vi))
            if ind.target_op == "increase":
                last = period.same_period_last_year()
                e = self._last_year.get((code, None))
                last_rate = rate(e.numerator, e.denominator) if e else None
                when = period_name(last).lower() if last else self.tr("cùng kỳ năm trước")
                parts.append(self.tr("Mục tiêu: cao hơn cùng kỳ năm trước ({when}: {value}).").format(
                    when=when, value=format_percent(last_rate, blank=self.tr("chưa có số liệu"))))
            elif ind.target_2015 is not None or ind.target_2020 is not None:
                parts.append(self.tr("Mục tiêu 2015: {t2015} · 2020: {t2020} (kỳ này so với mục tiêu {year}).").format(
                    t2015=target_text(ind, 2015), t2020=target_text(ind, 2020), year=period.target_year))
            parts.append(self.tr("Mã {code} · {ref} · {owner}").format(code=ind.code, ref=ind.plan_ref,
                                                                        owner=ind.owner))
            meta.setText(" ".join(parts))

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

    def _on_data_changed(self) -> None:
        if self._saving:
            return
        if self._modified:
            # Keep the official's pending edits; reload once they are saved or dropped.
            self._stale = True
            return
        self.refresh()

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
        issues = validate_entries(entries, self._previous or None)
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
            self.tabs.setTabText(index, f"{group}. {group_short(group)}"
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
                lines += [f"{field_label(ind, bd, name)}: {text}." for name, text in fields.items()]
            messages.warn(self, self.tr("Chưa lưu: có ô không phải là số nguyên."), "\n".join(lines))
            self._focus_first_problem()
            return False
        period = self.ctx.period
        try:
            result = values_repo.save_entries(self.ctx.db, inst.unit.id, period.code, entries,
                                              actor=inst.actor, origin=inst.installation_id,
                                              previous=self._previous or None)
        except UnitLifeError as exc:  # a period outside the unit's life: the successor is named
            messages.warn(self, self.tr("Chưa lưu: đơn vị không báo cáo kỳ này."), str(exc))
            return False
        except ValidationFailed as exc:
            errors = [i.message for i in exc.issues if i.severity == "error"]
            messages.warn(self, self.tr("Chưa lưu: còn {n} lỗi, không có số liệu nào được ghi.").format(
                n=len(errors)), "\n".join(errors))
            self._focus_first_problem()
            return False
        self._saving = True
        try:
            self.ctx.notify_data_changed()
        finally:
            self._saving = False
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
        values_repo.set_complete(self.ctx.db, inst.unit.id, self.ctx.period.code, checked,
                                 actor=inst.actor, origin=inst.installation_id)
        self.ctx.notify_data_changed()
        window = self.window()
        if hasattr(window, "show_status"):
            window.show_status(self.tr("Đã đánh dấu hoàn thành kỳ này.") if checked
                               else self.tr("Đã bỏ đánh dấu hoàn thành."))


__all__ = ["EntryPage", "EntryRow", "SUGGESTED_NUMERATORS"]
