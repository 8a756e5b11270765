"""The community learning centre (TTHTCĐ) and its activity log: categories, formats, records and
the one set of validation rules used by the entry dialog, the Excel import and the repository.

Counting rules (they matter for the rural-workers indicator LDNT_HOC_TTHTCD, which needs persons):
- `visits` (lượt người học) counts attendances: a 10-session course with 30 people is 300 visits.
  `women`, `ethnic_minority` and `rural_workers` are parts of `visits` (also lượt), each ≤ visits.
- `learners` (số người, không trùng) counts the distinct persons of *this* activity (30 above).
- `rural_workers_new` (LĐNT học lần đầu trong năm, người) counts the rural workers of this activity
  who had not yet learned at the centre since 1 January of the activity's year. Adding these up
  over a year (or its first half) gives the distinct rural workers who learned at the centre, with
  nobody counted twice — the suggested numerator of LDNT_HOC_TTHTCD (see `summary.py`).

Blank is not zero: an optional count left empty is None ("not recorded"), never 0.
No personal data: only counts are stored, never names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import itemgetter

from xhht_desktop.domain.text import _CONTROL_MULTI, control_problem_vi, fold, nfc, one_line
from xhht_desktop.domain.values import format_int, parse_whole_number
from xhht_desktop.messages import Lines, Text

# The eight categories of the spec, in its order (codes are stable and language-neutral: they are
# stored, exported as JSON and synced; the UI shows the Vietnamese labels).
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("literacy", "Xóa mù chữ và sau biết chữ"),
    ("agri_tech", "Chuyển giao khoa học kỹ thuật (trồng trọt, chăn nuôi, khuyến công)"),
    ("law_policy", "Pháp luật, chính sách"),
    ("health", "Sức khỏe, dân số, môi trường"),
    ("vocational", "Dạy nghề ngắn hạn"),
    ("it_language", "Tin học, ngoại ngữ, kỹ năng số"),
    ("culture", "Văn hóa, thể thao, đọc sách"),
    ("life_skills", "Kỹ năng sống"),
)
CATEGORY_LABELS_VI: dict[str, str] = dict(CATEGORIES)
# Narrow columns and the dashboard need shorter words.
CATEGORY_SHORT_VI: dict[str, str] = {
    "literacy": "Xóa mù chữ, sau biết chữ",
    "agri_tech": "Chuyển giao KHKT",
    "law_policy": "Pháp luật, chính sách",
    "health": "Sức khỏe, dân số, môi trường",
    "vocational": "Dạy nghề ngắn hạn",
    "it_language": "Tin học, ngoại ngữ, KN số",
    "culture": "Văn hóa, thể thao, đọc sách",
    "life_skills": "Kỹ năng sống",
}
FORMATS: tuple[tuple[str, str], ...] = (
    ("class", "Lớp học"),
    ("topic", "Chuyên đề"),
    ("talk", "Nói chuyện"),
    ("study_tour", "Tham quan"),
    ("contest", "Hội thi"),
    ("club", "Sinh hoạt câu lạc bộ"),
    ("other", "Khác"),
)
FORMAT_LABELS_VI: dict[str, str] = dict(FORMATS)

# Suggestions offered in the entry form (the user may type anything else).
PARTNER_SUGGESTIONS: tuple[str, ...] = (
    "Trạm Khuyến nông", "Trạm Y tế xã", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Đoàn Thanh niên",
    "Hội Khuyến học", "Hội Cựu chiến binh", "Công an xã", "Tư pháp xã", "Trường Tiểu học",
    "Trường THCS", "Trung tâm GDNN-GDTX huyện", "Phòng Văn hóa - Thông tin",
)
FUNDING_SUGGESTIONS: tuple[str, ...] = (
    "Ngân sách xã", "Ngân sách huyện", "Chương trình mục tiêu quốc gia", "Đơn vị phối hợp",
    "Xã hội hóa", "Hội Khuyến học",
)

# Field labels: the same words as the Excel sheet's header, so a message names the column.
FIELD_LABELS_VI: dict[str, str] = {
    "date": "Ngày",
    "end_date": "Ngày kết thúc",
    "title": "Tên hoạt động",
    "category": "Nhóm chuyên đề",
    "format": "Hình thức",
    "place": "Địa điểm",
    "sessions": "Số buổi",
    "partner": "Đơn vị phối hợp",
    "visits": "Lượt người học",
    "women": "Nữ",
    "ethnic_minority": "DTTS",
    "rural_workers": "Lao động nông thôn",
    "learners": "Số người (không trùng)",
    "rural_workers_new": "LĐNT học lần đầu trong năm",
    "cost": "Kinh phí (đồng)",
    "funding": "Nguồn kinh phí",
    "notes": "Ghi chú",
}
ACTIVITY_FIELDS: tuple[str, ...] = tuple(FIELD_LABELS_VI)
TEXT_FIELDS = ("title", "place", "partner", "funding", "notes")
COUNT_FIELDS = ("sessions", "visits", "women", "ethnic_minority", "rural_workers", "learners",
                "rural_workers_new", "cost")
# Multi-line text fields keep tab and line breaks; the others are one line (domain/text.py).
MULTILINE_FIELDS = frozenset({"notes"})
REQUIRED_FIELDS = ("date", "title", "category", "format", "sessions", "visits")
# Parts of the visits (lượt): each must not exceed them.
VISIT_PARTS = ("women", "ethnic_minority", "rural_workers")

# The log starts with the plan's first half-year; a little room ahead for a course about to open.
EARLIEST_DATE = dt.date(2013, 7, 1)
FUTURE_DAYS = 31
MAX_COURSE_DAYS = 366
MAX_SESSIONS = 1_000
MAX_VISITS = 100_000  # a commune's whole population is a few thousand to twenty thousand
MAX_COST = 100_000_000_000  # đồng
MAX_TEXT = {"title": 300, "place": 200, "partner": 200, "funding": 200, "notes": 2_000}


@dataclass
class FieldError:
    """A problem with one field; `message` names the field: a coded Text (xhht_desktop/messages.py,
    "clc.*"), equal to its Vietnamese words, worded in English by the UI and the CLI."""

    field: str
    message: str


def _problem(field_name: str, code: str, /, *, centre: bool = False, **params) -> FieldError:
    """«<field label>: <problem>» as a coded Text."""
    label = Text(f"clc.{'centre' if centre else 'label'}.{field_name}")
    return FieldError(field_name, Text("clc.field_problem", field=label, problem=Text(code, **params)))


class ClcValidationError(ValueError):
    """Raised when a save has errors; nothing was written."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(Text("clc.errors", lines=Lines(e.message for e in errors)))


