"""Queries → plain rows for every report. Layout modules (PDF, XLSX) read only what is here.

Every figure comes from the one aggregation engine (db.aggregate, its rules in domain.aggregation):
`compute_values` for one unit, `tree_values` for every unit of the report's tree in one pass up the
tree (each unit's rows read once and its tallies added into its parent's; the national report over
ten thousand communes would otherwise run one query per unit).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from xhht_desktop.db import units_repo
from xhht_desktop.db.aggregate import (
    ValueRow,
    all_units,
    bulk_values,  # noqa: F401 - the bulk form, for the callers of reports.rows
    compute_values,
    indicators_of,
    tree_values,
)
from xhht_desktop.db.reference import catalogue_in_db
from xhht_desktop.domain.aggregation import change_period, group_rows, in_force, lowest_level, sum_rows
from xhht_desktop.domain.catalogue import (
    BREAKDOWN_LABELS_VI,
    DRAFT_TARGET_VI,
    LEVEL_DEGREE_VI,
    Indicator,
    Programme,
    entry_keys,
    programme_for_period,
    row_code,
)
from xhht_desktop.domain.lineage import DERIVED_NOTE_VI, Coverage, comparable
from xhht_desktop.domain.periods import Period, parse_period
from xhht_desktop.domain.values import format_decimal, format_int, format_percent
from xhht_desktop.installation import get_installation
from xhht_desktop.paths import resource_path
from xhht_desktop.reports.verdict import coverage_threshold, verdict, verdict_text

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
    return ind.kind == "flag" and (level == "xa" or level == lowest_level(ind))


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
    if ind.kind == "level":
        return "mức độ"
    return COUNT_UNITS_VI.get(ind.code, "số lượng")


def value_text(ind: Indicator, row: ValueRow, level: str) -> str:
    """A figure as printed: "97,80%", "12", "Đạt chuẩn"; an empty figure is "chưa báo cáo", never 0."""
    if ind.kind == "level":
        return level_text(row)
    if row.value is None:
        return NOT_REPORTED
    if ind.kind == "count":
        return format_int(row.value)
    if is_own_flag(ind, level) and not row.derived:
        yes, no = flag_words(ind)
        return yes if row.value >= 1 else no
    return format_percent(row.value)


def degree_text(degree: float | int | None) -> str:
    """"Mức độ 2", "Chưa đạt" (0)."""
    if degree is None:
        return NOT_REPORTED
    d = int(degree)
    return LEVEL_DEGREE_VI.get(d, f"Mức độ {d}")


def level_text(row: ValueRow) -> str:
    """A level as printed: the unit's degree, "(công nhận mức độ 2 đã hết hiệu lực)" when lapsed;
    above the commune without a degree of its own, the shares of the units below."""
    if row.value is None:
        return shares_text(row) or NOT_REPORTED
    text = degree_text(row.value)
    if row.lapsed and row.recognised:
        text += f" (công nhận mức độ {row.recognised} đã hết hiệu lực)"
    return text


def shares_text(row: ValueRow) -> str:
    """"Mức 1 trở lên: 80,00%; mức 2 trở lên: 50,00%": the units below at or above each degree."""
    if not row.shares or all(v is None for v in row.shares.values()):
        return ""
    return "; ".join(f"{'Mức' if i == 0 else 'mức'} {d} trở lên: {format_percent(v)}"
                     for i, (d, v) in enumerate(sorted(row.shares.items())) if v is not None)


def _number(x: float) -> str:
    return format_int(x) if float(x).is_integer() else format_decimal(x, 1)


def target_text(ind: Indicator, target: float | None, op: str | None, level: str) -> str:
    """"≥ 96%", "> 98%", "Đạt", "tăng"; "" when the plan sets none."""
    if op == "increase":
        return "tăng"
    if target is None:
        return ""
    symbol = {">=": "≥", ">": ">"}.get(op or "", "")
    if ind.kind == "level":
        return f"{symbol} mức độ {int(target)}".strip()
    if is_own_flag(ind, level):
        return "Đạt" if target >= 100 else ""
    if ind.kind == "count":
        return f"{symbol} {_number(target)}".strip()
    return f"{symbol} {_number(target)}%".strip()


def target_year_texts(ind: Indicator, years: tuple[int, ...], level: str) -> list[tuple[int, str, bool]]:
    """(target year, target as printed, draft) for each target year of the programme; a draft reads
    "≥ 60% (mục tiêu dự thảo, chưa được Sở xác nhận)"."""
    out = []
    for y in years:
        text = target_text(ind, ind.targets.get(y), ind.target_op, level)
        draft = y in ind.draft_targets
        if draft:
            text = f"{text} ({DRAFT_TARGET_VI})".strip() if text else f"({DRAFT_TARGET_VI})"
        out.append((y, text, draft))
    return out


def met_text(met: bool | None) -> str:
    return "" if met is None else ("Đạt" if met else "Chưa đạt")


def change_value(ind: Indicator, now: ValueRow, before: ValueRow | None) -> float | None:
    """Change since the previous period: percentage points for rates and shares, units for counts."""
    if before is None or now.value is None or before.value is None:
        return None
    if now.derived != before.derived:  # across the reform: a commune's own flag against a share
        return derived_change(ind, now, before)
    return now.value - before.value


def derived_change(ind: Indicator, now: ValueRow, before: ValueRow) -> float | None:
    """Change across the reform, one figure derived from the former communes and the other not: a
    unit's own flag (1/0) reads as 100/0 % beside the share of former communes that reached it."""
    if now.value is None or before.value is None or ind.kind == "level":
        return None  # a degree and the shares of former communes at each degree do not subtract
    own = ind.kind == "flag"

    def scaled(r: ValueRow) -> float | None:
        return comparable(r.value, own_flag=own and not r.derived and r.numerator is None and r.denominator is None)

    return scaled(now) - scaled(before)


