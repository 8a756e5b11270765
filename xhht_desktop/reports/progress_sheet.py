"""The progress sheet (phiếu theo dõi tiến độ) of a commune or a district, as PDF.

The commune chairman signs it: per indicator group, each indicator with its numerator,
denominator and result, both target years of the period's programme (2015 and 2020 for plan 2780,
2025 and 2030 from 2021; a draft target marked "*"), đạt/chưa đạt and the change since the previous
period; the women's and ethnic-minority rows under their indicator; the centre's activity summary.
Under the title, the period's legal basis: plan 2780 up to 2020; QĐ 1373/QĐ-TTg and the province's
plans from 2021.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from xhht_desktop.domain.catalogue import DRAFT_TARGET_VI, Indicator, Programme, programme_for_period
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import format_int, format_percent, rate
from xhht_desktop.reports import rows as R
from xhht_desktop.reports.verdict import CLOSE_NOTE_VI, MET
from xhht_desktop.reports.pdf_base import (
    FONT_BOLD,
    SHADE,
    OfficialDocument,
    body,
    cell,
    centre_cell,
    document_start,
    grid_style,
    mm,
    note,
    body_indent,
    num_cell,
    section,
    sign_off,
    with_table,
)

PLAN_LINE = "(Thực hiện Kế hoạch số 2780/KH-UBND ngày 02/12/2013 của UBND tỉnh Kon Tum)"
DRAFT_MARK = "*"
DRAFT_NOTE = f"«{DRAFT_MARK}»: {DRAFT_TARGET_VI}; «—»: chưa có số mục tiêu."


def plan_line(period: Period) -> str:
    """The legal basis under the title: plan 2780 up to 2020 (the line papers always carried);
    from 2021 the programme's decision and the province's plans (Programme.legal_basis_vi)."""
    prog = programme_for_period(period)
    if prog.code == "KH2780":
        return PLAN_LINE
    return legal_basis_line(prog)


def legal_basis_line(prog: Programme) -> str:
    """"(Thực hiện Quyết định số 1373/QĐ-TTg …; Kế hoạch số 3418/KH-UBND …; Kế hoạch số 1514/KH-UBND …)"."""
    return "(Thực hiện " + "; ".join(prog.legal_basis_vi) + ")"


def target_cell_text(ind: Indicator, year: int, level: str) -> str:
    """A target as printed in a year's column, "*" after a draft ("— *" when the draft has no figure)."""
    text = R.target_text(ind, ind.targets.get(year), ind.target_op, level)
    if ind.is_draft(year) and ind.target_op != "increase":
        return f"{text or '—'} {DRAFT_MARK}"
    return text


def has_drafts(indicators, years) -> bool:
    return any(ind.is_draft(y) for ind in indicators for y in years)

# Visits (lượt) and persons (người) side by side: each heading says which it counts.
ACTIVITY_COLUMNS = (("activities", "Số hoạt động"), ("sessions", "Số buổi"),
                    ("visits", "Lượt người học (lượt)"), ("learners", "Số người học (người)"),
                    ("women", "Trong đó nữ (người)"), ("ethnic_minority", "Dân tộc thiểu số (người)"),
                    ("rural_workers", "Lao động nông thôn (người)"))
ACTIVITY_NOTE = ("«—»: các hoạt động không ghi số liệu này (khác với 0). Lượt người học tính theo lượt (một người "
                 "học ba buổi là ba lượt); số người học tính mỗi người một lần.")


def narrative_flowables(narrative, start: int) -> list[Flowable]:
    """The sections a person wrote (reports.narrative), after the tables, numbered from `start`."""
    if not narrative:
        return []
    from xhht_desktop.reports.narrative import SECTIONS  # noqa: PLC0415

    out: list[Flowable] = []
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    k = start
    for key, title in SECTIONS:
        text = (narrative.get(key) or "").strip()
        if not text:
            continue
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        out.append(KeepTogether([section(f"{roman[k - 1]}. {title.upper()}"), body_indent(paragraphs[0])]))
        out.extend(body_indent(p) for p in paragraphs[1:])
        k += 1
    return out


def _figure(line: R.SheetLine, which: str) -> str:
    r = line.now
    if line.indicator.kind in ("count", "level") or R.is_own_flag(line.indicator, line.text_level):
        return ""
    n = r.numerator if which == "num" else r.denominator
    return format_int(n)


