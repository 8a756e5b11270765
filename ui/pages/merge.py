"""Nhận gói đồng bộ (Department): add packages (dialog, drag-and-drop, a folder), check them
("Kiểm tra": a dry run — nothing changes), apply them ("Áp dụng"), save or print the receipt;
resolve conflicts; confirm or revoke sending installations.

Checking, applying and confirming are operations on the one writer (ui.operations.CollectionOp), with
progress and Hủy: each package is whole or not at all, so cancelling keeps what is done. A save made
elsewhere meanwhile waits for them, and says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QMarginsF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop.domain.values import format_int
from xhht_desktop.sync import keys, merge
from xhht_desktop.sync.package import SUFFIX
from xhht_desktop.sync.merge import COUNT_KEYS, COUNT_LABELS_VI, DRY_RUN_LABELS_VI, STATUS_LABELS_VI
from xhht_desktop.sync.receipt import receipt_html, receipt_text
from xhht_desktop.writer import Changes, Outcome

from ui.i18n import core_words
from ui.context import AppContext
from ui.models.sync_models import ConflictsModel, InstallationsModel, PreviewModel
from ui.operations import CollectionOp, QueryOp
from ui.pages.base import Page
from ui.widgets import messages
from ui.models.core_labels import core_label


def save_receipt(report: merge.MergeReport, path: str | Path) -> Path:
    """Write the receipt as .html (printable), .pdf or plain text, by the file's extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from PySide6.QtGui import QPdfWriter

        from xhht_desktop.storage import write_atomically

        def render(tmp: str) -> None:
            writer = QPdfWriter(tmp)
            writer.setResolution(96)  # the HTML's point sizes then print at their size
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                             QMarginsF(25, 20, 15, 20), QPageLayout.Unit.Millimeter))
            doc = QTextDocument()
            doc.setHtml(receipt_html(report))
            doc.print_(writer)
            del writer  # closes the file

        return write_atomically(path, render, suffix=".pdf")
    text = receipt_html(report) if suffix in (".html", ".htm") else receipt_text(report)
    return keys.write_file(path, text)


def print_receipt(parent: QWidget, report: merge.MergeReport) -> bool:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    doc = QTextDocument()
    doc.setHtml(receipt_html(report))
    doc.print_(printer)
    return True


SIZE_FROM_ROWS = 200


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setHighlightSections(False)
    # Column widths from the first rows: measuring all of a nation's ten thousand rows took a
    # quarter of a second on the GUI thread at every refresh.
    view.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
    view.setWordWrap(False)
    return view


