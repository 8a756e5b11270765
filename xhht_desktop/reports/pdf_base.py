"""The page template every PDF shares (Nghị định 30/2020/NĐ-CP conventions).

A4 (portrait, or landscape for wide tables); margins top/bottom 20 mm, left 30 mm, right 15 mm;
Liberation Serif (Times-metric, SIL OFL) embedded; issuing body top left, the national motto in
bold with a rule below top right, the date line in italics; page numbers from page 2, centred in
the top margin; a footer with the installation's fingerprint and the time of printing.
Each report supplies only its story (a list of flowables).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from xhht_desktop import __version__
from xhht_desktop.paths import resource_path
from xhht_desktop.reports.rows import DocumentHeader, vn_date_line, vn_datetime
from xhht_desktop.storage import write_atomically

FONT = "LiberationSerif"
FONT_BOLD = "LiberationSerif-Bold"
FONT_ITALIC = "LiberationSerif-Italic"
FONT_BOLD_ITALIC = "LiberationSerif-BoldItalic"

MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm

GRID = colors.HexColor("#404040")
SHADE = colors.HexColor("#E8E8E8")
SUBTOTAL_SHADE = colors.HexColor("#F2F2F2")

_registered = False


def register_fonts() -> None:
    """Register Liberation Serif once; reportlab embeds (subsets of) TrueType fonts it draws with."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping

    for name, file in ((FONT, "LiberationSerif-Regular.ttf"), (FONT_BOLD, "LiberationSerif-Bold.ttf"),
                       (FONT_ITALIC, "LiberationSerif-Italic.ttf"),
                       (FONT_BOLD_ITALIC, "LiberationSerif-BoldItalic.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)
    _registered = True


def style(name: str, size: float = 13, *, font: str = FONT, align: int = TA_LEFT, leading: float | None = None,
          space_before: float = 0, space_after: float = 0, indent: float = 0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.2, alignment=align,
                          spaceBefore=space_before, spaceAfter=space_after, firstLineIndent=indent)


def esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class HeaderBlock(Flowable):
    """Issuing body (left) and national motto with date line (right), drawn to the decree's layout."""

    def __init__(self, header: DocumentHeader, day: dt.date, width: float):
        super().__init__()
        self.header = header
        self.day = day
        self.width = width
        self.left_w = width * 0.42
        self.height = 0
        self._lines_left: list[tuple[str, str, float]] = []
        if header.parent_body:
            self._lines_left.append((header.parent_body, FONT, 12.5))
        self._lines_left.append((header.issuing_body, FONT_BOLD, 12.5))

    def wrap(self, avail_w, avail_h):
        left_h = 16 * len(self._lines_left) + 6 + (18 if self.header.number_line else 0)
        right_h = 15 + 16 + 6 + 24
        self.height = max(left_h, right_h) + 6
        return self.width, self.height

    def _fit(self, text: str, font: str, size: float, width: float) -> float:
        while size > 8 and pdfmetrics.stringWidth(text, font, size) > width:
            size -= 0.5
        return size

    def draw(self):
        c = self.canv
        top = self.height
        # Left: issuing body, centred in its column, a short rule below the bold line.
        cx = self.left_w / 2
        y = top - 13
        for text, font, size in self._lines_left:
            size = self._fit(text, font, size, self.left_w - 4)
            c.setFont(font, size)
            c.drawCentredString(cx, y, text)
            y -= 16
        rule = self.left_w / 3
        c.setLineWidth(0.6)
        c.line(cx - rule / 2, y + 8.5, cx + rule / 2, y + 8.5)
        if self.header.number_line:
            c.setFont(FONT, 12.5)
            c.drawCentredString(cx, y - 10, self.header.number_line)
        # Right: the national motto, bold; a rule as long as the second line; the date in italics.
        right_w = self.width - self.left_w
        rx = self.left_w + right_w / 2
        motto1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        motto2 = "Độc lập - Tự do - Hạnh phúc"
        s1 = self._fit(motto1, FONT_BOLD, 12.5, right_w - 2)
        c.setFont(FONT_BOLD, s1)
        y = top - 13
        c.drawCentredString(rx, y, motto1)
        y -= 16
        c.setFont(FONT_BOLD, 13.5)
        c.drawCentredString(rx, y, motto2)
        w2 = pdfmetrics.stringWidth(motto2, FONT_BOLD, 13.5)
        c.line(rx - w2 / 2, y - 6, rx + w2 / 2, y - 6)
        y -= 28
        c.setFont(FONT_ITALIC, 13)
        c.drawCentredString(rx, y, vn_date_line(self.header.place, self.day))


def title_block(title: str, subtitle_lines: list[str]) -> list[Flowable]:
    """The document's name in bold capitals; a "\n" in `title` is where the line breaks."""
    out: list[Flowable] = [Spacer(1, 8 * mm), Paragraph(esc(title).replace("\n", "<br/>"),
                                                         style("title", 14, font=FONT_BOLD, align=TA_CENTER,
                                                               leading=18))]
    for line in subtitle_lines:
        out.append(Paragraph(esc(line), style("subtitle", 12.5, font=FONT_ITALIC, align=TA_CENTER)))
    out.append(Spacer(1, 5 * mm))
    return out


def section(text: str) -> Paragraph:
    return Paragraph(esc(text), style("section", 13, font=FONT_BOLD, space_before=8, space_after=4))


# A heading never ends a page: with less room than this left, it goes to the next page with the
# table it introduces; with more, the table starts under it and continues overleaf.
MIN_ROOM_UNDER_HEADING = 45 * mm


def with_table(heading: list[Flowable], table: Flowable, room: float = MIN_ROOM_UNDER_HEADING) -> list[Flowable]:
    """The heading (and its lines) kept with the start of its table: a new page when less than
    `room` is left under it (CondPageBreak)."""
    return [CondPageBreak(room), *heading, table]


def sign_off(story: list[Flowable], header: DocumentHeader, width: float, closing: str = "") -> None:
    """End the story with the signature block kept on one page with the closing sentence ("Trên đây
    là …/."), or with the story's last paragraph when there is no closing sentence (a note stays with
    the table it explains)."""
    last: list[Flowable] = []
    if closing:
        last.append(body(closing))
    elif story and isinstance(story[-1], Paragraph):
        last.append(story.pop())
    story.append(signature_block(header, width, last))


def note(text: str, size: float = 10.5) -> Paragraph:
    return Paragraph(esc(text), style("note", size, font=FONT_ITALIC, space_before=3, space_after=2))


def body(text: str, size: float = 12.5) -> Paragraph:
    return Paragraph(esc(text), style("body", size, space_after=2))


def body_indent(text: str, size: float = 13) -> Paragraph:
    """A paragraph of written text: justified, first line indented (Nghị định 30/2020)."""
    from reportlab.lib.enums import TA_JUSTIFY  # noqa: PLC0415

    return Paragraph(esc(text), style("prose", size, align=TA_JUSTIFY, space_after=4, indent=10 * mm))


def signature_block(header: DocumentHeader, width: float, last: list[Flowable] | None = None) -> Flowable:
    """The signer right ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", room to sign and stamp, the name); left
    the preparer ("Người lập biểu") where the form has one, and "Nơi nhận" (Nghị định 30/2020: bold
    italic heading, 11 pt items, "- Lưu: VT." last) beside the signer, or under the preparer. Kept on one page together with `last`, the story's last
    lines before it, so the block never stands alone on the final page."""
    bold = style("sigb", 12.5, font=FONT_BOLD, align=TA_CENTER, leading=15)
    ital = style("sigi", 12, font=FONT_ITALIC, align=TA_CENTER)
    name = style("sign", 12.5, font=FONT_BOLD, align=TA_CENTER)
    recipients_head = style("recv", 12, font=FONT_BOLD_ITALIC)
    recipient = style("reci", 11, leading=12.5)
    signer = [Paragraph(esc(line), bold) for line in header.signer_block_lines]
    signer.append(Paragraph(esc(header.signer_note), ital))
    recipients = ([Paragraph("Nơi nhận:", recipients_head)] + [Paragraph(esc(r), recipient) for r in header.recipients]
                  if header.recipients else "")
    signer_name = Paragraph(esc(header.signer_name), name)
    if header.preparer_title:
        # A form with a preparer: "Người lập biểu" beside the signer, both names on one line under the
        # room to sign, "Nơi nhận" under the preparer.
        preparer = [Paragraph(esc(header.preparer_title), bold), Paragraph(esc(header.preparer_note), ital)]
        rows = [[preparer, signer], [Paragraph(esc(header.preparer_name), name), signer_name], [recipients, ""]]
    else:
        rows = [[recipients, signer], ["", signer_name]]
    table = Table(rows, colWidths=[width * 0.45, width * 0.55])
    # Every table names its font: reportlab's default (Helvetica) would be referenced but not embedded.
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 1), (-1, 1), 24 * mm),  # room to sign and stamp
                               ("TOPPADDING", (0, 2), (-1, -1), 6 * mm)]))
    return KeepTogether([*(last or []), Spacer(1, 8 * mm), table])


