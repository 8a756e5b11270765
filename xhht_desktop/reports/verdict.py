"""One verdict scale for the screen and the paper, and when a verdict cannot be given yet.

A figure against its target is "Đạt", "Gần đạt" (not met, but within five percentage points, or a
quarter of a small target) or "Chưa đạt"; a degree (kind `level`) is met or not. A higher level's
figure rests on the units that reported: below the coverage threshold (default two thirds of the
units expected; settable per installation) the verdict is "chưa đủ số đơn vị báo cáo để đánh giá",
and above it the paper says how many units it rests on ("Đạt (70/102 đơn vị)").

The core returns codes; the words below are the Vietnamese the papers print, the interface
translates the same codes (ui.models.presentation).
"""

from __future__ import annotations

import sqlite_utils

from xhht_desktop.db import meta

MET, CLOSE, FAR, NO_TARGET, NOT_REPORTED, TOO_FEW = (
    "met", "close", "far", "no_target", "not_reported", "too_few")
VERDICT_VI = {
    MET: "Đạt",
    CLOSE: "Gần đạt",
    FAR: "Chưa đạt",
    NO_TARGET: "",
    NOT_REPORTED: "",
    TOO_FEW: "Chưa đủ số đơn vị báo cáo để đánh giá",
}
CLOSE_NOTE_VI = ("«Gần đạt»: chưa đạt mục tiêu, còn thiếu không quá 5 điểm phần trăm (mục tiêu nhỏ: không quá "
                 "một phần tư mục tiêu).")

COVERAGE_KEY = "coverage_threshold"
DEFAULT_COVERAGE = 2 / 3


class CoverageError(ValueError):
    def __init__(self, value):
        super().__init__("coverage")
        self.code = "coverage"
        self.params = {"value": value}


COVERAGE_MESSAGE_VI = "Ngưỡng đánh giá phải là phần trăm từ 1 đến 100 (nhận được «{value}»)."


def coverage_threshold(db: sqlite_utils.Database) -> float:
    """The share of the units expected that must have reported before a higher level is judged."""
    raw = meta.get(db, COVERAGE_KEY)
    try:
        value = float(raw) if raw is not None else DEFAULT_COVERAGE
    except ValueError:
        return DEFAULT_COVERAGE
    return value if 0 < value <= 1 else DEFAULT_COVERAGE


def parse_coverage(text: str | float) -> float:
    """"60" or "60%" (percent) -> 0.6; raises CoverageError."""
    try:
        value = float(str(text).strip().rstrip("%").replace(",", "."))
    except ValueError:
        raise CoverageError(text) from None
    if not 1 <= value <= 100:
        raise CoverageError(text)
    return value / 100


def set_coverage_threshold(db: sqlite_utils.Database, fraction: float) -> None:
    if not 0 < fraction <= 1:
        raise CoverageError(fraction)
    meta.put(db, COVERAGE_KEY, repr(float(fraction)))


def close_tolerance(target: float | None) -> float:
    """Within 5 points, or a quarter of a small target (3% target: 0,75 points)."""
    return min(5.0, 0.25 * abs(target)) if target else 5.0


def enough_units(reported: int, expected: int, threshold: float = DEFAULT_COVERAGE) -> bool:
    """A figure over `expected` units (more than one) rests on enough of them to be judged."""
    return expected <= 1 or reported >= threshold * expected - 1e-9


def verdict(row, threshold: float = DEFAULT_COVERAGE) -> str:
    """The verdict code of an aggregate.ValueRow."""
    if row.value is None:
        return NOT_REPORTED
    if row.met is None or row.target is None:
        return NO_TARGET
    if not enough_units(row.units_reported, row.units_expected, threshold):
        return TOO_FEW
    if row.met:
        return MET
    if row.kind != "level" and row.gap is not None and row.gap >= -close_tolerance(row.target):
        return CLOSE
    return FAR


def verdict_text(row, threshold: float = DEFAULT_COVERAGE) -> str:
    """As printed: "Đạt", "Gần đạt", "Chưa đạt"; above one unit "Đạt (70/102 đơn vị)"; too few units
    reported: "Chưa đủ số đơn vị báo cáo để đánh giá (7/102)"."""
    code = verdict(row, threshold)
    text = VERDICT_VI[code]
    if text and row.units_expected > 1:
        suffix = f"{row.units_reported}/{row.units_expected}"
        text += f" ({suffix})" if code == TOO_FEW else f" ({suffix} đơn vị)"
    return text