def change_text(ind: Indicator, now: ValueRow, before: ValueRow | None, level: str) -> str:
    if before is None or now.value is None:
        return ""
    if ind.kind == "level" and now.derived != before.derived:
        return ""  # a degree against the former communes' shares: nothing to subtract
    if before.value is None:
        return "mới báo cáo"
    if now.derived != before.derived:  # across the reform: points against the former communes' share
        delta = derived_change(ind, now, before)
        sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
        return f"{sign}{format_int(abs(delta))}" if ind.kind == "count" else f"{sign}{format_decimal(abs(delta), 2)}"
    delta = now.value - before.value
    if ind.kind == "level":
        if delta == 0:
            return "không đổi"
        return f"{'+' if delta > 0 else '−'}{int(abs(delta))} mức"
    if is_own_flag(ind, level):
        if delta == 0:
            return "không đổi"
        return "mới đạt" if delta > 0 else "không còn đạt"
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    if ind.kind == "count":
        return f"{sign}{format_int(abs(delta))}"
    return f"{sign}{format_decimal(abs(delta), 2)} điểm"  # percentage points


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
    # The frame (reports.frame): chosen date, "Nơi nhận", the signer's lines and name; who compiled
    # the paper when it is printed by another level than the unit's own.
    day: dt.date | None = None  # None: the day of printing
    recipients: tuple[str, ...] = ()  # "- Sở GD&ĐT tỉnh Kon Tum;" … "- Lưu: VT."
    signer_lines: tuple[str, ...] = ()  # ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"); () -> (signer_title,)
    signer_name: str = ""
    compiled_by: str = ""  # "Bản in do Sở GD&ĐT tỉnh Kon Tum lập từ số liệu …", or ""
    frame: object = None  # the reports.frame.Frame applied

    @property
    def signer_block_lines(self) -> tuple[str, ...]:
        return self.signer_lines or (self.signer_title,)

    def date_on(self, printed: dt.date) -> dt.date:
        return self.day or printed


def _place(unit: units_repo.Unit) -> str:
    return unit.short_name


def _lower_type(unit: units_repo.Unit) -> str:
    """"huyện Đắk Glei", "xã Đắk Pék", "thành phố Kon Tum"."""
    return f"{unit.type_label.lower()} {unit.short_name}".strip() if unit.type_label else unit.name


lower_type = _lower_type  # "xã Đắk Pék", "tỉnh Kon Tum": a unit named inside a sentence


def total_label(unit: units_repo.Unit) -> str:
    """"Toàn tỉnh", "Toàn huyện Đắk Glei": the root's line of a consolidated table."""
    return "Toàn tỉnh" if unit.level == "tinh" else f"Toàn {_lower_type(unit)}"


