"""The Excel entry template: write one for a unit and period; check and import it all-or-nothing.

Layout: sheet `ChiTieu`; labelled cells "Mã đơn vị" and "Kỳ báo cáo" at the top (value in the
cell to the right of the label); a header row with `Mã`, `Chỉ tiêu`, `Tử số`, `Mẫu số`,
`Giá trị`, `Ghi chú`; one row per indicator the unit's level enters in the catalogue of the period's
programme (plan 2780 up to 2020, the 2021–2030 programme from 2021), breakdown rows coded
`XMC_15_60.nu` / `XMC_15_60.dtts`. Rates use Tử số/Mẫu số, counts, flags and levels Giá trị.
Where the catalogue has levels (mức độ), three more columns carry the recognition decision:
`Số quyết định`, `Ngày quyết định` (dd/mm/yyyy), `Cơ quan công nhận`.
A blank row means "not reported" and leaves what is stored untouched.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation

from xhht_desktop.messages import Text, words
from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.db.reference import all_catalogues_in_db, catalogue_in_db
from xhht_desktop.domain.catalogue import (
    BREAKDOWN_LABELS_VI,
    by_code,
    catalogue_for,
    entry_keys,
    row_code,
    split_row_code,
)
from xhht_desktop.domain.periods import PeriodError, applies, parse_period
from xhht_desktop.domain.text import nfc, one_line
from xhht_desktop.domain.values import (
    Entry,
    Issue,
    errors_only,
    parse_decision_date,
    parse_whole_number,
    validate_entries,
)
from xhht_desktop.storage import write_atomically

SHEET = "ChiTieu"
LABEL_UNIT = "Mã đơn vị"
LABEL_PERIOD = "Kỳ báo cáo"
COLUMNS = ("Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Ghi chú")
DECISION_COLUMNS = ("Số quyết định", "Ngày quyết định", "Cơ quan công nhận")  # kind level only
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024  # a full template inflates to ~125 KB; 5,000 rows in both sheets < 15 MB
MAX_ROWS = 5000

_thin = Side(style="thin", color="808080")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


@dataclass
class RowProblem:
    row: int | None
    code: str
    message: str

    def text(self, lang: str = "vi") -> str:
        """"Dòng 12 (X.1): …" in Vietnamese (the default), or in `lang` when the message is coded."""
        if lang == "vi":
            where = f"Dòng {self.row}" if self.row else "Tệp"
        else:
            where = f"Row {self.row}" if self.row else "File"
        return f"{where}{f' ({self.code})' if self.code else ''}: {words(self.message, lang)}"


@dataclass
class ImportResult:
    unit_code: str = ""
    period: str = ""
    entries: list[Entry] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changed: int = 0
    unchanged: int = 0
    applied: bool = False
    extra: dict = field(default_factory=dict)  # other sheets' results (e.g. the CLC log)

    @property
    def ok(self) -> bool:
        return not self.problems


def write_template(db: sqlite_utils.Database, unit: units_repo.Unit, period_code: str, out: str | Path,
                   *, prefill: bool = True) -> Path:
    """Write the entry template for `unit` and `period`, pre-filled with what is stored."""
    period = parse_period(period_code)
    units_repo.check_life(db, unit, period)  # no template for a period outside the unit's life
    current = values_repo.load_entries(db, unit.id, period.code) if prefill else {}
    catalogue = catalogue_in_db(db, period)  # the catalogue in force here (the Department's rows too)
    rows_of = [i for i in catalogue.for_level(unit.level) if applies(i.periodicity, period)]
    with_levels = any(i.kind == "level" for i in rows_of)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = f"BIỂU NHẬP CHỈ TIÊU XÂY DỰNG XÃ HỘI HỌC TẬP ({catalogue.programme.short_vi})"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"], ws["B2"], ws["C2"] = LABEL_UNIT, unit.code, unit.name
    ws["A3"], ws["B3"], ws["C3"] = LABEL_PERIOD, period.code, period.label_vi
    for ref in ("A2", "A3"):
        ws[ref].font = Font(bold=True)
    ws["B2"].number_format = "@"
    ws["B3"].number_format = "@"
    ws["A4"] = ("Nhập số nguyên vào các ô màu vàng. Chỉ tiêu tỷ lệ: nhập Tử số và Mẫu số. Chỉ tiêu đạt/chưa: "
                "Giá trị 1 = đạt/có, 0 = chưa/không. Để trống = chưa báo cáo (khác với 0).")
    if with_levels:
        ws["A4"] = ws["A4"].value + (" Chỉ tiêu mức độ: Giá trị là mức độ được công nhận (0 = chưa đạt), kèm số, "
                                     "ngày (dd/mm/yyyy) quyết định và cơ quan công nhận.")
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A4:K4" if with_levels else "A4:H4")
    ws.row_dimensions[4].height = 32
    header_row = 6
    headers = [*COLUMNS, "Nội dung tử số / giá trị", "Nội dung mẫu số", *(DECISION_COLUMNS if with_levels else ())]
    for col, title in enumerate(headers, start=1):
        cell = ws.cell(row=header_row, column=col, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    flag_validation = DataValidation(type="whole", operator="between", formula1="0", formula2="1",
                                     showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                     error="Chỉ nhập 1 (đạt/có) hoặc 0 (chưa/không).")
    count_validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                      showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                      error="Chỉ nhập số nguyên không âm.")
    ws.add_data_validation(flag_validation)
    ws.add_data_validation(count_validation)
    level_validations: dict[tuple[int, int], DataValidation] = {}
    ncols = 11 if with_levels else 8
    r = header_row + 1
    for ind in rows_of:
        for bd in entry_keys(ind):
            e = current.get((ind.code, bd))
            ws.cell(row=r, column=1, value=row_code(ind.code, bd))
            name = ind.name_vi if bd is None else f"   trong đó: {BREAKDOWN_LABELS_VI[bd]}"
            ws.cell(row=r, column=2, value=name)
            if ind.has_fraction:
                inputs = (3, 4)
                ws.cell(row=r, column=3, value=e.numerator if e else None)
                ws.cell(row=r, column=4, value=e.denominator if e else None)
            else:
                inputs = (5,)
                ws.cell(row=r, column=5, value=e.value if e else None)
                if ind.kind == "level" and ind.scale:
                    dv = level_validations.get(ind.scale)
                    if dv is None:
                        lo, hi = ind.scale
                        dv = level_validations[ind.scale] = DataValidation(
                            type="whole", operator="between", formula1=str(lo), formula2=str(hi),
                            showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                            error=f"Mức độ từ {lo} đến {hi} ({lo} = chưa đạt).")
                        ws.add_data_validation(dv)
                    dv.add(ws.cell(row=r, column=5))
                    inputs = (5, 9, 10, 11)
                    ws.cell(row=r, column=9, value=(e.decision_no if e else None) or None)
                    day = e.decision_date if e else None
                    ws.cell(row=r, column=10, value=dt.date.fromisoformat(day) if day else None)
                    ws.cell(row=r, column=10).number_format = "dd/mm/yyyy"
                    ws.cell(row=r, column=11, value=(e.decision_body if e else None) or None)
                else:
                    (flag_validation if ind.kind == "flag" else count_validation).add(ws.cell(row=r, column=5))
            ws.cell(row=r, column=6, value=(e.comment if e else None) or None)
            ws.cell(row=r, column=7, value=ind.numerator_vi)
            ws.cell(row=r, column=8, value=ind.denominator_vi or None)
            for col in range(1, ncols + 1):
                cell = ws.cell(row=r, column=col)
                cell.border = _BORDER
                cell.alignment = Alignment(wrap_text=col in (2, 6, 7, 8, 9, 11), vertical="top")
                if col in inputs or col == 6:
                    cell.fill = _INPUT_FILL
                    cell.protection = Protection(locked=False)
                if col in (3, 4, 5):
                    cell.number_format = "#,##0"
            if bd is None:
                ws.cell(row=r, column=2).font = Font(bold=True)
            r += 1
    for col, width in zip("ABCDEFGHIJK", (22, 60, 12, 12, 10, 30, 40, 30, 18, 14, 30)[:ncols]):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    from xhht_desktop.clc.xlsx import write_clc_sheet  # the CLC log's sheet `TTHTCD` (communes only)
    write_clc_sheet(wb, db, unit, period.code)
    from xhht_desktop.io.cells import strings_as_text
    strings_as_text(wb)  # the template has no formulas: every string in it (comments, names…) is text
    out = Path(out)
    _save_atomic(wb, out)
    return out


def _save_atomic(wb: Workbook, out: Path) -> None:
    # Built in memory first (a template is ~50 KB): openpyxl failing mid-write would leave its zip
    # writer open and retry the flush at exit; a plain bytes write fails cleanly.
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    write_atomically(out, lambda tmp: Path(tmp).write_bytes(data), suffix=".xlsx")


# ---- reading ----------------------------------------------------------------------------------

def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def open_workbook_safely(path: str | Path):
    """Load a workbook for reading, refusing what is not an .xlsx or is suspiciously large.

    Returns (workbook_with_formulas, workbook_with_cached_values) or raises ValueError (Vietnamese).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValueError(Text("xlsx.unreadable", file=path.name, reason=exc.strerror or exc)) from exc
    if size > MAX_FILE_BYTES:
        raise ValueError(Text("xlsx.too_big", file=path.name, mb=size // 1024 // 1024))
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            if total > MAX_UNCOMPRESSED_BYTES:
                raise ValueError(Text("xlsx.unpacks_too_big", file=path.name))
    except zipfile.BadZipFile as exc:
        raise ValueError(Text("xlsx.not_xlsx", file=path.name)) from exc
    try:
        # One cheap streaming pass first: a sheet with far more rows than any template (a "bomb"
        # under the size limits) is refused before the two full loads below build it in memory.
        streamed = load_workbook(path, read_only=True)
        try:
            for sheet in streamed.worksheets:
                for number, _ in enumerate(sheet.iter_rows(max_col=40, values_only=True), start=1):
                    if number > MAX_ROWS + 50:
                        raise ValueError(Text("xlsx.sheet_too_long", file=path.name, sheet=sheet.title,
                                                              rows=MAX_ROWS))
        finally:
            streamed.close()
        formulas = load_workbook(path, data_only=False, read_only=False)
        cached = load_workbook(path, data_only=True, read_only=False)
    except ValueError as exc:
        if exc.args and isinstance(exc.args[0], Text):
            raise
        raise ValueError(Text("xlsx.cannot_open", file=path.name, error=type(exc).__name__)) from exc
    except Exception as exc:  # openpyxl raises many types on malformed files
        raise ValueError(Text("xlsx.cannot_open", file=path.name, error=type(exc).__name__)) from exc
    return formulas, cached


def _find_label(ws, label: str):
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 12), max_col=min(ws.max_column, 10)):
        for cell in row:
            if _text(cell.value).casefold() == label.casefold():
                return ws.cell(row=cell.row, column=cell.column + 1).value
    return None


