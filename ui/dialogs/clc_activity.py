"""The entry form of one TTHTCĐ activity, built to need few keystrokes.

- The date takes "15" (this month), "15/3" (nearest year) or a full date; ↑/↓ move it by a day.
- The title completes from earlier activities (accent-insensitive, anywhere in the title); picking
  one fills category, format, place, partner, sessions and funding as they were last time, and the
  cursor jumps to "Lượt người học".
- Category and format are picked by their first letter (each starts with a different one) and are
  remembered, as is the partner; the place defaults to the centre; sessions to 1.
- With one session every learner comes once, so "Người" follows "Lượt" until typed over.
- Enter saves; Ctrl+Enter saves and opens a fresh form keeping date, category, format, place and
  partner; Esc closes. Tab order follows the layout, left to right, top to bottom.

The dialog writes nothing itself: `save(values) -> list[FieldError]` (the page) builds, validates and
stores; on errors the form stays open with every message shown and the first bad field focused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from xhht_desktop.clc.domain import (
    CATEGORIES,
    FIELD_LABELS_VI,
    FORMATS,
    FUNDING_SUGGESTIONS,
    PARTNER_SUGGESTIONS,
    Activity,
    FieldError,
    complete_date,
    format_date,
)
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.values import format_int
from ui.i18n import core_words
from ui.models.core_labels import core_label


CENTRE_CHOICE = QT_TRANSLATE_NOOP("ClcActivityDialog", "Tại trung tâm")
FOLD_ROLE = Qt.ItemDataRole.UserRole + 10
TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 11
COUNT_KEYS = ("sessions", "visits", "women", "ethnic_minority", "rural_workers", "learners", "rural_workers_new")
# Module-level texts are marked for lupdate here and translated where shown (`_t`).
SHORT_LABELS = {"sessions": QT_TRANSLATE_NOOP("ClcActivityDialog", "Số buổi"),
                "visits": QT_TRANSLATE_NOOP("ClcActivityDialog", "Lượt người học"),
                "women": QT_TRANSLATE_NOOP("ClcActivityDialog", "Nữ (lượt)"),
                "ethnic_minority": QT_TRANSLATE_NOOP("ClcActivityDialog", "DTTS (lượt)"),
                "rural_workers": QT_TRANSLATE_NOOP("ClcActivityDialog", "LĐNT (lượt)"),
                "learners": QT_TRANSLATE_NOOP("ClcActivityDialog", "Người (không trùng)"),
                "rural_workers_new": QT_TRANSLATE_NOOP("ClcActivityDialog", "LĐNT mới trong năm")}
# The core's field labels (FIELD_LABELS_VI, also the Excel headers and the words of its messages),
# marked so the form's labels can be translated; a label missing here simply stays Vietnamese.
_FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Ngày"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Tên hoạt động"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Nhóm chuyên đề"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Hình thức"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Địa điểm"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Đơn vị phối hợp"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Nguồn kinh phí"),
    QT_TRANSLATE_NOOP("ClcActivityDialog", "Ghi chú"),
)
TIPS = {
    "date": QT_TRANSLATE_NOOP("ClcActivityDialog", "Gõ 15 = ngày 15 tháng này; 15/3 = 15 tháng 3; hoặc đủ "
                                                   "ngày/tháng/năm. Mũi tên lên/xuống: ±1 ngày."),
    "visits": QT_TRANSLATE_NOOP("ClcActivityDialog", "Lượt người học: một người học 10 buổi tính 10 lượt."),
    "women": QT_TRANSLATE_NOOP("ClcActivityDialog", "Số lượt người học là nữ (không lớn hơn Lượt người học)."),
    "ethnic_minority": QT_TRANSLATE_NOOP("ClcActivityDialog", "Số lượt người học là người dân tộc thiểu số."),
    "rural_workers": QT_TRANSLATE_NOOP("ClcActivityDialog", "Số lượt người học là lao động nông thôn."),
    "learners": QT_TRANSLATE_NOOP("ClcActivityDialog", "Số người khác nhau tham gia hoạt động này. Khi chỉ có 1 "
                                                       "buổi, tự lấy bằng Lượt người học."),
    "rural_workers_new": QT_TRANSLATE_NOOP(
        "ClcActivityDialog", "Số lao động nông thôn của hoạt động này CHƯA học ở trung tâm từ 01/01 năm nay (xem sổ "
                             "theo dõi người học). Cộng các số này ra số LĐNT không trùng trong năm — tử số gợi ý "
                             "của chỉ tiêu LĐNT học tại TTHTCĐ."),
    # The letters are those of the Vietnamese labels (the English list is picked by its own first letters).
    "category": QT_TRANSLATE_NOOP("ClcActivityDialog", "Gõ chữ cái đầu: X, C, P, S, D, T, V, K."),
    "format": QT_TRANSLATE_NOOP("ClcActivityDialog", "Gõ chữ cái đầu: L, C, N, T, H, S, K."),
    "end_date": QT_TRANSLATE_NOOP("ClcActivityDialog", "Chỉ cho lớp học kéo dài nhiều ngày; để trống nếu diễn ra "
                                                       "trong một ngày."),
    "cost": QT_TRANSLATE_NOOP("ClcActivityDialog", "Số tiền (đồng), ví dụ 1.500.000."),
}


def _t(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP above, in the interface language."""
    return QCoreApplication.translate("ClcActivityDialog", text)


