"""How core objects read on screen: Vietnamese labels for periods, targets, values and statuses.

Pure functions over core objects (no widgets), shared by the dashboard, the entry page and dialogs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xhht_desktop.domain.catalogue import Indicator
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import format_decimal, format_int, format_percent

# Short tab/sidebar labels for the plan's five groups (the full titles are in catalogue.GROUP_TITLES_VI).
GROUP_SHORT_VI = {
    1: "Xóa mù chữ, phổ cập",
    2: "Tin học, ngoại ngữ",
    3: "Chuyên môn, tay nghề",
    4: "Kỹ năng sống",
    5: "TTHTCĐ, mô hình học tập",
}

FIELD_LABELS_VI = {"numerator": "Tử số", "denominator": "Mẫu số", "value": "Giá trị", "comment": "Ghi chú",
                   "complete": "Hoàn thành"}
SOURCE_LABELS_VI = {"form": "nhập tay", "xlsx": "biểu Excel", "sample": "dữ liệu mẫu", "sync": "gói đồng bộ",
                    "merge": "hợp nhất"}

# Status of a figure against its target, used for colours and words.
MET, CLOSE, FAR, NO_TARGET, NOT_REPORTED = "met", "close", "far", "no_target", "not_reported"
STATUS_LABELS_VI = {
    MET: "Đạt",
    CLOSE: "Gần đạt",
    FAR: "Chưa đạt",
    NO_TARGET: "Không đặt mục tiêu",
    NOT_REPORTED: "Chưa báo cáo",
}
STATUS_COLOURS = {
    MET: "#2e7d32",
    CLOSE: "#e0a100",
    FAR: "#c62828",
    NO_TARGET: "#1e6fb8",
    NOT_REPORTED: "#9e9e9e",
}


def period_label(period: Period) -> str:
    """"6 tháng đầu năm 2014 (2014-H1)"."""
    return f"{period.label_vi} ({period.code})"


def op_symbol(op: str | None) -> str:
    return {">=": "≥", ">": ">", "increase": "tăng"}.get(op or "", "")


def target_text(ind: Indicator, year: int) -> str:
    """One target as read in the plan: "≥ 96%", "> 98%", "tăng so với cùng kỳ", "—"."""
    if ind.target_op == "increase":
        return "cao hơn cùng kỳ năm trước"
    target = ind.target_for_year(year)
    if target is None:
        return "—"
    if ind.kind == "flag":
        return "đạt" if target >= 100 else f"{op_symbol(ind.target_op)} {format_number(target)}% đơn vị đạt"
    if ind.kind == "count":
        return f"{op_symbol(ind.target_op)} {format_number(target)}"
    return f"{op_symbol(ind.target_op)} {format_number(target)}%"


def format_number(x: float | None) -> str:
    """A target or a count: whole numbers without decimals, others with a comma."""
    if x is None:
        return ""
    if float(x).is_integer():
        return format_int(x)
    return format_decimal(x, 1)


def format_points(x: float | None, signed: bool = True) -> str:
    """A difference in percentage points: "+2,30 điểm", "−1,05 điểm"."""
    if x is None:
        return ""
    text = format_decimal(abs(x), 2)
    sign = ("+" if x > 0 else "−" if x < 0 else "±") if signed else ""
    return f"{sign}{text} điểm"


def format_signed_int(x: float | None) -> str:
    if x is None:
        return ""
    sign = "+" if x > 0 else "−" if x < 0 else "±"
    return f"{sign}{format_int(abs(x))}"


def value_text(kind: str, value: float | None, *, own_flag: bool) -> str:
    """A figure as shown: a rate "97,80%", a count "12", a unit's own flag "Đạt"/"Chưa đạt"."""
    if value is None:
        return "Chưa báo cáo"
    if kind == "count":
        return format_int(value)
    if kind == "flag" and own_flag:
        return "Đạt / Có" if value >= 1 else "Chưa đạt / Không"
    return format_percent(value)


def judge_status(met: bool | None, value: float | None, gap: float | None, target: float | None) -> str:
    """Colour class of a figure: blank is grey, never red; "close" is within a few points of the target."""
    if value is None:
        return NOT_REPORTED
    if met is None or target is None:
        return NO_TARGET
    if met:
        return MET
    # Close = within 5 points, or a quarter of a small target (3% target: 0,75 points).
    tolerance = min(5.0, 0.25 * abs(target)) if target else 5.0
    if gap is not None and gap >= -tolerance:
        return CLOSE
    return FAR


def format_timestamp(iso: str | None) -> str:
    """"2026-11-27T14:03:07+00:00" -> "27/11/2026 14:03" (local time)."""
    if not iso:
        return ""
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone()
    return stamp.strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class LiteracyGap:
    """Women's and men's literacy for one indicator; men = total − women (numerators and denominators)."""

    indicator: str
    women_rate: float | None
    men_rate: float | None

    @property
    def gap_points(self) -> float | None:
        if self.women_rate is None or self.men_rate is None:
            return None
        return self.men_rate - self.women_rate


def literacy_gap(indicator: str, total: tuple[int | None, int | None],
                 women: tuple[int | None, int | None]) -> LiteracyGap:
    """Men's figures are what is left of the total once the women are taken out."""
    from xhht_desktop.domain.values import rate

    women_rate = rate(*women)
    men_rate = None
    if None not in total and None not in women:
        men_num = total[0] - women[0]
        men_den = total[1] - women[1]
        if men_num >= 0 and men_den > 0 and men_num <= men_den:
            men_rate = rate(men_num, men_den)
    return LiteracyGap(indicator, women_rate, men_rate)