@dataclass
class Activity:
    """One entry of the centre's activity log."""

    date: dt.date
    title: str
    category: str
    format: str
    sessions: int
    visits: int
    end_date: dt.date | None = None
    place: str = ""
    partner: str = ""
    women: int | None = None
    ethnic_minority: int | None = None
    rural_workers: int | None = None
    learners: int | None = None
    rural_workers_new: int | None = None
    cost: int | None = None
    funding: str = ""
    notes: str = ""
    # Record bookkeeping, filled by the repository.
    uuid: str = ""
    unit_id: int | None = None
    revision: int = 0
    deleted: bool = False
    updated_at: str = ""
    updated_by: str = ""

    def values(self) -> dict[str, object]:
        """The user's fields only (no bookkeeping), as stored: dates in ISO form."""
        out: dict[str, object] = {}
        for name in ACTIVITY_FIELDS:
            v = getattr(self, name)
            out[name] = v.isoformat() if isinstance(v, dt.date) else v
        return out

    def copy_as_new(self) -> Activity:
        """The same content as a new record (duplicate-as-new)."""
        return replace(self, uuid="", unit_id=None, revision=0, deleted=False, updated_at="", updated_by="")

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS_VI.get(self.category, self.category)

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS_VI.get(self.format, self.format)

    def search_text(self) -> tuple[str, ...]:
        """What the accent-insensitive search looks at."""
        return (self.title, self.partner, self.place, self.funding, self.notes, self.category_label,
                self.format_label)

    @cached_property
    def folded_text(self) -> str:
        """`search_text` folded once (accent- and case-free), so a search over tens of thousands of
        rows does not fold every row again at each keystroke. Records are rebuilt on every load."""
        return quick_fold(" ".join(self.search_text()))


