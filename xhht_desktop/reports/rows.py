"""Queries → plain rows for every report. Layout modules (PDF, XLSX) read only what is here.

Every figure comes from `db.aggregate.compute_values`, or from `bulk_values`, which applies the
very same rules to a whole tree of units with one query per period (the province report over
thousands of communes would otherwise run one query per unit). A test holds the two to identical
numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.db.aggregate import ValueRow, _lowest_level, compute_values, evaluate_unit
from xhht_desktop.domain.catalogue import (
    BREAKDOWN_LABELS_VI,
    GROUP_TITLES_VI,
    Indicator,
    by_code,
    entry_keys,
    indicators_for_level,
    indicators_visible_at,
    row_code,
)
from xhht_desktop.domain.periods import Period, applies, parse_period
from xhht_desktop.domain.values import format_decimal, format_int, format_percent, rate
from xhht_desktop.installation import get_installation
from xhht_desktop.paths import resource_path

NOT_REPORTED = "chưa báo cáo"
ProgressFn = Callable[[int, int, str], None]

# What a count counts, for the "Đơn vị tính" column.
COUNT_UNITS_VI = {
    "DON_VI_HOC_TAP": "đơn vị",
    "GIA_DINH_HIEU_HOC": "gia đình",
    "DONG_HO_KHUYEN_HOC": "dòng họ",
    "DN_QUY_HTSD": "doanh nghiệp",
}
# Column headings of the units × indicators tables, where the full name cannot fit.
SHORT_NAMES_VI = {
    "XMC_15_60": "Biết chữ 15-60 tuổi",
    "XMC_15_35": "Biết chữ 15-35 tuổi",
    "XMC_MOI_TIEP_TUC": "Mới biết chữ tiếp tục học",
    "PC_TH_DDT": "PCGD tiểu học đúng độ tuổi",
    "PC_THCS": "PCGD THCS",
    "PC_THPT": "PCGD THPT",
    "CB_CNTT": "CBCCVC học ứng dụng CNTT",
    "CB_NN_BAC2": "CBCCVC ngoại ngữ bậc 2",
    "CB_NN_BAC3": "CBCCVC ngoại ngữ bậc 3",
    "CN_TIN_NGOAI_NGU": "CNLĐ có tin học, ngoại ngữ",
    "CBTH_DAO_TAO_CHUAN": "CBCC tỉnh, huyện đạt chuẩn",
    "CBTH_LANH_DAO_BD": "CB lãnh đạo được bồi dưỡng",
    "CBTH_BD_HANG_NAM": "CBCC tỉnh, huyện BD hằng năm",
    "CBX_LANH_DAO_BD": "CB xã được BD lãnh đạo",
    "CBX_CHUAN_CM": "CB xã đạt chuẩn CM",
    "CCX_BD_HANG_NAM": "CC xã BD hằng năm",
    "LDNT_HOC_TTHTCD": "LĐNT học tại TTHTCĐ",
    "CN_HOC_VAN_THPT": "CN học vấn THPT",
    "CN_DAO_TAO_NGHE": "CN qua đào tạo nghề",
    "CN_TAY_NGHE_CAO": "CN tay nghề cao",
    "HSSV_KNS": "HSSV học KNS",
    "KNS_THAM_GIA": "Tham gia học KNS",
    "TTHTCD_HIEU_QUA": "TTHTCĐ hiệu quả",
    "TTHTCD_KET_HOP_VHTT": "TTHTCĐ kết hợp VH-TT",
    "GDTX_TRUNG_TAM": "Có TT GDTX-HN-DN",
    "BCD_XHHT": "Có BCĐ XHHT",
    "TUAN_LE_HTSD": "Tuần lễ HTSĐ",
    "DON_VI_HOC_TAP": "Đơn vị học tập",
    "GIA_DINH_HIEU_HOC": "Gia đình hiếu học",
    "DONG_HO_KHUYEN_HOC": "Dòng họ khuyến học",
    "DN_QUY_HTSD": "DN có quỹ HTSĐ",
}


def short_name(ind: Indicator) -> str:
    return SHORT_NAMES_VI.get(ind.code, ind.name_vi)


BREAKDOWN_ROW_LABELS_VI = {"nu": "Trong đó: Nữ", "dtts": "Trong đó: Dân tộc thiểu số (DTTS)"}
BREAKDOWN_SHORT_VI = {None: "", "nu": "Nữ", "dtts": "DTTS"}


# ---- words and numbers as printed ---------------------------------------------------------------

def is_own_flag(ind: Indicator, level: str) -> bool:
    """A flag read at the level that enters it is the unit's own đạt/chưa; above, it is a share."""
    return ind.kind == "flag" and (level == "xa" or level == _lowest_level(ind))


