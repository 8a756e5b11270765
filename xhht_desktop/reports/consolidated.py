"""The consolidated report of a district (Phòng GD&ĐT) or the province (Sở GD&ĐT), as PDF.

Landscape A4: the overall figures with how many units reported, the reporting status by
district, units × indicators per group with a subtotal line per district and the total, the
view by monitoring agency (plan section V) and charts. Rates are always recomputed from summed
counts (the aggregation engine's one pass up the tree: db.aggregate.tree_values).
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from xhht_desktop.messages import Text
from xhht_desktop.domain.catalogue import GROUP_TITLES_VI, Indicator, programme_for_period
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import format_int, format_percent
from xhht_desktop.reports import rows as R
from xhht_desktop.reports.charts import rate_by_unit_chart
from xhht_desktop.reports.verdict import CLOSE_NOTE_VI, enough_units
from xhht_desktop.reports.pdf_base import (
    FONT,
    FONT_BOLD,
    FONT_BOLD_ITALIC,
    FONT_ITALIC,
    SHADE,
    SUBTOTAL_SHADE,
    OfficialDocument,
    body,
    cell,
    centre_cell,
    document_start,
    grid_style,
    mm,
    note,
    num_cell,
    section,
    sign_off,
    with_table,
)
from xhht_desktop.reports.progress_sheet import (
    ACTIVITY_NOTE,
    DRAFT_NOTE,
    activity_table,
    closing_sentence,
    coverage_note,
    narrative_flowables,
    has_drafts,
    indicator_table,
    lineage_notes,
    plan_line,
    target_cell_text,
)

# Above this many communes the PDF lists districts only; the XLSX always holds every commune.
MAX_PDF_COMMUNES = 400
MAX_NAMES_LISTED = 12
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


def _level_words(unit_level: str) -> tuple[str, str]:
    return ("toàn tỉnh", "huyện") if unit_level == "tinh" else ("toàn huyện", "xã")


def reporting_table(rep: R.Consolidated, width: float) -> Table:
    """Per district (or for the district itself): communes expected, reported, and who is missing."""
    head = ["Đơn vị", "Số xã, phường, thị trấn phải báo cáo", "Số đã báo cáo", "Tỷ lệ",
            "Các xã, phường, thị trấn chưa báo cáo"]
    widths = [55 * mm, 32 * mm, 24 * mm, 20 * mm]
    widths.append(width - sum(widths))
    data: list[list] = [[centre_cell(h, 9, bold=True) for h in head]]
    style = grid_style(1, 9)
    for block in rep.blocks:
        members = [m for m in block.members if m.unit.level == "xa"]
        if not members:
            continue
        done = [m for m in members if m.reported_any]
        missing = [m.unit.short_name for m in members if not m.reported_any]
        listed = ", ".join(missing[:MAX_NAMES_LISTED])
        if len(missing) > MAX_NAMES_LISTED:
            listed += f" và {len(missing) - MAX_NAMES_LISTED} đơn vị khác"
        data.append([cell(block.head.unit.name, 9), num_cell(format_int(len(members))),
                     num_cell(format_int(len(done))), num_cell(format_percent(100 * len(done) / len(members))),
                     cell(listed or "—", 8.5)])
    if len(data) > 2 or rep.root.unit.level == "tinh":
        data.append([cell("Tổng cộng", 9, bold=True), num_cell(format_int(rep.units_expected), bold=True),
                     num_cell(format_int(rep.units_reported), bold=True),
                     num_cell(format_percent(100 * rep.units_reported / rep.units_expected)
                              if rep.units_expected else "", bold=True), cell("")])
        style.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), SUBTOTAL_SHADE))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _unit_cell_text(ind: Indicator, line: R.UnitLine) -> str:
    row = line.get(ind.code)
    if row is None:  # the indicator is not reported at this unit's level
        return ""
    return R.value_text(ind, row, line.unit.level)


def units_table(rep: R.Consolidated, indicators: list[Indicator], width: float, *, heads_only: bool) -> Table:
    """Units × indicators (totals): communes, then the district's line, and the root's line last."""
    name_w = 46 * mm
    col_w = min(32 * mm, (width - 9 * mm - name_w) / len(indicators))
    head = [centre_cell("STT", 8, bold=True), centre_cell("Đơn vị", 8, bold=True)]
    head += [centre_cell(R.short_name(i), 7.5, bold=True) for i in indicators]
    year = rep.period.target_year
    targets = [centre_cell("", 7), centre_cell("Mục tiêu " + str(year), 7, italic=True)]
    targets += [centre_cell(target_cell_text(i, year, "xa"), 7, italic=True) for i in indicators]
    data: list[list] = [head, targets]
    style = grid_style(2, 8)
    style.append(("BACKGROUND", (0, 1), (-1, 1), SHADE))

    # Figures are plain strings styled by the table (a Paragraph per figure was most of the time
    # of a province's PDF); one that would not fit its column on one line stays a wrapping Paragraph.
    style += [("ALIGN", (2, 2), (-1, -1), "RIGHT"), ("FONTSIZE", (2, 2), (-1, -1), 7.5),
              ("LEADING", (2, 2), (-1, -1), 7.5 * 1.15)]
    room = col_w - 2 * 2.5  # grid_style's paddings

    def figure(text: str, row: int, col: int, *, strong: bool) -> object:
        italic = text == R.NOT_REPORTED
        font = (FONT_BOLD_ITALIC if italic else FONT_BOLD) if strong else (FONT_ITALIC if italic else FONT)
        if stringWidth(text, font, 7.5) > room:
            return num_cell(text, 7.5, bold=strong, italic=italic)
        if font != FONT:
            style.append(("FONTNAME", (col, row), (col, row), font))
        return text

    def add(line: R.UnitLine, stt: str, *, strong: bool, label: str | None = None) -> None:
        texts = [_unit_cell_text(i, line) for i in indicators]
        row = len(data)
        data.append([centre_cell(stt, 8, bold=strong), cell(label or line.unit.name, 8, bold=strong)]
                    + [figure(t, row, col, strong=strong) for col, t in enumerate(texts, start=2)])
        if strong:
            style.append(("BACKGROUND", (0, row), (-1, row), SUBTOTAL_SHADE))

    n = 0
    for block in rep.blocks:
        if block.head is rep.root:
            for m in block.members:
                n += 1
                add(m, str(n), strong=False)
            continue
        if not heads_only:
            for m in block.members:
                n += 1
                add(m, str(n), strong=False)
            add(block.head, "", strong=True, label=R.subtotal_label(block.head.unit))
        else:
            n += 1
            add(block.head, str(n), strong=False)
    add(rep.root, "", strong=True, label=R.total_label(rep.root.unit))
    table = Table(data, colWidths=[9 * mm, name_w] + [col_w] * len(indicators), repeatRows=2)
    table.setStyle(TableStyle(style))
    return table


AGENCY_INDICATORS = ("XMC_15_60", "XMC_15_35", "XMC_MOI_TIEP_TUC", "CB_CNTT", "CBX_CHUAN_CM", "LDNT_HOC_TTHTCD",
                     "HSSV_KNS")


def agency_table(rep: R.Consolidated, width: float) -> Table:
    """Each provincial agency and the districts it follows, rates from the districts' summed counts."""
    inds = [i for i in rep.indicators if i.code in AGENCY_INDICATORS]
    agency_w, districts_w = 58 * mm, 48 * mm
    col_w = (width - agency_w - districts_w) / max(1, len(inds))
    data: list[list] = [[centre_cell("Cơ quan theo dõi", 8, bold=True), centre_cell("Huyện theo dõi", 8, bold=True)]
                        + [centre_cell(R.short_name(i), 7.5, bold=True) for i in inds]]
    for a in rep.agencies:
        texts = []
        for i in inds:
            _, _, value = a.values.get((i.code, None), (None, None, None))
            texts.append(R.NOT_REPORTED if value is None else format_percent(value))
        data.append([cell(a.agency, 8), cell(", ".join(a.districts), 8)]
                    + [num_cell(t, 7.5, italic=t == R.NOT_REPORTED) for t in texts])
    table = Table(data, colWidths=[agency_w, districts_w] + [col_w] * len(inds), repeatRows=1)
    table.setStyle(TableStyle(grid_style(1, 8)))
    return table


