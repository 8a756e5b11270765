"""How core objects read on screen: labels for periods, groups, targets, values and statuses.

Plain functions over core objects (no widgets), shared by the dashboard, the entry page and the
dialogs. Vietnamese is the source language; every word goes through `QCoreApplication.translate`
so an English `.qm` can replace it (numbers stay Vietnamese-style: they are official figures).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from xhht_desktop.domain.catalogue import GROUP_TITLES_VI, Indicator, Programme
from xhht_desktop.domain.periods import Period
from xhht_desktop.domain.values import format_decimal, format_int, format_percent, rate
from xhht_desktop.reports import verdict as verdict_codes


# Short tab labels for the plan's five groups; full titles as in catalogue.GROUP_TITLES_VI.
GROUP_SHORT_VI = {
    1: QT_TRANSLATE_NOOP("Groups", "Xóa mù chữ, phổ cập"),
    2: QT_TRANSLATE_NOOP("Groups", "Tin học, ngoại ngữ"),
    3: QT_TRANSLATE_NOOP("Groups", "Chuyên môn, tay nghề"),
    4: QT_TRANSLATE_NOOP("Groups", "Kỹ năng sống"),
    5: QT_TRANSLATE_NOOP("Groups", "TTHTCĐ, mô hình học tập"),
}
_GROUP_TITLES = {
    1: QT_TRANSLATE_NOOP("Groups", "1. Xóa mù chữ và phổ cập giáo dục"),
    2: QT_TRANSLATE_NOOP("Groups", "2. Nâng cao trình độ tin học, ngoại ngữ"),
    3: QT_TRANSLATE_NOOP("Groups", "3. Nâng cao trình độ chuyên môn, nghiệp vụ, tay nghề"),
    4: QT_TRANSLATE_NOOP("Groups", "4. Hoàn thiện kỹ năng sống"),
    5: QT_TRANSLATE_NOOP("Groups", "5. Trung tâm học tập cộng đồng và các mô hình học tập"),
}
# The 2021–2030 programme groups its indicators differently (catalogue.GROUP_TITLES_2130_VI).
GROUP_SHORT_2130_VI = {
    1: QT_TRANSLATE_NOOP("Groups", "Xóa mù chữ, phổ cập"),
    2: QT_TRANSLATE_NOOP("Groups", "Năng lực, trình độ"),
    3: QT_TRANSLATE_NOOP("Groups", "Chuyển đổi số, TTHTCĐ"),
    4: QT_TRANSLATE_NOOP("Groups", "Mô hình học tập"),
    5: QT_TRANSLATE_NOOP("Groups", "Thư viện, bảo tàng"),
    6: QT_TRANSLATE_NOOP("Groups", "Lãnh đạo, kinh phí"),
}
_GROUP_TITLES_2130 = {
    1: QT_TRANSLATE_NOOP("Groups", "1. Xóa mù chữ và phổ cập giáo dục"),
    2: QT_TRANSLATE_NOOP("Groups", "2. Năng lực và trình độ của người dân"),
    3: QT_TRANSLATE_NOOP("Groups", "3. Chuyển đổi số trong giáo dục và trung tâm học tập cộng đồng"),
    4: QT_TRANSLATE_NOOP("Groups", "4. Các mô hình học tập và danh hiệu học tập"),
    5: QT_TRANSLATE_NOOP("Groups", "5. Thư viện, bảo tàng phục vụ học tập suốt đời"),
    6: QT_TRANSLATE_NOOP("Groups", "6. Lãnh đạo, kinh phí và phong trào thi đua"),
}
PROGRAMME_NAMES_VI = {
    "KH2780": QT_TRANSLATE_NOOP("Programmes", "Kế hoạch 2780/KH-UBND (2013–2020)"),
    "XHHT2130": QT_TRANSLATE_NOOP("Programmes", "Đề án XHHT 2021–2030 (QĐ 1373/QĐ-TTg)"),
}
DRAFT_TARGET = QT_TRANSLATE_NOOP("Targets", "mục tiêu dự thảo, chưa được Sở xác nhận")
FIELD_LABELS_VI = {
    "numerator": QT_TRANSLATE_NOOP("Fields", "Tử số"),
    "denominator": QT_TRANSLATE_NOOP("Fields", "Mẫu số"),
    "value": QT_TRANSLATE_NOOP("Fields", "Giá trị"),
    "comment": QT_TRANSLATE_NOOP("Fields", "Ghi chú"),
    "complete": QT_TRANSLATE_NOOP("Fields", "Hoàn thành"),
    "row": QT_TRANSLATE_NOOP("Fields", "Dòng"),
    "decision_no": QT_TRANSLATE_NOOP("Fields", "Số quyết định"),
    "decision_date": QT_TRANSLATE_NOOP("Fields", "Ngày quyết định"),
    "decision_body": QT_TRANSLATE_NOOP("Fields", "Cơ quan công nhận"),
}
SOURCE_LABELS_VI = {
    "form": QT_TRANSLATE_NOOP("Sources", "nhập tay"),
    "xlsx": QT_TRANSLATE_NOOP("Sources", "biểu Excel"),
    "sample": QT_TRANSLATE_NOOP("Sources", "dữ liệu mẫu"),
    "sync": QT_TRANSLATE_NOOP("Sources", "gói đồng bộ"),
    "merge": QT_TRANSLATE_NOOP("Sources", "hợp nhất"),
}
BREAKDOWN_LABELS = {
    None: QT_TRANSLATE_NOOP("Breakdowns", "Tổng số"),
    "nu": QT_TRANSLATE_NOOP("Breakdowns", "Nữ"),
    "dtts": QT_TRANSLATE_NOOP("Breakdowns", "Dân tộc thiểu số"),
}
BREAKDOWN_SHORT = {
    None: QT_TRANSLATE_NOOP("Breakdowns", "Tổng số"),
    "nu": QT_TRANSLATE_NOOP("Breakdowns", "Nữ"),
    "dtts": QT_TRANSLATE_NOOP("Breakdowns", "DTTS"),
}
ROLE_LABELS = {
    "commune": QT_TRANSLATE_NOOP("Roles", "Cán bộ xã"),
    "district": QT_TRANSLATE_NOOP("Roles", "Phòng GD&ĐT huyện"),
    "department": QT_TRANSLATE_NOOP("Roles", "Sở GD&ĐT"),
}

# Status of a figure against its target, used for colours and words.
# The codes of the one verdict scale screen and paper share (xhht_desktop.reports.verdict).
MET, CLOSE, FAR, NO_TARGET, NOT_REPORTED, TOO_FEW = verdict_codes.MET, verdict_codes.CLOSE, verdict_codes.FAR, \
    verdict_codes.NO_TARGET, verdict_codes.NOT_REPORTED, verdict_codes.TOO_FEW
STATUS_LABELS_VI = {
    MET: QT_TRANSLATE_NOOP("Status", "Đạt"),
    CLOSE: QT_TRANSLATE_NOOP("Status", "Gần đạt"),
    FAR: QT_TRANSLATE_NOOP("Status", "Chưa đạt"),
    NO_TARGET: QT_TRANSLATE_NOOP("Status", "Không đặt mục tiêu"),
    NOT_REPORTED: QT_TRANSLATE_NOOP("Status", "Chưa báo cáo"),
    TOO_FEW: QT_TRANSLATE_NOOP("Status", "Chưa đủ số đơn vị báo cáo để đánh giá"),
}
STATUS_COLOURS = {
    MET: "#2e7d32",
    CLOSE: "#e0a100",
    FAR: "#c62828",
    NO_TARGET: "#1e6fb8",
    NOT_REPORTED: "#9e9e9e",
    TOO_FEW: "#78909c",
}


def indicator_name(ind: Indicator) -> str:
    """The indicator's name in the interface language (the catalogue carries Vietnamese and English)."""
    try:
        from ui import i18n
    except ImportError:  # the language feature is not in this build
        return ind.name_vi
    return ind.name_en if i18n.current_language() == "en" and ind.name_en else ind.name_vi


