"""Screenshots of the real app for the user guide (docs/images/*.png).

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/guide_screenshots.py [--out docs/images] [--lang vi]

Builds a throw-away installation (Xã Đắk Pék with the sample figures and centre log, the
Department's key trusted), opens the same windows and dialogs a commune official uses, and saves
each with QWidget.grab(). Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait(app, condition, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not reach the expected state")
        app.processEvents()
        time.sleep(0.01)


def settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--lang", default="vi")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="xhht-guide-"))
    os.environ["XHHT_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        return _shoot(args.out, args.lang, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shoot(out: Path, lang: str, work: Path) -> int:
    import datetime as dt

    from PySide6.QtCore import QSize

    from xhht_desktop.clc.sample import fill_sample_log
    from xhht_desktop.db import meta
    from xhht_desktop.domain.periods import Period
    from xhht_desktop.installation import get_installation, init_installation, open_app_database
    from xhht_desktop.maintenance import backup as bk
    from xhht_desktop.sample import fill_sample_data
    from xhht_desktop.sync import keys

    from ui import i18n
    from ui.app import create_main_window, make_application
    from ui.dialogs.backup_restore import RestoreDialog
    from ui.dialogs.first_run import PAGE_UNIT, FirstRunWizard

    app = make_application([])
    saved: list[str] = []

    def save(widget, name: str) -> None:
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(str(path))

    # 1. First run: the wizard on the unit page, searching accent-free.
    db_path = work / "data" / "xhht.sqlite3"
    db = open_app_database(db_path)
    meta.put(db, i18n.LANGUAGE_META_KEY, lang)
    i18n.apply_saved_language(db)
    wizard = FirstRunWizard(db, db_path)
    wizard.role_page.buttons["commune"].setChecked(True)
    wizard.show()
    wizard.next()
    wait(app, lambda: wizard.currentId() == PAGE_UNIT)
    wizard.unit_page.search_edit.setText("dak pek")
    settle(app, 0.6)
    if wizard.unit_page.unit_list.count():
        wizard.unit_page.unit_list.setCurrentRow(0)
    settle(app)
    save(wizard, "01-lan-dau-chon-don-vi")
    wizard.next()
    wizard.official_page.name_edit.setText("Y Blong")
    wizard.official_page.title_edit.setText("Công chức Văn hóa - Xã hội")
    settle(app)
    save(wizard, "02-lan-dau-can-bo")
    wizard.close()

    # The installation the rest of the guide shows.
    inst = init_installation(db, "commune", "23353", "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_sample_data(db, inst.unit.id, origin=inst.installation_id, until_year=2014)
    fill_sample_log(db, inst.unit.id, origin=inst.installation_id, until=dt.date(2014, 12, 31))
    department = open_app_database(work / "so.sqlite3")
    init_installation(department, "department", None, "Phòng GDTX", "Sở GD&ĐT")
    keys.ensure_keys(department, "department")
    keys.trust_department(db, keys.department_recipient(department))
    department.conn.close()
    yesterday = bk.daily_backup(db, db_path, today=dt.date.today() - dt.timedelta(days=1))
    stamp = time.time() - 86400 + 3600
    os.utime(yesterday, (stamp, stamp))
    bk.daily_backup(db, db_path)
    inst = get_installation(db)

    ctx, window = create_main_window(db_path, db)
    window.resize(QSize(1280, 780))
    window.show()
    ctx.set_period(Period(2014, 0))
    settle(app, 1.0)
    window.load_remaining_pages()

    def page(class_name: str, name: str, prepare=None, delay: float = 0.6):
        p = window.open_page(class_name)
        if p is None:
            print(f"(no page {class_name} in this build)")
            return None
        settle(app, delay)
        if prepare:
            prepare(p)
        save(window, name)
        return p

    page("DashboardPage", "03-tong-quan", delay=1.5)

    def type_figures(p):
        row = p.rows.get(("XMC_15_60", None)) if hasattr(p, "rows") else None
        if row is not None:
            row.numerator.setFocus()
        settle(app)

    page("EntryPage", "04-nhap-so-lieu", type_figures)
    page("ClcPage", "05-so-tthtcd")

    def make_report(p):
        p.generate()
        wait(app, lambda: p.task is None, 60)
        settle(app, 1.0)

    page("ReportsPage", "06-bao-cao", make_report)

    usb = work / "USB"
    usb.mkdir()

    def export(p):
        p.folder.setText(str(usb))
        p.export_now(full=False)
        wait(app, lambda: p.task is None, 60)
        settle(app, 0.5)

    page("SyncPage", "07-gui-goi", export)
    page("SettingsPage", "08-cai-dat")

    dialog = RestoreDialog(ctx, window)
    dialog.show()
    settle(app)
    dialog.table.selectRow(0)
    wait(app, lambda: dialog.restore_button.isEnabled(), 20)
    settle(app)
    save(dialog, "09-khoi-phuc")
    dialog.close()

    from ui.dialogs.about import AboutDialog
    about = AboutDialog(ctx, window)
    about.show()
    settle(app)
    save(about, "10-gioi-thieu")
    about.close()

    window.hide()

    # 4b. A commune of today (Xã Đăk Pék, 23341 since 1 July 2025) entering 2026 against the
    # 2021–2030 programme: a degree with its recognition decision and the NĐ 20/2014 suggestion.
    from xhht_desktop.installation import init_installation_by_key

    today_path = work / "data" / "xa-moi.sqlite3"
    today_db = open_app_database(today_path)
    meta.put(today_db, i18n.LANGUAGE_META_KEY, lang)
    new = init_installation_by_key(today_db, "commune", "23341@2025-07-01", "Y Blong", "Công chức Văn hóa - Xã hội")
    fill_sample_data(today_db, new.unit.id, origin=new.installation_id, until_year=2026)
    ctx2, window2 = create_main_window(today_path, today_db)
    window2.resize(QSize(1280, 780))
    window2.show()
    ctx2.set_period(Period(2026, 0))
    settle(app, 1.0)
    entry = window2.open_page("EntryPage")
    settle(app, 0.6)
    frame = entry.indicator_frames.get("XMC_MUC_DO")
    if frame is not None:
        entry.tabs.setCurrentIndex(entry.tab_for_group[1])
        frame.parent().parent().parent().ensureWidgetVisible(frame, 0, 0)
        settle(app, 0.4)
        save(window2, "04b-muc-do")
    window2.hide()
    print("\n".join(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
