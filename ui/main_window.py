"""The window a commune official lives in: unit and period always on top, pages on the left.

Pages come from `ui/pages/registry.py`: the first page's module is imported when the window is
filled, the others' on a worker once it shows its content; each page is created the first time it
is opened. A page module not yet present in this build is skipped. Leaving a period
or closing the window with unsaved edits asks "Lưu / Không lưu / Hủy" first
(`ui.widgets.messages.ask_save_changes`, patched in tests).

Start-up paints the window before the database is open: `MainWindow()` without a context is the
frame (header, sidebar, menu bar, status bar), cheap to import and build; `attach(ctx)` fills it once
the database is open. So this module imports nothing of the database layer (sqlite-utils and the
repositories cost more than the bare window) until `attach`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

# Only the classes the frame needs: PySide6 builds a class's Python enums when the class is first
# touched, and the `Qt` namespace alone costs ~15 ms; menus, `Qt` and dialogs come with attach().
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop import APP_NAME

from ui.i18n import core_words
from ui.pages import registry
from ui.i18n import core_words

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from xhht_desktop.db import units_repo
    from xhht_desktop.domain.periods import Period

    from ui.context import AppContext
    from ui.pages.base import Page

log = logging.getLogger(__name__)

# Databases whose daily copy, taken in a worker at start-up (ui.app), is still being written. Kept
# here rather than on a window: a language switch replaces the window while the copy runs.
daily_backups_running: set[str] = set()


@dataclass
class PageSpec:
    module: str
    class_name: str
    cls: type[Page] | None
    error: str = ""  # set when the module exists but failed to import

    @property
    def title(self) -> str:
        if self.cls is not None:
            return self.cls.title or self.class_name
        return self.class_name


def load_page_specs(role: str, pages: list[tuple[str, str]] | None = None, *, strict: bool = False) -> list[PageSpec]:
    """Import the registry's page modules (ui/pages/registry.py, a static list) and keep the role's
    pages. Every page listed must import: a failure, a missing module included, is a bug, raised
    when `strict` (self-test, tests), otherwise shown as an error page so the rest of the app still
    works for the official.
    """
    specs: list[PageSpec] = []
    for module_name, class_name in (registry.PAGES if pages is None else pages):
        try:
            module = importlib.import_module(module_name)
            cls = getattr(module, class_name)
        except Exception:  # noqa: BLE001 - a broken page must not take the whole window down
            if strict:
                raise
            log.exception("page %s failed to import", module_name)
            specs.append(PageSpec(module_name, class_name, None, traceback.format_exc()))
            continue
        if role in getattr(cls, "roles", frozenset()):
            specs.append(PageSpec(module_name, class_name, cls))
    return specs


def selectable_periods(unit: units_repo.Unit, today: dt.date | None = None) -> list[Period]:
    """Periods this unit reports (their last day within its life) that have begun by today (all of them
    if that leaves none). The province sees every period: its history comes through the lineage."""
    from xhht_desktop.db.units_repo import lives_through
    from xhht_desktop.domain.periods import all_periods

    today = today or dt.date.today()
    periods = [p for p in all_periods() if (unit.level == "tinh" or lives_through(unit, p)) and p.start <= today]
    return periods or all_periods()


def default_period(db, unit: units_repo.Unit, today: dt.date | None = None) -> Period:
    """Where the official left off (the latest period with figures), else the current half-year."""
    from xhht_desktop.db import values_repo

    options = selectable_periods(unit, today)
    reported = set(values_repo.reported_periods(db, unit.id))
    with_data = [p for p in options if p.code in reported]
    if with_data:
        return with_data[-1]
    halves = [p for p in options if not p.is_year]
    return (halves or options)[-1]


def set_by_name(obj, **properties: str) -> None:
    """Set Qt properties from their values' names ("NoFocus", "Ctrl+S"), converted by Qt itself.

    The first time a value of one of the `Qt` namespace's enums or a QKeySequence crosses between
    Python and Qt, PySide6 builds the whole namespace with all its enums (13–16 ms); nothing else
    the window needs before its first page shows its figures does. So the frame and the menus set
    the sidebar's focus policy and the shortcuts by name."""
    for name, value in properties.items():
        if not obj.setProperty(name, value):
            raise ValueError(f"{type(obj).__name__} has no property {name!r}")


