"""The whole interface in English: every page of every role opened, every visible text read (labels,
buttons, menus, tabs, combo boxes, table headers and cells, group boxes, placeholders) — none may be
Vietnamese unless it is a proper name (units, people, legal document codes) or the user's own data."""

from __future__ import annotations

import re

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
)

from xhht_desktop.clc.domain import FUNDING_SUGGESTIONS, PARTNER_SUGGESTIONS
from xhht_desktop.db import units_repo
from xhht_desktop.domain.catalogue import by_code
from xhht_desktop.reports.rows import load_monitoring
from xhht_desktop.domain.periods import Period
from xhht_desktop.installation import get_installation, init_installation
from xhht_desktop.sample import fill_sample_installation
from ui import i18n
from ui.widgets import messages

VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# Legal document codes and the abbreviations of bodies that are their names (Quyết định số 1373/QĐ-TTg,
# NĐ 30/2020/NĐ-CP, Sở GD&ĐT, UBND): proper names, kept in any language.
PROPER = re.compile(r"\b\d*/?(?:QĐ|NĐ|KH|BC|TT|CT)-[A-Za-zĐđ-]+|\bGD&ĐT\b|\bNĐ\b|\bQĐ\b|«[^»]*»|Tiếng Việt")


# What the paper itself prints, in Vietnamese whatever the interface language (the decree's forms).
PAPER_WORDS = ["ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"]


