"""Hostile entry workbooks: thousands of malformed Excel files against the real import.

Every workbook starts as a real entry template (`write_template`) filled with plausible figures,
then gets one to three mutations: text in number cells, negatives, huge numbers, fractions,
formulas, dates, booleans, error values, broken fractions, breakdowns above their total, unknown
or duplicated codes, rows without a code, yearly-only rows in a half-year, empty / hidden /
merged rows, swapped columns, extra sheets, wrong or missing sheets, labels, header, unit or
period, too many rows, random bytes, truncations, bit flips, splices, zip and XML bombs and files
that are not workbooks at all.

For every file the harness asserts what a user depends on:
- `import_workbook` never raises;
- a refused file changes nothing (database fingerprint identical) and says why; where a row is at
  fault (the mutation knows which), a problem names that row;
- an accepted file is imported whole: every figure in it is stored exactly (read back and
  compared with an independent reading of the file), and only that unit and period changed;
- what must be refused (a negative, a formula without a value…) is refused.

Run: `python bench/hostile_workbooks.py [--n 2000] [--seed 1] [--case ID] [--json OUT]`.
The reduced CI version is tests/stress/test_hostile_workbooks.py.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import os
import random
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook  # noqa: E402

from bench.common import DEMO_COMMUNE, db_fingerprint, format_table, make_commune_db, vm_hwm_mb  # noqa: E402
from xhht_desktop.db import values_repo  # noqa: E402
from xhht_desktop.domain.catalogue import by_code, row_code, split_row_code  # noqa: E402
from xhht_desktop.domain.periods import parse_period  # noqa: E402
from xhht_desktop.domain.values import parse_whole_number  # noqa: E402
from xhht_desktop.cli import extra_xlsx_importers  # noqa: E402
from xhht_desktop.io import xlsx_entry  # noqa: E402
from xhht_desktop.sample import sample_entries  # noqa: E402

HEADER_ROW_TITLES = ("Mã", "Tử số", "Mẫu số", "Giá trị")
PERIODS = ("2016", "2016-H1", "2017", "2017-H2")


# ---- the case model ------------------------------------------------------------------------------

@dataclass
class Case:
    """One hostile workbook: what was done to it and what the import must do."""

    case_id: str
    period: str
    mutations: list[str] = field(default_factory=list)
    expect: str = "accept"  # accept | refuse | either (decided by the strongest mutation)
    fault_rows: set[int] = field(default_factory=set)  # rows a problem must name
    file_fault: bool = False  # a whole-file fault: row-level checks may not run
    used_indicators: set[str] = field(default_factory=set)
    target_period: str | None = None  # the period the file claims (after mutations)

    def refuse(self, name: str, *, row: int | None = None, file_level: bool = False) -> None:
        self.expect = "refuse"
        if row is not None:
            self.fault_rows.add(row)
        if file_level:
            self.file_fault = True

    def maybe(self) -> None:
        if self.expect == "accept":
            self.expect = "either"


class Sheet:
    """Where things are in a template: the header's columns and each code's row."""

    def __init__(self, ws):
        self.ws = ws
        self.refresh()

    def refresh(self) -> None:
        ws = self.ws
        self.header = None
        self.cols: dict[str, int] = {}
        for r in range(1, 31):
            titles = {}
            for c in range(1, 12):
                v = ws.cell(row=r, column=c).value
                if isinstance(v, str) and v.strip():
                    titles[v.strip()] = c
            if all(t in titles for t in HEADER_ROW_TITLES):
                self.header, self.cols = r, titles
                break
        self.rows: dict[str, int] = {}
        if self.header:
            for r in range(self.header + 1, ws.max_row + 1):
                v = ws.cell(row=r, column=self.cols["Mã"]).value
                if isinstance(v, str) and v.strip():
                    self.rows.setdefault(v.strip(), r)

    def data_rows(self) -> list[tuple[str, int]]:
        return sorted(self.rows.items(), key=lambda kv: kv[1])

    def col(self, title: str) -> int:
        return self.cols[title]


def put(ws, row: int, column: int, value) -> None:
    """Set a cell, None included (`ws.cell(..., value=None)` silently leaves the old value)."""
    ws.cell(row=row, column=column).value = value


def _fraction_rows(sheet: Sheet, case: Case, *, breakdown: bool | None = None):
    cat = by_code()
    out = []
    for code, r in sheet.data_rows():
        base, bd = split_row_code(code)
        ind = cat.get(base)
        if ind is None or not ind.has_fraction or base in case.used_indicators:
            continue
        if breakdown is not None and (bd is not None) != breakdown:
            continue
        out.append((code, r, ind))
    return out


def _value_rows(sheet: Sheet, case: Case, kind: str | None = None):
    cat = by_code()
    out = []
    for code, r in sheet.data_rows():
        ind = cat.get(split_row_code(code)[0])
        if ind is None or ind.has_fraction or ind.code in case.used_indicators:
            continue
        if kind and ind.kind != kind:
            continue
        out.append((code, r, ind))
    return out


def _number_cells(sheet: Sheet, case: Case):
    """(code, row, column) of every filled number cell on an indicator not yet mutated."""
    out = []
    for code, r, _ in _fraction_rows(sheet, case):
        out += [(code, r, sheet.col("Tử số")), (code, r, sheet.col("Mẫu số"))]
    for code, r, _ in _value_rows(sheet, case):
        out.append((code, r, sheet.col("Giá trị")))
    return out


def _use(case: Case, code: str) -> None:
    case.used_indicators.add(split_row_code(code)[0])


# ---- cell-level mutations (on the openpyxl workbook) ----------------------------------------------
# Each takes (rng, wb, sheet, case) and returns False when it does not apply to this workbook.

# Not in the list: Unicode decimal digits ("１２" full-width, "١٢" Arabic-Indic). The import reads them
# as the number they write (Python's int()), which is what a person means; see thousands_text.
BAD_TEXT = ["nhiều", "12a", "1,5", "mười hai", "N/A", "-", "?", "1 2 3 4", "0x1F", "½",
            "1e3", "1.2.3", "++1", "12%", "∞", "NaN", "  ", "\u200b", "1\u00a0234\u00a056", "(12)"]


def m_text_in_number(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    text = rng.choice(BAD_TEXT)
    put(sheet.ws, r, c, text)
    _use(case, code)
    if text.strip("\u200b ").strip() == "":
        # Whitespace alone reads as blank: the row becomes half-empty (a rate) or not reported.
        case.maybe()
    else:
        case.refuse("text", row=r)
    return True


def m_negative(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    put(sheet.ws, r, c, rng.choice([-1, -5, -1000, "-7", -0.0 - 3]))
    _use(case, code)
    case.refuse("negative", row=r)
    return True


def m_huge(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    sheet.ws.cell(row=r, column=c, value=rng.choice([10**7 + 1, 10**9, 2**63, 10**30, 1e300, float("inf"),
                                                     "99999999999999999999999", "10.000.001"]))
    _use(case, code)
    case.refuse("huge", row=r)
    return True


def m_fraction(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    put(sheet.ws, r, c, rng.choice([12.5, 0.1, 99.99, "3,7", "3.7"]))
    _use(case, code)
    case.refuse("fraction", row=r)
    return True


def m_formula(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    # openpyxl writes no cached value: the import must refuse rather than guess.
    sheet.ws.cell(row=r, column=c, value=rng.choice(["=1+2", "=SUM(C7:C9)", "=NOW()", "=A1", "=1/0",
                                                     '=HYPERLINK("http://x","1")', "=C7*2"]))
    _use(case, code)
    case.refuse("formula", row=r)
    return True


def m_date(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    sheet.ws.cell(row=r, column=c, value=rng.choice([dt.datetime(2014, 5, 1), dt.date(2016, 1, 2),
                                                     dt.time(12, 30), dt.datetime(1900, 1, 1, 1)]))
    _use(case, code)
    case.refuse("date", row=r)
    return True


def m_boolean(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    put(sheet.ws, r, c, rng.choice([True, False]))
    _use(case, code)
    case.refuse("boolean", row=r)
    return True


def m_error_value(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    put(sheet.ws, r, c, rng.choice(["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?"]))
    _use(case, code)
    case.refuse("error_value", row=r)
    return True


def m_num_gt_den(rng, wb, sheet, case):
    rows = _fraction_rows(sheet, case, breakdown=False)
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    den = rng.randint(1, 500)
    put(sheet.ws, r, sheet.col("Tử số"), den + rng.randint(1, 50))
    put(sheet.ws, r, sheet.col("Mẫu số"), den)
    _use(case, code)
    case.refuse("num_gt_den", row=r)
    return True


def m_half_fraction(rng, wb, sheet, case):
    rows = _fraction_rows(sheet, case)
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    put(sheet.ws, r, sheet.col(rng.choice(["Tử số", "Mẫu số"])), None)
    _use(case, code)
    case.refuse("half_fraction", row=r)
    return True


def m_zero_den(rng, wb, sheet, case):
    rows = _fraction_rows(sheet, case, breakdown=False)
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    put(sheet.ws, r, sheet.col("Tử số"), rng.randint(1, 9))
    put(sheet.ws, r, sheet.col("Mẫu số"), 0)
    _use(case, code)
    case.refuse("zero_den", row=r)
    return True


def m_breakdown_gt_total(rng, wb, sheet, case):
    rows = _fraction_rows(sheet, case, breakdown=True)
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    base = split_row_code(code)[0]
    total_row = sheet.rows.get(base)
    if total_row is None:
        return False
    ws = sheet.ws
    tn = ws.cell(row=total_row, column=sheet.col("Tử số")).value
    td = ws.cell(row=total_row, column=sheet.col("Mẫu số")).value
    if not isinstance(tn, int) or not isinstance(td, int):
        return False
    put(ws, r, sheet.col("Tử số"), tn + 1)
    put(ws, r, sheet.col("Mẫu số"), td + 1)
    _use(case, code)
    case.refuse("breakdown_gt_total", row=r)
    return True


def m_value_on_rate(rng, wb, sheet, case):
    rows = _fraction_rows(sheet, case)
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    put(sheet.ws, r, sheet.col("Giá trị"), rng.randint(0, 100))
    _use(case, code)
    case.refuse("value_on_rate", row=r)
    return True


def m_fraction_on_value(rng, wb, sheet, case):
    rows = _value_rows(sheet, case)
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    put(sheet.ws, r, sheet.col("Tử số"), rng.randint(0, 10))
    _use(case, code)
    case.refuse("fraction_on_value", row=r)
    return True


def m_flag_not_01(rng, wb, sheet, case):
    rows = _value_rows(sheet, case, kind="flag")
    if not rows:
        return False
    code, r, _ = rng.choice(rows)
    put(sheet.ws, r, sheet.col("Giá trị"), rng.choice([2, 5, 100, "đạt"]))
    _use(case, code)
    case.refuse("flag_not_01", row=r)
    return True


def m_unknown_code(rng, wb, sheet, case):
    rows = sheet.data_rows()
    code, r = rng.choice(rows)
    if split_row_code(code)[0] in case.used_indicators:
        return False
    new = rng.choice(["XMC_99", "xmc_15_60", "XMC_15_60.abc", "XMC_15_60.NU", "DROP TABLE units",
                      "XMC_15_60;--", "XMC 15 60", "PC_THCS.nu", "Ｘ", "A" * 300])
    put(sheet.ws, r, sheet.col("Mã"), new)
    _use(case, code)
    case.refuse("unknown_code", row=r)
    return True


def m_duplicate_row(rng, wb, sheet, case):
    rows = [(c, r) for c, r in sheet.data_rows() if split_row_code(c)[0] not in case.used_indicators]
    if not rows:
        return False
    code, r = rng.choice(rows)
    ws = sheet.ws
    target = ws.max_row + 1
    for c in range(1, 9):
        put(ws, target, c, ws.cell(row=r, column=c).value)
    _use(case, code)
    case.refuse("duplicate_row", row=target)
    return True


def m_missing_code(rng, wb, sheet, case):
    rows = [(c, r) for c, r in sheet.data_rows() if split_row_code(c)[0] not in case.used_indicators]
    if not rows:
        return False
    code, r = rng.choice(rows)
    ws = sheet.ws
    has_data = any(ws.cell(row=r, column=sheet.col(t)).value is not None for t in ("Tử số", "Mẫu số", "Giá trị"))
    put(ws, r, sheet.col("Mã"), None)
    _use(case, code)
    if has_data:
        case.refuse("missing_code", row=r)
    else:
        case.maybe()
    return True


def m_other_level_row(rng, wb, sheet, case):
    """A district-only indicator row added to a commune's sheet."""
    ws = sheet.ws
    target = ws.max_row + 1
    code = rng.choice(["CBTH_DAO_TAO_CHUAN", "CBTH_DAO_TAO_CHUAN.nu"]) if "CBTH_DAO_TAO_CHUAN" in by_code() else None
    if code is None:
        return False
    put(ws, target, sheet.col("Mã"), code)
    put(ws, target, sheet.col("Tử số"), 5)
    put(ws, target, sheet.col("Mẫu số"), 10)
    case.used_indicators.add("CBTH_DAO_TAO_CHUAN")
    case.refuse("other_level_row", row=target)
    return True


