"""Excel versions of the reports, in the form officials and the Ministry accept.

Top left the issuing body; top right "Biểu số …", "Đơn vị báo cáo", "Đơn vị nhận báo cáo"; the
columns STT | Chỉ tiêu | Mã số | Đơn vị tính | figures, with both target years of the period's
programme (a draft target marked "*"); the legal basis under the title; the signature footer. Figures are numbers
with formats ("[$-42A]" makes LibreOffice show 1.166.795 and 97,80% whatever the computer's
language; Excel follows the computer's own separators); a rate is a formula =Tử số/Mẫu số, the
only formula whose recalculated value is always right, and every formula also stores the value it
computes (with_cached_values), so a viewer that does not recalculate shows the figure, not a blank.
The change since the previous period is in percentage points ("+1,97 điểm") for rates. A4, fitted
to the page width (the per-unit sheet to a few page widths, its numerators and denominators folded
away), header rows repeated.

Workbooks are written in openpyxl's write-only mode, so the province's detail sheet over
thousands of communes streams to disk instead of living in memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from pathlib import Path

import sqlite_utils
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from xhht_desktop.messages import Text
from xhht_desktop.domain.catalogue import Indicator
from xhht_desktop.domain.periods import Period
from xhht_desktop.io import cells as text_cells
from xhht_desktop.reports import rows as R
from xhht_desktop.reports.progress_sheet import DRAFT_MARK, DRAFT_NOTE, has_drafts, plan_line
from xhht_desktop.storage import write_atomically

FONT_NAME = "Times New Roman"
INT_FORMAT = "[$-42A]#,##0"
PCT_FORMAT = "[$-42A]0.00%"
# A change of a rate is in percentage points ("điểm"), not a percentage of it: the cell holds the
# points (0,0197 − 0,0000 → +1,97 điểm).
DELTA_FORMAT = '[$-42A]+0.00" điểm";-0.00" điểm";0.00" điểm"'
INT_DELTA_FORMAT = "[$-42A]+#,##0;-#,##0;0"
TARGET_FORMATS = {">=": '"≥ "0%', ">": '"> "0%'}
# A degree (kind `level`) stays a number: 2 reads "Mức độ 2", 0 reads "Chưa đạt".
LEVEL_FORMAT = '"Mức độ "0;;"Chưa đạt"'

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
SUB_FILL = PatternFill("solid", fgColor="F2F2F2")
F_NORMAL = Font(name=FONT_NAME, size=11)
F_BOLD = Font(name=FONT_NAME, size=11, bold=True)
F_ITALIC = Font(name=FONT_NAME, size=11, italic=True)
F_TITLE = Font(name=FONT_NAME, size=13, bold=True)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
SPREAD = Alignment(horizontal="centerContinuous", vertical="center")
NARRATIVE_ALIGN = Alignment(horizontal="justify", vertical="top", wrap_text=True)


def flag_format(ind: Indicator) -> str:
    """1 and 0 stay numbers; the cell reads "Đạt chuẩn" / "Chưa đạt"."""
    yes, no = R.flag_words(ind)
    return f'"{yes}";"";"{no}"'


class Sheet:
    """A write-only sheet with the helpers the forms need."""

    def __init__(self, wb: Workbook, title: str, widths: list[float], *, landscape: bool = False,
                 fit_width: bool = True, pages_wide: int = 1):
        self.ws = wb.create_sheet(title)
        self.ncols = len(widths)
        self._styles: dict[tuple, tuple] = {}
        # Each formula's computed value by cell ("G12" -> 0.978), stored beside the formula when the
        # workbook is saved (_save): viewers that do not recalculate show it, Excel recalculates.
        self.cached: dict[str, float] = {}
        self._pending: dict[int, float] = {}
        wb.__dict__.setdefault("_xhht_cached", []).append(self.cached)
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        self.row = 0
        ps = self.ws.page_setup
        ps.paperSize = "9"  # A4
        ps.orientation = "landscape" if landscape else "portrait"
        if fit_width:
            ps.fitToWidth = pages_wide
            ps.fitToHeight = 0
            self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        m = self.ws.page_margins
        m.left, m.right, m.top, m.bottom = 30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4

    def c(self, value=None, *, font: Font = F_NORMAL, fmt: str | None = None, align: Alignment | None = None,
          border: bool = False, fill: PatternFill | None = None) -> WriteOnlyCell:
        """A cell; a string is always text (io/cells.py), whatever it starts with. Formulas: `f`."""
        cell = text_cells.put(WriteOnlyCell(self.ws), value)
        # Setting a style looks it up in the workbook's tables by hashing the style object: about
        # 30 µs a cell, most of the national sheet's time. Each combination is set once, then copied.
        key = (id(font), fmt, id(align), border, id(fill))
        known = self._styles.get(key)
        if known is not None:
            cell._style = copy(known[0])
            return cell
        cell.font = font
        if fmt:
            cell.number_format = fmt
        if align is not None:
            cell.alignment = align
        if border:
            cell.border = BORDER
        if fill is not None:
            cell.fill = fill
        # The objects stay referenced here, so their ids cannot be reused by others meanwhile.
        self._styles[key] = (copy(cell._style), font, align, fill)
        return cell

    def f(self, expression: str, value: float | None = None, **style) -> WriteOnlyCell:
        """A formula of ours (a rate, a difference), styled as `c` (io/cells.py: the only way a cell
        becomes a formula); `value` is what it computes to (None: the formula gives "")."""
        cell = text_cells.formula(self.c(None, **style), expression)
        if value is not None:
            self._pending[id(cell)] = value
        return cell

    def append(self, cells: list) -> int:
        self.ws.append(cells)
        self.row += 1
        if self._pending:
            for col, cell in enumerate(cells, start=1):
                if cell is not None and id(cell) in self._pending:
                    self.cached[f"{get_column_letter(col)}{self.row}"] = self._pending.pop(id(cell))
            self._pending.clear()
        return self.row

    def spread(self, text: str, font: Font = F_NORMAL) -> int:
        """A line centred across the sheet's width (centerContinuous: no merged cells to break sorting)."""
        return self.append([self.c(text, font=font, align=SPREAD)] + [self.c(None, align=SPREAD)
                                                                    for _ in range(self.ncols - 1)])