def group_short(group: int, programme: str = "KH2780") -> str:
    table = GROUP_SHORT_2130_VI if programme == "XHHT2130" else GROUP_SHORT_VI
    return QCoreApplication.translate("Groups", table.get(group, str(group)))


def group_title(group: int, programme: str = "KH2780") -> str:
    if programme == "XHHT2130":
        return QCoreApplication.translate("Groups", _GROUP_TITLES_2130.get(group, str(group)))
    return QCoreApplication.translate("Groups", _GROUP_TITLES.get(group, GROUP_TITLES_VI.get(group, str(group))))


def programme_name(programme: Programme | str) -> str:
    code = programme if isinstance(programme, str) else programme.code
    if code in PROGRAMME_NAMES_VI:
        return QCoreApplication.translate("Programmes", PROGRAMME_NAMES_VI[code])
    return code if isinstance(programme, str) else programme.name_vi


def draft_note() -> str:
    """"mục tiêu dự thảo, chưa được Sở xác nhận"."""
    return QCoreApplication.translate("Targets", DRAFT_TARGET)


def degree_text(degree: float | int | None) -> str:
    """A degree of kind `level`: 0 "Chưa đạt", n "Mức độ n"; blank "Chưa báo cáo"."""
    if degree is None:
        return status_label(NOT_REPORTED)
    n = int(degree)
    if n <= 0:
        return QCoreApplication.translate("Levels", "Chưa đạt")
    return QCoreApplication.translate("Levels", "Mức độ {n}").format(n=n)


def field_name(field: str) -> str:
    return QCoreApplication.translate("Fields", FIELD_LABELS_VI.get(field, field))


def source_name(source: str | None) -> str:
    return QCoreApplication.translate("Sources", SOURCE_LABELS_VI[source]) if source in SOURCE_LABELS_VI else (source or "")


