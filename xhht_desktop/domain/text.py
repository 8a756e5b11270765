"""Vietnamese text helpers: NFC normalisation, accent-insensitive matching, ASCII slugs, and which
control characters each kind of field accepts."""

from __future__ import annotations

import re
import unicodedata

from xhht_desktop.messages import Text

# Spelling variants seen in official unit lists (Đắk/Đăk, Ngọk/Ngok) fold to the same key
# once tone marks and breves are stripped, so no table is needed for them.


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def fold(text: str | None) -> str:
    """Lower-case, accent-free key: "Đắk Pék" and "dak pek" and "ĐĂK PEK" all give "dak pek"."""
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("'", " ").replace("’", " ")
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def matches(query: str, *haystacks: str) -> bool:
    """True when every word of the query occurs (accent-insensitively) in one of the haystacks."""
    words = fold(query).split()
    if not words:
        return True
    folded = " ".join(fold(h) for h in haystacks)
    return all(word in folded for word in words)


def ascii_slug(text: str, sep: str = "_") -> str:
    """"Xã Đắk Pék" -> "Xa_Dak_Pek": safe in file names and e-mail subjects."""
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^A-Za-z0-9]+", sep, stripped).strip(sep)


# ---- control characters (issue 12: text is data) ------------------------------------------------
#
# What each kind of field accepts, at entry (form), import (Excel) and merge (sync) alike:
# * every field refuses C0 controls other than tab, line feed and carriage return (U+0000–U+0008,
#   U+000B, U+000C, U+000E–U+001F), DEL (U+007F) and the C1 controls (U+0080–U+009F): they are
#   invisible, cannot be typed on purpose, and some programs we hand text to (spreadsheets, the
#   workbook writer, e-mail) refuse or misread them;
# * a one-line field (titles, names, places, partners, funding, decision numbers, who made a
#   change) also refuses tab, line feed and carriage return. The form and the Excel import first
#   turn those into a space (a tab pasted from a sheet, a line break typed with Alt+Enter in a cell);
#   what arrives by sync has already been through that, so the merge refuses them;
# * a multi-line field (activity notes, the centre's notes, a figure's comment, the centre's list of
#   branches, one per line) keeps tab, line feed and carriage return.

_CONTROL_MULTI = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_LINE_SPACE = re.compile("[ \t\r\n]+")
CONTROL_LINE_RE = _CONTROL_LINE  # for column-wide checks of one-line text (sync/tables.py)


def control_characters(text: str | None, *, multiline: bool = False) -> list[str]:
    """The control characters `text` may not hold, as "U+0007" codes (sorted, each once)."""
    if not text:
        return []
    pattern = _CONTROL_MULTI if multiline else _CONTROL_LINE
    return sorted({f"U+{ord(ch):04X}" for ch in pattern.findall(text)})


def control_problem_vi(text: str | None, *, multiline: bool = False) -> str | None:
    """None when `text` is acceptable, else the reason without the field's name: a coded Text
    (xhht_desktop/messages.py), Vietnamese as a str."""
    found = control_characters(text, multiline=multiline)
    if not found:
        return None
    shown = ", ".join(found[:3]) + ("…" if len(found) > 3 else "")
    if not multiline and set(found) <= {"U+0009", "U+000A", "U+000D"}:
        return Text("text.one_line", shown=shown)
    return Text("text.control", shown=shown)


def one_line(text: str) -> str:
    """What the form and the import keep of a one-line field: runs of spaces, tabs and line breaks
    become one space, ends trimmed. Other control characters are left for the check to refuse."""
    return _LINE_SPACE.sub(" ", text).strip()