def document_top(sh: Sheet, header: R.DocumentHeader, title: str, subtitle: str, right_col: int,
                 basis: str = "") -> None:
    """Issuing body and number line top left; Biểu số / Đơn vị báo cáo / Đơn vị nhận báo cáo top
    right; the title, and who compiled the paper when another level printed it."""
    left = [header.parent_body, header.issuing_body] if header.parent_body else [header.issuing_body]
    left.append(header.number_line)
    bold_rows = {1} if header.parent_body else {0}
    right = [f"Biểu số {header.form_number}", f"Đơn vị báo cáo: {header.reporting_unit}",
             f"Đơn vị nhận báo cáo: {header.receiving_unit}"]
    for i in range(3):
        row: list = [None] * sh.ncols
        if i < len(left) and left[i]:
            row[0] = sh.c(left[i], font=F_BOLD if i in bold_rows else F_NORMAL)
        row[right_col] = sh.c(right[i], font=F_BOLD if i == 0 else F_NORMAL)
        sh.append(row)
    sh.append([])
    for n, line in enumerate(title.split("\n")):
        sh.spread(line, F_TITLE)
    sh.spread(subtitle, F_ITALIC)
    if basis:
        sh.spread(basis, F_ITALIC)
    if header.compiled_by:
        sh.spread(header.compiled_by, F_ITALIC)
    sh.append([])


def signature_footer(sh: Sheet, header: R.DocumentHeader, date_line: str, left_col: int, right_col: int) -> None:
    """The date line; "Người lập biểu" left and the signer's lines right (TM./KT., title), the names
    under the room to sign; "Nơi nhận" below."""
    sh.append([])
    row: list = [None] * sh.ncols
    row[right_col] = sh.c(date_line, font=F_ITALIC)
    sh.append(row)
    signer = list(header.signer_block_lines)
    lefts = [header.preparer_title] + [""] * (len(signer) - 1)
    for left, right in zip(lefts, signer):
        row = [None] * sh.ncols
        if left:
            row[left_col] = sh.c(left, font=F_BOLD)
        row[right_col] = sh.c(right, font=F_BOLD)
        sh.append(row)
    row = [None] * sh.ncols
    row[left_col] = sh.c(header.preparer_note, font=F_ITALIC)
    row[right_col] = sh.c(header.signer_note, font=F_ITALIC)
    sh.append(row)
    for _ in range(4):
        sh.append([])
    if header.preparer_name or header.signer_name:
        row = [None] * sh.ncols
        if header.preparer_name:
            row[left_col] = sh.c(header.preparer_name, font=F_BOLD)
        if header.signer_name:
            row[right_col] = sh.c(header.signer_name, font=F_BOLD)
        sh.append(row)
    if header.recipients:
        sh.append([])
        row = [None] * sh.ncols
        row[left_col] = sh.c("Nơi nhận:", font=Font(name=FONT_NAME, size=11, bold=True, italic=True))
        sh.append(row)
        for line in header.recipients:
            row = [None] * sh.ncols
            row[left_col] = sh.c(line)
            sh.append(row)