def _value(line: R.SheetLine) -> str:
    """The "Kết quả" cell; a level above the commune with a degree of its own adds its units' shares."""
    text = line.value_text
    if line.indicator.kind == "level" and line.now.value is not None:
        shares = R.shares_text(line.now)
        if shares:
            text += f" — đơn vị: {shares}"
    return text


def indicator_table(sheet: R.ProgressSheet, width: float) -> Table:
    with_units = sheet.unit.level != "xa"
    prev = sheet.previous.code if sheet.previous else "—"
    years = sheet.period.target_years
    head = ["STT", "Chỉ tiêu", "Tử số", "Mẫu số", "Kết quả", *(f"Mục tiêu {y}" for y in years), "Đánh giá",
            f"So với kỳ trước ({prev})"]
    widths_mm = [9, 0, 17, 17, 21, 13, 13, 15, 17]
    if with_units:
        head.append("Đơn vị báo cáo")
        widths_mm = [8, 0, 15, 15, 20, 13, 13, 22, 16, 13]  # a verdict says its units: "Đạt (70/102 đơn vị)"
    fixed = sum(widths_mm) * mm
    widths = [w * mm for w in widths_mm]
    widths[1] = width - fixed
    data: list[list] = [[centre_cell(h, 8.5, bold=True) for h in head]]
    style = grid_style(1, 9)
    for group in sheet.groups:
        data.append([cell(group.title, 9.5, bold=True)] + [""] * (len(head) - 1))
        r = len(data) - 1
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SHADE)]
        for line in group.lines:
            sub = line.breakdown is not None
            value = _value(line)
            row = [
                centre_cell(line.stt, 9),
                cell(line.label, 9, italic=sub),
                num_cell(_figure(line, "num"), italic=sub),
                num_cell(_figure(line, "den"), italic=sub),
                num_cell(value, 9, bold=not sub and value != R.NOT_REPORTED, italic=sub or value == R.NOT_REPORTED),
                *(centre_cell("" if sub else target_cell_text(line.indicator, y, line.level)) for y in years),
                centre_cell(line.met_text, 8.5 if with_units else 9, bold=line.verdict == MET),
                num_cell(line.change_text, 8.5),
            ]
            if with_units:
                row.append(centre_cell(R.reported_text(line.now)))
            data.append(row)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def gender_gap_lines(sheet: R.ProgressSheet) -> list[str]:
    """Men's and women's literacy side by side (the plan asks for balance): men = total − women."""
    out = []
    for line in sheet.lines():
        if line.breakdown != "nu" or not line.indicator.code.startswith(("XMC_15", "XMC1_15", "XMC2_15")):
            continue
        total = next((ln for ln in sheet.lines() if ln.code == line.indicator.code), None)
        w, t = line.now, total.now if total else None
        if t is None or None in (w.numerator, w.denominator, t.numerator, t.denominator):
            continue
        men = rate(t.numerator - w.numerator, t.denominator - w.denominator)
        if men is None or w.value is None:
            continue
        out.append(f"{line.indicator.name_vi}: nữ {format_percent(w.value)}, nam {format_percent(men)} "
                   f"(chênh lệch {format_percent(abs(men - w.value)).rstrip('%')} điểm %).")
    return out


def activity_table(activities: list[dict], width: float) -> Table:
    head = ["Lĩnh vực hoạt động"] + [t for _, t in ACTIVITY_COLUMNS]
    first = width - 7 * 17 * mm
    data: list[list] = [[centre_cell(h, 8.5, bold=True) for h in head]]
    style = grid_style(1, 9)
    for item in activities:
        total = item.get("category") is None
        data.append([cell(item["label"], 9, bold=total)]
                    + [num_cell(format_int(item.get(k), blank="—"), bold=total) for k, _ in ACTIVITY_COLUMNS])
    table = Table(data, colWidths=[first] + [17 * mm] * 7, repeatRows=1)
    if activities and activities[-1].get("category") is None:
        style.append(("FONTNAME", (0, len(data) - 1), (-1, len(data) - 1), FONT_BOLD))
    table.setStyle(TableStyle(style))
    return table


def coverage_note(threshold: float) -> str:
    """What a higher level's verdict rests on, for the notes under its table."""
    share = "hai phần ba" if abs(threshold - 2 / 3) < 1e-6 else f"{format_percent(100 * threshold)}"
    return ("«Đơn vị báo cáo»: số đơn vị đã báo cáo / phải báo cáo; «Đánh giá» ghi số đơn vị làm căn cứ. Khi số đơn vị "
            f"đã báo cáo chưa đạt {share} số phải báo cáo, chỉ tiêu ghi «chưa đủ số đơn vị báo cáo để đánh giá».")


