"""Words: one tone-mark convention (the legal texts': hóa, khóa, xóa, thủy, hòa) across the
interface, the papers and the guide; the terms the issue named stay fixed."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A tone mark on the second vowel of an open "oa", "oe", "uy" syllable (written "ho" + "á", not "hó" + "a"; not "quý").
NEW_STYLE = re.compile(r"(?<![qQ])([oO][áàảãạéèẻẽẹ]|[uU][ýỳỷỹỵ])(?!\w)")


def _texts():
    for folder, pattern in (("ui", "*.py"), ("xhht_desktop", "*.py"), ("docs", "*.md"),
                            ("resources/translations", "*.ts"), ("resources/translations", "*.tsv")):
        for path in (ROOT / folder).rglob(pattern):
            yield path, path.read_text(encoding="utf-8")
    yield ROOT / "README.md", (ROOT / "README.md").read_text(encoding="utf-8")


def test_tone_marks_follow_the_legal_texts():
    bad = []
    for path, text in _texts():
        for n, line in enumerate(text.splitlines(), start=1):
            for m in NEW_STYLE.finditer(line):
                bad.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)}")
    assert not bad, "\n".join(bad[:20])


def test_named_wordings_are_gone():
    for path, text in _texts():
        if path.suffix == ".ts":  # obsolete entries may keep old sources
            text = re.sub(r'<message>(?:(?!</message>).)*type="vanished"(?:(?!</message>).)*</message>', "", text,
                          flags=re.S)
        for phrase in ("bia mộ", "trung tâm HTCĐ", "Dấu vân tay máy", "giai đoạn 2013–2020"):
            assert phrase not in text, (path, phrase)