FORM_HEAD = ["STT", "Chỉ tiêu", "Mã số", "Đơn vị tính", "Tử số", "Mẫu số", "Kết quả", "Mục tiêu 2015",
             "Mục tiêu 2020", "Đánh giá", "Kỳ trước", "Thay đổi so với kỳ trước (điểm, số lượng)"]
FORM_KEYS = ["A", "B", "C", "D", "1", "2", "3 = 1/2", "4", "5", "6", "7", "8 = 3 − 7"]
FORM_WIDTHS = [6, 52, 20, 10, 12, 12, 12, 10, 10, 10, 12, 12]


def _target_cell(sh: Sheet, ind: Indicator, target: float | None, level: str, draft: bool = False) -> WriteOnlyCell:
    """A target; a draft one carries "*" (its number stays a number: the mark is in the format)."""
    mark = f' "{DRAFT_MARK}"' if draft else ""
    if ind.target_op == "increase":
        return sh.c("tăng", align=CENTRE, border=True)
    if target is None:
        return sh.c(f"— {DRAFT_MARK}" if draft else None, align=CENTRE, border=True)
    if ind.kind == "level":
        return sh.c(int(target), fmt=f'"≥ mức độ "0{mark}', align=CENTRE, border=True)
    if R.is_own_flag(ind, level):
        return sh.c(("Đạt" + mark.replace('"', "")) if target >= 100 else None, align=CENTRE, border=True)
    if ind.kind == "count":
        return sh.c(target, fmt=INT_FORMAT + mark, border=True)
    return sh.c(target / 100, fmt=TARGET_FORMATS.get(ind.target_op or "", PCT_FORMAT) + mark, border=True)


def _value_cells(sh: Sheet, ind: Indicator, row, level: str, r: int, *, italic: bool = False,
                 bold: bool = False) -> list[WriteOnlyCell]:
    """Tử số, Mẫu số, Kết quả for one figure; row index `r` for the rate formula."""
    font = F_BOLD if bold else (F_ITALIC if italic else F_NORMAL)
    num_col, den_col = get_column_letter(5), get_column_letter(6)
    if ind.kind == "level" and row is not None:  # above the commune a level may have shares and no degree
        return [sh.c(None, border=True), sh.c(None, border=True), _level_cell(sh, row, font)]
    if row is None or row.value is None:
        return [sh.c(None, border=True), sh.c(None, border=True),
                sh.c(R.NOT_REPORTED, font=F_ITALIC, align=CENTRE, border=True)]
    if ind.kind == "count":
        return [sh.c(None, border=True), sh.c(None, border=True), sh.c(row.value, font=font, fmt=INT_FORMAT, border=True)]
    if R.is_own_flag(ind, level):
        return [sh.c(None, border=True), sh.c(None, border=True),
                sh.c(int(row.value), font=font, fmt=flag_format(ind), align=CENTRE, border=True)]
    return [sh.c(row.numerator, font=font, fmt=INT_FORMAT, border=True),
            sh.c(row.denominator, font=font, fmt=INT_FORMAT, border=True),
            sh.f(f'=IF({den_col}{r}>0,{num_col}{r}/{den_col}{r},"")', ratio(row.numerator, row.denominator),
                       font=font, fmt=PCT_FORMAT, border=True)]


def ratio(numerator, denominator) -> float | None:
    """What =IF(den>0, num/den, "") computes (None for "")."""
    if numerator is None or not denominator or denominator <= 0:
        return None
    return numerator / denominator