def flag_words(ind: Indicator) -> tuple[str, str]:
    """("Đạt chuẩn", "Chưa đạt") from the catalogue's "Đạt chuẩn (1) / Chưa đạt (0)"."""
    m = re.match(r"\s*(.+?)\s*\(1\)\s*/\s*(.+?)\s*\(0\)", ind.numerator_vi)
    yes, no = (m.group(1), m.group(2)) if m else ("Đạt", "Chưa đạt")
    if len(yes) > 14:  # "Có TTHTCĐ hoạt động hiệu quả" does not fit a figure column
        yes = "Có"
    return yes, no


def unit_of_measure(ind: Indicator, level: str) -> str:
    """The "Đơn vị tính" column."""
    if ind.kind in ("rate", "trend"):
        return "%"
    if ind.kind == "flag":
        return "đạt/chưa" if is_own_flag(ind, level) else "% đơn vị"
    return COUNT_UNITS_VI.get(ind.code, "số lượng")


def value_text(ind: Indicator, row: ValueRow, level: str) -> str:
    """A figure as printed: "97,80%", "12", "Đạt chuẩn"; an empty figure is "chưa báo cáo", never 0."""
    if row.value is None:
        return NOT_REPORTED
    if ind.kind == "count":
        return format_int(row.value)
    if is_own_flag(ind, level):
        yes, no = flag_words(ind)
        return yes if row.value >= 1 else no
    return format_percent(row.value)


def _number(x: float) -> str:
    return format_int(x) if float(x).is_integer() else format_decimal(x, 1)


def target_text(ind: Indicator, target: float | None, op: str | None, level: str) -> str:
    """"≥ 96%", "> 98%", "Đạt", "tăng"; "" when the plan sets none."""
    if op == "increase":
        return "tăng"
    if target is None:
        return ""
    symbol = {">=": "≥", ">": ">"}.get(op or "", "")
    if is_own_flag(ind, level):
        return "Đạt" if target >= 100 else ""
    if ind.kind == "count":
        return f"{symbol} {_number(target)}".strip()
    return f"{symbol} {_number(target)}%".strip()


def met_text(met: bool | None) -> str:
    return "" if met is None else ("Đạt" if met else "Chưa đạt")


def change_value(ind: Indicator, now: ValueRow, before: ValueRow | None) -> float | None:
    """Change since the previous period: percentage points for rates and shares, units for counts."""
    if before is None or now.value is None or before.value is None:
        return None
    return now.value - before.value


def change_text(ind: Indicator, now: ValueRow, before: ValueRow | None, level: str) -> str:
    if before is None or now.value is None:
        return ""
    if before.value is None:
        return "mới báo cáo"
    delta = now.value - before.value
    if is_own_flag(ind, level):
        if delta == 0:
            return "không đổi"
        return "mới đạt" if delta > 0 else "không còn đạt"
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    if ind.kind == "count":
        return f"{sign}{format_int(abs(delta))}"
    return f"{sign}{format_decimal(abs(delta), 2)}"


def reported_text(row: ValueRow) -> str:
    return f"{row.units_reported}/{row.units_expected}"


def vn_date_line(place: str, day: dt.date) -> str:
    """"Đắk Pék, ngày 05 tháng 07 năm 2014" (Nghị định 30/2020: two-digit day and month)."""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def period_phrase(p: Period) -> str:
    """"kỳ cả năm 2014", "kỳ 6 tháng đầu năm 2014" (inside a sentence)."""
    return "kỳ " + p.label_vi[0].lower() + p.label_vi[1:]


def vn_datetime(stamp: dt.datetime) -> str:
    return stamp.strftime("%d/%m/%Y %H:%M")