def m_yearly_into_half(rng, wb, sheet, case):
    """A yearly sheet relabelled as a half-year: its yearly-only rows are at fault."""
    p = parse_period(case.period)
    if not p.is_year:
        return False
    if any(m.startswith("period") for m in case.mutations):
        return False
    new = f"{p.year}-H{rng.choice([1, 2])}"
    sheet.ws["B3"] = new
    case.target_period = new
    _clc_rows_outside(wb, case, new)
    cat = by_code()
    ws = sheet.ws
    for code, r in sheet.data_rows():
        ind = cat.get(split_row_code(code)[0])
        if ind is None or ind.periodicity != "nam":
            continue
        has_data = any(ws.cell(row=r, column=sheet.col(t)).value is not None for t in ("Tử số", "Mẫu số", "Giá trị"))
        if has_data and ind.code not in case.used_indicators:
            case.refuse("yearly_into_half", row=r)
    case.mutations.append("period:" + new)
    return True


# -- mutations that keep the file importable ---------------------------------------------------------

def m_blank_rows(rng, wb, sheet, case):
    ws = sheet.ws
    at = rng.randint(sheet.header + 1, ws.max_row)
    ws.insert_rows(at, amount=rng.randint(1, 5))
    sheet.refresh()
    _shift_fault_rows(case, at, +1 * 0)  # insert happens before any fault is recorded (see ORDER)
    return True


