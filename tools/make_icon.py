"""Draw the app icon (an open book with a young tree growing from it: a learning society that grows)
and write resources/icons/app.png (256 px), app.svg, and app.ico (16–256 px, for the Windows executable).

Drawn with QPainter so every size is rendered from the vector shapes, not scaled from one bitmap.
Usage: python tools/make_icon.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)

TEAL = QColor("#0f6e6e")
TEAL_DARK = QColor("#0a4f50")
PAGE = QColor("#fdfbf3")
PAGE_EDGE = QColor("#d9d2bb")
LEAF = QColor("#5cb85c")
LEAF_DARK = QColor("#3d8b3d")
TRUNK = QColor("#8a5a2b")


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256.0, size / 256.0)
    paint(p)
    p.end()
    return img


def write_svg(path: Path) -> None:
    """The same drawing as SVG (the window icon, crisp on high-DPI screens)."""
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(256, 256))
    gen.setViewBox(QRectF(0, 0, 256, 256))
    gen.setTitle("XHHT Desktop")
    p = QPainter(gen)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(p)
    p.end()


def paint(p: QPainter) -> None:
    """Draw on a 256 × 256 canvas."""

    # Rounded square background.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(TEAL))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setBrush(QBrush(TEAL_DARK))
    p.drawRoundedRect(QRectF(8, 200, 240, 48), 20, 20)
    p.drawRect(QRectF(8, 200, 240, 20))

    # Open book: two pages curving up from the spine.
    for sign in (-1, 1):
        path = QPainterPath()
        path.moveTo(128, 196)
        path.cubicTo(128 + sign * 30, 178, 128 + sign * 70, 178, 128 + sign * 100, 190)
        path.lineTo(128 + sign * 100, 132)
        path.cubicTo(128 + sign * 70, 120, 128 + sign * 30, 120, 128, 138)
        path.closeSubpath()
        p.setPen(QPen(PAGE_EDGE, 3))
        p.setBrush(QBrush(PAGE))
        p.drawPath(path)
        # Lines of text on the page.
        p.setPen(QPen(PAGE_EDGE, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for k, y in enumerate((150, 163, 176)):
            x0, x1 = 128 + sign * 16, 128 + sign * (84 - 8 * (k == 2))
            p.drawLine(QPointF(x0, y - 6 + k * 0.5), QPointF(x1, y - 2))

    # Tree growing from the spine.
    p.setPen(QPen(TRUNK, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(128, 140), QPointF(128, 88))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(LEAF_DARK))
    p.drawEllipse(QPointF(100, 84), 30, 26)
    p.drawEllipse(QPointF(156, 84), 30, 26)
    p.setBrush(QBrush(LEAF))
    p.drawEllipse(QPointF(128, 62), 38, 34)
    p.drawEllipse(QPointF(106, 78), 22, 20)
    p.drawEllipse(QPointF(150, 78), 22, 20)


def _png_bytes(img: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {s: Image.open(io.BytesIO(_png_bytes(draw(s)))).convert("RGBA") for s in SIZES}
    images[256].save(ICONS / "app.png")
    # Pillow writes each listed size from the largest image; give it the hand-rendered ones instead.
    images[256].save(ICONS / "app.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                     append_images=[images[s] for s in SIZES if s != 256])
    write_svg(ICONS / "app.svg")
    print(ICONS / "app.png", ICONS / "app.ico", ICONS / "app.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