def _numeric_result(ind: Indicator, row, level: str) -> float | None:
    """The number column G holds for this figure (None: text or empty), as _value_cells writes it."""
    if row is None or row.value is None:
        return None
    if ind.kind == "level":
        return None if (row.lapsed or R.shares_text(row)) else int(row.value)
    if ind.kind == "count":
        return row.value
    if R.is_own_flag(ind, level):
        return int(row.value)
    return ratio(row.numerator, row.denominator)


def _numeric_previous(ind: Indicator, before, level: str) -> float | None:
    """The number column K holds (_previous_cell)."""
    if before is None or before.value is None:
        return None
    if ind.kind == "level" or R.is_own_flag(ind, level):
        return int(before.value)
    if ind.kind == "count":
        return before.value
    return before.value / 100


def _level_cell(sh: Sheet, row, font: Font) -> WriteOnlyCell:
    """A degree as a number ("Mức độ 2"); a lapsed recognition, or the shares of the units below
    (with the unit's own degree when it has one), as text."""
    shares = R.shares_text(row)
    if row.value is None:  # above the commune, no degree of its own: the units' shares
        return sh.c(shares or R.NOT_REPORTED, font=font if shares else F_ITALIC, align=WRAP, border=True)
    if row.lapsed or shares:
        text = R.level_text(row) + (f" — đơn vị: {shares}" if shares else "")
        return sh.c(text, font=font, align=WRAP, border=True)
    return sh.c(int(row.value), font=font, fmt=LEVEL_FORMAT, align=CENTRE, border=True)


def _previous_cell(sh: Sheet, ind: Indicator, before, level: str) -> WriteOnlyCell:
    if before is None or before.value is None:
        return sh.c(None, border=True)
    if ind.kind == "level":
        return sh.c(int(before.value), fmt=LEVEL_FORMAT, align=CENTRE, border=True)
    if ind.kind == "count":
        return sh.c(before.value, fmt=INT_FORMAT, border=True)
    if R.is_own_flag(ind, level):
        return sh.c(int(before.value), fmt=flag_format(ind), align=CENTRE, border=True)
    return sh.c(before.value / 100, fmt=PCT_FORMAT, border=True)


# The written sections (reports.narrative) after the tables, as in the PDF: a title line, then one
# row per paragraph, wrapped in a cell merged across the printed width. A row is at most 409 points
# high, so a long paragraph is cut into several rows (at a space) of at most NARRATIVE_ROW_LINES lines.
NARRATIVE_ROW_LINES = 20
LINE_HEIGHT = 15.0  # points, the 11 pt font with its leading


def _chunks(paragraph: str, width_chars: int, max_lines: int) -> list[str]:
    """`paragraph` in pieces that each wrap to at most `max_lines` lines of `width_chars`."""
    limit = max(width_chars * max_lines, 200)
    out: list[str] = []
    rest = paragraph
    while len(rest) > limit:
        cut = rest.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    out.append(rest)
    return out