def m_clear_row(rng, wb, sheet, case):
    rows = [(c, r) for c, r in sheet.data_rows() if split_row_code(c)[0] not in case.used_indicators]
    if not rows:
        return False
    code, r = rng.choice(rows)
    base = split_row_code(code)[0]
    # Clear the indicator with its breakdowns, so validation sees no orphan breakdown.
    for c2, r2 in sheet.data_rows():
        if split_row_code(c2)[0] == base:
            for t in ("Tử số", "Mẫu số", "Giá trị", "Ghi chú"):
                if t in sheet.cols:
                    put(sheet.ws, r2, sheet.col(t), None)
    _use(case, code)
    case.maybe()  # the stored breakdowns may now exceed... nothing; but keep the oracle generic
    return True


def m_thousands_text(rng, wb, sheet, case):
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    v = sheet.ws.cell(row=r, column=c).value
    if not isinstance(v, int):
        return False
    text = f"{v:,}".replace(",", rng.choice([".", " ", "\u00a0"]))
    full_width = str(v).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    put(sheet.ws, r, c, rng.choice([text, f" {v} ", str(v), float(v), full_width]))
    return True


def m_swap_columns(rng, wb, sheet, case):
    ws = sheet.ws
    a, b = rng.sample(["Tử số", "Mẫu số", "Giá trị", "Ghi chú"], 2)
    ca, cb = sheet.col(a), sheet.col(b)
    for r in range(sheet.header, ws.max_row + 1):
        va, vb = ws.cell(row=r, column=ca).value, ws.cell(row=r, column=cb).value
        put(ws, r, ca, vb)
        put(ws, r, cb, va)
    sheet.refresh()
    return True


def m_extra_sheets(rng, wb, sheet, case):
    for i in range(rng.randint(1, 3)):
        ws = wb.create_sheet(rng.choice(["Sheet", "Ghi chú", "HoatDong", "ChiTieu (2)", "chitieu"]) + str(i),
                             index=rng.randint(0, len(wb.sheetnames)))
        ws["A1"] = "Mã đơn vị"
        ws["B1"] = "99999"
    return True


def m_comment_text(rng, wb, sheet, case):
    rows = [(c, r) for c, r in sheet.data_rows() if split_row_code(c)[0] not in case.used_indicators]
    if not rows or "Ghi chú" not in sheet.cols:
        return False
    code, r = rng.choice(rows)
    text = rng.choice(["Theo điều tra phổ cập", "Xa\u0303 Đắk Pék (NFD)", "'; DROP TABLE history; --",
                       "<script>alert(1)</script>", "ghi chú " * 500, "=cmd|' /C calc'!A0", "😀 học tập", "\t x \t"])
    put(sheet.ws, r, sheet.col("Ghi chú"), text)
    return True


def m_control_comment(rng, wb, sheet, case):
    """DEL and C1 controls survive in a workbook (the XML allows them); the comment is refused with its row."""
    rows = [(c, r) for c, r in sheet.data_rows() if split_row_code(c)[0] not in case.used_indicators]
    if not rows or "Ghi chú" not in sheet.cols:
        return False
    code, r = rng.choice(rows)
    _use(case, code)
    put(sheet.ws, r, sheet.col("Ghi chú"), rng.choice(["ghi\x7fchú", "Theo\x85điều tra", "\x9b31m đỏ"]))
    case.refuse("control_comment", row=r)
    return True


def m_merge_name_cells(rng, wb, sheet, case):
    ws = sheet.ws
    r = rng.randint(sheet.header + 1, max(sheet.header + 1, ws.max_row - 3))
    ws.merge_cells(start_row=r, start_column=2, end_row=r + rng.randint(1, 3), end_column=2)
    return True


def m_merge_data_cells(rng, wb, sheet, case):
    ws = sheet.ws
    cells = _number_cells(sheet, case)
    if not cells:
        return False
    code, r, c = rng.choice(cells)
    if r + 1 > ws.max_row:
        return False
    # The cell below loses its value: the row under it may now be half-filled.
    ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
    below = ws.cell(row=r + 1, column=sheet.col("Mã")).value
    _use(case, code)
    if isinstance(below, str):
        _use(case, below)
    case.maybe()
    return True


def m_hidden_and_styled(rng, wb, sheet, case):
    ws = sheet.ws
    for _ in range(3):
        r = rng.randint(sheet.header + 1, ws.max_row)
        ws.row_dimensions[r].hidden = True
    ws.protection.sheet = True
    ws.sheet_properties.tabColor = "FF0000"
    return True


def m_unit_as_number(rng, wb, sheet, case):
    sheet.ws["B2"] = int(DEMO_COMMUNE)
    sheet.ws["B3"] = int(case.target_period) if (case.target_period or case.period).isdigit() else sheet.ws["B3"].value
    return True


