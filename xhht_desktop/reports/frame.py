"""The official frame of a paper (Nghị định 30/2020/NĐ-CP, Phụ lục I): the number line, the place
and the chosen date, "Nơi nhận" and the signer block.

"Số: 12/BC-UBND": the running number, then the kind of paper (BC: báo cáo) and the issuing body's
own abbreviation (the prefix, "BC-UBND", "BC-SGDĐT"). A number left empty prints "Số:      /BC-UBND"
for the clerk (văn thư) to write in when the paper is registered. Numbers run per issuing body
through a calendar year: the next paper is offered the last number + 1, the same paper again its
own number, a new year starts at 1.

The signer block follows the decree's forms: "TM. ỦY BAN NHÂN DÂN" when the head signs for a
collective body, "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH" when a deputy signs for the head, the
signer's full name below the room for the signature and seal.

Everything but the date is remembered per installation (the `meta` table), per kind of paper and
unit: a Department that prints a commune's sheet keeps that commune's chairman apart from its own
director. The date is chosen per paper (today unless the user says otherwise).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, replace

import sqlite_utils

from xhht_desktop.db import meta, units_repo

KEEP_COPY = "Lưu: VT"  # the office's own copy (văn thư), always last in "Nơi nhận"
NUMBER_KEY = "report_number_last"
MAX_RECIPIENTS = 20
MAX_TEXT = 200


def _key(kind: str, unit_code: str) -> str:
    return f"report_frame:{kind}:{unit_code}"


@dataclass
class Frame:
    prefix: str  # "BC-UBND": after the slash of the number line
    number: int | None = None  # None: left for the clerk to write in
    place: str = ""  # the date line's place ("Đắk Pék")
    day: dt.date | None = None  # None: the day of printing
    recipients: list[str] = field(default_factory=lambda: [KEEP_COPY])
    collective: str = ""  # "ỦY BAN NHÂN DÂN": the head signs "TM." of it
    head_title: str = ""  # "CHỦ TỊCH", "GIÁM ĐỐC"
    deputy_title: str = ""  # "PHÓ CHỦ TỊCH": a deputy signs "KT." for the head
    signer_name: str = ""
    preparer_name: str = ""

    @property
    def number_line(self) -> str:
        number = str(self.number) if self.number else " " * 8
        return f"Số: {number}/{self.prefix}" if self.prefix else f"Số: {number}"

    @property
    def signer_lines(self) -> list[str]:
        """["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] as printed, bold capitals."""
        lines = [f"TM. {self.collective}"] if self.collective else []
        if self.deputy_title:
            lines += [f"KT. {self.head_title}" if self.head_title else "", self.deputy_title]
        else:
            lines.append(self.head_title)
        return [ln.upper() for ln in lines if ln]

    @property
    def recipient_lines(self) -> list[str]:
        """"- Sở GD&ĐT tỉnh Kon Tum;" … "- Lưu: VT." (the last one ends with a full stop)."""
        items = [r.strip().rstrip(";.").strip() for r in self.recipients if r.strip()]
        return [f"- {r}{'.' if i == len(items) - 1 else ';'}" for i, r in enumerate(items)]

    def stored(self) -> dict:
        """What is remembered: everything but the number and the date."""
        data = asdict(self)
        data.pop("number")
        data.pop("day")
        return data


class FrameError(ValueError):
    """A frame the paper cannot carry; `code` and `params` are turned into words by the UI/CLI."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


FRAME_MESSAGES_VI = {
    "number": "Số văn bản phải là số nguyên dương (nhận được «{value}»).",
    "date": "Ngày ban hành phải theo dạng ngày/tháng/năm, ví dụ 05/07/2014 (nhận được «{value}»).",
    "too_long": "«{field}» dài quá {limit} ký tự.",
    "too_many": "«Nơi nhận» có quá {limit} dòng.",
}


def message_vi(exc: FrameError) -> str:
    return FRAME_MESSAGES_VI[exc.code].format(**exc.params)


def parse_day(text: str) -> dt.date:
    """"05/07/2014" or "2014-07-05"."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FrameError("date", value=text)


def parse_number(text: str | int | None) -> int | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        n = int(str(text).strip())
    except ValueError:
        raise FrameError("number", value=text) from None
    if n <= 0:
        raise FrameError("number", value=text)
    return n


def check(frame: Frame) -> Frame:
    """Raise FrameError for what would not fit a paper; the frame is returned unchanged."""
    for name in ("prefix", "place", "collective", "head_title", "deputy_title", "signer_name", "preparer_name"):
        if len(getattr(frame, name) or "") > MAX_TEXT:
            raise FrameError("too_long", field=name, limit=MAX_TEXT)
    if len(frame.recipients) > MAX_RECIPIENTS:
        raise FrameError("too_many", limit=MAX_RECIPIENTS)
    for r in frame.recipients:
        if len(r) > MAX_TEXT:
            raise FrameError("too_long", field="Nơi nhận", limit=MAX_TEXT)
    if frame.number is not None:
        parse_number(frame.number)
    return frame


def default_frame(unit: units_repo.Unit, kind: str, receiving_unit: str, preparer_name: str = "") -> Frame:
    """What a paper of `unit` carries before anyone changes it: the UBND signs as a collective body
    ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", prefix BC-UBND); the Department's director signs alone
    (prefix BC-SGDĐT). "Nơi nhận": the body the paper goes to, and the office's own copy."""
    recipients = [r.strip() for r in receiving_unit.split(";") if r.strip()] + [KEEP_COPY]
    if unit.level == "tinh":
        return Frame(prefix="BC-SGDĐT", place=unit.short_name, recipients=recipients, head_title="GIÁM ĐỐC",
                     preparer_name=preparer_name)
    return Frame(prefix="BC-UBND", place=unit.short_name, recipients=recipients, collective="ỦY BAN NHÂN DÂN",
                 head_title="CHỦ TỊCH", preparer_name=preparer_name)


def load(db: sqlite_utils.Database, kind: str, unit: units_repo.Unit, default: Frame,
         period_code: str | None = None) -> Frame:
    """The remembered frame of (kind, unit) over `default`; the number the next paper is offered."""
    frame = replace(default)
    raw = meta.get(db, _key(kind, unit.code))
    if raw:
        try:
            data = json.loads(raw)
        except ValueError:
            data = {}
        for name, value in (data if isinstance(data, dict) else {}).items():
            if name == "recipients" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                frame.recipients = value[:MAX_RECIPIENTS]
            elif name in Frame.__dataclass_fields__ and name not in ("number", "day", "recipients") \
                    and isinstance(value, str):
                setattr(frame, name, value[:MAX_TEXT])
    frame.number = next_number(db, document_key(kind, unit.code, period_code))
    return frame


def save(db: sqlite_utils.Database, kind: str, unit: units_repo.Unit, frame: Frame) -> None:
    check(frame)
    meta.put(db, _key(kind, unit.code), json.dumps(frame.stored(), ensure_ascii=False))


def document_key(kind: str, unit_code: str, period_code: str | None) -> str:
    return f"{kind}:{unit_code}:{period_code or ''}"


def next_number(db: sqlite_utils.Database, doc: str, today: dt.date | None = None) -> int | None:
    """The number offered to paper `doc`: its own if it was the last one numbered, else the last + 1
    within the same year, 1 in a new year; None before any paper was numbered (left blank)."""
    raw = meta.get(db, NUMBER_KEY)
    try:
        last = json.loads(raw) if raw else None
        number, year, last_doc = int(last["number"]), int(last["year"]), str(last.get("doc", ""))
    except (ValueError, TypeError, KeyError):
        return None
    if doc and last_doc == doc:
        return number
    if year != (today or dt.date.today()).year:
        return 1
    return number + 1


def record_number(db: sqlite_utils.Database, doc: str, number: int, day: dt.date) -> None:
    """Remember the number just given to paper `doc` (dated `day`)."""
    meta.put(db, NUMBER_KEY, json.dumps({"number": number, "year": day.year, "doc": doc}))


def frame_for(db: sqlite_utils.Database, kind: str, unit: units_repo.Unit, period) -> Frame:
    """The frame a paper of (kind, unit, period) gets unless told otherwise (what document_header
    applies): the remembered one over the defaults, with the number offered."""
    from xhht_desktop.reports import rows as R  # noqa: PLC0415

    header = R.document_header(db, unit, period, kind)
    assert isinstance(header.frame, Frame)
    return replace(header.frame, recipients=list(header.frame.recipients))


def issue(db: sqlite_utils.Database, kind: str, unit: units_repo.Unit, period, frame: Frame, *,
          remember: bool = True) -> None:
    """After a paper is made: remember its frame (when asked) and its number, if it has one."""
    if remember:
        save(db, kind, unit, frame)
    if frame.number:
        record_number(db, document_key(kind, unit.code, period.code), frame.number, frame.day or dt.date.today())
