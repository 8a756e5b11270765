"""Excel for the activity log: the `TTHTCD` sheet of the entry template (written and imported with
the same all-or-nothing checks as `ChiTieu`), and the export of the log to its own workbook.

The sheet is optional on import: a template written before the log existed still imports.
Rows that come from the database carry their record id in the column `Mã hoạt động`, so the
template can be filled, imported, written again and imported again without duplicating anything;
a row without an id that matches a stored activity exactly (same day, title, category, format,
sessions and visits) is reported and skipped rather than stored twice.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from xhht_desktop.clc import repository as repo
from xhht_desktop.clc.domain import (
    CATEGORIES,
    CATEGORY_LABELS_VI,
    COUNT_FIELDS,
    FIELD_LABELS_VI,
    FORMAT_LABELS_VI,
    FORMATS,
    Activity,
    ClcValidationError,
    build_activity,
    format_date,
)
from xhht_desktop.clc.summary import commune_ids, summarize_activities
from xhht_desktop.db import units_repo
from xhht_desktop.domain.periods import PeriodError, parse_period
from xhht_desktop.domain.text import fold
from xhht_desktop.domain.values import format_int
from xhht_desktop.io.cells import put

SHEET = "TTHTCD"
LISTS_SHEET = "DM_TTHTCD"
ROW_CODE = "TTHTCD"  # shown in problem messages: "Dòng 9 (TTHTCD): …"
# The columns, in its order; then the extra columns this app needs.
HEADERS: tuple[str, ...] = (
    "Ngày", "Tên hoạt động", "Nhóm chuyên đề", "Hình thức", "Số buổi", "Lượt người học", "Nữ", "DTTS",
    "Lao động nông thôn", "Số người (không trùng)", "Đơn vị phối hợp", "Kinh phí (đồng)", "Nguồn kinh phí",
    "Ghi chú",
)
EXTRA_HEADERS: tuple[str, ...] = ("Ngày kết thúc", "Địa điểm", "LĐNT học lần đầu trong năm", "Mã hoạt động")
HEADER_FIELDS: dict[str, str] = {label: name for name, label in FIELD_LABELS_VI.items()} | {"Mã hoạt động": "uuid"}
REQUIRED_HEADERS = ("Ngày", "Tên hoạt động", "Nhóm chuyên đề", "Hình thức", "Số buổi", "Lượt người học")
BLANK_ROWS = 150
MAX_ROWS = 5000

_thin = Side(style="thin", color="808080")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOTAL_FILL = PatternFill("solid", fgColor="EDEDED")
_WIDTHS = {"Ngày": 12, "Tên hoạt động": 40, "Nhóm chuyên đề": 30, "Hình thức": 16, "Đơn vị phối hợp": 24,
           "Kinh phí (đồng)": 14, "Nguồn kinh phí": 20, "Ghi chú": 30, "Ngày kết thúc": 12, "Địa điểm": 22,
           "Mã hoạt động": 12, "Xã": 22, "STT": 6}


# ---- the template sheet ----------------------------------------------------------------------------

def _cell_value(a: Activity, name: str):
    if name == "category":
        return CATEGORY_LABELS_VI.get(a.category, a.category)
    if name == "format":
        return FORMAT_LABELS_VI.get(a.format, a.format)
    v = getattr(a, name)
    return v if v != "" else None


def write_clc_sheet(wb: Workbook, db: sqlite_utils.Database, unit: units_repo.Unit, period: str) -> None:
    """Add the sheet `TTHTCD` to the entry template: the period's stored activities, then blank rows.

    Only communes keep a log; for a district or the province nothing is added.
    """
    if unit.level != "xa":
        return
    p = parse_period(period)
    stored = repo.list_activities(db, [unit.id], repo.ActivityFilter(p.start, p.end))
    ws = wb.create_sheet(SHEET)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    for i, (_, label) in enumerate(CATEGORIES, start=1):
        put(lists.cell(row=i, column=1), label)
    for i, (_, label) in enumerate(FORMATS, start=1):
        put(lists.cell(row=i, column=2), label)

    put(ws["A1"], "SỔ HOẠT ĐỘNG TRUNG TÂM HỌC TẬP CỘNG ĐỒNG")
    ws["A1"].font = Font(bold=True, size=13)
    for ref, v in (("A2", "Mã đơn vị"), ("B2", unit.code), ("C2", unit.name), ("A3", "Kỳ báo cáo"), ("B3", p.code),
                   ("C3", p.label_vi)):
        put(ws[ref], v)
    for ref in ("A2", "A3"):
        ws[ref].font = Font(bold=True)
    ws["B2"].number_format = ws["B3"].number_format = "@"
    put(ws["A4"], f"Mỗi dòng một hoạt động có ngày trong kỳ ({format_date(p.start)} – {format_date(p.end)}). "
                "Ngày dạng dd/mm/yyyy. Bắt buộc: Ngày, Tên hoạt động, Nhóm chuyên đề, Hình thức, Số buổi, "
                "Lượt người học. Nữ, DTTS, Lao động nông thôn tính theo lượt (không lớn hơn Lượt người học); "
                "Số người (không trùng) là số người khác nhau của hoạt động; «LĐNT học lần đầu trong năm» là "
                "số lao động nông thôn chưa học ở trung tâm từ 01/01. Để trống = chưa ghi (khác với 0). "
                "Không sửa cột «Mã hoạt động».")
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    headers = (*HEADERS, *EXTRA_HEADERS)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=len(HEADERS))
    ws.row_dimensions[4].height = 62
    header_row = 6
    for col, title in enumerate(headers, start=1):
        cell = put(ws.cell(row=header_row, column=col), title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(title, 11)
    ws.row_dimensions[header_row].height = 32

    col_of = {title: i for i, title in enumerate(headers, start=1)}
    first, last = header_row + 1, header_row + len(stored) + BLANK_ROWS
    cat_list = DataValidation(type="list", formula1=f"{quote_sheetname(LISTS_SHEET)}!$A$1:$A${len(CATEGORIES)}",
                              allow_blank=True, showErrorMessage=True, errorTitle="Nhóm chuyên đề",
                              error="Chọn một trong tám nhóm chuyên đề trong danh sách.")
    fmt_list = DataValidation(type="list", formula1=f"{quote_sheetname(LISTS_SHEET)}!$B$1:$B${len(FORMATS)}",
                              allow_blank=True, showErrorMessage=True, errorTitle="Hình thức",
                              error="Chọn một hình thức trong danh sách.")
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                           error="Chỉ nhập số nguyên không âm.")
    for dv in (cat_list, fmt_list, whole):
        ws.add_data_validation(dv)
    for dv, title in ((cat_list, "Nhóm chuyên đề"), (fmt_list, "Hình thức")):
        letter = get_column_letter(col_of[title])
        dv.add(f"{letter}{first}:{letter}{last}")
    for title in headers:
        if HEADER_FIELDS[title] in COUNT_FIELDS:
            letter = get_column_letter(col_of[title])
            whole.add(f"{letter}{first}:{letter}{last}")

    for r in range(first, last + 1):
        a = stored[r - first] if r - first < len(stored) else None
        for title in headers:
            name = HEADER_FIELDS[title]
            cell = ws.cell(row=r, column=col_of[title])
            if a is not None:
                put(cell, a.uuid if name == "uuid" else _cell_value(a, name))
            cell.border = _BORDER
            if name in ("date", "end_date"):
                cell.number_format = "DD/MM/YYYY"
            elif name in COUNT_FIELDS:
                cell.number_format = "#,##0"
            if name != "uuid":
                cell.fill = _INPUT_FILL
                cell.protection = Protection(locked=False)
            else:
                cell.font = Font(color="808080", size=8)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)


# ---- importing the sheet -----------------------------------------------------------------------

def _raw(formula_cell, cached_cell):
    """A cell's value; a formula counts only through the value Excel computed for it. A text cell
    that merely starts with "=" (a title we exported as text) is text."""
    if formula_cell.data_type == "f":
        return cached_cell.value
    return formula_cell.value


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


class ClcSheetImporter:
    """Reads the optional sheet `TTHTCD` of an entry workbook for `import_workbook`.

    `check` appends RowProblems (nothing is written) and keeps the activities to store in
    `result.extra["clc"]`; `apply` writes them inside the caller's transaction.
    """

    def __init__(self, today: dt.date | None = None):
        self.today = today

    def check(self, db: sqlite_utils.Database, unit: units_repo.Unit, result) -> None:
        from xhht_desktop.io.xlsx_entry import RowProblem, cell_number  # the lead's module; imported late

        result.extra["clc"] = []
        pair = result.extra.get("workbook")
        if not pair:
            return
        wb, cached = pair
        if SHEET not in wb.sheetnames:
            return
        ws, wsc = wb[SHEET], cached[SHEET]

        def problem(row: int | None, message: str) -> None:
            result.problems.append(RowProblem(row, ROW_CODE, message))

        header_row, cols = None, {}
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
            titles = {_text(c.value): c.column for c in row if _text(c.value)}
            if all(t in titles for t in REQUIRED_HEADERS):
                header_row, cols = row[0].row, {t: c for t, c in titles.items() if t in HEADER_FIELDS}
                break
        if header_row is None:
            problem(None, f"trang «{SHEET}» không có dòng tiêu đề với các cột " + ", ".join(REQUIRED_HEADERS) + ".")
            return
        if ws.max_row - header_row > MAX_ROWS:
            problem(None, f"trang «{SHEET}» có quá nhiều dòng ({ws.max_row}).")
            return
        period = None
        if result.period:
            try:
                period = parse_period(result.period)
            except PeriodError:
                period = None  # the main sheet already reports it
        seen_ids: dict[str, int] = {}
        seen_rows: dict[tuple, int] = {}
        parsed: list[Activity] = []
        parsed_rows: list[int] = []  # the sheet row of each parsed activity (the preview shows them)
        for r in range(header_row + 1, ws.max_row + 1):
            values: dict[str, object] = {}
            cell_errors: dict[str, str] = {}
            for title, c in cols.items():
                name = HEADER_FIELDS[title]
                fcell, ccell = ws.cell(row=r, column=c), wsc.cell(row=r, column=c)
                typed_text = isinstance(fcell.value, str) and fcell.data_type != "f"
                if name in COUNT_FIELDS and not typed_text:
                    # Numbers, formulas (through their computed value) and dates typed into a number column.
                    number, err = cell_number(fcell, ccell)
                    if err:
                        cell_errors[name] = f"{title}: {err}."
                    values[name] = number
                else:
                    values[name] = _raw(fcell, ccell)  # text goes through the same parser as the form
            if all(v is None or _text(v) == "" for v in values.values()) and not cell_errors:
                continue
            record_id = _text(values.pop("uuid", None))
            if unit.level != "xa":
                problem(r, "chỉ xã, phường, thị trấn mới ghi sổ hoạt động TTHTCĐ.")
                continue
            activity, field_errors = build_activity(values, today=self.today, unit_valid_from=unit.valid_from,
                                                    unit_valid_to=unit.valid_to)
            for msg in cell_errors.values():
                problem(r, msg)
            for e in field_errors:
                if e.field not in cell_errors:  # a blank left by a bad cell is not a second problem
                    problem(r, e.message)
            errors = list(cell_errors.values())
            if activity is None or errors:
                continue
            if period is not None and not period.start <= activity.date <= period.end:
                problem(r, f"Ngày: {format_date(activity.date)} ngoài kỳ báo cáo {period.code} "
                           f"({format_date(period.start)} – {format_date(period.end)}).")
                continue
            if record_id:
                try:
                    record_id = str(uuid_mod.UUID(record_id))
                except ValueError:
                    problem(r, f"Mã hoạt động «{record_id}» không hợp lệ — đừng sửa cột này (xóa ô nếu là dòng mới).")
                    continue
                if record_id in seen_ids:
                    problem(r, f"Mã hoạt động trùng với dòng {seen_ids[record_id]}.")
                    continue
                seen_ids[record_id] = r
                stored = repo.get_activity(db, record_id)
                if stored is not None and stored.unit_id != unit.id:
                    problem(r, "Mã hoạt động thuộc sổ của đơn vị khác.")
                    continue
                if stored is not None and stored.deleted:
                    result.warnings.append(f"Dòng {r} ({ROW_CODE}): hoạt động «{activity.title}» đã bị xóa trong "
                                           "máy sau khi tạo biểu — không nhập lại.")
                    continue
                activity.uuid = record_id
            else:
                key = (activity.date, fold(activity.title), activity.category, activity.format,
                       activity.sessions, activity.visits)
                if key in seen_rows:
                    problem(r, f"trùng hoàn toàn với dòng {seen_rows[key]} (cùng ngày, tên, nhóm, hình thức, "
                               "số buổi, lượt) — xóa một dòng hoặc ghi rõ khác nhau ở tên hoạt động.")
                    continue
                seen_rows[key] = r
                if unit.level == "xa" and repo.find_same_activity(db, unit.id, activity) is not None:
                    result.warnings.append(f"Dòng {r} ({ROW_CODE}): «{activity.title}» ngày "
                                           f"{format_date(activity.date)} đã có trong sổ — bỏ qua, không nhập trùng.")
                    continue
            parsed.append(activity)
            parsed_rows.append(r)
        result.extra["clc"] = parsed
        result.extra["clc_sheet_rows"] = parsed_rows
        result.extra["clc_rows"] = len(parsed)

    def apply(self, db: sqlite_utils.Database, unit: units_repo.Unit, result, *, actor: str, origin: str) -> None:
        """Store the checked activities; runs inside the caller's transaction (any error undoes all)."""
        added = updated = unchanged = 0
        for a in result.extra.get("clc", []):
            stored = repo.get_activity(db, a.uuid) if a.uuid else None
            if stored is None:
                repo.add_activity(db, unit.id, a, actor=actor, origin=origin, source="xlsx",
                                  record_uuid=a.uuid or None, today=self.today)
                added += 1
            else:
                after = repo.update_activity(db, a.uuid, a, actor=actor, origin=origin, source="xlsx",
                                             today=self.today)
                if after.revision != stored.revision:
                    updated += 1
                else:
                    unchanged += 1
        result.extra["clc_applied"] = {"added": added, "updated": updated, "unchanged": unchanged}