def subtotal_label(unit: units_repo.Unit) -> str:
    return f"Cộng {_lower_type(unit)}"


def _ubnd(unit: units_repo.Unit) -> str:
    return f"UBND {unit.type_label.upper()} {unit.short_name.upper()}".replace("  ", " ")


def document_header(db: sqlite_utils.Database, unit: units_repo.Unit, period: Period, kind: str,
                    frame=None) -> DocumentHeader:
    """The frame for `kind` "progress" (UBND of the unit signs) or "consolidated" (the Department
    for the province; for a district the UBND huyện, as plan 2780 makes it the reporter, its
    education office preparing). `frame` (reports.frame.Frame) overrides what the installation
    remembers for this kind of paper and unit (frame.load)."""
    from xhht_desktop.reports import frame as F  # noqa: PLC0415

    header = _base_header(db, unit, period, kind)
    default = F.default_frame(unit, kind, header.receiving_unit, header.preparer_name)
    chosen = frame if frame is not None else F.load(db, kind, unit, default, period.code)
    return apply_frame(header, chosen, compiled_by=_compiled_by(db, unit, kind))


def apply_frame(header: DocumentHeader, frame, compiled_by: str | None = None) -> DocumentHeader:
    """The header with the frame's number line, place, date, recipients and signer."""
    from dataclasses import replace  # noqa: PLC0415

    return replace(
        header, number_line=frame.number_line, place=frame.place or header.place, day=frame.day,
        recipients=tuple(frame.recipient_lines), signer_lines=tuple(frame.signer_lines),
        signer_name=frame.signer_name, preparer_name=frame.preparer_name, frame=frame,
        compiled_by=header.compiled_by if compiled_by is None else compiled_by)


def education_agency_name(db: sqlite_utils.Database, day: dt.date | None = None) -> str:
    """The Department of Education's name as the agency list in force says on `day` (today): "Sở Giáo
    dục và Đào tạo", or what the Department renamed it to in a reference update."""
    from xhht_desktop.db.reference import agencies_in_db  # noqa: PLC0415

    found = agencies_in_db(db).education_agency((day or dt.date.today()).isoformat())
    return found.name if found is not None else "Sở Giáo dục và Đào tạo"


def installation_body(db: sqlite_utils.Database) -> str:
    """"Sở GD&ĐT tỉnh Kon Tum", "Phòng GD&ĐT huyện Đắk Glei", "UBND xã Đắk Pék": who runs this copy."""
    inst = get_installation(db)
    if inst is None:
        return ""
    if inst.unit.level == "tinh":
        return f"{education_agency_name(db)} {_lower_type(inst.unit)}"
    if inst.unit.level == "huyen":
        return f"Phòng Giáo dục và Đào tạo {_lower_type(inst.unit)}"
    return f"UBND {_lower_type(inst.unit)}"


def _compiled_by(db: sqlite_utils.Database, unit: units_repo.Unit, kind: str) -> str:
    """A paper of another unit than the installation's says who compiled and printed it."""
    inst = get_installation(db)
    if inst is None or inst.unit.id == unit.id:
        return ""
    if kind == "consolidated":
        return (f"(Bản tổng hợp do {installation_body(db)} lập từ số liệu các đơn vị đã gửi; "
                f"đơn vị báo cáo là UBND {_lower_type(unit)})")
    return f"(Bản in do {installation_body(db)} lập từ số liệu UBND {_lower_type(unit)} đã gửi)"