def breakdown_name(breakdown: str | None, short: bool = False) -> str:
    table = BREAKDOWN_SHORT if short else BREAKDOWN_LABELS
    return QCoreApplication.translate("Breakdowns", table[breakdown]) if breakdown in table else str(breakdown)


def role_label(role: str) -> str:
    return QCoreApplication.translate("Roles", ROLE_LABELS[role]) if role in ROLE_LABELS else role


def status_label(status: str) -> str:
    return QCoreApplication.translate("Status", STATUS_LABELS_VI.get(status, status))


def period_name(period: Period) -> str:
    """"6 tháng đầu năm 2014", "6 tháng cuối năm 2014", "Cả năm 2014"."""
    if period.half == 1:
        return QCoreApplication.translate("Periods", "6 tháng đầu năm {year}").format(year=period.year)
    if period.half == 2:
        return QCoreApplication.translate("Periods", "6 tháng cuối năm {year}").format(year=period.year)
    return QCoreApplication.translate("Periods", "Cả năm {year}").format(year=period.year)


def period_label(period: Period) -> str:
    """"6 tháng đầu năm 2014 (2014-H1)"."""
    return f"{period_name(period)} ({period.code})"


def op_symbol(op: str | None) -> str:
    if op == "increase":
        return QCoreApplication.translate("Targets", "tăng")
    return {">=": "≥", ">": ">"}.get(op or "", "")


def target_text(ind: Indicator, year: int) -> str:
    """One target as read in the plan: "≥ 96%", "> 98%", "đạt", "—"."""
    if ind.target_op == "increase":
        return QCoreApplication.translate("Targets", "cao hơn cùng kỳ năm trước")
    target = ind.targets.get(year) if ind.targets else ind.target_for_year(year)
    if target is None:
        return "—"
    if ind.kind == "level":
        return QCoreApplication.translate("Targets", "{op} mức độ {n}").format(
            op=op_symbol(ind.target_op), n=format_number(target)).strip()
    if ind.kind == "flag":
        if target >= 100:
            return QCoreApplication.translate("Targets", "đạt")
        return QCoreApplication.translate("Targets", "{op} {target}% đơn vị đạt").format(op=op_symbol(ind.target_op),
                                                                       target=format_number(target))
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
    return QCoreApplication.translate("Units", "{number} điểm").format(number=f"{sign}{text}")


def format_signed_int(x: float | None) -> str:
    if x is None:
        return ""
    sign = "+" if x > 0 else "−" if x < 0 else "±"
    return f"{sign}{format_int(abs(x))}"


def flag_text(value: float | None) -> str:
    if value is None:
        return status_label(NOT_REPORTED)
    return QCoreApplication.translate("Flags", "Đạt / Có") if value >= 1 else QCoreApplication.translate("Flags", "Chưa đạt / Không")


def value_text(kind: str, value: float | None, *, own_flag: bool, derived: bool = False) -> str:
    """A figure as shown: a rate "97,80%", a count "12", a unit's own flag "Đạt / Có"; a figure derived
    from the communes before the 2025 merger carries DERIVED_MARK ("64,67% *")."""
    if value is None:
        return status_label(NOT_REPORTED)
    if kind == "count":
        text = format_int(value)
    elif kind == "flag" and own_flag and not derived:
        text = flag_text(value)
    elif kind == "level" and own_flag and not derived:
        text = degree_text(value)
    else:
        text = format_percent(value)
    return f"{text} {DERIVED_MARK}" if derived else text


# A figure of a period before the unit existed, combined from its former communes (db.lineage).
DERIVED_MARK = "*"


def derived_note(reported: int, expected: int) -> str:
    """"* ghép từ số liệu các xã trước sáp nhập (3/5 xã đã báo cáo)"."""
    return QCoreApplication.translate(
        "Lineage", "{mark} ghép từ số liệu các xã trước sáp nhập ({n}/{total} xã đã báo cáo)").format(
        mark=DERIVED_MARK, n=reported, total=expected)


def judge_status(met: bool | None, value: float | None, gap: float | None, target: float | None,
                 reported: int = 0, expected: int = 0, threshold: float = verdict_codes.DEFAULT_COVERAGE) -> str:
    """Colour class of a figure on the paper's scale (reports.verdict): blank is grey, never red;
    "close" is within a few points of the target; a higher level with too few units reported is
    not judged."""
    row = SimpleNamespace(value=value, met=met, target=target, gap=gap, kind="", units_reported=reported,
                          units_expected=expected)
    return verdict_codes.verdict(row, threshold)


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
    women_rate = rate(*women)
    men_rate = None
    if None not in total and None not in women:
        men_num = total[0] - women[0]
        men_den = total[1] - women[1]
        if men_num >= 0 and men_den > 0 and men_num <= men_den:
            men_rate = rate(men_num, men_den)
    return LiteracyGap(indicator, women_rate, men_rate)
