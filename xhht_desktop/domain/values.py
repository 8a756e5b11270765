"""Entered figures, their validation and their calculation — one set of rules for the form,
the Excel import and the Department's merge.

Blank is not zero: every figure is `int | None`, and None means "not reported".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from xhht_desktop.domain.catalogue import BREAKDOWN_LABELS_VI, Catalogue, Indicator, by_code, catalogue_for
from xhht_desktop.domain.text import _CONTROL_MULTI
from xhht_desktop.messages import Text

if TYPE_CHECKING:  # pragma: no cover
    from xhht_desktop.domain.periods import Period

# A rate moving by more than this many percentage points from the previous period, or a
# denominator changing by more than this share, earns a warning (never an error).
WARN_RATE_JUMP_POINTS = 20.0
WARN_DENOMINATOR_CHANGE = 0.5
MAX_PEOPLE = 10_000_000  # no unit of this plan counts more people than this


@dataclass
class Entry:
    """One figure of one unit and period: a total (breakdown None) or a breakdown (`nu`, `dtts`)."""

    indicator: str
    breakdown: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    value: int | None = None
    comment: str = ""
    # kind "level" only: the recognition decision (number, ISO date, issuing body)
    decision_no: str = ""
    decision_date: str | None = None
    decision_body: str = ""

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.indicator, self.breakdown)

    def is_blank(self) -> bool:
        return self.numerator is None and self.denominator is None and self.value is None

    def figures(self) -> tuple[int | None, int | None, int | None]:
        return (self.numerator, self.denominator, self.value)


@dataclass(frozen=True)
class Issue:
    severity: str  # "error" | "warning"
    indicator: str
    breakdown: str | None
    field: str  # numerator | denominator | value | comment | row | decision_no | decision_date | decision_body
    code: str
    message: str  # a coded Text "values.issue" (label, text): Vietnamese as a str, messages.words() in English


@dataclass
class ParsedNumber:
    value: int | None
    error: str | None = None


_THOUSANDS = re.compile(r"^-?\d{1,3}([. \u00a0]\d{3})+$")


def parse_whole_number(raw: object) -> ParsedNumber:
    """Parse what a person typed (or a spreadsheet cell held) into a whole number.

    Accepts "1234", "1.234" and "1 234" (Vietnamese thousands), ints and integral floats.
    Blank gives None (not reported). Anything else gives an error: a coded Text (Vietnamese as a str).
    """
    if raw is None:
        return ParsedNumber(None)
    if isinstance(raw, bool):
        return ParsedNumber(None, Text("values.parse.bool"))
    if isinstance(raw, int):
        return ParsedNumber(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return ParsedNumber(None, Text("values.parse.invalid"))
        if not raw.is_integer():
            return ParsedNumber(None, Text("values.parse.fraction", raw=f"{raw:g}".replace(".", ",")))
        return ParsedNumber(int(raw))
    if not isinstance(raw, str):
        return ParsedNumber(None, Text("values.parse.not_integer"))
    text = raw.strip()
    if not text:
        return ParsedNumber(None)
    if _THOUSANDS.match(text):
        text = re.sub(r"[. \u00a0]", "", text)
    if re.fullmatch(r"[-+]?\d+", text):
        return ParsedNumber(int(text))
    if re.fullmatch(r"[-+]?\d+[.,]\d+", text):
        return ParsedNumber(None, Text("values.parse.fraction_text", raw=raw.strip()))
    return ParsedNumber(None, Text("values.parse.not_number", raw=raw.strip()))


def field_label(ind: Indicator, breakdown: str | None, field_name: str) -> str:
    """"X.1 (Nữ) – tử số": a coded Text (Vietnamese as a str)."""
    BREAKDOWN_LABELS_VI[breakdown]  # noqa: B018 - an unknown breakdown is a KeyError, as before
    return Text("values.field", code=ind.code, who=Text(f"values.who.{breakdown or 'total'}"),
                part=Text(f"values.part.{field_name}"))


def _issue(severity: str, ind: Indicator, bd: str | None, fld: str, code: str, text: str) -> Issue:
    """`text` is a coded Text (the problem without the field's name)."""
    return Issue(severity, ind.code, bd, fld, code, Text("values.issue", label=field_label(ind, bd, fld), text=text))


def rate(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return 100.0 * numerator / denominator


def resolve_catalogue(catalogue: Catalogue | Period | str | None) -> dict[str, Indicator]:
    """`by_code` of a Catalogue, of a period's programme, or of a programme code; None: plan 2780."""
    if catalogue is None:
        return by_code()
    if isinstance(catalogue, Catalogue):
        return catalogue.by_code
    return catalogue_for(catalogue).by_code


# Beyond domain/text.py's control characters: line and paragraph separators and the bidirectional
# overrides, which could make a decision number read differently from what is stored.
_INVISIBLE = re.compile("[\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_DECISION_TEXT = 200


def decision_text_problem(text: str | None) -> str | None:
    """A decision number or issuing body is one-line text (domain/text.py's rule for one-line fields),
    without bidirectional overrides either; None when acceptable, else the reason in Vietnamese."""
    from xhht_desktop.domain.text import control_problem_vi  # noqa: PLC0415

    problem = control_problem_vi(text)
    if problem is None and _INVISIBLE.search(text or ""):
        problem = Text("values.invisible")
    return problem


def parse_decision_date(raw: object) -> tuple[str | None, str | None]:
    """ISO date from "2024-05-31", "31/05/2024" or a date; (iso, None) or (None, error code)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat(), None
    if isinstance(raw, dt.date):
        return raw.isoformat(), None
    if not isinstance(raw, str):
        return None, "bad_decision_date"
    text = raw.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat(), None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat(), None
    except ValueError:
        pass
    return None, "bad_decision_date"


def _level_issues(ind: Indicator, e: Entry, today: dt.date) -> list[Issue]:
    """A degree within the scale; a degree above 0 comes with its decision (number, date, body)."""
    out: list[Issue] = []
    lo, hi = ind.scale or (0, 0)
    if isinstance(e.value, int) and not isinstance(e.value, bool) and e.value >= 0 and not lo <= e.value <= hi:
        out.append(_issue("error", ind, e.breakdown, "value", "level_out_of_scale",
                          Text("values.level_out_of_scale", lo=lo, hi=hi)))
        return out
    for name in ("decision_no", "decision_body"):
        text = str(getattr(e, name) or "")
        problem = decision_text_problem(text)
        if problem:
            out.append(_issue("error", ind, e.breakdown, name, "control_char", problem))
        elif len(text) > MAX_DECISION_TEXT:
            out.append(_issue("error", ind, e.breakdown, name, "too_long",
                              Text("values.too_long", n=MAX_DECISION_TEXT)))
    day = None
    if e.decision_date:
        iso, err = parse_decision_date(e.decision_date)
        if err:
            out.append(_issue("error", ind, e.breakdown, "decision_date", "bad_decision_date",
                              Text("values.bad_decision_date", date=e.decision_date)))
        else:
            day = dt.date.fromisoformat(iso)
            if day > today:
                out.append(_issue("error", ind, e.breakdown, "decision_date", "decision_in_future",
                                  Text("values.decision_in_future", day=f"{day:%d/%m/%Y}")))
    if e.value is None and (e.decision_no or e.decision_date or e.decision_body):
        out.append(_issue("error", ind, e.breakdown, "value", "decision_without_level",
                          Text("values.decision_without_level")))
    if e.value is not None and e.value > lo:
        missing = [name for name in ("decision_no", "decision_date", "decision_body")
                   if not str(getattr(e, name) or "").strip()]
        for name in missing:
            out.append(_issue("error", ind, e.breakdown, name, "decision_missing",
                              Text(f"values.decision_missing.{name}", level=e.value)))
    return out


def validate_entries(
    entries: list[Entry],
    previous: dict[tuple[str, str | None], Entry] | None = None,
    *,
    catalogue: Catalogue | Period | str | None = None,
    today: dt.date | None = None,
) -> list[Issue]:
    """Check a unit's figures for one period. Errors block saving; warnings do not.

    `catalogue` is the period's catalogue (a Catalogue, a Period or period code, or a programme
    code); without it, plan 2780's, as before. `today` bounds a recognition decision's date.
    """
    catalogue = resolve_catalogue(catalogue)
    today = today or dt.date.today()
    issues: list[Issue] = []
    by_key = {e.key: e for e in entries}
    for e in entries:
        ind = catalogue.get(e.indicator)
        if ind is None:
            issues.append(Issue("error", e.indicator, e.breakdown, "row", "unknown_indicator",
                                Text("values.unknown_indicator", code=e.indicator)))
            continue
        if e.breakdown is not None and e.breakdown not in ind.breakdowns:
            issues.append(_issue("error", ind, None, "row", "unknown_breakdown",
                                 Text("values.unknown_breakdown", breakdown=e.breakdown)))
            continue
        if ind.kind == "level":
            issues.extend(_level_issues(ind, e, today))
        elif e.decision_no or e.decision_date or e.decision_body:
            issues.append(_issue("error", ind, e.breakdown, "row", "decision_on_non_level",
                                 Text("values.decision_on_non_level")))
        if ind.has_fraction:
            if e.value is not None:
                issues.append(_issue("error", ind, e.breakdown, "value", "value_on_rate",
                                     Text("values.value_on_rate")))
            fields = (("numerator", e.numerator), ("denominator", e.denominator))
        else:
            if e.numerator is not None or e.denominator is not None:
                issues.append(_issue("error", ind, e.breakdown, "value", "fraction_on_value",
                                     Text("values.fraction_on_value")))
            fields = (("value", e.value),)
        for name, number in fields:
            if number is None:
                continue
            if not isinstance(number, int) or isinstance(number, bool):
                issues.append(_issue("error", ind, e.breakdown, name, "not_whole", Text("values.not_whole")))
            elif number < 0:
                issues.append(_issue("error", ind, e.breakdown, name, "negative", Text("values.negative")))
            elif number > MAX_PEOPLE:
                issues.append(_issue("error", ind, e.breakdown, name, "too_large",
                                     Text("values.too_large", number=format_int(number), max=format_int(MAX_PEOPLE))))
        if any(i.severity == "error" and i.indicator == ind.code and i.breakdown == e.breakdown for i in issues):
            continue
        if ind.kind == "flag" and e.value is not None and e.value not in (0, 1):
            issues.append(_issue("error", ind, e.breakdown, "value", "flag_not_01",
                                 Text("values.flag_not_01")))
        if ind.has_fraction:
            if (e.numerator is None) != (e.denominator is None):
                fld = "denominator" if e.denominator is None else "numerator"
                issues.append(_issue("error", ind, e.breakdown, fld, "half_fraction",
                                     Text(f"values.half_fraction.{fld}")))
            elif e.numerator is not None and e.denominator is not None:
                if e.denominator == 0 and e.numerator == 0:
                    pass
                elif e.denominator == 0:
                    issues.append(_issue("error", ind, e.breakdown, "denominator", "zero_denominator",
                                         Text("values.zero_denominator")))
                if e.numerator > e.denominator:
                    issues.append(_issue("error", ind, e.breakdown, "numerator", "num_gt_den",
                                         Text("values.num_gt_den", numerator=format_int(e.numerator),
                                              denominator=format_int(e.denominator))))
        if e.breakdown is not None:
            total = by_key.get((ind.code, None))
            if total is not None:
                pairs = (("numerator", e.numerator, total.numerator),
                         ("denominator", e.denominator, total.denominator),
                         ("value", e.value, total.value))
                for name, part, whole in pairs:
                    if part is not None and whole is not None and part > whole:
                        issues.append(_issue("error", ind, e.breakdown, name, "breakdown_gt_total",
                                             Text("values.breakdown_gt_total", part=format_int(part),
                                                  whole=format_int(whole))))
        if previous and ind.has_fraction and e.breakdown is None:
            prev = previous.get(e.key)
            if prev is not None:
                now_rate, prev_rate = rate(e.numerator, e.denominator), rate(prev.numerator, prev.denominator)
                if now_rate is not None and prev_rate is not None and abs(now_rate - prev_rate) > WARN_RATE_JUMP_POINTS:
                    issues.append(_issue("warning", ind, None, "numerator", "rate_jump",
                                         Text("values.rate_jump", now=format_percent(now_rate),
                                              prev=format_percent(prev_rate))))
                if (e.denominator and prev.denominator
                        and abs(e.denominator - prev.denominator) > WARN_DENOMINATOR_CHANGE * prev.denominator):
                    issues.append(_issue("warning", ind, None, "denominator", "denominator_jump",
                                         Text("values.denominator_jump", now=format_int(e.denominator),
                                              prev=format_int(prev.denominator))))
    from xhht_desktop.domain.text import control_problem_vi  # noqa: PLC0415
    for e in entries:  # the comment is text: a multi-line note, control characters refused
        ind = catalogue.get(e.indicator)
        problem = control_problem_vi(e.comment, multiline=True) if ind is not None else None
        if problem:
            issues.append(_issue("error", ind, e.breakdown, "comment", "control_char", problem))
    return issues


def entries_sound(entries, catalogue: dict[str, Indicator], today: dt.date) -> bool:
    """True only when `validate_entries(entries, catalogue=..., today=today)` (no previous period)
    finds nothing: the merge's common case (a period of 69 sound figures) without building messages.
    `entries` are Entry-shaped tuples (indicator, breakdown, numerator, denominator, value, comment,
    decision_no, decision_date, decision_body), normalised as Entry holds them. Any doubt gives False
    and the full rules speak; never True for a period they would refuse or warn about
    (tests/core/test_values_fast_check.py compares both on sound, broken and hostile figures)."""
    totals: dict[str, tuple] = {}
    parts: list[tuple] = []
    for t in entries:
        code, bd, num, den, val, comment, dno, ddate, dbody = t
        ind = catalogue.get(code)
        if ind is None or (bd is not None and bd not in ind.breakdowns):
            return False
        kind = ind.kind
        if kind == "level":
            if _level_issues(ind, Entry(*t), today):
                return False
        elif dno or ddate or dbody:
            return False
        if kind == "rate" or kind == "trend":  # has_fraction
            if val is not None:
                return False
            if num is None or den is None:
                if num is not None or den is not None:
                    return False
            elif type(num) is not int or type(den) is not int or not 0 <= num <= den <= MAX_PEOPLE:
                return False  # also a zero denominator over a numerator above 0: num > den
        else:
            if num is not None or den is not None:
                return False
            if val is not None and (type(val) is not int or not 0 <= val <= MAX_PEOPLE
                                    or (kind == "flag" and val > 1)):
                return False
        if type(comment) is not str or (comment and not comment.isprintable() and _CONTROL_MULTI.search(comment)):
            return False
        if bd is None:
            totals[code] = t  # as validate_entries finds a total: by its own indicator code
        else:
            parts.append((ind.code, t))
    for code, t in parts:  # a breakdown within its total (every figure is a sound int or None by now)
        total = totals.get(code)
        if total is not None:
            for i in (2, 3, 4):
                if t[i] is not None and total[i] is not None and t[i] > total[i]:
                    return False
    return True


def errors_only(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


# ---- Vietnamese number formatting (1.166.795 and 97,80%) -------------------------------------

def format_int(n: int | float | None, blank: str = "") -> str:
    if n is None:
        return blank
    return f"{int(round(n)):,}".replace(",", ".")


def format_decimal(x: float | None, digits: int = 2, blank: str = "") -> str:
    if x is None:
        return blank
    text = f"{x:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(x: float | None, digits: int = 2, blank: str = "") -> str:
    if x is None:
        return blank
    return format_decimal(x, digits) + "%"