def _base_header(db: sqlite_utils.Database, unit: units_repo.Unit, period: Period, kind: str) -> DocumentHeader:
    inst = get_installation(db)
    preparer = inst.official_name if inst is not None and inst.unit.id == unit.id else ""
    day = period.end.isoformat()
    parent = units_repo.parent_of(db, unit.id, day) or units_repo.parent_of(db, unit.id, unit.valid_from)
    department = education_agency_name(db)  # the agency list in force (a reference update may rename it)
    if unit.level == "tinh":
        return DocumentHeader(
            parent_body=_ubnd(unit), issuing_body=department.upper(), place=_place(unit),
            reporting_unit=f"{department} {_lower_type(unit)}",
            receiving_unit="Bộ Giáo dục và Đào tạo; UBND tỉnh",
            signer_title="GIÁM ĐỐC", form_number="02/XHHT-T" if kind == "consolidated" else "01/XHHT-T",
            number_line="Số:        /BC-SGDĐT", preparer_name=preparer)
    receiving_dept = f"{department} {_lower_type(parent)}" if parent else department
    if unit.level == "huyen":
        # Plan 2780 makes the UBND huyện the reporter of the district; its education office prepares.
        return DocumentHeader(
            parent_body="", issuing_body=_ubnd(unit), place=_place(unit),
            reporting_unit=f"UBND {_lower_type(unit)}", receiving_unit=receiving_dept,
            signer_title=f"CHỦ TỊCH UBND {unit.type_label.upper()}",
            form_number="02/XHHT-H" if kind == "consolidated" else "01/XHHT-H",
            preparer_title="Người lập biểu",
            preparer_name=preparer)
    if parent is None:
        receiving = "Phòng Giáo dục và Đào tạo"
    elif parent.level == "huyen":
        receiving = f"UBND {_lower_type(parent)} (Phòng Giáo dục và Đào tạo)"
    else:  # since 1 July 2025 communes report straight to the Department
        receiving = f"{department} {_lower_type(parent)}"
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
    return f"Mã nhận dạng máy: {installation_fingerprint(db)}"


# ---- the figures (db.aggregate: one engine, rules in domain.aggregation) ---------------------------

def _indicators_for(db: sqlite_utils.Database, level: str, p: Period) -> list[Indicator]:
    """What a unit of `level` reports for the period, from the period's programme (aggregate.indicators_of)."""
    return in_force(indicators_of(db, level, p), p)


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
    judging: float = 2 / 3  # reports.verdict: the share of units that must have reported to judge

    @property
    def derived(self) -> bool:
        """The figure is combined from the former communes' (a period before the unit existed)."""
        return self.now.derived

    @property
    def text_level(self) -> str:
        """The level whose words the figure takes: a derived flag is a share of former units."""
        return DERIVED_LEVEL if self.now.derived else self.level

    @property
    def unit_of_measure(self) -> str:
        return unit_of_measure(self.indicator, self.text_level)

    @property
    def value_text(self) -> str:
        return value_text(self.indicator, self.now, self.text_level)

    @property
    def target_2015_text(self) -> str:
        return target_text(self.indicator, self.indicator.target_2015, self.indicator.target_op, self.text_level)

    @property
    def target_2020_text(self) -> str:
        return target_text(self.indicator, self.indicator.target_2020, self.indicator.target_op, self.text_level)

    @property
    def target_texts(self) -> list[tuple[int, str, bool]]:
        """(target year, text, draft) for both target years of the period's programme."""
        return target_year_texts(self.indicator, tuple(sorted(self.indicator.targets)), self.text_level)

    @property
    def target_draft(self) -> bool:
        """The target this period is judged against is a draft (not yet confirmed by the Department)."""
        return self.now.target_draft

    @property
    def shares_text(self) -> str:
        return shares_text(self.now)

    @property
    def met_text(self) -> str:
        """The verdict on the one scale the screen uses too (reports.verdict), with its units."""
        return verdict_text(self.now, self.judging)

    @property
    def verdict(self) -> str:
        return verdict(self.now, self.judging)

    @property
    def change_text(self) -> str:
        return change_text(self.indicator, self.now, self.before, self.text_level)

    @property
    def change(self) -> float | None:
        return change_value(self.indicator, self.now, self.before)


# The "level" a derived figure is worded at: above any unit's own entry (a flag reads as a share).
DERIVED_LEVEL = "derived"


@dataclass
class SheetGroup:
    title: str
    lines: list[SheetLine]


class _PeriodProgramme:
    """For a sheet with a `period` and an optional `programme`: the programme it is judged by."""

    @property
    def period_programme(self) -> Programme:
        """The sheet's programme, else the one in force for its period."""
        return self.programme or programme_for_period(self.period)

    @property
    def target_years(self) -> tuple[int, ...]:
        return self.period.target_years

    @property
    def legal_basis(self) -> tuple[str, ...]:
        """What the paper cites: plan 2780 up to 2020; QĐ 1373/QĐ-TTg and the province's plans from 2021."""
        return self.period_programme.legal_basis_vi


