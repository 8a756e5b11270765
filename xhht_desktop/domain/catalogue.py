"""The indicator catalogues of the two programmes the app follows, loaded from resources/catalogue/.

* `KH2780` — plan 2780/KH-UBND of Kon Tum (implementing QĐ 89/QĐ-TTg), periods 2013-H2 … 2020,
  catalogue `indicators.csv`, targets 2015 and 2020.
* `XHHT2130` — the learning-society programme 2021–2030 (QĐ 1373/QĐ-TTg; Kon Tum KH 3418/KH-UBND and
  KH 1514/KH-UBND), periods 2021 … 2030, catalogue `indicators_2021_2030.csv`, targets 2025 and 2030.

Every period belongs to exactly one programme (`programme_for_period`), and is judged against that
programme's nearest target year at or after it (`Period.target_year`).

Draft targets. A target is a draft ("mục tiêu dự thảo, chưa được Sở xác nhận") when the row's
`plan_ref` marks it "(unsure)". `plan_ref` is a list of clauses separated by ";"; the rule, per clause
holding "(unsure)":
  * the clause names one or more of the programme's target years (e.g. "2030 chưa thấy (unsure)",
    "2030: TVPL trích 60%, bản dịch tiếng Anh ghi 70% (unsure)") -> those target years are drafts,
    whether the catalogue has a figure for them or not (a missing one is for the Department to set);
  * the clause names no target year (e.g. "mẫu số chưa rõ (unsure)") -> it qualifies what the figures
    measure, so every target year that has a figure is a draft; a row without figures gets none
    (such clauses then concern recognition criteria, not targets: PCGDMN_MAU_GIAO, CDHT_XA_MUC_DO,
    TINH_HOC_TAP).
The old module-level helpers (`load_catalogue`, `by_code`, `indicator`, `indicators_for_level`,
`indicators_visible_at`, `catalogue_version`) keep meaning plan 2780.

Shipped and in force. What this module loads from resources is the *seed* (the shipped catalogue).
The catalogue in force is the one a database holds — the seed plus the rows and targets the Department
added or corrected and sent in a reference update — and is read with
`xhht_desktop.db.reference.catalogue_in_db(db, period)` (cached per database, rebuilt when that
database's reference rows change). Everything that judges or shows a unit's figures uses that one;
`catalogue_for` here serves what has no database (the seed written at each open, translations,
labels of a code without a period). Rows are checked with `indicator_row_problem` before they are
stored, wherever they come from (the Department's own input or an update).
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from xhht_desktop.paths import resource_path

if TYPE_CHECKING:  # pragma: no cover
    from xhht_desktop.domain.periods import Period

KINDS = ("rate", "flag", "count", "trend", "level")
LEVELS = ("xa", "huyen", "tinh")
BREAKDOWNS = ("nu", "dtts")
TARGET_OPS = (">=", ">", "increase")  # how a figure is compared with its target (None: not judged)
PERIODICITIES = ("6t+nam", "nam")
BREAKDOWN_LABELS_VI = {None: "Tổng số", "nu": "Nữ", "dtts": "Dân tộc thiểu số"}
LEVEL_LABELS_VI = {"xa": "cấp xã", "huyen": "cấp huyện", "tinh": "cấp tỉnh"}
GROUP_TITLES_VI = {
    1: "1. Xóa mù chữ và phổ cập giáo dục",
    2: "2. Nâng cao trình độ tin học, ngoại ngữ",
    3: "3. Nâng cao trình độ chuyên môn, nghiệp vụ, tay nghề",
    4: "4. Hoàn thiện kỹ năng sống",
    5: "5. Trung tâm học tập cộng đồng và các mô hình học tập",
}
GROUP_TITLES_2130_VI = {
    1: "1. Xóa mù chữ và phổ cập giáo dục",
    2: "2. Năng lực và trình độ của người dân",
    3: "3. Chuyển đổi số trong giáo dục và trung tâm học tập cộng đồng",
    4: "4. Các mô hình học tập và danh hiệu học tập",
    5: "5. Thư viện, bảo tàng phục vụ học tập suốt đời",
    6: "6. Lãnh đạo, kinh phí và phong trào thi đua",
}
DRAFT_TARGET_VI = "mục tiêu dự thảo, chưa được Sở xác nhận"
DRAFT_TARGET_EN = "draft target, not yet confirmed by the Department"
LEVEL_DEGREE_VI = {0: "Chưa đạt", 1: "Mức độ 1", 2: "Mức độ 2", 3: "Mức độ 3"}


@dataclass(frozen=True)
class Programme:
    code: str  # "KH2780" | "XHHT2130"
    name_vi: str
    name_en: str
    first_period: str  # "2013-H2" | "2021"
    last_period: str  # "2020" | "2030"
    target_years: tuple[int, ...]
    legal_basis_vi: tuple[str, ...]
    legal_basis_en: tuple[str, ...]
    catalogue_file: str = field(default="", compare=False, repr=False)
    short_vi: str = field(default="", compare=False, repr=False)  # for titles: "Kế hoạch 2780/KH-UBND"
    group_titles_vi: tuple[tuple[int, str], ...] = field(default=(), compare=False, repr=False)

    @property
    def first_year(self) -> int:
        return int(self.first_period[:4])

    @property
    def last_year(self) -> int:
        return int(self.last_period[:4])

    def covers_year(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def target_year_for(self, year: int) -> int:
        """The nearest target year at or after `year` (the last one for a year past them all)."""
        for ty in self.target_years:
            if year <= ty:
                return ty
        return self.target_years[-1]

    @property
    def group_titles(self) -> dict[int, str]:
        return dict(self.group_titles_vi)


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        code="KH2780",
        name_vi="Kế hoạch xây dựng xã hội học tập tỉnh Kon Tum giai đoạn 2013-2020",
        name_en="Kon Tum plan for building a learning society, 2013-2020",
        first_period="2013-H2",
        last_period="2020",
        target_years=(2015, 2020),
        legal_basis_vi=(
            "Quyết định số 89/QĐ-TTg ngày 09/01/2013 của Thủ tướng Chính phủ phê duyệt Đề án "
            "“Xây dựng xã hội học tập giai đoạn 2012-2020”",
            "Kế hoạch số 2780/KH-UBND ngày 02/12/2013 của UBND tỉnh Kon Tum",
        ),
        legal_basis_en=(
            "Prime Minister's Decision 89/QĐ-TTg of 9 January 2013 approving the scheme "
            "\"Building a learning society, 2012-2020\"",
            "Plan 2780/KH-UBND of 2 December 2013 of the Kon Tum People's Committee",
        ),
        catalogue_file="indicators.csv",
        short_vi="Kế hoạch 2780/KH-UBND",
        group_titles_vi=tuple(GROUP_TITLES_VI.items()),
    ),
    Programme(
        code="XHHT2130",
        name_vi="Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”",
        name_en="Scheme \"Building a learning society, 2021-2030\"",
        first_period="2021",
        last_period="2030",
        target_years=(2025, 2030),
        legal_basis_vi=(
            "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án "
            "“Xây dựng xã hội học tập giai đoạn 2021-2030”",
            "Kế hoạch số 3418/KH-UBND ngày 23/9/2021 của UBND tỉnh Kon Tum",
            "Kế hoạch số 1514/KH-UBND ngày 19/5/2022 của UBND tỉnh Kon Tum",
        ),
        legal_basis_en=(
            "Prime Minister's Decision 1373/QĐ-TTg of 30 July 2021 approving the scheme "
            "\"Building a learning society, 2021-2030\"",
            "Plan 3418/KH-UBND of 23 September 2021 of the Kon Tum People's Committee",
            "Plan 1514/KH-UBND of 19 May 2022 of the Kon Tum People's Committee",
        ),
        catalogue_file="indicators_2021_2030.csv",
        short_vi="Đề án 1373/QĐ-TTg, giai đoạn 2021-2030",
        group_titles_vi=tuple(GROUP_TITLES_2130_VI.items()),
    ),
)
DEFAULT_PROGRAMME = "KH2780"


@dataclass(frozen=True)
class Indicator:
    code: str
    group: int
    name_vi: str
    name_en: str
    kind: str  # rate | flag | count | trend | level
    levels: tuple[str, ...]
    numerator_vi: str
    denominator_vi: str
    periodicity: str  # "6t+nam" | "nam"
    target_op: str | None  # ">=" | ">" | "increase" | None
    breakdowns: tuple[str, ...]
    owner: str
    plan_ref: str
    programme: str = DEFAULT_PROGRAMME
    # target year -> figure (None: the catalogue has none); every target year of the programme is a key
    targets: dict[int, float | None] = field(default_factory=dict, compare=False, hash=False)
    draft_targets: frozenset[int] = frozenset()
    scale: tuple[int, int] | None = None  # kind "level": (0, 2) or (0, 3)

    @property
    def has_fraction(self) -> bool:
        """Rates and trends store a numerator and a denominator; flags, counts and levels one value."""
        return self.kind in ("rate", "trend")

    @property
    def unit_label_vi(self) -> str:
        return {"rate": "%", "trend": "%", "flag": "đạt/chưa", "count": "số lượng", "level": "mức độ"}[self.kind]

    @property
    def target_2015(self) -> float | None:
        return self.targets.get(2015)

    @property
    def target_2020(self) -> float | None:
        return self.targets.get(2020)

    @property
    def target_2025(self) -> float | None:
        return self.targets.get(2025)

    @property
    def target_2030(self) -> float | None:
        return self.targets.get(2030)

    @property
    def target_years(self) -> tuple[int, ...]:
        return tuple(sorted(self.targets))

    def target_for_year(self, target_year: int) -> float | None:
        """The figure of the nearest target year at or after `target_year` (the last one past them)."""
        years = self.target_years
        if not years:
            return None
        for ty in years:
            if target_year <= ty:
                return self.targets[ty]
        return self.targets[years[-1]]

    def is_draft(self, target_year: int) -> bool:
        return target_year in self.draft_targets

    def entered_at(self, level: str) -> bool:
        return level in self.levels


def _num(text: str) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(";") if part.strip())


def _scale(text: str, kind: str, code: str) -> tuple[int, int] | None:
    text = (text or "").strip()
    if kind != "level":
        if text:
            raise ValueError(f"scale {text!r} on {code}, which is not of kind level")
        return None
    m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", text)
    if not m or int(m.group(1)) >= int(m.group(2)) or int(m.group(2)) > 9:  # db.aggregate.LEVEL_SLOTS
        raise ValueError(f"kind level needs a scale like 0-2 for {code}, got {text!r}")
    return (int(m.group(1)), int(m.group(2)))


def draft_years(plan_ref: str, targets: dict[int, float | None]) -> frozenset[int]:
    """Target years whose figure is a draft, by the rule in the module docstring."""
    out: set[int] = set()
    for clause in (plan_ref or "").split(";"):
        if "(unsure)" not in clause:
            continue
        named = {ty for ty in targets if re.search(rf"(?<!\d){ty}(?!\d)", clause)}
        if named:
            out |= named
        else:
            out |= {ty for ty, figure in targets.items() if figure is not None}
    return frozenset(out)


@lru_cache(maxsize=None)
def _raw(file_name: str) -> bytes:
    return resource_path("catalogue", file_name).read_bytes()


def _parse(programme: Programme) -> tuple[Indicator, ...]:
    rows = csv.DictReader(_raw(programme.catalogue_file).decode("utf-8").splitlines())
    out = []
    seen: set[str] = set()
    for row in rows:
        code = row["code"].strip()
        kind = row["kind"].strip()
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} for {code}")
        if code in seen:
            raise ValueError(f"{code} twice in {programme.catalogue_file}")
        seen.add(code)
        targets = {ty: _num(row.get(f"target_{ty}", "")) for ty in programme.target_years}
        plan_ref = row["plan_ref"].strip()
        out.append(
            Indicator(
                code=code,
                group=int(row["group"]),
                name_vi=row["name_vi"].strip(),
                name_en=row["name_en"].strip(),
                kind=kind,
                levels=_split(row["levels"]),
                numerator_vi=row["numerator_vi"].strip(),
                denominator_vi=row["denominator_vi"].strip(),
                periodicity=row["periodicity"].strip(),
                target_op=row["target_op"].strip() or None,
                breakdowns=_split(row["breakdowns"]),
                owner=row["owner"].strip(),
                plan_ref=plan_ref,
                programme=programme.code,
                targets=targets,
                draft_targets=draft_years(plan_ref, targets),
                scale=_scale(row.get("scale", ""), kind, code),
            )
        )
    return tuple(out)


class Catalogue:
    """One programme's indicators, in catalogue order."""

    def __init__(self, programme: Programme, indicators: tuple[Indicator, ...], version: str):
        self.programme = programme
        self.indicators = indicators
        self.by_code: dict[str, Indicator] = {i.code: i for i in indicators}
        self.version = version

    def for_level(self, level: str) -> list[Indicator]:
        """What a unit of this level enters itself (commune `xa`, district `huyen`, province `tinh`)."""
        return [ind for ind in self.indicators if level in ind.levels]

    def visible_at(self, level: str) -> list[Indicator]:
        """What a level reports: its own entries and everything entered below it."""
        order = {"xa": 0, "huyen": 1, "tinh": 2}
        return [ind for ind in self.indicators if min(order[lv] for lv in ind.levels) <= order[level]]

    def reported_at(self, level: str) -> list[Indicator]:
        """A commune's own indicators; above the commune everything visible there."""
        return self.for_level("xa") if level == "xa" else self.visible_at(level)

    def get(self, code: str) -> Indicator | None:
        return self.by_code.get(code)

    def __iter__(self):
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __repr__(self) -> str:
        return f"Catalogue({self.programme.code}, {len(self.indicators)} indicators, {self.version})"