# ---- who issues, who signs -----------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentHeader:
    """The administrative frame of a document (Nghị định 30/2020/NĐ-CP)."""

    parent_body: str  # the line above the issuing body ("UBND TỈNH KON TUM"), or ""
    issuing_body: str  # "UBND XÃ ĐẮK PÉK"
    place: str  # "Đắk Pék" for the date line
    reporting_unit: str  # Excel "Đơn vị báo cáo"
    receiving_unit: str  # Excel "Đơn vị nhận báo cáo"
    signer_title: str  # "CHỦ TỊCH UBND XÃ"
    form_number: str  # Excel "Biểu số …"
    number_line: str = ""  # "Số:      /BC-SGDĐT" on reports
    preparer_title: str = "Người lập biểu"
    preparer_name: str = ""
    signer_note: str = "(Ký, họ tên, đóng dấu)"
    preparer_note: str = "(Ký, ghi rõ họ tên)"


def _place(unit: units_repo.Unit) -> str:
    return unit.short_name


def _lower_type(unit: units_repo.Unit) -> str:
    """"huyện Đắk Glei", "xã Đắk Pék", "thành phố Kon Tum"."""
    return f"{unit.type_label.lower()} {unit.short_name}".strip() if unit.type_label else unit.name


def total_label(unit: units_repo.Unit) -> str:
    """"Toàn tỉnh", "Toàn huyện Đắk Glei": the root's line of a consolidated table."""
    return "Toàn tỉnh" if unit.level == "tinh" else f"Toàn {_lower_type(unit)}"


def subtotal_label(unit: units_repo.Unit) -> str:
    return f"Cộng {_lower_type(unit)}"


def _ubnd(unit: units_repo.Unit) -> str:
    return f"UBND {unit.type_label.upper()} {unit.short_name.upper()}".replace("  ", " ")


def document_header(db: sqlite_utils.Database, unit: units_repo.Unit, period: Period, kind: str) -> DocumentHeader:
    """The frame for `kind` "progress" (UBND of the unit signs) or "consolidated" (the education
    office of a district, or the Department for the province, compiles and signs)."""
    inst = get_installation(db)
    preparer = inst.official_name if inst is not None and inst.unit.id == unit.id else ""
    day = period.end.isoformat()
    parent = units_repo.parent_of(db, unit.id, day) or units_repo.parent_of(db, unit.id, unit.valid_from)
    if unit.level == "tinh":
        return DocumentHeader(
            parent_body=_ubnd(unit), issuing_body="SỞ GIÁO DỤC VÀ ĐÀO TẠO", place=_place(unit),
            reporting_unit=f"Sở GD&ĐT {_lower_type(unit)}", receiving_unit="Bộ Giáo dục và Đào tạo; UBND tỉnh",
            signer_title="GIÁM ĐỐC", form_number="02/XHHT-T" if kind == "consolidated" else "01/XHHT-T",
            number_line="Số:        /BC-SGDĐT", preparer_name=preparer)
    if unit.level == "huyen":
        if kind == "consolidated":
            return DocumentHeader(
                parent_body=_ubnd(unit), issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", place=_place(unit),
                reporting_unit=f"Phòng GD&ĐT {_lower_type(unit)}",
                receiving_unit=f"Sở GD&ĐT {_lower_type(parent)}" if parent else "Sở GD&ĐT",
                signer_title="TRƯỞNG PHÒNG", form_number="02/XHHT-H", number_line="Số:        /BC-PGDĐT",
                preparer_name=preparer)
        return DocumentHeader(
            parent_body="", issuing_body=_ubnd(unit), place=_place(unit),
            reporting_unit=f"UBND {_lower_type(unit)}",
            receiving_unit=f"Sở GD&ĐT {_lower_type(parent)}" if parent else "Sở GD&ĐT",
            signer_title=f"CHỦ TỊCH UBND {unit.type_label.upper()}", form_number="01/XHHT-H",
            preparer_name=preparer)
    if parent is None:
        receiving = "Phòng GD&ĐT"
    elif parent.level == "huyen":
        receiving = f"UBND {_lower_type(parent)} (Phòng GD&ĐT)"
    else:  # since 1 July 2025 communes report straight to the Department
        receiving = f"Sở GD&ĐT {_lower_type(parent)}"
    return DocumentHeader(
        parent_body="", issuing_body=_ubnd(unit), place=_place(unit),
        reporting_unit=f"UBND {_lower_type(unit)}", receiving_unit=receiving,
        signer_title=f"CHỦ TỊCH UBND {unit.type_label.upper()}", form_number="01/XHHT-X",
        preparer_name=preparer)