def grid_style(header_rows: int = 1, size: float = 9) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.15),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]


def cell(text: str, size: float = 9, *, bold: bool = False, italic: bool = False, align: int = TA_LEFT) -> Paragraph:
    font = FONT_BOLD_ITALIC if bold and italic else FONT_BOLD if bold else FONT_ITALIC if italic else FONT
    return Paragraph(esc(text), style("cell", size, font=font, align=align, leading=size * 1.15))


def num_cell(text: str, size: float = 9, *, bold: bool = False, italic: bool = False) -> Paragraph:
    return cell(text, size, bold=bold, italic=italic, align=TA_RIGHT)


def centre_cell(text: str, size: float = 9, *, bold: bool = False, italic: bool = False) -> Paragraph:
    return cell(text, size, bold=bold, italic=italic, align=TA_CENTER)


class OfficialDocument:
    """Builds a PDF with the shared page template, written atomically (storage.write_atomically)."""

    def __init__(self, header: DocumentHeader, *, footer: str, printed_at: dt.datetime,
                 title: str, landscape_pages: bool = False):
        register_fonts()
        self.header = header
        self.footer = footer
        self.printed_at = printed_at
        self.title = title
        self.pagesize = landscape(A4) if landscape_pages else A4

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - MARGIN_LEFT - MARGIN_RIGHT

    def _on_page(self, canvas, doc) -> None:
        canvas.saveState()
        width, height = self.pagesize
        if doc.page >= 2:  # page numbers from page 2, centred in the top margin
            canvas.setFont(FONT, 12)
            canvas.drawCentredString(MARGIN_LEFT + self.frame_width / 2, height - MARGIN_TOP / 2 - 2, str(doc.page))
        canvas.setFont(FONT_ITALIC, 8)
        canvas.setFillColor(colors.HexColor("#505050"))
        y = MARGIN_BOTTOM / 2 - 3
        canvas.drawString(MARGIN_LEFT, y, self.footer)
        canvas.drawRightString(width - MARGIN_RIGHT, y,
                               f"In lúc {vn_datetime(self.printed_at)} — XHHT Desktop {__version__}")
        canvas.restoreState()

    def build(self, out: str | Path, story: list[Flowable]) -> Path:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer, pagesize=self.pagesize, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=self.title,
            author=self.header.reporting_unit, creator=f"XHHT Desktop {__version__}",
            initialFontName=FONT, initialFontSize=12)
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, self.frame_width, self.pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._on_page)])
        doc.build(story)
        data = buffer.getvalue()
        # Temp file, fsync, rename: a crash or full disk never leaves a half-written report.
        return write_atomically(out, lambda tmp: Path(tmp).write_bytes(data), suffix=".pdf")


def document_start(doc: OfficialDocument, day: dt.date, title: str, subtitles: list[str]) -> list[Flowable]:
    """The header (the frame's chosen date, else `day`), the title, its subtitles and, on a paper
    printed by another level than the unit's own, who compiled it."""
    extra = [doc.header.compiled_by] if doc.header.compiled_by else []
    return [HeaderBlock(doc.header, doc.header.date_on(day), doc.frame_width), *title_block(title, subtitles + extra)]


ProgressFn = Callable[[int, int, str], None]