def _find_header(ws, required: tuple[str, ...]):
    """Row number and {column title: column index} of the first row holding all `required` titles."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
        titles = {_text(c.value): c.column for c in row if _text(c.value)}
        if all(t in titles for t in required):
            return row[0].row, titles
    return None, {}


def cell_number(formula_cell, cached_cell) -> tuple[int | None, str | None]:
    """A number cell as a whole number, accepting a formula only through its computed value."""
    raw = formula_cell.value
    if formula_cell.data_type == "f":  # a text cell that starts with "=" is text, not a formula
        raw = cached_cell.value
        if raw is None:
            return None, Text("xlsx.cell_formula")
    if isinstance(raw, (dt.datetime, dt.date, dt.time)):
        return None, Text("xlsx.cell_date")
    parsed = parse_whole_number(raw)
    return parsed.value, parsed.error


def read_entry_sheet(path: str | Path, db: sqlite_utils.Database | None = None) -> ImportResult:
    """Read and check the sheet's form (codes, numbers). Codes are those of the catalogue in force in
    `db` (the shipped catalogue without one); nothing else of the database is looked at."""
    result = ImportResult()
    try:
        wb, cached = open_workbook_safely(path)
    except ValueError as exc:
        coded = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Text) else str(exc)
        result.problems.append(RowProblem(None, "", coded))
        return result
    result.extra["workbook"] = (wb, cached)
    if SHEET not in wb.sheetnames:
        result.problems.append(RowProblem(None, "", Text("xlsx.no_sheet", sheet=SHEET)))
        return result
    ws, ws_cached = wb[SHEET], cached[SHEET]
    result.unit_code = _text(_find_label(ws, LABEL_UNIT))
    result.period = _text(_find_label(ws, LABEL_PERIOD))
    if not result.unit_code:
        result.problems.append(RowProblem(None, "", Text("xlsx.no_label", label=LABEL_UNIT, sheet=SHEET)))
    if not result.period:
        result.problems.append(RowProblem(None, "", Text("xlsx.no_label", label=LABEL_PERIOD, sheet=SHEET)))
    header_row, cols = _find_header(ws, ("Mã", "Tử số", "Mẫu số", "Giá trị"))
    if header_row is None:
        result.problems.append(RowProblem(None, "", Text("xlsx.no_header")))
        return result
    if ws.max_row - header_row > MAX_ROWS:
        result.problems.append(RowProblem(None, "", Text("xlsx.too_many_rows", sheet=SHEET, rows=ws.max_row)))
        return result
    try:  # the catalogue of the period's programme (a bad period is reported by check_workbook)
        programme_cat = (catalogue_in_db(db, parse_period(result.period)) if db is not None
                         else catalogue_for(parse_period(result.period)))
    except PeriodError:
        programme_cat = None
    catalogue = programme_cat.by_code if programme_cat is not None else by_code()
    unknown: set[str] = set()
    seen: dict[str, int] = {}
    for r in range(header_row + 1, ws.max_row + 1):
        code = _text(ws.cell(row=r, column=cols["Mã"]).value)
        nums = {}
        row_errors = []
        for title, fieldname in (("Tử số", "numerator"), ("Mẫu số", "denominator"), ("Giá trị", "value")):
            c = cols[title]
            value, error = cell_number(ws.cell(row=r, column=c), ws_cached.cell(row=r, column=c))
            nums[fieldname] = value
            if error:
                row_errors.append(Text("xlsx.column_problem", column=title, problem=error))
        comment = _text(ws.cell(row=r, column=cols["Ghi chú"]).value) if "Ghi chú" in cols else ""
        decision = {"decision_no": "", "decision_date": None, "decision_body": ""}
        for title, fieldname in zip(DECISION_COLUMNS, decision):
            if title not in cols:
                continue
            cell = ws.cell(row=r, column=cols[title])
            raw = ws_cached.cell(row=r, column=cols[title]).value if cell.data_type == "f" else cell.value
            if fieldname == "decision_date":
                iso, err = parse_decision_date(raw)
                if err:
                    row_errors.append(Text("xlsx.column_problem", column=title,
                                           problem=Text("values.bad_decision_date", date=_text(raw)[:40])))
                decision[fieldname] = iso
            else:  # one-line text: a line break typed in the cell (Alt+Enter) or a pasted tab becomes a space
                decision[fieldname] = one_line(nfc(_text(raw)))
        if not code:
            if any(v is not None for v in nums.values()) or row_errors or any(decision.values()):
                result.problems.append(RowProblem(r, "", Text("xlsx.missing_code")))
            continue
        base, bd = split_row_code(code)
        ind = catalogue.get(base)
        if ind is None or (bd is not None and bd not in ind.breakdowns):
            result.problems.append(RowProblem(r, code, Text("xlsx.unknown_code")))
            if ind is None:
                unknown.add(base)
            continue
        if code in seen:
            result.problems.append(RowProblem(r, code, Text("xlsx.duplicate", row=seen[code])))
            continue
        seen[code] = r
        for msg in row_errors:
            result.problems.append(RowProblem(r, code, msg))
        if row_errors:
            continue
        if ind.has_fraction and nums["value"] is not None:
            result.problems.append(RowProblem(r, code, Text("xlsx.ratio_needs_fraction")))
            continue
        if not ind.has_fraction and (nums["numerator"] is not None or nums["denominator"] is not None):
            result.problems.append(RowProblem(r, code, Text("xlsx.value_only")))
            continue
        if ind.kind != "level" and any(decision.values()):
            result.problems.append(RowProblem(r, code, Text("xlsx.decision_only_for_levels")))
            continue
        entry = Entry(base, bd, nums["numerator"], nums["denominator"], nums["value"], comment, **decision)
        if entry.is_blank() and not comment and not any(decision.values()):
            continue
        entry_row = r
        result.entries.append(entry)
        result.extra.setdefault("rows", {})[entry.key] = entry_row
    if unknown and programme_cat is not None:
        _explain_other_programme(result, programme_cat, unknown, db)
    return result


def _explain_other_programme(result: ImportResult, period_cat, unknown: set[str],
                             db: sqlite_utils.Database | None = None) -> None:
    """A sheet filled with another programme's codes (a 2014 template relabelled 2026): say so once,
    before the rows it made unknown."""
    from xhht_desktop.domain.catalogue import all_catalogues  # noqa: PLC0415

    for other in (all_catalogues_in_db(db) if db is not None else all_catalogues()):
        if other.programme.code != period_cat.programme.code and unknown <= set(other.by_code):
            here = period_cat.programme
            result.problems.insert(0, RowProblem(None, "", (
                f"Biểu này dùng mã chỉ tiêu của {other.programme.short_vi}; kỳ {result.period} thuộc "
                f"{here.short_vi} (từ {here.first_period} đến {here.last_period}). Hãy xuất biểu nhập mới "
                "cho kỳ này.")))
            return


def check_workbook(db: sqlite_utils.Database, unit: units_repo.Unit, path: str | Path) -> ImportResult:
    """Everything `import_workbook` checks, without writing."""
    result = read_entry_sheet(path, db)
    if result.problems and not result.entries and not result.unit_code:
        return result
    if result.unit_code and result.unit_code != unit.code:
        result.problems.append(RowProblem(None, "", Text("xlsx.other_unit", file_unit=result.unit_code,
                                                         unit_code=unit.code, unit=unit.name)))
    period = None
    if result.period:
        try:
            period = parse_period(result.period)
            result.period = period.code
        except PeriodError as exc:
            result.problems.append(RowProblem(None, "", str(exc)))
    if period is not None:
        problem = units_repo.life_problem(db, unit, period)
        if problem is not None:
            result.problems.append(RowProblem(None, "", units_repo.life_problem_vi(problem)))
    rows = result.extra.get("rows", {})
    catalogue = catalogue_in_db(db, period).by_code if period is not None else by_code()
    result.extra["names"] = {code: ind.name_vi for code, ind in catalogue.items()}  # for the preview
    for e in result.entries:
        ind = catalogue[e.indicator]
        if unit.level not in ind.levels:
            result.problems.append(RowProblem(rows.get(e.key), row_code(e.indicator, e.breakdown),
                                              Text("xlsx.not_this_level")))
        elif period is not None and not applies(ind.periodicity, period):
            result.problems.append(RowProblem(rows.get(e.key), row_code(e.indicator, e.breakdown),
                                              Text("xlsx.yearly_only")))
    if period is not None and not any(p.row is None for p in result.problems):
        current = values_repo.load_entries(db, unit.id, period.code)
        merged = dict(current)
        for e in result.entries:
            merged[e.key] = e
        previous = values_repo.previous_entries(db, unit.id, period.code)
        issues = validate_entries(list(merged.values()), previous, catalogue=catalogue_in_db(db, period))
        touched = {e.indicator for e in result.entries}
        for issue in issues:
            if issue.indicator not in touched:
                continue
            rc = row_code(issue.indicator, issue.breakdown)
            if issue.severity == "error":
                result.problems.append(RowProblem(rows.get((issue.indicator, issue.breakdown)), rc, issue.message))
            else:
                result.warnings.append(issue.message)
    return result


def import_workbook(
    db: sqlite_utils.Database,
    unit: units_repo.Unit,
    path: str | Path,
    *,
    actor: str,
    origin: str,
    dry_run: bool = False,
    extra_importers: tuple = (),
) -> ImportResult:
    """Check the whole file, then import all of it or nothing.

    `extra_importers` are callables (db, unit, result, dry_run) that check (and, when the main
    sheet is fine, write inside the same transaction) additional sheets such as the CLC log.
    """
    result = check_workbook(db, unit, path)
    for importer in extra_importers:
        importer.check(db, unit, result)
    if result.problems or dry_run:
        result.extra.pop("workbook", None)
        return result
    with db.atomic():
        saved = values_repo.save_entries(db, unit.id, result.period, result.entries, actor=actor,
                                         origin=origin, source="xlsx")
        for importer in extra_importers:
            importer.apply(db, unit, result, actor=actor, origin=origin)
    result.changed, result.unchanged = saved.changed, saved.unchanged
    result.applied = True
    result.extra.pop("workbook", None)
    return result


def problems_text(result: ImportResult, lang: str = "vi") -> str:
    return "\n".join(p.text(lang) for p in result.problems)


__all__ = ["write_template", "import_workbook", "check_workbook", "ImportResult", "RowProblem",
           "errors_only", "Issue"]
