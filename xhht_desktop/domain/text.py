"""Vietnamese text helpers: NFC normalisation, accent-insensitive matching, ASCII slugs."""

from __future__ import annotations

import re
import unicodedata

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