def icon(name: str, fallback: str = "") -> QIcon:
    """An SVG of resources/icons by name (`fallback` when that one is missing)."""
    from xhht_desktop.paths import resource_path

    for candidate in (name, fallback):
        path = resource_path("icons", f"{candidate}.svg")
        if candidate and path.exists():
            return QIcon(str(path))
    return QIcon()


def app_icon() -> QIcon:
    from xhht_desktop.paths import resource_path

    for name in ("app.svg", "app.ico", "app.png"):  # as ui.app.make_application
        path = resource_path("icons", name)
        if path.exists():
            return QIcon(str(path))
    return QIcon()


@functools.cache
def _error_page_class() -> type[Page]:
    """ErrorPage, defined on first use: the page base class imports the database layer."""
    from PySide6.QtCore import Qt

    from ui.pages.base import Page

    class ErrorPage(Page):
        """Stands in for a page whose module failed to import, with the reason."""

        def __init__(self, ctx: AppContext, spec: PageSpec, parent: QWidget | None = None):
            super().__init__(ctx, parent)
            layout = QVBoxLayout(self)
            label = QLabel(self.tr("Không mở được trang «{page}» ({module}). "
                                   "Hãy báo lỗi này cho người hỗ trợ kỹ thuật.").format(page=spec.class_name,
                                                                                    module=spec.module))
            label.setWordWrap(True)
            details = QLabel(spec.error)
            details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            details.setObjectName("muted")
            layout.addWidget(label)
            layout.addWidget(details)
            layout.addStretch(1)

    return ErrorPage


