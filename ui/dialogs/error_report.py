"""What the official sees when something unexpected fails: a Vietnamese message, the details, and
«Sao chép thông tin lỗi» (version, OS, Python and Qt versions, the error, the log's last lines on
the clipboard, ready to paste into a message to whoever supports the app).

The dialog is not modal: the hook that opens it returns at once (an error inside a paint event
must not stack a modal loop per repaint). While it is open, further errors are added to it.
Errors raised on another thread reach it through a queued signal (ErrorReporter).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from xhht_desktop import diagnostics

APP_TITLE = "XHHT Desktop"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorReport", text)


def qt_versions() -> dict[str, str]:
    """The Qt side of the report: Qt's run-time version, PySide6's and the platform plugin."""
    import PySide6

    app = QGuiApplication.instance()
    return {"Qt": qVersion(), "PySide6": PySide6.__version__,
            "Nền tảng Qt": QGuiApplication.platformName() if app is not None else "-"}  # i18n: support report


def logs_folder() -> Path:
    path = diagnostics.log_file()
    return path.parent if path is not None else diagnostics.logs_dir()


def open_logs_folder(parent: QWidget | None = None) -> bool:
    """Trợ giúp → «Mở thư mục nhật ký»: the folder in the system's file manager."""
    folder = logs_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    from ui.widgets import messages

    messages.warn(parent, QCoreApplication.translate("ErrorReport", "Không mở được thư mục nhật ký."), str(folder))
    return False


class ErrorDialog(QDialog):
    def __init__(self, error_text: str, parent: QWidget | None = None):
        # Imported here, not with the module: ui.app installs the reporter before the window's first
        # paint, and PySide6 makes a class (the `Qt` namespace: 15 ms) when it is first imported.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QStyle, QVBoxLayout

        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.errors: list[str] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        self.message = QLabel(QCoreApplication.translate("ErrorReport", "Đã xảy ra lỗi không mong muốn. Số liệu đã lưu không bị ảnh hưởng; "
                                  "số liệu đang sửa dở có thể cần nhập lại."))
        self.message.setWordWrap(True)
        self.message.setObjectName("errorMessage")
        texts.addWidget(self.message)
        log_path = diagnostics.log_file()
        self.hint = QLabel(QCoreApplication.translate("ErrorReport", "Lỗi đã được ghi vào nhật ký{where}. Khi cần hỗ trợ, bấm «Sao chép thông tin lỗi» "
                               "rồi dán vào thư điện tử hoặc tin nhắn gửi cán bộ hỗ trợ.")
                           .format(where=f" ({log_path})" if log_path else ""))
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.hint)
        top.addLayout(texts, 1)
        layout.addLayout(top)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumSize(560, 160)
        layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(QCoreApplication.translate("ErrorReport", "Sao chép thông tin lỗi"))
        self.copy_button.clicked.connect(self.copy_report)
        self.folder_button = QPushButton(QCoreApplication.translate("ErrorReport", "Mở thư mục nhật ký"))
        self.folder_button.clicked.connect(lambda: open_logs_folder(self))
        self.close_button = QPushButton(QCoreApplication.translate("ErrorReport", "Đóng"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.add_error(error_text)

    def add_error(self, error_text: str) -> None:
        self.errors.append(error_text)
        if len(self.errors) > 1:
            self.message.setText(QCoreApplication.translate("ErrorReport", "Đã xảy ra {count} lỗi không mong muốn. Số liệu đã lưu không bị ảnh hưởng; "
                                     "số liệu đang sửa dở có thể cần nhập lại.").format(count=len(self.errors)))
        self.details.setPlainText("\n".join(self.errors[-20:]))
        self.copy_button.setText(QCoreApplication.translate("ErrorReport", "Sao chép thông tin lỗi"))

    def report_text(self) -> str:
        return diagnostics.error_report("\n".join(self.errors[-20:]), extra=qt_versions())

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText(QCoreApplication.translate("ErrorReport", "Đã sao chép ✓"))


class ErrorReporter(QObject):
    """Lives on the GUI thread; `show(text)` may be called from any thread."""

    reported = Signal(str)
    _instance: ErrorReporter | None = None

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.dialog: ErrorDialog | None = None
        self.reported.connect(self._show)

    @classmethod
    def ensure(cls, app: QCoreApplication) -> ErrorReporter:
        """Create it on the GUI thread (once per application)."""
        if cls._instance is None or cls._instance.parent() is not app:
            cls._instance = cls(app)
            app.destroyed.connect(cls._forget)
        return cls._instance

    @staticmethod
    def _forget(*_args) -> None:
        ErrorReporter._instance = None

    @classmethod
    def show_error(cls, text: str) -> None:
        """The hook's `show`: a no-op before the application exists (the error is logged anyway)."""
        reporter = cls._instance
        if reporter is not None and QCoreApplication.instance() is not None:
            reporter.reported.emit(text)

    @Slot(str)
    def _show(self, text: str) -> None:
        if not isinstance(QCoreApplication.instance(), QApplication):
            return
        if self.dialog is not None:
            try:
                if self.dialog.isVisible():
                    self.dialog.add_error(text)
                    self.dialog.raise_()
                    return
            except RuntimeError:  # deleted on close
                pass
        parent = QApplication.activeWindow()
        self.dialog = ErrorDialog(text, parent)
        self.dialog.destroyed.connect(self._dialog_gone)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    @Slot()
    def _dialog_gone(self, *_args) -> None:
        self.dialog = None