def programmes() -> tuple[Programme, ...]:
    return PROGRAMMES


def programme(code: str) -> Programme:
    for p in PROGRAMMES:
        if p.code == code:
            return p
    raise KeyError(code)


def programme_for_year(year: int) -> Programme:
    for p in PROGRAMMES:
        if p.covers_year(year):
            return p
    raise ValueError(f"no programme covers {year}")


def programme_for_period(period: Period | str) -> Programme:
    """The programme a period belongs to: plan 2780 up to 2020, the 2021–2030 programme from 2021."""
    from xhht_desktop.domain.periods import Period, parse_period

    p = period if isinstance(period, Period) else parse_period(period)
    return programme_for_year(p.year)


@lru_cache(maxsize=None)
def _catalogue(code: str) -> Catalogue:
    prog = programme(code)
    return Catalogue(prog, _parse(prog), hashlib.sha256(_raw(prog.catalogue_file)).hexdigest()[:12])


def catalogue_for(period_or_programme_code: Period | str) -> Catalogue:
    """The catalogue of a programme code ("KH2780", "XHHT2130") or of the programme of a period."""
    key = period_or_programme_code
    if isinstance(key, str) and any(p.code == key for p in PROGRAMMES):
        return _catalogue(key)
    return _catalogue(programme_for_period(key).code)