def installation_footer(db: sqlite_utils.Database) -> str:
    """The installation's fingerprint, printed in every page's footer so a paper can be traced."""
    try:
        from xhht_desktop.sync.keys import installation_fingerprint  # noqa: PLC0415
    except ImportError:  # the sync feature is not in this build: the installation id still traces it
        inst = get_installation(db)
        return f"Mã cài đặt: {inst.installation_id[:8].upper()}" if inst else "Máy chưa khởi tạo"
    return f"Dấu vân tay máy: {installation_fingerprint(db)}"


# ---- the bulk aggregation ------------------------------------------------------------------------

def _indicators_for(level: str, p: Period) -> list[Indicator]:
    inds = indicators_for_level("xa") if level == "xa" else indicators_visible_at(level)
    return [i for i in inds if applies(i.periodicity, p)]


@dataclass
class _Snapshot:
    """Everything one period needs: the unit tree on its last day and every figure of the period."""

    children: dict[int, list[int]]
    rows_by_unit: dict[int, list[tuple[str, str, int | None, int | None, int | None]]]


def _snapshot(db: sqlite_utils.Database, p: Period, restrict: set[str] | None = None) -> _Snapshot:
    conn = db.conn
    children = _children_on(db, p.end.isoformat())
    rows_by_unit: dict[int, list] = {}
    for uid, ind, bd, num, den, val in conn.execute(
            """SELECT unit_id, indicator, breakdown, numerator, denominator, value FROM indicator_values
               WHERE period=? AND deleted=0""", (p.code,)):
        if restrict is None or ind in restrict:
            rows_by_unit.setdefault(uid, []).append((ind, bd, num, den, val))
    return _Snapshot(children, rows_by_unit)


def _below(snap: _Snapshot, unit_id: int) -> list[int]:
    """Every unit under `unit_id` (as units_repo.descendant_ids: each once, cycles ignored)."""
    seen: set[int] = set()
    stack = list(snap.children.get(unit_id, ()))
    out = []
    while stack:
        uid = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        out.append(uid)
        stack.extend(snap.children.get(uid, ()))
    return out


def _values_of(unit: units_repo.Unit, levels: dict[int, str], snap: _Snapshot, indicators: list[Indicator],
               p: Period, trend_targets: dict[tuple[str, str | None], float | None] | None) -> list[ValueRow]:
    """compute_values' rules (aggregate.evaluate_unit) for one unit, over rows already in memory."""
    rows_by_key: dict[tuple[str, str], list] = {}
    for uid in levels:
        for ind, bd, num, den, val in snap.rows_by_unit.get(uid, ()):
            rows_by_key.setdefault((ind, bd), []).append((uid, num, den, val))
    targets = trend_targets or {}
    return evaluate_unit(unit, levels, rows_by_key, indicators, p,
                         lambda ind, bd: targets.get((ind.code, bd)))


def _all_units(db: sqlite_utils.Database) -> dict[int, units_repo.Unit]:
    return {u.id: u for u in units_repo.all_units(db)}