@dataclass
class ProgressSheet(_PeriodProgramme):
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
    programme: Programme | None = None  # the period's programme (targets, legal basis)
    narrative: dict | None = None  # the written sections (reports.narrative), printed after the tables
    judging: float = 2 / 3  # reports.verdict: the share of units that must have reported to judge

    @property
    def drafts(self) -> list[tuple[str, int]]:
        """(indicator, target year) of the draft targets printed on this sheet."""
        return sorted({(ln.indicator.code, y) for ln in self.lines() for y in ln.indicator.draft_targets})
    coverage: Coverage | None = None  # units covered (db.lineage.coverage); None: not worked out

    @property
    def derived(self) -> bool:
        """This period's figures are combined from the former communes' (before the unit existed)."""
        return any(line.now.derived for line in self.lines())

    @property
    def previous_derived(self) -> bool:
        """The previous period's figures (the change column) are combined from the former communes'."""
        return any(line.before is not None and line.before.derived for line in self.lines())

    @property
    def derived_note(self) -> str:
        return derived_note_vi(self.derived, self.previous_derived, self.previous)

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
    compare = change_period(p)  # None across programmes: nothing to compare with, nothing computed
    return _progress_sheet(db, units_repo.get_unit(db, unit_id), p, compute_values(db, unit_id, p),
                           compute_values(db, unit_id, compare) if compare else [], now=now)


def _progress_sheet(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period, current: list[ValueRow],
                    previous: list[ValueRow], *, now: dt.datetime | None = None,
                    activities: bool = True) -> ProgressSheet:
    """The sheet from the unit's figures of the period and of the previous period (compute_values')."""
    prev_p = p.previous()
    cat = catalogue_in_db(db, p)
    if change_period(p) is None:
        previous = []  # 2020 -> 2021: another programme, other indicators; no change to show
    before = {(r.indicator, r.breakdown): r for r in previous}
    catalogue = cat.by_code
    judging = coverage_threshold(db)
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
            now=r, before=before.get((r.indicator, r.breakdown)), level=unit.level, judging=judging))
    totals = [r for r in current if r.breakdown is None]
    return ProgressSheet(
        unit=unit, period=p, previous=prev_p, header=document_header(db, unit, p, "progress"),
        groups=[SheetGroup(cat.programme.group_titles[g], lines) for g, lines in sorted(groups.items())],
        activities=centre_activities(db, unit, p) if activities else None,
        footer=installation_footer(db), printed_at=now or dt.datetime.now(),
        reported=sum(1 for r in totals if r.value is not None), expected=len(totals), programme=cat.programme,
        coverage=paper_coverage(db, unit, p), judging=judging)


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


@dataclass(slots=True)
class DetailLine:
    """One line of the units × indicators sheet, kept small: the national report has ten thousand.

    `cells` follows Consolidated.indicators: None where the indicator is not the unit's (not entered
    at its level), else (value, numerator, denominator) of its total — value None: not reported.
    """

    unit: units_repo.Unit
    stt: str  # the running number of a commune ("" on subtotal and total lines)
    label: str  # the unit's name, "Cộng huyện …" or "Toàn tỉnh"
    strong: bool  # a subtotal or the total
    reported_any: bool
    cells: tuple[tuple[float | None, int | None, int | None] | None, ...]


@dataclass
class AgencyLine:
    agency: str
    districts: list[str]  # names
    target_groups: str
    values: dict[tuple[str, str | None], tuple[int | None, int | None, float | None]]  # num, den, value