def all_catalogues() -> tuple[Catalogue, ...]:
    return tuple(_catalogue(p.code) for p in PROGRAMMES)


def indicator_in_any(code: str) -> Indicator | None:
    """The newest programme's indicator of this code (for labels where the period is unknown)."""
    for cat in reversed(all_catalogues()):
        if code in cat.by_code:
            return cat.by_code[code]
    return None


# ---- plan 2780, as before (untouched callers keep working) ------------------------------------------

def catalogue_version() -> str:
    """Short content hash of the plan 2780 catalogue; sync packages carry it."""
    return _catalogue(DEFAULT_PROGRAMME).version


def catalogues_version() -> str:
    """Short content hash of every shipped catalogue (reference-data refresh key)."""
    h = hashlib.sha256()
    for p in PROGRAMMES:
        h.update(_raw(p.catalogue_file))
    return h.hexdigest()[:12]


def load_catalogue() -> tuple[Indicator, ...]:
    return _catalogue(DEFAULT_PROGRAMME).indicators


def by_code() -> dict[str, Indicator]:
    return _catalogue(DEFAULT_PROGRAMME).by_code


def indicator(code: str) -> Indicator:
    return by_code()[code]


def indicators_for_level(level: str) -> list[Indicator]:
    """What a unit of this level enters itself (commune `xa`, district `huyen`, province `tinh`)."""
    return _catalogue(DEFAULT_PROGRAMME).for_level(level)


