"""Catalogue rows and agencies in Cài đặt → "Danh mục và chỉ tiêu" (issue 11).

* `IndicatorRowDialog` — the Department adds an indicator to a programme or corrects a row (names,
  kind, levels, comparison with the target, breakdowns, scale, owner, reference); what it saves is sent
  with the next reference update.
* `AgenciesDialog` — the agencies in force (the Department adds or corrects them through
  `AgencyRowDialog`; an installation sees what the updates it applied brought).

Rows are checked by the core (domain/catalogue.py `indicator_row_problem`, db/reference.py
`indicator_conflict`, domain/agencies.py `agency_row_problem`) and written through the writer
(CollectionOp.run_and_wait); a refusal is shown in the interface's language (ui.i18n.core_words).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.db import reference
from xhht_desktop.domain.catalogue import BREAKDOWNS, KINDS, PERIODICITIES, TARGET_OPS, programme
from xhht_desktop.writer import Changes, Outcome

from ui.context import AppContext
from ui.i18n import core_words
from ui.operations import CollectionOp
from ui.widgets import messages

KIND_LABELS = {"rate": QT_TRANSLATE_NOOP("CatalogueRows", "rate – tỷ lệ %"),
               "flag": QT_TRANSLATE_NOOP("CatalogueRows", "flag – đạt/chưa"),
               "count": QT_TRANSLATE_NOOP("CatalogueRows", "count – số lượng"),
               "trend": QT_TRANSLATE_NOOP("CatalogueRows", "trend – tăng so với năm trước"),
               "level": QT_TRANSLATE_NOOP("CatalogueRows", "level – mức độ")}
LEVEL_NAMES = {"xa": QT_TRANSLATE_NOOP("CatalogueRows", "cấp xã"),
               "huyen": QT_TRANSLATE_NOOP("CatalogueRows", "cấp huyện"),
               "tinh": QT_TRANSLATE_NOOP("CatalogueRows", "cấp tỉnh")}


def _t(text: str) -> str:
    return QCoreApplication.translate("CatalogueRows", text)


class IndicatorRowDialog(QDialog):
    """One catalogue row: a new one (`row` None) or a correction of `row`."""

    def __init__(self, ctx: AppContext, programme_code: str, row: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.programme_code = programme_code
        self.original = row
        self.saved: dict | None = None
        prog = programme(programme_code)
        self.setWindowTitle(self.tr("Sửa chỉ tiêu") if row else self.tr("Thêm chỉ tiêu"))
        layout = QVBoxLayout(self)
        head = QLabel(prog.name_vi)
        head.setWordWrap(True)
        layout.addWidget(head)
        form = QFormLayout()
        self.code = QLineEdit(row["code"] if row else "")
        self.code.setReadOnly(row is not None)
        self.code.setPlaceholderText(self.tr("CHỮ_IN_HOA, số và _"))
        form.addRow(self.tr("Mã"), self.code)
        self.group = QComboBox()
        for number, title in prog.group_titles_vi:
            self.group.addItem(title, number)
        form.addRow(self.tr("Nhóm"), self.group)
        self.name_vi = QLineEdit()
        form.addRow(self.tr("Tên chỉ tiêu"), self.name_vi)
        self.name_en = QLineEdit()
        form.addRow(self.tr("Tên tiếng Anh"), self.name_en)
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(_t(KIND_LABELS[k]), k)
        form.addRow(self.tr("Loại"), self.kind)
        levels = QHBoxLayout()
        self.levels = {}
        for lv in ("xa", "huyen", "tinh"):
            box = QCheckBox(_t(LEVEL_NAMES[lv]))
            self.levels[lv] = box
            levels.addWidget(box)
        levels.addStretch(1)
        form.addRow(self.tr("Cấp nhập"), levels)
        self.numerator = QLineEdit()
        form.addRow(self.tr("Tử số"), self.numerator)
        self.denominator = QLineEdit()
        form.addRow(self.tr("Mẫu số"), self.denominator)
        self.periodicity = QComboBox()
        for p in PERIODICITIES:
            self.periodicity.addItem(self.tr("6 tháng và năm") if p == "6t+nam" else self.tr("năm"), p)
        form.addRow(self.tr("Kỳ báo cáo"), self.periodicity)
        self.op = QComboBox()
        self.op.addItem(self.tr("không so với mục tiêu"), None)
        for o in TARGET_OPS:
            self.op.addItem({">=": "≥", ">": ">", "increase": self.tr("tăng so với năm trước")}[o], o)
        form.addRow(self.tr("So với mục tiêu"), self.op)
        bds = QHBoxLayout()
        self.breakdowns = {}
        for b, label in zip(BREAKDOWNS, (self.tr("Nữ"), self.tr("Dân tộc thiểu số"))):
            box = QCheckBox(label)
            self.breakdowns[b] = box
            bds.addWidget(box)
        bds.addStretch(1)
        form.addRow(self.tr("Chia theo"), bds)
        scale = QHBoxLayout()
        self.scale_min, self.scale_max = QSpinBox(), QSpinBox()
        for spin in (self.scale_min, self.scale_max):
            spin.setRange(0, 9)
            scale.addWidget(spin)
        self.scale_max.setValue(2)
        scale.addStretch(1)
        form.addRow(self.tr("Thang mức độ"), scale)
        self.owner = QLineEdit()
        form.addRow(self.tr("Cơ quan chủ trì"), self.owner)
        self.plan_ref = QLineEdit()
        form.addRow(self.tr("Căn cứ"), self.plan_ref)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("vì sao thêm hoặc sửa (gửi kèm bản cập nhật)"))
        form.addRow(self.tr("Ghi chú"), self.note)
        layout.addLayout(form)
        self.hint = QLabel(self.tr("Lưu xong, «Phát hành bản cập nhật» để gửi dòng này cho các đơn vị."))
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if row:
            self._fill(row)
        else:
            self.kind.setCurrentIndex(KINDS.index("rate"))
            self.periodicity.setCurrentIndex(PERIODICITIES.index("nam"))
            self.op.setCurrentIndex(1)
            self.levels["xa"].setChecked(True)
        self._kind_changed()

    def _fill(self, row: dict) -> None:
        self.group.setCurrentIndex(max(0, self.group.findData(row["group"])))
        self.name_vi.setText(row["name_vi"])
        self.name_en.setText(row["name_en"])
        self.kind.setCurrentIndex(max(0, self.kind.findData(row["kind"])))
        for lv, box in self.levels.items():
            box.setChecked(lv in row["levels"])
        self.numerator.setText(row["numerator_vi"])
        self.denominator.setText(row["denominator_vi"])
        self.periodicity.setCurrentIndex(max(0, self.periodicity.findData(row["periodicity"])))
        self.op.setCurrentIndex(max(0, self.op.findData(row["target_op"])) if row["target_op"] else 0)
        for b, box in self.breakdowns.items():
            box.setChecked(b in row["breakdowns"])
        if row["scale"]:
            self.scale_min.setValue(row["scale"][0])
            self.scale_max.setValue(row["scale"][1])
        self.owner.setText(row["owner"])
        self.plan_ref.setText(row["plan_ref"])

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        fraction = kind in ("rate", "trend")
        for w in (self.numerator, self.denominator, *self.breakdowns.values()):
            w.setEnabled(fraction)
        for w in (self.scale_min, self.scale_max):
            w.setEnabled(kind == "level")

    def row(self) -> dict:
        kind = self.kind.currentData()
        fraction = kind in ("rate", "trend")
        return {
            "programme": self.programme_code, "code": self.code.text().strip().upper(),
            "group": self.group.currentData(), "name_vi": " ".join(self.name_vi.text().split()),
            "name_en": " ".join(self.name_en.text().split()), "kind": kind,
            "levels": [lv for lv, box in self.levels.items() if box.isChecked()],
            "numerator_vi": " ".join(self.numerator.text().split()) if fraction else "",
            "denominator_vi": " ".join(self.denominator.text().split()) if fraction else "",
            "periodicity": self.periodicity.currentData(), "target_op": self.op.currentData(),
            "breakdowns": [b for b, box in self.breakdowns.items() if box.isChecked()] if fraction else [],
            "owner": " ".join(self.owner.text().split()), "plan_ref": " ".join(self.plan_ref.text().split()),
            "scale": [self.scale_min.value(), self.scale_max.value()] if kind == "level" else None,
        }

    def save(self) -> bool:
        row, actor, note = self.row(), self.ctx.installation.actor, self.note.text().strip()
        return _save_row(self, row, self.tr("Lưu chỉ tiêu"), self.tr("Chưa lưu được chỉ tiêu."),
                         lambda db: reference.set_indicator(db, row, actor=actor, note=note))


def _save_row(dialog, row: dict, title: str, failure: str, write) -> bool:
    """Write one catalogue row or agency through the writer (all of it or nothing); on success the
    dialog keeps `row` as `saved` and closes, on a refusal it says why and stays open."""

    def op(db, _progress) -> Outcome:  # on the writer
        return Outcome(Changes.ALL, write(db))

    try:
        CollectionOp(dialog, title, op, ctx=dialog.ctx).run_and_wait()
    except reference.ReferenceProblem as exc:
        messages.warn(dialog, failure, core_words(exc))
        return False
    dialog.saved = row
    dialog.accept()
    return True


class AgencyRowDialog(QDialog):
    """One agency: a new one (`row` None) or a correction of `row` (its name and start stay)."""

    def __init__(self, ctx: AppContext, row: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved: dict | None = None
        self.setWindowTitle(self.tr("Sửa cơ quan") if row else self.tr("Thêm cơ quan"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(row["name"] if row else "")
        self.name.setReadOnly(row is not None)
        form.addRow(self.tr("Tên đầy đủ"), self.name)
        self.short = QLineEdit(row["short"] if row else "")
        form.addRow(self.tr("Tên viết tắt"), self.short)
        self.name_en = QLineEdit(row["name_en"] if row else "")
        form.addRow(self.tr("Tên tiếng Anh"), self.name_en)
        self.valid_from = QLineEdit(row["valid_from"] if row else "")
        self.valid_from.setReadOnly(row is not None)
        self.valid_from.setPlaceholderText("YYYY-MM-DD")
        form.addRow(self.tr("Có từ ngày"), self.valid_from)
        self.valid_to = QLineEdit((row["valid_to"] or "") if row else "")
        self.valid_to.setPlaceholderText(self.tr("YYYY-MM-DD; để trống nếu còn hoạt động"))
        form.addRow(self.tr("Đến ngày"), self.valid_to)
        self.successors = QLineEdit("; ".join(s[0] + (f" ({s[1]})" if s[1] else "") for s in row["successors"])
                                    if row else "")
        self.successors.setPlaceholderText(self.tr("Tên cơ quan kế nhiệm; nhiều cơ quan cách nhau bằng «;»"))
        form.addRow(self.tr("Cơ quan kế nhiệm"), self.successors)
        self.note = QLineEdit(row["note"] if row else "")
        form.addRow(self.tr("Ghi chú"), self.note)
        layout.addLayout(form)
        self._topics = {s[0]: s[1] for s in row["successors"]} if row else {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def row(self) -> dict:
        succ = []
        for part in self.successors.text().split(";"):
            name = part.split("(")[0].strip()
            if name:
                succ.append([" ".join(name.split()), self._topics.get(name, "")])
        return {"name": " ".join(self.name.text().split()), "short": " ".join(self.short.text().split()),
                "name_en": " ".join(self.name_en.text().split()), "valid_from": self.valid_from.text().strip(),
                "valid_to": self.valid_to.text().strip() or None, "successors": succ,
                "note": " ".join(self.note.text().split())}

    def save(self) -> bool:
        row, actor = self.row(), self.ctx.installation.actor
        return _save_row(self, row, self.tr("Lưu cơ quan"), self.tr("Chưa lưu được cơ quan."),
                         lambda db: reference.set_agency(db, row, actor=actor))


class AgenciesDialog(QDialog):
    """The agencies in force; the Department adds and corrects them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.department = bool(ctx.installation and ctx.installation.role == "department")
        self.setWindowTitle(self.tr("Các cơ quan"))
        self.resize(1000, 440)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("Dấu *: Sở đã thêm hoặc sửa (gửi trong bản cập nhật danh mục).") if self.department
                      else self.tr("Dấu *: do bản cập nhật danh mục của Sở mang đến."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget()
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        if self.department:
            self.add_button = QPushButton(self.tr("Thêm cơ quan…"))
            self.add_button.clicked.connect(lambda: self.edit(None))
            self.edit_button = QPushButton(self.tr("Sửa cơ quan…"))
            self.edit_button.clicked.connect(self.edit_selected)
            self.table.doubleClicked.connect(lambda _i: self.edit_selected())
            row.addWidget(self.add_button)
            row.addWidget(self.edit_button)
        row.addStretch(1)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.load()

    def load(self) -> None:
        db = self.ctx.db
        sources = {(n, vf): s for n, vf, s in db.conn.execute("SELECT name, valid_from, source FROM agencies")}
        self.rows = reference.agencies_in_db(db).rows()
        self.table.clear()
        headers = [self.tr("Tên"), self.tr("Viết tắt"), self.tr("Có từ"), self.tr("Đến"), self.tr("Kế nhiệm")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            mark = " *" if sources.get((a["name"], a["valid_from"])) == "department" else ""
            texts = (a["name"] + mark, a["short"], a["valid_from"], a["valid_to"] or "",
                     "; ".join(s[0] for s in a["successors"]))
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        for c in range(4):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def edit_selected(self) -> None:
        r = self.table.currentRow()
        if 0 <= r < len(self.rows):
            self.edit(self.rows[r])

    def edit(self, row: dict | None) -> None:
        dialog = AgencyRowDialog(self.ctx, row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load()


def edit_indicator(parent: QWidget, ctx: AppContext, programme_code: str, code: str | None) -> bool:
    """Open the row dialog for `code` (None: a new indicator); True when something was saved."""
    row = None
    if code is not None:
        row = next((r for r in reference.indicator_rows(ctx.db, programme_code) if r["code"] == code), None)
    dialog = IndicatorRowDialog(ctx, programme_code, row, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None


def show_agencies(parent: QWidget, ctx: AppContext) -> None:
    AgenciesDialog(ctx, parent).exec()