# ---- exporting the log ---------------------------------------------------------------------------

def _save_atomic(wb: Workbook, out: Path) -> None:
    from xhht_desktop.storage import write_atomically  # the one way files are written

    write_atomically(out, wb.save, suffix=".xlsx")


def export_log_xlsx(db: sqlite_utils.Database, unit_id: int, filters: repo.ActivityFilter | None, out: str | Path,
                    *, progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the log (as filtered) to `out`: sheet `SoTTHTCD` with a totals row, sheet `TongHop` with
    the summary per category. For a district or the province, the communes below are listed.

    `progress(done, total)` is called now and then (it may raise to cancel). Written to a temporary
    file first, then moved into place.
    """
    filters = filters or repo.ActivityFilter()
    unit = units_repo.get_unit(db, unit_id)
    ids = commune_ids(db, unit_id, filters.date_to or dt.date.today())
    activities = repo.list_activities(db, ids, filters)
    names = {u: units_repo.get_unit(db, u).name for u in {a.unit_id for a in activities}}
    multi = unit.level != "xa"
    wb = Workbook()
    ws = wb.active
    ws.title = "SoTTHTCD"
    put(ws["A1"], "SỔ HOẠT ĐỘNG TRUNG TÂM HỌC TẬP CỘNG ĐỒNG")
    ws["A1"].font = Font(bold=True, size=13)
    put(ws["A2"], f"Đơn vị: {unit.name} ({unit.code})")
    span = (f"Từ ngày {format_date(filters.date_from) or '…'} đến ngày {format_date(filters.date_to) or '…'}")
    extra = []
    if filters.category:
        extra.append(f"nhóm «{CATEGORY_LABELS_VI.get(filters.category, filters.category)}»")
    if filters.text:
        extra.append(f"tìm «{filters.text}»")
    put(ws["A3"], span + (" — " + ", ".join(extra) if extra else ""))
    headers = ["STT", *(["Xã"] if multi else []), *HEADERS, "Ngày kết thúc", "Địa điểm", "LĐNT học lần đầu trong năm"]
    header_row = 5
    for col, title in enumerate(headers, start=1):
        cell = put(ws.cell(row=header_row, column=col), title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(title, 11)
    r = header_row
    for i, a in enumerate(activities, start=1):
        r += 1
        for col, title in enumerate(headers, start=1):
            if title == "STT":
                v = i
            elif title == "Xã":
                v = names.get(a.unit_id, "")
            else:
                v = _cell_value(a, HEADER_FIELDS[title])
            cell = put(ws.cell(row=r, column=col), v)
            cell.border = _BORDER
            name = HEADER_FIELDS.get(title)
            if name in ("date", "end_date"):
                cell.number_format = "DD/MM/YYYY"
            elif name in COUNT_FIELDS:
                cell.number_format = "#,##0"
            elif title in ("Tên hoạt động", "Ghi chú"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if progress and i % 200 == 0:
            progress(i, len(activities))
    # Totals as values (not formulas): every reader sees them without recalculating.
    r += 1
    total = summarize_activities(activities)[-1]
    put(ws.cell(row=r, column=2 if not multi else 3), f"Tổng cộng: {format_int(len(activities))} hoạt động")
    for col, title in enumerate(headers, start=1):
        cell = ws.cell(row=r, column=col)
        cell.font = Font(bold=True)
        cell.fill = _TOTAL_FILL
        cell.border = _BORDER
        name = HEADER_FIELDS.get(title)
        if name in ("sessions", "visits", "women", "ethnic_minority", "rural_workers", "learners"):
            cell.value = total[name]
        elif name in ("cost", "rural_workers_new"):
            known = [getattr(a, name) for a in activities if getattr(a, name) is not None]
            cell.value = sum(known) if known else None
        if name in COUNT_FIELDS:
            cell.number_format = "#,##0"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3 if multi else 2)

    ws2 = wb.create_sheet("TongHop")
    put(ws2["A1"], "TỔNG HỢP HOẠT ĐỘNG THEO NHÓM CHUYÊN ĐỀ")
    ws2["A1"].font = Font(bold=True, size=13)
    put(ws2["A2"], f"Đơn vị: {unit.name} ({unit.code}) — {span}")
    sum_headers = ("Nhóm chuyên đề", "Số hoạt động", "Số buổi", "Lượt người học", "Số người (không trùng)", "Nữ",
                   "DTTS", "Lao động nông thôn")
    keys = ("category", "activities", "sessions", "visits", "learners", "women", "ethnic_minority", "rural_workers")
    for col, title in enumerate(sum_headers, start=1):
        cell = put(ws2.cell(row=4, column=col), title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws2.column_dimensions[get_column_letter(col)].width = 60 if col == 1 else 14
    for i, row in enumerate(summarize_activities(activities), start=5):
        for col, key in enumerate(keys, start=1):
            v = row[key]
            if key == "category":
                v = "Tổng cộng" if v is None else CATEGORY_LABELS_VI.get(v, v)
            cell = put(ws2.cell(row=i, column=col), v)
            cell.border = _BORDER
            if row["category"] is None:
                cell.font = Font(bold=True)
                cell.fill = _TOTAL_FILL
            if col > 1:
                cell.number_format = "#,##0"
    put(ws2.cell(row=15, column=1), "Số người (không trùng) được cộng theo từng hoạt động: một người học hai "
                                    "hoạt động được tính hai lần. Để trống = chưa ghi.").font = Font(italic=True)
    out = Path(out)
    _save_atomic(wb, out)
    return out


__all__ = ["ClcSheetImporter", "write_clc_sheet", "export_log_xlsx", "SHEET", "HEADERS", "ClcValidationError"]