def indicators_visible_at(level: str) -> list[Indicator]:
    """What a level reports: its own entries and everything entered below it."""
    return _catalogue(DEFAULT_PROGRAMME).visible_at(level)


def entry_keys(ind: Indicator) -> list[str | None]:
    """The total (None) then each breakdown code."""
    return [None, *ind.breakdowns]


def row_code(indicator_code: str, breakdown: str | None) -> str:
    """Template row code: `XMC_15_60` or `XMC_15_60.nu`."""
    return indicator_code if breakdown is None else f"{indicator_code}.{breakdown}"


def split_row_code(code: str) -> tuple[str, str | None]:
    base, _, suffix = code.strip().partition(".")
    return base, (suffix or None)


# ---- rows as stored and sent (the Department's additions and corrections) --------------------------

ROW_FIELDS = ("programme", "code", "group", "name_vi", "name_en", "kind", "levels", "numerator_vi",
              "denominator_vi", "periodicity", "target_op", "breakdowns", "owner", "plan_ref", "scale")
CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{1,39}")
# Longest text of each field (the shipped catalogues stay well within: names < 160 characters).
ROW_TEXT_LIMITS = {"name_vi": 300, "name_en": 300, "numerator_vi": 300, "denominator_vi": 300, "owner": 200,
                   "plan_ref": 500}