class DateField(QWidget):
    """A date typed in the fewest keys (see `complete_date`), with a calendar button for the mouse."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False):
        super().__init__(parent)
        self.optional = optional
        self.reference = dt.date.today()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("dd/mm/yyyy") if not optional else self.tr("(không có)"))
        self.edit.setMaximumWidth(120)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self._normalise)
        layout.addWidget(self.edit)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Chọn trên lịch"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keeps Tab moving between fields
        self.button.clicked.connect(self._show_calendar)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def set_date(self, d: dt.date | None) -> None:
        if d is not None:
            self.reference = d
        self.edit.setText(format_date(d))
        self.changed.emit()

    def date(self) -> dt.date | None:
        return complete_date(self.edit.text(), self.reference)

    def value(self) -> object:
        """A date, None when blank, or the text as typed (so the message can quote it)."""
        text = self.edit.text().strip()
        if not text:
            return None
        return self.date() or text

    def _normalise(self) -> None:
        d = self.date()
        if d is not None and self.edit.text() != format_date(d):
            self.edit.setText(format_date(d))
        self.changed.emit()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if (obj is self.edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            d = self.date() or self.reference
            self.set_date(d + dt.timedelta(days=1 if event.key() == Qt.Key.Key_Up else -1))
            self.edit.selectAll()
            return True
        return super().eventFilter(obj, event)

    def _show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        current = self.date() or self.reference
        calendar.setSelectedDate(current)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(qdate):
            self.set_date(dt.date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()
            self.edit.setFocus()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        menu.exec(self.button.mapToGlobal(self.button.rect().bottomLeft()))


class FoldingCompleter(QCompleter):
    """Completes on the accent-free form of the words, anywhere in the text ("xoa mu" finds
    "Lớp xóa mù chữ thôn Kon Pia"), and inserts the text with its accents."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt API
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt API
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