class MergePage(Page):
    title = QT_TRANSLATE_NOOP("MergePage", "Nhận gói đồng bộ")
    icon_name = "merge"
    roles = frozenset({"department"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.paths: list[Path] = []
        self.report: merge.MergeReport | None = None
        self.task = None
        self.lists_task = None  # the conflicts and installations being read (see refresh)
        self._lists_generation = 0
        self.setAcceptDrops(True)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 18, 24, 18)
        heading = QLabel(self.tr("Nhận gói đồng bộ"))
        heading.setObjectName("pageTitle")
        root.addWidget(heading)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_packages_tab(), self.tr("Gói nhận được"))
        self.tabs.addTab(self._build_conflicts_tab(), self.tr("Xung đột"))
        self.tabs.addTab(self._build_installations_tab(), self.tr("Máy gửi"))
        root.addWidget(self.tabs, 1)
        ctx.data_changed.connect(self.refresh_when_shown)
        self.refresh()

    # ---- tab: packages --------------------------------------------------------------------------

    def _build_packages_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        add_files = QPushButton(self.tr("Thêm tệp…"))
        add_files.clicked.connect(self.choose_files)
        add_folder = QPushButton(self.tr("Thêm thư mục…"))
        add_folder.clicked.connect(self.choose_folder)
        self.remove_button = QPushButton(self.tr("Bỏ khỏi danh sách"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.check_button = QPushButton(self.tr("Kiểm tra"))
        self.check_button.setToolTip(self.tr("Xem trước: giải mã, kiểm tra chữ ký và số liệu; chưa thay đổi gì"))
        self.check_button.clicked.connect(lambda: self.run_merge(dry_run=True))
        self.apply_button = QPushButton(self.tr("Áp dụng"))
        self.apply_button.setObjectName("primaryButton")
        self.apply_button.clicked.connect(lambda: self.run_merge(dry_run=False))
        for w in (add_files, add_folder, self.remove_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.check_button)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        hint = QLabel(self.tr("Kéo thả tệp .xhht (hoặc cả thư mục) vào trang này. Gói hỏng, gói giả mạo hay gói "
                              "gửi trùng không làm thay đổi gì; mỗi gói được nhập trọn vẹn hoặc không nhập."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(72)
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.file_list)
        self.preview_model = PreviewModel(self)
        self.preview = _table(self.preview_model)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_details(cur.row()))
        layout.addWidget(self.preview, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        receipt_row = QHBoxLayout()
        self.save_receipt_button = QPushButton(self.tr("Lưu biên nhận…"))
        self.save_receipt_button.clicked.connect(self.save_receipt)
        self.print_receipt_button = QPushButton(self.tr("In biên nhận…"))
        self.print_receipt_button.clicked.connect(lambda: self.report and print_receipt(self, self.report))
        receipt_row.addStretch(1)
        receipt_row.addWidget(self.save_receipt_button)
        receipt_row.addWidget(self.print_receipt_button)
        layout.addLayout(receipt_row)
        return tab

    def add_paths(self, paths) -> int:
        """Add files or folders (a folder brings its .xhht files). Returns how many were added."""
        added = 0
        for p in merge.expand_paths(paths):
            if p not in self.paths:
                self.paths.append(p)
                added += 1
        self._update_files()
        return added

    def _update_files(self) -> None:
        self.file_list.clear()
        self.file_list.addItems([p.name for p in self.paths])
        busy = self.task is not None
        self.check_button.setEnabled(bool(self.paths) and not busy)
        self.apply_button.setEnabled(bool(self.paths) and not busy)
        self.remove_button.setEnabled(bool(self.paths) and not busy)
        has_report = self.report is not None and bool(self.report.packages)
        self.save_receipt_button.setEnabled(has_report)
        self.print_receipt_button.setEnabled(has_report)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn gói đồng bộ"), str(Path.home()),
                                                self.tr("Gói XHHT (*.xhht);;Mọi tệp (*)"))
        if files:
            self.add_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục chứa các gói"), str(Path.home()))
        if folder:
            self.add_paths([folder])

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.file_list.selectedIndexes()}, reverse=True)
        for r in rows:
            del self.paths[r]
        self._update_files()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        paths = [p for p in paths if Path(p).is_dir() or Path(p).suffix.lower() == SUFFIX]
        if paths:
            self.add_paths(paths)
            self.tabs.setCurrentIndex(0)
            event.acceptProposedAction()

    def run_merge(self, *, dry_run: bool) -> None:
        if not self.paths or self.task is not None:
            return
        paths = list(self.paths)
        actor = self.ctx.installation.actor if self.ctx.installation else ""

        def work(db, progress) -> Outcome:  # on the writer: the one write connection
            report = merge.merge_files(db, paths, dry_run=dry_run, actor=actor,
                                       progress=lambda d, t, text: progress.report(d, t, core_words(text)),
                                       should_cancel=lambda: progress.cancelled)
            return Outcome(Changes() if report.dry_run else Changes.ALL, report)

        title = self.tr("Đang kiểm tra các gói…") if dry_run else self.tr("Đang nhập các gói…")
        self.task = CollectionOp(self, self.tr("Nhập các gói"), work).with_progress(title).success(
            self._merged).failure(lambda exc: self._failed(exc, "")).run_in_background()
        self._update_files()

    def _merged(self, report: merge.MergeReport) -> None:
        self.task = None
        self.show_report(report)
        if not report.dry_run:
            done = {p.file for p in report.packages}
            self.paths = [p for p in self.paths if p.name not in done]
        self._update_files()

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.task = None
        self._update_files()
        messages.error(self, self.tr("Không nhập được."), core_words(exc))

    def show_report(self, report: merge.MergeReport) -> None:
        self.report = report
        self.preview_model.set_results(report.packages, report.dry_run)
        self.preview.resizeColumnsToContents()
        head = self.tr("<b>Kết quả kiểm tra (chưa nhập gì):</b> ") if report.dry_run else \
            self.tr("<b>Đã áp dụng:</b> ")
        text = head + "; ".join(self._summary_lines(report))
        if report.gaps:
            text += "<br/><span style='color:#b26a00'>" + "<br/>".join(core_words(g) for g in report.gaps) + "</span>"
        self.summary.setText(text)
        if report.packages:
            self.preview.selectRow(0)
        self._update_files()

    def _summary_lines(self, report: merge.MergeReport) -> list[str]:
        """The receipt's summary (sync/receipt.py summary_lines) in the interface language."""
        labels = DRY_RUN_LABELS_VI if report.dry_run else STATUS_LABELS_VI
        lines = [self.tr("{status}: {n} gói").format(status=core_label(labels[s]), n=format_int(n))
                 for s, n in report.status_counts.items() if n]
        counts = report.record_counts
        records = ", ".join(f"{format_int(counts[k])} {core_label(COUNT_LABELS_VI[k])}"
                            for k in COUNT_KEYS if counts.get(k))
        if records:
            lines.append(self.tr("Bản ghi: {counts}").format(counts=records))
        if report.cancelled:
            lines.append(self.tr("Đã dừng theo yêu cầu; {n} tệp chưa xử lý.").format(n=len(report.not_processed)))
        return lines

    def _show_details(self, row: int) -> None:
        if self.report is None or not 0 <= row < len(self.report.packages):
            self.details.clear()
            return
        p = self.report.packages[row]
        lines = ([core_words(p.reason)] + [f"• {core_words(x)}" for x in p.problems[:8]]
                 + [f"• {core_words(x)}" for x in p.warnings[:5]])
        self.details.setText("\n".join(x for x in lines if x))

    def save_receipt(self) -> None:
        if self.report is None:
            return
        stamp = (self.report.finished_at or self.report.started_at)[:16].replace(":", "").replace("T", "-")
        path = messages.save_file_name(self, self.tr("Lưu biên nhận"), str(Path.home() / f"bien-nhan-{stamp}.html"),
                                       self.tr("Trang in được (*.html);;PDF (*.pdf);;Văn bản (*.txt)"))
        if not path:
            return
        try:
            save_receipt(self.report, path)
        except OSError as exc:
            messages.error(self, self.tr("Không lưu được biên nhận."), core_words(exc))

    # ---- tab: conflicts -------------------------------------------------------------------------

    def _build_conflicts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        note = QLabel(self.tr("Hai máy sửa cùng một số liệu một cách độc lập: cả hai bản được giữ, bản đang dùng ở "
                              "Sở vẫn có hiệu lực cho đến khi anh/chị chọn. Lựa chọn được ghi vào lịch sử."))
        note.setWordWrap(True)
        note.setObjectName("muted")
        layout.addWidget(note)
        self.conflicts_model = ConflictsModel(self)
        self.conflicts = _table(self.conflicts_model)
        self.conflicts.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.conflicts, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        keep = QPushButton(self.tr("Giữ bản ở Sở"))
        keep.clicked.connect(lambda: self.resolve_selected("local"))
        take = QPushButton(self.tr("Lấy bản gửi đến"))
        take.clicked.connect(lambda: self.resolve_selected("incoming"))
        row.addWidget(keep)
        row.addWidget(take)
        layout.addLayout(row)
        return tab

    def resolve_selected(self, choice: str) -> int:
        rows = sorted({i.row() for i in self.conflicts.selectionModel().selectedRows()})
        ids = [self.conflicts_model.rows[r]["id"] for r in rows]
        if ids:
            def op(db, _progress) -> Outcome:
                with db.atomic():
                    for cid in ids:
                        merge.resolve_conflict(db, cid, choice)
                return Outcome(Changes(values=True, clc=True, sync=True))

            CollectionOp(self, self.tr("Giải quyết xung đột"), op).run_in_background()
        return len(ids)

    # ---- tab: installations ---------------------------------------------------------------------

    def _build_installations_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        note = QLabel(self.tr("Gói đầu tiên của một máy lạ được giữ lại. Gọi điện cho cán bộ gửi, nhờ đọc mã nhận "
                              "dạng (in trên phiếu tiến độ, có trong Cài đặt của máy đó); nếu trùng thì xác nhận — "
                              "các gói đang giữ được nhập ngay. Máy bị mất hoặc nghi giả mạo thì thu hồi."))
        note.setWordWrap(True)
        note.setObjectName("muted")
        layout.addWidget(note)
        self.installations_model = InstallationsModel(self)
        self.installations = _table(self.installations_model)
        self.installations.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.installations, 1)
        row = QHBoxLayout()
        self.own_label = QLabel()
        self.own_label.setObjectName("muted")
        row.addWidget(self.own_label)
        row.addStretch(1)
        confirm = QPushButton(self.tr("Xác nhận máy gửi…"))
        confirm.clicked.connect(self.confirm_selected)
        revoke = QPushButton(self.tr("Thu hồi…"))
        revoke.clicked.connect(self.revoke_selected)
        row.addWidget(confirm)
        row.addWidget(revoke)
        layout.addLayout(row)
        return tab

    def _selected_installations(self) -> list[dict]:
        rows = sorted({i.row() for i in self.installations.selectionModel().selectedRows()})
        return [self.installations_model.rows[r] for r in rows]

    def confirm_selected(self) -> None:
        chosen = [i for i in self._selected_installations() if i["status"] != "confirmed"]
        if not chosen or self.task is not None:
            return
        lines = "\n".join(f"{i['fingerprint']} – {i['unit_name']} ({i['official'] or self.tr('không rõ cán bộ')})"
                          for i in chosen)
        text = self.tr("Chỉ xác nhận khi cán bộ gửi đọc đúng mã:\n{lines}\n\nCác gói đang giữ của "
                       "máy này sẽ được nhập.").format(lines=lines)
        several = [i for i in chosen if i.get("units_claimed", 1) > 1]
        if several:  # one key speaks for one unit: each further unit is confirmed on its own, knowingly
            text += "\n\n⚠ " + self.tr("Máy {fp} đang gửi số liệu cho {n} đơn vị; chỉ đơn vị trên dòng đã chọn được "
                                        "xác nhận. Chỉ tiếp tục khi Sở chắc chắn máy được giao nhập số liệu cho đơn "
                                        "vị đó.").format(fp=several[0]["fingerprint"], n=several[0]["units_claimed"])
        if not messages.confirm(self, self.tr("Đã đối chiếu mã nhận dạng qua điện thoại?"), text,
                                yes=self.tr("Xác nhận")):
            return
        pairs = [(i["fingerprint"], i["unit_key"]) for i in chosen]  # the rows chosen, never the key's other units

        def work(db, progress) -> Outcome:  # on the writer
            report = merge.confirm_installations(
                db, pairs, progress=lambda d, t, text: progress.report(d, t, text),
                should_cancel=lambda: progress.cancelled)
            return Outcome(Changes.ALL, report)

        def done(report):
            self.task = None
            self.show_report(report)
            if report.packages:
                self.tabs.setCurrentIndex(0)

        self.task = CollectionOp(self, self.tr("Nhập các gói đang giữ"), work).with_progress(
            self.tr("Đang nhập các gói đang giữ…")).success(done).failure(
            lambda exc: self._failed(exc, "")).run_in_background()

    def revoke_selected(self) -> None:
        chosen = [i for i in self._selected_installations() if i["status"] != "revoked"]
        if not chosen:
            return
        lines = "\n".join(f"{i['fingerprint']} – {i['unit_name']}" for i in chosen)
        if not messages.confirm(self, self.tr("Thu hồi máy gửi?"),
                                self.tr("Mọi gói sau này ký bằng khóa của máy này sẽ bị từ chối; số liệu đã nhập "
                                        "vẫn giữ nguyên.\n{lines}").format(lines=lines) + "\n\n"
                                + self.tr("Khóa bị thu hồi bị từ chối cho mọi đơn vị và không xác nhận lại được."),
                                yes=self.tr("Thu hồi")):
            return
        fingerprints = [i["fingerprint"] for i in chosen]

        def op(db, _progress) -> Outcome:
            with db.atomic():
                for fp in fingerprints:
                    merge.revoke_installation(db, fp)
            return Outcome(Changes(sync=True))

        CollectionOp(self, self.tr("Thu hồi máy gửi"), op).run_in_background()

    # ---- refresh --------------------------------------------------------------------------------

    def _fit_lists(self) -> None:
        """Column widths from the lists' contents (asks the models for every role of 200 rows: done
        when the page is on screen, not for lists arriving while another page is)."""
        self._fit_pending = False
        self.conflicts.resizeColumnsToContents()
        self.installations.resizeColumnsToContents()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_fit_pending", False):
            self._fit_lists()

    def refresh(self) -> None:
        """Read the conflicts and the sending installations in a worker: a nation's Department has
        ten thousand installations, each with its package counts and missing sequence numbers. The
        lists on screen stay until the new ones arrive; a later refresh supersedes an earlier one."""
        self._update_files()
        self._lists_generation += 1
        generation = self._lists_generation

        def read(db):
            return merge.list_conflicts(db), merge.list_installations(db), keys.department_phone_fingerprint(db)

        def done(lists) -> None:
            if generation == self._lists_generation:
                self.lists_task = None
                self._show_lists(*lists)

        def failed(exc: BaseException) -> None:
            if generation == self._lists_generation:
                self.lists_task = None
                self.own_label.setText(self.tr("Không đọc được: {error}").format(error=core_words(exc)))

        self.lists_task = QueryOp(self, read).success(done).failure(failed).run_in_background()

    def _show_lists(self, conflicts: list[dict], installations: list[dict], fingerprint: str | None) -> None:
        self.conflicts_model.set_rows(conflicts)
        self.installations_model.set_rows(installations)
        self._fit_pending = True
        if self.isVisible():
            self._fit_lists()
        pending = sum(1 for i in installations if i["status"] == "pending")
        self.tabs.setTabText(1, self.tr("Xung đột ({n})").format(n=format_int(len(conflicts))) if conflicts
                             else self.tr("Xung đột"))
        self.tabs.setTabText(2, self.tr("Máy gửi ({n} chờ xác nhận)").format(n=pending) if pending
                             else self.tr("Máy gửi"))
        self.own_label.setText(self.tr("Khóa của Sở: {fp}").format(fp=fingerprint or "—"))