MAX_TARGET = 10**9


def fraction_shape(kind: str) -> bool:
    """Rates and trends store a numerator and a denominator; the other kinds one value. A row's kind
    may change only within its shape (the figures already entered keep their meaning)."""
    return kind in ("rate", "trend")


def indicator_to_row(ind: Indicator) -> dict:
    """The row of an indicator as an update carries it (targets travel on their own)."""
    return {"programme": ind.programme, "code": ind.code, "group": ind.group, "name_vi": ind.name_vi,
            "name_en": ind.name_en, "kind": ind.kind, "levels": list(ind.levels), "numerator_vi": ind.numerator_vi,
            "denominator_vi": ind.denominator_vi, "periodicity": ind.periodicity, "target_op": ind.target_op,
            "breakdowns": list(ind.breakdowns), "owner": ind.owner, "plan_ref": ind.plan_ref,
            "scale": list(ind.scale) if ind.scale else None}


def indicator_row_problem(row) -> tuple[str, dict] | None:
    """None when `row` (a dict of ROW_FIELDS, e.g. from an update) is a valid catalogue row, else
    (code, params): `bad_row` (not a row, a missing or extra field, a bad code, group, level, breakdown,
    periodicity or scale), `unknown_programme`, `unknown_kind`, `bad_op`, `bad_text` (control characters,
    a text too long or of the wrong type). Rules that need the other rows (a kind changing shape, a code
    meaning something else in the other programme) are the caller's: db/reference.py."""
    from xhht_desktop.domain.text import CONTROL_LINE_RE  # noqa: PLC0415

    if not isinstance(row, dict) or set(row) != set(ROW_FIELDS):
        return "bad_row", {"field": "row", "code": ""}
    code = row["code"]
    if type(code) is not str or not CODE_RE.fullmatch(code):
        return "bad_row", {"field": "code", "code": str(code)[:40]}
    ctx = {"code": code}
    prog = row["programme"]
    if type(prog) is not str or not any(p.code == prog for p in PROGRAMMES):
        return "unknown_programme", {**ctx, "programme": str(prog)[:20]}
    p = programme(prog)
    if type(row["group"]) is not int or row["group"] not in p.group_titles:
        return "bad_row", {**ctx, "field": "group"}
    for name, limit in ROW_TEXT_LIMITS.items():
        v = row[name]
        if type(v) is not str or len(v) > limit or CONTROL_LINE_RE.search(v) or v != v.strip():
            return "bad_text", {**ctx, "field": name}
    if not row["name_vi"]:
        return "bad_text", {**ctx, "field": "name_vi"}
    kind = row["kind"]
    if kind not in KINDS:
        return "unknown_kind", {**ctx, "kind": str(kind)[:20]}
    op = row["target_op"]
    if op is not None and op not in TARGET_OPS:
        return "bad_op", {**ctx, "op": str(op)[:20]}
    levels, bds = row["levels"], row["breakdowns"]
    if (type(levels) is not list or not levels or len(set(levels)) != len(levels)
            or any(lv not in LEVELS for lv in levels)):
        return "bad_row", {**ctx, "field": "levels"}
    if (type(bds) is not list or len(set(bds)) != len(bds) or any(b not in BREAKDOWNS for b in bds)
            or (bds and not fraction_shape(kind))):
        return "bad_row", {**ctx, "field": "breakdowns"}
    if row["periodicity"] not in PERIODICITIES:
        return "bad_row", {**ctx, "field": "periodicity"}
    scale = row["scale"]
    if kind == "level":
        if (type(scale) is not list or len(scale) != 2 or any(type(x) is not int for x in scale)
                or not 0 <= scale[0] < scale[1] <= 9):  # db.aggregate.LEVEL_SLOTS
            return "bad_row", {**ctx, "field": "scale"}
    elif scale is not None:
        return "bad_row", {**ctx, "field": "scale"}
    return None


def indicator_from_row(row: dict, targets: dict[int, float | None], drafts: frozenset[int]) -> Indicator:
    return Indicator(
        code=row["code"], group=row["group"], name_vi=row["name_vi"], name_en=row["name_en"], kind=row["kind"],
        levels=tuple(row["levels"]), numerator_vi=row["numerator_vi"], denominator_vi=row["denominator_vi"],
        periodicity=row["periodicity"], target_op=row["target_op"], breakdowns=tuple(row["breakdowns"]),
        owner=row["owner"], plan_ref=row["plan_ref"], programme=row["programme"], targets=dict(targets),
        draft_targets=drafts, scale=tuple(row["scale"]) if row["scale"] else None)


def target_problem(ind: Indicator, value) -> str | None:
    """None when `value` (None: no target) can be this indicator's target, else why (`bad_target`
    params' `why`): not a finite number from 0 to 10^9, a rate above 100 %, a degree off its scale."""
    import math  # noqa: PLC0415

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= MAX_TARGET:
        return "number"
    if ind.kind == "rate" and value > 100:
        return "percent"
    if ind.kind == "level" and ind.scale and not ind.scale[0] <= value <= ind.scale[1]:
        return "scale"
    return None