@dataclass
class Consolidated(_PeriodProgramme):
    root: UnitLine
    period: Period
    header: DocumentHeader
    indicators: list[Indicator]
    blocks: list[Block]  # the root's districts and their communes (two levels: what the PDF prints)
    agencies: list[AgencyLine]
    footer: str
    printed_at: dt.datetime
    summary: ProgressSheet | None = None  # the root's own figures against the previous period
    units_expected: int = 0  # communes below the root
    units_reported: int = 0  # of them, those with at least one figure this period
    # Every unit below the root at any depth, communes first, each district (province…) after its
    # communes as a subtotal, the root last: the Excel sheet "TheoDonVi".
    detail: list[DetailLine] = field(default_factory=list)
    programme: Programme | None = None  # the period's programme (targets, legal basis)
    narrative: dict | None = None  # the written sections (reports.narrative), printed after the tables

    @property
    def group_titles(self) -> dict[int, str]:
        return self.period_programme.group_titles
    view_note: str = ""  # an analysis view's note (grouped by former district), "" for the report as is

    @property
    def coverage(self) -> Coverage | None:
        """Units covered (computed): the root's, worked out with its summary."""
        return self.summary.coverage if self.summary is not None else None

    @property
    def derived(self) -> bool:
        return self.summary is not None and self.summary.derived

    @property
    def derived_note(self) -> str:
        return self.summary.derived_note if self.summary is not None else ""

    @property
    def title(self) -> str:
        return "BÁO CÁO TỔNG HỢP\nKẾT QUẢ THỰC HIỆN KẾ HOẠCH XÂY DỰNG XÃ HỘI HỌC TẬP"

    @property
    def subtitle(self) -> str:
        return f"Kỳ báo cáo: {self.period.label_vi} ({self.period.code}) — {self.root.unit.name}"

    def all_lines(self) -> list[UnitLine]:
        """Root first, then each block's head and members (the PDF's two levels)."""
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
    """Sum numerators and denominators (or counts) of disjoint units; rates from the sums
    (domain.aggregation.sum_rows)."""
    return {(ind.code, bd): sum_rows(ind.kind, [ln.get(ind.code, bd) for ln in lines])
            for ind in indicators for bd in entry_keys(ind)}


def consolidated(db: sqlite_utils.Database, root_id: int, period: str | Period, *,
                 now: dt.datetime | None = None, progress: ProgressFn | None = None,
                 activities: bool = True) -> Consolidated:
    """Units × indicators under a district or the province, with subtotals and the agency view.

    One pass up the tree (tree_values): every unit's figures become a small DetailLine as soon as
    they are computed; full figures are kept for the root's two levels below only (the PDF's
    blocks and the agency view). `activities=False` leaves out the centres' activity summary, which
    only the PDF prints.
    """
    p = period if isinstance(period, Period) else parse_period(period)
    units = all_units(db)
    root_unit = units[root_id]
    indicators = _indicators_for(db, root_unit.level, p)
    keys = [(i.code, None) for i in indicators]
    near: dict[int, dict[tuple[str, str | None], ValueRow]] = {}  # depth ≤ 2
    kids_of: dict[int, tuple[int, ...]] = {}
    root_rows: list[ValueRow] = []
    detail: list[DetailLine] = []
    number = expected = reported = 0
    for node, rows in tree_values(db, root_id, p, units=units, progress=progress):
        assert rows is not None
        unit = units[node.id]
        values = {(r.indicator, r.breakdown): r for r in rows}
        reported_any = any(r.value is not None for r in rows)
        leaf = not node.kids
        if node.depth <= 2:
            near[node.id] = values
            kids_of[node.id] = node.kids
        if node.depth == 0:
            root_rows = rows
            stt, label = "", total_label(unit)
        elif leaf:
            number += 1
            stt, label = str(number), unit.name
        else:
            stt, label = "", subtotal_label(unit)
        cells = []
        for key in keys:
            r = values.get(key)
            cells.append(None if r is None else (r.value, r.numerator, r.denominator))
        detail.append(DetailLine(unit, stt, label, node.depth == 0 or not leaf, reported_any, tuple(cells)))
        # Communes count where the report lists them as members (a district's, or the root's own).
        if unit.level == "xa" and (node.depth >= 2 or (node.depth == 1 and leaf)):
            expected += 1
            reported += reported_any

    def line(uid: int, depth: int, subtotal: bool = False) -> UnitLine:
        return UnitLine(units[uid], depth, near[uid], subtotal)

    def kids(uid: int) -> list[int]:
        return sorted(kids_of.get(uid, ()), key=lambda c: units[c].code)

    root = line(root_id, 0)
    blocks: list[Block] = []
    direct = kids(root_id)
    leaf_children = [c for c in direct if not kids(c)]
    if leaf_children:  # communes straight under the root (a district, or the province after 2025)
        blocks.append(Block(root, [line(c, 1) for c in leaf_children]))
    for c in direct:
        if kids(c):
            blocks.append(Block(line(c, 1, subtotal=True), [line(g, 2) for g in kids(c)]))
    agencies: list[AgencyLine] = []
    if root_unit.level == "tinh":
        by_code_line = {b.head.unit.code: b.head for b in blocks if b.head is not root}
        for a in load_monitoring():
            heads = [by_code_line[c] for c in a["districts"] if c in by_code_line]
            if not heads:
                continue
            agencies.append(AgencyLine(a["agency"], [h.unit.name for h in heads], a["target_groups"],
                                       _sum_lines(heads, indicators)))
    # The root's previous period for the "Kỳ trước" column (within the programme: change_period).
    compare = change_period(p)
    previous = compute_values(db, root_id, compare) if compare is not None else []
    return Consolidated(
        root=root, period=p, header=document_header(db, root_unit, p, "consolidated"), indicators=indicators,
        blocks=blocks, agencies=agencies, footer=installation_footer(db), printed_at=now or dt.datetime.now(),
        summary=_progress_sheet(db, root_unit, p, root_rows, previous, now=now, activities=activities),
        units_expected=expected, units_reported=reported, detail=detail, programme=programme_for_period(p))