@dataclass
class Centre:
    """The commune's community learning centre. One per commune version: after the 2025 merger the
    new commune gets its own record and the old ones stay attached to the old communes."""

    name: str = ""
    director: str = ""
    decision_no: str = ""
    decision_date: dt.date | None = None
    combined_culture: bool | None = None  # kết hợp với Trung tâm Văn hóa - Thể thao xã; None = chưa rõ
    branches: list[str] = field(default_factory=list)  # điểm học tập ở thôn, làng
    notes: str = ""
    uuid: str = ""
    unit_id: int | None = None
    revision: int = 0
    updated_at: str = ""
    updated_by: str = ""
    # What is wrong with the centre as stored (an invalid decision date, from a hand edit or an old
    # version): the page shows it flagged instead of failing to load it. Empty for a sound record.
    problems: tuple[str, ...] = ()


CENTRE_FIELDS = ("name", "director", "decision_no", "decision_date", "combined_culture", "branches", "notes")
CENTRE_LABELS_VI = {
    "name": "Tên trung tâm",
    "director": "Giám đốc",
    "decision_no": "Số quyết định thành lập",
    "decision_date": "Ngày quyết định",
    "combined_culture": "Kết hợp với Trung tâm Văn hóa - Thể thao xã",
    "branches": "Điểm học tập ở thôn, làng",
    "notes": "Ghi chú",
}
# The notes keep line breaks; the branches are stored one per line (each a one-line name).
CENTRE_MULTILINE = frozenset({"notes", "branches"})
# Centres were set up from 1999 on (QĐ 09/2008/QĐ-BGDĐT consolidated the rules); allow some margin.
EARLIEST_DECISION = dt.date(1990, 1, 1)


# ---- searching ---------------------------------------------------------------------------------

def _fold_table() -> dict[int, str]:
    table = {}
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):  # Latin-1 … Latin Extended Additional
        folded = fold(chr(cp))
        if folded != chr(cp).casefold():
            table[cp] = folded
    table[ord("'")] = table[ord("’")] = " "
    return table


_FOLD_TABLE = _fold_table()
_COMBINING = re.compile("[\u0300-\u036f]")