def _texts(widget) -> list[tuple[str, str]]:
    """(where, text) of everything a user can read in `widget` and its children."""
    out: list[tuple[str, str]] = []

    def add(w, text):
        if text:
            out.append((f"{type(w).__name__}:{w.objectName()}", text))

    for w in [widget, *widget.findChildren(QObject)]:
        if not shiboken6.isValid(w) or not hasattr(w, "isVisibleTo"):
            continue
        if isinstance(w, QLabel):
            add(w, w.text())
        elif isinstance(w, QAbstractButton):
            add(w, w.text())
            add(w, w.toolTip())
        elif isinstance(w, QGroupBox):
            add(w, w.title())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, w.tabText(i))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, w.itemText(i))
        elif isinstance(w, (QLineEdit,)):
            add(w, w.placeholderText())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            add(w, w.placeholderText())
        elif isinstance(w, QMenu):
            for a in w.actions():
                add(w, a.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            root = QModelIndex()
            try:
                columns = m.columnCount(root)
            except TypeError:  # a list model: one column, not callable from Python
                columns = 1
            for c in range(columns):
                add(w, str(m.headerData(c, Qt.Orientation.Horizontal) or ""))
            for r in range(min(m.rowCount(root), 40)):
                for c in range(columns):
                    add(w, str(m.data(m.index(r, c, root)) or ""))
    return out


def _allowed(db, inst) -> list[str]:
    """Proper names and the user's data: every unit's name, the official, the sample's own texts."""
    names = set()
    for u in units_repo.all_units(db):
        names |= {u.name, u.short_name}
    names |= {inst.official_name, "Công chức Văn hóa - Xã hội"}
    # What the user (here the sample data) typed: every text of the centre, its log and the figures' comments.
    for table in ("clc_centres", "clc_activities", "indicator_values"):
        cols = [r[1] for r in db.conn.execute(f"PRAGMA table_info({table})") if (r[2] or "").upper() in ("TEXT", "")]
        for row in db.conn.execute(f"SELECT {', '.join(cols)} FROM {table}"):
            names |= {str(v) for v in row if v}
            names |= {part.strip() for v in row if isinstance(v, str) for part in re.split(r"[;\n]", v)}
    # Organisations are named, not translated: the provincial agencies that follow the plan
    # (resources/catalogue/monitoring.csv) and the bodies the catalogue makes responsible.
    names |= {a["agency"] for a in load_monitoring()}
    # The activity form's suggestions for partner and funding are texts the user writes into the
    # Vietnamese log (organisations by name, budget lines as the commune books them).
    names |= set(PARTNER_SUGGESTIONS) | set(FUNDING_SUGGESTIONS)
    for ind in by_code().values():
        names |= {o.strip() for o in ind.owner.split(";")}
    return sorted((n for n in names if n), key=len, reverse=True)


def _vietnamese_left(text: str, allowed: list[str]) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    for name in allowed:
        if name in text:
            text = text.replace(name, " ")
    text = PROPER.sub(" ", text)
    return text if VIETNAMESE.search(text) else ""


def _other_dialogs(ctx, win, db, role) -> list:
    """Every dialog a user of `role` can open besides the pages: keys, backup/restore, Excel import,
    the centre and its activity, About and the guide, moving to a merged unit, the error report."""
    from ui.dialogs.about import AboutDialog
    from ui.dialogs.backup_restore import RestoreDialog
    from ui.dialogs.clc_activity import ClcActivityDialog
    from ui.dialogs.clc_centre import ClcCentreDialog
    from ui.dialogs.error_report import ErrorDialog
    from ui.dialogs.sync_keys import PassphraseDialog, SyncKeysDialog
    from ui.dialogs.xlsx_import import XlsxImportDialog

    out = [SyncKeysDialog(ctx, win), PassphraseDialog(win, confirm=True), RestoreDialog(ctx, win),
           AboutDialog(ctx, win), ErrorDialog("Traceback (most recent call last):\n  ValueError: x", win)]
    if role == "commune":
        from ui.dialogs.move_to import MoveToDialog

        out += [XlsxImportDialog(ctx, win),
                ClcActivityDialog(win, save=lambda values: [], centre_name="TTHTCĐ"),
                ClcCentreDialog(win, save=lambda values: [], centre=None, default_name="TTHTCĐ"),
                MoveToDialog(db, [units_repo.unit_by_key(db, "23341@2025-07-01")], win)]
    if role == "department":
        from ui.dialogs.corrections_dept import CorrectionsDialog

        out.append(CorrectionsDialog(ctx, win))
    return out


def test_first_run_wizard_in_english(qtbot, db, db_path):
    """The wizard a new user sees first, every page, for each role."""
    from ui.dialogs.first_run import FirstRunWizard

    # Units are proper names; the placeholder's example is a person's name.
    names = sorted({n for u in units_repo.all_units(db) for n in (u.name, u.short_name) if n} | {"Nguyễn Thị Hồng"},
                   key=len, reverse=True)
    i18n.install_language("en")
    found = []
    try:
        for role in ("commune", "district", "department"):
            wizard = FirstRunWizard(db, db_path)
            qtbot.addWidget(wizard)
            wizard.show()
            wizard.role_page.buttons[role].setChecked(True)
            for _ in range(3):
                for where, text in _texts(wizard):
                    if _vietnamese_left(text, names):
                        found.append(f"{role} page {wizard.currentId()} {where}: {text!r}")
                wizard.next()
            wizard.close()
    finally:
        i18n.install_language("vi")
    assert not found, "\n".join(sorted(set(found)))


@pytest.mark.parametrize("role,unit", [("commune", "23353"), ("district", "610"), ("department", "62")])
def test_every_page_in_english(qtbot, db, db_path, monkeypatch, role, unit):
    from ui.app import create_main_window

    for name in ("info", "warn", "error"):
        monkeypatch.setattr(messages, name, lambda *a, **k: None)
    init_installation(db, role, unit, "Y Blong", "Công chức Văn hóa - Xã hội")
    inst = get_installation(db)
    fill_sample_installation(db, inst.unit.id, origin=inst.installation_id)
    i18n.install_language("en")
    try:
        ctx, win = create_main_window(db_path, db)
        win.show()
        ctx.set_period(Period(2014, 0))
        allowed = _allowed(db, inst) + PAPER_WORDS
        found = []
        specs = win.specs  # every page of the role (imports the pages not loaded yet)
        assert len(specs) >= 5 and win.sidebar.count() == len(specs)
        texts_read = 0
        for i in range(win.sidebar.count()):
            win.sidebar.setCurrentRow(i)
            page = win.page_at(i)
            qtbot.wait(50)
            texts = _texts(page)
            texts_read += len(texts)
            for where, text in texts:
                left = _vietnamese_left(text, allowed)
                if left:
                    found.append(f"{type(page).__name__} {where}: {text[:120]!r}")
        assert texts_read > 100
        # The report's own dialogs: the paper's frame and its written sections.
        from ui.dialogs import report_print
        from xhht_desktop.reports import frame as F

        period = Period(2014, 0)
        frame = F.frame_for(db, "progress", inst.unit, period)
        for dialog in (report_print.FrameDialog(frame, win),
                       report_print.NarrativeDialog(db, inst.unit, period, editable=True, parent=win),
                       *_other_dialogs(ctx, win, db, role)):
            for where, text in _texts(dialog):
                if _vietnamese_left(text, allowed):
                    found.append(f"{type(dialog).__name__} {where}: {text!r}")
            dialog.setParent(None)  # read once, not again with the window's own texts
            dialog.deleteLater()
        for where, text in _texts(win.menuBar()) + _texts(win):
            if _vietnamese_left(text, allowed):
                found.append(f"menu {where}: {text!r}")
        win.close()
        win.deleteLater()
    finally:
        i18n.install_language("vi")
    assert not found, "\n".join(sorted(set(found)))


# ---- message boxes -------------------------------------------------------------------------------
class _Boxes:
    """Every message box a user would have seen: (kind, text, details), nothing shown."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QMessageBox

        self.seen: list[tuple[str, str, str]] = []
        for name in ("warn", "info", "error"):
            monkeypatch.setattr(messages, name, self._recorder(name))
        monkeypatch.setattr(messages, "confirm", self._confirm)
        monkeypatch.setattr(messages, "ask_save_changes", self._ask_save)
        for name in ("critical", "warning", "information", "question"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(self._static(name)))

    def _recorder(self, kind):
        def record(_parent, text, details=""):
            self.seen.append((kind, str(text), str(details)))
        return record

    def _confirm(self, _parent, text, details="", yes="", no=""):
        self.seen.append(("confirm", str(text), "\n".join(str(x) for x in (details, yes, no) if x)))
        return False  # the user thinks better of it: nothing changes

    def _ask_save(self, _parent, what=""):
        self.seen.append(("ask_save_changes", str(what), ""))
        return messages.CANCEL

    def _static(self, kind):
        def box(_parent, _title, text, *args, **kwargs):
            from PySide6.QtWidgets import QMessageBox

            self.seen.append((kind, str(text), ""))
            return QMessageBox.StandardButton.No
        return box

    def wait_for(self, qtbot, n: int) -> None:
        qtbot.waitUntil(lambda: len(self.seen) >= n, timeout=20000)


def _page(win, name: str):
    page = win.open_page(name)
    assert page is not None, name
    return page


def _commune_package(tmp_path, department_db):
    """A package of Xã Đắk Pék for the Department (a new sender: held until confirmed)."""
    from xhht_desktop.domain.values import Entry
    from xhht_desktop.installation import open_app_database
    from xhht_desktop.db import values_repo
    from xhht_desktop.sync import export, keys

    xa = open_app_database(tmp_path / "xa.sqlite3")
    try:
        init_installation(xa, "commune", "23353", "Y Blong", "Công chức Văn hóa - Xã hội")
        keys.trust_department(xa, keys.department_public_key_text(department_db))
        inst = get_installation(xa)
        values_repo.save_entries(xa, inst.unit.id, "2014", [Entry("XMC_15_60", None, 978, 1000)],
                                 actor=inst.actor, origin=inst.installation_id)
        (tmp_path / "usb").mkdir()
        return export.export_package(xa, tmp_path / "usb").path
    finally:
        xa.conn.close()


@pytest.mark.parametrize("role,unit", [("commune", "23353"), ("district", "610"), ("department", "62")])
def test_message_boxes_in_english(qtbot, db, db_path, monkeypatch, tmp_path, settle, role, unit):
    """The questions and notices the pages and dialogs raise, driven as a user would (a missing USB
    folder, an export refused by the core, a bad key file, a backup, the data check, a report the core
    refuses, unsaved settings; at the Department: confirming and revoking a sender, publishing an update,
    sending receipts, exporting the secret key) — in English, with no Vietnamese but names and data."""
    from ui.app import create_main_window
    from ui.dialogs import backup_restore, sync_keys
    from ui.pages import reports as reports_page
    from xhht_desktop.reports.cli import ReportError
    from xhht_desktop.sync import merge

    boxes = _Boxes(monkeypatch)
    init_installation(db, role, unit, "Y Blong", "Công chức Văn hóa - Xã hội")
    inst = get_installation(db)
    fill_sample_installation(db, inst.unit.id, origin=inst.installation_id)
    if role == "department":
        merge.merge_files(db, [_commune_package(tmp_path, db)])
    bad_key = tmp_path / "khoa.pub"
    bad_key.write_text("không phải khóa\n", encoding="utf-8")
    monkeypatch.setattr(messages, "open_file_name", lambda *a, **k: str(bad_key))
    monkeypatch.setattr(messages, "save_file_name", lambda *a, **k: str(tmp_path / "saoluu.sqlite3"))
    i18n.install_language("en")
    try:
        ctx, win = create_main_window(db_path, db)
        win.show()
        ctx.set_period(Period(2014, 0))
        n = 0
        if role != "department":
            sync = _page(win, "SyncPage")
            sync.folder.setText(str(tmp_path / "no-usb"))
            sync.export_now(full=False)  # the USB drive is not there
            n += 1
            sync.folder.setText(str(tmp_path))
            sync.export_now(full=False)  # no key of the Department yet: the core refuses
            settle(ctx)
            n += 1
            boxes.wait_for(qtbot, n)
            sync_keys.trust_department_from_file(win, ctx)  # a file that is not a key
            n += 1
        else:
            merge_page = _page(win, "MergePage")
            merge_page.refresh()
            settle(ctx)
            qtbot.waitUntil(lambda: merge_page.installations_model.rowCount() > 0, timeout=20000)
            merge_page.installations.selectRow(0)
            merge_page.confirm_selected()  # "read the fingerprint over the phone?" — not yet
            merge_page.revoke_selected()
            n += 2
            from ui.dialogs.returns import CatalogueTargetsDialog

            targets = CatalogueTargetsDialog(ctx, win)
            (tmp_path / "out").mkdir()
            targets.publish(folder=str(tmp_path / "out"))
            targets.send(folder=str(tmp_path / "out"))
            n += 2
            keys_dialog = sync_keys.SyncKeysDialog(ctx, win)
            keys_dialog.body.export_identity()  # "export the SECRET key without a passphrase?" — no
            keys_dialog.deleteLater()
            n += 1
        backup_restore.backup_now(win, ctx)
        n += 1
        boxes.wait_for(qtbot, n)
        _page(win, "SettingsPage").check_data()
        n += 1
        boxes.wait_for(qtbot, n)
        reports = _page(win, "ReportsPage")
        monkeypatch.setattr(reports_page, "generate", lambda *a, **k: (_ for _ in ()).throw(
            ReportError("report.consolidated_needs_higher_level", unit=inst.unit.name)))
        reports.generate()
        n += 1
        boxes.wait_for(qtbot, n)
        settings = _page(win, "SettingsPage")
        settings.official_edit.setText("Y Blong Niê")
        assert not win.confirm_leave()  # unsaved settings: "save them first?" — cancelled
        n += 1
        settle(ctx)
        allowed = _allowed(db, inst) + PAPER_WORDS + [str(tmp_path)]
        found = [f"{kind}: {text!r} / {details!r}" for kind, text, details in boxes.seen
                 if _vietnamese_left(f"{text}\n{details}", allowed)]
        kinds = [k for k, _t, _d in boxes.seen]
        assert len(boxes.seen) >= n, boxes.seen
        assert "ask_save_changes" in kinds and kinds.count("info") >= 2  # the backup, the data check
        if role == "department":
            assert kinds.count("confirm") >= 3  # confirm, revoke, the secret key
        else:
            assert any("Receive the Department's key" in d for _k, _t, d in boxes.seen)  # the core's refusal
        settings.discard_changes()  # nothing left unsaved: the window closes and leaves no event loop waiting
        settle(ctx)
        win.close()
        assert not win.isVisible()
        win.deleteLater()
    finally:
        i18n.install_language("vi")
    assert not found, "\n".join(found)