def __getattr__(name: str):
    if name == "ErrorPage":
        return _error_page_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class MainWindow(QMainWindow):
    """The main window. `MainWindow(ctx)` is complete; `MainWindow()` is the frame shown at start-up
    before the database is open, completed by `attach(ctx)`."""

    # The window's first paint (start-up opens the database right after it; see ui.app.run).
    first_painted = Signal()

    def __init__(self, ctx: AppContext | None = None, *, pages: list[tuple[str, str]] | None = None,
                 strict: bool = False):
        super().__init__()
        self.ctx: AppContext | None = None
        from ui.widgets import wheel_guard

        wheel_guard.install(QGuiApplication.instance())  # the wheel never changes an unfocused field
        if QGuiApplication.windowIcon().isNull():  # ui.app sets it for every window already
            self.setWindowIcon(app_icon())
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(900, 560))
        self._fit_to_screen()

        self._role = ""
        self._registry = list(registry.PAGES if pages is None else pages)
        self._strict = strict
        self._specs: list[PageSpec] = []
        self._specs_complete = False
        self._pages_task = None  # the other pages' modules being imported (_import_remaining_pages)
        self.pages: dict[int, Page] = {}

        central = QWidget()
        central.setObjectName("central")
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_header())
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(210)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        # Shown until attach(): opening (and, after an upgrade, migrating) the database.
        # Centred by its HTML (a QLabel centres vertically by itself): no `Qt` enum before the paint.
        self._opening = QLabel("<div align='center'>" + self.tr("Đang mở dữ liệu…") + "</div>")
        self._opening.setObjectName("muted")
        self.stack.addWidget(self._opening)
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        root.addLayout(body, 1)
        self.setCentralWidget(central)

        # The menu bar's own menus come with attach() (in the saved language); these keep its
        # height so nothing moves when they arrive.
        bar = self.menuBar()
        self._menu_placeholders = [bar.addMenu(self.tr("&Tệp")), bar.addMenu(self.tr("Trợ &giúp"))]
        for menu in self._menu_placeholders:
            menu.setEnabled(False)
        self._build_status_bar()
        self._first_paint_seen = False
        self._after_paint: list[Callable[[], None]] = []
        self.installEventFilter(self)
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: AppContext) -> None:
        """Fill the frame for this database and installation: header, first page, menus."""
        assert self.ctx is None, "attach() once"
        inst = ctx.installation
        assert inst is not None, "the main window needs an installation (first-run wizard first)"
        self.ctx = ctx
        self._role = inst.role
        set_by_name(self.sidebar, focusPolicy="NoFocus")
        # Start-up stays light: only the first page's module is imported before the window shows
        # its content; the others (reports, sync…) are imported right after the next paint, or as
        # soon as one is asked for.
        self._specs = load_page_specs(self._role, self._registry[:1], strict=self._strict)
        self._specs_complete = len(self._registry) <= 1
        self.stack.removeWidget(self._opening)
        self._opening.deleteLater()
        for spec in self._specs:
            self._add_sidebar_item(spec)
        self.period_caption.setText(self.tr("Kỳ báo cáo"))  # the language may have changed meanwhile
        self._fill_periods()
        self.period_picker.chosen.connect(self._on_period_chosen)
        self._update_header()
        bar = self.menuBar()
        bar.clear()
        for menu in self._menu_placeholders:
            menu.deleteLater()
        self._menu_placeholders = []
        self._build_menu()
        self.db_label.setText(self.tr("Dữ liệu: {path}").format(path=ctx.db_path))
        self._update_title()
        self.sidebar.currentRowChanged.connect(self._show_page)
        ctx.period_changed.connect(self._on_period_changed)
        ctx.installation_changed.connect(self._update_header)
        ctx.operation_queued.connect(self._on_operation_queued)
        if self._specs:
            self.sidebar.setCurrentRow(0)
        # After whatever else waits for the content (a turn later): it is the least urgent.
        self.after_content_shown(lambda: QTimer.singleShot(0, self, self._import_remaining_pages))

    # ---- pages of the sidebar, imported after the first paint ---------------------------------

    @property
    def specs(self) -> list[PageSpec]:
        """Every page of this role (imports the remaining page modules if not done yet)."""
        self.load_remaining_pages()
        return self._specs

    def _import_remaining_pages(self) -> None:
        """Import the other pages' modules on a worker, then list them (`load_remaining_pages`).

        Importing them (reports, sync, the centres' log and what they use) took 70 ms at start-up
        and 200–330 ms on a loaded machine, on the GUI thread, right after the first page showed
        its content. Until they are listed the context is not idle (`AppContext.idle`): the official
        cannot open a page that is not in the sidebar yet. A module that fails to import is imported
        again on the GUI thread by `load_page_specs`, which shows the error page (or raises, strict).
        """
        if self._specs_complete or self.ctx is None or self._pages_task is not None:
            return
        from ui.tasks import run_task

        modules = [module for module, _class in self._registry[1:]]

        def work(_progress) -> None:
            for name in modules:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001, S112 - reported by load_page_specs on the GUI thread
                    continue

        ctx = self.ctx
        ctx._operation_started()

        def imported(*_args) -> None:
            ctx._operation_finished()
            if shiboken6.isValid(self):  # the window may be gone (closed at once, a language switch)
                self._pages_task = None
                self.load_remaining_pages()

        # Parented to the application, not the window: a task deleted with its window before its
        # result arrives would leave its thread running for ever.
        self._pages_task = run_task(None, "", work, on_done=imported, on_error=imported, show_dialog=False)
        self._pages_task.setParent(QCoreApplication.instance())

    def load_remaining_pages(self) -> None:
        if self._specs_complete or self.ctx is None:
            return
        self._specs_complete = True
        for spec in load_page_specs(self._role, self._registry[1:], strict=self._strict):
            self._specs.append(spec)
            self._add_sidebar_item(spec)

    def _add_sidebar_item(self, spec: PageSpec) -> None:
        title = spec.title
        if spec.cls is not None:
            # Page titles are marked with QT_TRANSLATE_NOOP(<class name>, …): translated here.
            title = QCoreApplication.translate(spec.class_name, title)
        item = QListWidgetItem(title if spec.cls else f"⚠ {title}")
        # Every row gets an icon (a generic one if the page names none) so the titles line up.
        item.setIcon(icon(getattr(spec.cls, "icon_name", "") if spec.cls else "", "page"))
        item.setSizeHint(QSize(0, 40))
        self.sidebar.addItem(item)
        self.stack.addWidget(QWidget())  # replaced by the page the first time it is opened

    # A first page computing its figures in a worker (a district's or the province's dashboard)
    # that has not delivered them by then does not hold the rest back any longer.
    CONTENT_WAIT_MS = 3000

    def after_content_shown(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the first page shows its content: painted, and when it computes its
        figures in a worker (`busy`, then `refreshed`), painted with them — what the official
        came for goes before the work deferred from start-up (the other pages, the daily copy)."""
        page = self.pages.get(0)
        refreshed = getattr(page, "refreshed", None)
        if page is None or refreshed is None or not getattr(page, "busy", False):
            self.after_next_paint(callback)
            return
        done = False

        def ready() -> None:
            nonlocal done
            if done:
                return
            done = True
            try:
                refreshed.disconnect(ready)
            except (RuntimeError, TypeError):  # the page is gone, or the timer came first
                pass
            self.after_next_paint(callback)

        refreshed.connect(ready)
        QTimer.singleShot(self.CONTENT_WAIT_MS, self, ready)

    def after_next_paint(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the window has been painted next (a window never shown never runs
        it: what it defers must also happen on demand, like `specs`)."""
        self._after_paint.append(callback)
        self.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            # Queued: what comes next runs once this paint has reached the screen.
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                QTimer.singleShot(0, self, callback)  # dropped if the window is deleted
            if not self._first_paint_seen:
                self._first_paint_seen = True
                QTimer.singleShot(0, self, self.first_painted.emit)
        return False

    def _fit_to_screen(self) -> None:
        """1280×800 where it fits; on the common 1366×768 laptop screen, the whole available area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        width, height = min(1280, area.width()), min(800, area.height() - 40)  # 40: the title bar
        self.resize(width, height)
        self.move(area.left() + (area.width() - width) // 2, area.top() + max(0, (area.height() - height - 40) // 2))

    # ---- header: unit and period -------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setObjectName("header")
        layout = QHBoxLayout(header)
        layout.setContentsMargins(20, 10, 20, 10)
        names = QVBoxLayout()
        names.setSpacing(0)
        # Until attach(): the app's name, and a blank line that keeps the header's height.
        self.unit_label = QLabel(APP_NAME)
        self.unit_label.setObjectName("headerUnit")
        self.unit_detail = QLabel(" ")
        self.unit_detail.setObjectName("headerDetail")
        names.addWidget(self.unit_label)
        names.addWidget(self.unit_detail)
        layout.addLayout(names, 1)
        self.period_caption = QLabel(self.tr("Kỳ báo cáo"))
        self.period_caption.setObjectName("headerDetail")
        layout.addWidget(self.period_caption)
        from ui.widgets.period_picker import PeriodPicker

        self.period_picker = PeriodPicker()  # year + part: two short lists instead of forty periods
        layout.addWidget(self.period_picker)
        return header  # filled by attach()

    def _fill_periods(self) -> None:
        unit = self.ctx.installation.unit
        self.period_picker.set_periods(selectable_periods(unit), self.ctx.period)

    def _update_header(self) -> None:
        from xhht_desktop.db import units_repo

        from ui.models.presentation import role_label

        inst = self.ctx.installation
        unit = inst.unit
        self.unit_label.setText(unit.name)
        day = min(dt.date.today().isoformat(), unit.valid_to or "9999-12-31")
        parent = units_repo.parent_of(self.ctx.db, unit.id, day)
        parts = [self.tr("Mã {code}").format(code=unit.code)]
        if parent is not None:
            parts.append(parent.name)
        parts.append(role_label(inst.role))
        if inst.official_name:
            who = inst.official_name + (f" ({inst.official_title})" if inst.official_title else "")
            parts.append(who)
        self.unit_detail.setText(" · ".join(parts))
        self._update_title()

    def _on_period_chosen(self, period: Period) -> None:
        if period is None or period == self.ctx.period:
            return
        if not self.confirm_leave(self.tr("của kỳ đang mở")):
            self._select_period_in_combo(self.ctx.period)
            return
        self.ctx.set_period(period)

    def _select_period_in_combo(self, period: Period) -> None:
        self.period_picker.set_period(period)

    def _on_period_changed(self, period: Period) -> None:
        self._select_period_in_combo(period)
        self._update_title()

    def go_to_period(self, period: Period) -> bool:
        """Switch period after resolving unsaved edits; False if the official cancelled."""
        if period == self.ctx.period:
            return True
        if not self.confirm_leave(self.tr("của kỳ đang mở")):
            return False
        self.period_picker.add_period(period)
        self.ctx.set_period(period)
        return True

    # ---- pages ---------------------------------------------------------------------------------

    def page_at(self, index: int) -> Page:
        """The page of sidebar row `index`, created on first use."""
        page = self.pages.get(index)
        if page is None:
            spec = self._specs[index]
            # Made inside the stack: a page made on its own and then put there had its whole tree
            # of widgets restyled for the window (20 ms of the entry form's first opening).
            page = spec.cls(self.ctx, self.stack) if spec.cls is not None \
                else _error_page_class()(self.ctx, spec, self.stack)
            page.modified_changed.connect(lambda _m: self._update_title())
            old = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.pages[index] = page
        return page

    def page_by_class(self, class_name: str) -> Page | None:
        for i, spec in enumerate(self.specs):
            if spec.class_name == class_name:
                return self.page_at(i)
        return None

    def open_page(self, class_name: str) -> Page | None:
        for i, spec in enumerate(self.specs):
            if spec.class_name == class_name:
                self.sidebar.setCurrentRow(i)
                return self.page_at(i)
        return None

    def current_page(self) -> Page | None:
        index = self.sidebar.currentRow()
        return self.pages.get(index) if index >= 0 else None

    def _show_page(self, index: int) -> None:
        if index < 0:
            return
        page = self.page_at(index)
        self.stack.setCurrentWidget(page)
        self._update_title()

    def unsaved_pages(self) -> list[Page]:
        return [p for p in self.pages.values() if p.has_unsaved_changes()]

    def confirm_leave(self, what: str = "") -> bool:
        """Resolve unsaved edits: save them, drop them, or stay (returns False)."""
        dirty = self.unsaved_pages()
        if not dirty:
            return True
        from ui.widgets import messages

        answer = messages.ask_save_changes(self, what)
        if answer == messages.SAVE:  # saved before going on: a form's save is waited for
            return all(getattr(page, "save_and_wait", page.save)() for page in dirty)
        if answer == messages.DISCARD:
            for page in dirty:
                page.discard_changes()
            return True
        return False

    def save_current(self) -> bool:
        """Ctrl+S: save the open page and any other page holding edits."""
        ok = True
        current = self.current_page()
        targets = [current] if current is not None else []
        targets += [p for p in self.unsaved_pages() if p is not current]
        for page in targets:
            ok = page.save() and ok
        self._update_title()
        return ok

    def _update_title(self) -> None:
        from ui.models.presentation import period_name

        inst = self.ctx.installation
        self.setWindowTitle(f"{inst.unit.name} — {period_name(self.ctx.period)} — {APP_NAME}[*]")
        self.setWindowModified(bool(self.unsaved_pages()))

    # ---- menu and status bar -----------------------------------------------------------------

    def _build_menu(self) -> None:
        from PySide6.QtGui import QAction

        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&Tệp"))
        self.save_action = QAction(icon("save"), self.tr("&Lưu"), self)
        # QKeySequence.StandardKey.Save (Ctrl+S) in the window; by name, see set_by_name.
        set_by_name(self.save_action, shortcut="Ctrl+S", shortcutContext="WindowShortcut")
        self.save_action.triggered.connect(self.save_current)
        self.file_menu.addAction(self.save_action)
        self.file_menu.addSeparator()
        self.export_template_action = QAction(icon("excel-out"), self.tr("&Xuất biểu nhập Excel…"), self)
        self.export_template_action.triggered.connect(self.export_template)
        self.file_menu.addAction(self.export_template_action)
        self.import_xlsx_action = QAction(icon("excel-in"), self.tr("&Nhập biểu Excel…"), self)
        self.import_xlsx_action.triggered.connect(self.import_xlsx)
        self.file_menu.addAction(self.import_xlsx_action)
        self.file_menu.addSeparator()
        # Backups belong to the maintenance feature; the entries appear when it is in this build.
        self.backup_action = QAction(self.tr("&Sao lưu dữ liệu…"), self)
        self.backup_action.triggered.connect(self.backup_now)
        self.file_menu.addAction(self.backup_action)
        self.restore_action = QAction(self.tr("&Khôi phục từ bản sao lưu…"), self)
        self.restore_action.triggered.connect(self.restore_backup)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self.tr("T&hoát"), self)
        set_by_name(self.quit_action, shortcut="Ctrl+Q")
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.help_menu = bar.addMenu(self.tr("Trợ &giúp"))
        guide = QAction(self.tr("&Hướng dẫn sử dụng"), self)
        set_by_name(guide, shortcut="F1")  # QKeySequence.StandardKey.HelpContents on Windows and Linux
        guide.triggered.connect(self.show_user_guide)
        self.help_menu.addAction(guide)
        self.logs_action = QAction(self.tr("Mở thư mục &nhật ký"), self)
        self.logs_action.triggered.connect(self.open_logs_folder)
        self.help_menu.addAction(self.logs_action)
        about = QAction(self.tr("&Giới thiệu"), self)
        about.triggered.connect(self.show_about)
        self.help_menu.addAction(about)

    def open_logs_folder(self) -> None:
        """Trợ giúp → «Mở thư mục nhật ký» (the log and crash files, for whoever supports the app)."""
        from ui.dialogs.error_report import open_logs_folder

        open_logs_folder(self)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.db_label = QLabel()  # the path, set by attach()
        self.db_label.setObjectName("muted")
        status.addPermanentWidget(self.db_label)

    def _on_operation_queued(self, label: str, waiting_for: str) -> None:
        """A write waits for another (a save during a merge): say so; it runs when that is done."""
        self.show_status(self.tr("«{label}» đang chờ «{other}» xong, sẽ tự thực hiện ngay sau đó.").format(
            label=label, other=waiting_for), 30000)

    def show_status(self, text: str, msec: int = 8000) -> None:
        self.statusBar().showMessage(text, msec)

    def backup_now(self) -> None:
        from ui.dialogs import backup_restore

        backup_restore.backup_now(self, self.ctx)

    @property
    def daily_backup_running(self) -> bool:
        return self.ctx is not None and str(self.ctx.db_path) in daily_backups_running

    def restore_backup(self) -> None:
        if self.daily_backup_running:
            self.wait_for_daily_backup()
        from ui.dialogs import backup_restore

        backup_restore.restore_from_file(self, self.ctx)

    def wait_for_daily_backup(self) -> None:
        """Wait (a busy dialog, no cancel) for the daily copy started with the window.

        It holds a connection to the database while it copies, and a restore cannot replace a
        database that is open ("đang được mở ở nơi khác"): better wait the seconds it needs.
        """
        from PySide6.QtCore import QEventLoop, Qt
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(self.tr("Đang hoàn tất bản sao lưu hằng ngày…"), "", 0, 0, self)
        dialog.setCancelButton(None)
        dialog.setWindowTitle(APP_NAME)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: None if self.daily_backup_running else loop.quit())
        poll.start(50)
        loop.exec()
        poll.stop()
        dialog.close()
        dialog.deleteLater()

    def show_user_guide(self) -> None:
        from ui.dialogs.about import UserGuideDialog

        # Non-modal: the guide can stay open beside the form.
        self._guide = UserGuideDialog(self)
        self._guide.show()

    def show_about(self) -> None:
        from ui.dialogs.about import AboutDialog

        AboutDialog(self.ctx, self).exec()

    # ---- Excel ---------------------------------------------------------------------------------

    def export_template(self) -> None:
        """Write the entry template (pre-filled with what is saved) for this unit and period."""
        from pathlib import Path

        from PySide6.QtCore import QStandardPaths

        from xhht_desktop.domain.text import ascii_slug

        from ui.operations import QueryOp
        from ui.widgets import messages

        if not self.confirm_leave(self.tr("(biểu Excel lấy số liệu đã lưu)")):
            return
        inst, period = self.ctx.installation, self.ctx.period
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / f"BieuNhap_{ascii_slug(inst.unit.short_name)}_{period.code}.xlsx")
        out = messages.save_file_name(self, self.tr("Xuất biểu nhập Excel"), suggested,
                                      self.tr("Bảng tính Excel (*.xlsx)"))
        if not out:
            return
        if not out.lower().endswith(".xlsx"):
            out += ".xlsx"
        unit, code = inst.unit, period.code

        def work(db, _progress):  # a read, on a worker with its own connection (ui.operations)
            from xhht_desktop.io.xlsx_entry import write_template

            return write_template(db, unit, code, out)

        self._export_task = QueryOp(self, work, ctx=self.ctx).with_progress(self.tr("Đang xuất biểu nhập Excel…")).success(
            lambda path: self.show_status(self.tr("Đã xuất biểu nhập: {path}").format(path=path), 15000)).failure(
            lambda exc: messages.error(self, self.tr("Không xuất được biểu nhập Excel."), core_words(exc))).run_in_background()

    def import_xlsx(self) -> None:
        """Check a filled template, preview it, then import all of it or nothing."""
        from ui.dialogs.xlsx_import import XlsxImportDialog

        if not self.confirm_leave(self.tr("trước khi nhập biểu Excel")):
            return
        dialog = XlsxImportDialog(self.ctx, self)
        dialog.exec()
        result = dialog.applied_result
        if result is not None:
            from xhht_desktop.domain.periods import parse_period

            self.show_status(self.tr("Đã nhập biểu Excel kỳ {period}: {n} số liệu thay đổi.")
                             .format(period=result.period, n=result.changed), 15000)
            period = parse_period(result.period)
            if period != self.ctx.period:
                self.go_to_period(period)

    # ---- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.confirm_leave(self.tr("trước khi thoát")):
            event.accept()
        else:
            event.ignore()