def write_narrative(sh: Sheet, narrative: dict | None, widths: list[float]) -> None:
    """The sections a person wrote, in the order of the PDF (empty ones left out); each paragraph in
    a cell merged from column A to the last printed column, wrapped, its row as high as its lines."""
    if not narrative:
        return
    from xhht_desktop.reports.narrative import SECTIONS  # noqa: PLC0415

    last = get_column_letter(len(widths))
    width_chars = max(int(sum(widths) * 1.05), 40)
    for key, title in SECTIONS:
        text = (narrative.get(key) or "").strip()
        if not text:
            continue
        sh.append([])
        r = sh.append([sh.c(title.upper(), font=F_BOLD)])
        for paragraph in (p.strip() for p in text.split("\n")):
            if not paragraph:
                continue
            for piece in _chunks(paragraph, width_chars, NARRATIVE_ROW_LINES):
                lines = sum(max(1, -(-len(part) // width_chars)) for part in piece.split("\n"))
                sh.ws.row_dimensions[sh.row + 1].height = LINE_HEIGHT * lines + 3
                r = sh.append([sh.c(piece, align=NARRATIVE_ALIGN)] + [sh.c(None, align=NARRATIVE_ALIGN)
                                                                       for _ in range(len(widths) - 1)])
                sh.ws.merged_cells.add(f"A{r}:{last}{r}")


def write_form_sheet(wb: Workbook, sheet: R.ProgressSheet, header: R.DocumentHeader, title: str,
                     name: str = "Bieu01", narrative: dict | None = None) -> None:
    """The official form: one line per indicator (and its Nữ / DTTS lines) of one unit."""
    with_units = sheet.unit.level != "xa"
    widths = FORM_WIDTHS + ([10, 10] if with_units else [])
    sh = Sheet(wb, name, widths, landscape=True)
    document_top(sh, header, title, sheet.subtitle, right_col=6,
                 basis="" if sheet.period.target_years == (2015, 2020) else plan_line(sheet.period))
    years = sheet.period.target_years
    head = FORM_HEAD + (["Số đơn vị đã báo cáo", "Số đơn vị phải báo cáo"] if with_units else [])
    head[7:9] = [f"Mục tiêu {y}" for y in years]
    keys = FORM_KEYS + (["9", "10"] if with_units else [])
    prev_label = f"Kỳ trước ({sheet.previous.code})" if sheet.previous else "Kỳ trước"
    head[10] = prev_label
    sh.ws.row_dimensions[sh.row + 1].height = 45  # write-only: a row's height goes before its cells
    first = sh.append([sh.c(h, font=F_BOLD, align=CENTRE, border=True, fill=HEAD_FILL) for h in head])
    sh.append([sh.c(k, font=F_ITALIC, align=CENTRE, border=True) for k in keys])
    sh.ws.print_title_rows = f"{first}:{first + 1}"
    sh.ws.freeze_panes = f"C{first + 2}"
    level = sheet.unit.level
    for group in sheet.groups:
        sh.append([sh.c(None, border=True, fill=SUB_FILL), sh.c(group.title, font=F_BOLD, border=True, fill=SUB_FILL)]
                  + [sh.c(None, border=True, fill=SUB_FILL) for _ in range(len(head) - 2)])
        for line in group.lines:
            r = sh.row + 1
            sub = line.breakdown is not None
            ind = line.indicator
            cells = [sh.c(line.stt, align=CENTRE, border=True),
                     sh.c(line.label, font=F_ITALIC if sub else F_NORMAL, align=WRAP, border=True),
                     sh.c(line.code, border=True),
                     sh.c(line.unit_of_measure, align=CENTRE, border=True)]
            # A figure derived from the former communes is worded as a share (R.DERIVED_LEVEL).
            now_level = line.text_level
            before_level = R.DERIVED_LEVEL if line.before is not None and line.before.derived else level
            cells += _value_cells(sh, ind, line.now, now_level, r, italic=sub)
            cells += [_target_cell(sh, ind, None if sub else ind.targets.get(y), now_level,
                                   draft=not sub and ind.is_draft(y)) for y in years]
            cells += [sh.c(line.met_text, align=WRAP_CENTRE, border=True),
                      _previous_cell(sh, ind, line.before, before_level)]
            if line.before is not None and line.now.derived != line.before.derived:
                # Across the reform: the change on the share's scale (R.derived_change), if any, in
                # points for a share (a number, not a formula: the two sides are not on one scale).
                change = line.change
                cells.append(sh.c(change, fmt=INT_DELTA_FORMAT if ind.kind == "count" else DELTA_FORMAT,
                                  border=True))
            elif line.now.value is not None and line.before is not None and line.before.value is not None:
                whole = ind.kind in ("count", "level") or R.is_own_flag(ind, now_level)
                g = _numeric_result(ind, line.now, now_level)
                k = _numeric_previous(ind, line.before, before_level)
                change = None if g is None or k is None else (g - k if whole else (g - k) * 100)
                points = "" if whole else "*100"  # a rate's change in points
                cells.append(sh.f(f'=IF(AND(ISNUMBER(G{r}),ISNUMBER(K{r})),(G{r}-K{r}){points},"")', change,
                                  fmt=INT_DELTA_FORMAT if whole else DELTA_FORMAT, border=True))
            else:
                cells.append(sh.c(None, border=True))
            if with_units:
                cells += [sh.c(line.now.units_reported, fmt=INT_FORMAT, border=True),
                          sh.c(line.now.units_expected, fmt=INT_FORMAT, border=True)]
            # Excel does not grow a row for wrapped text by itself: give long names their lines.
            lines_needed = -(-len(line.label) // int(FORM_WIDTHS[1] * 1.05))
            if lines_needed > 1:
                sh.ws.row_dimensions[sh.row + 1].height = 15 * lines_needed
            sh.append(cells)
    sh.append([sh.c("Ghi chú: Kết quả = Tử số / Mẫu số. «chưa báo cáo»: chưa nhập số liệu (khác với 0)."
                    + (" " + DRAFT_NOTE if has_drafts([ln.indicator for ln in sheet.lines()], years) else ""),
                    font=F_ITALIC)])
    for text in (sheet.coverage.text_vi() if sheet.coverage else "", sheet.derived_note):
        if text:
            sh.append([sh.c(text, font=F_ITALIC)])
    write_narrative(sh, narrative if narrative is not None else sheet.narrative, widths)
    signature_footer(sh, header, R.vn_date_line(header.place, header.date_on(sheet.printed_at.date())),
                     left_col=1, right_col=6)
    sh.ws.print_area = f"A1:{get_column_letter(len(head))}{sh.row}"


def _save(wb: Workbook, out: str | Path) -> Path:
    # Built in memory first: openpyxl failing mid-write (full disk) would leave its zip writer
    # open; this way the only disk write is a plain, closed, fsynced one (storage.write_atomically).
    buffer = io.BytesIO()
    wb.save(buffer)
    data = with_cached_values(buffer.getvalue(), wb.__dict__.get("_xhht_cached", []))
    return write_atomically(out, lambda tmp: Path(tmp).write_bytes(data), suffix=".xlsx")


_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)<v ?/>')


def with_cached_values(data: bytes, caches: list[dict[str, float]]) -> bytes:
    """Store each formula's computed value in the saved workbook (openpyxl writes formulas with an
    empty <v/>): the i-th sheet made is xl/worksheets/sheet{i}.xml in a write-only workbook."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if m and 0 < int(m.group(1)) <= len(caches) and caches[int(m.group(1)) - 1]:
                cache = caches[int(m.group(1)) - 1]

                def put(match: re.Match, cache=cache) -> bytes:
                    value = cache.get(match.group(2).decode())
                    if value is None:
                        return match.group(0)
                    return match.group(1) + b"<v>" + repr(float(value)).encode() + b"</v>"

                content = _FORMULA_CELL.sub(put, content)
            target.writestr(info, content)
    return out.getvalue()


def write_progress_xlsx(db: sqlite_utils.Database, unit_id: int, period: str | Period, out: str | Path, *,
                        sheet: R.ProgressSheet | None = None) -> Path:
    """The progress sheet as the official Excel form."""
    sheet = sheet or R.progress_sheet(db, unit_id, period)
    wb = Workbook(write_only=True)
    write_form_sheet(wb, sheet, sheet.header, sheet.title)
    return _save(wb, out)


# ---- consolidated --------------------------------------------------------------------------------

def _detail_columns(indicators: list[Indicator]) -> list[tuple[Indicator, str]]:
    """(indicator, part) per column: rates and flags take Tử số, Mẫu số, Kết quả; counts and levels one
    column."""
    cols = []
    for ind in indicators:
        if ind.kind in ("count", "level"):
            cols.append((ind, "value"))
        else:
            cols += [(ind, "num"), (ind, "den"), (ind, "value")]
    return cols


DETAIL_FIXED = ["STT", "Đơn vị", "Mã số", "Cấp", "Đã báo cáo"]
# Column-width units an A4 landscape page holds at a comfortable (about 80%) print scale.
PAGE_WIDTH_UNITS = 160


def write_detail_sheet(wb: Workbook, rep: R.Consolidated, progress: R.ProgressFn | None = None) -> None:
    """Every unit × every indicator (totals): communes, the district's line after them, the root last
    (rep.detail, at any depth: the national report lists every commune)."""
    cols = _detail_columns(rep.indicators)
    position = {ind.code: i for i, ind in enumerate(rep.indicators)}
    col_index = [position[ind.code] for ind, _ in cols]  # where each column's figure is in DetailLine.cells
    # Printed readably on A4: the numerators and denominators are grouped and folded away (the "+"
    # above the columns shows them; the rates stay formulas over them), so a page reads unit ×
    # results; fitted to as many page widths as the results need at a readable size, the header
    # rows and the unit names repeated on every page.
    widths = [6, 28, 9, 7, 9] + [10] * len(cols)
    visible = sum(widths[:5]) + 10 * len(rep.indicators)
    sh = Sheet(wb, "TheoDonVi", widths, landscape=True, pages_wide=max(1, -(-visible // PAGE_WIDTH_UNITS)))
    for n, (ind, part) in enumerate(cols, start=len(DETAIL_FIXED) + 1):
        if part in ("num", "den"):
            dim = sh.ws.column_dimensions[get_column_letter(n)]
            dim.outlineLevel = 1
            dim.hidden = True
    sh.ws.sheet_properties.outlinePr.summaryRight = True
    sh.ws.print_title_cols = "A:B"
    sh.append([sh.c(f"{rep.title.replace(chr(10), ' ')} — THEO ĐƠN VỊ", font=F_TITLE)])
    sh.append([sh.c(rep.subtitle, font=F_ITALIC)])
    sh.append([])
    top = [sh.c(h, font=F_BOLD, align=CENTRE, border=True, fill=HEAD_FILL) for h in DETAIL_FIXED]
    second = [sh.c(None, border=True, fill=HEAD_FILL) for _ in DETAIL_FIXED]
    third = [sh.c(None, border=True, fill=HEAD_FILL) for _ in DETAIL_FIXED]
    for ind, part in cols:
        first_of = part in ("num",) or ind.kind in ("count", "level")
        top.append(sh.c(R.short_name(ind) if first_of else None, font=F_BOLD,
                        align=Alignment(horizontal="centerContinuous", vertical="center", wrap_text=True),
                        border=True, fill=HEAD_FILL))
        second.append(sh.c(ind.code if first_of else None, font=F_ITALIC,
                           align=Alignment(horizontal="centerContinuous"), border=True, fill=HEAD_FILL))
        label = {"num": "Tử số", "den": "Mẫu số",
                 "value": {"count": "Số lượng", "level": "Mức độ"}.get(ind.kind, "Kết quả")}[part]
        third.append(sh.c(label, font=F_BOLD, align=CENTRE, border=True, fill=HEAD_FILL))
    sh.ws.row_dimensions[sh.row + 1].height = 45
    first = sh.append(top)
    sh.append(second)
    sh.append(third)
    sh.ws.print_title_rows = f"{first}:{first + 2}"
    sh.ws.freeze_panes = f"C{first + 3}"
    level_words = {"xa": "cấp xã", "huyen": "cấp huyện", "tinh": "cấp tỉnh"}
    # What does not change from line to line, worked out once per column (ten thousand lines).
    plan = []
    for n, ((ind, part), i) in enumerate(zip(cols, col_index), start=len(DETAIL_FIXED) + 1):
        own_flag = {level: R.is_own_flag(ind, level) for level in level_words}
        rate_formula = None
        if part == "value" and ind.kind not in ("count", "level"):
            num, den = get_column_letter(n - 2), get_column_letter(n - 1)
            rate_formula = f'=IF({den}{{r}}>0,{num}{{r}}/{den}{{r}},"")'
        single_fmt = {"count": INT_FORMAT, "level": LEVEL_FORMAT}.get(ind.kind)
        plan.append((single_fmt, part, i, own_flag, flag_format(ind) if ind.kind == "flag" else None,
                     rate_formula))
    total = len(rep.detail)
    derived = rep.derived  # every line derived from the former communes: flags are shares
    for k, line in enumerate(rep.detail):
        r = sh.row + 1
        font = F_BOLD if line.strong else F_NORMAL
        fill = SUB_FILL if line.strong else None
        level = line.unit.level
        cells = [sh.c(line.stt), sh.c(line.label, font=font, fill=fill), sh.c(line.unit.code),
                 sh.c(level_words[level]), sh.c("có" if line.reported_any else "chưa")]
        for single_fmt, part, i, own_flag, flag_fmt, rate_formula in plan:
            figure = line.cells[i]
            if figure is None or figure[0] is None:
                # A degree above the commune is the unit's own recognition, not a report it owes.
                owed = figure is not None and not (single_fmt == LEVEL_FORMAT and line.strong)
                value = (R.NOT_REPORTED if owed else None) if part == "value" else None
                cells.append(sh.c(value, font=F_ITALIC) if value else None)
                continue
            value, numerator, denominator = figure
            if single_fmt is not None:
                cells.append(sh.c(int(value) if single_fmt == LEVEL_FORMAT else value, font=font, fmt=single_fmt))
            elif own_flag[level] and not derived:
                cells.append(sh.c(int(value), font=font, fmt=flag_fmt) if part == "value" else None)
            elif part == "num":
                cells.append(sh.c(numerator, font=font, fmt=INT_FORMAT))
            elif part == "den":
                cells.append(sh.c(denominator, font=font, fmt=INT_FORMAT))
            else:
                cells.append(sh.f(rate_formula.format(r=r), ratio(numerator, denominator), font=font,
                                        fmt=PCT_FORMAT))
        sh.append(cells)
        if progress is not None and k % 500 == 0:
            progress(k, total, Text("progress.writing_excel"))
    sh.append([])
    sh.append([sh.c("Dòng «Cộng …» và «Toàn …»: tử số, mẫu số cộng từ các đơn vị bên dưới và số liệu riêng của "
                    "đơn vị; tỷ lệ tính lại từ tổng (không lấy trung bình).", font=F_ITALIC)])


def write_agency_sheet(wb: Workbook, rep: R.Consolidated) -> None:
    from xhht_desktop.reports.consolidated import AGENCY_INDICATORS

    inds = [i for i in rep.indicators if i.code in AGENCY_INDICATORS]
    sh = Sheet(wb, "TheoCoQuan", [6, 40, 40] + [11] * (3 * len(inds)), landscape=True)
    sh.append([sh.c("THEO CƠ QUAN THEO DÕI (mục V Kế hoạch 2780/KH-UBND)", font=F_TITLE)])
    sh.append([sh.c(rep.subtitle, font=F_ITALIC)])
    sh.append([])
    top = [sh.c(h, font=F_BOLD, align=CENTRE, border=True, fill=HEAD_FILL) for h in ("STT", "Cơ quan", "Huyện theo dõi")]
    sub = [sh.c(None, border=True, fill=HEAD_FILL) for _ in range(3)]
    for ind in inds:
        top += [sh.c(R.short_name(ind), font=F_BOLD, align=Alignment(horizontal="centerContinuous", wrap_text=True),
                     border=True, fill=HEAD_FILL), sh.c(None, align=Alignment(horizontal="centerContinuous"),
                                                        border=True, fill=HEAD_FILL),
                sh.c(None, align=Alignment(horizontal="centerContinuous"), border=True, fill=HEAD_FILL)]
        sub += [sh.c(t, font=F_BOLD, align=CENTRE, border=True, fill=HEAD_FILL) for t in ("Tử số", "Mẫu số", "Kết quả")]
    sh.ws.row_dimensions[sh.row + 1].height = 45
    first = sh.append(top)
    sh.append(sub)
    sh.ws.print_title_rows = f"{first}:{first + 1}"
    for n, a in enumerate(rep.agencies, start=1):
        r = sh.row + 1
        cells = [sh.c(n), sh.c(a.agency, align=WRAP), sh.c(", ".join(a.districts), align=WRAP)]
        col = 3
        for ind in inds:
            num, den, value = a.values.get((ind.code, None), (None, None, None))
            col += 3
            if value is None:
                cells += [None, None, sh.c(R.NOT_REPORTED, font=F_ITALIC)]
                continue
            nl, dl = get_column_letter(col - 2), get_column_letter(col - 1)
            cells += [sh.c(num, fmt=INT_FORMAT), sh.c(den, fmt=INT_FORMAT),
                      sh.f(f'=IF({dl}{r}>0,{nl}{r}/{dl}{r},"")', ratio(num, den), fmt=PCT_FORMAT)]
        sh.append(cells)


def write_consolidated_xlsx(db: sqlite_utils.Database, root_id: int, period: str | Period, out: str | Path, *,
                            report: R.Consolidated | None = None, progress: R.ProgressFn | None = None) -> Path:
    """The consolidated report: the official form for the root, every unit, and the agency view."""
    rep = report or R.consolidated(db, root_id, period, progress=progress, activities=False)
    wb = Workbook(write_only=True)
    assert rep.summary is not None
    write_form_sheet(wb, rep.summary, rep.header, rep.title, name="Bieu02", narrative=rep.narrative or {})
    write_detail_sheet(wb, rep, progress)
    from xhht_desktop.reports.consolidated import AGENCY_INDICATORS

    if rep.agencies and any(i.code in AGENCY_INDICATORS for i in rep.indicators):  # plan 2780's section V
        write_agency_sheet(wb, rep)
    if progress:
        progress(0, 0, Text("progress.saving_excel"))
    return _save(wb, out)