def m_other_valid_period(rng, wb, sheet, case):
    if any(m.startswith("period") for m in case.mutations):
        return False
    p = parse_period(case.period)
    # Within the same programme (plan 2780 ends with 2020): from 2021 the catalogue is another one.
    year = min(p.year + rng.randint(1, 4), 2020)
    new = str(year) if p.is_year else f"{year}-H{p.half}"
    sheet.ws["B3"] = new
    case.target_period = new
    _clc_rows_outside(wb, case, new)
    case.mutations.append("period:" + new)
    return True


def _clc_rows_outside(wb, case: Case, period_code: str) -> None:
    """After the file's period changed: its log rows dated outside the new period are at fault."""
    if CLC_SHEET not in wb.sheetnames:
        return
    p = parse_period(period_code)
    cs = ClcSheet(wb[CLC_SHEET])
    for r in cs.filled_rows():
        d = cs.ws.cell(row=r, column=cs.cols["Ngày"]).value
        if isinstance(d, dt.datetime):
            d = d.date()
        if isinstance(d, dt.date) and not p.start <= d <= p.end:
            case.refuse("clc_outside_new_period", row=r)


# -- whole-file faults inside a valid workbook -------------------------------------------------------

def m_wrong_unit(rng, wb, sheet, case):
    sheet.ws["B2"] = rng.choice(["23350", "23356", "99999", "62", "610", "' OR 1=1 --", "２３３５３"])
    case.refuse("wrong_unit", file_level=True)
    return True


def m_bad_period(rng, wb, sheet, case):
    if any(m.startswith("period") for m in case.mutations):
        return False
    sheet.ws["B3"] = rng.choice(["2014-H3", "2031", "2012", "H1-2014", "abc", "2014/06", 2031,
                                 dt.datetime(2014, 6, 30), "2014-h1 ", "2013-H1"])
    case.refuse("bad_period", file_level=True)
    case.mutations.append("period:bad")
    return True


def m_missing_labels(rng, wb, sheet, case):
    which = rng.choice(["A2", "A3", "both", "value"])
    ws = sheet.ws
    if which in ("A2", "both"):
        ws["A2"] = None
    if which in ("A3", "both"):
        ws["A3"] = None
    if which == "value":
        ws[rng.choice(["B2", "B3"])] = None
    case.refuse("missing_labels", file_level=True)
    return True


def m_rename_sheet(rng, wb, sheet, case):
    sheet.ws.title = rng.choice(["Sheet1", "chitieu", "Chi Tieu", "ChiTieu ", "ChiTiêu"])
    case.refuse("rename_sheet", file_level=True)
    return True


def m_delete_sheet(rng, wb, sheet, case):
    wb.create_sheet("Sheet1")
    del wb[xlsx_entry.SHEET]
    case.refuse("delete_sheet", file_level=True)
    return True


def m_break_header(rng, wb, sheet, case):
    ws = sheet.ws
    title = rng.choice(HEADER_ROW_TITLES)
    put(ws, sheet.header, sheet.col(title), rng.choice([None, title + " ", title.upper(), "X"]))
    # "Tử số " still reads as the title (strip); anything else breaks the header.
    new = ws.cell(row=sheet.header, column=sheet.col(title)).value
    if isinstance(new, str) and new.strip() == title:
        return True
    case.refuse("break_header", file_level=True)
    return True


def m_too_many_rows(rng, wb, sheet, case):
    ws = sheet.ws
    start = ws.max_row + 1
    for r in range(start, start + xlsx_entry.MAX_ROWS + rng.randint(1, 300)):
        put(ws, r, 2, "x")
    case.refuse("too_many_rows", file_level=True)
    return True


# -- the activity-log sheet (TTHTCD), when the CLC feature is present ----------------------------------

CLC_SHEET = "TTHTCD"


class ClcSheet:
    """Where things are on the activity-log sheet: its header's columns and its filled rows."""

    def __init__(self, ws):
        self.ws = ws
        self.header, self.cols = None, {}
        for r in range(1, 31):
            titles = {v.strip(): c for c in range(1, 25)
                      if isinstance(v := ws.cell(row=r, column=c).value, str) and v.strip()}
            if "Ngày" in titles and "Lượt người học" in titles:
                self.header, self.cols = r, titles
                break

    def filled_rows(self) -> list[int]:
        if not self.header:
            return []
        c = self.cols["Tên hoạt động"]
        return [r for r in range(self.header + 1, self.ws.max_row + 1) if self.ws.cell(row=r, column=c).value]


def _clc(wb, case):
    if CLC_SHEET not in wb.sheetnames:
        return None, None
    cs = ClcSheet(wb[CLC_SHEET])
    rows = [r for r in cs.filled_rows() if r not in case.fault_rows]
    if not rows:
        return None, None
    return cs, rows


def _clc_fault(rng, wb, case, title: str, values, name: str) -> bool:
    cs, rows = _clc(wb, case)
    if cs is None or title not in cs.cols:
        return False
    r = rng.choice(rows)
    put(cs.ws, r, cs.cols[title], rng.choice(values) if isinstance(values, list) else values(cs, r))
    case.refuse(name, row=r)
    return True


def m_clc_text_in_count(rng, wb, sheet, case):
    return _clc_fault(rng, wb, case, rng.choice(["Số buổi", "Lượt người học", "Nữ", "DTTS", "Kinh phí (đồng)"]),
                      ["nhiều", "12a", "1,5", "#N/A", True, 3.5, "=1+1"], "clc_text_in_count")


def m_clc_negative_or_huge(rng, wb, sheet, case):
    return _clc_fault(rng, wb, case, rng.choice(["Số buổi", "Lượt người học"]),
                      [-1, -30, 10**6, 10**12, 2**63], "clc_negative_or_huge")


def m_clc_part_gt_visits(rng, wb, sheet, case):
    return _clc_fault(rng, wb, case, rng.choice(["Nữ", "DTTS", "Lao động nông thôn", "Số người (không trùng)"]),
                      lambda cs, r: (cs.ws.cell(row=r, column=cs.cols["Lượt người học"]).value or 0) + 1,
                      "clc_part_gt_visits")


def m_clc_bad_date(rng, wb, sheet, case):
    return _clc_fault(rng, wb, case, "Ngày",
                      ["31/02/2016", "hôm qua", "2016-13-01", 42000, "1/1/1990", dt.date(2099, 1, 1),
                       dt.date(2012, 5, 5), "00/00/0000"], "clc_bad_date")


def m_clc_out_of_period(rng, wb, sheet, case):
    p = parse_period(case.target_period or case.period)
    return _clc_fault(rng, wb, case, "Ngày", [p.start - dt.timedelta(days=1), p.end + dt.timedelta(days=3),
                                              (p.end + dt.timedelta(days=40)).strftime("%d/%m/%Y")],
                      "clc_out_of_period")


