"""Composition root of the window: arguments, fonts, style, database, first run, main window.

Start-up stays light: only what the first screen needs is imported here; the main window, its
pages and the wizard are imported when they are about to be shown.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from pathlib import Path

from xhht_desktop.diagnostics import write_stderr
from ui.i18n import core_words

log = logging.getLogger("xhht.app")

APP_FONT_FAMILY = "Noto Sans"
APP_FONT_POINT_SIZE = 10
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")


def parse_args(argv: list[str]) -> argparse.Namespace:
    args = _plain_args(argv)
    if args is not None:
        return args
    parser = argparse.ArgumentParser(prog="xhht", add_help=True)
    parser.add_argument("--db", type=Path, default=None, help="tệp cơ sở dữ liệu")
    parser.add_argument("--self-test", action="store_true", help="mở cửa sổ trên CSDL tạm rồi thoát (0 = tốt)")
    parser.add_argument("--gui", action="store_true", help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args(argv)  # Qt options (-style …) pass through
    return args


def _plain_args(argv: list[str]) -> argparse.Namespace | None:
    """What `parse_args` gives for the command lines the app is started with (nothing, `--db PATH`,
    `--db=PATH`, `--self-test`, `--gui`), without building argparse's parser (1.6 ms at every
    start); None for anything else (`--help`, abbreviations, Qt's options, a missing value), which
    argparse reads as before."""
    db, self_test, gui = None, False, False
    rest = iter(argv)
    for arg in rest:
        if arg == "--db":
            db = next(rest, None)
            if db is None or db.startswith("-"):
                return None
        elif arg.startswith("--db="):
            db = arg[len("--db="):]
        elif arg in ("--self-test", "--gui"):
            self_test, gui = self_test or arg == "--self-test", gui or arg == "--gui"
        else:
            return None
    return argparse.Namespace(db=None if db is None else Path(db), self_test=self_test, gui=gui)


def load_fonts() -> str:
    """Register the shipped Noto Sans (Vietnamese diacritics on every machine); return the family."""
    from PySide6.QtGui import QFontDatabase

    from xhht_desktop.paths import resource_path

    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0 and not family:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else ""
    return family


APP_STYLE = "Fusion"  # the same look on Windows 10, 11 and Linux; the style sheet builds on it


def apply_look(app, *, style_set: bool = False) -> None:
    """App font (Noto Sans), the Fusion style (unless `style_set`: given to the application when it
    was made) and the house style sheet."""
    from PySide6.QtGui import QFont

    from xhht_desktop.paths import resource_path

    family = load_fonts() or APP_FONT_FAMILY
    font = QFont(family, APP_FONT_POINT_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    if not style_set:
        app.setStyle(APP_STYLE)
    qss = resource_path("style", "app.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def make_application(argv: list[str]):
    from PySide6.QtWidgets import QApplication

    from xhht_desktop import APP_ID, APP_NAME

    app = QApplication.instance()
    style_set = False
    if app is None:
        # The style as Qt's own -style option (unless the official gave one: then it is set after,
        # as always): app.setStyle() returns the style, and PySide6 then makes the Python class
        # QStyle with all its enums (5–6 ms before the window's first paint).
        style_set = not any(a == "-style" or a.startswith(("-style=", "--style")) for a in argv)
        app = QApplication([sys.argv[0] if sys.argv else "xhht", *argv, *(("-style", APP_STYLE) if style_set else ())])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    apply_look(app, style_set=style_set)
    from PySide6.QtGui import QIcon

    from xhht_desktop.paths import resource_path

    # The SVG first (tools/make_icon.py draws all three from the same shapes; the ICO is for the
    # Windows executable): crisp at every size, and its icon engine is the one the sidebar's icons
    # load anyway, where reading the ICO's seven images took 3-4 ms before the window's first paint.
    for name in ("app.svg", "app.ico", "app.png"):
        if resource_path("icons", name).exists():
            app.setWindowIcon(QIcon(str(resource_path("icons", name))))
            break
    return app


def create_main_window(db_path: str | Path, db=None, *, strict: bool = False):
    """Open (or reuse) the database and build the main window; returns (ctx, window).

    The installation must exist (run the first-run wizard or `init` first).
    """
    from xhht_desktop.installation import get_installation, open_app_database

    from ui.context import AppContext
    from ui.main_window import MainWindow, default_period

    if db is None:
        db = open_app_database(db_path)
    inst = get_installation(db)
    if inst is None:
        raise RuntimeError("no installation yet: run the first-run wizard or `init`")
    ctx = AppContext(db, Path(db_path), default_period(db, inst.unit))
    window = MainWindow(ctx, strict=strict)
    return ctx, window


def _open_database_or_explain(db_path: Path, parent=None):
    """The database, or None after telling the official (in Vietnamese) why it cannot be opened."""
    from PySide6.QtCore import QCoreApplication

    from xhht_desktop.db.connection import DatabaseError
    from xhht_desktop.installation import open_app_database

    from ui.i18n import core_words

    try:
        return open_app_database(db_path)
    except DatabaseError as exc:
        from ui.widgets import messages  # only to explain a failure

        messages.error(parent, core_words(exc), QCoreApplication.translate("App", "Tệp dữ liệu không bị thay đổi."))
    except OSError as exc:
        from ui.widgets import messages

        messages.error(parent, QCoreApplication.translate("App", "Không mở được tệp dữ liệu «{path}»: {error}.").format(
            path=db_path, error=exc.strerror or exc),
                       QCoreApplication.translate("App", "Tệp dữ liệu không bị thay đổi."))
    return None


_QT_LEVELS = {"QtDebugMsg": logging.DEBUG, "QtInfoMsg": logging.INFO, "QtWarningMsg": logging.WARNING,
              "QtCriticalMsg": logging.ERROR, "QtFatalMsg": logging.CRITICAL}


class Diagnostics:
    """What `run` installs first, before Qt starts (a frozen windowed app has no console:
    `sys.stderr` and `sys.stdout` are None):

    - the log in the data folder's logs/ and faulthandler beside it (xhht_desktop.diagnostics);
    - sys.excepthook and threading.excepthook: the traceback to the log (and to stderr when there
      is one), then the error dialog (ui.dialogs.error_report) on the GUI thread;
    - Qt's message handler: Qt's warnings to the log ("qt").

    `uninstall()` puts the previous hooks back once the event loop has ended.
    """

    def __init__(self):
        from xhht_desktop import diagnostics

        # Set up here (not by main.py already): taken down again by uninstall() — tests run the
        # window many times in one process, each with its own data folder.
        self.owns_logging = diagnostics.log_file() is None
        self.log_path = diagnostics.setup_logging("gui")
        self.hooks = diagnostics.install_error_hooks(self._show)
        self.previous_qt_handler = None
        self.qt_handler_installed = False

    @staticmethod
    def _show(text: str) -> None:
        from ui.dialogs.error_report import ErrorReporter

        ErrorReporter.show_error(text)

    def attach(self, app) -> None:
        """Once the QApplication exists: the dialog's reporter and Qt's message handler."""
        from PySide6.QtCore import qInstallMessageHandler

        from ui.dialogs.error_report import ErrorReporter

        ErrorReporter.ensure(app)
        if not self.qt_handler_installed:
            self.previous_qt_handler = qInstallMessageHandler(self._qt_message)
            self.qt_handler_installed = True

    def _qt_message(self, mode, context, message) -> None:
        try:
            level = _QT_LEVELS.get(getattr(mode, "name", str(mode)), logging.WARNING)
            if level >= logging.INFO:
                where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
                logging.getLogger("qt").log(level, "%s%s", message, where)
            if self.previous_qt_handler is not None:
                self.previous_qt_handler(mode, context, message)
            elif level >= logging.WARNING:
                from xhht_desktop.diagnostics import write_stderr

                write_stderr(f"{message}\n")
        except Exception:  # noqa: BLE001 - a message handler must never raise into Qt
            pass

    def uninstall(self) -> None:
        from xhht_desktop import diagnostics

        self.hooks.uninstall()
        if self.owns_logging:
            diagnostics.shutdown_logging()
        if self.qt_handler_installed:
            from PySide6.QtCore import qInstallMessageHandler

            qInstallMessageHandler(self.previous_qt_handler)
            self.qt_handler_installed = False


# Start the database work this long after show() even if no paint came (a window started minimised
# is not painted).
PAINT_FALLBACK_MS = 500


class _Startup:
    """What `run` does once the window's frame is on screen: open the database, first run, fill
    the window, then the daily backup in a worker.

    Failures end the event loop with the exit code `run` used to return; an unexpected exception is
    kept and raised again by `run` once the loop has ended (as before the frame came first).
    """

    def __init__(self, app, window, db_path: Path, pause: CollectionPause | None = None):
        self.app = app
        self.window = window
        self.db_path = db_path
        self.pause = pause
        self.db = None
        self.ctx = None
        self.error: BaseException | None = None
        self.backup_task = None
        self._started = False
        self._stopped = False

    def stop(self) -> None:
        """The event loop has ended: what is still queued (the fallback timer, the daily backup)
        must not start during the tear-down."""
        self._started = self._stopped = True

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        try:
            code = self._open()
        except BaseException as exc:  # noqa: BLE001 - raised again by run() after the loop
            self.error = exc
            code = 1
        if code is not None:
            self.window.hide()
            self.app.exit(code)

    def _open(self) -> int | None:
        """None when the window is ready, else the exit code."""
        db = _open_database_or_explain(self.db_path, self.window)
        if db is None:
            return 1
        self.db = db
        from xhht_desktop.installation import get_installation

        from ui.i18n import apply_saved_language

        apply_saved_language(db)
        if get_installation(db) is None:
            if os.environ.get("XHHT_NO_FIRST_RUN_DIALOGS"):
                # Tests and benchmarks: never block on a modal wizard nobody will answer.
                write_stderr("XHHT Desktop: chưa khởi tạo (XHHT_NO_FIRST_RUN_DIALOGS đang bật)\n")
                return 2
            self._end_pause()  # the official may spend minutes in the wizard
            from ui.dialogs.first_run import FirstRunWizard

            wizard = FirstRunWizard(db, self.db_path, self.window)
            if not wizard.exec() or wizard.installation is None:
                return 0
        elif not os.environ.get("XHHT_NO_FIRST_RUN_DIALOGS"):
            from xhht_desktop.installation import move_offer

            if move_offer(db):  # an abolished unit: offer its successor (the dialog's module, with
                # PySide6's `Qt` namespace, only then: 13-16 ms before the first page otherwise)
                self._end_pause()
                from ui.dialogs.move_to import offer_move

                offer_move(db, self.window)
        from ui.context import AppContext
        from ui.main_window import default_period

        inst = get_installation(db)
        self.ctx = AppContext(db, self.db_path, default_period(db, inst.unit))
        self.window.attach(self.ctx)
        if self.pause is not None:
            from PySide6.QtCore import QTimer

            self.window.after_content_shown(self._end_pause)
            # A window never painted (started minimised) never shows its content.
            QTimer.singleShot(self.window.CONTENT_WAIT_MS, self.window, self._end_pause)
        # The rolling daily copy once the window shows its content: it reads the whole database
        # (seconds for a province, minutes at national scale) and never blocks the official.
        self.window.after_content_shown(self.start_daily_backup)
        return None

    def _end_pause(self) -> None:
        if self.pause is not None:
            self.pause.end()

    def start_daily_backup(self) -> None:
        """`daily_backup_at_start` in a worker, on its own connection (a failure is only logged)."""
        if self._stopped:
            return
        from ui.main_window import daily_backups_running
        from ui.tasks import run_task

        db_path = self.db_path

        def work(progress):
            from xhht_desktop.db.connection import open_reader
            from xhht_desktop.maintenance.backup import daily_backup_at_start

            db = open_reader(db_path)
            try:
                return daily_backup_at_start(db, db_path)
            finally:
                db.conn.close()

        key = str(db_path)

        def finished(*_args) -> None:
            daily_backups_running.discard(key)

        def failed(exc, tb) -> None:
            finished()
            log.error("daily backup failed: %s\n%s", exc, tb)

        daily_backups_running.add(key)
        # Parented to the application, not the window: a language switch or a restore replaces
        # the window while the copy runs.
        self.backup_task = run_task(None, "", work, on_done=finished, on_error=failed, show_dialog=False)
        self.backup_task.setParent(self.app)


def _finish_running_tasks(app, objects, patience_s: float = 120.0) -> None:
    """At exit: cancel the tasks still running (ui.tasks) and wait for their threads to end.

    A QThread destroyed while it runs aborts the process, and a worker may be writing (the daily
    backup, an export): those are left to finish. Their results are delivered as usual. A task
    still running after `patience_s` (a worker stuck in a call that never returns) is logged with
    every thread's stack and left behind, so the process (or the test run) never waits for ever.
    """
    if "ui.tasks" not in sys.modules:
        return  # no task was ever started
    import shiboken6
    from PySide6.QtCore import QThread

    from ui import tasks
    from ui.tasks import Task

    import time

    deadline = time.monotonic() + patience_s
    while True:
        running = [task for owner in (app, *objects) for task in owner.findChildren(Task)
                   if task.thread.isRunning()]
        running += [task for task in list(tasks._live)  # also those without a parent (a model's)
                    if task not in running and task.thread.isRunning()]
        if not running:
            return
        if time.monotonic() > deadline:
            # A worker stuck in a call that never returns must not keep the process alive for
            # ever (nor hang the test run): say which tasks, with every thread's stack, and go on.
            # The tasks stay referenced in tasks._live, so no running QThread is destroyed here.
            log = logging.getLogger("xhht.ui")
            log.error("at exit, %d task(s) still running after %.0f s: %s", len(running), patience_s,
                      ", ".join(sorted({type(t).__name__ if not shiboken6.isValid(t)
                                        else (t.objectName() or type(t).__name__) for t in running})))
            _dump_thread_stacks(log)
            return
        for task in running:
            task.progress.cancelled = True  # the worker ends its own thread (ui.tasks._Worker.run)
        app.processEvents()
        QThread.msleep(10)


def _dump_thread_stacks(log) -> None:
    for ident, frame in sys._current_frames().items():
        log.error("thread %s:\n%s", ident, "".join(traceback.format_stack(frame)))


def run(argv: list[str]) -> int:
    """Start the GUI: `--db PATH` picks the database, `--self-test` checks the build and exits.

    The window's frame is shown first and painted; the database is opened right after (see
    `_Startup`), so the official sees the application at once, and a slow open (an upgrade of a
    large database) happens in a window that says so.
    """
    args = parse_args(argv)
    if args.self_test:
        return self_test()
    diagnostics = Diagnostics()
    pause = CollectionPause()
    try:
        return _run(args, argv, diagnostics, pause)
    except Exception as exc:
        # Raised after the event loop ended (see _Startup): logged, and shown in a modal dialog
        # (the loop is over) unless offscreen — the windowed build has no console to print it.
        text = diagnostics.hooks.handle(type(exc), exc, exc.__traceback__, show=False)
        _show_fatal_error(text)
        raise
    finally:
        pause.end()
        log.info("window closed")
        diagnostics.uninstall()


class CollectionPause:
    """Python's automatic garbage collection is off from the start of `run` until the first page
    shows its content (or the first-run wizard is shown, or CONTENT_WAIT_MS after the database is
    opened). Importing the database layer and the first page and building the window make
    collections run every few hundred objects, ~20 of them before the content (3 ms); nearly all
    of what start-up makes lives as long as the window. Afterwards collection is automatic again,
    unless a worker has started meanwhile: ui.tasks then collects on the GUI thread (it switches
    automatic collection off itself), and this leaves it so."""

    def __init__(self):
        self.active = gc.isenabled()
        if self.active:
            gc.disable()

    def end(self) -> None:
        if not self.active:
            return
        self.active = False
        tasks = sys.modules.get("ui.tasks")
        if tasks is not None and tasks.gui_thread_collects():
            return
        gc.enable()


def _show_fatal_error(text: str) -> None:
    try:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication

        if isinstance(QApplication.instance(), QApplication) and QGuiApplication.platformName() != "offscreen":
            from ui.dialogs.error_report import ErrorDialog

            ErrorDialog(text).exec()
    except Exception:  # noqa: BLE001 - already logged
        log.exception("the error dialog could not be shown")


def _run(args: argparse.Namespace, argv: list[str], diagnostics: Diagnostics, pause: CollectionPause) -> int:
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    from xhht_desktop.paths import default_db_path

    from ui.main_window import MainWindow

    app = make_application(argv)
    diagnostics.attach(app)
    db_path = Path(args.db) if args.db else default_db_path()
    window = MainWindow()
    startup = _Startup(app, window, db_path, pause)
    window.first_painted.connect(startup.start)
    window.show()
    QTimer.singleShot(PAINT_FALLBACK_MS, window, startup.start)
    # Quit when the official closes the last window, even if some widget is shown meanwhile
    # (Qt's automatic quit is cancelled by any window shown before it is processed).
    app.lastWindowClosed.connect(app.quit)
    try:
        code = app.exec()
    finally:
        app.lastWindowClosed.disconnect(app.quit)
        # Qt's own automatic quit may still be queued: delivered later (tests share the
        # application), it would end every event loop started afterwards at once.
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)
    startup.stop()
    from ui.i18n import live_windows

    windows = live_windows(window)
    _finish_running_tasks(app, windows)
    # A language switch or a restore replaces the window (ui.i18n) and a restore the connection.
    _tear_down(app, *windows, *([startup.ctx] if startup.ctx is not None else []))
    if startup.ctx is not None:
        startup.ctx.close_writer()  # queued writes are finished, not dropped
        startup.ctx.db.conn.close()
    if startup.db is not None:
        startup.db.conn.close()
    if startup.error is not None:
        raise startup.error
    return code


def _tear_down(app, *objects) -> None:
    """Delete widgets before the application goes away (else Python may crash at exit)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for obj in objects:
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def self_test() -> int:
    """Offscreen: temporary database, sample commune, main window painted, every page opened,
    the Excel template written. 0 when all went well, 1 on any exception (printed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    errors: list[str] = []
    previous_hook = sys.excepthook

    def record(exc_type, exc, tb):  # exceptions raised inside Qt slots land here
        errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

    sys.excepthook = record
    import tempfile

    try:
        with tempfile.TemporaryDirectory(prefix="xhht-selftest-") as tmp:
            code = _self_test_in(Path(tmp), errors)
            _self_test_diagnostics(Path(tmp) / "logs", errors)
            # One PDF and one XLSX through the core, a backup and the data checks (maintenance).
            from xhht_desktop.maintenance.selftest import run_self_test
            for step in run_self_test(Path(tmp) / "files").steps:
                print(f"  {step}")
    except Exception:  # noqa: BLE001 - the self-test reports every failure as exit 1
        errors.append(traceback.format_exc())
        code = 1
    finally:
        sys.excepthook = previous_hook
    for text in errors:
        write_stderr(text)
    if errors:
        return 1
    print("XHHT Desktop self-test: OK")
    return code


def _self_test_in(tmp: Path, errors: list[str]) -> int:
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from xhht_desktop.installation import init_installation, open_app_database
    from xhht_desktop.io.xlsx_entry import write_template
    from xhht_desktop.sample import fill_sample_data

    app = make_application([])
    db_path = tmp / "selftest.sqlite3"
    db = open_app_database(db_path)
    inst = init_installation(db, "commune", "23353", "Kiểm tra", "Tự kiểm tra")
    fill_sample_data(db, inst.unit.id, origin=inst.installation_id)
    ctx, window = create_main_window(db_path, db, strict=True)

    class PaintWatcher(QObject):
        painted = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    watcher = PaintWatcher()
    window.installEventFilter(watcher)
    window.show()
    timer = QElapsedTimer()
    timer.start()
    while not watcher.painted and timer.elapsed() < 10_000:
        app.processEvents()
    if not watcher.painted:
        errors.append("the main window was never painted\n")
    for index in range(len(window.specs)):
        window.sidebar.setCurrentRow(index)
        app.processEvents()
    window.grab()  # render every widget of the current page once
    out = write_template(db, inst.unit, ctx.period.code, tmp / "template.xlsx")
    if not out.exists() or out.stat().st_size == 0:
        errors.append("the Excel template was not written\n")
    window.close()
    _tear_down(app, window, ctx)
    del window, ctx
    db.conn.close()
    return 1 if errors else 0


def _self_test_diagnostics(folder: Path, errors: list[str]) -> None:
    """The log and the crash file can be written where the bundle runs (then moved back)."""
    from xhht_desktop import diagnostics

    previous = diagnostics.log_file()
    path = diagnostics.setup_logging("self-test", folder)
    try:
        logging.getLogger("xhht.selftest").warning("self-test log line")
        if path is None or "self-test log line" not in "\n".join(diagnostics.last_log_lines(5)):
            errors.append(f"the log could not be written in {folder}\n")
        import faulthandler

        if diagnostics.crash_file() is None and not faulthandler.is_enabled():
            errors.append("faulthandler was not enabled\n")
    finally:
        diagnostics.shutdown_logging()
        if previous is not None:
            diagnostics.setup_logging("gui", previous.parent)