def bulk_values(
    db: sqlite_utils.Database,
    root_id: int,
    period: str | Period,
    *,
    unit_ids: list[int] | None = None,
    progress: ProgressFn | None = None,
) -> dict[int, list[ValueRow]]:
    """compute_values for the root and every unit below it (or for `unit_ids`), one query per period.

    Identical numbers to calling compute_values(db, unit_id, period) for each unit.
    """
    p = period if isinstance(period, Period) else parse_period(period)
    units = _all_units(db)
    snap = _snapshot(db, p)
    root = units[root_id]
    if unit_ids is None:
        unit_ids = [root_id] + ([] if root.level == "xa" else _below(snap, root_id))
    trend_codes = {i.code for i in by_code().values() if i.target_op == "increase" and applies(i.periodicity, p)}
    last = p.same_period_last_year()
    last_snap = _snapshot(db, last, restrict=trend_codes) if trend_codes and last is not None else None
    out: dict[int, list[ValueRow]] = {}
    total = len(unit_ids)
    for n, uid in enumerate(unit_ids):
        unit = units[uid]
        inds = _indicators_for(unit.level, p)
        trend_targets: dict[tuple[str, str | None], float | None] | None = None
        if last_snap is not None and any(i.code in trend_codes for i in inds):
            trend_inds = [i for i in inds if i.code in trend_codes and applies(i.periodicity, last)]
            last_levels = {uid: unit.level}
            if unit.level != "xa":
                last_levels.update({b: units[b].level for b in _below(last_snap, uid)})
            prev = _values_of(unit, last_levels, last_snap, trend_inds, last, None)
            trend_targets = {(r.indicator, r.breakdown): r.value for r in prev}
        levels = {uid: unit.level}
        if unit.level != "xa":
            levels.update({b: units[b].level for b in _below(snap, uid)})
        out[uid] = _values_of(unit, levels, snap, inds, p, trend_targets if trend_targets is not None else {})
        if progress is not None and (n % 200 == 0 or n == total - 1):
            progress(n + 1, total, "Đang tính số liệu các đơn vị…")
    return out


# ---- the progress sheet --------------------------------------------------------------------------

@dataclass
class SheetLine:
    """One printed row of a progress sheet: an indicator's total or one of its breakdowns."""

    stt: str
    code: str  # "XMC_15_60" or "XMC_15_60.nu"
    label: str
    indicator: Indicator
    breakdown: str | None
    now: ValueRow
    before: ValueRow | None
    level: str

    @property
    def unit_of_measure(self) -> str:
        return unit_of_measure(self.indicator, self.level)

    @property
    def value_text(self) -> str:
        return value_text(self.indicator, self.now, self.level)

    @property
    def target_2015_text(self) -> str:
        return target_text(self.indicator, self.indicator.target_2015, self.indicator.target_op, self.level)

    @property
    def target_2020_text(self) -> str:
        return target_text(self.indicator, self.indicator.target_2020, self.indicator.target_op, self.level)

    @property
    def met_text(self) -> str:
        return met_text(self.now.met)

    @property
    def change_text(self) -> str:
        return change_text(self.indicator, self.now, self.before, self.level)

    @property
    def change(self) -> float | None:
        return change_value(self.indicator, self.now, self.before)


@dataclass
class SheetGroup:
    title: str
    lines: list[SheetLine]


@dataclass
class ProgressSheet:
    unit: units_repo.Unit
    period: Period
    previous: Period | None
    header: DocumentHeader
    groups: list[SheetGroup]
    activities: list[dict] | None  # the centre's activity summary; None when that feature is absent
    footer: str
    printed_at: dt.datetime
    reported: int  # figures reported (totals)
    expected: int  # figures expected (totals)

    @property
    def title(self) -> str:
        return "PHIẾU THEO DÕI TIẾN ĐỘ\nTHỰC HIỆN KẾ HOẠCH XÂY DỰNG XÃ HỘI HỌC TẬP"

    @property
    def subtitle(self) -> str:
        return f"Kỳ báo cáo: {self.period.label_vi} ({self.period.code})"

    def lines(self) -> list[SheetLine]:
        return [line for g in self.groups for line in g.lines]


def centre_activities(db: sqlite_utils.Database, unit: units_repo.Unit, period: Period) -> list[dict] | None:
    """The activity summary of the centre (a commune) or of the centres below (a district), one dict
    per category with its Vietnamese `label`, then the total (category None); None when the CLC
    feature is not in this build."""
    try:
        from xhht_desktop.clc.domain import CATEGORY_LABELS_VI  # noqa: PLC0415
        from xhht_desktop.clc.summary import summarize  # noqa: PLC0415
    except ImportError:
        return None
    out = []
    for item in summarize(db, unit.id, period.code):
        cat = item.get("category")
        out.append({**item, "label": "Tổng cộng" if cat is None else CATEGORY_LABELS_VI.get(cat, str(cat))})
    return out


