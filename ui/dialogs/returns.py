"""The Department's way back in the window (issue 11).

* `ApplyDepartmentFilesDialog` — "Nhận tệp từ Sở": reference updates and receipts are checked first and
  shown as a list of changes (or the reason each is refused); "Áp dụng" then applies them, each whole or
  not at all.
* `CatalogueTargetsDialog` — Cài đặt → "Danh mục và chỉ tiêu": the Department confirms, corrects or adds
  the province's targets, adds or corrects catalogue rows and agencies (ui/dialogs/catalogue_rows.py),
  publishes the signed update and writes "Gửi cho các đơn vị"; an installation sees the catalogue,
  targets and agencies in force and applies an update.

Every write (targets, publishing, the receipts, applying files) is queued to the context's writer and
waited for (CollectionOp.run_and_wait): the GUI thread's connection only reads (issue 13).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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

from xhht_desktop.db.reference import catalogue_in_db, set_target
from xhht_desktop.sync import receipts, updates
from xhht_desktop.sync.returns_cli import apply_paths
from xhht_desktop.writer import Changes, Outcome

from ui.i18n import core_words
from ui.context import AppContext
from ui.operations import CollectionOp
from ui.widgets import messages

FILE_FILTER = "Tệp của Sở (*.xhhtu *.xhhtr);;Mọi tệp (*)"


def describe_results(rows: list[dict], *, dry_run: bool, lang: str | None = None) -> str:
    """The list shown before (dry run) and after applying, in the interface language (the CLI's
    English wording of reasons and changes, `sync/returns_cli.py`, so both say the same)."""
    from ui.i18n import current_language
    from xhht_desktop.sync.returns_cli import change_text_en, doc_reason_en, unchanged_en

    en = (lang or current_language()) == "en"

    def say(vi: str, english: str) -> str:
        return english if en else vi

    out = []
    for r in rows:
        name = Path(r["file"]).name
        if r["status"] == "rejected":
            out.append(say(f"✗ {name}: bị từ chối – {r['reason']} Không có gì thay đổi.",
                           f"✗ {name}: refused – {doc_reason_en(r)} Nothing was changed."))
        elif r["status"] == "unchanged":
            out.append(say(f"• {name}: {r['reason'][:1].lower()}{r['reason'][1:-1]} – không có gì phải làm.",
                           f"• {name}: {unchanged_en(r)} – nothing to do."))
        elif r["kind"] == "update":
            verb = say("sẽ áp dụng" if dry_run else "đã áp dụng", "will apply" if dry_run else "applied")
            out.append(say(f"✓ {name}: bản cập nhật danh mục số {r['version']}, {verb} {len(r['changes'])} thay đổi:",
                           f"✓ {name}: catalogue update no. {r['version']}, {verb} {len(r['changes'])} "
                           f"change{'s' if len(r['changes']) != 1 else ''}:"))
            lines = [change_text_en(c) for c in r["changes"]] if en else r["changes_vi"]
            out += [f"    • {line}" for line in lines] or [say("    (không có thay đổi nào)", "    (no change)")]
        else:
            verb = say("sẽ mở" if dry_run else "đã mở", "will open" if dry_run else "opened")
            acked = ", ".join(map(str, r["acknowledged"])) or say("không gói nào", "none")
            out.append(say(f"✓ {name}: biên nhận số {r['number']} ({verb}): Sở đã nhận gói số {acked}.",
                           f"✓ {name}: receipt no. {r['number']} ({verb}): the Department received packages {acked}."))
            if r["missing"]:
                missing = ", ".join(map(str, r["missing"]))
                out.append(say(f"    • Sở chưa nhận gói số {missing}: hãy gửi lại.",
                               f"    • The Department has not received packages {missing}: send them again."))
            if r["corrections"]:
                out.append(say(f"    • {r['corrections']} đề nghị kiểm tra lại số liệu (xem trang Đồng bộ).",
                               f"    • {r['corrections']} request(s) to check figures again (see the Sync page)."))
    return "\n".join(out)


class ApplyDepartmentFilesDialog(QDialog):
    def __init__(self, ctx: AppContext, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.paths = [Path(p) for p in paths]
        self.applied: list[dict] | None = None
        self.setWindowTitle(self.tr("Nhận tệp từ Sở"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Đã kiểm tra chữ ký và nội dung. Các thay đổi dưới đây chưa được áp dụng:"))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(self.tr("Áp dụng"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.checked = apply_paths(ctx.db, self.paths, dry_run=True, actor=self._actor())
        self.text.setPlainText(describe_results(self.checked, dry_run=True))
        self.good = [Path(r["file"]) for r in self.checked if r["status"] not in ("rejected", "unchanged")]
        self.apply_button.setEnabled(bool(self.good))
        if not self.good:
            if any(r["status"] == "unchanged" for r in self.checked) and \
                    not any(r["status"] == "rejected" for r in self.checked):
                self.intro.setText(self.tr("Không có gì phải áp dụng:"))
            else:
                self.intro.setText(self.tr("Không có tệp nào áp dụng được:"))

    def _actor(self) -> str:
        inst = self.ctx.installation
        return inst.actor if inst else ""

    def apply(self) -> None:
        good, actor = list(self.good), self._actor()

        def op(db, _progress) -> Outcome:  # on the writer; each file whole or not at all
            return Outcome(Changes.ALL, apply_paths(db, good, dry_run=False, actor=actor))

        self.applied = CollectionOp(self, self.windowTitle(), op, ctx=self.ctx).run_and_wait()
        rejected = [r for r in self.checked if r["status"] in ("rejected", "unchanged")]
        self.text.setPlainText(describe_results(self.applied + rejected, dry_run=False))
        self.intro.setText(self.tr("Kết quả:"))
        self.apply_button.setEnabled(False)


def receive_from_department(parent: QWidget, ctx: AppContext, paths: list[str | Path] | None = None) -> bool:
    """Ask for files (unless given: drag-and-drop), show what they change, apply on request."""
    if paths is None:
        chosen, _ = QFileDialog.getOpenFileNames(parent, parent.tr("Chọn biên nhận hoặc bản cập nhật của Sở"),
                                                 str(Path.home()), FILE_FILTER)
        paths = chosen
    if not paths:
        return False
    if ctx.installation is None or ctx.installation.role == "department":
        messages.warn(parent, parent.tr("Máy của Sở phát hành bản cập nhật và biên nhận, không áp dụng chúng."))
        return False
    dialog = ApplyDepartmentFilesDialog(ctx, [Path(p) for p in paths], parent)
    dialog.exec()
    return dialog.applied is not None


class CatalogueTargetsDialog(QDialog):
    """Danh mục và chỉ tiêu: targets per programme; at the Department editable, published from here."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.department = bool(ctx.installation and ctx.installation.role == "department")
        self.setWindowTitle(self.tr("Danh mục và chỉ tiêu"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Chương trình")))
        self.programme = QComboBox()
        for code, name in ctx.db.conn.execute("SELECT code, name_vi FROM programmes ORDER BY first_period"):
            self.programme.addItem(name, code)
        self.programme.setCurrentIndex(self.programme.count() - 1)
        self.programme.currentIndexChanged.connect(self.load)
        top.addWidget(self.programme, 1)
        layout.addLayout(top)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget()
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        if self.department:
            self.save_button = QPushButton(self.tr("Lưu mục tiêu"))
            self.save_button.clicked.connect(self.save)
            self.publish_button = QPushButton(self.tr("Phát hành bản cập nhật…"))
            self.publish_button.setObjectName("primaryButton")
            self.publish_button.clicked.connect(self.publish)
            self.send_button = QPushButton(self.tr("Gửi cho các đơn vị…"))
            self.send_button.clicked.connect(self.send)
            self.add_row_button = QPushButton(self.tr("Thêm chỉ tiêu…"))
            self.add_row_button.clicked.connect(lambda: self.edit_row(None))
            self.edit_row_button = QPushButton(self.tr("Sửa chỉ tiêu…"))
            self.edit_row_button.clicked.connect(self.edit_selected_row)
            for b in (self.add_row_button, self.edit_row_button, self.save_button, self.publish_button,
                      self.send_button):
                row.addWidget(b)
        else:
            self.apply_button = QPushButton(self.tr("Áp dụng bản cập nhật…"))
            self.apply_button.setObjectName("primaryButton")
            self.apply_button.clicked.connect(self.apply_update)
            row.addWidget(self.apply_button)
        self.agencies_button = QPushButton(self.tr("Cơ quan…"))
        self.agencies_button.clicked.connect(self.show_agencies)
        row.addWidget(self.agencies_button)
        row.addStretch(1)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.load()

    def _years(self) -> list[int]:
        row = self.ctx.db.conn.execute("SELECT target_years FROM programmes WHERE code=?",
                                       (self.programme.currentData(),)).fetchone()
        return [int(y) for y in row[0].split(";")] if row else []

    FIRST_TARGET = 4  # columns: code, name, kind, comparison, then one per target year

    def load(self) -> None:
        db, code = self.ctx.db, self.programme.currentData()
        years = self._years()
        catalogue = catalogue_in_db(db, code)  # in force here: the Department's rows too, in catalogue order
        sources = dict(db.conn.execute("SELECT code, source FROM indicators WHERE programme=?", (code,)))
        inds = [(i.code, i.name_vi, i.kind, i.target_op) for i in catalogue]
        stored = {(i, y): (v, d, s) for i, y, v, d, s in db.conn.execute(
            "SELECT indicator, target_year, value, draft, source FROM indicator_targets WHERE programme=?", (code,))}
        self.table.clear()
        self.table.setColumnCount(self.FIRST_TARGET + len(years))
        self.table.setHorizontalHeaderLabels([self.tr("Mã"), self.tr("Chỉ tiêu"), self.tr("Loại"), self.tr("So sánh")] +
                                             [self.tr("Mục tiêu {y}").format(y=y) for y in years])
        self.table.setRowCount(len(inds))
        self._original: dict[tuple[str, int], str] = {}
        self._codes = [i[0] for i in inds]
        ops = {">=": "≥", ">": ">", "increase": self.tr("tăng"), None: ""}
        for r, (ind, name, kind, op) in enumerate(inds):
            mark = " *" if sources.get(ind) == "department" else ""
            for c, text in enumerate((ind, name + mark, kind, ops.get(op, op))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if mark and c == 1:
                    item.setToolTip(self.tr("Sở đã thêm hoặc sửa dòng này"))
                self.table.setItem(r, c, item)
            for k, y in enumerate(years):
                value, draft, source = stored.get((ind, y), (None, 0, ""))
                text = updates.format_number(value)
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (ind, y))
                if draft:
                    item.setToolTip(self.tr("Mục tiêu dự thảo, chưa được Sở xác nhận"))
                    item.setBackground(Qt.GlobalColor.yellow)
                elif source == "department":
                    item.setToolTip(self.tr("Sở đã xác nhận hoặc sửa"))
                if not self.department:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, self.FIRST_TARGET + k, item)
                self._original[(ind, y)] = text
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for c in (0, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        if self.department:
            v = updates.current_version(db, "published")
            self.status.setText(self.tr("Ô vàng: mục tiêu dự thảo. Sửa ô rồi «Lưu mục tiêu»; «Thêm chỉ tiêu…», «Sửa "
                                        "chỉ tiêu…» (dấu *: Sở đã thêm hoặc sửa); «Phát hành bản cập nhật» ghi tệp "
                                        "đã ký gửi cho các đơn vị. Bản đã phát hành gần nhất: số {v}.")
                                .format(v=v or self.tr("chưa có")))
        else:
            v = updates.current_version(db, "applied")
            self.status.setText(self.tr("Mục tiêu đang dùng. Ô vàng: mục tiêu dự thảo. Bản cập nhật đã áp dụng: "
                                        "số {v}.").format(v=v or self.tr("chưa có")))

    def changed_cells(self) -> list[tuple[str, int, str]]:
        out = []
        for r in range(self.table.rowCount()):
            for c in range(self.FIRST_TARGET, self.table.columnCount()):
                item = self.table.item(r, c)
                ind, year = item.data(Qt.ItemDataRole.UserRole)
                if item.text().strip() != self._original[(ind, year)]:
                    out.append((ind, year, item.text().strip()))
        return out

    def save(self) -> bool:
        changes = self.changed_cells()
        parsed = []
        for ind, year, text in changes:
            try:
                value = None if text in ("", "-") else float(text.replace(",", "."))
            except ValueError:
                messages.warn(self, self.tr("Mục tiêu «{t}» của {ind} năm {y} không phải là số.").format(
                    t=text, ind=ind, y=year))
                return False
            parsed.append((ind, year, value))
        programme, actor = self.programme.currentData(), self.ctx.installation.actor

        def op(db, _progress) -> Outcome:  # on the writer, all the edited cells or none
            with db.atomic():
                for ind, year, value in parsed:
                    set_target(db, programme, ind, year, value, actor=actor)
            return Outcome(Changes.ALL)

        try:
            CollectionOp(self, self.tr("Lưu mục tiêu"), op, ctx=self.ctx).run_and_wait()
        except (KeyError, ValueError) as exc:
            messages.warn(self, self.tr("Chưa lưu được mục tiêu."), core_words(exc))
            return False
        self.load()
        return True

    def _folder(self, caption: str) -> str:
        return QFileDialog.getExistingDirectory(self, caption, str(Path.home()))

    def publish(self, folder: str | None = None) -> None:
        if self.changed_cells() and not self.save():
            return
        folder = folder or self._folder(self.tr("Chọn nơi lưu bản cập nhật"))
        if not folder:
            return
        def op(db, _progress) -> Outcome:  # on the writer: the file and its record
            return Outcome(Changes(sync=True), updates.publish(db, folder))

        try:
            result = CollectionOp(self, self.tr("Phát hành bản cập nhật…").rstrip("…"), op, ctx=self.ctx).run_and_wait()
        except updates.PublishProblem as exc:
            messages.warn(self, self.tr("Chưa phát hành được."), core_words(exc))
            return
        self.load()
        messages.info(self, self.tr("Đã phát hành bản cập nhật danh mục số {v}.").format(v=result.version),
                      str(result.path))

    def send(self, folder: str | None = None) -> None:
        folder = folder or self._folder(self.tr("Chọn thư mục «Gửi cho các đơn vị»"))
        if not folder:
            return
        def op(db, _progress) -> Outcome:  # on the writer: the receipts and their numbers
            return Outcome(Changes(sync=True), receipts.write_receipts(db, folder))

        try:
            result = CollectionOp(self, self.tr("Gửi cho các đơn vị…").rstrip("…"), op, ctx=self.ctx).run_and_wait()
        except updates.PublishProblem as exc:
            messages.warn(self, self.tr("Chưa viết được biên nhận."), core_words(exc))
            return
        lines = [f"{w.unit_name} ({w.fingerprint}): {w.folder}" for w in result.written]
        lines += [self.tr("Bỏ qua: {s}").format(s=core_words(s)) for s in result.skipped]
        messages.info(self, self.tr("Đã viết {n} thư mục, mỗi đơn vị một thư mục (biên nhận, bản cập nhật, thư gửi).")
                      .format(n=len(result.written)), "\n".join(lines))

    def apply_update(self) -> None:
        if receive_from_department(self, self.ctx):
            self.load()

    def edit_row(self, code: str | None) -> bool:
        """Add (None) or correct a catalogue row; unsaved target cells are saved first."""
        from ui.dialogs.catalogue_rows import edit_indicator  # noqa: PLC0415

        if self.changed_cells() and not self.save():
            return False
        if edit_indicator(self, self.ctx, self.programme.currentData(), code):
            self.load()
            return True
        return False

    def edit_selected_row(self) -> bool:
        r = self.table.currentRow()
        if not 0 <= r < len(self._codes):
            messages.info(self, self.tr("Chọn một chỉ tiêu trong bảng để sửa."))
            return False
        return self.edit_row(self._codes[r])

    def show_agencies(self) -> None:
        from ui.dialogs.catalogue_rows import show_agencies  # noqa: PLC0415

        show_agencies(self, self.ctx)