def m_clc_unknown_choice(rng, wb, sheet, case):
    title = rng.choice(["Nhóm chuyên đề", "Hình thức"])
    return _clc_fault(rng, wb, case, title, ["Bóng đá", "xyz", "'; DROP TABLE clc_activities; --", 7],
                      "clc_unknown_choice")


def m_clc_missing_required(rng, wb, sheet, case):
    cs, rows = _clc(wb, case)
    if cs is None:
        return False
    r = rng.choice(rows)
    put(cs.ws, r, cs.cols[rng.choice(["Ngày", "Nhóm chuyên đề", "Hình thức", "Số buổi", "Lượt người học"])], None)
    case.refuse("clc_missing_required", row=r)
    return True


def m_clc_long_text(rng, wb, sheet, case):
    return _clc_fault(rng, wb, case, "Tên hoạt động", ["x" * 301, "Lớp học " * 60], "clc_long_text")


def m_clc_control_text(rng, wb, sheet, case):
    title = rng.choice(["Tên hoạt động", "Đơn vị phối hợp", "Ghi chú", "Địa điểm", "Nguồn kinh phí"])
    return _clc_fault(rng, wb, case, title, ["Lớp\x7fhọc", "Hội\x85Phụ nữ", "\x9b[2J xóa màn hình"],
                      "clc_control_text")


def m_clc_bad_record_id(rng, wb, sheet, case):
    return _clc_fault(rng, wb, case, "Mã hoạt động", ["not-a-uuid", "123", "' OR 1=1"], "clc_bad_record_id")


def m_clc_duplicate_row(rng, wb, sheet, case):
    cs, rows = _clc(wb, case)
    if cs is None:
        return False
    r = rng.choice(rows)
    target = max(cs.filled_rows()) + 1
    for c in range(1, 25):
        put(cs.ws, target, c, cs.ws.cell(row=r, column=c).value)
    case.refuse("clc_duplicate_row", row=target)
    return True


def m_clc_drop_sheet(rng, wb, sheet, case):
    """The log sheet is optional: a workbook without it still imports its figures."""
    if CLC_SHEET not in wb.sheetnames or any(m.startswith("clc_") for m in case.mutations):
        return False
    del wb[CLC_SHEET]
    return True


def m_clc_break_header(rng, wb, sheet, case):
    cs, rows = _clc(wb, case)
    if cs is None:
        return False
    put(cs.ws, cs.header, cs.cols[rng.choice(["Ngày", "Tên hoạt động", "Lượt người học"])], "?")
    case.refuse("clc_break_header", file_level=True)
    return True


CELL_MUTATIONS = {
    # name: (weight, function)
    "text_in_number": (10, m_text_in_number),
    "negative": (8, m_negative),
    "huge": (6, m_huge),
    "fraction": (6, m_fraction),
    "formula": (6, m_formula),
    "date": (5, m_date),
    "boolean": (3, m_boolean),
    "error_value": (3, m_error_value),
    "num_gt_den": (6, m_num_gt_den),
    "half_fraction": (5, m_half_fraction),
    "zero_den": (3, m_zero_den),
    "breakdown_gt_total": (5, m_breakdown_gt_total),
    "value_on_rate": (3, m_value_on_rate),
    "fraction_on_value": (3, m_fraction_on_value),
    "flag_not_01": (4, m_flag_not_01),
    "unknown_code": (5, m_unknown_code),
    "duplicate_row": (4, m_duplicate_row),
    "missing_code": (3, m_missing_code),
    "other_level_row": (3, m_other_level_row),
    "yearly_into_half": (3, m_yearly_into_half),
    "blank_rows": (5, m_blank_rows),
    "clear_row": (5, m_clear_row),
    "thousands_text": (6, m_thousands_text),
    "swap_columns": (4, m_swap_columns),
    "extra_sheets": (3, m_extra_sheets),
    "comment_text": (4, m_comment_text),
    "control_comment": (2, m_control_comment),
    "merge_name_cells": (3, m_merge_name_cells),
    "merge_data_cells": (3, m_merge_data_cells),
    "hidden_and_styled": (2, m_hidden_and_styled),
    "unit_as_number": (2, m_unit_as_number),
    "other_valid_period": (4, m_other_valid_period),
    "wrong_unit": (4, m_wrong_unit),
    "bad_period": (4, m_bad_period),
    "missing_labels": (3, m_missing_labels),
    "rename_sheet": (2, m_rename_sheet),
    "delete_sheet": (2, m_delete_sheet),
    "break_header": (3, m_break_header),
    "too_many_rows": (1, m_too_many_rows),
    "clc_text_in_count": (4, m_clc_text_in_count),
    "clc_negative_or_huge": (3, m_clc_negative_or_huge),
    "clc_part_gt_visits": (3, m_clc_part_gt_visits),
    "clc_bad_date": (3, m_clc_bad_date),
    "clc_out_of_period": (3, m_clc_out_of_period),
    "clc_unknown_choice": (2, m_clc_unknown_choice),
    "clc_missing_required": (2, m_clc_missing_required),
    "clc_long_text": (1, m_clc_long_text),
    "clc_bad_record_id": (1, m_clc_bad_record_id),
    "clc_control_text": (2, m_clc_control_text),
    "clc_duplicate_row": (2, m_clc_duplicate_row),
    "clc_drop_sheet": (2, m_clc_drop_sheet),
    "clc_break_header": (1, m_clc_break_header),
}
# Mutations after which the file must still import (1 in 5 workbooks gets only these).
NEUTRAL = ["blank_rows", "clear_row", "thousands_text", "swap_columns", "extra_sheets", "comment_text",
           "merge_name_cells", "hidden_and_styled", "unit_as_number", "other_valid_period", "clc_drop_sheet"]
# Mutations that move rows run first, so that rows recorded as faulty afterwards stay where they are.
FIRST = ("clc_drop_sheet", "blank_rows", "swap_columns", "extra_sheets")
# Merges run last: a merged cell cannot be written to afterwards.
LAST = ("merge_name_cells", "merge_data_cells")


def _shift_fault_rows(case: Case, at: int, amount: int) -> None:
    if amount:
        case.fault_rows = {r + amount if r >= at else r for r in case.fault_rows}


# ---- byte-level mutations (on the saved file) --------------------------------------------------------

def b_random_bytes(rng, data: bytes, other: bytes) -> bytes:
    return rng.randbytes(rng.choice([0, 1, 4, 100, 4096, rng.randint(1, 200_000)]))


def b_truncate(rng, data, other):
    return data[: rng.randint(0, len(data) - 1)]