def default_report_unit(db: sqlite_utils.Database) -> units_repo.Unit | None:
    inst = get_installation(db)
    return inst.unit if inst else None


# ---- history through the lineage (derived figures, coverage, former districts) -------------------

def derived_note_vi(derived: bool, previous_derived: bool, previous: Period | None) -> str:
    """The note a paper prints when figures come from the former communes; "" when none do."""
    if derived:
        return (f"Số liệu kỳ này {DERIVED_NOTE_VI} (đơn vị chưa thành lập trong kỳ): tử số, mẫu số và số lượng "
                "cộng lại; chỉ tiêu đạt/chưa tính bằng tỷ lệ xã trước sáp nhập đạt; chỉ tính các xã đã báo cáo.")
    if previous_derived and previous is not None:
        return (f"Số liệu kỳ trước ({previous.code}) {DERIVED_NOTE_VI}: chỉ tiêu đạt/chưa của kỳ trước là tỷ lệ "
                "xã trước sáp nhập đạt (so sánh theo điểm %).")
    return ""


def paper_coverage(db: sqlite_utils.Database, unit: units_repo.Unit, p: Period) -> Coverage:
    """What a paper of `unit` for `p` covers, worked out from the units (db.lineage.coverage)."""
    from xhht_desktop.db import lineage  # noqa: PLC0415
    return lineage.coverage(db, unit, p)


FORMER_DISTRICT_NOTE_VI = ("Các xã, phường được nhóm theo địa bàn huyện cũ (trước 01/07/2025) để phân tích; "
                           "từ 01/07/2025 không còn cấp huyện, đây không phải cấp báo cáo.")


def group_by_former_district(db: sqlite_utils.Database, rep: Consolidated) -> Consolidated:
    """The consolidated report with the root's communes grouped by the district their former communes
    belonged to — an analysis view of a unit without districts (today's province), never a reporting
    level: the total stays the root's own figures. Reports with districts are returned unchanged."""
    import dataclasses  # noqa: PLC0415

    from xhht_desktop.db import lineage  # noqa: PLC0415
    from xhht_desktop.domain.lineage import former_district_groups  # noqa: PLC0415
    flat = [b for b in rep.blocks if b.head is rep.root]
    if not flat or len(flat) != len(rep.blocks):
        return rep
    members = flat[0].members

    def districts_of(line: UnitLine) -> list[tuple[str, str]]:
        return lineage.former_districts(db, line.unit)

    blocks: list[Block] = []
    for name, lines in former_district_groups(members, districts_of):
        if not name:
            blocks.append(Block(rep.root, lines))
            continue
        first = lineage.former_districts(db, lines[0].unit)
        code = next((c for c, n in first if n == name), "")
        district = units_repo.find_unit(db, code, rep.period) if code else None
        head_unit = dataclasses.replace(
            district if district is not None else rep.root, id=-(len(blocks) + 1), name=f"{name} (cũ)")
        head = UnitLine(head_unit, 1, group_rows(rep.indicators, [ln.values for ln in lines], head_unit.code,
                                                 rep.period), is_subtotal=True)
        blocks.append(Block(head, [dataclasses.replace(ln, depth=2) for ln in lines]))
    blocks.sort(key=lambda b: b.head is not rep.root)
    return dataclasses.replace(rep, blocks=blocks, agencies=[], view_note=FORMER_DISTRICT_NOTE_VI)
