"""The indicator catalogue of plan 2780/KH-UBND, loaded from resources/catalogue/indicators.csv."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from xhht_desktop.paths import resource_path

KINDS = ("rate", "flag", "count", "trend")
LEVELS = ("xa", "huyen", "tinh")
BREAKDOWNS = ("nu", "dtts")
BREAKDOWN_LABELS_VI = {None: "Tổng số", "nu": "Nữ", "dtts": "Dân tộc thiểu số"}
LEVEL_LABELS_VI = {"xa": "cấp xã", "huyen": "cấp huyện", "tinh": "cấp tỉnh"}
GROUP_TITLES_VI = {
    1: "1. Xóa mù chữ và phổ cập giáo dục",
    2: "2. Nâng cao trình độ tin học, ngoại ngữ",
    3: "3. Nâng cao trình độ chuyên môn, nghiệp vụ, tay nghề",
    4: "4. Hoàn thiện kỹ năng sống",
    5: "5. Trung tâm học tập cộng đồng và các mô hình học tập",
}


@dataclass(frozen=True)
class Indicator:
    code: str
    group: int
    name_vi: str
    name_en: str
    kind: str  # rate | flag | count | trend
    levels: tuple[str, ...]
    numerator_vi: str
    denominator_vi: str
    periodicity: str  # "6t+nam" | "nam"
    target_2015: float | None
    target_2020: float | None
    target_op: str | None  # ">=" | ">" | "increase" | None
    breakdowns: tuple[str, ...]
    owner: str
    plan_ref: str

    @property
    def has_fraction(self) -> bool:
        """Rates and trends store a numerator and a denominator; flags and counts one value."""
        return self.kind in ("rate", "trend")

    @property
    def unit_label_vi(self) -> str:
        return {"rate": "%", "trend": "%", "flag": "đạt/chưa", "count": "số lượng"}[self.kind]

    def target_for_year(self, target_year: int) -> float | None:
        return self.target_2015 if target_year <= 2015 else self.target_2020

    def entered_at(self, level: str) -> bool:
        return level in self.levels


def _num(text: str) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(";") if part.strip())


@lru_cache(maxsize=1)
def _raw_catalogue() -> bytes:
    return resource_path("catalogue", "indicators.csv").read_bytes()


def catalogue_version() -> str:
    """Short content hash of the shipped catalogue; sync packages carry it."""
    return hashlib.sha256(_raw_catalogue()).hexdigest()[:12]


@lru_cache(maxsize=1)
def load_catalogue() -> tuple[Indicator, ...]:
    rows = csv.DictReader(_raw_catalogue().decode("utf-8").splitlines())
    out = []
    for row in rows:
        kind = row["kind"].strip()
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} for {row['code']}")
        out.append(
            Indicator(
                code=row["code"].strip(),
                group=int(row["group"]),
                name_vi=row["name_vi"].strip(),
                name_en=row["name_en"].strip(),
                kind=kind,
                levels=_split(row["levels"]),
                numerator_vi=row["numerator_vi"].strip(),
                denominator_vi=row["denominator_vi"].strip(),
                periodicity=row["periodicity"].strip(),
                target_2015=_num(row["target_2015"]),
                target_2020=_num(row["target_2020"]),
                target_op=row["target_op"].strip() or None,
                breakdowns=_split(row["breakdowns"]),
                owner=row["owner"].strip(),
                plan_ref=row["plan_ref"].strip(),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def by_code() -> dict[str, Indicator]:
    return {ind.code: ind for ind in load_catalogue()}


def indicator(code: str) -> Indicator:
    return by_code()[code]


def indicators_for_level(level: str) -> list[Indicator]:
    """What a unit of this level enters itself (commune `xa`, district `huyen`, province `tinh`)."""
    return [ind for ind in load_catalogue() if level in ind.levels]


def indicators_visible_at(level: str) -> list[Indicator]:
    """What a level reports: its own entries and everything entered below it."""
    order = {"xa": 0, "huyen": 1, "tinh": 2}
    return [ind for ind in load_catalogue() if min(order[lv] for lv in ind.levels) <= order[level]]


def entry_keys(ind: Indicator) -> list[str | None]:
    """The total (None) then each breakdown code."""
    return [None, *ind.breakdowns]


def row_code(indicator_code: str, breakdown: str | None) -> str:
    """Template row code: `XMC_15_60` or `XMC_15_60.nu`."""
    return indicator_code if breakdown is None else f"{indicator_code}.{breakdown}"


def split_row_code(code: str) -> tuple[str, str | None]:
    base, _, suffix = code.strip().partition(".")
    return base, (suffix or None)