def _combo(items: list[tuple[str, object]], *, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    for text, data in items:
        combo.addItem(text, data)
        combo.setItemData(combo.count() - 1, fold(text), FOLD_ROLE)
    if editable:
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # "khuyen" finds "Trạm Khuyến nông": the same accent-free completion as the title.
        completer = FoldingCompleter(combo.model(), combo)
        completer.setCompletionRole(FOLD_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
    combo.setMaxVisibleItems(15)
    return combo


def _unique(texts) -> list[str]:
    seen, out = set(), []
    for t in texts:
        if t and fold(t) not in seen:
            seen.add(fold(t))
            out.append(t)
    return out


class ClcActivityDialog(QDialog):
    """Add, edit or duplicate one activity. `mode` is "add", "edit" or "duplicate"."""

    def __init__(self, parent: QWidget | None, *, save: Callable[[dict], list[FieldError]],
                 mode: str = "add", activity: Activity | None = None, default_date: dt.date | None = None,
                 defaults: dict | None = None, templates: list[Activity] = (), branches: list[str] = (),
                 places: list[str] = (), partners: list[str] = (), fundings: list[str] = (),
                 centre_name: str = ""):
        super().__init__(parent)
        self._save = save
        self.mode = mode
        self.defaults = dict(defaults or {})
        self.saved_count = 0
        self._learners_auto = True
        self._applied: str | None = None  # the title whose usual settings were last filled in
        self._jump_pending = False
        self._templates = {fold(t.title): t for t in templates}
        self.setWindowTitle({"add": self.tr("Thêm hoạt động"), "edit": self.tr("Sửa hoạt động"),
                             "duplicate": self.tr("Nhân bản hoạt động (ghi thành hoạt động mới)")}[mode])
        self.setModal(True)
        root = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        root.addLayout(grid)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

        def label(key: str, text: str | None = None) -> QLabel:
            lab = QLabel(text or core_label(FIELD_LABELS_VI[key]))
            self.labels[key] = lab
            if key in TIPS:
                lab.setToolTip(_t(TIPS[key]))
            return lab

        # Row 0: date
        self.date = DateField()
        self.fields["date"] = self.date
        grid.addWidget(label("date"), 0, 0)
        grid.addWidget(self.date, 0, 1)
        hint = QLabel(self.tr("gõ 15 hoặc 15/3 · ↑↓ đổi ngày"))
        hint.setObjectName("muted")
        grid.addWidget(hint, 0, 2, 1, 2)
        # Row 1: title
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Ví dụ: Nói chuyện chuyên đề phòng chống sốt xuất huyết"))
        self.fields["title"] = self.title
        grid.addWidget(label("title"), 1, 0)
        grid.addWidget(self.title, 1, 1, 1, 3)
        model = QStandardItemModel(self)
        for t in templates:
            item = QStandardItem(t.title)
            item.setData(fold(t.title), FOLD_ROLE)
            item.setData(t, TEMPLATE_ROLE)
            model.appendRow(item)
        self.title_model = model
        self.completer = FoldingCompleter(model, self)
        self.completer.setCompletionRole(FOLD_ROLE)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.title.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._template_picked)
        self.title.editingFinished.connect(self._title_finished)
        # Row 2: category, format
        # Shown in the interface language; the stored value is the code.
        self.category = _combo([(core_label(lab), code) for code, lab in CATEGORIES])
        self.format = _combo([(core_label(lab), code) for code, lab in FORMATS])
        for key, combo in (("category", self.category), ("format", self.format)):
            combo.setCurrentIndex(-1)
            combo.setToolTip(_t(TIPS[key]))
            self.fields[key] = combo
        grid.addWidget(label("category"), 2, 0)
        grid.addWidget(self.category, 2, 1)
        grid.addWidget(label("format"), 2, 2)
        grid.addWidget(self.format, 2, 3)
        # Row 3: the counts, labels above
        counts = QGridLayout()
        counts.setHorizontalSpacing(8)
        counts.setVerticalSpacing(2)
        self.counts: dict[str, QLineEdit] = {}
        for col, key in enumerate(COUNT_KEYS):
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMaximumWidth(110)
            if key in TIPS:
                edit.setToolTip(_t(TIPS[key]))
            self.counts[key] = edit
            self.fields[key] = edit
            lab = label(key, _t(SHORT_LABELS[key]))
            counts.addWidget(lab, 0, col)
            counts.addWidget(edit, 1, col)
        grid.addWidget(QLabel(self.tr("Người học")), 3, 0, Qt.AlignmentFlag.AlignBottom)
        grid.addLayout(counts, 3, 1, 1, 3)
        self.counts["visits"].textEdited.connect(self._follow_visits)
        self.counts["sessions"].textEdited.connect(self._follow_visits)
        self.counts["learners"].textEdited.connect(self._learners_typed)
        # Row 4: place, partner
        place_items = [(_t(CENTRE_CHOICE), "")] + [(p, p) for p in _unique([*branches, *places])]
        self.place = _combo(place_items, editable=True)
        self.place.setToolTip(
            self.tr("Mặc định: tại trung tâm ({centre}); hoặc chọn/gõ điểm học tập ở thôn.").format(centre=centre_name)
            if centre_name else self.tr("Mặc định: tại trung tâm; hoặc chọn/gõ điểm học tập ở thôn."))
        self.fields["place"] = self.place
        self.partner = _combo([("", "")] + [(p, p) for p in _unique([*partners, *PARTNER_SUGGESTIONS])], editable=True)
        self.fields["partner"] = self.partner
        grid.addWidget(label("place"), 4, 0)
        grid.addWidget(self.place, 4, 1)
        grid.addWidget(label("partner"), 4, 2)
        grid.addWidget(self.partner, 4, 3)
        # Row 5: end date, cost, funding
        self.end_date = DateField(optional=True)
        self.fields["end_date"] = self.end_date
        grid.addWidget(label("end_date", self.tr("Đến ngày")), 5, 0)
        grid.addWidget(self.end_date, 5, 1)
        money = QHBoxLayout()
        self.cost = QLineEdit()
        self.cost.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.cost.setToolTip(_t(TIPS["cost"]))
        self.cost.setMinimumWidth(120)
        self.cost.setMaximumWidth(150)
        self.fields["cost"] = self.cost
        self.funding = _combo([("", "")] + [(f, f) for f in _unique([*fundings, *FUNDING_SUGGESTIONS])], editable=True)
        self.fields["funding"] = self.funding
        money.addWidget(self.cost)
        money.addWidget(label("funding", self.tr("Nguồn")))
        money.addWidget(self.funding, 1)
        grid.addWidget(label("cost", self.tr("Kinh phí (đồng)")), 5, 2)
        grid.addLayout(money, 5, 3)
        # Row 6: notes
        self.notes = QLineEdit()
        self.fields["notes"] = self.notes
        grid.addWidget(label("notes"), 6, 0)
        grid.addWidget(self.notes, 6, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.errors = QLabel()
        self.errors.setObjectName("fieldMessage")
        self.errors.setStyleSheet("color: #c62828;")
        self.errors.setWordWrap(True)
        self.errors.setVisible(False)
        root.addWidget(self.errors)
        self.status = QLabel()
        self.status.setObjectName("muted")
        root.addWidget(self.status)
        buttons = QHBoxLayout()
        keys = QLabel(self.tr("Enter: lưu · Ctrl+Enter: lưu và thêm tiếp · Esc: đóng"))
        keys.setObjectName("muted")
        buttons.addWidget(keys)
        buttons.addStretch(1)
        self.save_next_button = QPushButton(self.tr("Lưu và thêm tiếp"))
        self.save_next_button.setAutoDefault(False)
        self.save_next_button.clicked.connect(lambda: self.submit(keep_open=True))
        self.save_next_button.setVisible(mode != "edit")
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.submit(keep_open=False))
        cancel = QPushButton(self.tr("Đóng") if mode != "edit" else self.tr("Hủy"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        for b in (self.save_next_button, self.save_button, cancel):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(b)
        root.addLayout(buttons)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.activated.connect(lambda: self.submit(keep_open=mode != "edit"))

        # A completion list open under the cursor may take the keys first: Ctrl+Enter must still save.
        self._completers = (self.completer, self.place.completer(), self.partner.completer(),
                            self.funding.completer())
        for completer in self._completers:
            completer.popup().installEventFilter(self)

        order = [self.date.edit, self.title, self.category, self.format, *self.counts.values(),
                 self.place, self.partner, self.end_date.edit, self.cost, self.funding, self.notes,
                 self.save_next_button, self.save_button, cancel]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

        if activity is not None:
            self.fill(activity)
        else:
            self.reset(default_date or dt.date.today())
        # Typing replaces the whole date (QLineEdit selects all by itself only on Tab focus).
        self.date.edit.setFocus()
        self.date.edit.selectAll()
        self.resize(860, self.sizeHint().height())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Hide and obj is self.completer.popup() and self._jump_pending:
            QTimer.singleShot(0, self._jump_to_counts)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            obj.hide()
            QTimer.singleShot(0, lambda: self.submit(keep_open=self.mode != "edit"))
            return True
        return super().eventFilter(obj, event)

    # ---- filling -------------------------------------------------------------------------------

    def _set_combo(self, combo: QComboBox, value: str | None) -> None:
        index = combo.findData(value) if value is not None else -1
        if index < 0 and combo.isEditable() and value:
            combo.setCurrentIndex(-1)
            combo.setEditText(value)
        else:
            combo.setCurrentIndex(index)
            if combo.isEditable() and index >= 0:
                combo.setEditText(combo.itemText(index))

    def reset(self, day: dt.date) -> None:
        """A fresh form: the given day, remembered category/format/partner, the centre, 1 session."""
        self.date.set_date(day)
        self.end_date.set_date(None)
        self.title.clear()
        self._set_combo(self.category, self.defaults.get("category"))
        self._set_combo(self.format, self.defaults.get("format"))
        for edit in self.counts.values():
            edit.clear()
        self.counts["sessions"].setText("1")
        self._learners_auto = True
        self._set_combo(self.place, "")
        self._set_combo(self.partner, self.defaults.get("partner", ""))
        self.cost.clear()
        self._set_combo(self.funding, "")
        self.notes.clear()
        self._clear_errors()

    def fill(self, a: Activity) -> None:
        self.date.set_date(a.date)
        self.end_date.set_date(a.end_date)
        self.title.setText(a.title)
        self._set_combo(self.category, a.category)
        self._set_combo(self.format, a.format)
        for key, edit in self.counts.items():
            value = getattr(a, key)
            edit.setText("" if value is None else format_int(value))
        self._learners_auto = a.learners is None or (a.sessions == 1 and a.learners == a.visits)
        self._set_combo(self.place, a.place)
        self._set_combo(self.partner, a.partner)
        self.cost.setText("" if a.cost is None else format_int(a.cost))
        self._set_combo(self.funding, a.funding)
        self.notes.setText(a.notes)
        self._clear_errors()

    def _template_picked(self, index: QModelIndex) -> None:
        template = index.data(TEMPLATE_ROLE)
        if isinstance(template, Activity):
            self.apply_template(template)
            # Category, format, sessions and partner are filled: go straight to the numbers, once
            # the list has closed and handed the focus back to the title.
            # (The list may close before or after this signal, depending on the platform.)
            self._jump_pending = True
            QTimer.singleShot(0, self._jump_to_counts)

    def _jump_to_counts(self) -> None:
        if self._jump_pending and not self.completer.popup().isVisible():
            self._focus_first_count()

    def _focus_first_count(self) -> None:
        self._jump_pending = False
        target = self.counts["visits"] if self.counts["sessions"].text() else self.counts["sessions"]
        target.setFocus()
        target.selectAll()

    def _title_finished(self) -> None:
        # A title typed out in full (not picked from the list) still brings its usual settings,
        # but only on a new entry: editing must not silently change other fields.
        template = self._templates.get(fold(self.title.text()))
        if template is not None and self.mode == "add" and self._applied != template.title:
            self.apply_template(template)

    def apply_template(self, t: Activity) -> None:
        """What this title had last time: category, format, place, partner, sessions, funding."""
        self._applied = t.title
        self._set_combo(self.category, t.category)
        self._set_combo(self.format, t.format)
        self._set_combo(self.place, t.place)
        self._set_combo(self.partner, t.partner)
        self._set_combo(self.funding, t.funding)
        if not self.counts["visits"].text():
            self.counts["sessions"].setText(format_int(t.sessions))

    def add_template(self, a: Activity) -> None:
        """Offer a just-saved title for completion in the next entries of this session."""
        key = fold(a.title)
        if key not in self._templates:
            item = QStandardItem(a.title)
            item.setData(key, FOLD_ROLE)
            item.setData(a, TEMPLATE_ROLE)
            self.title_model.insertRow(0, item)
        self._templates[key] = a

    def _follow_visits(self, _text: str = "") -> None:
        if not self._learners_auto:
            return
        if self.counts["sessions"].text().strip() == "1":
            self.counts["learners"].setText(self.counts["visits"].text())
        else:
            self.counts["learners"].clear()

    def _learners_typed(self, _text: str) -> None:
        self._learners_auto = False

    # ---- saving --------------------------------------------------------------------------------

    def values(self) -> dict:
        """The raw field values for `build_activity` (codes for category/format, "" place = centre)."""
        place = self.place.currentText().strip()
        return {
            "date": self.date.value(),
            "end_date": self.end_date.value(),
            "title": self.title.text(),
            "category": self.category.currentData() if self.category.currentIndex() >= 0 else None,
            "format": self.format.currentData() if self.format.currentIndex() >= 0 else None,
            **{key: edit.text() for key, edit in self.counts.items()},
            "place": "" if place in (CENTRE_CHOICE, _t(CENTRE_CHOICE)) else place,
            "partner": self.partner.currentText(),
            "cost": self.cost.text(),
            "funding": self.funding.currentText(),
            "notes": self.notes.text(),
        }

    def _clear_errors(self) -> None:
        self.errors.clear()
        self.errors.setVisible(False)
        for widget in self.fields.values():
            target = widget.edit if isinstance(widget, DateField) else widget
            if target.property("severity"):
                target.setProperty("severity", "")
                target.style().unpolish(target)
                target.style().polish(target)

    def show_errors(self, errors: list[FieldError]) -> None:
        self._clear_errors()
        self.errors.setText(self.tr("Chưa lưu được:") + "\n• " + "\n• ".join(core_words(e.message) for e in errors))
        self.errors.setVisible(True)
        first = None
        for e in errors:
            widget = self.fields.get(e.field)
            if widget is None:
                continue
            target = widget.edit if isinstance(widget, DateField) else widget
            target.setProperty("severity", "error")
            target.style().unpolish(target)
            target.style().polish(target)
            first = first or target
        if first is not None:
            first.setFocus()
            if isinstance(first, QLineEdit):
                first.selectAll()

    def submit(self, *, keep_open: bool) -> bool:
        """Save through the page; on success close, or (keep_open) start the next entry."""
        for completer in self._completers:  # a list left open would cover the next entry
            completer.popup().hide()
        values = self.values()
        errors = self._save(values)
        if errors:
            self.show_errors(errors)
            return False
        self.saved_count += 1
        self.defaults.update({k: values[k] for k in ("category", "format", "partner") if values.get(k) is not None})
        if keep_open and self.mode != "edit":
            day = self.date.date() or dt.date.today()
            title = values["title"]
            self.mode = "add"
            self.setWindowTitle(self.tr("Thêm hoạt động"))
            self.reset(day)
            self._applied = None
            self.status.setText(self.tr("Đã lưu «{title}» ({n} hoạt động trong lần này). Nhập hoạt động tiếp "
                                        "theo.").format(title=title, n=self.saved_count))
            self.date.edit.setFocus()
            self.date.edit.selectAll()
            return True
        self.accept()
        return True