def b_flip_bits(rng, data, other):
    buf = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 8, 64])):
        i = rng.randrange(len(buf))
        buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf)


def b_splice(rng, data, other):
    a, b = rng.randint(0, len(data)), rng.randint(0, len(other))
    return data[:a] + other[b:]


def b_overwrite_block(rng, data, other):
    buf = bytearray(data)
    i = rng.randrange(len(buf))
    n = rng.randint(1, 512)
    buf[i:i + n] = rng.randbytes(n)
    return bytes(buf)


def b_not_a_workbook(rng, data, other):
    return rng.choice([
        "Mã,Tử số,Mẫu số\nXMC_15_60,1,2\n".encode(),
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),  # an old .xls / encrypted OOXML container
        "<html><body>Biểu nhập</body></html>".encode(),
        _zip_with({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
        _zip_with({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}),
        _zip_with({}),
        b"PK\x05\x06" + bytes(18),  # an empty zip
    ])


def b_zip_bomb(rng, data, other):
    """The real workbook with its sheet replaced by a huge, highly compressible one."""
    size = rng.choice([210, 400]) * 1024 * 1024
    return _replace_member(data, "xl/worksheets/sheet1.xml", _big_sheet_xml(size))


def b_xml_bomb(rng, data, other):
    """Billion laughs in the shared strings (entity expansion)."""
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                        for i in range(1, 10))
              + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              '<si><t>&lol9;</t></si></sst>')
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        target = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in zf.namelist() else "xl/workbook.xml"
    return _replace_member(data, target, laughs.encode())


def b_lying_sizes(rng, data, other):
    """A member whose central-directory size claims to be tiny while it inflates to much more."""
    big = _big_sheet_xml(50 * 1024 * 1024)
    out = _replace_member(data, "xl/worksheets/sheet1.xml", big)
    # Patch the declared uncompressed size (central directory and local header) to 1000 bytes.
    buf = bytearray(out)
    name = b"xl/worksheets/sheet1.xml"
    i = 0
    while True:
        i = buf.find(name, i + 1)
        if i < 0:
            break
        if buf[i - 46:i - 42] == b"PK\x01\x02":
            buf[i - 46 + 24:i - 46 + 28] = (1000).to_bytes(4, "little")
        elif buf[i - 30:i - 26] == b"PK\x03\x04":
            buf[i - 30 + 22:i - 30 + 26] = (1000).to_bytes(4, "little")
    return bytes(buf)


def _zip_with(members: dict[str, bytes]) -> bytes:
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return bio.getvalue()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    bio = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info.filename))
    return bio.getvalue()


def _big_sheet_xml(size: int) -> bytes:
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    tail = b"</sheetData></worksheet>"
    return head + b" " * (size - len(head) - len(tail)) + tail


BYTE_MUTATIONS = {
    "random_bytes": (4, b_random_bytes),
    "truncate": (6, b_truncate),
    "flip_bits": (8, b_flip_bits),
    "splice": (3, b_splice),
    "overwrite_block": (3, b_overwrite_block),
    "not_a_workbook": (3, b_not_a_workbook),
    "zip_bomb": (1, b_zip_bomb),
    "xml_bomb": (1, b_xml_bomb),
    "lying_sizes": (1, b_lying_sizes),
}
# Damaged bytes that may still decode (a flipped bit in a timestamp): the import may then accept,
# and the oracle checks what it stored. The others must be refused.
BYTE_MAYBE = {"flip_bits", "splice", "overwrite_block", "truncate"}


# ---- the oracle: an independent reading of what a file says -------------------------------------------

def oracle_read(path: Path) -> tuple[str | None, str | None, dict[str, tuple]] | None:
    """(unit code, period, {row code: (num, den, value, comment)}) as a careful person would read
    the file, or None when it cannot be read. Only what is unambiguous is returned."""
    try:
        wb = load_workbook(path)
    except Exception:
        return None
    if xlsx_entry.SHEET not in wb.sheetnames:
        return None
    sheet = Sheet(wb[xlsx_entry.SHEET])
    if not sheet.header:
        return None
    ws = sheet.ws

    def text(v):
        if v is None:
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return str(v).strip()

    unit = text(ws["B2"].value)
    period = text(ws["B3"].value)
    out: dict[str, tuple] = {}
    for code, r in sheet.data_rows():
        vals = []
        for t in ("Tử số", "Mẫu số", "Giá trị"):
            raw = ws.cell(row=r, column=sheet.col(t)).value
            p = parse_whole_number(raw)
            vals.append(p.value if not p.error else ("?", raw))
        comment = text(ws.cell(row=r, column=sheet.col("Ghi chú")).value) if "Ghi chú" in sheet.cols else ""
        out[code] = (*vals, comment or "")
    return unit, period, out


# ---- building and running cases ----------------------------------------------------------------------