def literacy_charts(rep: R.Consolidated, width: float) -> list[Flowable]:
    """XMC_15_60 and XMC_15_35 by district (province) or by commune (district) against the target."""
    if rep.root.unit.level == "tinh":
        lines = [b.head for b in rep.blocks if b.head is not rep.root] or [m for b in rep.blocks for m in b.members]
    else:
        lines = [m for b in rep.blocks for m in b.members]
    if not lines or len(lines) > 60:
        return []
    out: list[Flowable] = []
    by_code = {i.code: i for i in rep.indicators}
    for code in ("XMC_15_60", "XMC_15_35", "XMC2_15_60", "XMC1_15_35"):
        ind = by_code.get(code)
        if ind is None:
            continue
        values = [(ln.get(code).value if ln.get(code) else None) for ln in lines]
        if all(v is None for v in values):
            continue
        target = ind.target_for_year(rep.period.target_year)
        title = f"{ind.name_vi} — {rep.period.label_vi.lower()}"
        out.append(rate_by_unit_chart(title, [ln.unit.short_name for ln in lines], values, target, width, 210))
        out.append(Spacer(1, 4 * mm))
    return out


def consolidated_story(rep: R.Consolidated, doc: OfficialDocument) -> list[Flowable]:
    width = doc.frame_width
    whole, sub = _level_words(rep.root.unit.level)
    story = document_start(doc, rep.printed_at.date(), rep.title, [rep.subtitle, plan_line(rep.period)])
    story.append(body(f"Số xã, phường, thị trấn đã báo cáo {R.period_phrase(rep.period)}: "
                      f"{format_int(rep.units_reported)}/{format_int(rep.units_expected)}."))
    story.extend(lineage_notes(rep.coverage, rep.derived_note))
    if rep.view_note:
        story.append(note(rep.view_note))
    if rep.summary is not None and not enough_units(rep.units_reported, rep.units_expected, rep.summary.judging):
        story.append(body("Số đơn vị đã báo cáo chưa đủ để đánh giá: các chỉ tiêu chưa đủ số đơn vị báo cáo ghi "
                          "«chưa đủ số đơn vị báo cáo để đánh giá» thay cho đạt hay chưa đạt."))
    k = 0

    def heading(text: str) -> Flowable:
        nonlocal k
        k += 1
        return section(f"{ROMAN[k - 1]}. {text}")

    assert rep.summary is not None
    story.extend(with_table([heading(f"KẾT QUẢ CHUNG {whole.upper()}")], indicator_table(rep.summary, width)))
    story.append(note("Tỷ lệ cấp trên = tổng tử số / tổng mẫu số của các đơn vị (không lấy trung bình các tỷ lệ). "
                      "Chỉ tiêu đạt/chưa ở cấp trên: tỷ lệ đơn vị đạt trong số đơn vị đã báo cáo. "
                      "«chưa báo cáo» khác với 0. " + CLOSE_NOTE_VI + " " + coverage_note(rep.summary.judging)
                      + (" " + DRAFT_NOTE if has_drafts(rep.indicators, rep.period.target_years) else "")))
    story.extend(with_table([heading("TÌNH HÌNH BÁO CÁO")], reporting_table(rep, width)))
    by_unit = [heading("KẾT QUẢ THEO ĐƠN VỊ")]
    heads_only = rep.units_expected > MAX_PDF_COMMUNES
    if heads_only:
        by_unit.append(note(f"Có {format_int(rep.units_expected)} xã, phường, thị trấn: bản in chỉ liệt kê theo "
                            "huyện; số liệu từng đơn vị có trong tệp Excel của cùng báo cáo."))
    groups: dict[int, list[Indicator]] = {}
    for ind in rep.indicators:
        groups.setdefault(ind.group, []).append(ind)
    titles = programme_for_period(rep.period).group_titles or GROUP_TITLES_VI
    for g, inds in sorted(groups.items()):
        for start in range(0, len(inds), 9):  # at most 9 indicator columns fit a landscape page
            chunk = inds[start:start + 9]
            by_unit += [cell(titles.get(g, str(g)) + (" (tiếp)" if start else ""), 10.5, bold=True),
                        Spacer(1, 1.5 * mm)]
            story.extend(with_table(by_unit, units_table(rep, chunk, width, heads_only=heads_only)))
            story.append(Spacer(1, 4 * mm))
            by_unit = []
    story.append(note("Ô trống: chỉ tiêu không thuộc cấp của đơn vị. «chưa báo cáo»: đơn vị chưa nhập số liệu. "
                      "Dòng «Cộng …»: tính lại từ tổng tử số, mẫu số của các đơn vị và số liệu riêng của huyện."
                      + (" " + DRAFT_NOTE if has_drafts(rep.indicators, (rep.period.target_year,)) else "")))
    # The agencies of plan 2780's section V follow its districts and its indicators: nothing to show
    # for a period of another programme.
    if rep.agencies and any(i.code in AGENCY_INDICATORS for i in rep.indicators):
        story.extend(with_table([heading("THEO CƠ QUAN THEO DÕI (mục V Kế hoạch 2780/KH-UBND)")],
                                agency_table(rep, width)))
    charts = literacy_charts(rep, width)
    if charts:
        story.append(KeepTogether([heading("BIỂU ĐỒ"), charts[0]]))
        story.extend(charts[1:])
    if rep.summary.activities and any(a.get("category") is None and a.get("activities")
                                      for a in rep.summary.activities):
        story.extend(with_table([heading("HOẠT ĐỘNG CỦA CÁC TRUNG TÂM HỌC TẬP CỘNG ĐỒNG")],
                                activity_table(rep.summary.activities, width * 0.8)))
        story.append(note(ACTIVITY_NOTE))
    story.extend(narrative_flowables(rep.narrative, start=k + 1))
    sign_off(story, rep.header, width, closing_sentence(rep.root.unit, rep.period))
    return story


def write_consolidated_pdf(db: sqlite_utils.Database, root_id: int, period: str | Period, out: str | Path, *,
                           report: R.Consolidated | None = None, progress: R.ProgressFn | None = None) -> Path:
    """Write the consolidated report of a district or the province to `out` (PDF, landscape)."""
    rep = report or R.consolidated(db, root_id, period, progress=progress)
    if progress:
        progress(0, 0, Text("progress.laying_out"))
    doc = OfficialDocument(rep.header, footer=rep.footer, printed_at=rep.printed_at, landscape_pages=True,
                           title=f"{rep.title} — {rep.root.unit.name} — {rep.period.code}".replace("\n", " "))
    return doc.build(out, consolidated_story(rep, doc))