def progress_sheet(db: sqlite_utils.Database, unit_id: int, period: str | Period, *,
                   now: dt.datetime | None = None) -> ProgressSheet:
    """The progress sheet of a commune (or a district): this period against the previous one."""
    p = period if isinstance(period, Period) else parse_period(period)
    unit = units_repo.get_unit(db, unit_id)
    current = compute_values(db, unit_id, p)
    prev_p = p.previous()
    before = {(r.indicator, r.breakdown): r for r in compute_values(db, unit_id, prev_p)} if prev_p else {}
    catalogue = by_code()
    groups: dict[int, list[SheetLine]] = {}
    counters: dict[int, int] = {}
    for r in current:
        ind = catalogue[r.indicator]
        if r.breakdown is None:
            counters[ind.group] = counters.get(ind.group, 0) + 1
            stt, label = f"{ind.group}.{counters[ind.group]}", ind.name_vi
        else:
            stt, label = "", BREAKDOWN_ROW_LABELS_VI.get(r.breakdown, BREAKDOWN_LABELS_VI[r.breakdown])
        groups.setdefault(ind.group, []).append(SheetLine(
            stt=stt, code=row_code(ind.code, r.breakdown), label=label, indicator=ind, breakdown=r.breakdown,
            now=r, before=before.get((r.indicator, r.breakdown)), level=unit.level))
    totals = [r for r in current if r.breakdown is None]
    return ProgressSheet(
        unit=unit, period=p, previous=prev_p, header=document_header(db, unit, p, "progress"),
        groups=[SheetGroup(GROUP_TITLES_VI[g], lines) for g, lines in sorted(groups.items())],
        activities=centre_activities(db, unit, p),
        footer=installation_footer(db), printed_at=now or dt.datetime.now(),
        reported=sum(1 for r in totals if r.value is not None), expected=len(totals))


# ---- the consolidated report ---------------------------------------------------------------------

@dataclass
class UnitLine:
    """One unit of the consolidated report with its figures by (indicator, breakdown)."""

    unit: units_repo.Unit
    depth: int  # 0 the root, 1 a district (or a commune under a district root), 2 a commune
    values: dict[tuple[str, str | None], ValueRow]
    is_subtotal: bool = False  # a district line printed after its communes

    def get(self, code: str, breakdown: str | None = None) -> ValueRow | None:
        return self.values.get((code, breakdown))

    @property
    def reported_any(self) -> bool:
        return any(r.value is not None for r in self.values.values())


@dataclass
class Block:
    """A district (or the root itself for a district report) and the communes under it."""

    head: UnitLine
    members: list[UnitLine]


@dataclass
class AgencyLine:
    agency: str
    districts: list[str]  # names
    target_groups: str
    values: dict[tuple[str, str | None], tuple[int | None, int | None, float | None]]  # num, den, value


@dataclass
class Consolidated:
    root: UnitLine
    period: Period
    header: DocumentHeader
    indicators: list[Indicator]
    blocks: list[Block]
    agencies: list[AgencyLine]
    footer: str
    printed_at: dt.datetime
    summary: ProgressSheet | None = None  # the root's own figures against the previous period
    units_expected: int = 0  # lowest-level units below the root
    units_reported: int = 0  # of them, those with at least one figure this period

    @property
    def title(self) -> str:
        return "BÁO CÁO TỔNG HỢP\nKẾT QUẢ THỰC HIỆN KẾ HOẠCH XÂY DỰNG XÃ HỘI HỌC TẬP"

    @property
    def subtitle(self) -> str:
        return f"Kỳ báo cáo: {self.period.label_vi} ({self.period.code}) — {self.root.unit.name}"

    def all_lines(self) -> list[UnitLine]:
        """Root first, then each block's head and members (the order of the detail sheet)."""
        out = [self.root]
        for b in self.blocks:
            if b.head is not self.root:
                out.append(b.head)
            out.extend(b.members)
        return out


def load_monitoring() -> list[dict]:
    """resources/catalogue/monitoring.csv: agency → district codes it follows (plan section V)."""
    with resource_path("catalogue", "monitoring.csv").open(encoding="utf-8") as fh:
        out = []
        for row in csv.DictReader(fh):
            codes = [part.strip().split(" ", 1)[0] for part in row["monitors_districts"].split(";") if part.strip()]
            out.append({"agency": row["agency"].strip(), "districts": codes,
                        "target_groups": row["target_groups"].strip(), "plan_ref": row["plan_ref"].strip()})
        return out