class Harness:
    def __init__(self, workdir: Path, seed: int = 1):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.db_path = self.workdir / "xa.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        self.db, self.inst = make_commune_db(self.db_path, sample_until=2017)
        self.seed = seed
        self.templates: dict[str, bytes] = {}
        for period in PERIODS:
            self.templates[period] = self._filled_template(period)

    def _filled_template(self, period: str) -> bytes:
        """A real template for the period, filled with figures that differ from what is stored."""
        out = self.workdir / f"template_{period}.xlsx"
        xlsx_entry.write_template(self.db, self.inst.unit, period, out, prefill=False)
        wb = load_workbook(out)
        sheet = Sheet(wb[xlsx_entry.SHEET])
        entries = {row_code(e.indicator, e.breakdown): e
                   for e in sample_entries(DEMO_COMMUNE + "-hostile", "xa", parse_period(period))}
        for code, r in sheet.data_rows():
            e = entries.get(code)
            if e is None:
                continue
            if e.numerator is not None:
                put(sheet.ws, r, sheet.col("Tử số"), e.numerator)
                put(sheet.ws, r, sheet.col("Mẫu số"), e.denominator)
            else:
                put(sheet.ws, r, sheet.col("Giá trị"), e.value)
        if CLC_SHEET in wb.sheetnames:
            from xhht_desktop.clc.domain import CATEGORY_LABELS_VI, FORMAT_LABELS_VI

            from bench.synth import sample_activities
            cs = ClcSheet(wb[CLC_SHEET])
            labels = {"category": CATEGORY_LABELS_VI, "format": FORMAT_LABELS_VI}
            fields = {"Ngày": "date", "Tên hoạt động": "title", "Nhóm chuyên đề": "category", "Hình thức": "format",
                      "Số buổi": "sessions", "Lượt người học": "visits", "Nữ": "women", "DTTS": "ethnic_minority",
                      "Lao động nông thôn": "rural_workers", "Số người (không trùng)": "learners",
                      "Đơn vị phối hợp": "partner", "Kinh phí (đồng)": "cost", "Nguồn kinh phí": "funding"}
            for i, a in enumerate(sample_activities(DEMO_COMMUNE + "-hostile", parse_period(period), count=8)):
                for title, name in fields.items():
                    v = a[name]
                    put(cs.ws, cs.header + 1 + i, cs.cols[title], labels[name][v] if name in labels else v)
        wb.save(out)
        return out.read_bytes()

    def build(self, index: int) -> tuple[Case, bytes]:
        rng = random.Random(f"{self.seed}:{index}")
        period = rng.choice(PERIODS)
        case = Case(case_id=f"{self.seed}:{index}", period=period, target_period=period)
        data = self.templates[period]
        if rng.random() < 0.22:
            name = rng.choices(list(BYTE_MUTATIONS), weights=[w for w, _ in BYTE_MUTATIONS.values()])[0]
            other = self.templates[rng.choice(PERIODS)]
            data = BYTE_MUTATIONS[name][1](rng, data, other)
            case.mutations.append("bytes:" + name)
            if name in BYTE_MAYBE:
                case.expect = "either"
            else:
                case.refuse(name, file_level=True)
            return case, data
        wb = load_workbook(io.BytesIO(data))
        sheet = Sheet(wb[xlsx_entry.SHEET])
        pool = NEUTRAL if rng.random() < 0.2 else list(CELL_MUTATIONS)
        names = rng.choices(pool, weights=[CELL_MUTATIONS[n][0] for n in pool], k=rng.choice([1, 1, 2, 2, 3]))
        names = sorted(set(names), key=lambda n: (0 if n in FIRST else 2 if n in LAST else 1, names.index(n)))
        for name in names:
            if CELL_MUTATIONS[name][1](rng, wb, sheet, case):
                case.mutations.append(name)
        bio = io.BytesIO()
        wb.save(bio)
        return case, bio.getvalue()

    def run_case(self, case: Case, data: bytes) -> list[str]:
        """Import one hostile file; return the list of broken promises (empty = fine)."""
        path = self.workdir / f"case_{case.case_id.replace(':', '_')}.xlsx"
        path.write_bytes(data)
        before = db_fingerprint(self.db.conn)
        failures: list[str] = []
        start = time.perf_counter()
        try:
            result = xlsx_entry.import_workbook(self.db, self.inst.unit, path, actor="hostile", origin="bench",
                                                extra_importers=extra_xlsx_importers())
        except Exception:
            failures.append("uncaught exception:\n" + traceback.format_exc())
            result = None
        elapsed = time.perf_counter() - start
        case_seconds.append(elapsed)
        after = db_fingerprint(self.db.conn)
        if self.db.conn.in_transaction:
            failures.append("a transaction was left open after the import")
        if result is not None:
            if result.applied:
                failures += self._check_applied(case, path, result)
                outcomes["accepted"] += 1
            else:
                outcomes["refused"] += 1
                if before != after:
                    failures.append("refused, but the database changed (half-imported)")
                if not result.problems:
                    failures.append("refused without a reason")
                for p in result.problems:
                    if not p.message or not p.text().strip():
                        failures.append("a problem with an empty message")
                if case.expect == "accept":
                    failures.append("a valid file was refused: " + xlsx_entry.problems_text(result)[:500])
                if case.fault_rows and not case.file_fault:
                    named = {p.row for p in result.problems}
                    missing = sorted(case.fault_rows - named)
                    if missing:
                        failures.append(f"rows at fault not named: {missing}; problems: "
                                        + xlsx_entry.problems_text(result)[:500])
                if result.problems and all(p.row is None for p in result.problems) and case.fault_rows \
                        and not case.file_fault:
                    failures.append("refused without naming a row although rows are at fault")
        if elapsed > 10:
            failures.append(f"took {elapsed:.1f} s")
        path.unlink(missing_ok=True)
        return failures

    def _check_applied(self, case: Case, path: Path, result) -> list[str]:
        failures = []
        if case.expect == "refuse":
            failures.append("accepted a file that must be refused")
        oracle = oracle_read(path)
        if oracle is None:
            failures.append("accepted a file that cannot be read back")
            return failures
        unit, period, rows = oracle
        if unit != self.inst.unit.code:
            failures.append(f"accepted a file for unit {unit!r}")
        try:
            period = parse_period(period).code
        except Exception:
            failures.append(f"accepted a file with period {period!r}")
            return failures
        stored = values_repo.load_entries(self.db, self.inst.unit.id, period)
        for code, (num, den, val, comment) in rows.items():
            if any(isinstance(v, tuple) for v in (num, den, val)):
                failures.append(f"accepted although {code} holds something that is not a whole number")
                continue
            if num is None and den is None and val is None and not comment:
                continue  # blank = not reported: stored figures stay as they were
            base, bd = split_row_code(code)
            e = stored.get((base, bd))
            got = None if e is None else (e.numerator, e.denominator, e.value, e.comment)
            if got != (num, den, val, comment):
                failures.append(f"{code}: file says {(num, den, val, comment)!r}, database has {got!r}")
        failures += self._check_clc_applied(path)
        return failures

    def _check_clc_applied(self, path: Path) -> list[str]:
        """Every activity row of an accepted file is in the log (same day and title)."""
        try:
            wb = load_workbook(path)
        except Exception:
            return []
        if CLC_SHEET not in wb.sheetnames:
            return []
        from xhht_desktop.domain.text import fold
        cs = ClcSheet(wb[CLC_SHEET])
        if not cs.header:
            return []
        stored = {(d, fold(t)) for d, t in self.db.conn.execute(
            "SELECT date, title FROM clc_activities WHERE unit_id=? AND deleted=0", (self.inst.unit.id,))}
        failures = []
        for r in cs.filled_rows():
            d = cs.ws.cell(row=r, column=cs.cols["Ngày"]).value
            t = cs.ws.cell(row=r, column=cs.cols["Tên hoạt động"]).value
            if isinstance(d, dt.datetime):
                d = d.date()
            if isinstance(d, dt.date) and (d.isoformat(), fold(str(t))) not in stored:
                failures.append(f"TTHTCD row {r} ({d}, {t!r}) accepted but not in the log")
        return failures


# ---- bombs, measured one by one in a child process ------------------------------------------------------

PROBE_LIMIT_S = 30.0
PROBE_LIMIT_MB = 1024.0


