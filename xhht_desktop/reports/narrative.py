"""The written sections of a report: what a person says about the figures, per unit and period.

"Đánh giá chung", "Tồn tại, hạn chế", "Kiến nghị, đề xuất", "Phương hướng, nhiệm vụ kỳ tới": kept in
the `narratives` table (migration 0007) with the sync columns, so they travel in packages to the
Department; every change goes to `history`. Printed after the tables of the progress sheet and the
consolidated report. The core returns codes with parameters (NarrativeError); the UI and the CLI
turn them into words.

The text file of `narrative set --file F` (and what `narrative show` prints) has one heading line per
section — "# Đánh giá chung" (the "#" and the case and accents of the title are optional) — followed
by its paragraphs; a section the file leaves out is emptied.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from xhht_desktop.db import units_repo, values_repo
from xhht_desktop.domain.periods import parse_period
from xhht_desktop.domain.text import control_characters, fold

SECTIONS = (
    ("danh_gia_chung", "Đánh giá chung"),
    ("ton_tai_han_che", "Tồn tại, hạn chế"),
    ("kien_nghi_de_xuat", "Kiến nghị, đề xuất"),
    ("phuong_huong", "Phương hướng, nhiệm vụ kỳ tới"),
)
SECTION_KEYS = tuple(k for k, _ in SECTIONS)
MAX_TEXT = 10_000  # characters per section: what a sync package accepts (sync.tables.MAX_TEXT)


@dataclass
class NarrativeError(ValueError):
    code: str
    params: dict

    def __str__(self) -> str:
        return message_vi(self)


MESSAGES_VI = {
    "too_long": "Mục «{section}» dài {length} ký tự, quá {limit} ký tự cho phép.",
    "control": "Mục «{section}» chứa ký tự điều khiển không in được ({chars}); xóa ký tự đó rồi lưu lại.",
    "unknown_section": "Dòng {line}: «{heading}» không phải tên một mục (các mục: {sections}).",
    "text_before_heading": "Dòng {line}: có chữ trước tiêu đề mục đầu tiên (mỗi mục bắt đầu bằng một dòng "
                           "«# Tên mục»).",
    "twice": "Mục «{section}» xuất hiện hai lần (dòng {line}).",
    "not_text": "Tệp không đọc được dưới dạng văn bản UTF-8.",
}


def message_vi(exc: NarrativeError) -> str:
    params = dict(exc.params)
    if "section" in params:
        params["section"] = dict(SECTIONS).get(params["section"], params["section"])
    return MESSAGES_VI[exc.code].format(**params)


# The same in English (the CLI's --lang en); section titles stay as the paper prints them.
SECTIONS_EN = {"danh_gia_chung": "General assessment", "ton_tai_han_che": "Shortcomings",
               "kien_nghi_de_xuat": "Recommendations", "phuong_huong": "Direction and tasks for the next period"}
MESSAGES_EN = {
    "too_long": "Section «{section}» is {length} characters long, over the {limit} allowed.",
    "control": "Section «{section}» holds control characters that cannot be printed ({chars}); delete them and "
               "save again.",
    "unknown_section": "Line {line}: «{heading}» is not the title of a section (the sections: {sections}).",
    "text_before_heading": "Line {line}: there is text before the first section's title (each section starts "
                           "with a line «# Section title»).",
    "twice": "Section «{section}» appears twice (line {line}).",
    "not_text": "The file cannot be read as UTF-8 text.",
}


def message_en(exc: NarrativeError) -> str:
    params = dict(exc.params)
    if "section" in params:
        key = params["section"]
        params["section"] = f"{dict(SECTIONS).get(key, key)}" + (f" ({SECTIONS_EN[key]})" if key in SECTIONS_EN else "")
    if "sections" in params:  # the titles a file must use, as the paper prints them
        params["sections"] = "; ".join(f"«{title}»" for _k, title in SECTIONS)
    return MESSAGES_EN[exc.code].format(**params)


def narrative_uuid(unit_key: str, period: str, section: str) -> str:
    from xhht_desktop.sync.tables import uuid5_text  # noqa: PLC0415 - the one uuid5 of synced records

    return uuid5_text(f"narrative|{unit_key}|{period}|{section}")


def check(texts: dict[str, str]) -> dict[str, str]:
    """The sections, each stripped; raises NarrativeError (nothing is saved then)."""
    out = {}
    for key, text in texts.items():
        if key not in SECTION_KEYS:
            raise NarrativeError("unknown_section", {"line": 0, "heading": key, "sections": ", ".join(SECTION_KEYS)})
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_TEXT:
            raise NarrativeError("too_long", {"section": key, "length": len(text), "limit": MAX_TEXT})
        bad = control_characters(text, multiline=True)
        if bad:
            raise NarrativeError("control", {"section": key, "chars": ", ".join(bad[:3])})
        out[key] = text
    return out


def load(db: sqlite_utils.Database, unit_id: int, period: str) -> dict[str, str]:
    """{section: text} of a unit and period (sections never written are absent); {} without the table."""
    try:
        rows = db.conn.execute("SELECT section, text FROM narratives WHERE unit_id=? AND period=? AND deleted=0",
                               (unit_id, period)).fetchall()
    except sqlite3.OperationalError:  # an older database, not migrated (read-only copy)
        return {}
    return {s: t for s, t in rows if s in SECTION_KEYS and t}


def save(db: sqlite_utils.Database, unit_id: int, period: str, texts: dict[str, str], *, actor: str,
         origin: str, source: str = "form") -> int:
    """Write the sections given (all or none); returns how many changed. An empty text empties it."""
    texts = check(texts)
    stamp = values_repo.now_iso()
    unit_key = db.conn.execute("SELECT key FROM units WHERE id=?", (unit_id,)).fetchone()[0]
    changed = 0
    with db.atomic():
        for key, text in texts.items():
            old = db.conn.execute("SELECT uuid, text, revision, deleted FROM narratives "
                                  "WHERE unit_id=? AND period=? AND section=?", (unit_id, period, key)).fetchone()
            if old is None:
                if not text:
                    continue
                rec, before, revision = narrative_uuid(unit_key, period, key), None, 1
                db.conn.execute(
                    """INSERT INTO narratives (uuid, unit_id, period, section, text, revision, base_revision,
                           updated_at, updated_by, origin) VALUES (?,?,?,?,?,1,0,?,?,?)""",
                    (rec, unit_id, period, key, text, stamp, actor, origin))
            else:
                rec, before, revision, deleted = old
                if before == text and not deleted:
                    continue
                revision += 1
                db.conn.execute(
                    """UPDATE narratives SET text=?, revision=?, base_revision=?, updated_at=?, updated_by=?,
                           origin=?, deleted=0 WHERE uuid=?""",
                    (text, revision, revision - 1, stamp, actor, origin, rec))
            changes = [("text", before, text)] if old is None or before != text else []
            if old is not None and deleted:  # written again over a deletion: that is a change too
                changes.append(("deleted", "1", "0"))
            db.conn.executemany(
                """INSERT INTO history (table_name, record_uuid, field, old_value, new_value, revision,
                       changed_at, changed_by, origin, source) VALUES ('narratives',?,?,?,?,?,?,?,?,?)""",
                [(rec, f, o, n, revision, stamp, actor, origin, source) for f, o, n in changes])
            changed += 1
    return changed


_HEADING = re.compile(r"^\s*#+\s*(.+?)\s*$")
_TITLES = {fold(title): key for key, title in SECTIONS}
_TITLES.update({fold(title.split(",")[0]): key for key, title in SECTIONS})  # "Tồn tại", "Kiến nghị"
_TITLES.update({key: key for key in SECTION_KEYS})


def parse_text(content: str) -> dict[str, str]:
    """The sections of a text file (see the module's docstring); every section present in the result."""
    out = {key: [] for key in SECTION_KEYS}
    seen: set[str] = set()
    current: str | None = None
    for n, line in enumerate(content.replace("\r\n", "\n").split("\n"), start=1):
        m = _HEADING.match(line)
        if m:
            title = re.sub(r"^[IVX]+\.\s*", "", m.group(1))
            key = _TITLES.get(fold(title).rstrip(":"))
            if key is None:
                raise NarrativeError("unknown_section", {"line": n, "heading": m.group(1)[:80],
                                                         "sections": "; ".join(t for _, t in SECTIONS)})
            if key in seen:
                raise NarrativeError("twice", {"section": key, "line": n})
            seen.add(key)
            current = key
            continue
        if current is None:
            if line.strip():
                raise NarrativeError("text_before_heading", {"line": n})
            continue
        out[current].append(line)
    return check({key: "\n".join(lines) for key, lines in out.items()})


def as_text(texts: dict[str, str]) -> str:
    """The sections as the file `parse_text` reads."""
    return "\n\n".join(f"# {title}\n\n{texts.get(key, '').strip()}".rstrip() for key, title in SECTIONS) + "\n"


# ---- CLI ------------------------------------------------------------------------------------------

def cmd_narrative(args, ctx) -> int:
    from xhht_desktop.cli import EXIT_OK, CliError, period_label, tr  # noqa: PLC0415 - the CLI imports this module

    period = parse_period(args.period)
    inst = ctx.installation()
    if args.unit:
        unit = units_repo.find_unit(ctx.db, args.unit, period)
        if unit is None:
            raise CliError("cli.unknown_unit", code=args.unit)
    else:
        unit = inst.unit
    if args.action == "show":
        print(as_text(load(ctx.db, unit.id, period.code)), end="")
        return EXIT_OK
    if unit.id != inst.unit.id:
        raise CliError(tr(f"Máy này chỉ viết phần đánh giá của {inst.unit.name}; phần của {unit.name} do "
                          "đơn vị đó viết và gửi lên.",
                          f"This installation writes only the narrative of {inst.unit.name}; that of {unit.name} is "
                          "written and sent by that unit."))
    try:
        content = Path(args.file).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(tr(MESSAGES_VI["not_text"], MESSAGES_EN["not_text"])) from None
    except OSError as exc:
        raise CliError(tr(f"Không đọc được tệp «{args.file}»: {exc.strerror or exc}",
                          f"Cannot read file «{args.file}»: {exc.strerror or exc}")) from exc
    try:
        changed = save(ctx.db, unit.id, period.code, parse_text(content), actor=inst.actor,
                       origin=inst.installation_id, source="cli")
    except NarrativeError as exc:
        raise CliError(tr(message_vi(exc), message_en(exc))) from exc
    print(tr(f"Đã lưu phần đánh giá của {unit.name}, {period.label_vi.lower()}: {changed} mục thay đổi.",
             f"Saved the narrative of {unit.name}, {period_label(period).lower()}: {changed} sections changed."))
    return EXIT_OK


def register(subparsers) -> None:
    from xhht_desktop.cli import tr  # noqa: PLC0415 - the CLI imports this module

    p = subparsers.add_parser("narrative", help=tr("phần đánh giá, tồn tại, kiến nghị, phương hướng của báo cáo",
                                                   "the report's narrative: assessment, shortcomings, "
                                                   "recommendations, direction"))
    sub = p.add_subparsers(dest="action", required=True)
    s = sub.add_parser("set", help=tr("lưu từ tệp văn bản: mỗi mục bắt đầu bằng dòng «# Tên mục»",
                                      "save from a text file: each section starts with a line «# Section title» "
                                      "(the Vietnamese titles, as «show» prints them)"))
    s.add_argument("--period", required=True)
    s.add_argument("--file", required=True, type=Path)
    s.add_argument("--unit", help=tr("mã đơn vị (chỉ đơn vị của máy này)", "unit code (only this installation's unit)"))
    s.set_defaults(func=cmd_narrative)
    sh = sub.add_parser("show", help=tr("in phần đánh giá của một kỳ (dạng tệp mà «set» đọc được)",
                                        "print the narrative of a period (as a file «set» reads)"))
    sh.add_argument("--period", required=True)
    sh.add_argument("--unit", help=tr("mã đơn vị (mặc định: đơn vị của máy này)",
                                      "unit code (default: this installation's unit)"))
    sh.set_defaults(func=cmd_narrative)