def _sum_lines(lines: list[UnitLine], indicators: list[Indicator]) -> dict:
    """Sum numerators and denominators (or counts) of disjoint units; rates from the sums."""
    out = {}
    for ind in indicators:
        for bd in entry_keys(ind):
            rows = [ln.get(ind.code, bd) for ln in lines]
            rows = [r for r in rows if r is not None and r.value is not None]
            if not rows:
                out[(ind.code, bd)] = (None, None, None)
            elif ind.kind == "count":
                out[(ind.code, bd)] = (None, None, float(sum(r.value for r in rows)))
            elif all(r.numerator is not None and r.denominator is not None for r in rows):
                num = sum(r.numerator for r in rows)
                den = sum(r.denominator for r in rows)
                out[(ind.code, bd)] = (num, den, rate(num, den))
            else:  # a district's own flag without communes below: count it as one unit
                num = sum(int(r.value >= 1) for r in rows)
                out[(ind.code, bd)] = (num, len(rows), rate(num, len(rows)))
    return out


def consolidated(db: sqlite_utils.Database, root_id: int, period: str | Period, *,
                 now: dt.datetime | None = None, progress: ProgressFn | None = None) -> Consolidated:
    """Units × indicators under a district or the province, with subtotals and the agency view."""
    p = period if isinstance(period, Period) else parse_period(period)
    values = bulk_values(db, root_id, p, progress=progress)
    units = _all_units(db)
    root_unit = units[root_id]
    day = p.end.isoformat()
    snap_children = _children_on(db, day)

    def line(uid: int, depth: int, subtotal: bool = False) -> UnitLine:
        return UnitLine(units[uid], depth, {(r.indicator, r.breakdown): r for r in values[uid]}, subtotal)

    def kids(uid: int) -> list[int]:
        return sorted((c for c in snap_children.get(uid, ()) if c in values), key=lambda c: units[c].code)

    root = line(root_id, 0)
    blocks: list[Block] = []
    direct = kids(root_id)
    leaf_children = [c for c in direct if not kids(c)]
    if leaf_children:  # communes straight under the root (a district, or the province after 2025)
        blocks.append(Block(root, [line(c, 1) for c in leaf_children]))
    for c in direct:
        if kids(c):
            blocks.append(Block(line(c, 1, subtotal=True), [line(g, 2) for g in kids(c)]))
    indicators = _indicators_for(root_unit.level, p)
    agencies: list[AgencyLine] = []
    if root_unit.level == "tinh":
        by_code_line = {b.head.unit.code: b.head for b in blocks if b.head is not root}
        for a in load_monitoring():
            heads = [by_code_line[c] for c in a["districts"] if c in by_code_line]
            if not heads:
                continue
            agencies.append(AgencyLine(a["agency"], [h.unit.name for h in heads], a["target_groups"],
                                       _sum_lines(heads, indicators)))
    lowest = [ln for b in blocks for ln in b.members if ln.unit.level == "xa"]
    return Consolidated(
        root=root, period=p, header=document_header(db, root_unit, p, "consolidated"), indicators=indicators,
        blocks=blocks, agencies=agencies, footer=installation_footer(db), printed_at=now or dt.datetime.now(),
        summary=progress_sheet(db, root_id, p, now=now),
        units_expected=len(lowest), units_reported=sum(1 for ln in lowest if ln.reported_any))


def _children_on(db: sqlite_utils.Database, day: str) -> dict[int, list[int]]:
    """Parent id → ids of the units attached to it on `day` (both valid then)."""
    children: dict[int, list[int]] = {}
    for uid, parent in db.conn.execute(
        """SELECT p.unit_id, p.parent_id FROM unit_parents p JOIN units u ON u.id=p.unit_id
           WHERE p.valid_from<=:d AND (p.valid_to IS NULL OR p.valid_to>=:d)
             AND u.valid_from<=:d AND (u.valid_to IS NULL OR u.valid_to>=:d)""", {"d": day}):
        children.setdefault(parent, []).append(uid)
    return children


def default_report_unit(db: sqlite_utils.Database) -> units_repo.Unit | None:
    inst = get_installation(db)
    return inst.unit if inst else None