def quick_fold(text: str) -> str:
    """The same key as `domain.text.fold`, about three times faster on Vietnamese text (a
    translation table instead of decomposing every character): a search over a province's whole
    log folds tens of thousands of rows."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _COMBINING.search(text):  # a mark that does not compose: take the careful path
        return fold(text)
    return " ".join(text.translate(_FOLD_TABLE).casefold().split())


# ---- parsing what people type (or cells hold) ---------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def format_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def parse_date(raw: object) -> tuple[dt.date | None, str | None]:
    """A date from a cell or a text box: dd/mm/yyyy (also with . or -), yyyy-mm-dd, or a date value.

    Blank gives (None, None). An error message (Vietnamese, without the field name) otherwise.
    """
    if raw is None:
        return None, None
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return None, Text("clc.date.a_number")
    text = nfc(str(raw)).strip()
    if not text:
        return None, None
    m = _DMY.match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None
        m = _ISO.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
    except ValueError:
        return None, Text("clc.date.not_real", text=text)
    return None, Text("clc.date.bad_form", text=text)


_PARTIAL = re.compile(r"^(\d{1,2})(?:[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?)?$")


def complete_date(text: str, reference: dt.date) -> dt.date | None:
    """A date typed with as few keys as possible, completed from `reference` (the form's last date).

    "15" → the 15th of the reference's month; "15/3" → 15 March of the year that puts it nearest to
    the reference (typing "20/12" in early January means last December); "15/3/14" → 2014; full
    dates as `parse_date`. None when it is not a date.
    """
    text = (text or "").strip()
    m = _PARTIAL.match(text)
    if not m:
        d, _ = parse_date(text)
        return d
    day, month, year = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return reference.replace(day=day)
        if year is not None:
            y = int(year)
            return dt.date(y + 2000 if y < 100 else y, int(month), day)
        candidates = []
        for y in (reference.year - 1, reference.year, reference.year + 1):
            try:
                candidates.append(dt.date(y, int(month), day))
            except ValueError:
                continue
        return min(candidates, key=lambda d: abs((d - reference).days)) if candidates else None
    except ValueError:
        return None


def _choice(raw: object, options: tuple[tuple[str, str], ...]) -> str | None:
    """A category or format from its code, its label, or the start of its label (accent-insensitive)."""
    if raw is None:
        return None
    text = fold(str(raw))
    if not text:
        return None
    for code, label in options:
        if text in (code, fold(label)):
            return code
    starts = [code for code, label in options if fold(label).startswith(text)]
    return starts[0] if len(starts) == 1 else None


def parse_category(raw: object) -> str | None:
    return _choice(raw, CATEGORIES)


def parse_format(raw: object) -> str | None:
    return _choice(raw, FORMATS)


def _clean_text(raw: object, *, multiline: bool = False) -> str:
    """A text field as typed or read from a cell: NFC; a one-line field has its tabs and line breaks
    turned into spaces (a multi-line one keeps its line breaks). Control characters stay, for the
    rules to refuse with a message."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if not multiline:
        return one_line(nfc(str(raw)))
    return re.sub(r"[ \t]+", " ", nfc(str(raw))).strip()


def build_activity(values: Mapping[str, object], *, today: dt.date | None = None,
                   unit_valid_from: str | None = None, unit_valid_to: str | None = None,
                   base: Activity | None = None) -> tuple[Activity | None, list[FieldError]]:
    """Parse and validate raw field values (text from a form, cells from a sheet, or typed values).

    Keys are ACTIVITY_FIELDS; a missing key counts as blank. Returns (activity, []) when everything
    is right, else (None, errors) with every problem found (not only the first).
    `base` keeps the bookkeeping (uuid, unit) of the record being edited.
    """
    errors: list[FieldError] = []
    parsed: dict[str, object] = {}
    for name in ("date", "end_date"):
        d, err = parse_date(values.get(name))
        if err:
            errors.append(_problem(name, "clc.p.sentence", text=err))
        parsed[name] = d
    for name in COUNT_FIELDS:
        raw = values.get(name)
        if isinstance(raw, str) and name == "cost":
            # Money is often typed with a currency word: "1.500.000 đ", "2.000.000đồng".
            raw = re.sub(r"\s*(đồng|đ|vnđ|vnd)\.?$", "", nfc(raw).strip(), flags=re.IGNORECASE)
        number = parse_whole_number(raw)
        if number.error:
            errors.append(_problem(name, "clc.p.sentence", text=number.error))
        parsed[name] = number.value
    for name in TEXT_FIELDS:
        parsed[name] = _clean_text(values.get(name), multiline=name in MULTILINE_FIELDS)
    raw_cat, raw_fmt = values.get("category"), values.get("format")
    parsed["category"] = parse_category(raw_cat)
    parsed["format"] = parse_format(raw_fmt)
    if parsed["category"] is None and _clean_text(raw_cat):
        errors.append(_problem("category", "clc.p.not_a_category", value=_clean_text(raw_cat)))
    if parsed["format"] is None and _clean_text(raw_fmt):
        errors.append(_problem("format", "clc.p.not_a_format", value=_clean_text(raw_fmt),
                               known=", ".join(FORMAT_LABELS_VI.values())))
    errored = {e.field for e in errors}
    errors += check_activity(parsed, today=today, unit_valid_from=unit_valid_from,
                             unit_valid_to=unit_valid_to, skip=errored)
    if errors:
        order = {name: i for i, name in enumerate(ACTIVITY_FIELDS)}
        return None, sorted(errors, key=lambda e: order.get(e.field, len(order)))
    activity = Activity(**{k: parsed[k] for k in ACTIVITY_FIELDS})
    if base is not None:
        activity.uuid, activity.unit_id, activity.revision = base.uuid, base.unit_id, base.revision
    return activity, []


def validate_activity(activity: Activity, *, today: dt.date | None = None, unit_valid_from: str | None = None,
                      unit_valid_to: str | None = None) -> list[FieldError]:
    """The rules for an already-typed Activity (the repository checks again before writing)."""
    errors: list[FieldError] = []
    values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    for name in COUNT_FIELDS:
        v = values[name]
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            errors.append(_problem(name, "clc.p.whole_number"))
    for name in ("date", "end_date"):
        v = values[name]
        if v is not None and not isinstance(v, dt.date):
            errors.append(_problem(name, "clc.p.a_date"))
    if values["category"] is not None and values["category"] not in CATEGORY_LABELS_VI:
        errors.append(_problem("category", "clc.p.no_such_code", code=values["category"]))
        values["category"] = None
    if values["format"] is not None and values["format"] not in FORMAT_LABELS_VI:
        errors.append(_problem("format", "clc.p.no_such_code", code=values["format"]))
        values["format"] = None
    return errors + check_activity(values, today=today, unit_valid_from=unit_valid_from,
                                   unit_valid_to=unit_valid_to, skip={e.field for e in errors})


def check_activity(v: Mapping[str, object], *, today: dt.date | None, unit_valid_from: str | None,
                   unit_valid_to: str | None, skip: set[str] = frozenset()) -> list[FieldError]:
    """Cross-field rules over parsed values. Fields in `skip` already have a parse error."""
    today = today or dt.date.today()
    errors: list[FieldError] = []

    def err(name: str, code: str, **params) -> None:
        errors.append(_problem(name, code, **params))

    for name in REQUIRED_FIELDS:
        if name in skip:
            continue
        value = v.get(name)
        if value is None or value == "":
            err(name, "clc.p.required")
    latest = today + dt.timedelta(days=FUTURE_DAYS)
    start = v.get("date")
    if isinstance(start, dt.date) and "date" not in skip:
        if not EARLIEST_DATE <= start <= latest:
            err("date", "clc.p.date_out_of_range", date=format_date(start), earliest=format_date(EARLIEST_DATE),
                latest=format_date(latest))
        elif unit_valid_from and start.isoformat() < unit_valid_from:
            err("date", "clc.p.before_unit", date=format_date(start),
                founded=format_date(dt.date.fromisoformat(unit_valid_from)))
        elif unit_valid_to and start.isoformat() > unit_valid_to:
            err("date", "clc.p.after_unit", date=format_date(start),
                ended=format_date(dt.date.fromisoformat(unit_valid_to)))
    end = v.get("end_date")
    if isinstance(end, dt.date) and isinstance(start, dt.date) and "end_date" not in skip and "date" not in skip:
        if end < start:
            err("end_date", "clc.p.end_before_start", end=format_date(end), start=format_date(start))
        elif (end - start).days > MAX_COURSE_DAYS:
            err("end_date", "clc.p.course_over_a_year", end=format_date(end))
    for name in COUNT_FIELDS:
        value = v.get(name)
        if name in skip or value is None:
            continue
        if value < 0:
            err(name, "clc.p.negative")
            skip = set(skip) | {name}
            continue
        ceiling = {"sessions": MAX_SESSIONS, "cost": MAX_COST}.get(name, MAX_VISITS)
        if value > ceiling:
            err(name, "clc.p.too_large", value=format_int(value), ceiling=format_int(ceiling))
            skip = set(skip) | {name}
    sessions = v.get("sessions")
    if sessions == 0 and "sessions" not in skip:
        err("sessions", "clc.p.at_least_one_session")
    visits = v.get("visits")
    if visits is not None and "visits" not in skip:
        for name in (*VISIT_PARTS, "learners"):
            part = v.get(name)
            if part is not None and name not in skip and part > visits:
                err(name, "clc.p.more_than", value=format_int(part), other=Text("clc.label.visits"),
                    bound=format_int(visits))
    new = v.get("rural_workers_new")
    if new is not None and "rural_workers_new" not in skip:
        for name in ("learners", "rural_workers"):
            bound = v.get(name)
            if bound is not None and name not in skip and new > bound:
                err("rural_workers_new", "clc.p.more_than", value=format_int(new), other=Text(f"clc.label.{name}"),
                    bound=format_int(bound))
        if visits is not None and "visits" not in skip and new > visits:
            err("rural_workers_new", "clc.p.more_than", value=format_int(new), other=Text("clc.label.visits"),
                bound=format_int(visits))
    for name, limit in MAX_TEXT.items():
        text = v.get(name) or ""
        if len(text) > limit:
            err(name, "clc.p.too_long", limit=limit)
        elif isinstance(text, str) and (problem := control_problem_vi(text, multiline=name in MULTILINE_FIELDS)):
            err(name, "clc.p.as_is", text=problem)
    # One message per field and rule is enough: drop exact repeats.
    seen: set[tuple[str, str]] = set()
    unique = []
    for e in errors:
        if (e.field, e.message) not in seen:
            seen.add((e.field, e.message))
            unique.append(e)
    return unique


def build_centre(values: Mapping[str, object], *, today: dt.date | None = None,
                 base: Centre | None = None) -> tuple[Centre | None, list[FieldError]]:
    """Parse and validate the centre's fields. Branches may be a list or one name per line."""
    today = today or dt.date.today()
    errors: list[FieldError] = []
    name = _clean_text(values.get("name"))
    if not name:
        errors.append(_problem("name", "clc.p.required", centre=True))
    decision_date, derr = parse_date(values.get("decision_date"))
    if derr:
        errors.append(_problem("decision_date", "clc.p.sentence", centre=True, text=derr))
    elif decision_date and not EARLIEST_DECISION <= decision_date <= today:
        errors.append(_problem("decision_date", "clc.p.decision_out_of_range", centre=True,
                               date=format_date(decision_date), earliest=format_date(EARLIEST_DECISION),
                               latest=format_date(today)))
    raw_branches = values.get("branches") or []
    if isinstance(raw_branches, str):
        raw_branches = raw_branches.splitlines()
    branches: list[str] = []
    for b in raw_branches:
        b = _clean_text(b)
        if b and fold(b) not in {fold(x) for x in branches}:
            branches.append(b)
    notes = nfc(str(values.get("notes") or "")).strip()
    for fname, text in (("name", name), ("director", _clean_text(values.get("director"))),
                        ("decision_no", _clean_text(values.get("decision_no"))), ("notes", notes),
                        ("branches", "\n".join(branches))):
        problem = control_problem_vi(text, multiline=fname in CENTRE_MULTILINE)
        if problem:
            errors.append(_problem(fname, "clc.p.as_is", centre=True, text=problem))
    combined = values.get("combined_culture")
    if combined not in (None, True, False, 0, 1):
        errors.append(_problem("combined_culture", "clc.p.yes_or_no", centre=True))
        combined = None
    for fname, limit in (("name", 200), ("director", 200), ("decision_no", 100), ("notes", 2000)):
        if len(_clean_text(values.get(fname))) > limit:
            errors.append(_problem(fname, "clc.p.too_long", centre=True, limit=limit))
    if errors:
        return None, errors
    centre = Centre(name=name, director=_clean_text(values.get("director")),
                    decision_no=_clean_text(values.get("decision_no")), decision_date=decision_date,
                    combined_culture=None if combined is None else bool(combined), branches=branches,
                    notes=notes)
    if base is not None:
        centre.uuid, centre.unit_id, centre.revision = base.uuid, base.unit_id, base.revision
    return centre, []


# ---- records as stored and synced (one entry point per table for the merge and `check`) ---------

_STORED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def parse_stored_date(raw: object) -> tuple[dt.date | None, str | None]:
    """A date as the database and sync packages hold it: exactly YYYY-MM-DD and a real day.

    (date.fromisoformat alone also takes "20140510" and "2014-W19-6", which sort wrongly among the
    stored dates the period queries compare as text.) Blank gives (None, None)."""
    if raw is None or raw == "":
        return None, None
    if not isinstance(raw, str) or not _STORED_DATE.match(raw):
        return None, Text("clc.date.not_iso", text=str(raw)[:40])
    try:
        return dt.date.fromisoformat(raw), None
    except ValueError:
        return None, Text("clc.date.not_real", text=raw)


# What `_record_is_sound` needs, worked out once: the fields in one C call, the limits of the texts
# (the control characters each may not hold, as control_problem_vi refuses them).
_SOUND_FIELDS = ("date", "end_date", "title", "category", "format", "sessions", "visits", "women", "ethnic_minority",
                 "rural_workers", "learners", "rural_workers_new", "cost", "place", "partner", "funding", "notes")
_sound_fields = itemgetter(*_SOUND_FIELDS)
_ONE_LINE_LIMITS = tuple(MAX_TEXT[name] for name in ("place", "partner", "funding"))
_fromiso = dt.date.fromisoformat
_FUTURE = dt.timedelta(days=FUTURE_DAYS)


def _record_is_sound(values: Mapping[str, object], unit_valid_from: str | None, unit_valid_to: str | None,
                     today: dt.date) -> bool:
    """True only when `check_activity_record` finds nothing: the common case (every activity of an
    ordinary package) in a few microseconds instead of building every rule's context. Any doubt - a
    type, a bound, a character - gives False, and the full rules then speak with their usual messages;
    so this may say False for a sound record, never True for an unsound one
    (tests/core/test_clc_fast_check.py compares both on sound, broken and hostile records)."""
    try:
        fields = _sound_fields(values)
    except KeyError:  # a field left out is blank, as the full rules read it
        fields = tuple(map(values.get, _SOUND_FIELDS))
    (start, end, title, category, form, sessions, visits, women, ethnic, rural, learners, new, cost,
     place, partner, funding, notes) = fields
    if type(start) is not str or not _STORED_DATE.match(start):
        return False
    try:
        day = _fromiso(start)
    except ValueError:
        return False
    if not EARLIEST_DATE <= day <= today + _FUTURE:
        return False
    if unit_valid_from or unit_valid_to:
        iso = day.isoformat()
        if (unit_valid_from and iso < unit_valid_from) or (unit_valid_to and iso > unit_valid_to):
            return False
    if end is not None and end != "":
        if type(end) is not str or not _STORED_DATE.match(end):
            return False
        try:
            days = (_fromiso(end) - day).days
        except ValueError:
            return False
        if not 0 <= days <= MAX_COURSE_DAYS:
            return False
    # Counts: whole numbers (no bool) within their ceilings; sessions and visits required, sessions >= 1.
    if type(sessions) is not int or not 1 <= sessions <= MAX_SESSIONS or type(visits) is not int \
            or not 0 <= visits <= MAX_VISITS:
        return False
    for v in (women, ethnic, rural, learners):  # parts of the visits
        if v is not None and (type(v) is not int or not 0 <= v <= visits):
            return False
    if new is not None and (type(new) is not int or not 0 <= new <= visits
                            or (learners is not None and new > learners) or (rural is not None and new > rural)):
        return False
    if cost is not None and (type(cost) is not int or not 0 <= cost <= MAX_COST):
        return False
    if type(category) is not str or category not in CATEGORY_LABELS_VI \
            or type(form) is not str or form not in FORMAT_LABELS_VI:
        return False
    # Texts: one line and printable (no control character, nor a tab or line break: those only in the
    # notes), within their lengths; the title required.
    if type(title) is not str or not title or len(title) > MAX_TEXT["title"] or not title.isprintable():
        return False
    for text, limit in zip((place, partner, funding), _ONE_LINE_LIMITS):
        if text is not None and (type(text) is not str or len(text) > limit or not text.isprintable()):
            return False
    return notes is None or (type(notes) is str and len(notes) <= MAX_TEXT["notes"]
                             and (notes.isprintable() or not _CONTROL_MULTI.search(notes)))


def check_activity_record(values: Mapping[str, object], *, unit_valid_from: str | None,
                          unit_valid_to: str | None, today: dt.date | None = None) -> list[FieldError]:
    """The rules of the form and the import, on one activity as stored or as a package carries it
    (dates as YYYY-MM-DD text, codes for category and format, counts as numbers). The merge runs it on
    every live activity that arrives and `check` on every stored one."""
    if _record_is_sound(values, unit_valid_from, unit_valid_to, today or dt.date.today()):
        return []
    return _record_problems(values, unit_valid_from=unit_valid_from, unit_valid_to=unit_valid_to, today=today)


def _record_problems(values: Mapping[str, object], *, unit_valid_from: str | None, unit_valid_to: str | None,
                     today: dt.date | None) -> list[FieldError]:
    """check_activity_record's rules in full, each with its message (what a record `_record_is_sound`
    does not vouch for goes through)."""
    errors: list[FieldError] = []
    parsed = dict(values)
    skip: set[str] = set()
    for name in ("date", "end_date"):
        d, problem = parse_stored_date(values.get(name))
        if problem:
            errors.append(_problem(name, "clc.p.sentence", text=problem))
            skip.add(name)
        parsed[name] = d
    for name in COUNT_FIELDS:
        v = values.get(name)
        if v is not None and (type(v) is not int):
            errors.append(_problem(name, "clc.p.whole_number"))
            skip.add(name)
    for name in TEXT_FIELDS:
        if values.get(name) is not None and not isinstance(values.get(name), str):
            errors.append(_problem(name, "clc.p.text"))
            parsed[name] = ""
    if values.get("category") not in CATEGORY_LABELS_VI:
        errors.append(_problem("category", "clc.p.code_not_in_list", code=str(values.get("category"))[:40]))
        skip.add("category")
    if values.get("format") not in FORMAT_LABELS_VI:
        errors.append(_problem("format", "clc.p.code_not_in_list", code=str(values.get("format"))[:40]))
        skip.add("format")
    return errors + check_activity(parsed, today=today, unit_valid_from=unit_valid_from,
                                   unit_valid_to=unit_valid_to, skip=skip)


def check_centre_record(values: Mapping[str, object], *, today: dt.date | None = None) -> list[FieldError]:
    """The rules of the centre form (`build_centre`), on the centre as stored or as a package carries
    it (decision date as YYYY-MM-DD text, branches one per line, combined_culture 0/1 or blank)."""
    today = today or dt.date.today()
    errors: list[FieldError] = []

    def err(name: str, code: str, **params) -> None:
        errors.append(_problem(name, code, centre=True, **params))

    texts = {}
    for fname in ("name", "director", "decision_no", "branches", "notes"):
        v = values.get(fname)
        if v is not None and not isinstance(v, str):
            err(fname, "clc.p.text")
            v = ""
        texts[fname] = v or ""
    if not texts["name"].strip():
        err("name", "clc.p.required")
    d, problem = parse_stored_date(values.get("decision_date"))
    if problem:
        err("decision_date", "clc.p.sentence", text=problem)
    elif d is not None and not EARLIEST_DECISION <= d <= today:
        err("decision_date", "clc.p.decision_out_of_range", date=format_date(d),
            earliest=format_date(EARLIEST_DECISION), latest=format_date(today))
    combined = values.get("combined_culture")
    if combined is not None and (type(combined) is not int or combined not in (0, 1)):
        err("combined_culture", "clc.p.yes_or_no")
    for fname, limit in (("name", 200), ("director", 200), ("decision_no", 100), ("notes", 2000),
                         ("branches", 20_000)):
        if len(texts[fname]) > limit:
            err(fname, "clc.p.too_long", limit=limit)
        elif problem := control_problem_vi(texts[fname], multiline=fname in CENTRE_MULTILINE):
            err(fname, "clc.p.as_is", text=problem)
    if not errors:
        for line in texts["branches"].split("\n"):
            if problem := control_problem_vi(line):
                err("branches", "clc.p.as_is", text=problem)
                break
    return errors