def closing_sentence(unit, period: Period) -> str:
    """"Trên đây là …/.": the sentence a Vietnamese report closes with before the signature."""
    return (f"Trên đây là kết quả thực hiện kế hoạch xây dựng xã hội học tập {R.period_phrase(period)} "
            f"của {R.lower_type(unit)}./.")


def lineage_notes(coverage, derived_note: str) -> list[Flowable]:
    """The paper's coverage ("Phạm vi số liệu: 40/40 xã, phường…") and, when figures come from the
    communes before the 2025 merger, the note saying so."""
    out: list[Flowable] = []
    if coverage is not None:
        out.append(body(coverage.text_vi(), 12))
    if derived_note:
        out.append(note(derived_note))
    return out


def progress_story(sheet: R.ProgressSheet, doc: OfficialDocument) -> list[Flowable]:
    width = doc.frame_width
    level_word = sheet.unit.type_label.lower() or ("xã" if sheet.unit.level == "xa" else "huyện")  # phường, thị trấn
    story = document_start(doc, sheet.printed_at.date(), sheet.title, [sheet.subtitle, plan_line(sheet.period)])
    first = [section("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")]
    if sheet.reported == 0:
        first.append(body(f"{R.period_phrase(sheet.period).capitalize()}: {sheet.unit.name} chưa báo cáo số liệu nào "
                          "(các ô ghi «chưa báo cáo», không phải bằng 0)."))
    else:
        first.append(body(f"Đã báo cáo {sheet.reported}/{sheet.expected} chỉ tiêu của {level_word} trong kỳ."))
    first.extend(lineage_notes(sheet.coverage, sheet.derived_note))
    story.extend(with_table(first, indicator_table(sheet, width)))
    story.append(note("Ghi chú: Kết quả = Tử số / Mẫu số × 100%. «So với kỳ trước»: chênh lệch (điểm phần trăm, "
                      "hoặc số lượng) so với kỳ liền trước. «chưa báo cáo»: chưa nhập số liệu, khác với 0."
                      + " " + CLOSE_NOTE_VI
                      + (" " + coverage_note(sheet.judging) if sheet.unit.level != "xa" else "")
                      + (" " + DRAFT_NOTE if has_drafts([ln.indicator for ln in sheet.lines()],
                                                        sheet.period.target_years) else "")))
    gaps = gender_gap_lines(sheet)
    if gaps:
        story.append(KeepTogether([section("Bình đẳng giới trong xóa mù chữ"), *(body(g, 12) for g in gaps)]))
    heading = section("II. HOẠT ĐỘNG CỦA TRUNG TÂM HỌC TẬP CỘNG ĐỒNG" if sheet.unit.level == "xa"
                      else "II. HOẠT ĐỘNG CỦA CÁC TRUNG TÂM HỌC TẬP CỘNG ĐỒNG")
    if sheet.activities is None:
        story.append(KeepTogether([heading, body("Sổ theo dõi hoạt động của Trung tâm chưa có trong phiên bản này.")]))
    elif not any(a.get("category") is None and a.get("activities") for a in sheet.activities):
        story.append(KeepTogether([heading, body(f"{R.period_phrase(sheet.period).capitalize()}: chưa ghi nhận "
                                                 "hoạt động nào trong sổ theo dõi.")]))
    else:
        story.extend(with_table([heading], activity_table(sheet.activities, width)))
        story.append(note(ACTIVITY_NOTE))
    story.extend(narrative_flowables(sheet.narrative, start=3))
    sign_off(story, sheet.header, width, closing_sentence(sheet.unit, sheet.period))
    return story


def write_progress_pdf(db: sqlite_utils.Database, unit_id: int, period: str | Period, out: str | Path, *,
                       sheet: R.ProgressSheet | None = None) -> Path:
    """Write the progress sheet of `unit_id` for `period` to `out` (PDF)."""
    sheet = sheet or R.progress_sheet(db, unit_id, period)
    doc = OfficialDocument(sheet.header, footer=sheet.footer, printed_at=sheet.printed_at,
                           title=f"{sheet.title} — {sheet.unit.name} — {sheet.period.code}".replace("\n", " "))
    return doc.build(out, progress_story(sheet, doc))
