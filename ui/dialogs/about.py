"""Help menu: "Giới thiệu" (version, data folder, licences) and "Hướng dẫn sử dụng" (the user guide,
docs/huong-dan-su-dung.md, rendered in the app so it works offline and in the bundle)."""

from __future__ import annotations

import platform
import sqlite3
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from xhht_desktop import APP_NAME, __version__
from xhht_desktop.db import migrations
from xhht_desktop.maintenance.selftest import user_guide_path
from xhht_desktop.paths import resource_path


def open_folder(path: str | Path) -> bool:
    """Open a folder in the system file manager (Explorer on Windows); created first if missing."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    """Version, data folder (with a button to open it), and what the app is built on."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Giới thiệu XHHT Desktop"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(QPixmap(str(resource_path("icons", "app.png"))).scaledToWidth(
            72, Qt.TransformationMode.SmoothTransformation))
        top.addWidget(logo)
        heading = QLabel(f"<h2 style='margin:0'>{APP_NAME}</h2>"
                         + self.tr("<p>Phiên bản {version}</p>").format(version=__version__))
        self.version_label = heading
        top.addWidget(heading, 1)
        layout.addLayout(top)

        body = QLabel(self.tr(
            "<p>Theo dõi Kế hoạch 2780/KH-UBND ngày 02/12/2013 của Ủy ban nhân dân (UBND) tỉnh Kon Tum thực hiện "
            "Đề án “Xây dựng xã hội học tập giai đoạn 2012–2020”, và từ năm 2021 chương trình giai đoạn "
            "2021–2030 (Quyết định 1373/QĐ-TTg), từ xã đến tỉnh: nhập chỉ tiêu, so với mục tiêu, sổ theo dõi "
            "trung tâm học tập cộng đồng, báo cáo và gói đồng bộ.</p>"
            "<p>Chỉ lưu số liệu tổng hợp, không lưu thông tin cá nhân.</p>"))
        body.setWordWrap(True)
        layout.addWidget(body)

        data_dir = Path(ctx.db_path).parent
        folder = QLabel(self.tr("<b>Thư mục dữ liệu:</b><br>{path}").format(path=str(data_dir)))
        folder.setObjectName("dataFolder")
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label = folder
        layout.addWidget(folder)

        tech = QLabel(self.tr(
            "<p style='color:#66757f'>Lược đồ dữ liệu {schema} · Python {python} · Qt (PySide6) {qt} · "
            "SQLite {sqlite}<br>Phông chữ Noto Sans và Liberation Serif theo giấy phép SIL Open Font "
            "License.</p>").format(schema=migrations.schema_version(), python=platform.python_version(),
                                    qt=PYSIDE_VERSION, sqlite=sqlite3.sqlite_version))
        tech.setWordWrap(True)
        layout.addWidget(tech)

        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("Mở thư mục dữ liệu"))
        self.open_button.clicked.connect(lambda: open_folder(data_dir))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None, ctx) -> None:
    """Help → Giới thiệu."""
    AboutDialog(ctx, parent).exec()


IMAGE_WIDTH = 820  # px, the guide's screenshots inside the 900 px dialog


class UserGuideDialog(QDialog):
    """The user guide rendered from Markdown, with its screenshots; non-modal so it can stay open."""

    def __init__(self, parent: QWidget | None = None, guide: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hướng dẫn sử dụng XHHT Desktop"))
        self.resize(900, 720)
        guide = guide or user_guide_path()
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(guide.parent)])
        if guide.is_file():
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(guide.parent) + "/"))
            self.browser.setMarkdown(guide.read_text(encoding="utf-8"))
            self._fit_images(IMAGE_WIDTH)
        else:
            self.browser.setPlainText(self.tr("Không tìm thấy tệp hướng dẫn: {path}").format(path=str(guide)))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)


    def _fit_images(self, width: int) -> None:
        """Screenshots are 1280 px wide: show them at `width` (height follows the aspect ratio)."""
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    natural = QImage(str(Path(self.browser.searchPaths()[0]) / image.name()))
                    if not natural.isNull() and natural.width() > width:
                        image.setWidth(width)
                        image.setHeight(natural.height() * width / natural.width())
                        cursor = QTextCursor(doc)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image)
                it += 1
            block = block.next()


def show_user_guide(parent: QWidget | None) -> UserGuideDialog:
    """Help → Hướng dẫn sử dụng (F1)."""
    dialog = UserGuideDialog(parent)
    dialog.show()
    return dialog