def _probe_child(path: str, db_path: str) -> None:
    """Run in a child: import one file, print seconds and whether it was refused."""
    from xhht_desktop.installation import get_installation, open_app_database
    db = open_app_database(db_path)
    inst = get_installation(db)
    t = time.perf_counter()
    result = xlsx_entry.import_workbook(db, inst.unit, path, actor="probe", origin="bench",
                                        extra_importers=extra_xlsx_importers())
    print(json.dumps({"seconds": time.perf_counter() - t, "applied": result.applied,
                      "rss_mb": vm_hwm_mb(),
                      "message": xlsx_entry.problems_text(result)[:160]}))


def dense_sheet_xml(size: int) -> bytes:
    """A sheet packed with numeric cells up to `size` bytes: the costliest XML to load per byte."""
    parts = [b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData>']
    total, r = len(parts[0]), 1
    while total < size - 200:
        row = (f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>").encode()
        parts.append(row)
        total += len(row)
        r += 1
    parts.append(b"</sheetData></worksheet>")
    return b"".join(parts)


def probe_bombs(workdir: Path) -> list[dict]:
    """Each bomb imported in a fresh child process: its time and peak memory, against the limits."""
    import subprocess
    h = Harness(workdir, 1)
    h.db.conn.close()
    base = h.templates["2016"]
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        others = sum(i.file_size for i in zf.infolist() if i.filename != "xl/worksheets/sheet1.xml")
    limit = xlsx_entry.MAX_UNCOMPRESSED_BYTES - others  # what sheet1 may inflate to and still pass
    bombs = {
        "dense cells just under the inflate limit": _replace_member(
            base, "xl/worksheets/sheet1.xml", dense_sheet_xml(limit - 64 * 1024)),
        "whitespace over the inflate limit": _replace_member(
            base, "xl/worksheets/sheet1.xml", _big_sheet_xml(limit + 1024 * 1024)),
        "empty rows just under the inflate limit": _replace_member(
            base, "xl/worksheets/sheet1.xml",
            b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>"
            + b"".join(f'<row r="{i}"/>'.encode() for i in range(1, (limit - 1000) // 18))
            + b"</sheetData></worksheet>"),
        "billion laughs in shared strings": b_xml_bomb(random.Random(0), base, base),
        "declared sizes lie (50 MB inflates, 1 KB declared)": b_lying_sizes(random.Random(0), base, base),
    }
    out = []
    for name, data in bombs.items():
        path = workdir / "bomb.xlsx"
        path.write_bytes(data)
        code = ("import sys; sys.path.insert(0, %r); from bench.hostile_workbooks import _probe_child; "
                "_probe_child(%r, %r)" % (str(Path(__file__).resolve().parent.parent), str(path), str(h.db_path)))
        t = time.perf_counter()
        try:
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
            info = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else \
                {"error": proc.stderr[-400:]}
        except subprocess.TimeoutExpired:
            info = {"error": "timeout 600 s"}
        info.update(name=name, file_kb=len(data) // 1024, wall_s=round(time.perf_counter() - t, 1))
        info["ok"] = ("error" not in info and not info["applied"] and info["seconds"] <= PROBE_LIMIT_S
                      and info["rss_mb"] <= PROBE_LIMIT_MB)
        out.append(info)
    return out


case_seconds: list[float] = []
outcomes: Counter = Counter()


def run(n: int, seed: int, workdir: Path, *, only: str | None = None, verbose: bool = False) -> dict:
    case_seconds.clear()
    outcomes.clear()
    h = Harness(workdir, seed)
    start_fp = db_fingerprint(h.db.conn)
    failures: dict[str, list[str]] = {}
    by_mutation: Counter = Counter()
    t0 = time.perf_counter()
    indices = [int(only.split(":")[1])] if only else range(n)
    for i in indices:
        case, data = h.build(i)
        for m in case.mutations:
            by_mutation[m.split(":")[0] if m.startswith("period") else m] += 1
        problems = h.run_case(case, data)
        if problems:
            failures[case.case_id] = [f"mutations={case.mutations} expect={case.expect} "
                                      f"fault_rows={sorted(case.fault_rows)}", *problems]
            if verbose:
                print(case.case_id, failures[case.case_id], file=sys.stderr)
    total = time.perf_counter() - t0
    integrity = h.db.conn.execute("PRAGMA integrity_check").fetchone()[0]
    h.db.conn.close()
    return {
        "cases": len(indices),
        "seed": seed,
        "accepted": outcomes["accepted"],
        "refused": outcomes["refused"],
        "failures": failures,
        "by_mutation": dict(sorted(by_mutation.items())),
        "seconds": round(total, 1),
        "slowest_case_s": round(max(case_seconds, default=0), 2),
        "integrity": integrity,
        "start_fingerprint": start_fp[:12],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="number of hostile workbooks (default 2000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--case", help="replay one case, e.g. 1:123")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--json", type=Path, help="write the summary as JSON here")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--bombs", action="store_true", help="also import each bomb in a child process and "
                                                          "report its time and peak memory")
    args = ap.parse_args(argv)
    if args.bombs:
        with tempfile.TemporaryDirectory(prefix="xhht-bombs-") as tmp:
            probes = probe_bombs(Path(tmp))
        print(format_table(["bomb", "file KB", "import s", "peak RSS MB", "refused", "within limits"],
                           [[p["name"], p["file_kb"], round(p.get("seconds", -1), 2), round(p.get("rss_mb", -1)),
                             not p.get("applied", True), p["ok"]] for p in probes]))
        for p in probes:
            if "error" in p:
                print(p["name"], p["error"])
        print()
    seed = int(args.case.split(":")[0]) if args.case else args.seed
    with tempfile.TemporaryDirectory(prefix="xhht-hostile-xlsx-") as tmp:
        summary = run(args.n, seed, args.workdir or Path(tmp), only=args.case, verbose=args.verbose)
    rows = [[k, v] for k, v in summary["by_mutation"].items()]
    print(format_table(["mutation", "workbooks"], rows))
    print()
    print(f"{summary['cases']} workbooks (seed {seed}): {summary['accepted']} imported whole, "
          f"{summary['refused']} refused; {len(summary['failures'])} broken promises; "
          f"{summary['seconds']} s, slowest {summary['slowest_case_s']} s; integrity_check {summary['integrity']}")
    for cid, probs in list(summary["failures"].items())[:30]:
        print(f"\nFAIL {cid}: " + "\n    ".join(probs))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    bad_probes = args.bombs and not all(p["ok"] for p in probes)
    return 1 if summary["failures"] or bad_probes else 0


if __name__ == "__main__":
    sys.exit(main())
